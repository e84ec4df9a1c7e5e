"""Run-time limits and switches, validated once.

Limits exist because uploads come from strangers in the app: a 2 GB file or a 5,000-page scan
must be refused with a clear message, not exhaust the server.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    ocr: bool = True  # OCR image-only pages with Tesseract when it is installed
    ocr_language: str = "eng"
    ocr_dpi: int = 300
    password: str | None = None  # for password-protected PDFs

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.max_pages <= 0:
            raise ConfigError(f"max_pages must be positive, got {self.max_pages}")
        if not 72 <= self.ocr_dpi <= 600:
            raise ConfigError(f"ocr_dpi must be between 72 and 600, got {self.ocr_dpi}")

    @classmethod
    def resolve(cls, value: Settings | Mapping[str, Any] | None) -> Settings:
        if value is None:
            return cls()
        if isinstance(value, Settings):
            return value
        unknown = set(value) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ConfigError(f"unknown settings: {sorted(unknown)}")
        return cls(**dict(value))

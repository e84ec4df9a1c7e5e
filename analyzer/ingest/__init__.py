"""Ingestion: any file a buyer receives becomes one typed Document, or a DocumentError.

The real type is sniffed from the bytes, not trusted from the extension: a PDF saved as
``.docx`` by a mail gateway is still a PDF. Every path (CLI, app upload, tests) passes bytes
through ``load`` so there is one code path to get right.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import DocumentTooLargeError, EmptyDocumentError, UnsupportedFormatError
from ..records import DocFormat, Document
from ..settings import Settings

SUPPORTED = "PDF, Word (.docx), Excel (.xlsx), e-mail (.eml), text (.txt) and Markdown (.md)"
_EML_HEADERS = (
    b"from:",
    b"to:",
    b"subject:",
    b"date:",
    b"received:",
    b"mime-version:",
    b"return-path:",
    b"message-id:",
    b"delivered-to:",
)


def sniff(data: bytes, filename: str) -> DocFormat:
    """The format the bytes really are; the extension only breaks ties between text kinds."""
    head = data[:2048].lstrip()
    suffix = Path(filename).suffix.lower()
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "docx" if suffix == ".docx" else "xlsx" if suffix == ".xlsx" else "other"
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "other"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "other"  # legacy .doc/.xls (OLE2)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "other"
    lines = [ln.strip().lower() for ln in head.splitlines()[:12] if ln.strip()]
    if sum(ln.startswith(_EML_HEADERS) for ln in lines) >= 2 or suffix == ".eml":
        return "eml"
    if suffix in (".md", ".markdown"):
        return "md"
    return "txt"


def load(
    source: Path | bytes, *, filename: str | None = None, settings: Settings | None = None
) -> Document:
    settings = Settings.resolve(settings)
    if isinstance(source, Path):
        name = filename or source.name
        size = source.stat().st_size
        if size > settings.max_bytes:
            raise _too_large(size, settings, name)
        data = source.read_bytes()
    else:
        name = filename or "upload"
        data = source
    return load_bytes(data, name, settings)


def _too_large(size: int, settings: Settings, name: str) -> DocumentTooLargeError:
    return DocumentTooLargeError(
        f"this file is {size / 1_048_576:.1f} MB; the limit is "
        f"{settings.max_bytes / 1_048_576:.1f} MB.",
        filename=name,
    )


def load_bytes(data: bytes, name: str, settings: Settings) -> Document:
    if not data.strip():
        raise EmptyDocumentError("the file is empty.", filename=name)
    if len(data) > settings.max_bytes:
        raise _too_large(len(data), settings, name)
    fmt = sniff(data, name)
    parser = _PARSERS.get(fmt)
    if parser is None:
        raise UnsupportedFormatError(
            f"this kind of file cannot be analysed. Supported: {SUPPORTED}.", filename=name
        )
    return parser(data, name, settings)


def _parse_pdf(data: bytes, name: str, settings: Settings) -> Document:
    from .pdf import parse_pdf

    return parse_pdf(data, name, settings)


def _parse_docx(data: bytes, name: str, settings: Settings) -> Document:
    from .docx import parse_docx

    return parse_docx(data, name, settings)


def _parse_xlsx(data: bytes, name: str, settings: Settings) -> Document:
    from .xlsx import parse_xlsx

    return parse_xlsx(data, name, settings)


def _parse_txt(data: bytes, name: str, settings: Settings) -> Document:
    from .text import parse_text

    return parse_text(data, name, settings, "txt")


def _parse_md(data: bytes, name: str, settings: Settings) -> Document:
    from .text import parse_text

    return parse_text(data, name, settings, "md")


def _parse_eml(data: bytes, name: str, settings: Settings) -> Document:
    from .eml import parse_eml

    return parse_eml(data, name, settings, load_bytes)


_PARSERS: dict[DocFormat, Callable[[bytes, str, Settings], Document]] = {
    "pdf": _parse_pdf,
    "docx": _parse_docx,
    "xlsx": _parse_xlsx,
    "txt": _parse_txt,
    "md": _parse_md,
    "eml": _parse_eml,
}

__all__ = ["SUPPORTED", "load", "load_bytes", "sniff"]

"""One error tree for the whole analyzer.

Bad input is the user's problem and must reach them as a sentence they understand, never a
traceback; internal defects are ours and may raise normally. Third-party exceptions are
wrapped where they occur (``raise XError(...) from exc``) so callers only ever catch ours.

AnalyzerError
├── DocumentError                 an input file could not be turned into a Document
│   ├── EmptyDocumentError        zero bytes, or parsed with no text at all
│   ├── UnsupportedFormatError    not a kind of file we read (sniffed from the bytes)
│   ├── CorruptDocumentError      claims a format but its bytes are broken
│   ├── EncryptedDocumentError    password-protected and no (or a wrong) password given
│   ├── ImageOnlyDocumentError    only page images and OCR (Tesseract) is not available
│   └── DocumentTooLargeError     over the configured byte or page limit
├── ConfigError                   settings, playbook or rollout files are invalid
└── ModelUnavailableError         a shipped model artefact is missing or unreadable

Each DocumentError has an ``exit_code`` so the CLI can return a distinct status per kind.
"""

from __future__ import annotations


class AnalyzerError(Exception):
    """Root of every error the analyzer raises on purpose."""


class DocumentError(AnalyzerError):
    """An input file could not be read; the message is meant for the person who uploaded it."""

    exit_code: int = 10
    reason: str = "unreadable"

    def __init__(self, message: str, *, filename: str) -> None:
        super().__init__(f"{filename}: {message}")
        self.filename = filename
        self.message = message


class EmptyDocumentError(DocumentError):
    exit_code = 11
    reason = "empty"


class UnsupportedFormatError(DocumentError):
    exit_code = 12
    reason = "unsupported"


class CorruptDocumentError(DocumentError):
    exit_code = 13
    reason = "corrupt"


class EncryptedDocumentError(DocumentError):
    exit_code = 14
    reason = "encrypted"


class ImageOnlyDocumentError(DocumentError):
    exit_code = 15
    reason = "image-only"


class DocumentTooLargeError(DocumentError):
    exit_code = 16
    reason = "too-large"


class ConfigError(AnalyzerError):
    """A settings, playbook or rollout file is invalid; the message names the file and field."""

    exit_code = 20


class ModelUnavailableError(AnalyzerError):
    """A model artefact shipped in ``models/`` or a model package is missing."""

    exit_code = 21

"""Bad input through the public API: each kind is its own error with a message a buyer can act on.

Files are built here (reportlab, python-docx, PIL) or taken from samples/, never mocked bytes
that no real tool would produce, except where the point is that the bytes are broken.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

import analyzer
from analyzer import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ImageOnlyDocumentError,
    Settings,
    UnsupportedFormatError,
)
from analyzer.cli import main
from tests.conftest import SAMPLES


def _pdf(text: str, *, password: str | None = None) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    encrypt = StandardEncryption(password, ownerPassword=password + "-owner") if password else None
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    pdf.drawString(72, 720, text)
    pdf.save()
    return buffer.getvalue()


def _image_only_pdf() -> bytes:
    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).text((100, 100), "Microsoft 365 E5 4,000 users", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=150)
    return buffer.getvalue()


def test_empty_file() -> None:
    with pytest.raises(EmptyDocumentError, match="empty"):
        analyzer.load(b"", filename="proposal.pdf")


def test_unsupported_binary_names_what_is_supported() -> None:
    with pytest.raises(UnsupportedFormatError, match=r"PDF, Word"):
        analyzer.load(bytes(range(256)) * 4, filename="photo.heic")


def test_legacy_word_file_is_unsupported_not_corrupt() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(UnsupportedFormatError):
        analyzer.load(ole, filename="proposal.doc")


def test_truncated_pdf_is_corrupt() -> None:
    data = _pdf("Microsoft 365 E5")
    with pytest.raises(CorruptDocumentError, match="damaged"):
        analyzer.load(data[: len(data) // 3], filename="proposal.pdf")


def test_corrupt_docx_is_corrupt() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><broken")
    with pytest.raises(CorruptDocumentError, match="Word file"):
        analyzer.load(buffer.getvalue(), filename="amendment.docx")


def test_pdf_named_docx_is_read_as_pdf() -> None:
    document = analyzer.load(_pdf("Microsoft 365 E5 for 4,000 users"), filename="offer.docx")
    assert document.format == "pdf"
    assert "4,000 users" in document.text


def test_password_protected_pdf_needs_its_password() -> None:
    data = _pdf("ECIF funding of USD 100,000", password="s3cret")
    with pytest.raises(EncryptedDocumentError, match="password-protected"):
        analyzer.load(data, filename="locked.pdf")
    with pytest.raises(EncryptedDocumentError, match="does not open"):
        analyzer.load(data, filename="locked.pdf", settings=Settings(password="wrong"))
    opened = analyzer.load(data, filename="locked.pdf", settings=Settings(password="s3cret"))
    assert "ECIF funding of USD 100,000" in opened.text


def test_image_only_pdf_without_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.ingest import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ImageOnlyDocumentError, match="OCR"):
        analyzer.load(_image_only_pdf(), filename="scan.pdf")


def test_image_only_pdf_with_ocr_disabled_is_also_refused_clearly() -> None:
    with pytest.raises(ImageOnlyDocumentError):
        analyzer.load(_image_only_pdf(), filename="scan.pdf", settings=Settings(ocr=False))


def test_too_many_bytes_and_too_many_pages(tmp_path: Path) -> None:
    data = _pdf("Microsoft 365 E3")
    with pytest.raises(DocumentTooLargeError, match="limit"):
        analyzer.load(data, filename="big.pdf", settings=Settings(max_bytes=100))
    three_pages = SAMPLES / "dev" / "dev-001.pdf"
    with pytest.raises(DocumentTooLargeError, match="3 pages"):
        analyzer.load(three_pages, settings=Settings(max_pages=2))


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.pdf", 11),
        (b"%PDF-1.7\n%%EOF", "truncated.pdf", 13),
        (bytes(range(256)) * 4, "x.bin", 12),
    ],
)
def test_cli_exit_codes_per_kind(tmp_path: Path, data: bytes, name: str, code: int) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["analyze", str(path)]) == code

"""Tesseract OCR for PDF pages that carry only an image (scanned, signed pages).

Only pages without a text layer are OCR'd: OCR is slow and less exact than the text layer, so
a mixed document keeps its real text where it has it. Tesseract's TSV output keeps the
paragraph structure and boxes, which become blocks with positions in PDF points.
"""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass

from ..records import Page
from ..settings import Settings
from .common import clean_inline


@dataclass(frozen=True)
class OcrBlock:
    text: str
    bbox: tuple[float, float, float, float]


@functools.lru_cache(maxsize=1)
def available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_pdf_pages(
    data: bytes,
    numbers: list[int],
    pages: list[Page],
    settings: Settings,
    *,
    password: str | None = None,
) -> dict[int, list[OcrBlock]]:
    import pypdfium2
    import pytesseract

    document = pypdfium2.PdfDocument(data, password=password)
    out: dict[int, list[OcrBlock]] = {}
    try:
        scale = settings.ocr_dpi / 72
        for number in numbers:
            image = document[number - 1].render(scale=scale, grayscale=True).to_pil()
            table = pytesseract.image_to_data(
                image,
                lang=settings.ocr_language,
                config="--psm 3",
                output_type=pytesseract.Output.DICT,
            )
            out[number] = _paragraphs(table, scale)
    finally:
        document.close()
    return out


def _paragraphs(table: dict[str, list[object]], scale: float) -> list[OcrBlock]:
    """Rebuild paragraphs (Tesseract block + paragraph numbers) with boxes in PDF points."""
    groups: dict[tuple[int, int], list[int]] = {}
    for i, word in enumerate(table["text"]):
        if not str(word).strip() or float(str(table["conf"][i])) < 0:
            continue
        key = (int(str(table["block_num"][i])), int(str(table["par_num"][i])))
        groups.setdefault(key, []).append(i)
    blocks = []
    for indices in groups.values():
        lines: dict[int, list[str]] = {}
        for i in indices:
            lines.setdefault(int(str(table["line_num"][i])), []).append(str(table["text"][i]))
        from .common import join_lines

        text = join_lines([" ".join(words) for _, words in sorted(lines.items())])
        left = min(int(str(table["left"][i])) for i in indices) / scale
        top = min(int(str(table["top"][i])) for i in indices) / scale
        right = max(int(str(table["left"][i])) + int(str(table["width"][i])) for i in indices)
        bottom = max(int(str(table["top"][i])) + int(str(table["height"][i])) for i in indices)
        blocks.append(OcrBlock(clean_inline(text), (left, top, right / scale, bottom / scale)))
    blocks.sort(key=lambda b: (b.bbox[1], b.bbox[0]))
    return [b for b in blocks if b.text]

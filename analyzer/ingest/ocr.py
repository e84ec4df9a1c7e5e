"""Tesseract OCR for PDF pages that carry only an image (scanned, signed pages).

Only pages without a text layer are OCR'd: OCR is slow and less exact than the text layer, so
a mixed document keeps its real text where it has it. Tesseract's TSV output keeps the
paragraph structure and boxes, which become blocks with positions in PDF points.
"""

from __future__ import annotations

import functools
import re
import shutil
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image

from ..records import Page
from ..settings import Settings
from .common import clean_inline
from .ocr_tables import Grid, Word, find_grids


@dataclass(frozen=True)
class OcrBlock:
    text: str
    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[str, ...], ...] = ()  # a ruled table rebuilt from its rules


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
            horizontal, vertical = rule_masks(image, settings.ocr_dpi)
            table = pytesseract.image_to_data(
                _erase(image, horizontal | vertical),
                lang=settings.ocr_language,
                config="--psm 3",
                output_type=pytesseract.Output.DICT,
            )
            out[number] = _page_blocks(table, find_grids(horizontal, vertical), scale)
    finally:
        document.close()
    return out


def without_rules(image: Image.Image, dpi: int) -> Image.Image:
    """The page with table rules erased.

    Tesseract's layout analysis reads a ruled licence table as one picture and drops rows
    (a scanned order lost its "Microsoft 365 F3 | 300" line); with the rules gone the rows read
    as lines of text.
    """
    horizontal, vertical = rule_masks(image, dpi)
    return _erase(image, horizontal | vertical)


def rule_masks(image: Image.Image, dpi: int) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Horizontal and vertical rule pixels: dark runs longer than any glyph, 0.6 inch across
    and 0.25 inch down."""
    dark = np.asarray(image.convert("L")) < 140
    return _long_runs(dark, int(dpi * 0.6)), _long_runs(dark.T, int(dpi * 0.25)).T


def _erase(image: Image.Image, rules: npt.NDArray[np.bool_]) -> Image.Image:
    gray = np.asarray(image.convert("L"))
    grown = rules.copy()  # one pixel wider, so anti-aliased edges go too
    grown[1:] |= rules[:-1]
    grown[:-1] |= rules[1:]
    grown[:, 1:] |= rules[:, :-1]
    grown[:, :-1] |= rules[:, 1:]
    if not grown.any():
        return image
    out = gray.copy()
    out[grown] = 255
    return Image.fromarray(out)


def _long_runs(mask: npt.NDArray[np.bool_], length: int) -> npt.NDArray[np.bool_]:
    """Pixels that belong to a horizontal run of at least `length` set pixels."""
    if length < 2 or mask.shape[1] < length:
        return np.zeros_like(mask)
    sums = np.cumsum(np.pad(mask, ((0, 0), (1, 0))), axis=1, dtype=np.int32)
    full = (sums[:, length:] - sums[:, :-length]) == length  # window starting at each column
    starts = np.pad(full, ((0, 0), (0, length - 1))).astype(np.int32)
    covered = np.cumsum(starts, axis=1)
    covered[:, length:] -= covered[:, :-length].copy()
    return covered > 0


@dataclass
class _Word:
    left: int
    right: int
    text: str


# Tesseract reads speckle after "365" as a stop ("Microsoft 365. F3", "Microsoft 365.E3") and
# drops the space before a plan code ("Office 365E3").
_STRAY_DOT = re.compile(r"\b365(\s?[.,]\s?|(?=[A-Z]\d\b))(?=[A-Z]\d\b)")


# ... and splits a numeric date at a gap between two digits ("valid until 31/1 2/2027").
_SPLIT_DATE = re.compile(r"\b(\d{1,2}[/.]\d) (\d[/.]\d{4})\b")


def fix_ocr_text(text: str) -> str:
    return _SPLIT_DATE.sub(r"\1\2", _STRAY_DOT.sub("365 ", text))


def _page_blocks(table: dict[str, list[object]], grids: list[Grid], scale: float) -> list[OcrBlock]:
    """Ruled tables from their grids, everything else as paragraphs, in reading order."""
    words = {
        i: Word(
            int(str(table["left"][i])),
            int(str(table["top"][i])),
            int(str(table["left"][i])) + int(str(table["width"][i])),
            int(str(table["top"][i])) + int(str(table["height"][i])),
            str(table["text"][i]),
        )
        for i, text in enumerate(table["text"])
        if str(text).strip() and float(str(table["conf"][i])) >= 0
    }
    blocks = []
    taken: set[int] = set()
    for grid in grids:
        inside = [i for i, word in words.items() if grid.contains(word)]
        rows = grid.rows([words[i] for i in inside])
        if len(rows) < 2:
            continue  # a ruled box around one line of prose is not a table
        taken.update(inside)
        x0, y0, x1, y1 = grid.bbox
        bbox = (x0 / scale, y0 / scale, x1 / scale, y1 / scale)
        cleaned = tuple(tuple(clean_inline(fix_ocr_text(c)) for c in row) for row in rows)
        blocks.append(OcrBlock(" | ".join(cleaned[0]), bbox, cleaned))
    blocks += _paragraphs(table, scale, skip=taken)
    blocks.sort(key=lambda b: (b.bbox[1], b.bbox[0]))
    return blocks


def _paragraphs(
    table: dict[str, list[object]], scale: float, skip: set[int] | None = None
) -> list[OcrBlock]:
    """Rebuild paragraphs (Tesseract block + paragraph numbers) with boxes in PDF points."""
    from .common import join_lines

    groups: dict[tuple[int, int], list[int]] = {}
    for i, word in enumerate(table["text"]):
        if not str(word).strip() or float(str(table["conf"][i])) < 0:
            continue
        if skip and i in skip:
            continue
        key = (int(str(table["block_num"][i])), int(str(table["par_num"][i])))
        groups.setdefault(key, []).append(i)
    blocks = []
    gap = round(0.2 * 72 * scale)  # wider than a space between words: a column boundary
    for indices in groups.values():
        lines: dict[int, list[_Word]] = {}
        for i in indices:
            x = int(str(table["left"][i]))
            word = _Word(x, x + int(str(table["width"][i])), str(table["text"][i]))
            lines.setdefault(int(str(table["line_num"][i])), []).append(word)
        rows = _merge_wrapped_cells([words for _, words in sorted(lines.items())], gap)
        text = join_lines([" ".join(w.text for w in words) for words in rows])
        left = min(int(str(table["left"][i])) for i in indices) / scale
        top = min(int(str(table["top"][i])) for i in indices) / scale
        right = max(int(str(table["left"][i])) + int(str(table["width"][i])) for i in indices)
        bottom = max(int(str(table["top"][i])) + int(str(table["height"][i])) for i in indices)
        text = fix_ocr_text(clean_inline(text))
        blocks.append(OcrBlock(text, (left, top, right / scale, bottom / scale)))
    blocks.sort(key=lambda b: (b.bbox[1], b.bbox[0]))
    return _join_broken_paragraphs([b for b in blocks if b.text])


def _join_broken_paragraphs(blocks: list[OcrBlock]) -> list[OcrBlock]:
    """Tesseract sometimes starts a new paragraph mid-sentence ("a voucher worth CAD" /
    "15,000 for AVHP's rollout"): a block that does not end a sentence, followed closely below
    by one that starts in lower case or with a digit, is the same paragraph."""
    out: list[OcrBlock] = []
    for block in blocks:
        if out:
            prev = out[-1]
            line = 14.0  # points: about one line of body text
            close = 0 <= block.bbox[1] - prev.bbox[3] <= line
            continues = block.text[:1].islower() or block.text[:1].isdigit()
            if close and continues and not prev.text.rstrip().endswith((".", ":", ";", "!", "?")):
                out[-1] = OcrBlock(
                    f"{prev.text} {block.text}",
                    (
                        min(prev.bbox[0], block.bbox[0]),
                        prev.bbox[1],
                        max(prev.bbox[2], block.bbox[2]),
                        block.bbox[3],
                    ),
                )
                continue
        out.append(block)
    return out


def _cells(words: list[_Word], gap: int) -> list[list[_Word]]:
    cells: list[list[_Word]] = []
    for word in words:
        if cells and word.left - cells[-1][-1].right <= gap:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _merge_wrapped_cells(lines: list[list[_Word]], gap: int) -> list[list[_Word]]:
    """Put a table cell's wrapped second line back into its row.

    A scanned licence table with "Microsoft 365 / E3" in one cell reads as "1 Microsoft 365 146
    46.73 81,870.96" then "E3": the plan name lands after the numbers. A line whose words all sit
    under one text cell of a multi-column row above it is that cell's continuation.
    """
    rows: list[list[_Word]] = []
    row_cells: list[list[_Word]] = []
    for line in lines:
        words = [w for w in line if w.text.strip("|_—-=*~.,") or w.text[:1].isalnum()]
        if rows and len(row_cells) >= 3 and words:
            host = next(
                (
                    cell
                    for cell in row_cells
                    if all(cell[0].left - gap // 2 <= w.left <= cell[-1].right + gap for w in words)
                ),
                None,
            )
            if host is not None and not any(ch.isdigit() for ch in host[0].text):
                position = rows[-1].index(host[-1]) + 1
                rows[-1][position:position] = words
                host.extend(words)
                continue
        rows.append(list(line))
        row_cells = _cells(line, gap)
    return rows

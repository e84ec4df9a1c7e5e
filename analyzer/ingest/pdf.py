"""PDF: pdfplumber for words and ruled tables, Tesseract for pages with no text layer.

Proposals put seat counts in ruled licence tables and the conditions in prose around them, so
tables are taken out first and the remaining words are rebuilt into lines, paragraphs, list
items and headings in reading order (columns left to right). Running headers, footers and page
numbers repeat on every page and would otherwise be read as clauses, so they are dropped.
"""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import os
import re
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import CorruptDocumentError, EncryptedDocumentError, ImageOnlyDocumentError
from ..records import Document, Page
from ..settings import Settings
from . import ocr
from .common import BlockBuilder, check_pages, clean_inline, finish, join_lines

_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
_GLYPHS = "•-–▪◦●■*"  # bullet characters, as opposed to enumerators such as "(a)" or "2."
_BULLET = re.compile(r"^([•\-–▪◦●■*]|\(?[0-9a-z]{1,3}[.)])\s+", re.IGNORECASE)
_MARGIN = 0.08  # fraction of the page height where running headers and footers live


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


def open_pdf(data: bytes, filename: str, password: str | None) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data), password=password or "")
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else None
        if (
            isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError)
            or "password" in repr(cause).lower()
        ):
            if password:
                raise EncryptedDocumentError(
                    "the password given does not open this PDF.", filename=filename
                ) from exc
            raise EncryptedDocumentError(
                "this PDF is password-protected. Enter its password to analyse it.",
                filename=filename,
            ) from exc
        raise CorruptDocumentError(
            "this PDF is damaged and cannot be read. Try re-saving or re-exporting it.",
            filename=filename,
        ) from exc
    except Exception as exc:  # pdfminer raises bare errors on truncated files
        raise CorruptDocumentError(
            "this PDF is damaged and cannot be read. Try re-saving or re-exporting it.",
            filename=filename,
        ) from exc


def parse_pdf(data: bytes, filename: str, settings: Settings) -> Document:
    pdf = open_pdf(data, filename, settings.password)
    with pdf:
        try:
            pages = list(pdf.pages)
        except Exception as exc:
            raise CorruptDocumentError(
                "this PDF's page tree is damaged and cannot be read.", filename=filename
            ) from exc
        check_pages(len(pages), settings, filename)
        page_records: list[Page] = []
        page_content: list[list[tuple[float, str, Any]]] = []
        warnings: list[str] = []
        needs_ocr: list[int] = []
        read = _read_parallel(data, settings.password, len(pages)) or _read_pages(pages)
        for number, item in enumerate(read, start=1):
            if item is None:
                raise CorruptDocumentError(
                    f"page {number} of this PDF is damaged and cannot be read.", filename=filename
                )
            width, height, has_images, content = item
            if not content and has_images:
                needs_ocr.append(number)
            page_records.append(Page(number=number, width=width, height=height))
            page_content.append(content)
        ocr_pages = _ocr_pages(data, needs_ocr, page_records, settings, filename, warnings)
    repeated = _repeated_margin_lines(page_content, page_records)
    builder = BlockBuilder()
    for number, content in enumerate(page_content, start=1):
        if number in ocr_pages:
            for block in ocr_pages[number]:
                if block.rows:
                    rows = [list(row) for row in block.rows]
                    builder.add_table(rows, page=number, bbox=block.bbox, ocr=True)
                else:
                    builder.add("paragraph", block.text, page=number, bbox=block.bbox, ocr=True)
            continue
        _emit_page(builder, content, number, page_records[number - 1], repeated)
    records = tuple(
        Page(p.number, p.width, p.height, ocr=p.number in ocr_pages) for p in page_records
    )
    if not builder.blocks and needs_ocr and not ocr_pages:
        reason = (
            "OCR is turned off"
            if not settings.ocr
            else "OCR (Tesseract) is not installed; install tesseract-ocr"
        )
        raise ImageOnlyDocumentError(
            f"this PDF contains only scanned images and {reason}, so no text can be read. "
            "Enable OCR or upload a text PDF.",
            filename=filename,
        )
    return finish(
        name=filename, fmt="pdf", data=data, builder=builder, pages=records, warnings=warnings
    )


PageRead = tuple[float, float, bool, list[tuple[float, str, Any]]] | None
_PARALLEL_MIN_PAGES = 12  # below this, starting a second process costs more than it saves


def _read_pages(pages: list[Any]) -> list[PageRead]:
    """Size, image flag and content per page; None marks a page pdfminer cannot parse, so the
    caller names the page in its error (exceptions do not cross process boundaries intact)."""
    out: list[PageRead] = []
    for page in pages:
        try:
            content = _page_content(page)
            out.append((float(page.width), float(page.height), bool(page.images), content))
        except Exception:
            out.append(None)
            break
    return out


def _read_range(data: bytes, password: str | None, start: int, stop: int) -> list[PageRead]:
    with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
        return _read_pages(pdf.pages[start:stop])


def _read_parallel(data: bytes, password: str | None, count: int) -> list[PageRead] | None:
    """pdfminer's object parsing is most of the time and is pure Python, so long documents are
    split over two forked processes. Only forks from a single-threaded process (a fork copies
    locks held by other threads); returns None to mean: read serially."""
    workers = min(2, os.cpu_count() or 1)
    if count < _PARALLEL_MIN_PAGES or workers < 2 or threading.active_count() > 1:
        return None
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return None
    middle = count // 2
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            second = pool.submit(_read_range, data, password, middle, count)
            first = _read_range(data, password, 0, middle)
            rest = second.result()
    except Exception:
        return None
    if len(first) < middle:
        return first  # the damaged page ends the read; its None is reported by the caller
    return first + rest


def _ocr_pages(
    data: bytes,
    numbers: list[int],
    pages: list[Page],
    settings: Settings,
    filename: str,
    warnings: list[str],
) -> dict[int, list[ocr.OcrBlock]]:
    if not numbers:
        return {}
    if not settings.ocr or not ocr.available():
        warnings.append(
            f"{len(numbers)} page(s) are scanned images and were not read: OCR is "
            + ("disabled." if not settings.ocr else "not installed (tesseract-ocr).")
        )
        return {}
    return ocr.ocr_pdf_pages(data, numbers, pages, settings, password=settings.password)


def _page_content(page: Any) -> list[tuple[float, str, Any]]:
    """Tables and text lines of one page as (top, kind, payload), tables first found."""
    content: list[tuple[float, str, Any]] = []
    table_boxes: list[tuple[float, float, float, float]] = []
    has_rules = bool(page.lines or page.rects)
    if has_rules:
        for table in page.find_tables():
            rows = _rejoin_broken_words(page, table, table.extract())
            if len(rows) >= 1 and max(len(r) for r in rows) >= 2:
                table_boxes.append(table.bbox)
                content.append((table.bbox[1], "table", (rows, table.bbox)))
    words = page.extract_words(
        keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"]
    )
    words = [w for w in words if not _inside(w, table_boxes)]
    for line in _lines(words, float(page.width)):
        content.append((line.top, "line", line))
    return content


def _rejoin_broken_words(page: Any, table: Any, extracted: list[list[Any]]) -> list[list[str]]:
    """Narrow cells are sometimes wrapped by character ("Microsof" / "t 365 Bu" / "siness"),
    and a product name split that way is no longer a product name. A line that ends within
    one character of its column's right edge, mid-word, was broken by width, not at a space,
    so it is joined to the next line without one. Word-wrapped lines keep their space."""
    rows = [[cell or "" for cell in row] for row in extracted]
    boxes = [list(row.cells) for row in table.rows]
    if len(boxes) != len(rows) or not any("\n" in cell for row in rows for cell in row):
        return rows
    chars = [c for c in page.chars if c["text"].strip() and _char_in(c, table.bbox)]
    lines_of: dict[tuple[int, int], list[list[dict[str, Any]]]] = {}
    edges: dict[int, float] = {}
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            if box is None or c >= len(rows[r]):
                continue
            inside = [ch for ch in chars if _char_in(ch, box)]
            lines = _char_lines(inside)
            lines_of[(r, c)] = lines
            for line in lines:
                edges[c] = max(edges.get(c, 0.0), float(line[-1]["x1"]))
    for (r, c), lines in lines_of.items():
        texts = rows[r][c].split("\n")
        if len(texts) != len(lines) or len(lines) < 2:
            continue
        out = texts[0]
        for above, below, text in zip(lines, lines[1:], texts[1:], strict=False):
            last, first = above[-1], below[0]
            gap = edges[c] - float(last["x1"])
            width = float(first["x1"]) - float(first["x0"])
            full = last["text"].isalnum() and first["text"].isalnum() and gap < width + 0.5
            out += ("" if full and _one_word(out, text) else "\n") + text
        rows[r][c] = out
    return rows


_TAIL = re.compile(r"[A-Za-z0-9]+$")
_HEAD = re.compile(r"^[A-Za-z0-9]+")


def _one_word(above: str, below: str) -> bool:
    """A full line also ends where a word wrap left barely a character of room ("Annual" /
    "upfront"), so the two pieces are joined only when the result is a more common word than
    a piece on its own ("Microsof" + "t"), or when no piece is a word at all (a SKU code)."""
    from wordfreq import zipf_frequency

    tail, head = _TAIL.search(above), _HEAD.search(below)
    if tail is None or head is None:
        return False
    a, b = tail.group().lower(), head.group().lower()
    if a.isdigit() and b.isdigit():
        return True  # "48,211.2" / "0": a figure broken by width
    za, zb, joined = (zipf_frequency(w, "en") for w in (a, b, a + b))
    if joined > 0:
        return joined >= min(za, zb)
    return za == 0 and zb == 0


def _char_in(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    mid_x = (float(char["x0"]) + float(char["x1"])) / 2
    mid_y = (float(char["top"]) + float(char["bottom"])) / 2
    return box[0] <= mid_x <= box[2] and box[1] <= mid_y <= box[3]


def _char_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda ch: (round(float(ch["top"])), float(ch["x0"]))):
        if lines and abs(float(lines[-1][0]["top"]) - float(char["top"])) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda ch: float(ch["x0"])) for line in lines]


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return any(
        x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes
    )


def _lines(words: list[dict[str, Any]], width: float) -> list[Line]:
    """Group words into lines, splitting at a column gutter so two columns never merge."""
    words = sorted(words, key=lambda w: (round(w["top"] / 3), w["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for word in words:
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segment: list[dict[str, Any]] = [row[0]]
        for word in row[1:]:
            gap = word["x0"] - segment[-1]["x1"]
            if gap > max(18.0, width * 0.04):
                lines.append(_line(segment))
                segment = [word]
            else:
                segment.append(word)
        lines.append(_line(segment))
    return lines


def _line(words: list[dict[str, Any]]) -> Line:
    sizes = Counter(round(float(w.get("size", 0)), 1) for w in words)
    bold = sum("bold" in str(w.get("fontname", "")).lower() for w in words) > len(words) / 2
    return Line(
        text=clean_inline(" ".join(w["text"] for w in words)),
        x0=min(w["x0"] for w in words),
        x1=max(w["x1"] for w in words),
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        size=sizes.most_common(1)[0][0],
        bold=bold,
    )


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _repeated_margin_lines(
    content: list[list[tuple[float, str, Any]]], pages: list[Page]
) -> set[str]:
    """Lines in the top or bottom margin that recur on most pages: running headers/footers."""
    if len(content) < 2:
        return set()
    seen: Counter[str] = Counter()
    for items, page in zip(content, pages, strict=True):
        keys = {
            _margin_key(payload.text)
            for top, kind, payload in items
            if kind == "line" and _in_margin(payload, page)
        }
        seen.update(keys)
    return {key for key, count in seen.items() if count >= max(2, len(content) // 2)}


def _in_margin(line: Line, page: Page) -> bool:
    return line.top < page.height * _MARGIN or line.bottom > page.height * (1 - _MARGIN)


def _columns(lines: list[Line], width: float) -> list[list[Line]]:
    """Split into left and right columns when a gutter near the middle runs down the page."""
    if len(lines) < 8:
        return [lines]
    middle = width / 2
    crossing = [ln for ln in lines if ln.x0 < middle - 6 and ln.x1 > middle + 6]
    left = [ln for ln in lines if ln.x1 <= middle + 6]
    right = [ln for ln in lines if ln.x0 >= middle - 6]
    if len(crossing) <= len(lines) * 0.1 and len(left) >= 4 and len(right) >= 4:
        full = sorted(crossing, key=lambda ln: ln.top)
        return [full, sorted(left, key=lambda ln: ln.top), sorted(right, key=lambda ln: ln.top)]
    return [lines]


def _emit_page(
    builder: BlockBuilder,
    content: list[tuple[float, str, Any]],
    number: int,
    page: Page,
    repeated: set[str],
) -> None:
    lines: list[Line] = []
    tables: list[tuple[float, Any]] = []
    for top, kind, payload in content:
        if kind == "table":
            tables.append((top, payload))
            continue
        line: Line = payload
        if _in_margin(line, page) and (
            _margin_key(line.text) in repeated or _PAGE_NUMBER.match(line.text)
        ):
            continue
        lines.append(line)
    if not lines and not tables:
        return
    body = Counter(ln.size for ln in lines).most_common(1)[0][0] if lines else 10.0
    columns = _columns(lines, page.width)
    if len(columns) > 1:
        for column in columns:
            _emit_lines(builder, column, [], number, body)
        for _, (rows, bbox) in sorted(tables, key=lambda t: t[0]):
            builder.add_table(rows, page=number, bbox=tuple(bbox))
        return
    _emit_lines(builder, _side_by_side(sorted(lines, key=lambda ln: ln.top)), tables, number, body)


_FORM_FIELD = re.compile(r"^[A-Z][\w /.'&-]{0,30}:")


def _side_by_side(lines: list[Line]) -> list[Line]:
    """Two signature blocks side by side ("Title: IT Manager, Kestrel Freight" | "Title:
    Account Manager, Bluewater Technology") are read column by column, so a wrapped name stays
    with its own party instead of merging with the other's. Only rows whose every segment is a
    form field ("Name:", "Title:") start such a region: a borderless price table keeps its rows.
    """
    rows: list[list[Line]] = []
    for line in lines:
        if rows and abs(rows[-1][0].top - line.top) <= 3:
            rows[-1].append(line)
        else:
            rows.append([line])
    out: list[Line] = []
    i = 0
    while i < len(rows):
        row = sorted(rows[i], key=lambda ln: ln.x0)
        if len(row) < 2 or not all(_FORM_FIELD.match(ln.text) for ln in row):
            out += row
            i += 1
            continue
        starts = [ln.x0 for ln in row]
        region = [row]
        i += 1
        while i < len(rows) and _aligned(rows[i], starts):
            region.append(sorted(rows[i], key=lambda ln: ln.x0))
            i += 1
        for column in range(len(starts)):
            out += [ln for r in region for ln in r if _column_of(ln, starts) == column]
    return out


def _column_of(line: Line, starts: list[float]) -> int:
    columns = [c for c, x in enumerate(starts) if x <= line.x0 + 6]
    return max(columns) if columns else 0


def _aligned(row: list[Line], starts: list[float]) -> bool:
    """Each line begins at a column start and stays inside its column."""
    for line in row:
        column = next((c for c, x in enumerate(starts) if abs(line.x0 - x) <= 6), None)
        if column is None:
            return False
        if column + 1 < len(starts) and line.x1 > starts[column + 1] - 3:
            return False
    return True


def _emit_lines(
    builder: BlockBuilder,
    lines: list[Line],
    tables: list[tuple[float, Any]],
    number: int,
    body: float,
) -> None:
    pending = sorted(tables, key=lambda t: t[0])
    paragraph: list[Line] = []
    kind = "paragraph"

    def flush() -> None:
        nonlocal paragraph, kind
        if paragraph:
            bbox = (
                min(ln.x0 for ln in paragraph),
                paragraph[0].top,
                max(ln.x1 for ln in paragraph),
                paragraph[-1].bottom,
            )
            text = join_lines([ln.text for ln in paragraph])
            if kind == "list_item":
                text = _BULLET.sub("", text, count=1) if text[:1] in _GLYPHS else text
            builder.add(kind, text, page=number, bbox=bbox)  # type: ignore[arg-type]
        paragraph, kind = [], "paragraph"

    for line in lines:
        while pending and pending[0][0] < line.top:
            flush()
            rows, bbox = pending.pop(0)[1]
            builder.add_table(rows, page=number, bbox=tuple(bbox))
        heading = _is_heading(line, body)
        gap = line.top - paragraph[-1].bottom if paragraph else 0.0
        height = max(line.bottom - line.top, 1.0)
        bullet = (
            bool(_BULLET.match(line.text))
            and not heading
            and not _wrapped_enumerator(paragraph, line, gap, height)
        )
        new_block = (
            heading
            or bullet
            or not paragraph
            or gap > height * 0.9
            or line.top < paragraph[-1].top - 1  # back up the page: the next column
            or abs(line.size - paragraph[-1].size) > 0.6
            or kind == "heading"
        )
        if new_block:
            flush()
        if heading and _continues_heading(builder, line, number):
            previous = builder.blocks[-1]
            builder.blocks[-1] = dataclasses.replace(
                previous,
                text=f"{previous.text} {line.text}",
                bbox=_union(previous.bbox, (line.x0, line.top, line.x1, line.bottom)),
            )
            continue
        if heading:
            builder.add(
                "heading",
                line.text,
                page=number,
                bbox=(line.x0, line.top, line.x1, line.bottom),
                level=1 if line.size >= body * 1.3 else 2,
            )
            continue
        if bullet:
            kind = "list_item"
        paragraph.append(line)
    flush()
    for _, (rows, bbox) in pending:
        builder.add_table(rows, page=number, bbox=tuple(bbox))


def _wrapped_enumerator(paragraph: list[Line], line: Line, gap: float, height: float) -> bool:
    """ "... must be completed within one hundred eighty" | "(180) days of the date of this
    purchase order.": a figure in brackets that the line wrap put first, not a list marker. The
    line above runs on (no closing punctuation) at the paragraph's usual spacing."""
    if not paragraph or line.text[:1] in _GLYPHS or gap > height * 0.9:
        return False
    return not re.search(r"[.:;!?]\W?$", paragraph[-1].text.rstrip())


def _continues_heading(builder: BlockBuilder, line: Line, number: int) -> bool:
    """A heading wrapped onto a second line is one heading, not two."""
    if not builder.blocks:
        return False
    previous = builder.blocks[-1]
    if previous.kind != "heading" or previous.page != number or previous.bbox is None:
        return False
    return 0 <= line.top - previous.bbox[3] < (line.bottom - line.top) * 0.8


def _union(
    a: tuple[float, float, float, float] | None, b: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    if a is None:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _is_heading(line: Line, body: float) -> bool:
    text = line.text
    punctuated = text.endswith((".", ",", ";", ":")) and not text[:3].strip(".").isdigit()
    if len(text) > 90 or punctuated:
        return False
    if line.size >= body * 1.15:
        return True
    return line.bold and len(text.split()) <= 12 and not text.endswith(".")

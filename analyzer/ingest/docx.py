"""DOCX: walk the WordprocessingML ourselves so tracked changes are read as Word shows them.

python-docx's ``paragraph.text`` skips runs inside ``w:ins``, which would drop exactly the
clause a redline adds. Here inserted text is part of the current text, deleted text
(``w:delText``) is not, and both are kept as Revisions with author and date so an amendment
check can say who changed what.

Merged cells: a horizontally merged cell (``w:gridSpan``) keeps its text in the first column
and leaves the spanned columns empty; a vertically merged continuation (``w:vMerge`` without
``restart``) is empty. Columns therefore stay aligned with the header row.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, Literal

from lxml import etree

from ..errors import CorruptDocumentError
from ..records import Document, Revision
from ..settings import Settings
from .common import BlockBuilder, clean_inline, finish

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parse_docx(data: bytes, filename: str, settings: Settings) -> Document:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise CorruptDocumentError(
            "this Word file is damaged and cannot be read. Try re-saving it in Word.",
            filename=filename,
        ) from exc
    except Exception as exc:  # python-docx raises PackageNotFoundError and friends
        raise CorruptDocumentError(
            "this Word file is damaged and cannot be read. Try re-saving it in Word.",
            filename=filename,
        ) from exc
    styles = {style.style_id: (style.name or "") for style in document.styles}
    builder = BlockBuilder()
    revisions: list[Revision] = []
    seen_margins: set[str] = set()
    for section in document.sections:
        for part, source in ((section.header, "header"), (section.footer, "footer")):
            if part.is_linked_to_previous and seen_margins:
                continue
            for paragraph in part._element.iter(_q("p")):
                text, _ = _paragraph_text(paragraph)
                if text and text not in seen_margins:
                    seen_margins.add(text)
                    builder.add("paragraph", text, source=source)
    body = document.element.body
    for child in body.iterchildren():
        _emit(child, builder, revisions, styles)
    return finish(name=filename, fmt="docx", data=data, builder=builder, revisions=tuple(revisions))


def _emit(
    element: Any, builder: BlockBuilder, revisions: list[Revision], styles: dict[str, str]
) -> None:
    tag = element.tag
    if tag == _q("p"):
        text, changes = _paragraph_text(element)
        kind, level = _paragraph_kind(element, styles)
        index = builder.add(kind, text, level=level, source="body")
        block = index if index is not None else max(len(builder.blocks) - 1, 0)
        revisions.extend(
            Revision(kind=k, text=t, block=block, author=a, date=d) for k, t, a, d in changes
        )
    elif tag == _q("tbl"):
        rows, changes = _table_rows(element)
        index = builder.add_table(rows, source="body")
        block = index if index is not None else max(len(builder.blocks) - 1, 0)
        revisions.extend(
            Revision(kind=k, text=t, block=block, author=a, date=d) for k, t, a, d in changes
        )
    elif tag in (_q("sdt"), _q("sdtContent"), _q("ins")):
        for child in element.iterchildren():
            _emit(child, builder, revisions, styles)


Change = tuple[Literal["insert", "delete"], str, str | None, str | None]


def _paragraph_text(paragraph: Any) -> tuple[str, list[Change]]:
    parts: list[str] = []
    changes: list[Change] = []
    for node in paragraph.iter():
        if node.tag == _q("t") and not _under(node, _q("del"), paragraph):
            parts.append(node.text or "")
        elif node.tag in (_q("tab"), _q("br"), _q("cr")) and not _under(node, _q("del"), paragraph):
            parts.append(" ")
        elif node.tag in (_q("ins"), _q("del")):
            texts = node.iter(_q("t")) if node.tag == _q("ins") else node.iter(_q("delText"))
            text = clean_inline("".join(t.text or "" for t in texts))
            if text:
                changes.append(
                    (
                        "insert" if node.tag == _q("ins") else "delete",
                        text,
                        node.get(_q("author")),
                        node.get(_q("date")),
                    )
                )
    return clean_inline("".join(parts)), changes


def _under(node: Any, tag: str, stop: Any) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _paragraph_kind(paragraph: Any, styles: dict[str, str]) -> tuple[Any, int | None]:
    style = paragraph.find("w:pPr/w:pStyle", NS)
    name = styles.get(style.get(_q("val")), style.get(_q("val"))) if style is not None else ""
    lowered = (name or "").lower()
    if lowered == "title":
        return "heading", 1
    if lowered.startswith("heading"):
        digits = "".join(ch for ch in lowered if ch.isdigit())
        return "heading", int(digits) if digits else 1
    numbering = paragraph.find("w:pPr/w:numPr", NS)
    if numbering is not None or lowered.startswith("list"):
        level = numbering.find("w:ilvl", NS) if numbering is not None else None
        return "list_item", int(level.get(_q("val"))) if level is not None else 0
    return "paragraph", None


def _table_rows(table: Any) -> tuple[list[list[str]], list[Change]]:
    rows: list[list[str]] = []
    changes: list[Change] = []
    for tr in table.iterchildren(_q("tr")):
        row: list[str] = []
        for tc in tr.iterchildren(_q("tc")):
            props = tc.find("w:tcPr", NS)
            span = 1
            continued = False
            if props is not None:
                grid = props.find("w:gridSpan", NS)
                span = int(grid.get(_q("val"))) if grid is not None else 1
                vmerge = props.find("w:vMerge", NS)
                continued = vmerge is not None and vmerge.get(_q("val")) != "restart"
            texts = []
            for paragraph in tc.iter(_q("p")):
                text, found = _paragraph_text(paragraph)
                changes.extend(found)
                if text:
                    texts.append(text)
            row.append("" if continued else " ".join(texts))
            row.extend([""] * (span - 1))
        rows.append(row)
    return rows, changes

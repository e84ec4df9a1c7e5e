"""Helpers every parser shares: building blocks in order, cleaning text, limits."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..errors import DocumentTooLargeError, EmptyDocumentError
from ..records import Block, BlockKind, DocFormat, Document, Page, Revision
from ..settings import Settings

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")


def clean_inline(text: str) -> str:
    """One line of text as a reader sees it: no doubled spaces, no soft hyphens."""
    text = text.replace("\u00ad", "").replace("\u200b", "")
    return _SPACES.sub(" ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one paragraph, re-joining words hyphenated at a line end."""
    text = "\n".join(line.strip() for line in lines if line.strip())
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    return clean_inline(text.replace("\n", " "))


def table_text(rows: list[list[str]]) -> str:
    return "\n".join(" | ".join(cell for cell in row) for row in rows)


@dataclass
class BlockBuilder:
    """Accumulates blocks in reading order and numbers them; parsers only say what they saw."""

    blocks: list[Block] = field(default_factory=list)

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        page: int | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        rows: tuple[tuple[str, ...], ...] = (),
        level: int | None = None,
        source: str | None = None,
        ocr: bool = False,
    ) -> int | None:
        if not text.strip():
            return None
        # a table keeps its text exactly as its rows join ("Total | EUR 185,000 |  |  | "), so
        # every row stays findable in it; other text loses its outer whitespace
        text = text if rows else text.strip()
        index = len(self.blocks)
        self.blocks.append(
            Block(
                kind=kind,
                text=text,
                index=index,
                page=page,
                bbox=bbox,
                rows=rows,
                level=level,
                source=source,
                ocr=ocr,
            )
        )
        return index

    def add_table(
        self,
        rows: list[list[str]],
        *,
        page: int | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        source: str | None = None,
        ocr: bool = False,
    ) -> int | None:
        cleaned = [[join_lines((cell or "").split("\n")) for cell in row] for row in rows]
        cleaned = [row for row in cleaned if any(row)]
        if not cleaned:
            return None
        return self.add(
            "table",
            table_text(cleaned),
            page=page,
            bbox=bbox,
            rows=tuple(tuple(row) for row in cleaned),
            source=source,
            ocr=ocr,
        )

    def extend(self, blocks: list[Block], *, source: str | None = None) -> None:
        """Append another document's blocks (an e-mail attachment), renumbering them."""
        for block in blocks:
            self.add(
                block.kind,
                block.text,
                page=block.page,
                bbox=block.bbox,
                rows=block.rows,
                level=block.level,
                source=source or block.source,
                ocr=block.ocr,
            )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_pages(count: int, settings: Settings, filename: str) -> None:
    if count > settings.max_pages:
        raise DocumentTooLargeError(
            f"this document has {count} pages; the limit is {settings.max_pages}. "
            "Split it or raise the page limit.",
            filename=filename,
        )


def finish(
    *,
    name: str,
    fmt: DocFormat,
    data: bytes,
    builder: BlockBuilder,
    pages: tuple[Page, ...] = (),
    revisions: tuple[Revision, ...] = (),
    warnings: list[str] | None = None,
) -> Document:
    if not builder.blocks:
        raise EmptyDocumentError(
            "no text could be read from this file. If it is a scan, make sure OCR is enabled.",
            filename=name,
        )
    return Document(
        name=name,
        format=fmt,
        sha256=sha256(data),
        blocks=tuple(builder.blocks),
        pages=pages,
        page_count=len(pages),
        ocr=any(page.ocr for page in pages) or any(b.ocr for b in builder.blocks),
        revisions=revisions,
        warnings=tuple(warnings or ()),
    )

"""Plain text and Markdown: headings, list items and pipe tables recovered from the characters.

E-mailed offers and pasted proposals arrive as text; their structure is in the typography
(``#`` headings, numbered headings, ALL-CAPS or underlined titles, ``-`` bullets, pipe tables).
"""

from __future__ import annotations

import re

from ..errors import UnsupportedFormatError
from ..records import DocFormat, Document
from ..settings import Settings
from .common import BlockBuilder, finish, join_lines
from .thread import split_messages

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_NUM_HEADING = re.compile(r"^(\d+(\.\d+)*)\.?\s+[A-Z][^.!?]{0,80}$")
_BULLET = re.compile(r"^\s*([-*+•]|\d+[.)]|[a-z][.)])\s+(.*)$")
_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def decode(data: bytes, filename: str) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormatError(
            "this file is not text we can read (unknown character encoding).", filename=filename
        ) from exc


def parse_text(data: bytes, filename: str, settings: Settings, fmt: DocFormat = "txt") -> Document:
    builder = BlockBuilder()
    add_thread_blocks(builder, decode(data, filename))
    return finish(name=filename, fmt=fmt, data=data, builder=builder)


def add_thread_blocks(builder: BlockBuilder, text: str, *, source: str | None = None) -> None:
    """Blocks of each message of a reply or forward chain, tagged "message:N" (0 = newest), so
    that a correction in a later message can supersede the offer it quotes; a text that is one
    message is added as it is, under ``source``."""
    messages = split_messages(text)
    if len(messages) == 1:
        add_text_blocks(builder, text, source=source)
        return
    for rank, message in enumerate(messages):
        add_text_blocks(builder, message, source=f"message:{rank}")


_ASCII_RULE = re.compile(r"^[-+=:|\s]{3,}$")


def add_text_blocks(builder: BlockBuilder, text: str, *, source: str | None = None) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraph: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal paragraph, table
        if paragraph:
            builder.add("paragraph", join_lines(paragraph), source=source)
        if table:
            builder.add_table(table, source=source)
        paragraph, table = [], []

    for i, raw in enumerate(lines):
        line = raw.rstrip()
        stripped = line.strip()
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not stripped:
            flush()
            continue
        if "|" in stripped and stripped.count("|") >= 2 and not paragraph:
            if _TABLE_RULE.match(stripped):
                continue
            table.append([cell.strip() for cell in stripped.strip("|").split("|")])
            continue
        if table and _ASCII_RULE.match(stripped):
            continue  # "-----+------+-----" under an e-mail's header row
        if table:
            flush()
        if _UNDERLINE.match(stripped) and paragraph and len(paragraph) == 1:
            builder.add(
                "heading", paragraph[0].strip(), level=1 if "=" in stripped else 2, source=source
            )
            paragraph = []
            continue
        heading = _MD_HEADING.match(stripped)
        if heading:
            flush()
            builder.add("heading", heading.group(2), level=len(heading.group(1)), source=source)
            continue
        if _UNDERLINE.match(following.strip() or "x") and not paragraph:
            paragraph.append(stripped)
            continue
        if (_NUM_HEADING.match(stripped) or _is_caps_title(stripped)) and not paragraph:
            builder.add("heading", stripped, level=1, source=source)
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            builder.add("list_item", bullet.group(2).strip(), source=source)
            continue
        paragraph.append(stripped)
    flush()


def _is_caps_title(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and len(text) <= 60 and all(ch.isupper() for ch in letters)

"""Plain text and Markdown: headings, list items and pipe tables recovered from the characters.

E-mailed offers and pasted proposals arrive as text; their structure is in the typography
(``#`` headings, numbered headings, ALL-CAPS or underlined titles, ``-`` bullets, pipe tables).

A fenced code block keeps its lines as written. Unified-diff markup (a ```diff fence, or a
run of lines opened by an "@@ Section 3 ... @@" hunk header) is read like a Word redline: the
context ("  ") and inserted ("+ ") lines are the document's current text, the deleted ("- ")
lines are not, and every inserted or deleted line is kept as a Revision of origin "diff".
"""

from __future__ import annotations

import dataclasses
import re
from typing import Literal

from ..errors import UnsupportedFormatError
from ..records import DocFormat, Document, Revision
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
    revisions: list[Revision] = []
    add_thread_blocks(builder, decode(data, filename), revisions=revisions)
    return finish(name=filename, fmt=fmt, data=data, builder=builder, revisions=tuple(revisions))


def add_thread_blocks(
    builder: BlockBuilder,
    text: str,
    *,
    source: str | None = None,
    revisions: list[Revision] | None = None,
) -> None:
    """Blocks of each message of a reply or forward chain, tagged "message:N" (0 = newest), so
    that a correction in a later message can supersede the offer it quotes; a text that is one
    message is added as it is, under ``source``. Lines of diff markup go to ``revisions``."""
    messages = split_messages(text)
    if len(messages) == 1:
        add_text_blocks(builder, text, source=source, revisions=revisions)
        return
    for rank, message in enumerate(messages):
        add_text_blocks(builder, message, source=f"message:{rank}")


_ASCII_RULE = re.compile(r"^[-+=:|\s]{3,}$")


def add_text_blocks(
    builder: BlockBuilder,
    text: str,
    *,
    source: str | None = None,
    revisions: list[Revision] | None = None,
) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraph: list[str] = []
    table: list[list[str]] = []
    skip_to = 0  # the line after a fenced block or a diff run already read

    def flush() -> None:
        nonlocal paragraph, table
        if paragraph:
            builder.add("paragraph", join_lines(paragraph), source=source)
        if table:
            builder.add_table(table, source=source)
        paragraph, table = [], []

    for i, raw in enumerate(lines):
        if i < skip_to:
            continue
        line = raw.rstrip()
        stripped = line.strip()
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not stripped:
            flush()
            continue
        fenced = _FENCE.match(line)
        if fenced or _HUNK.match(line):
            flush()
            end = _fence_end(lines, i, fenced.group(1)) if fenced else _diff_run_end(lines, i)
            body = lines[i + 1 : end] if fenced else lines[i:end]
            first = i + 2 if fenced else i + 1  # 1-based line number of body[0]
            skip_to = end + 1 if fenced else end
            if _is_diff(body, fenced.group(2) if fenced else "diff"):
                _add_diff_blocks(builder, body, first, source, revisions)
            else:
                _add_code_blocks(builder, body, source)
            continue
        if "|" in stripped and stripped.count("|") >= 2 and not paragraph:
            if _TABLE_RULE.match(stripped):
                continue
            table.append(_pipe_cells(stripped))
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


def _pipe_cells(line: str) -> list[str]:
    """ "| Microsoft 365 F3 - users | 750 | 750 |" as its cells."""
    return [cell.strip() for cell in line.strip("|").split("|")]


def _is_caps_title(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and len(text) <= 60 and all(ch.isupper() for ch in letters)


# "```diff", "~~~": a fence and the language it names
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)\s*$")
# "@@ Section 3 - Quantities and prices by contract year @@", "@@ -12,7 +12,7 @@ Schedule 1"
_HUNK = re.compile(r"^@@\s*(?P<inner>.*?)\s*@@\s*(?P<after>.*)$")
_HUNK_RANGES = re.compile(r"^-\d+(?:,\d+)?\s+\+\d+(?:,\d+)?$")
_DIFF_LINE = re.compile(r"^(?:[-+](?:\s|$)|\s{2}|@@)")
_FILE_HEADER = re.compile(r"^(?:---|\+\+\+)\s")  # "--- a/order-form.md", "+++ b/order-form.md"
_DIFF_LANGUAGES = {"diff", "patch", "udiff"}


def _fence_end(lines: list[str], start: int, marker: str) -> int:
    """The closing fence of the block opened at ``start`` (the end of the text if none)."""
    for j in range(start + 1, len(lines)):
        if lines[j].strip().startswith(marker[0] * len(marker)) and not lines[j].strip().strip(
            marker[0]
        ):
            return j
    return len(lines)


def _diff_run_end(lines: list[str], start: int) -> int:
    """Where an unfenced run of diff markup stops: at the first line that is not a hunk header,
    a "+"/"-" line or a context line, or at a blank line that no diff line follows."""
    j = start + 1
    while j < len(lines):
        if not lines[j].strip():
            nxt = next((k for k in range(j + 1, len(lines)) if lines[k].strip()), None)
            if nxt is None or not _DIFF_LINE.match(lines[nxt]) or lines[nxt].startswith("  "):
                return j
        elif not _DIFF_LINE.match(lines[j]):
            return j
        j += 1
    return j


def _is_diff(body: list[str], language: str) -> bool:
    """A ```diff fence, or a fence whose lines are all diff markup with a change among them."""
    if language.lower() in _DIFF_LANGUAGES:
        return True
    marked = [line for line in body if line.strip()]
    return (
        bool(marked)
        and all(_DIFF_LINE.match(line) or _FILE_HEADER.match(line) for line in marked)
        and any(_HUNK.match(line) for line in marked)
    )


def _add_code_blocks(builder: BlockBuilder, body: list[str], source: str | None) -> None:
    """A code block that is no diff: its paragraphs as written, never bullets or tables."""
    paragraph: list[str] = []
    for line in [*body, ""]:
        if line.strip():
            paragraph.append(line)
        elif paragraph:
            builder.add("paragraph", join_lines(paragraph), source=source)
            paragraph = []


def _add_diff_blocks(
    builder: BlockBuilder,
    body: list[str],
    first_line: int,
    source: str | None,
    revisions: list[Revision] | None,
) -> None:
    """The current text of diff markup as blocks, and its "+"/"-" lines as Revisions.

    Each hunk header becomes a heading; context and inserted pipe rows make a table, other
    context and inserted lines a paragraph ("sentences broken across lines" join again). A
    deleted line belongs to the block being built where it stands. The blocks carry the
    source "diff" so that an amendment's change statements are not read from them twice."""
    source = source or "diff"
    rows: list[list[str]] = []
    prose: list[str] = []
    pending: list[Revision] = []

    def flush() -> None:
        nonlocal rows, prose, pending
        index = None
        if rows:
            index = builder.add_table(rows, source=source)
        if prose:
            index = builder.add("paragraph", join_lines(prose), source=source)
        if index is None:
            index = max(len(builder.blocks) - 1, 0)
        if revisions is not None:
            revisions.extend(dataclasses.replace(r, block=index) for r in pending)
        rows, prose, pending = [], [], []

    for offset, raw in enumerate(body):
        line = raw.rstrip()
        if not line.strip() or (_FILE_HEADER.match(line) and not pending and not rows):
            continue
        hunk = _HUNK.match(line)
        if hunk:
            flush()
            inner = hunk.group("inner")
            title = hunk.group("after") if _HUNK_RANGES.match(inner) or not inner else inner
            builder.add("heading", title, level=3, source=source)
            continue
        mark, content = (line[0], line[1:].strip()) if line[0] in "+-" else (" ", line.strip())
        is_row = content.count("|") >= 2
        if (is_row and prose) or (not is_row and rows):
            flush()
        if mark != " ":
            kind: Literal["insert", "delete"] = "insert" if mark == "+" else "delete"
            pending.append(Revision(kind, content, 0, origin="diff", line=first_line + offset))
            if mark == "-":
                continue
        if is_row:
            if not _TABLE_RULE.match(content):
                rows.append(_pipe_cells(content))
        else:
            prose.append(content)
    flush()

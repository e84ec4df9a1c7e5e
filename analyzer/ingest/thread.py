"""E-mail threads: the messages of a reply or forward chain, newest first.

A forwarded thread carries the account team's original offer at the bottom and its corrections
above it ("The E5 Security number should be 750 licenses, not 800"; "the Azure credits ... are
withdrawn from the offer"). Read as one text, the old and the new terms merge and the stronger
or first one wins. Splitting the text into messages lets assembly prefer what the newest
message says. Top-posting is the convention of every client that writes these separators, so
the message written first in the text is the newest.
"""

from __future__ import annotations

import itertools
import re

# "-----Original Message-----", "---------- Forwarded message ---------", Outlook's rule line
_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(?:Original|Forwarded)\s+message\s*-{2,}\s*$|^\s*_{8,}\s*$",
    re.IGNORECASE,
)
# "On 18 Jan 2027, at 09:02, Dana Whitfield wrote:"
_WROTE = re.compile(r"^\s*(?:>\s*)*On\s.{6,160}\bwrote:\s*$", re.IGNORECASE)
# A header block that opens a quoted message without a separator line: "From: ..." followed by
# "Sent:" or "Date:" within the next lines
_FROM = re.compile(r"^\s*From:\s*\S", re.IGNORECASE)
_SENT = re.compile(r"^\s*(?:Sent|Date):\s*\S", re.IGNORECASE)
_QUOTE = re.compile(r"^\s*(?:>\s?)+")


# "[2027-01-12 09:05] Ravi Deshmukh (Microsoft): ...": a line of an exported chat
_CHAT_LINE = re.compile(
    r"^\s*\[?(?:\d{4}-\d{2}-\d{2}[ T,]+|\d{1,2}/\d{1,2}/\d{2,4},?\s+)?\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s?[AaPp][Mm])?\]?\s*[-–]?\s*[^:\[\]]{2,80}:\s"
)


def split_chat(lines: list[str]) -> list[str] | None:
    """An exported chat's messages, newest first (a chat is written oldest first, unlike a
    mail thread); None when the text is not a chat."""
    starts = [i for i, line in enumerate(lines) if _CHAT_LINE.match(line)]
    if len(starts) < 3:
        return None
    bounds = [*starts, len(lines)]
    messages = ["\n".join(lines[a:b]) for a, b in itertools.pairwise(bounds)]
    preamble = "\n".join(lines[: starts[0]])
    return [*reversed(messages), *([preamble] if preamble.strip() else [])]


def _depth(line: str) -> int:
    quote = _QUOTE.match(line)
    return quote.group(0).count(">") if quote else 0


def split_by_quote_depth(lines: list[str]) -> list[str] | None:
    """A thread quoted with ">" marks, newest first: each message's lines carry one more mark
    than the reply to them, wherever the reply is written. This reads a bottom-posted thread
    (the oldest message first, the newest reply last) and replies written inline inside the
    quoted offer as well as a top-posted one. None when the text quotes nothing."""
    depths: list[int] = []
    for line in lines:
        depths.append(_depth(line) if line.strip() else (depths[-1] if depths else 0))
    deepest = max(depths, default=0)
    quoted = sum(1 for line, d in zip(lines, depths, strict=True) if d and line.strip())
    if deepest == 0 or quoted < 3:
        return None
    messages = []
    for depth in range(deepest + 1):
        body: list[str] = []
        for i, line in enumerate(lines):
            if depths[i] == depth:
                if body and i > 0 and depths[i - 1] != depth:
                    body.append("")  # a new run of this message: a paragraph break
                body.append(_QUOTE.sub("", line))
        if "\n".join(body).strip():
            messages.append("\n".join(body))
    return messages


def split_messages(text: str) -> list[str]:
    """The thread's messages, newest first; one element when the text is a single message."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    chat = split_chat(lines)
    if chat is not None:
        return chat
    separated = any(_SEPARATOR.match(line) for line in lines[1:])
    if not separated and (by_depth := split_by_quote_depth(lines)) is not None:
        return by_depth
    starts: list[int] = []
    for i, line in enumerate(lines):
        if (
            _SEPARATOR.match(line)
            or _WROTE.match(line)
            or (
                _FROM.match(line)
                and i > 0
                and any(_SENT.match(nxt) for nxt in lines[i + 1 : i + 4])
                and not (starts and i - starts[-1] <= 2)  # the header under a separator line
            )
        ):
            starts.append(i)
    starts = [s for s in starts if s > 0]
    if not starts:
        return [text]
    bounds = [0, *starts, len(lines)]
    messages = []
    for a, b in itertools.pairwise(bounds):
        body = "\n".join(_QUOTE.sub("", line) for line in lines[a:b])
        if body.strip():
            messages.append(body)
    return messages

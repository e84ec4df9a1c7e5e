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


def split_messages(text: str) -> list[str]:
    """The thread's messages in the order they are written (newest first); one element when
    the text is a single message."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
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

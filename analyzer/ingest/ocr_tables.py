"""Ruled tables on scanned pages, rebuilt from their rules.

Tesseract reads a ruled licence table line by line, so "Office 365 E3 | 120" arrives as prose
and a wrapped cell ("Microsoft Entra" / "ID P1") lands after the row's numbers. The rules
themselves say where every cell is: horizontal rules bound the rows, vertical rules the
columns. Words are put into the cell their centre falls in, which gives the same table a text
PDF would have given, and the licence-table readers work on scans unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

_TOLERANCE = 12  # pixels: how far a rule may miss the corner it should meet


@dataclass(frozen=True)
class Word:
    left: int
    top: int
    right: int
    bottom: int
    text: str

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Grid:
    """Rule positions in pixels: columns between consecutive xs, rows between consecutive ys."""

    xs: tuple[int, ...]
    ys: tuple[int, ...]

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, word: Word) -> bool:
        x, y = word.centre
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def cell(self, word: Word) -> tuple[int, int]:
        x, y = word.centre
        row = max(i for i, edge in enumerate(self.ys[:-1]) if edge <= y)
        column = max(i for i, edge in enumerate(self.xs[:-1]) if edge <= x)
        return row, column

    def rows(self, words: Sequence[Word]) -> list[list[str]]:
        """Cell texts row by row; words in a cell read line by line, left to right."""
        cells: dict[tuple[int, int], list[Word]] = {}
        for word in words:
            if self.contains(word) and any(ch.isalnum() for ch in word.text):
                cells.setdefault(self.cell(word), []).append(word)
        out = []
        for row in range(len(self.ys) - 1):
            texts = [_read(cells.get((row, column), [])) for column in range(len(self.xs) - 1)]
            if any(texts):
                out.append(texts)
        return out


def _read(words: list[Word]) -> str:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.top):
        height = max(word.bottom - word.top, 1)
        if lines and abs(lines[-1][0].top - word.top) < height * 0.6:
            lines[-1].append(word)
        else:
            lines.append([word])
    return " ".join(" ".join(w.text for w in sorted(line, key=lambda w: w.left)) for line in lines)


@dataclass(frozen=True)
class _Rule:
    position: int  # y of a horizontal rule, x of a vertical one
    start: int
    end: int


def _bands(flags: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Runs of consecutive set indices as (first, last)."""
    indices = np.flatnonzero(flags)
    if not len(indices):
        return []
    breaks = np.flatnonzero(np.diff(indices) > 1)
    starts = np.concatenate(([indices[0]], indices[breaks + 1]))
    ends = np.concatenate((indices[breaks], [indices[-1]]))
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True)]


def _rules(mask: npt.NDArray[np.bool_]) -> list[_Rule]:
    """Horizontal rules of a mask (transpose it for vertical ones), one per run along them."""
    out = []
    for first, last in _bands(np.asarray(mask.any(axis=1))):
        for start, end in _bands(np.asarray(mask[first : last + 1].any(axis=0))):
            out.append(_Rule((first + last) // 2, start, end))
    return out


def find_grids(horizontal: npt.NDArray[np.bool_], vertical: npt.NDArray[np.bool_]) -> list[Grid]:
    """Tables whose rows are bounded by horizontal rules and crossed by at least three
    vertical rules (two columns). Tables ruled only across are left to the line reader."""
    across = sorted(_rules(horizontal), key=lambda r: r.position)
    down = _rules(vertical.T)
    grids: list[Grid] = []
    chain: list[_Rule] = []
    columns: set[int] = set()

    def close() -> None:
        xs = _cluster(sorted(columns))
        if len(chain) >= 2 and len(xs) >= 3:
            grids.append(Grid(tuple(xs), tuple(r.position for r in chain)))

    for rule in across:
        if chain:
            above = chain[-1]
            spanning = {
                v.position
                for v in down
                if v.start <= above.position + _TOLERANCE
                and v.end >= rule.position - _TOLERANCE
                and max(above.start, rule.start) - _TOLERANCE
                <= v.position
                <= min(above.end, rule.end) + _TOLERANCE
            }
            if len(spanning) >= 3:
                chain.append(rule)
                columns.update(spanning)
                continue
            close()
        chain, columns = [rule], set()
    close()
    return grids


def _cluster(positions: list[int]) -> list[int]:
    """One x per vertical rule, though a slightly skewed rule covers a few pixel columns."""
    out: list[int] = []
    for x in positions:
        if out and x - out[-1] <= _TOLERANCE:
            continue
        out.append(x)
    return out

"""Multi-year ramp tables: one row per line of the deal, one column per contract year.

A ramp proposal fixes the quantities and prices of every contract year up front and prints
them turned on their side: "Line | Year 1 | Year 2 | Year 3" with rows such as "Microsoft 365
E5 - users | 1,800 | 2,400 | 3,000" and "Microsoft 365 E5 - reduction off list (...) | 12% | 8%
| none (list)". The column-meaning reader (``tables.layout``) finds no quantity or discount
column there, because the meaning is in each row's label. This module reads such a table row
by row: a quantity line gives the Year 1 seat count and the growth the customer commits to, a
discount line gives the percent of each contract year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .tables import COLUMN_MEANINGS, header_currency

# "Year 1", "Yr 2", "Y3", "Contract year 1", "Ramp Year 2 (seats)", "Year 1 (2027-28)"; not
# "Year 1-2 price", which spans two years
_YEAR_HEADER = re.compile(
    r"^\s*(?:(?:contract|ramp|subscription|enrol?ment|agreement|term)\s+)?"
    r"(?:year|yr|y)\.?\s*(?P<n>[1-5])\b(?!\s*[-–]\s*\d)(?P<rest>.*)$",
    re.IGNORECASE,
)
_COUNT = re.compile(r"\s*(?:\d{1,3}(?:[,\s]\d{3})+|\d+)\s*")
_PERCENT = re.compile(r"\s*(?P<v>\d{1,2}(?:[.,]\d+)?)\s*%")
_BARE_PERCENT = re.compile(r"\s*(?P<v>\d{1,2}(?:[.,]\d+)?)\s*")
# "none (list)", "-", "0%", "n/a", "at list": the year carries no reduction
_NO_REDUCTION = re.compile(
    r"^\s*(?:none\b.*|nil|n/?a|-+|–|—|0+(?:[.,]0+)?\s*%?|(?:at\s+)?list(?:\s+price)?|"
    r"\(?list\)?|no\s+(?:reduction|discount)\b.*)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RampLine:
    """One line of a ramp table: what its cells count and their value in each year."""

    row: int  # index into the table's rows
    kind: Literal["quantity", "discount"]
    values: tuple[float, ...]  # Year 1 first


@dataclass(frozen=True)
class RampLayout:
    header_row: int
    label: int  # the column that names each line
    years: tuple[int, ...]  # the column of Year 1, Year 2, ...
    counts_in_header: bool  # "Ramp Year 1 (seats)": every line is a quantity


def ramp_layout(rows: tuple[tuple[str, ...], ...]) -> RampLayout | None:
    """A header of one label column and consecutive contract years, and nothing else.

    A grid with its own quantity or price columns beside the years ("Product | No. of users
    | List | Yr 1 | Yr 2") is a price grid whose year columns hold prices; it is read by its
    column meanings, not here."""
    for index, header in enumerate(rows[:2]):
        years: dict[int, int] = {}
        others = []
        rests = []
        for col, cell in enumerate(header):
            m = _YEAR_HEADER.match(cell)
            if m and int(m.group("n")) not in years:
                years[int(m.group("n"))] = col
                rests.append(m.group("rest"))
            else:
                others.append(col)
        if len(years) < 2 or sorted(years) != list(range(1, len(years) + 1)) or len(others) != 1:
            continue
        counts = all(
            COLUMN_MEANINGS["quantity"].search(rest)
            and not COLUMN_MEANINGS["unit_price"].search(rest)
            and header_currency(rest) is None
            for rest in rests
        )
        columns = tuple(years[n] for n in sorted(years))
        return RampLayout(index, others[0], columns, counts)
    return None


def ramp_lines(rows: tuple[tuple[str, ...], ...]) -> tuple[RampLayout, list[RampLine]] | None:
    """The quantity and discount lines of a ramp table, or None when it is no ramp table."""
    found = ramp_layout(rows)
    if found is None:
        return None
    lines = []
    for index in range(found.header_row + 1, len(rows)):
        row = rows[index]
        if max(found.label, *found.years) >= len(row):
            continue
        label = row[found.label]
        cells = [row[c] for c in found.years]
        if _quantity_label(label) or found.counts_in_header:
            counts = _counts(cells)
            if counts is not None:
                lines.append(RampLine(index, "quantity", counts))
                continue
        if COLUMN_MEANINGS["discount"].search(label):
            percents = _percents(cells, bare="%" in label or "percent" in label.lower())
            if percents is not None:
                lines.append(RampLine(index, "discount", percents))
    return (found, lines) if lines else None


def _quantity_label(label: str) -> bool:
    """ "Microsoft 365 E5 - users", "Copilot licences", "F3 quantity", not "net EUR per user
    per month" or "reduction off list"."""
    return bool(
        COLUMN_MEANINGS["quantity"].search(label)
        and not COLUMN_MEANINGS["unit_price"].search(label)
        and not COLUMN_MEANINGS["discount"].search(label)
        and not COLUMN_MEANINGS["total"].search(label)
        and header_currency(label) is None
        and not re.search(r"\bper\s+(?:user|seat)\b|/\s*(?:user|seat)", label, re.IGNORECASE)
    )


def _counts(cells: list[str]) -> tuple[float, ...] | None:
    if not all(_COUNT.fullmatch(c) for c in cells):
        return None
    return tuple(float(re.sub(r"\D", "", c)) for c in cells)


def _percents(cells: list[str], *, bare: bool) -> tuple[float, ...] | None:
    values = []
    for cell in cells:
        m = _PERCENT.match(cell) or (_BARE_PERCENT.fullmatch(cell) if bare else None)
        if m is not None:
            values.append(float(m.group("v").replace(",", ".")))
        elif _NO_REDUCTION.match(cell):
            values.append(0.0)
        else:
            return None
    return tuple(values)


def discount_runs(values: tuple[float, ...]) -> list[tuple[float, int]]:
    """(percent, years covered) for each run of consecutive years at one percent: 12% / 8% /
    list is 12% for one year and 8% for one; 5% / 5% / 5% is 5% for three."""
    runs: list[tuple[float, int]] = []
    previous: float | None = None
    for value in values:
        if value and value == previous:
            runs[-1] = (value, runs[-1][1] + 1)
        elif value:
            runs.append((value, 1))
        previous = value
    return runs

"""Licence and pricing tables: find the columns by what their headers mean, whatever the words.

Seat counts live in tables headed "Qty", "Quantity", "Seats", "Licences", "Units" or "Users";
prices in "Unit price (USD/user/month)" or "Rate"; discounts in "Discount" or "% off". The
header row is matched against these meanings rather than exact strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp.numbers import parse_number

COLUMN_MEANINGS: dict[str, re.Pattern[str]] = {
    "product": re.compile(
        r"\b(product|sku|item|description|licen[cs]e type|offering|service|plan|subscription)s?\b|"
        r"^\s*licen[cs]e\s*$",  # a singular "Licence" column names the licence; "Licences" counts
        re.IGNORECASE,
    ),
    "quantity": re.compile(
        r"\b(qty|quantity|quantities|seats?|units?|users?|count|volume|no\.)\b|"
        r"\blicen[cs]es\b|\blicen[cs]e (count|qty|quantity)\b",
        re.IGNORECASE,
    ),
    "unit_price": re.compile(
        r"\b(unit price|unit cost|price|rate|per user|monthly|list price|net price|cost)\b",
        re.IGNORECASE,
    ),
    "discount": re.compile(
        r"\b(discount|% off|off list|concession|reduction|promo|promotion|promotional|rebate|"
        r"disc)\b",
        re.IGNORECASE,
    ),
    "term": re.compile(r"\b(term|duration|months|period)\b", re.IGNORECASE),
    "total": re.compile(r"\b(total|extended|annual|amount)\b", re.IGNORECASE),
}
_CURRENCY_IN_HEADER = re.compile(
    r"\b(USD|EUR|GBP|CAD|AUD|CHF|NZD|JPY|SGD)\b|(US\$|A\$|AU\$|C\$|CA\$|NZ\$|[$€£¥])"
)
_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
}


def header_currency(header: str) -> str | None:
    """ "Unit price (USD/user/month)", "Value (AUD)", "Price £": the currency a column is in."""
    found = _CURRENCY_IN_HEADER.search(header)
    if found is None:
        return None
    return found.group(1) or _SYMBOLS.get(found.group(2))


@dataclass(frozen=True)
class TableLayout:
    columns: dict[str, int]  # meaning -> column index
    header_row: int
    currency: str | None
    per_year: bool


def layout(rows: tuple[tuple[str, ...], ...]) -> TableLayout | None:
    """The column meanings of a table, or None when no row reads as a header."""
    for index, row in enumerate(rows[:3]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            if not cell or re.fullmatch(r"[\d,.\s$€£%-]+", cell):
                continue
            for meaning in ("discount", "total", "unit_price", "term", "quantity", "product"):
                if meaning not in columns and COLUMN_MEANINGS[meaning].search(cell):
                    columns[meaning] = col
                    break
        data = rows[index + 1] if index + 1 < len(rows) else ()
        _check_by_content(columns, row, data)
        _prefer_new_quantity(columns, row)
        if "quantity" in columns or ("product" in columns and len(columns) >= 2):
            if "product" not in columns:
                columns["product"] = 0
            header = " ".join(row)
            currency = header_currency(header)
            per_year = (
                bool(
                    re.search(
                        r"/\s*(user\s*/\s*)?(year|yr|annum)|per year|annual", header, re.IGNORECASE
                    )
                )
                and "month" not in header.lower()
            )
            return TableLayout(columns, index, currency, per_year)
    return None


_TODAY = re.compile(r"\b(?:today|current|existing|old|previous|before)\b", re.IGNORECASE)
_RENEWAL = re.compile(r"\b(?:at\s+renewal|renewal|new|proposed|future|after)\b", re.IGNORECASE)


def _prefer_new_quantity(columns: dict[str, int], header: tuple[str, ...]) -> None:
    """ "Qty today | Qty at renewal": the deal's count is the renewal column."""
    quantity = columns.get("quantity")
    if quantity is None or not _TODAY.search(header[quantity]):
        return
    for col, cell in enumerate(header):
        if col > quantity and COLUMN_MEANINGS["quantity"].search(cell) and _RENEWAL.search(cell):
            columns["quantity"] = col
            return


_NUMERIC = re.compile(r"\s*[\d][\d,.]*\s*([A-Za-z]+)?\s*")


def _check_by_content(
    columns: dict[str, int], header: tuple[str, ...], data: tuple[str, ...]
) -> None:
    """A header like "Licence" may name the product or the count: the first data row decides."""

    def numeric(col: int) -> bool:  # "1,200" or "one thousand two hundred"
        if col >= len(data):
            return False
        return bool(_NUMERIC.fullmatch(data[col])) or parse_number(data[col]) is not None

    if not data:
        return

    def whole(col: int) -> bool:  # a count: "900", "1,200", never "9.60"
        return col < len(data) and bool(
            re.fullmatch(r"\s*\d{1,3}(?:,\d{3})+\s*|\s*\d+\s*", data[col])
        )

    quantity = columns.get("quantity")
    if quantity is not None and re.search(
        r"/\s*user|user\s*/|per\s+user", header[quantity], re.IGNORECASE
    ):
        # "USD/user/mo" is a unit price; the count is in another column, whatever OCR left of
        # its header ("ty" for "Qty")
        del columns["quantity"]
        columns.setdefault("unit_price", quantity)
        counts = [c for c in range(len(header)) if c not in columns.values() and c > 0 and whole(c)]
        if counts:
            columns["quantity"] = counts[0]
        return
    quantity = columns.get("quantity")
    if quantity is not None and not numeric(quantity):
        del columns["quantity"]
        if "product" not in columns:
            columns["product"] = quantity
        for col, cell in enumerate(header):
            if (
                col not in columns.values()
                and COLUMN_MEANINGS["quantity"].search(cell)
                and numeric(col)
            ):
                columns["quantity"] = col
                break


def row_offsets(text: str) -> list[tuple[int, int]]:
    """Character span of each table row inside the block text (rows are lines)."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def cell_offsets(row_text: str, row_start: int) -> list[tuple[int, int]]:
    spans = []
    offset = 0
    for cell in row_text.split(" | "):
        spans.append((row_start + offset, row_start + offset + len(cell)))
        offset += len(cell) + 3
    return spans


_YEAR_COLUMN = re.compile(r"\b(?:y|yr|year)\s?(?P<n>[1-9])\b", re.IGNORECASE)


def discount_columns(header: tuple[str, ...]) -> list[tuple[int, int | None]]:
    """Every discount column with the contract year it covers ("Disc % Y2" -> 2, else None).

    Resellers' grids state a discount per year; a first-year-only discount is a 14 under Y1
    and a 0 under Y2 and Y3, which one "discount" column cannot express.
    """
    out = []
    for col, cell in enumerate(header):
        if cell and COLUMN_MEANINGS["discount"].search(cell):
            year = _YEAR_COLUMN.search(cell)
            out.append((col, int(year.group("n")) if year else None))
    return out


_AMOUNT_HEADER = re.compile(
    r"\b(value|amount|funding|credit|face value|investment|allocation|allocated)\b", re.IGNORECASE
)
_VALUE = re.compile(r"\b(value|amount)\b", re.IGNORECASE)
_EXPIRY_HEADER = re.compile(
    r"\b(use by|expir\w*|deadline|claim by|redeem by|spend by|valid (?:until|to|through)|"
    r"end date|complete by|available until)\b",
    re.IGNORECASE,
)


_PARTNER_HEADER = re.compile(
    r"\b(delivered by|delivery partner|partner|provider|performed by|supplier|delivered|"
    r"delivery|who delivers)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CreditColumns:
    header_row: int
    amount: int | None
    currency: str | None
    expiry: int | None
    partner: int | None = None


def credit_columns(rows: tuple[tuple[str, ...], ...]) -> CreditColumns | None:
    """Where a table of funded items keeps the value and the deadline.

    "Ref | Program | Purpose | Value (AUD) | Use by": the value cell is a bare number whose
    currency is in the header, and the deadline cell is a date with no "expires" beside it.
    """
    for index, row in enumerate(rows[:3]):
        amounts = [c for c, cell in enumerate(row) if _AMOUNT_HEADER.search(cell)]
        # "Funding | Value A$": the column that names a currency or a value holds the figure;
        # "Funding" alone may be a column of conditions
        amounts.sort(key=lambda c: (header_currency(row[c]) is None, not _VALUE.search(row[c])))
        amount = amounts[0] if amounts else None
        expiry = next((c for c, cell in enumerate(row) if _EXPIRY_HEADER.search(cell)), None)
        if amount is None and expiry is None:
            continue
        currency = header_currency(row[amount]) if amount is not None else None
        partner = next(
            (
                c
                for c, cell in enumerate(row)
                if _PARTNER_HEADER.search(cell) and c not in (amount, expiry)
            ),
            None,
        )
        return CreditColumns(index, amount, currency, expiry, partner)
    return None

"""Excel price grids: every sheet becomes one table, numbers written as a reader sees them.

Resellers send the pricing as a spreadsheet beside the proposal; the quantities there are the
seat counts. Leading title rows are skipped up to the header row (the first row that is mostly
text and is followed by a row holding numbers).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from ..errors import CorruptDocumentError
from ..records import Document
from ..settings import Settings
from .common import BlockBuilder, finish


def parse_xlsx(data: bytes, filename: str, settings: Settings) -> Document:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptDocumentError(
            "this Excel file is damaged and cannot be read. Try re-saving it in Excel.",
            filename=filename,
        ) from exc
    builder = BlockBuilder()
    for sheet in workbook.worksheets:
        rows = [[_cell(c) for c in row] for row in sheet.iter_rows()]
        rows = [row for row in rows if any(row)]
        if not rows:
            continue
        width = max(len(r) for r in rows)
        keep = [i for i in range(width) if any(i < len(r) and r[i] for r in rows)]
        rows = [[r[i] if i < len(r) else "" for i in keep] for r in rows]
        start = _header_row(rows)
        for title in rows[:start]:
            builder.add(
                "heading", " ".join(c for c in title if c), level=2, source=f"sheet:{sheet.title}"
            )
        builder.add_table(rows[start:], source=f"sheet:{sheet.title}")
    workbook.close()
    return finish(name=filename, fmt="xlsx", data=data, builder=builder)


def _cell(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        number_format = str(getattr(cell, "number_format", "") or "")
        return f"{int(value):,}" if "," in number_format or abs(value) >= 10000 else str(int(value))
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _is_number(text: str) -> bool:
    return text.replace(",", "").replace(".", "", 1).replace("-", "", 1).strip().isdigit()


def _header_row(rows: list[list[str]]) -> int:
    for i, row in enumerate(rows[:10]):
        filled = [c for c in row if c]
        if len(filled) < 2:
            continue
        texty = sum(not _is_number(c) for c in filled) >= len(filled) * 0.6
        nxt = rows[i + 1] if i + 1 < len(rows) else []
        if texty and any(_is_number(c) for c in nxt if c):
            return i
    return 0

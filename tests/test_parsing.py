"""Ingestion on real files: reading order, tables, running headers, tracked changes, e-mail,
spreadsheets, columns and scans."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import analyzer
from analyzer.records import Document
from tests.conftest import ROOT, SAMPLES

DEV = SAMPLES / "dev"
sys.path.insert(0, str(ROOT / "samples"))


def _render(spec: dict[str, object], fmt: str) -> bytes:
    import render  # samples/render.py, the corpus renderer

    functions = {"pdf": render.render_pdf_bytes, "docx": render.render_docx_bytes}
    return functions[fmt](spec)  # type: ignore[no-any-return]


def _invariants(document: Document) -> None:
    for position, block in enumerate(document.blocks):
        assert block.index == position
        assert block.text.strip()
        for row in block.rows:
            assert " | ".join(row) in block.text


def _text_layer_samples() -> list[Path]:
    """Every dev file except the scans, which OCR makes slow; they have their own test."""
    import json

    out = []
    for labels_path in sorted(DEV.glob("*.labels.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        if "scan" not in labels["style"]:
            out += [DEV / name for name in labels["files"]]
    return out


@pytest.mark.parametrize("path", _text_layer_samples(), ids=lambda p: p.name)
def test_every_sample_parses_with_consistent_blocks(path: Path) -> None:
    _invariants(analyzer.load(path))


def test_pdf_pricing_table_rows_and_cells_without_running_headers() -> None:
    document = analyzer.load(DEV / "dev-002.pdf")
    tables = [b for b in document.blocks if b.kind == "table"]
    pricing = tables[0]
    assert pricing.page == 2
    assert pricing.rows[0][:2] == ("Item", "Seats")
    assert pricing.rows[1][:3] == ("Microsoft 365 E3", "2,500", "29.78")
    assert pricing.bbox is not None
    text = document.text
    assert "Page 1 of 3" not in text and "Page 2 of 3" not in text
    assert "Blue Yonder Airlines | Confidential" not in text
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert "Blue Yonder Airlines - Microsoft Enterprise Agreement renewal offer" in headings
    assert "4. Licensing and pricing" in headings


def test_pdf_hyphenation_and_wrapping_are_joined() -> None:
    spec = {
        "id": "t",
        "title": "Hyphen test",
        "blocks": [
            {"paragraph": "The customer accepts the " + "very " * 30 + "long deployment com-"},
        ],
    }
    data = _render(spec, "pdf")
    document = analyzer.load(data, filename="wrap.pdf")
    paragraph = next(b for b in document.blocks if b.kind == "paragraph")
    assert "\n" not in paragraph.text
    assert "very very" in paragraph.text
    from analyzer.ingest.common import join_lines

    assert join_lines(["Microsoft will fund the com-", "mitment in full."]) == (
        "Microsoft will fund the commitment in full."
    )


def test_two_column_page_is_read_left_column_first() -> None:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    for i in range(12):
        pdf.drawString(60, 700 - i * 16, f"Left column line {i} about seats")
        pdf.drawString(330, 700 - i * 16, f"Right column line {i} about credits")
    pdf.save()
    document = analyzer.load(buffer.getvalue(), filename="columns.pdf")
    text = document.text
    assert text.index("Left column line 11") < text.index("Right column line 0")


def test_docx_tracked_changes_current_text_and_revisions() -> None:
    spec = {
        "id": "redline",
        "title": "Amendment",
        "blocks": [
            {
                "redline": {
                    "before": "The Customer ",
                    "delete": "may consider adding",
                    "insert": "shall purchase",
                    "after": " 1,000 additional Microsoft Defender seats in year two.",
                    "author": "Jane Smith (Microsoft)",
                    "date": "2026-10-14T09:12:00Z",
                }
            }
        ],
    }
    document = analyzer.load(_render(spec, "docx"), filename="redline.docx")
    text = document.text
    assert "The Customer shall purchase 1,000 additional" in text
    assert "may consider adding" not in text
    kinds = {(r.kind, r.text, r.author) for r in document.revisions}
    assert ("insert", "shall purchase", "Jane Smith (Microsoft)") in kinds
    assert ("delete", "may consider adding", "Jane Smith (Microsoft)") in kinds
    assert all(r.date == "2026-10-14T09:12:00Z" for r in document.revisions)


def test_docx_table_with_merged_cells_keeps_columns_aligned(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "Contoso | Confidential"
    table = word.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Product", "Qty", "Term"], strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["Microsoft 365 E5", "4,200", "36 months"], strict=True
    ):
        cell.text = text
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Microsoft 365 Copilot (pilot)"
    table.cell(2, 2).text = "12 months"
    word.save(tmp_path / "t.docx")
    document = analyzer.load(tmp_path / "t.docx")
    block = next(b for b in document.blocks if b.kind == "table")
    assert block.rows[1] == ("Microsoft 365 E5", "4,200", "36 months")
    assert block.rows[2] == ("Microsoft 365 Copilot (pilot)", "", "12 months")
    header = [b for b in document.blocks if b.source == "header"]
    assert [b.text for b in header] == ["Contoso | Confidential"]


def test_xlsx_price_grid_is_a_table_with_its_header() -> None:
    document = analyzer.load(DEV / "dev-025.xlsx")
    table = next(b for b in document.blocks if b.kind == "table")
    assert table.source and table.source.startswith("sheet:")
    header = [cell.lower() for cell in table.rows[0]]
    assert any("qty" in c or "quantity" in c or "seats" in c or "licen" in c for c in header)
    assert not any(cell.endswith(".0") for row in table.rows for cell in row)


def test_eml_body_and_pdf_attachment() -> None:
    document = analyzer.load(DEV / "dev-021.eml")
    sources = {b.source for b in document.blocks}
    assert "body" in sources
    assert any(s and s.startswith("attachment:") and s.endswith(".pdf") for s in sources)
    assert document.blocks[0].text.startswith("From:")


@pytest.mark.slow
def test_scanned_page_is_read_by_ocr() -> None:
    document = analyzer.load(DEV / "dev-016.pdf")
    assert document.ocr
    assert all(page.ocr for page in document.pages)
    assert "Microsoft 365 E3" in document.text
    assert all(block.ocr for block in document.blocks)

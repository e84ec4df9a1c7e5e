"""ingest.load on files built by tests/filebuilders.py: what a buyer's files turn into."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.errors import (
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    UnsupportedFormatError,
)
from analyzer.ingest import load, sniff
from analyzer.records import Document
from analyzer.settings import Settings
from tests import filebuilders as fb

PRICING = [
    ["Product", "Qty", "Unit price"],
    ["Microsoft 365 E5", "4,200", "54.72"],
    ["Teams Phone", "900", "8.00"],
]


def _consistent(document: Document) -> None:
    for position, block in enumerate(document.blocks):
        assert block.index == position
        for row in block.rows:
            assert " | ".join(row) in block.text


def _pdf(tmp_path: Path, **kwargs: object) -> Path:
    pages: list[list[fb.PdfBlock]] = [
        [
            ("heading", "1. Licensing"),
            ("paragraph", "The customer licenses these products."),
            ("table", PRICING),
        ],
        [("heading", "2. Funding"), ("paragraph", "ECIF funds must be claimed by 30 June 2027.")],
        [("paragraph", "All other terms follow the Microsoft Business Agreement.")],
    ]
    return fb.make_pdf(
        tmp_path / "proposal.pdf",
        pages,
        header="Fabrikam | Confidential",
        footer="Account team",
        **kwargs,
    )  # type: ignore[arg-type]


def test_pdf_table_rows_and_no_running_lines(tmp_path: Path) -> None:
    document = load(_pdf(tmp_path))
    _consistent(document)
    assert document.format == "pdf" and document.page_count == 3
    tables = [b for b in document.blocks if b.kind == "table"]
    assert [list(r) for r in tables[0].rows] == PRICING
    assert tables[0].page == 1 and tables[0].bbox is not None
    text = "\n".join(b.text for b in document.blocks)
    assert "Page 2 of 3" not in text and "Fabrikam | Confidential" not in text
    assert any(b.kind == "heading" and "Funding" in b.text for b in document.blocks)


def test_password_protected_pdf_with_and_without_password(tmp_path: Path) -> None:
    path = _pdf(tmp_path, password="s3cret")
    with pytest.raises(EncryptedDocumentError) as without:
        load(path)
    with pytest.raises(EncryptedDocumentError) as wrong:
        load(path, settings=Settings(password="nope"))
    assert str(without.value) != str(wrong.value)
    assert "ECIF" in load(path, settings=Settings(password="s3cret")).text


def test_pdf_named_docx_is_sniffed_as_pdf(tmp_path: Path) -> None:
    data = _pdf(tmp_path).read_bytes()
    assert sniff(data, "proposal.docx") == "pdf"
    assert load(data, filename="proposal.docx").format == "pdf"


def test_docx_tracked_changes(tmp_path: Path) -> None:
    path = fb.make_docx(
        tmp_path / "redline.docx",
        ["Discount: ", "End of terms."],
        deleted=("12% ", "Jane Buyer", "2026-10-01T10:00:00Z"),
        inserted=("8% ", "Sam Seller", "2026-10-02T09:00:00Z"),
    )
    document = load(path)
    _consistent(document)
    assert "8%" in document.text and "12%" not in document.text
    kinds = {r.kind: r for r in document.revisions}
    assert kinds["insert"].author == "Sam Seller" and "8%" in kinds["insert"].text
    assert kinds["delete"].author == "Jane Buyer" and "12%" in kinds["delete"].text


def test_docx_table_and_header_kept_once(tmp_path: Path) -> None:
    path = fb.make_docx(
        tmp_path / "t.docx", ["Pricing below."], table=PRICING, header="Fabrikam | Confidential"
    )
    document = load(path)
    _consistent(document)
    table = next(b for b in document.blocks if b.kind == "table")
    assert [list(r) for r in table.rows] == PRICING and table.page is None
    assert [b.source for b in document.blocks].count("header") == 1


def test_xlsx_grid_integers_without_decimals(tmp_path: Path) -> None:
    path = fb.make_xlsx(
        tmp_path / "grid.xlsx", {"Prices": [["Product", "Qty"], ["Microsoft 365 E5", 4200]]}
    )
    document = load(path)
    _consistent(document)
    table = document.blocks[0]
    assert table.kind == "table" and table.source == "sheet:Prices"
    assert "4200.0" not in table.text and "Microsoft 365 E5" in table.text


def test_eml_with_pdf_attachment(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path).read_bytes()
    path = fb.make_eml(
        tmp_path / "mail.eml", "Please find the proposal attached.", {"proposal.pdf": pdf}
    )
    document = load(path)
    _consistent(document)
    assert document.format == "eml"
    assert any(b.source == "attachment:proposal.pdf" and b.kind == "table" for b in document.blocks)


def test_a_forwarded_thread_saved_without_a_charset_keeps_its_pound_signs(tmp_path: Path) -> None:
    """A .txt forwarded thread opens with mail headers, so it is read as a message; with no
    charset declared its UTF-8 body must not turn "£45,000" into replacement characters."""
    path = tmp_path / "thread.txt"
    path.write_bytes(
        "From: Dana <d@example.com>\nTo: Gareth <g@example.com>\nSubject: Fwd: renewal\n\n"
        "Microsoft will provide £45,000 of deployment funding for Copilot readiness.\n".encode()
    )
    document = load(path)
    assert document.format == "eml"
    assert "£45,000 of deployment funding" in document.text
    assert "\ufffd" not in document.text


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"", "a.pdf", EmptyDocumentError),
        (b"   \n", "a.txt", EmptyDocumentError),
        (bytes(range(256)) * 4, "a.heic", UnsupportedFormatError),
    ],
)
def test_bad_bytes(data: bytes, name: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        load(data, filename=name)


def test_too_large_by_bytes_and_pages(tmp_path: Path) -> None:
    path = _pdf(tmp_path)
    with pytest.raises(DocumentTooLargeError):
        load(path, settings=Settings(max_bytes=100))
    with pytest.raises(DocumentTooLargeError):
        load(path, settings=Settings(max_pages=2))


@pytest.mark.slow
def test_scanned_page_is_read_by_ocr(tmp_path: Path) -> None:
    path = fb.make_scanned_pdf(
        tmp_path / "scan.pdf", ["Microsoft 365 E5 licences", "FastTrack onboarding included"]
    )
    document = load(path)
    assert document.ocr and all(b.ocr for b in document.blocks)
    assert "FastTrack" in document.text


def test_parallel_page_reading_matches_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two-process fast path must give the same blocks (text, tables, pages, boxes)."""
    from analyzer.ingest import pdf as pdf_module

    page: list[fb.PdfBlock] = [
        ("heading", "Licensing"),
        ("paragraph", "The customer licenses the products below for a 36-month commit-ment."),
        ("table", PRICING),
    ]
    path = fb.make_pdf(tmp_path / "long.pdf", [page] * 14, footer="Account team")
    data = path.read_bytes()
    # The fast path forks only from a single-threaded process; a test worker that already loaded
    # torch has threads, so prove the fast path runs in a fresh interpreter.
    probe = (
        "import sys; from pathlib import Path; from analyzer.ingest import pdf; "
        "sys.exit(0 if pdf._read_parallel(Path(sys.argv[1]).read_bytes(), None, 14) else 3)"
    )
    assert subprocess.run([sys.executable, "-c", probe, str(path)], check=False).returncode == 0
    fast = load(data, filename="long.pdf")
    monkeypatch.setattr(pdf_module, "_PARALLEL_MIN_PAGES", 10_000)
    slow = load(data, filename="long.pdf")
    assert fast.blocks == slow.blocks
    assert sum(b.kind == "table" for b in fast.blocks) == 14
    _consistent(fast)


FIXTURES = Path(__file__).resolve().parents[1] / "samples" / "files"


@pytest.mark.parametrize(
    ("name", "fmt", "needle"),
    [
        ("proposal-with-table.pdf", "pdf", "4,200"),
        ("proposal-mail.eml", "eml", "4,200"),
        ("price-grid.xlsx", "xlsx", "Teams Phone"),
        ("redline.docx", "docx", "8%"),
        pytest.param("scanned-page.pdf", "pdf", "FastTrack", marks=pytest.mark.slow),
    ],
)
def test_committed_fixtures_parse(name: str, fmt: str, needle: str) -> None:
    document = load(FIXTURES / name)
    _consistent(document)
    assert document.format == fmt and needle in document.text


def _render(kind: str, blocks: list[dict[str, object]]) -> bytes:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "samples"))
    import render  # the corpus renderer: real ruled tables, reportlab wrapping, scans

    spec = {"id": "t", "title": "Quotation", "blocks": blocks}
    out = render.render_pdf_bytes(spec) if kind == "pdf" else render.render_scan_bytes(spec)
    return out  # type: ignore[no-any-return]


NARROW_GRID = {
    "table": {
        "header": [
            "Ln",
            "Product / SKU",
            "Term",
            "Billing",
            "Seats",
            "RRP A$/user/mth",
            "Disc.",
            "Net A$/user/mth",
            "Ext. annual A$",
        ],
        "rows": [
            [
                "1",
                "Microsoft 365 Business Premium (CFQ7TTC0LCHC)",
                "12 months",
                "Annual upfront",
                "120",
                "36.00",
                "7%",
                "33.48",
                "48,211.20",
            ],
        ],
    }
}


def test_words_broken_by_a_narrow_cell_are_rejoined_and_wrapped_words_are_not(
    tmp_path: Path,
) -> None:
    path = tmp_path / "quote.pdf"
    path.write_bytes(_render("pdf", [NARROW_GRID]))
    (table,) = [b for b in load(path).blocks if b.kind == "table"]
    row = table.rows[1]
    assert row[1].startswith("Microsoft 365 Business Premium")
    assert row[3] == "Annual upfront"
    assert row[8] == "48,211.20"


def test_side_by_side_signature_blocks_keep_each_party_together(tmp_path: Path) -> None:
    signature = {
        "signature": [
            {
                "name": "Priya Natarajan",
                "title": "IT Operations Manager, Kestrel Freight Logistics",
                "date": "",
            },
            {
                "name": "Jayden Kowalczyk",
                "title": "Account Manager, Bluewater Technology Solutions",
                "date": "15/03/2027",
            },
        ]
    }
    path = tmp_path / "signed.pdf"
    path.write_bytes(_render("pdf", [{"paragraph": "To accept, sign below."}, signature]))
    texts = [b.text for b in load(path).blocks]
    assert any(t.endswith("Kestrel Freight Logistics") for t in texts), texts
    assert any(t.endswith("Bluewater Technology Solutions") for t in texts), texts


@pytest.mark.slow
def test_a_scanned_ruled_table_is_rebuilt_as_a_table_from_its_rules(tmp_path: Path) -> None:
    table = {
        "table": {
            "header": ["Line", "Product", "Seats", "Price / seat / month (USD)"],
            "rows": [
                ["1", "Office 365 E3", "120", "21.62"],
                ["2", "Microsoft Entra ID P1", "120", "5.64"],
                ["3", "Power BI Pro", "200", "13.16"],
            ],
        }
    }
    path = tmp_path / "scan.pdf"
    path.write_bytes(_render("scan", [{"paragraph": "A. Subscriptions ordered"}, table]))
    document = load(path)
    (block,) = [b for b in document.blocks if b.kind == "table"]
    assert block.ocr and len(block.rows) == 4 and all(len(r) == 4 for r in block.rows)
    assert block.rows[1][1:3] == ("Office 365 E3", "120")
    assert block.rows[3][1:3] == ("Power BI Pro", "200")

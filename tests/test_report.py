"""Report exports: schema-exact JSON, section order, self-contained HTML, editable DOCX, goldens."""

from __future__ import annotations

import io
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from analyzer.records import Change, Comparison, Report, Revision
from analyzer.report import comparison_to_dict, render, report_to_dict

from .conftest import ROOT, SHARED
from .report_fixtures import discount_report, ev, in_lieu_report

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("ANALYZER_REGEN_GOLDEN") == "1"
SCHEMA = json.loads((ROOT / "analyzer" / "data" / "report.schema.json").read_text("utf-8"))
REPORTS = {"in_lieu": in_lieu_report, "discount": discount_report}
SECTIONS = ["Findings summary", "Verdict", "Ledgers", "Items", "Seats", "What was not found"]


def check_golden(text: str, name: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        path.write_text(text, encoding="utf-8")
        pytest.fail(f"created {path.name}; review it, commit it, re-run")
    assert text == path.read_text(encoding="utf-8")


def test_regen_flag_is_off() -> None:
    assert not REGENERATE


def test_packaged_schema_is_the_shared_contract() -> None:
    shared = SHARED / "report.schema.json"
    if not shared.exists():
        pytest.skip("shared contract directory not present")
    assert json.loads(shared.read_text("utf-8")) == SCHEMA


def comparison() -> Comparison:
    base, amended = discount_report(), in_lieu_report()
    change = Change(
        kind="discount",
        key="Discount on Microsoft 365 E3",
        field="removed",
        before="12% off Microsoft 365 E3 for 36 months",
        after=None,
        evidence_before=base.items[0].evidence,
        evidence_after=(),
        revision=Revision("delete", "12%", 4, "J. Smith", "2026-05-01T10:00:00Z"),
    )
    return Comparison(base=base, amendment=amended, changes=(change,), findings=amended.findings)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_json_validates_against_the_schema(name: str) -> None:
    report = REPORTS[name]()
    data = json.loads(render(report, "json"))
    jsonschema.validate(data, SCHEMA)
    assert data == json.loads(json.dumps(report_to_dict(report)))
    assert data["verdict"] == report.verdict and data["missing"] == list(report.missing)
    item = data["items"][0]
    assert set(SCHEMA["properties"]["items"]["items"]["required"]) <= set(item)
    assert item["evidence"][0] == {
        "document": report.items[0].evidence[0].document,
        "page": report.items[0].evidence[0].page,
        "text": report.items[0].evidence[0].text,
    }


def test_item_expiry_dates_are_iso_strings() -> None:
    data = report_to_dict(in_lieu_report())
    assert data["items"][0]["expires"] == {
        "date": "2027-06-30",
        "text": "must be claimed by 30 June 2027",
    }


def test_comparison_json_holds_both_reports_changes_and_findings() -> None:
    data = json.loads(render(comparison(), "json"))
    assert set(data) >= {"base", "amendment", "changes", "findings"}
    jsonschema.validate(data["base"], SCHEMA)
    jsonschema.validate(data["amendment"], SCHEMA)
    assert data["changes"][0]["field"] == "removed"
    assert data == json.loads(json.dumps(comparison_to_dict(comparison())))


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_markdown_sections_come_in_the_agreed_order(name: str) -> None:
    text = render(REPORTS[name](), "md").decode("utf-8")
    headings = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    positions = [
        next(i for i, h in enumerate(headings) if h.startswith(section)) for section in SECTIONS
    ]
    assert positions == sorted(positions), headings


def test_markdown_shows_asks_evidence_and_both_sides_of_an_in_lieu_offer() -> None:
    report = in_lieu_report()
    text = render(report, "md").decode("utf-8")
    assert report.findings[0].ask in text
    assert "proposal.pdf" in text and "In lieu of a price concession" in text
    assert "250,000" in text and "82,080" in text  # both sides of the substitution
    assert "shown as is" in text  # a ledger key the report layer does not know
    for missing in report.missing:
        assert missing in text


def test_comparison_markdown_puts_changes_first_with_the_tracked_author() -> None:
    text = render(comparison(), "md").decode("utf-8")
    assert text.index("Changes") < text.index("Findings summary")
    assert "J. Smith" in text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_one_self_contained_escaped_file() -> None:
    html = render(in_lieu_report(), "html").decode("utf-8")
    parser = _Collector()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags  # the vendor's "<script>" stays text
    assert "&lt;script&gt;" in html
    assert "style" in tags and "table" in tags
    for tag, attrs in parser.tags:
        assert not (tag == "link" or (tag in ("img", "script") and attrs.get("src")))
        for value in attrs.values():
            assert not (value or "").startswith(("http:", "https:", "//"))
    text = " ".join(parser.text)
    positions = [text.index(section) for section in SECTIONS]
    assert positions == sorted(positions)


def test_docx_has_real_headings_and_tables() -> None:
    import docx

    document = docx.Document(io.BytesIO(render(in_lieu_report(), "docx")))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]
    for section in SECTIONS:
        assert any(h.startswith(section) for h in headings), headings
    assert len(document.tables) >= 4
    first_rows = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert any("Code" in row and "Count" in row for row in first_rows)
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "Microsoft 365 E5" in cells


def test_unknown_format_is_a_config_error() -> None:
    from analyzer.errors import ConfigError

    with pytest.raises(ConfigError):
        render(in_lieu_report(), "pdf")


def test_ledgers_with_unexpected_shapes_do_not_crash_any_export() -> None:
    import dataclasses

    from analyzer.records import Ledgers

    odd = dataclasses.replace(
        discount_report(),
        ledgers=Ledgers({"nested": {"a": [1, {"b": None}]}}, {"x": None}, {"when": ev("q").text}),
    )
    for fmt in ("json", "md", "html", "docx"):
        assert render(odd, fmt)


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("fmt", ["md", "json"])
def test_golden_exports_of_hand_built_reports(name: str, fmt: str) -> None:
    report: Report = REPORTS[name]()
    check_golden(render(report, fmt).decode("utf-8"), f"report-{name}.{fmt}")

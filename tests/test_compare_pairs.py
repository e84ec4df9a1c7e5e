"""compare() end to end on real base/amendment files (samples/pairs, built by make_pairs.py)."""

from __future__ import annotations

import fnmatch
import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest

import analyzer
from analyzer.records import Comparison

from .conftest import ROOT, SAMPLES

PAIRS = SAMPLES / "pairs"
SCHEMA = json.loads((ROOT / "analyzer" / "data" / "report.schema.json").read_text("utf-8"))
AMENDMENT_PREFIX = "AMENDMENT_"


def expected(name: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((PAIRS / name / "expected.json").read_text("utf-8"))
    return loaded


@cache
def compared(name: str) -> Comparison:
    info = expected(name)
    folder: Path = PAIRS / name
    return analyzer.compare([folder / str(info["base"])], [folder / str(info["amendment"])])


FAST = [
    "discount_in_lieu",
    "credit_expiry_earlier",
    "seats_prose_and_table",
    "redline_commitment",
    "change_only",
    "no_change",
]
CASES = [*FAST, pytest.param("scanned_base", marks=pytest.mark.slow)]


@pytest.mark.parametrize("name", CASES)
def test_pair_reports_the_expected_codes_and_no_others_of_its_kind(name: str) -> None:
    info = expected(name)
    codes = [f.code for f in compared(name).findings]
    for code in info["expect"]:  # type: ignore[attr-defined]
        assert code in codes, codes
    for pattern in info["absent"]:  # type: ignore[attr-defined]
        assert not fnmatch.filter(codes, pattern), codes
    amendment_codes = [c for c in codes if c.startswith(AMENDMENT_PREFIX)]
    assert len(amendment_codes) == len(set(amendment_codes)), "an amendment code fired twice"


def test_seat_reduction_in_prose_and_table_is_one_change_with_both_numbers() -> None:
    comparison = compared("seats_prose_and_table")
    seats = [c for c in comparison.changes if c.kind == "seats"]
    assert [(c.key, c.before, c.after) for c in seats] == [("Microsoft 365 E5", 4000, 3600)]
    (finding,) = [f for f in comparison.findings if f.code == "AMENDMENT_SEATS_CHANGED"]
    assert "4,000" in finding.detail and "3,600" in finding.detail
    assert {e.document for e in finding.evidence} == {"base.pdf", "amendment.pdf"}


def test_discount_swapped_for_funding_keeps_base_evidence_of_the_lost_discount() -> None:
    comparison = compared("discount_in_lieu")
    (removed,) = [f for f in comparison.findings if f.code == "AMENDMENT_DISCOUNT_REMOVED"]
    assert any("12%" in e.text and e.document == "base.pdf" for e in removed.evidence)
    assert removed.ask


def test_tracked_insertion_of_a_commitment_names_its_author() -> None:
    comparison = compared("redline_commitment")
    (change,) = [c for c in comparison.changes if c.kind == "commitment"]
    assert change.field == "added"
    assert change.revision is not None and change.revision.kind == "insert"
    assert change.revision.author == "Jordan Seller (Microsoft)"
    (finding,) = [f for f in comparison.findings if f.code == "AMENDMENT_NEW_COMMITMENT"]
    assert "Jordan Seller" in finding.detail
    assert finding.item_ids


def test_change_only_amendment_is_applied_to_its_base() -> None:
    comparison = compared("change_only")
    names = [d.name for d in comparison.amendment.documents]
    assert names == ["amendment.docx", "base.pdf (as amended)"]
    assert [(s.product, s.quantity) for s in comparison.amendment.seats] == [
        ("Microsoft 365 E5", 3600)
    ]
    # the discount and the credit of the base survive the amendment
    assert {i.category for i in comparison.amendment.items} >= {"discount", "funded_credit"}
    assert all(
        e.text and (e.document in names) for i in comparison.amendment.items for e in i.evidence
    )


def test_no_material_change_yields_no_change_at_all() -> None:
    comparison = compared("no_change")
    assert comparison.changes == ()
    assert comparison.findings == ()


@pytest.mark.parametrize("fmt", ["json", "md", "html", "docx"])
def test_comparison_renders_in_every_format(fmt: str) -> None:
    comparison = compared("redline_commitment")
    data = analyzer.render(comparison, fmt)
    if fmt == "json":
        loaded = json.loads(data)
        jsonschema.validate(loaded["base"], SCHEMA)
        jsonschema.validate(loaded["amendment"], SCHEMA)
        assert loaded["changes"][0]["revision"]["author"] == "Jordan Seller (Microsoft)"
    elif fmt in ("md", "html"):
        text = data.decode("utf-8")
        assert "Jordan Seller" in text and "AMENDMENT_NEW_COMMITMENT" in text
    else:
        import io

        import docx

        document = docx.Document(io.BytesIO(data))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert "Changes" in headings
        header = [c.text for c in document.tables[0].rows[0].cells]
        assert "Before" in header and "After" in header
        assert "Jordan Seller" in document.tables[0].rows[1].cells[-1].text


def test_comparison_markdown_quotes_both_versions_of_a_change() -> None:
    text = analyzer.render(compared("seats_prose_and_table"), "md").decode("utf-8")
    changes = text.split("## Changes", 1)[1].split("\n## ", 1)[0]
    assert "base: base.pdf" in changes and "amended: amendment.pdf" in changes

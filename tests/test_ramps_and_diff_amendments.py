"""Styles met in held-out round 20, on files built here: a multi-year ramp whose price table
runs one column per contract year ("Line | Contract year 1 | Contract year 2 | ..."), and a
change-only amendment written as unified-diff markup inside a fenced ```diff block."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import analyzer
from analyzer.records import Item, Report
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "samples"))


def _docx(blocks: list[dict[str, Any]], title: str = "Proposal") -> bytes:
    import render

    return render.render_docx_bytes({"id": "t", "title": title, "blocks": blocks})  # type: ignore[no-any-return]


def _items(report: Report, category: str) -> list[Item]:
    return [i for i in report.items if i.category == category]


def _codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


def _seats(report: Report) -> dict[str, int]:
    return {s.product: s.quantity for s in report.seats}


RAMP = [
    {"paragraph": "Harwick Foods plc - four-year Microsoft ramp order, prepared 2 February 2028."},
    {
        "bullets": [
            "Effective Date: 1 May 2028. Term: 48 months.",
            "Prices in US dollars, excluding sales tax.",
        ]
    },
    {"heading": "2. Licences and reductions by year"},
    {
        "table": {
            "header": [
                "Item",
                "Contract year 1",
                "Contract year 2",
                "Contract year 3",
                "Contract year 4",
            ],
            "rows": [
                ["Microsoft 365 E3 - licences", "2,000", "2,500", "3,000", "3,000"],
                ["Microsoft 365 E3 - discount off list", "10%", "10%", "6%", "6%"],
                [
                    "Microsoft 365 E3 - price USD per user per month",
                    "32.40",
                    "32.40",
                    "33.84",
                    "33.84",
                ],
                ["Teams Phone Standard - seats", "400", "400", "400", "400"],
                ["Teams Phone Standard - discount off list", "4%", "4%", "4%", "4%"],
            ],
        }
    },
    {"heading": "3. Deployment funding"},
    {
        "paragraph": "Microsoft will provide ECIF funding of USD 60,000 for Teams Phone "
        "deployment, delivered by any Microsoft partner the customer chooses. The funds must be "
        "claimed within 90 days of the Effective Date."
    },
]


def test_a_ramp_table_gives_year_one_seats_growth_commitments_and_discounts_per_run() -> None:
    report = analyzer.analyze([("ramp.docx", _docx(RAMP))])
    assert _seats(report) == {"Microsoft 365 E3": 2000, "Teams Phone": 400}
    (commitment,) = _items(report, "commitment")  # Teams Phone stays flat: no commitment
    assert commitment.quantity == 1000 and commitment.products == ("Microsoft 365 E3",)
    discounts = {(d.percent, d.term_months, d.products) for d in _items(report, "discount")}
    assert discounts == {
        (10.0, 24, ("Microsoft 365 E3",)),
        (6.0, 24, ("Microsoft 365 E3",)),
        (4.0, 48, ("Teams Phone",)),
    }
    assert {"DISCOUNT_PARTIAL_TERM", "EXPANSION_COMMITMENT"} <= _codes(report)


def _ramp_markdown(year: str, note: str = "") -> bytes:
    header = " | ".join(["Line", *(year.format(n=n) for n in (1, 2))])
    return (
        "# Ramp quote for Microsoft 365 Business Premium\n\n"
        "Osprey Dental Group will license Microsoft 365 Business Premium from 1 July 2027 for "
        "24 months.\n\n"
        f"| {header} |\n|---|---|---|\n"
        "| Microsoft 365 Business Premium - quantity | 120 | 180 |\n"
        "| Microsoft 365 Business Premium - reduction (%) | 7 | none |\n\n"
        f"{note}\n"
    ).encode()


@pytest.mark.parametrize("year", ["Y{n}", "Yr {n}", "Year {n}", "Contract year {n}"])
def test_ramp_headers_are_read_however_the_years_are_written(year: str) -> None:
    report = analyzer.analyze([("quote.md", _ramp_markdown(year))])
    assert _seats(report) == {"Microsoft 365 Business Premium": 120}
    (commitment,) = _items(report, "commitment")
    assert commitment.quantity == 60
    (discount,) = _items(report, "discount")
    assert (discount.percent, discount.term_months) == (7.0, 12)
    assert "DISCOUNT_PARTIAL_TERM" in _codes(report)


def test_indicative_later_year_quantities_are_seats_but_no_commitment() -> None:
    note = "Year 2 quantities are indicative only and may be revised at the anniversary."
    report = analyzer.analyze([("quote.md", _ramp_markdown("Year {n}", note))])
    assert _seats(report) == {"Microsoft 365 Business Premium": 120}
    assert not _items(report, "commitment")


def test_an_annual_value_table_by_year_is_no_ramp_of_quantities() -> None:
    text = _ramp_markdown("Yr {n}") + (
        b"\n| Line | Year 1 (USD) | Year 2 (USD) |\n|---|---|---|\n"
        b"| Microsoft 365 Business Premium | 30,240 | 45,360 |\n"
        b"| Power BI Pro | 1,680 | 3,360 |\n"
    )
    report = analyzer.analyze([("quote.md", text)])
    assert _seats(report) == {"Microsoft 365 Business Premium": 120}  # no Power BI seats
    assert [c.products for c in _items(report, "commitment")] == [
        ("Microsoft 365 Business Premium",)
    ]


DIFF_AMENDMENT = """# Change Note 2 to the Harwick Foods ramp order

The changes below are shown as a comparison of the order: "- " lines are removed, "+ " lines
are added and lines starting with two spaces are unchanged context.

```diff
@@ Section 2 - Licences and reductions by year @@
  | Item | Contract year 1 | Contract year 2 | Contract year 3 | Contract year 4 |
  | Microsoft 365 E3 - licences | 2,000 | 2,500 | 3,000 | 3,000 |
- | Teams Phone Standard - seats | 400 | 400 | 400 | 400 |
- | Teams Phone Standard - discount off list | 4% | 4% | 4% | 4% |
+ | Teams Phone Standard - seats | 350 | 350 | 350 | 350 |
+ | Teams Phone Standard - discount off list | 5% | 5% | 5% | 5% |
@@ Section 3 - Deployment funding @@
  Microsoft will provide ECIF funding of USD 60,000 for Teams Phone deployment,
  delivered by any Microsoft partner the customer chooses.
- The funds must be claimed within 90 days of the Effective Date.
+ The funds must be claimed within 60 days of the Effective Date.
@@ Section 9 - Signature @@
- Dana Whitlock, Head of IT
+ Priya Raman, Finance Director
```

## Background (not part of the changes)

- Teams Phone - 50 users move to a calling plan bought from the carrier.
- ECIF - Microsoft's claim window is shorter in the new fiscal year.
"""


def test_a_diff_amendment_applies_its_deleted_and_inserted_lines_to_the_base() -> None:
    comparison = analyzer.compare(
        [("order.docx", _docx(RAMP))], [("change-note.md", DIFF_AMENDMENT.encode())]
    )
    changes = {(c.kind, c.key, c.field, str(c.before), str(c.after)) for c in comparison.changes}
    assert changes == {
        ("seats", "Teams Phone", "quantity", "400", "350"),
        ("discount", "Discount on Teams Phone", "percent", "4.0", "5.0"),
        ("funded_credit", "ECIF", "expires", "2028-07-30", "2028-06-30"),
    }
    # the revision is named for what it is: a line of diff markup, not a tracked change
    assert all(c.revision is not None and c.revision.origin == "diff" for c in comparison.changes)
    markdown = analyzer.render(comparison, "md").decode()
    assert "diff markup" in markdown and "unknown author" not in markdown
    assert "| Evidence | Revision |" in markdown  # the column names both kinds of revision
    # the signatory line cannot be found in the base: said, not silently dropped
    assert any("diff lines" in w for d in comparison.amendment.documents for w in d.warnings)


def test_an_unfenced_run_of_diff_lines_is_read_as_the_current_text_and_revisions() -> None:
    text = (
        "Amendment 1 to the Osprey Dental quote.\n\n"
        "@@ Clause 2 @@\n"
        "  Microsoft 365 Business Premium is priced\n"
        "- at 7% below list for the first year.\n"
        "+ at 9% below list for the first year.\n\n"
        "Everything else is unchanged.\n"
    )
    document = analyzer.load(text.encode(), filename="amendment.txt")
    texts = [b.text for b in document.blocks]
    assert "Microsoft 365 Business Premium is priced at 9% below list for the first year." in texts
    assert not any("7%" in t for t in texts)
    assert [(r.kind, r.origin, r.line) for r in document.revisions] == [
        ("delete", "diff", 5),
        ("insert", "diff", 6),
    ]
    assert texts[-1] == "Everything else is unchanged."


def test_a_code_block_that_is_no_diff_is_kept_as_text() -> None:
    text = (
        "# Notes\n\n"
        "```\n"
        "- not a bullet but a line of a log\n"
        "| raw | pipe | output |\n"
        "```\n\n"
        "After the block.\n"
    )
    document = analyzer.load(text.encode(), filename="notes.md")
    kinds = [(b.kind, b.text) for b in document.blocks]
    assert kinds == [
        ("heading", "Notes"),
        ("paragraph", "- not a bullet but a line of a log | raw | pipe | output |"),
        ("paragraph", "After the block."),
    ]
    assert document.revisions == ()

"""Styles met in held-out round 18, on files built here: an ECIF approval letter whose terms sit
in later numbered sections, an FAQ proposal and its letter-agreement amendment, and a partner's
statement of work with a payment schedule."""

from __future__ import annotations

import sys
from typing import Any

import analyzer
from analyzer.records import Report
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "samples"))


def _pdf(blocks: list[dict[str, Any]]) -> bytes:
    import render

    return render.render_pdf_bytes({"id": "t", "title": "Proposal", "blocks": blocks})  # type: ignore[no-any-return]


def _docx(blocks: list[dict[str, Any]], title: str) -> bytes:
    import render

    return render.render_docx_bytes({"id": "a", "title": title, "blocks": blocks})  # type: ignore[no-any-return]


def _credits(report: Report) -> list[Any]:
    return [i for i in report.items if i.category == "funded_credit"]


def test_an_approval_letter_whose_deadline_and_supplier_sit_in_later_sections() -> None:
    report = analyzer.analyze(
        [
            (
                "approval.pdf",
                _pdf(
                    [
                        {
                            "table": {
                                "header": ["Field", "Detail"],
                                "rows": [
                                    ["Notification date", "19.10.2026"],
                                    ["Request reference", "ECIF-EMEA-26-041877"],
                                    ["Approved amount", "EUR 185,000"],
                                ],
                            }
                        },
                        {
                            "paragraph": "The End Customer Investment Funds (ECIF) request for "
                            "Microsoft 365 E5 deployment has been approved."
                        },
                        {"heading": "3. Supplier"},
                        {
                            "paragraph": "The approved activities must be delivered by Kestrel "
                            "Digital Services GmbH, the supplier named in the request."
                        },
                        {"heading": "4. Timeline and claims"},
                        {
                            "paragraph": "All approved activities must be completed within 240 "
                            "days of the notification date shown above."
                        },
                    ]
                ),
            )
        ]
    )
    credits = _credits(report)
    assert len(credits) == 1
    assert credits[0].amount is not None and credits[0].amount.amount == 185000.0
    assert credits[0].expires is not None and str(credits[0].expires.date) == "2027-06-16"
    assert credits[0].partner is not None
    assert credits[0].partner.name == "Kestrel Digital Services GmbH"


FAQ = [
    {"paragraph": "Microsoft 365 E3 for 1,250 users at 9% below list in year one."},
    {"heading": "Does Microsoft help pay for the deployment?"},
    {
        "paragraph": "Yes. Microsoft will fund CAD 75,000 of partner services (partner funding) "
        "for moving your dispatch lines to Teams Phone."
    },
    {"heading": "Who can do the funded work?"},
    {"paragraph": "Any Microsoft partner Northern Arc chooses."},
    {"heading": "When must the funding be used?"},
    {"paragraph": "All funded work has to be delivered and invoiced by September 30th, 2027."},
    {"heading": "Is FastTrack part of this?"},
    {"paragraph": "Yes, we will open the FastTrack request in the week the agreement is signed."},
]


def test_an_faq_answer_under_a_question_about_the_funding_describes_the_credit() -> None:
    report = analyzer.analyze([("faq.docx", _docx(FAQ, "Proposal"))])
    credits = _credits(report)
    assert len(credits) == 1
    assert credits[0].expires is not None and str(credits[0].expires.date) == "2027-09-30"
    assert credits[0].partner is not None and credits[0].partner.requirement == "any"


def test_a_letter_agreement_replaces_the_answer_to_a_question() -> None:
    amendment = _docx(
        [
            {"paragraph": "This letter amends the Proposal. The parties agree that:"},
            {
                "paragraph": '(a) the answer to "When must the funding be used?" is deleted and '
                'replaced with: "All funded work has to be delivered and invoiced by March 31, '
                '2027."; and'
            },
            {"paragraph": "(b) except as set out in paragraph (a), the Proposal is unchanged."},
        ],
        "Letter agreement no. 1",
    )
    comparison = analyzer.compare(
        [("faq.docx", _docx(FAQ, "Proposal"))], [("letter.docx", amendment)]
    )
    expiries = {(str(c.before), str(c.after)) for c in comparison.changes if c.field == "expires"}
    assert any("2027-09-30" in b and "2027-03-31" in a for b, a in expiries), comparison.changes


def test_a_payment_schedule_of_milestones_is_the_credit_it_pays_out() -> None:
    report = analyzer.analyze(
        [
            (
                "sow.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "Customer licenses 2,200 Microsoft 365 E3. Microsoft has "
                            "approved End Customer Investment Funds (ECIF) for this engagement, up "
                            "to a maximum of USD 96,000. The ECIF approval is specific to "
                            "Northbridge as the delivering partner."
                        },
                        {"heading": "7. Payment schedule"},
                        {
                            "table": {
                                "header": ["Milestone", "Amount (USD)", "Paid by", "Trigger"],
                                "rows": [
                                    ["M1", "18,000", "Microsoft (ECIF)", "Acceptance of M1"],
                                    ["M2", "30,000", "Microsoft (ECIF)", "Acceptance of M2"],
                                    ["M3", "36,000", "Microsoft (ECIF)", "Acceptance of M3"],
                                    ["M4", "12,000", "Microsoft (ECIF)", "Acceptance of M4"],
                                ],
                            }
                        },
                    ]
                ),
            )
        ]
    )
    credits = _credits(report)
    assert [(c.program, c.amount.amount if c.amount else None) for c in credits] == [
        ("ECIF", 96000.0)
    ]
    assert credits[0].partner is not None
    assert (credits[0].partner.name, credits[0].partner.requirement) == ("Northbridge", "named")
    assert len(credits[0].evidence) >= 5  # the total and its four instalments

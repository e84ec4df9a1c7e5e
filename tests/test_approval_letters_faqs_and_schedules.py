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


def test_a_cover_letters_rounded_figures_are_the_appendix_terms() -> None:
    report = analyzer.analyze(
        [
            (
                "proposal.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "On price, we have secured a discount of around 12% on "
                            "E3 for the life of the agreement. Alongside that, Microsoft will put "
                            "c. £85k of deployment funding towards moving your file shares into "
                            "SharePoint and OneDrive."
                        },
                        {"heading": "Appendix - Detailed commercial terms"},
                        {
                            "table": {
                                "header": ["Product", "Seats", "List (GBP/user/month)"],
                                "rows": [["Microsoft 365 E3", "2,950", "32.80"]],
                            }
                        },
                        {
                            "paragraph": "Microsoft 365 E3 carries a 12.5% discount off list, "
                            "fixed for each of the three years."
                        },
                        {
                            "paragraph": "Microsoft will provide deployment funding of £84,500 to "
                            "migrate the file shares into SharePoint Online and OneDrive. The "
                            "funded work must be completed by 28 January 2028."
                        },
                    ]
                ),
            )
        ]
    )
    discounts = [i.percent for i in report.items if i.category == "discount"]
    assert discounts == [12.5]
    credits = _credits(report)
    assert [(c.amount.amount if c.amount else None) for c in credits] == [84500.0]
    assert credits[0].expires is not None and str(credits[0].expires.date) == "2028-01-28"


def test_a_decision_paper_offers_only_the_option_it_does_not_set_aside() -> None:
    report = analyzer.analyze(
        [
            (
                "paper.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "Both options price 3,200 Microsoft 365 E3 users from 1 "
                            "March 2027 (the Effective Date)."
                        },
                        {
                            "table": {
                                "header": ["", "Option A", "Option B"],
                                "rows": [
                                    [
                                        "Price concession",
                                        "14% off list on E3 for the full 36 months",
                                        "10% off list on E3 for the full 36 months",
                                    ],
                                    [
                                        "Microsoft-funded services",
                                        "None",
                                        "GBP 90,000 deployment funding",
                                    ],
                                    [
                                        "Conditions",
                                        "None",
                                        "Purchase of Microsoft 365 E5 Security for at least "
                                        "1,000 users before the second anniversary",
                                    ],
                                ],
                            }
                        },
                        {
                            "paragraph": "Our own estimate for the same migration work bought "
                            "from the market is about GBP 210,000."
                        },
                        {
                            "paragraph": "The board recommends Option B. Option A is shown for "
                            "comparison only and will lapse when Option B is signed."
                        },
                    ]
                ),
            )
        ]
    )
    assert [i.percent for i in report.items if i.category == "discount"] == [10.0]
    assert [(c.amount.amount if c.amount else None) for c in _credits(report)] == [90000.0]
    commitments = [i for i in report.items if i.category == "commitment"]
    assert [(c.quantity, c.products) for c in commitments] == [
        (1000, ("Microsoft 365 E5 Security",))
    ]


def test_slide_bullets_under_a_credit_name_its_partner_kind_and_claim_window() -> None:
    report = analyzer.analyze(
        [
            (
                "deck.pdf",
                _pdf(
                    [
                        {"heading": "What we propose"},
                        {"bullets": ["Microsoft 365 E5 - 2,600 users"]},
                        {"heading": "Microsoft investment in your success"},
                        {
                            "bullets": [
                                "USD 180K End Customer Investment Funds (ECIF)",
                                "For: Copilot readiness and Purview data labelling",
                                "Delivered by: a partner from Microsoft's Copilot Jumpstart "
                                "roster - Woodgrove picks which one",
                                "Claim window closes June 30th, 2027",
                            ]
                        },
                        {"heading": "Our ask in return"},
                        {
                            "bullets": [
                                "Grow Copilot from 250 to 1,000 users by the first anniversary",
                                "The ECIF approval is tied to that growth plan",
                            ]
                        },
                    ]
                ),
            )
        ]
    )
    credits = _credits(report)
    assert [c.program for c in credits] == ["ECIF"]
    assert credits[0].partner is not None and credits[0].partner.requirement == "approved"
    assert credits[0].expires is not None and str(credits[0].expires.date) == "2027-06-30"
    commitments = [i for i in report.items if i.category == "commitment"]
    assert [c.quantity for c in commitments] == [750]


AZURE_BUNDLE = [
    {"heading": "3. Microsoft 365 licensing"},
    {"paragraph": "Microsoft 365 E5 for 900 users at 8% below list for the whole 36-month term."},
    {"heading": "4. Azure consumption commitment"},
    {
        "paragraph": "Proseware commits to consume Azure services with a value of EUR "
        "1,500,000 over the 36-month term (the MACC)."
    },
    {"heading": "5. Azure migration credits"},
    {
        "paragraph": "Microsoft will grant Azure credits of EUR 120,000 for migration of the "
        "on-premises servers to Azure. Any unused balance lapses on 31.01.2028."
    },
    {"heading": "6. Security envisioning workshop"},
    {
        "paragraph": "Microsoft will fund a three-day security envisioning workshop covering "
        "Microsoft Defender and Microsoft Purview, with a value of EUR 25,000. The workshop will "
        "be delivered by Alpenblick IT-Services GmbH. The workshop must be completed by "
        "30.09.2027."
    },
]


def test_a_spend_commitment_and_a_funded_workshop_a_named_partner_delivers() -> None:
    report = analyzer.analyze([("proposal.docx", _docx(AZURE_BUNDLE, "Proposal"))])
    commitments = [i for i in report.items if i.category == "commitment"]
    assert [(c.amount.amount if c.amount else None) for c in commitments] == [1500000.0]
    workshop = [c for c in _credits(report) if c.amount and c.amount.amount == 25000.0]
    assert [c.program for c in workshop] == ["Partner funding"]


def test_an_amendment_that_reproduces_only_the_changed_sections() -> None:
    amendment = _docx(
        [
            {
                "paragraph": "This document amends the proposal. It contains only the sections "
                "that changed; sections not reproduced below remain exactly as written in "
                "version 1.0."
            },
            {
                "table": {
                    "header": ["Version", "Section", "Description of change"],
                    "rows": [
                        ["1.1", "5", "Azure credits lowered from EUR 120,000 to EUR 90,000"],
                        ["1.1", "6", "Completion moved from 30.09.2027 to 31.07.2027"],
                    ],
                }
            },
            {"heading": "5. Azure migration credits (as amended in version 1.1)"},
            {
                "paragraph": "Microsoft will grant Azure credits of EUR 90,000 for migration of "
                "the on-premises servers to Azure. Any unused balance lapses on 31.01.2028."
            },
            {"heading": "6. Security envisioning workshop (as amended in version 1.1)"},
            {
                "paragraph": "Microsoft will fund a three-day security envisioning workshop "
                "covering Microsoft Defender and Microsoft Purview, with a value of EUR 25,000. "
                "The workshop will be delivered by Alpenblick IT-Services GmbH. The workshop "
                "must be completed by 31.07.2027."
            },
        ],
        "Proposal version 1.1 (changed sections only)",
    )
    comparison = analyzer.compare(
        [("proposal.docx", _docx(AZURE_BUNDLE, "Proposal"))], [("v11.docx", amendment)]
    )
    changes = {
        (
            c.kind,
            c.field,
            str(getattr(c.before, "amount", c.before)),
            str(getattr(c.after, "amount", c.after)),
        )
        for c in comparison.changes
    }
    assert changes == {
        ("funded_credit", "amount", "120000.0", "90000.0"),
        ("funded_credit", "expires", "2027-09-30", "2027-07-31"),
    }


def test_a_deadline_counted_from_the_renewal_date() -> None:
    report = analyzer.analyze(
        [
            (
                "cover.pdf",
                _pdf(
                    [
                        {"paragraph": "Microsoft 365 E3 comes down from 1,900 to 1,450 users."},
                        {
                            "paragraph": "Microsoft has approved a Customer Success Offer of AUD "
                            "30,000 for Teams Phone adoption. It must be used within 180 days of "
                            "the renewal date (1 July 2027)."
                        },
                    ]
                ),
            )
        ]
    )
    (credit,) = _credits(report)
    assert credit.expires is not None and str(credit.expires.date) == "2027-12-28"


def test_a_board_record_of_fields_and_a_growth_authority() -> None:
    report = analyzer.analyze(
        [
            (
                "board.pdf",
                _pdf(
                    [
                        {
                            "numbered": [
                                "AUTHORIZE the Director of Information Technology to purchase "
                                "additional licenses on an annual basis during the term, to a "
                                "maximum of 15 percent of 3,892 licenses (583)."
                            ]
                        },
                        {
                            "table": {
                                "header": ["Element", "As recommended"],
                                "rows": [
                                    ["Reseller", "PCM-G"],
                                    ["Subscription", "Microsoft Office 365 Gov E3"],
                                    ["Licence count", "3,892"],
                                ],
                            }
                        },
                    ]
                ),
            )
        ]
    )
    assert {s.product: s.quantity for s in report.seats} == {"Office 365 G3": 3892}
    assert not [i for i in report.items if i.category == "commitment"]


def test_a_chat_that_drops_a_plan_by_its_family_name() -> None:
    chat = (
        'Microsoft Teams chat export - "Ridgeway x Southern Cross" (exported 2026-11-20)\n\n'
        "[2026-11-18 09:40] Priya Natarajan: Confirmed: 880 x Microsoft 365 E3 at 12% off list "
        "in year one only.\n\n"
        "[2026-11-18 09:55] Tom Whitfield: Could we add 20 Visio Plan 2 for engineering?\n\n"
        "[2026-11-18 09:56] Priya Natarajan: Sure, 20 x Visio Plan 2 at list. I'll add a line.\n\n"
        "[2026-11-19 09:15] Tom Whitfield: Also scrap the Visio line, we found spare licences.\n\n"
        "[2026-11-19 09:16] Priya Natarajan: Visio removed.\n"
    )
    report = analyzer.analyze([("chat.txt", chat.encode())])
    assert {s.product: s.quantity for s in report.seats} == {"Microsoft 365 E3": 880}


def test_a_set_aside_option_and_a_lost_report_give_no_adoption_data() -> None:
    report = analyzer.analyze(
        [
            (
                "paper.pdf",
                _pdf(
                    [
                        {"paragraph": "Microsoft 365 E3 for 2,400 users under both options."},
                        {
                            "table": {
                                "header": ["", "Option A", "Option B"],
                                "rows": [
                                    ["Discount on E3", "14% for 36 months", "10% for 36 months"],
                                    [
                                        "Reporting",
                                        "Monthly licence usage and adoption reports",
                                        "Not included",
                                    ],
                                ],
                            }
                        },
                        {
                            "paragraph": "Risks of Option B: we lose the monthly usage reports, "
                            "so adoption evidence for the next renewal must come from elsewhere."
                        },
                        {
                            "paragraph": "The board recommends Option B. Option A is shown for "
                            "comparison only and will lapse."
                        },
                    ]
                ),
            )
        ]
    )
    assert "NO_ADOPTION_DATA" in {f.code for f in report.findings}


def test_a_renewal_quote_counts_the_quantity_at_renewal() -> None:
    report = analyzer.analyze(
        [
            (
                "quote.docx",
                _docx(
                    [
                        {
                            "table": {
                                "header": ["Product", "Qty today", "Qty at renewal", "Unit price"],
                                "rows": [
                                    ["Microsoft 365 E3", "1,350", "1,350", "44.10"],
                                    ["Visio Plan 2", "40", "55", "20.50"],
                                ],
                            }
                        }
                    ],
                    "Renewal quotation",
                ),
            )
        ]
    )
    assert {s.product: s.quantity for s in report.seats} == {
        "Microsoft 365 E3": 1350,
        "Visio Plan 2": 55,
    }


def test_an_approval_letter_lists_its_scope_in_an_activity_table() -> None:
    report = analyzer.analyze(
        [
            (
                "approval.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "The End Customer Investment Funds (ECIF) request has "
                            "been approved for EUR 185,000; the scope for Teams voice was removed."
                        },
                        {"heading": "2. Approved activities"},
                        {"paragraph": "ECIF may only be used for the activities below."},
                        {
                            "table": {
                                "header": ["#", "Activity", "Workload", "Allocation (EUR)"],
                                "rows": [
                                    ["A1", "Device enrolment", "Microsoft Intune", "70,000"],
                                    ["A2", "Sensitivity labels", "Microsoft Purview", "115,000"],
                                ],
                            }
                        },
                        {"paragraph": "Not approved: Teams Phone migration."},
                    ]
                ),
            )
        ]
    )
    (credit,) = _credits(report)
    assert set(credit.scope) == {"Intune", "Purview"}


def test_a_chat_answer_to_what_the_voucher_may_be_used_for() -> None:
    chat = (
        'Microsoft Teams chat export - "Ridgeway x Southern Cross" (exported 2026-11-20)\n\n'
        "[2026-11-18 09:04] Priya Natarajan: 880 x Microsoft 365 E3. Plus a Microsoft deployment "
        "voucher worth AUD 35,000, redeem by 31/05/2027.\n\n"
        "[2026-11-18 09:40] Tom Whitfield: what can the voucher be used for exactly?\n\n"
        "[2026-11-18 09:41] Priya Natarajan: Exchange Online mailbox moves and the OneDrive "
        "setup. Not Teams Premium.\n\n"
        "[2026-11-19 09:36] Tom Whitfield: Is the voucher tied to us buying Copilot?\n\n"
        "[2026-11-19 09:37] Priya Natarajan: No strings. It isn't linked to Copilot.\n"
    )
    report = analyzer.analyze([("chat.txt", chat.encode())])
    (credit,) = _credits(report)
    assert set(credit.scope) == {"Exchange Online", "OneDrive"}


def test_a_concession_shown_only_as_a_price_below_list() -> None:
    report = analyzer.analyze(
        [
            (
                "quote.docx",
                _docx(
                    [
                        {
                            "table": {
                                "header": [
                                    "Product",
                                    "Qty",
                                    "Microsoft ERP (CAD/user/mo)",
                                    "Current unit price",
                                    "Proposed unit price",
                                    "Change vs today",
                                ],
                                "rows": [
                                    [
                                        "Teams Phone Standard",
                                        "600",
                                        "12.00",
                                        "11.40",
                                        "10.20 (2)",
                                        "-10.5%",
                                    ],
                                    ["Power BI Pro", "120", "19.20", "16.90", "19.20", "+13.6%"],
                                ],
                            }
                        },
                        {
                            "paragraph": "(2) Year 1 price only; Teams Phone Standard is billed at "
                            "the ERP then in force in Years 2 and 3."
                        },
                    ],
                    "Renewal quotation",
                ),
            )
        ]
    )
    discounts = [(i.percent, i.term_months) for i in report.items if i.category == "discount"]
    assert discounts == [(15.0, 12)], discounts

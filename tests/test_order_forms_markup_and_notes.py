"""Styles met in held-out round 16, on files built here: a variation notice in bracketed markup,
an order form with tick boxes, a buyer's deal-tracker page, a letter of intent, a proposal whose
terms sit in run-on table notes, a change-order form, a clarification letter, a faxed quote's
handwritten notes, an RFP response and a school district's renewal."""

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


def _docx(blocks: list[dict[str, Any]]) -> bytes:
    import render

    return render.render_docx_bytes({"id": "a", "title": "Order Form", "blocks": blocks})  # type: ignore[no-any-return]


def _analyze(blocks: list[dict[str, Any]]) -> Report:
    return analyzer.analyze([("document.pdf", _pdf(blocks))])


def _codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


RAMP_ORDER = [
    {"paragraph": 'Service start (the "Start Date"): 1 August 2026. Term: 36 months.'},
    {"heading": "2. Ramp schedule"},
    {
        "table": {
            "header": ["Product", "Ramp Year 1 (seats)", "Ramp Year 2 (seats)"],
            "rows": [["Microsoft 365 E5", "600", "900"], ["Power BI Pro", "80", "80"]],
        }
    },
    {"heading": "3. Prices"},
    {
        "table": {
            "header": ["Product", "Year", "List (GBP/user/month)", "Reduction", "Net"],
            "rows": [
                ["Microsoft 365 E5", "Ramp Year 1", "54.75", "14%", "47.09"],
                ["Microsoft 365 E5", "Ramp Year 2", "54.75", "14%", "47.09"],
                ["Microsoft 365 E5", "Ramp Year 3", "54.75", "none", "54.75"],
            ],
        }
    },
    {
        "paragraph": "The 14% reduction on Microsoft 365 E5 applies in Ramp Years 1 and 2 only. "
        "From 1 August 2028 all E5 seats are charged at the then-current list price."
    },
    {"heading": "4. Microsoft investment"},
    {
        "paragraph": "Microsoft has approved End Customer Investment Funds (ECIF) of £60,000 for "
        "the deployment of Microsoft Defender. The Customer may engage any Microsoft partner of "
        "its own choosing. Claims against the fund must be submitted and approved no later than "
        "30 June 2027, after which the allocation is withdrawn."
    },
]

VARIATION = "\n".join(
    [
        "Variation Notice VN-02 to the Order Form",
        "",
        "Wording removed from the Order Form is shown as [deleted: ...] and new wording as "
        "[inserted: ...].",
        "",
        'Section 2, ramp schedule table, row "Power BI Pro": the quantity for each Ramp Year '
        "reads [deleted: 80] [inserted: 120] seats.",
        "",
        'Section 3, prices table, row "Microsoft 365 E5 / Ramp Year 2": Reduction [deleted: '
        "14%] [inserted: none]; Net [deleted: 47.09] [inserted: 54.75].",
        "",
        'Section 3, note under the prices table: "The 14% reduction on Microsoft 365 E5 applies '
        "in [deleted: Ramp Years 1 and 2 only. From 1 August 2028] [inserted: Ramp Year 1 only. "
        'From 1 August 2027] all E5 seats are charged at the then-current list price."',
        "",
        'Section 4, last sentence: "Claims against the fund must be submitted and approved no '
        "later than [deleted: 30 June 2027] [inserted: 31 March 2027], after which the "
        'allocation is withdrawn."',
    ]
)


def test_a_variation_in_bracketed_markup_and_a_rate_over_two_year_rows() -> None:
    base = analyzer.analyze([("order.docx", _docx(RAMP_ORDER))])
    (discount,) = [i for i in base.items if i.category == "discount"]
    assert discount.term_months == 24
    comparison = analyzer.compare(
        [("order.docx", _docx(RAMP_ORDER))], [("variation.txt", VARIATION.encode())]
    )
    changes = {
        (c.kind, c.field, str(getattr(c.before, "amount", c.before)), str(c.after))
        for c in comparison.changes
    }
    assert ("seats", "quantity", "80", "120") in changes
    assert ("discount", "term_months", "24", "12") in changes
    assert ("funded_credit", "expires", "2027-06-30", "2027-03-31") in changes
    assert not any(k == "seats" and "Microsoft 365 E5" in str(c) for k, _, c, _ in changes)


def test_an_order_form_reads_only_the_ticked_options() -> None:
    report = _analyze(
        [
            {
                "paragraph": "Subscription term: 12 months from 01/06/2027. Order accepted by "
                "Wattle & Gum IT on 14/05/2027. Microsoft 365 Business Premium: 120 seats, with a "
                "5% reduction for the full 12-month term."
            },
            {
                "paragraph": "[X] Partner-delivered onboarding funded under the Microsoft "
                "deployment "
                "funding program: AUD 8,000, for Intune device enrolment. Funding must be claimed "
                "within 90 days of order acceptance. Delivery partner: to be agreed."
            },
            {"paragraph": "[] Azure credits for the server migration: AUD 5,000 (not selected)."},
            {
                "paragraph": "[] Monthly adoption and usage report: AUD 300 per month (not "
                "selected). [ ] Price hold for renewal (not selected)."
            },
        ]
    )
    (credit,) = [i for i in report.items if i.category == "funded_credit"]
    assert credit.program == "Deployment funding"
    assert credit.expires is not None and str(credit.expires.date) == "2027-08-12"
    assert "NO_ADOPTION_DATA" in _codes(report)


def test_a_deal_tracker_keeps_the_current_offer_and_the_final_counts() -> None:
    report = _analyze(
        [
            {
                "bullets": [
                    "Current EA (Microsoft 365 E5 for 3,400 users) expires 30 June 2027; new term "
                    "36 months from 1 July 2027.",
                ]
            },
            {
                "table": {
                    "header": ["Workstream", "Owner", "Status", "Next step"],
                    "rows": [
                        [
                            "Seat baseline",
                            "Aisha",
                            "Done",
                            "Final: 3,200 x Microsoft 365 E5, 1,100 x Microsoft 365 F1",
                        ],
                        ["Commercials", "Jonas", "At risk", "Counter-proposal due 23 April"],
                    ],
                }
            },
            {
                "paragraph": "Offer v1 (12 February 2027): 6% off E5 for the full three years. "
                "Withdrawn by Microsoft on 3 March and replaced by v2."
            },
            {
                "bullets": [
                    "Price: E5 at 9% below the CPS price in year 1 only.",
                    "ECIF: USD 180,000 for Microsoft 365 Copilot readiness and Purview. Daniel's "
                    'words: this is "instead of going deeper on the discount" - they will not move '
                    "past 9%.",
                    "Can we get Adoption Score / usage reporting included? Nothing in v2 provides "
                    "it.",
                ]
            },
        ]
    )
    assert {s.product: s.quantity for s in report.seats} == {
        "Microsoft 365 E5": 3200,
        "Microsoft 365 F1": 1100,
    }
    assert [i.percent for i in report.items if i.category == "discount"] == [9.0]
    assert {"FUNDING_REPLACES_DISCOUNT", "NO_ADOPTION_DATA"} <= _codes(report)


def test_a_letter_of_counts_an_exchange_rate_and_a_clause_number() -> None:
    report = _analyze(
        [
            {
                "paragraph": "We would license four hundred (400) branch staff on Microsoft 365"
                " F3, "
                "with 1,900 Teams Phone Standard licences for everyone who takes calls. Microsoft "
                "365 E3 is offered at 7% below list for the full 36 months."
            },
            {
                "paragraph": "Our Copilot pricing has been built on the expectation that the "
                "Society will extend Microsoft 365 Copilot to a further five hundred users."
            },
            {
                "paragraph": "B.1 Azure credits. Microsoft will fund USD 75,000 (approximately EUR "
                "69,000 at the rate of 28.05.2027) of Azure credits for the Azure Virtual Desktop "
                "pilot, to be consumed by 31 March 2028."
            },
        ]
    )
    assert {s.product: s.quantity for s in report.seats} == {
        "Microsoft 365 F3": 400,
        "Teams Phone": 1900,
    }
    assert any(i.category == "commitment" for i in report.items)
    assert "FUNDING_REPLACES_DISCOUNT" not in _codes(report)


NOTES_PROPOSAL = [
    {"paragraph": "The Enrollment would start on March 1, 2027 (the Effective Date)."},
    {
        "table": {
            "header": ["Product", "Seats", "List USD/user/mo", "Net USD/user/mo", "Notes"],
            "rows": [
                ["Microsoft 365 E3", "3,200", "36.00", "36.00", ""],
                ["Microsoft 365 Copilot", "1,200", "30.00", "27.00", "(1)"],
            ],
        }
    },
    {
        "bullets": [
            "(1) Net price reflects a 10% concession that applies for months 1 to 12 of the "
            "36-month Enrollment only."
        ]
    },
    {
        "table": {
            "header": ["Investment", "Value", "Purpose", "Conditions"],
            "rows": [
                ["Copilot Deployment Offer", "USD 75,000", "Copilot deployment", "(3)"],
                [
                    "End Customer Investment Funds (ECIF)",
                    "USD 120,000",
                    "Purview labelling",
                    "(4)",
                ],
            ],
        }
    },
    {
        "bullets": [
            "(3) Redeemable only through a FastTrack Ready Partner; must be redeemed no later than "
            "August 31, 2027. (4) For Microsoft Purview sensitivity labelling. Delivered by "
            "Microsoft Industry Solutions Delivery under a Microsoft work order; claims must be "
            "completed by 12/31/2027."
        ]
    },
]


def test_notes_that_run_on_each_describe_the_row_that_points_to_them() -> None:
    report = _analyze(NOTES_PROPOSAL)
    credits = {i.program: i for i in report.items if i.category == "funded_credit"}
    offer, ecif = credits["Copilot Deployment Offer"], credits["ECIF"]
    assert offer.expires is not None and str(offer.expires.date) == "2027-08-31"
    assert offer.partner is not None and offer.partner.requirement == "approved"
    assert ecif.expires is not None and str(ecif.expires.date) == "2027-12-31"
    assert ecif.partner is not None
    assert ecif.partner.name == "Microsoft Industry Solutions Delivery"
    (discount,) = [i for i in report.items if i.category == "discount"]
    assert discount.term_months == 12 and discount.products == ("Microsoft 365 Copilot",)


def test_a_change_order_changes_a_date_cell_as_a_whole_date() -> None:
    comparison = analyzer.compare(
        [("proposal.pdf", _pdf(NOTES_PROPOSAL))],
        [
            (
                "change.docx",
                _docx(
                    [
                        {"heading": "Change Order No. CO-02 to the Proposal"},
                        {
                            "paragraph": "The parties agree that the base document is changed "
                            "only as recorded in the table below. Any term not listed is "
                            "unaffected and continues to apply as written in the base document."
                        },
                        {
                            "table": {
                                "header": ["Ref.", "Field", "From", "To", "Reason"],
                                "rows": [
                                    [
                                        "3",
                                        "ECIF - claim completion date",
                                        "12/31/2027",
                                        "09/30/2027",
                                        "Funding cycle",
                                    ]
                                ],
                            }
                        },
                    ]
                ),
            )
        ],
    )
    changes = {(c.kind, c.field, str(c.before), str(c.after)) for c in comparison.changes}
    assert changes == {("funded_credit", "expires", "2027-12-31", "2027-09-30")}


def test_a_clarification_letter_of_quoted_questions_and_answers() -> None:
    report = _analyze(
        [
            {
                "paragraph": "The renewal term is thirty-six months from the Effective Date of "
                "1 July 2027."
            },
            {
                "paragraph": '"Is the 9% reduction on Microsoft 365 E5 valid for the full term, or '
                'only for the first contract year?"'
            },
            {
                "paragraph": "Answer: The 9% reduction on 1,400 Microsoft 365 E5 licences "
                "applies in "
                "every year of the thirty-six-month term."
            },
            {
                "paragraph": "Answer: The deployment funding of €80k covers partner services for "
                "Intune device enrolment and the Windows 11 upgrade. Claims must be submitted "
                "within 180 days of the Effective Date."
            },
            {
                "paragraph": "Answer: We have assumed your plan: wave 1 (Intune enrolment and "
                "Windows "
                "11 for the offices) from 06.09.2027 to 17.12.2027, and wave 2 (Windows 11 for the "
                "remaining sites) from 10.01.2028 to 31.03.2028."
            },
            {
                "paragraph": "Answer: Your account team will hold quarterly business reviews. A "
                "separate adoption or usage reporting service is not part of this offer."
            },
            {
                "paragraph": "Answer: No. Neither the price reduction nor the deployment funding "
                "depends on any additional purchase."
            },
        ]
    )
    codes = _codes(report)
    assert {"CREDIT_EXPIRES_BEFORE_ROLLOUT", "NO_ADOPTION_DATA"} <= codes
    assert not {"DISCOUNT_PARTIAL_TERM", "FUNDING_REPLACES_DISCOUNT"} & codes


def test_handwritten_notes_on_a_faxed_quote() -> None:
    report = _analyze(
        [
            {
                "paragraph": "FAX FROM: Bellbird IT Services Pty Ltd. Microsoft 365 Business "
                "Premium: 220 seats."
            },
            {
                "paragraph": "[handwritten] Leah - MS rep confirmed deployment voucher AUD "
                "8,000 for "
                "Intune + Defender onboarding of all clinics. Must be redeemed thru Bellbird "
                "only (we "
                "are the partner on the voucher). Exp. 15/09/2027. - Josh"
            },
        ]
    )
    (voucher,) = [i for i in report.items if i.category == "funded_credit"]
    assert voucher.expires is not None and str(voucher.expires.date) == "2027-09-15"
    assert voucher.partner is not None
    assert voucher.partner.name == "Bellbird IT Services Pty Ltd"


def test_an_rfp_answer_and_a_school_district_renewal() -> None:
    report = _analyze(
        [
            {
                "paragraph": "Microsoft 365 A3 for 2,600 faculty and staff. District price for A3 "
                "is 4% below the academic list price for the 2027-28 and 2028-29 school years. For "
                "the 2029-30 school year A3 reverts to the academic list price then in effect."
            },
            {
                "paragraph": "Microsoft has pre-approved a deployment voucher worth USD 45,000 for "
                "Teams setup and teacher adoption training, and only Corvane Technology Partners "
                "Inc., as the partner of record, can redeem it."
            },
        ]
    )
    (discount,) = [i for i in report.items if i.category == "discount"]
    assert discount.term_months == 24
    (voucher,) = [i for i in report.items if i.category == "funded_credit"]
    assert "Adoption and change management" in voucher.scope
    assert voucher.partner is not None
    assert voucher.partner.name is not None and voucher.partner.name.startswith(
        "Corvane Technology Partners"
    )

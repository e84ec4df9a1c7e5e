"""Styles met in held-out round 19, on files built here: a term sheet and its tracked-change
amendment, a two-column "what each party gives" table, an e-mail that defers to its attachment,
a continental proposal, a quoting-system export, the buyer's negotiation minutes, a side letter
with defined terms, and a plan dated in Microsoft fiscal quarters."""

from __future__ import annotations

import sys
from typing import Any

import analyzer
from analyzer.nlp import mentions_in_text
from analyzer.records import Report
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "samples"))


def _pdf(blocks: list[dict[str, Any]]) -> bytes:
    import render

    return render.render_pdf_bytes({"id": "t", "title": "Proposal", "blocks": blocks})  # type: ignore[no-any-return]


def _docx(blocks: list[dict[str, Any]], title: str = "Proposal") -> bytes:
    import render

    return render.render_docx_bytes({"id": "t", "title": title, "blocks": blocks})  # type: ignore[no-any-return]


def _items(report: Report, category: str) -> list[Any]:
    return [i for i in report.items if i.category == category]


def _codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


TERM_SHEET = [
    {"paragraph": "This term sheet records the principal commercial terms of the renewal."},
    {
        "table": {
            "header": ["Term", "Detail"],
            "rows": [
                ["Start date", "1 April 2027"],
                ["Microsoft 365 E5", "1,450 users"],
                ["Microsoft 365 F3", "600 branch and contact-centre staff"],
                ["E5 pricing", "8% below list; held for all three years"],
                ["Copilot pricing", "15% below list for the first 12 months; list from month 13"],
                ["Partner funding", "£60,000 for Copilot rollout and change management"],
                ["Funding delivery", "Kestrel Digital Ltd only"],
                ["Funding deadline", "Services delivered and claimed by 31 January 2028"],
            ],
        }
    },
]


def test_a_term_sheet_names_seat_counts_and_the_partner_in_bare_cells() -> None:
    report = analyzer.analyze([("terms.docx", _docx(TERM_SHEET, "Term sheet"))])
    seats = {s.product: s.quantity for s in report.seats}
    assert seats.get("Microsoft 365 E5") == 1450 and seats.get("Microsoft 365 F3") == 600
    (credit,) = _items(report, "funded_credit")
    assert credit.partner is not None and credit.partner.requirement == "named"
    assert credit.partner.name == "Kestrel Digital Ltd"
    assert "CREDIT_PARTNER_RESTRICTED" in _codes(report)


def test_an_amendment_that_restates_changed_rows_of_the_term_sheet() -> None:
    amendment = _docx(
        [
            {
                "paragraph": "The parties amend the Term Sheet as shown below. Rows of the Term "
                "Sheet that are not shown here are unchanged and continue to apply."
            },
            {"paragraph": "Microsoft 365 E5: 1,380 users"},
            {
                "paragraph": "Copilot pricing: List price for the full term. The introductory "
                "Copilot concession is withdrawn."
            },
            {"paragraph": "Partner funding: £45,000 for Copilot rollout and change management"},
            {"paragraph": "Funding deadline: Services delivered and claimed by 31 October 2027"},
            {"paragraph": "Comment (R. Hale): the E5 count reflects two branch closures."},
        ],
        "Amendment No. 1",
    )
    comparison = analyzer.compare(
        [("terms.docx", _docx(TERM_SHEET, "Term sheet"))], [("amendment.docx", amendment)]
    )
    changes = {(c.kind, c.field, str(c.before), str(c.after)) for c in comparison.changes}
    assert ("seats", "quantity", "1450", "1380") in changes, changes
    assert any(k == "discount" and f == "removed" for k, f, _, _ in changes), changes
    assert any(f == "amount" and "60000" in b and "45000" in a for _, f, b, a in changes)
    assert any(f == "expires" and "2028-01-31" in b and "2027-10-31" in a for _, f, b, a in changes)


def test_what_each_party_gives_side_by_side_is_read_cell_by_cell() -> None:
    report = analyzer.analyze(
        [
            (
                "pilot.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "A twelve-month pilot with 300 Microsoft 365 Copilot "
                            "licences."
                        },
                        {
                            "table": {
                                "header": ["What Microsoft provides", "What you commit to"],
                                "rows": [
                                    [
                                        "Partner investment (ECIF) of EUR 45 000 in place of a "
                                        "licence discount, for Purview data-readiness work.",
                                        "Make two SharePoint administrators available.",
                                    ],
                                    [
                                        "The ECIF-funded work is delivered by Lindqvist Beratung "
                                        "GmbH. ECIF must be claimed by 31.05.2027.",
                                        "If the success criteria are met, extend Microsoft 365 "
                                        "Copilot to at least 1,200 further users.",
                                    ],
                                ],
                            }
                        },
                    ]
                ),
            )
        ]
    )
    (credit,) = _items(report, "funded_credit")
    assert credit.program == "ECIF"
    assert credit.amount is not None and credit.amount.amount == 45000.0
    assert credit.scope == ("Purview",)  # the administrators are the customer's side
    (commitment,) = _items(report, "commitment")
    assert commitment.quantity == 1200
    assert {"EXPANSION_COMMITMENT", "FUNDING_REPLACES_DISCOUNT"} <= _codes(report)


def test_an_e_mail_that_says_its_attachment_has_the_exact_figures() -> None:
    import render

    attachment = [
        {
            "paragraph": "Microsoft 365 E3: 1,150 users. Years 1 and 2 carry a reduction of 8% off "
            "list; Year 3 is invoiced at the then-current list price."
        },
        {
            "paragraph": "Microsoft will provide Deployment Funding of GBP 72,500 for the "
            "migration of mailboxes to Exchange Online. The funded services shall be "
            "performed by Calder Bridge Consulting Limited. Claims must be submitted by "
            "30/06/2027."
        },
    ]
    eml = render.render_eml_bytes(
        {
            "id": "offer",
            "title": "Offer",
            "email": {"subject": "Your offer", "date": "2026-09-14T16:05:00Z", "attach": "pdf"},
            "blocks": [
                {
                    "bullets": [
                        "Three-year deal with 8% off list on Microsoft 365 E3.",
                        "Around £75k of Microsoft-funded partner work for the mailbox move.",
                    ]
                },
                {
                    "paragraph": "The formal offer document is attached and has the exact figures; "
                    "please work from that one rather than from my bullet points."
                },
            ],
            "attachment": {"blocks": attachment, "filename": "offer.pdf"},
        }
    )
    report = analyzer.analyze([("offer.eml", eml)])
    (credit,) = _items(report, "funded_credit")
    assert credit.program == "Deployment funding"
    assert credit.amount is not None and credit.amount.amount == 72500.0
    (discount,) = _items(report, "discount")
    assert discount.term_months == 24


def test_continental_rates_and_a_partner_holding_an_ecif_approval() -> None:
    report = analyzer.analyze(
        [
            (
                "angebot.pdf",
                _pdf(
                    [
                        {"paragraph": "Effective Date 01.12.2026. 3200 Microsoft 365 E3 users."},
                        {
                            "paragraph": "The concession of 12,5 % on Microsoft 365 E3 applies in "
                            "each of the three years of the enrollment (36 months)."
                        },
                        {
                            "paragraph": "Microsoft will make End Customer Investment Funds of "
                            "EUR 148.000,00 available for Teams Phone. The ECIF-funded services "
                            "must be delivered by a partner that holds a valid ECIF supplier "
                            "approval from Microsoft, no later than 30.06.2027."
                        },
                        {"paragraph": "Late payments bear interest of 8,0 % p.a."},
                    ]
                ),
            )
        ]
    )
    (discount,) = _items(report, "discount")
    assert discount.percent == 12.5
    (credit,) = _items(report, "funded_credit")
    assert credit.partner is not None and credit.partner.requirement == "approved"


def test_a_promotion_line_and_a_note_that_names_its_line() -> None:
    report = analyzer.analyze(
        [
            (
                "quote.pdf",
                _pdf(
                    [
                        {
                            "table": {
                                "header": ["Description", "Qty", "List/yr", "Disc %", "Net/yr"],
                                "rows": [
                                    [
                                        "1. Microsoft 365 E5 (36-mo term)",
                                        "850",
                                        "684.00",
                                        "6.00",
                                        "642.96",
                                    ],
                                    [
                                        "2. PROMO: Microsoft 365 E5 launch promotion, 10% of list",
                                        "850",
                                        "-68.40",
                                        "",
                                        "-68.40",
                                    ],
                                ],
                            }
                        },
                        {
                            "numbered": [
                                "The 6.00% discount on line 1 is fixed for the entire 36-month "
                                "subscription term. The line 2 promotion is credited on the Year "
                                "1 invoice only."
                            ]
                        },
                    ]
                ),
            )
        ]
    )
    terms = sorted((d.percent, d.term_months) for d in _items(report, "discount"))
    assert terms == [(6.0, 36), (10.0, 12)], terms
    assert {s.product: s.quantity for s in report.seats} == {"Microsoft 365 E5": 850}


def test_plural_discounts_and_a_surcharge_above_the_annual_price() -> None:
    report = analyzer.analyze(
        [
            (
                "renewal.pdf",
                _pdf(
                    [
                        {"paragraph": "1,100 Microsoft 365 E3 and 450 Microsoft 365 F3."},
                        {
                            "paragraph": "The 10% discounts shown for E3 and F3 apply in Years 1 "
                            "and 2 of the term only. Year 3 is invoiced at list."
                        },
                        {
                            "paragraph": "Monthly term: Microsoft's monthly-term price is 20% "
                            "above the annual price; the renewal promotion does not apply."
                        },
                    ]
                ),
            )
        ]
    )
    assert [(d.percent, d.term_months) for d in _items(report, "discount")] == [(10.0, 24)]


def test_minutes_leave_out_points_not_agreed_and_the_action_list() -> None:
    report = analyzer.analyze(
        [
            (
                "minutes.docx",
                _docx(
                    [
                        {"heading": "2. ECIF details (AGREED)"},
                        {
                            "bullets": [
                                "Amount: CAD 90,000 for Intune enrolment of 2,600 devices.",
                                "Deadline: delivered and claimed by June 30th, 2027.",
                                "Delivery partner: not settled. To be agreed.",
                            ]
                        },
                        {"heading": "3. Proposed but NOT agreed"},
                        {
                            "bullets": [
                                "The partner offered a monthly adoption dashboard at CAD 1,200 per "
                                "month. Deferred."
                            ]
                        },
                        {"heading": "4. Action items"},
                        {
                            "table": {
                                "header": ["No.", "Action", "Owner", "Due"],
                                "rows": [
                                    [
                                        "1",
                                        "Confirm whether Maplecrest is ECIF-approved",
                                        "AK",
                                        "January 22nd, 2027",
                                    ],
                                ],
                            }
                        },
                    ],
                    "Minutes",
                ),
            )
        ]
    )
    (credit,) = _items(report, "funded_credit")
    assert credit.partner is None or credit.partner.requirement == "unstated"
    assert {"CREDIT_NO_PARTNER_TERMS", "NO_ADOPTION_DATA"} <= _codes(report)


def test_a_side_letter_defines_its_effective_date_and_trades_fasttrack() -> None:
    text = (
        'In this LETTER: (a) "ENROLLMENT" means Enterprise Enrollment No. 86140327, with an '
        'effective date of July 1, 2026; (b) "EFFECTIVE DATE" means May 1, 2027.\n\n'
        "MICROSOFT will make available End Customer Investment Funds of USD 400,000 for Teams "
        "Phone. All claims must be submitted within two hundred and seventy (270) days after the "
        "EFFECTIVE DATE.\n\n"
        "The CUSTOMER shall add not fewer than one thousand (1,000) Microsoft 365 Copilot "
        'licences no later than the second anniversary (the "CUSTOMER COMMITMENT").\n\n'
        "In consideration of the CUSTOMER COMMITMENT, MICROSOFT shall make FastTrack for "
        "Microsoft 365 onboarding assistance available for its 3,750 Microsoft 365 E5 users.\n"
    )
    report = analyzer.analyze([("letter.txt", text.encode())])
    (credit,) = _items(report, "funded_credit")
    assert credit.expires is not None and str(credit.expires.date) == "2028-01-26"
    assert "ENTITLEMENT_TRADED" in _codes(report)


def test_microsoft_fiscal_quarters_and_the_end_of_a_range() -> None:
    dates = {
        m.text: str(m.value.date)
        for m in mentions_in_text(  # type: ignore[union-attr]
            "Funds must be claimed by the end of Q2 FY28. Phase 2 runs Q4 FY27 - Q1 FY28."
        )
        if m.kind == "date"
    }
    assert dates == {"Q2 FY28": "2027-12-31", "Q4 FY27": "2027-04-01", "Q1 FY28": "2027-09-30"}


def test_counts_of_listed_staff_money_grouped_by_spaces_and_a_count_that_goes_up() -> None:
    counts = [
        m.value
        for m in mentions_in_text(
            "Microsoft 365 A5 for ninety-five (95) administrative, finance and technology staff"
        )
        if m.kind == "count"
    ]
    assert [c.value for c in counts] == [95]  # type: ignore[union-attr]
    money = [m.value for m in mentions_in_text("an investment of EUR 45 000") if m.kind == "money"]
    assert [(m.amount, m.currency) for m in money] == [(45000.0, "EUR")]  # type: ignore[union-attr]
    comparison = analyzer.compare(
        [("offer.pdf", _pdf([{"paragraph": "Microsoft 365 Business Premium: 240 users."}]))],
        [
            (
                "change.txt",
                b"Further to our call, we confirm the following changes to the offer:\n\n"
                b"- Microsoft 365 Business Premium: the licence count goes up from 240 to 265.\n",
            )
        ],
    )
    assert any(c.field == "quantity" and c.after == 265 for c in comparison.changes), comparison

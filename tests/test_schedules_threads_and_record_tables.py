"""Styles met in held-out round 15, on files built here: an amendment that replaces a whole
schedule with a restated one printed after its own clauses, a change table of clause wording, a
bottom-posted thread, a reseller chat, a credit written as a record of fields, bundle lines, an
investment table whose rows point to numbered notes, a partner's statement of work, call notes
with declined asks, a buyer's memo and a nonprofit proposal."""

from __future__ import annotations

import sys
from typing import Any

import analyzer
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "samples"))


def _pdf(blocks: list[dict[str, Any]]) -> bytes:
    import render

    return render.render_pdf_bytes({"id": "t", "title": "Proposal", "blocks": blocks})  # type: ignore[no-any-return]


def _docx(blocks: list[dict[str, Any]]) -> bytes:
    import render

    return render.render_docx_bytes({"id": "a", "title": "Amendment", "blocks": blocks})  # type: ignore[no-any-return]


def _changes(
    base: list[dict[str, Any]], amendment: list[dict[str, Any]]
) -> set[tuple[str, str, str, str]]:
    comparison = analyzer.compare(
        [("proposal.pdf", _pdf(base))], [("amendment.docx", _docx(amendment))]
    )
    assert comparison.amendment.documents[0].warnings == ()
    return {
        (
            c.kind,
            c.field,
            str(getattr(c.before, "amount", c.before)),
            str(getattr(c.after, "amount", c.after)),
        )
        for c in comparison.changes
    }


def _schedule(e3: str, rate: str, use_by: str, azure: bool) -> list[dict[str, Any]]:
    investments = [
        [
            "I-1",
            "End Customer Investment Funds (ECIF)",
            "CAD 180,000",
            "Teams Phone deployment",
            "Nordvale Conseil Inc. only",
            use_by,
        ]
    ]
    if azure:
        investments.append(
            [
                "I-2",
                "Azure credit",
                "CAD 25,000",
                "Azure Virtual Desktop pilot",
                "n/a",
                "31 March 2028",
            ]
        )
    return [
        {"heading": "Part A - Licences", "level": 2},
        {
            "table": {
                "header": ["Line", "Product", "Seats", "Net (CAD/user/mo)"],
                "rows": [
                    ["L-1", "Microsoft 365 E3", e3, "44.59 (a)"],
                    ["L-2", "Microsoft 365 Copilot", "400", "41.10"],
                ],
            }
        },
        {
            "paragraph": f"(a) Net of a {rate} reduction from the price list, fixed for all "
            f"thirty-six months of the Term."
        },
        {"heading": "Part B - Microsoft investments", "level": 2},
        {
            "table": {
                "header": ["Ref", "Investment", "Value", "Permitted use", "Delivered by", "Use by"],
                "rows": investments,
            }
        },
    ]


BASE = [
    {"heading": "Renewal proposal"},
    {
        "paragraph": "The renewed Enrollment starts on 1 April 2027 (the Effective Date) and runs"
        " for 36 months."
    },
    {"heading": "Schedule 1 - Commercial Schedule"},
    *_schedule("2,850", "nine per cent (9%)", "31 March 2028", azure=True),
]


def test_a_schedule_replaced_by_the_restated_one_set_out_below() -> None:
    changes = _changes(
        BASE,
        [
            {"heading": "2. Replacement of Schedule 1"},
            {
                "paragraph": "Schedule 1 (Commercial Schedule) of the Proposal is deleted in its "
                "entirety and replaced by the Restated Schedule 1 set out below. Lines or "
                "investments that do not appear in the Restated Schedule 1 are withdrawn."
            },
            {"heading": "3. No other change"},
            {"paragraph": "Save as set out in this Amendment the Proposal is unchanged."},
            {"heading": "Restated Schedule 1 - Commercial Schedule"},
            *_schedule("2,700", "seven per cent (7%)", "31 December 2027", azure=False),
            {"heading": "Part C - Growth plan", "level": 2},
            {
                "paragraph": "C-1. In consideration of the pricing in Part A, the Customer will "
                "order a further three hundred (300) Microsoft 365 Copilot licences no later than "
                "the first anniversary of the Effective Date."
            },
        ],
    )
    assert ("seats", "quantity", "2850", "2700") in changes
    assert ("discount", "percent", "9.0", "7.0") in changes
    assert ("funded_credit", "expires", "2028-03-31", "2027-12-31") in changes
    assert any(k == "funded_credit" and f == "removed" for k, f, _, _ in changes)
    assert any(k == "commitment" and f == "added" for k, f, _, _ in changes)
    assert not any(k == "seats" and "400" in b for k, _, b, _ in changes)


def test_a_change_table_of_clause_wording_and_a_new_answer() -> None:
    changes = _changes(
        [
            {"paragraph": "The new Enrollment starts on 1 April 2027 (the Effective Date)."},
            {
                "table": {
                    "header": ["Product", "No. of users"],
                    "rows": [["Microsoft 365 E3", "2,400"]],
                }
            },
            {"heading": "What funding is available?"},
            {
                "paragraph": "Microsoft will make End Customer Investment Funds (ECIF) of EUR "
                "180,000 available for the Teams Phone migration of your depots. The funds must be "
                "used within 270 days of the Effective Date; services not delivered by then lapse."
            },
        ],
        [
            {
                "paragraph": "Words in the Amended wording column replace the words in the "
                "Original wording column."
            },
            {
                "table": {
                    "header": ["Clause", "Original wording", "Amended wording"],
                    "rows": [
                        [
                            '"What funding is available?", first sentence',
                            '"Microsoft will make End Customer Investment Funds (ECIF) of EUR '
                            '180,000 available ..."',
                            '"Microsoft will make End Customer Investment Funds (ECIF) of EUR '
                            '150,000 available ..."',
                        ],
                        [
                            '"What funding is available?", last sentence',
                            '"The funds must be used within 270 days of the Effective Date; ..."',
                            '"The funds must be used no later than 30 September 2027; ..."',
                        ],
                    ],
                }
            },
            {
                "paragraph": 'In addition, the following is added as a new answer under "What else '
                'should we know?": the Customer confirms its intention to purchase a further 350 '
                "Microsoft 365 Copilot licences before the first anniversary of the Effective Date."
            },
        ],
    )
    assert ("funded_credit", "amount", "180000.0", "150000.0") in changes
    assert ("funded_credit", "expires", "2027-12-27", "2027-09-30") in changes
    assert any(k == "commitment" and f == "added" for k, f, _, _ in changes)


BOTTOM_POSTED = "\n".join(
    [
        "From: Gareth Lloyd <gareth@microsoft.example>",
        "Subject: Re: Re: renewal offer",
        "",
        "On Tue, 10 Nov 2026 at 09:14, Priya Shah <priya@customer.example> wrote:",
        "",
        "> On Mon, 9 Nov 2026 at 17:55, Gareth Lloyd <gareth@microsoft.example> wrote:",
        "",
        "> > Licences: 1,100 x Microsoft 365 E5. Price: 12% off the list price of "
        "Microsoft 365 E5, locked for all three years.",
        "",
        "> > Deployment funding: Microsoft will fund GBP 95,000 of partner services for "
        "your Defender and Purview rollout. You can use a partner of your choosing. "
        "Claims need to be in by 31 March 2027.",
        "",
        "> Is the deployment funding being offered instead of a bigger E5 discount? My "
        "notes say GBP 85k, not 95k.",
        "",
        "You are right, apologies. The corrected position:",
        "",
        "- Deployment funding is GBP 85,000, not GBP 95,000.",
        "- The claim deadline for the deployment funding is 30 June 2027, not 31 March 2027.",
        "",
        "On your first question - no. The funding sits on top of the 12% on E5; it is not"
        " a substitute for discount.",
        "",
    ]
)


def test_a_bottom_posted_thread_takes_the_reply_written_last() -> None:
    report = analyzer.analyze([("thread.txt", BOTTOM_POSTED.encode())])
    (funding,) = [i for i in report.items if i.category == "funded_credit"]
    assert funding.amount is not None and funding.amount.amount == 85000
    assert funding.expires is not None and str(funding.expires.date) == "2027-06-30"
    assert funding.partner is not None and funding.partner.requirement == "any"
    assert "FUNDING_REPLACES_DISCOUNT" not in {f.code for f in report.findings}


CHAT = "\n".join(
    [
        "Chat transcript - Bluegum Cloud Pty Ltd web chat",
        "",
        "Participants: Kieran Doyle (Account Manager, Bluegum Cloud Pty Ltd - Microsoft "
        "CSP), Mel Hartigan (IT Manager)",
        "",
        "[2027-02-09 10:05] Kieran Doyle: so Microsoft 365 Business Premium x 85, 12 "
        "month term paid annually",
        "[2027-02-09 10:21] Kieran Doyle: best i can get is 8% off for the full 12 month term",
        "[2027-02-09 10:26] Kieran Doyle: yep - Bluegum will do the Intune enrolment "
        "setup for u at no charge, our own engineers, worth about $2,400. only catch is "
        "it has to be booked and delivered by 31/03/2027",
        "[2027-02-09 10:30] Kieran Doyle: can also throw in $500 of Azure credits for "
        "that backup VM u mentioned",
        "[2027-02-09 10:41] Kieran Doyle: sorry Mel - scratch the azure credits, just "
        "heard that promo finished last week. that one's off",
        "[2027-02-09 10:52] Mel Hartigan: thx Kieran, will get it signed next wk",
        "",
    ]
)


def test_a_resellers_no_charge_work_stays_and_a_scratched_credit_goes() -> None:
    report = analyzer.analyze([("chat.txt", CHAT.encode())])
    (credit,) = [i for i in report.items if i.category == "funded_credit"]
    assert credit.program == "Partner funding"
    assert credit.amount is not None and credit.amount.amount == 2400
    assert credit.expires is not None and str(credit.expires.date) == "2027-03-31"
    assert credit.partner is not None and credit.partner.name == "Bluegum Cloud Pty Ltd"
    assert credit.scope == ("Intune",)


def test_a_credit_written_as_a_record_of_fields() -> None:
    report = analyzer.analyze(
        [
            (
                "confirmation.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "Microsoft is pleased to confirm that the investment "
                            "below "
                            "has been approved in support of your Microsoft 365 E5 deployment."
                        },
                        {
                            "table": {
                                "header": ["Item", "Approved"],
                                "rows": [
                                    ["Program", "End Customer Investment Funds (ECIF)"],
                                    ["Amount", "€95,000 (ninety-five thousand euro)"],
                                    [
                                        "Scope",
                                        "Purview information protection and retention labels",
                                    ],
                                    ["Complete and claim by", "30 June 2027"],
                                    ["Delivery partner", "Elbtal Digital Consulting GmbH"],
                                ],
                            }
                        },
                    ]
                ),
            )
        ]
    )
    (ecif,) = [i for i in report.items if i.category == "funded_credit"]
    assert ecif.amount is not None and (ecif.amount.amount, ecif.amount.currency) == (95000, "EUR")
    assert ecif.expires is not None and str(ecif.expires.date) == "2027-06-30"
    assert ecif.scope == ("Purview",)
    assert ecif.partner is not None and ecif.partner.name == "Elbtal Digital Consulting GmbH"


def test_bundle_lines_count_each_product_and_add_up_across_lines() -> None:
    report = analyzer.analyze(
        [
            (
                "quote.pdf",
                _pdf(
                    [
                        {
                            "table": {
                                "header": ["Item / description", "Seats", "Net / user / mo"],
                                "rows": [
                                    [
                                        '1. Bundle "Front Desk": Microsoft 365 Business Premium +'
                                        " Teams Phone Standard",
                                        "46",
                                        "38.98",
                                    ],
                                    [
                                        '2. Bundle "Clinical": Microsoft 365 Business Premium '
                                        "(incl. Defender for Business, Intune, Entra ID P1)",
                                        "72",
                                        "27.18",
                                    ],
                                ],
                            }
                        }
                    ]
                ),
            )
        ]
    )
    seats = {s.product: s.quantity for s in report.seats}
    assert seats == {"Microsoft 365 Business Premium": 118, "Teams Phone": 46}


def test_table_rows_that_point_to_notes_and_a_total_row() -> None:
    report = analyzer.analyze(
        [
            (
                "summary.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "Enterprise Agreement renewal, 36 months from 01.02.2027. "
                            "Licences: 1,850 Microsoft 365 E3 at 6% below list."
                        },
                        {
                            "table": {
                                "header": [
                                    "Programme",
                                    "Investment",
                                    "What it pays for",
                                    "Delivered by",
                                    "Use by",
                                ],
                                "rows": [
                                    [
                                        "End Customer Investment Funds (ECIF)",
                                        "EUR 75,000",
                                        "Defender deployment",
                                        "ECIF-approved partner (1)",
                                        "30.06.2027",
                                    ],
                                    [
                                        "Azure credits",
                                        "EUR 60,000",
                                        "Migration of the SAP landing zone to Azure",
                                        "n/a",
                                        "See (2)",
                                    ],
                                    [
                                        "Deployment voucher",
                                        "EUR 30,000",
                                        "Exchange Online deployment",
                                        "See (3)",
                                        "See (3)",
                                    ],
                                    ["Total funded investment", "EUR 165,000", "", "", ""],
                                ],
                            }
                        },
                        {
                            "bullets": [
                                "(1) ECIF is paid by Microsoft directly to a partner on the "
                                "ECIF-approved supplier list.",
                                "(2) Credits are activated on the enrollment start date "
                                "(01.02.2027) and expire 365 days after activation.",
                                "(3) Redeem with any FastTrack Ready Partner; the voucher must be"
                                " fully redeemed within 180 days of the licence purchase date "
                                "(01.02.2027).",
                            ]
                        },
                    ]
                ),
            )
        ]
    )
    credits = {i.program: i for i in report.items if i.category == "funded_credit"}
    assert set(credits) == {"ECIF", "Azure credits", "Deployment voucher"}
    expiry = {p: str(i.expires.date) if i.expires else None for p, i in credits.items()}
    assert expiry == {
        "ECIF": "2027-06-30",
        "Azure credits": "2028-02-01",
        "Deployment voucher": "2027-07-31",
    }
    ecif = credits["ECIF"]
    assert ecif.partner is not None and (ecif.partner.name, ecif.partner.requirement) == (
        None,
        "approved",
    )


def test_a_partners_statement_of_work_that_sets_microsoft_programs_aside() -> None:
    report = analyzer.analyze(
        [
            (
                "sow.pdf",
                _pdf(
                    [
                        {"heading": "Statement of Work No. 3 - Mailbox Migration Services"},
                        {
                            "paragraph": "The Client already licenses its staff under its own "
                            "Microsoft "
                            "agreement, which is outside the scope of this SOW. The Client has "
                            "informed "
                            "H&F that its Microsoft FastTrack engagement closed in 2025 and that "
                            "no "
                            "Microsoft-funded programme (ECIF, partner funding, vouchers or Azure"
                            " credits) "
                            "has been requested for this work."
                        },
                        {
                            "paragraph": "The Services are provided on a fixed-fee basis of GBP "
                            "86,400. "
                            "Change requests are charged at the rate card less a ten per cent "
                            "(10%) "
                            "framework discount."
                        },
                    ]
                ),
            )
        ]
    )
    assert report.items == ()
    assert report.findings == ()


def test_asks_declined_in_call_notes_are_no_terms() -> None:
    report = analyzer.analyze(
        [
            (
                "notes.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "Volume: 1,400 Microsoft 365 E5 users. Price: 11% off E5"
                            " list for the full term."
                        },
                        {"heading": "Not agreed"},
                        {
                            "bullets": [
                                "Your ask for $100K of ECIF towards the Purview records project: "
                                "declined on our side this cycle, sorry.",
                                "Our ask that Sorrel Bay commit to adding the Copilot seats by "
                                "the first anniversary: you declined, and that's off the table.",
                            ]
                        },
                    ]
                ),
            )
        ]
    )
    assert {i.category for i in report.items} == {"discount"}


def test_a_memo_with_the_rollout_plan_beside_the_credit() -> None:
    report = analyzer.analyze(
        [
            (
                "memo.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "Microsoft 365 E3: 3,200 seats at 8% off list for the "
                            "full 36 months."
                        },
                        {
                            "bullets": [
                                "ECIF: AUD 120,000 of Microsoft-funded partner services for "
                                "Copilot "
                                "adoption and change management. Claims must be lodged with "
                                "Microsoft by "
                                "30 June 2027.",
                                "We asked for 15% on E3. Microsoft declined to go beyond 8% and "
                                "instead "
                                "offered the ECIF above in place of the additional discount.",
                                "Timing of the ECIF: our plan rolls out Intune to site crews from"
                                " 11 January "
                                "to 26 March 2027, and Copilot from 6 April to 31 August 2027.",
                            ]
                        },
                    ]
                ),
            )
        ]
    )
    (ecif,) = [i for i in report.items if i.category == "funded_credit"]
    assert set(ecif.scope) == {"Copilot", "Adoption and change management"}
    codes = {f.code for f in report.findings}
    assert {"FUNDING_REPLACES_DISCOUNT", "CREDIT_EXPIRES_BEFORE_ROLLOUT"} <= codes


def test_nonprofit_wording_for_an_approved_partner_and_a_growth_expectation() -> None:
    report = analyzer.analyze(
        [
            (
                "proposal.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "Where this proposal refers to the Effective Date, we "
                            "mean the "
                            "start date of the new enrollment, 1 July 2027. Microsoft 365 Business "
                            "Premium: 240 seats at a 75% nonprofit discount for the entire term."
                        },
                        {
                            "paragraph": "Microsoft will fund a no-cost work order of USD 15,000 "
                            "for "
                            "setting up Teams. The services will be delivered by a partner that "
                            "the "
                            "Network selects from Microsoft's nonprofit partner network and that "
                            "Microsoft approves for the engagement. The work order must be "
                            "completed "
                            "within 120 days of the Effective Date."
                        },
                        {
                            "paragraph": "Nonprofit pricing is extended on the understanding that"
                            " the "
                            "Network will bring its 120 volunteer coordinators onto Microsoft 365"
                            " F3 "
                            "during the first year of the term."
                        },
                    ]
                ),
            )
        ]
    )
    (order,) = [i for i in report.items if i.category == "funded_credit"]
    assert order.partner is not None and order.partner.requirement == "approved"
    assert order.expires is not None and str(order.expires.date) == "2027-10-29"
    (commitment,) = [i for i in report.items if i.category == "commitment"]
    assert commitment.products == ("Microsoft 365 F3",)

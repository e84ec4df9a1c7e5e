"""Styles met in held-out round 20, on files built here: a partner's letter of offer and its
scanned amending agreement, an Azure migration proposal paid by milestone and its schedule of
variations, a reply to a buyer's counter-proposal, a public body's purchase memo, a renewal
e-mail with an SLA credit, a government proposal with funding conditions, a frontline proposal,
the buyer's own deal wiki page and a negotiation call transcript."""

from __future__ import annotations

import sys
from typing import Any

import analyzer
from analyzer.nlp import mentions_in_text
from analyzer.records import Report
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "samples"))


def _pdf(blocks: list[dict[str, Any]], title: str = "Proposal") -> bytes:
    import render

    return render.render_pdf_bytes({"id": "t", "title": title, "blocks": blocks})  # type: ignore[no-any-return]


def _docx(blocks: list[dict[str, Any]], title: str = "Proposal") -> bytes:
    import render

    return render.render_docx_bytes({"id": "t", "title": title, "blocks": blocks})  # type: ignore[no-any-return]


def _items(report: Report, category: str) -> list[Any]:
    return [i for i in report.items if i.category == category]


def _codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


def _changes(comparison: Any) -> set[tuple[str, str, str, str]]:
    return {(c.kind, c.field, str(c.before), str(c.after)) for c in comparison.changes}


# --------------------------------------------------------------------------- letter of offer

OFFER = [
    {"heading": "1. Term"},
    {
        "paragraph": "The subscriptions run for thirty-six months from 2027-04-01 (the "
        '"Effective Date") to 2030-03-31.'
    },
    {"heading": "2. Subscriptions"},
    {
        "table": {
            "header": ["Subscription", "Users", "List ($/user/yr)", "Your price ($/user/yr)"],
            "rows": [
                ["Microsoft 365 E3", "980", "561.60", "516.67"],
                ["Microsoft 365 F3", "300", "129.60", "129.60"],
            ],
        }
    },
    {
        "paragraph": "Your E3 price is 8% below list in every year of the term. The other "
        "subscriptions are at list."
    },
    {"heading": "3. Microsoft investments"},
    {
        "paragraph": "Microsoft has approved $70,000 of End Customer Investment Funds for the "
        "Intune rollout. Microsoft has approved Boreal Cloud Works Inc. as the ECIF supplier for "
        "this engagement. Funded work must be claimed no later than 2027-12-15."
    },
]


def test_a_partner_microsoft_approved_as_the_ecif_supplier_is_named() -> None:
    report = analyzer.analyze([("offer.pdf", _pdf(OFFER, "Letter of offer"))])
    (credit,) = _items(report, "funded_credit")
    assert credit.partner is not None and credit.partner.requirement == "named"
    assert credit.partner.name == "Boreal Cloud Works Inc."
    assert "CREDIT_NO_PARTNER_TERMS" not in _codes(report)


def test_numbered_clauses_run_together_in_one_paragraph_each_apply() -> None:
    """A scanned amending agreement whose clauses OCR joined into one paragraph, with a count
    changed "in section 2 of the Offer" and the first sentence of the note under the table
    replaced."""
    amendment = (
        "AMENDING AGREEMENT No. 1 to the Letter of Offer\n\n"
        "2. Microsoft 365 E3. The number of Microsoft 365 E3 users in section 2 of the Offer is "
        "increased from 980 to 1,040, effective 2027-05-01, at the same price.\n\n"
        "3. Price. The first sentence of the note to the table in section 2 is deleted and "
        'replaced with the following - "Your E3 price is 8% below list in the first year of '
        'the term only." 4. ECIF amount. In section 3 of the Offer, the amount of End Customer '
        "Investment Funds is reduced from $70,000 to $55,000.\n\n"
        "5. No other change. The Microsoft 365 F3 quantity (300) is not affected.\n"
    )
    comparison = analyzer.compare(
        [("offer.pdf", _pdf(OFFER, "Letter of offer"))], [("amending.txt", amendment.encode())]
    )
    changes = _changes(comparison)
    assert ("seats", "quantity", "980", "1040") in changes, changes
    assert ("discount", "term_months", "36", "12") in changes, changes
    assert any(f == "amount" and "70000" in b and "55000" in a for _, f, b, a in changes)
    assert not any(k == "seats" and a == "None" for k, _, _, a in changes), changes


# --------------------------------------------------------------------------- milestones, MACC

MIGRATION = [
    {"heading": "3. Azure consumption commitment"},
    {
        "paragraph": "Tidewater will commit to consume USD 1.8 million of eligible Azure "
        "services over the 36 months following the Effective Date of 1 October 2027."
    },
    {
        "table": {
            "header": ["Item", "Summary", "Where"],
            "rows": [["Delivery", "ECIF for the migration partner", "Section 4.2"]],
        }
    },
    {"heading": "4.1 Migration credits (Azure credits), released by milestone"},
    {
        "paragraph": "Microsoft will fund Azure credits with a total value of USD 160,000, "
        "released as each milestone below is confirmed."
    },
    {
        "table": {
            "header": ["Tranche", "Milestone", "Target date", "Credit (USD)"],
            "rows": [
                ["1", "Landing zone accepted", "11/30/2027", "40,000"],
                ["2", "First 80 servers cut over", "03/31/2028", "70,000"],
                ["3", "Databases cut over", "06/30/2028", "50,000"],
                ["Total", "", "", "160,000"],
            ],
        }
    },
    {"paragraph": "Credits from every tranche expire on September 30th, 2028."},
    {"heading": "4.2 ECIF"},
    {
        "paragraph": "Microsoft will also provide ECIF of USD 90,000 for the migration "
        "assessment. The ECIF-funded work will be delivered by Saltmarsh Cloud LLC and must be "
        "claimed by June 30th, 2028."
    },
]


def test_credits_paid_by_milestone_are_one_credit_and_a_spend_commitment_is_read() -> None:
    report = analyzer.analyze([("azure.pdf", _pdf(MIGRATION))])
    credits = {i.program: i for i in _items(report, "funded_credit")}
    assert set(credits) == {"Azure credits", "ECIF"}, credits
    azure = credits["Azure credits"]
    assert azure.amount is not None and azure.amount.amount == 160000.0
    assert azure.expires is not None and azure.expires.date.isoformat() == "2028-09-30"
    ecif = credits["ECIF"]
    assert ecif.partner is not None and ecif.partner.name == "Saltmarsh Cloud LLC"
    (commitment,) = _items(report, "commitment")
    assert commitment.amount is not None and commitment.amount.amount == 1800000.0
    assert "EXPANSION_COMMITMENT" in _codes(report)


def test_a_schedule_of_variations_applies_each_row() -> None:
    variations = _pdf(
        [
            {
                "paragraph": "The parties vary the Proposal as set out in the Schedule of "
                "Variations. Anything not listed stays as written in the Proposal."
            },
            {
                "table": {
                    "header": ["No.", "Clause", "Variation", "Reason"],
                    "rows": [
                        [
                            "1",
                            "4.1, Tranche 3",
                            "The credit released on cut-over of the databases is reduced from "
                            "USD 50,000 to USD 20,000. The total accordingly reads USD 130,000 "
                            "instead of USD 160,000.",
                            "Part of the work is funded elsewhere.",
                        ],
                        [
                            "2",
                            "4.2 (ECIF)",
                            "The ECIF amount of USD 90,000 becomes USD 75,000.",
                            "Lower statement of work.",
                        ],
                    ],
                }
            },
        ],
        "Variation No. 1",
    )
    comparison = analyzer.compare([("azure.pdf", _pdf(MIGRATION))], [("variation.pdf", variations)])
    changes = _changes(comparison)
    assert any(f == "amount" and "160000" in b and "130000" in a for _, f, b, a in changes)
    assert any(f == "amount" and "90000" in b and "75000" in a for _, f, b, a in changes)


# --------------------------------------------------------------------------- counter-proposal


def test_a_declined_ask_whose_answer_states_the_term_that_stands() -> None:
    report = analyzer.analyze(
        [
            (
                "reply.docx",
                _docx(
                    [
                        {
                            "paragraph": "Our renewal offer covered 2,100 Microsoft 365 E5 and "
                            "300 Microsoft 365 Copilot licences for 36 months."
                        },
                        {
                            "table": {
                                "header": ["No.", "Topic", "Customer ask", "Microsoft response"],
                                "rows": [
                                    [
                                        "1",
                                        "E5 price",
                                        "15% off E5 in all three years.",
                                        "Counter-offer: 10% off list on Microsoft 365 E5 for "
                                        "all 36 months.",
                                    ],
                                    [
                                        "2",
                                        "Copilot price",
                                        "8% off Copilot.",
                                        "Declined. Instead of a Copilot price reduction, "
                                        "Microsoft has raised the ECIF to GBP 90,000 for "
                                        "Copilot readiness.",
                                    ],
                                    [
                                        "3",
                                        "Growth condition",
                                        "Remove the Copilot growth condition.",
                                        "Declined. The ECIF remains linked to the Copilot "
                                        "estate growing from 300 to at least 500 users by "
                                        "31 March 2028.",
                                    ],
                                    [
                                        "4",
                                        "Azure",
                                        "GBP 40,000 of Azure credits.",
                                        "Declined.",
                                    ],
                                ],
                            }
                        },
                    ],
                    "Response to counter-proposal",
                ),
            )
        ]
    )
    assert {i.program for i in _items(report, "funded_credit")} == {"ECIF"}
    (commitment,) = _items(report, "commitment")
    assert commitment.quantity == 200
    assert {"FUNDING_REPLACES_DISCOUNT", "EXPANSION_COMMITMENT"} <= _codes(report)


# --------------------------------------------------------------------------- other proposals


def test_a_recommendation_that_points_to_a_section_opens_no_credit() -> None:
    report = analyzer.analyze(
        [
            (
                "memo.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "That the Board: (1) approve an appropriation of "
                            "$418,900.00 for the Microsoft renewal of 1,200 Microsoft 365 G3 "
                            "licences; and (2) accept Microsoft in-kind services described in "
                            "section 4 at no cost to the County."
                        },
                        {"heading": "4. Microsoft in-kind services"},
                        {
                            "paragraph": "Microsoft has offered a No-Cost Work Order valued at "
                            "$25,000 to migrate departmental file shares to SharePoint Online. "
                            "All services must be completed by June 30, 2027."
                        },
                    ],
                    "Purchase justification",
                ),
            )
        ]
    )
    (credit,) = _items(report, "funded_credit")
    assert credit.amount is not None and credit.amount.amount == 25000.0
    assert set(credit.scope) == {"SharePoint Online", "Data migration"}


def test_an_sla_service_credit_is_not_funding() -> None:
    report = analyzer.analyze(
        [
            (
                "renewal.txt",
                b"Your renewal covers 1,400 Microsoft 365 E3 users at 9% below list for all "
                b"three years.\n\nOn the outage of March 3rd: Microsoft has approved a service "
                b"credit under the Service Level Agreement for Online Services of CAD 2,150. "
                b"It will appear on the next invoice.\n",
            )
        ]
    )
    assert _items(report, "funded_credit") == []
    assert "CREDIT_NO_EXPIRY" not in _codes(report)


def test_half_of_the_funding_released_on_a_condition_is_not_a_second_credit() -> None:
    report = analyzer.analyze(
        [
            (
                "gcc.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "The term runs 36 months from November 1, 2027 (the "
                            "Effective Date) for 2,400 Microsoft 365 G3 users."
                        },
                        {
                            "paragraph": "Microsoft will provide deployment funding of up to "
                            "USD 50,000 for Intune enrollment, subject to these conditions:"
                        },
                        {
                            "numbered": [
                                "The work is delivered by a Microsoft Solutions Partner.",
                                "The second half of the funding (USD 25,000) is released only "
                                "if the Authority moves at least 250 additional users from G3 "
                                "to G5 by the first anniversary.",
                                "Partner claims must be submitted no later than 300 days after "
                                "the Effective Date.",
                            ]
                        },
                    ]
                ),
            )
        ]
    )
    (credit,) = _items(report, "funded_credit")
    assert credit.amount is not None and credit.amount.amount == 50000.0
    assert credit.expires is not None and credit.expires.date.isoformat() == "2028-08-27"
    (commitment,) = _items(report, "commitment")
    assert commitment.quantity == 250


def test_work_that_fasttrack_does_not_cover_is_the_vouchers_scope() -> None:
    report = analyzer.analyze(
        [
            (
                "frontline.pdf",
                _pdf(
                    [
                        {
                            "paragraph": "4,200 Microsoft 365 F1 licences for store teams. "
                            "FastTrack will be requested on the Commencement Date."
                        },
                        {
                            "paragraph": "Microsoft will issue a deployment voucher worth "
                            "A$25,000 for work that FastTrack does not cover: enrolling shared "
                            "devices in Intune and rolling out Teams Shifts. The voucher is "
                            "redeemable only with a Microsoft-approved partner."
                        },
                    ]
                ),
            )
        ]
    )
    (credit,) = _items(report, "funded_credit")
    assert set(credit.scope) == {"Intune", "Teams"}
    assert "CREDIT_NO_SCOPE" not in _codes(report)


# --------------------------------------------------------------------------- wiki, transcript

WIKI = "\n".join(
    [
        "# Deal page: Microsoft 365 renewal (CSP via Harrow IT)",
        "",
        "- Renewing for all staff through **Harrow IT Solutions Ltd** for three "
        "years (1 Apr 2027 - 31 Mar 2030).",
        "- 320 x Microsoft 365 Business Premium.",
        "",
        "| Product | Seats | List GBP/user/month | Our price Y1 | Our price Y2-Y3 |",
        "|---|---|---|---|---|",
        "| Microsoft 365 Business Premium | 320 | 18.10 | 16.83 (7% off) | list at each "
        "renewal (no discount agreed) |",
        "",
        "## Status",
        "",
        "| Workstream | Owner | Status | Due |",
        "|---|---|---|---|",
        "| Contract signature | RP | Done | 30 Mar 2027 |",
        "| Project kick-off | Infra | Not started | 4 Oct 2027 |",
        "",
        "## Rollout plan",
        "",
        "| Phase | Workloads | Start | End |",
        "|---|---|---|---|",
        "| 1 - Devices | Intune enrolment, Defender onboarding | 4 Oct 2027 | 17 Dec 2027 |",
        "",
        "## Funding",
        "",
        "- **Microsoft partner funding - £15,000** for the Intune rollout. "
        "Harrow draws it down from Microsoft and delivers the work itself.",
        "- ~~Azure credits £4,000 for the file-server lift~~ - dropped on 20 Jan 2027.",
        "- Extras: none. Harrow withdraws the Azure credits it had offered.",
        "",
        "## Decisions log",
        "",
        "| Date | Decision | Who |",
        "|---|---|---|",
        "| 2027-03-02 | Condition of the partner funding - we add Teams Phone "
        "for 90 users by 30/06/2028. Agreed. | GH |",
        "",
    ]
).encode()


def test_the_buyers_deal_wiki_page() -> None:
    report = analyzer.analyze([("deal.md", WIKI)])
    (credit,) = _items(report, "funded_credit")
    assert credit.program == "Partner funding"
    assert credit.partner is not None and credit.partner.name == "Harrow IT Solutions Ltd"
    assert credit.expires is None  # the 30/06/2028 is when Teams Phone is to be bought
    (commitment,) = _items(report, "commitment")
    assert commitment.quantity == 90
    assert {p.name for p in report.rollout} == {"1 - Devices"}  # the status table is no plan
    (discount,) = _items(report, "discount")
    assert discount.percent == 7.0 and discount.term_months == 12  # the Y1 column only
    assert {"ONBOARDING_WINDOW_RISK", "EXPANSION_COMMITMENT", "CREDIT_NO_EXPIRY"} <= _codes(report)


TRANSCRIPT = "\n".join(
    [
        "Call transcript - Orchard Mills / Microsoft - renewal (3 June 2027)",
        "Participants: Dana Vo (Orchard Mills); Luis Park (Microsoft, Account Executive).",
        "",
        "[00:00:20] Luis Park: We're quoting 1,500 Microsoft 365 E3 for three "
        "years, effective August 1st, at nine percent off for the full term.",
        "[00:01:10] Luis Park: And there's fifty thousand dollars of ECIF for the Intune work.",
        "[00:02:40] Dana Vo: Our timing: the Intune and Defender rollout kicks "
        "off October 4th and runs through the end of March 2028.",
        "[00:20:05] Luis Park: The ECIF. Sorry - the ECIF budget is gone, so "
        "scratch the fifty K, it's not available. What I can do instead is a "
        "deployment voucher, thirty thousand dollars, for Intune and Defender, "
        "with any FastTrack Ready Partner. It has to be redeemed by February "
        "29th, 2028.",
        "[00:21:00] Dana Vo: FastTrack too, please. We will engage FastTrack from day one.",
        "",
    ]
).encode()


def test_a_call_transcript_with_a_withdrawn_offer_and_a_spoken_schedule() -> None:
    report = analyzer.analyze([("call.txt", TRANSCRIPT)])
    assert {i.program for i in _items(report, "funded_credit")} == {"Deployment voucher"}
    phases = {p.start.isoformat(): p.end for p in report.rollout if p.start}
    assert "2027-10-04" in phases, report.rollout
    assert "CREDIT_EXPIRES_BEFORE_ROLLOUT" in _codes(report)


def test_only_the_ends_of_a_stretch_are_read_as_dates_without_a_year() -> None:
    def dates(text: str) -> list[str]:
        return [m.text for m in mentions_in_text(text) if m.kind == "date"]

    assert dates("Further to our meetings of October 21 and November 4, we offer ...") == []
    assert dates("Cut-over runs July 12th through August 20th.") == ["July 12th", "August 20th"]
    assert dates("12 april to end of may was the plan") == ["12 april", "end of may"]
    for text in (
        "to migrate departmental file shares to SharePoint Online",
        "to migrate Lucerne's departmental file shares into SharePoint Online",
    ):
        workloads = {str(m.value) for m in mentions_in_text(text) if m.kind == "workload"}
        assert workloads == {"Data migration", "SharePoint Online"}, text


def test_the_period_an_agenda_item_buys_for_starts_the_onboarding_window() -> None:
    report = analyzer.analyze(
        [
            (
                "agenda.txt",
                b"To approve the purchase of 900 Microsoft 365 G3 subscriptions for the period "
                b"July 1, 2027 through June 30, 2030. FastTrack onboarding will be requested.\n\n"
                b"- Phase 1 - Exchange Online and Teams: February 7, 2028 to April 28, 2028.\n",
            )
        ]
    )
    assert "ONBOARDING_WINDOW_RISK" in _codes(report)


def test_a_price_against_the_list_price_in_prose_is_a_round_discount() -> None:
    def discounts(text: str) -> list[Any]:
        report = analyzer.analyze([("renewal.txt", text.encode())])
        return _items(report, "discount")

    (discount,) = discounts(
        "Your renewal covers 900 Microsoft 365 E5 users for three years.\n\n"
        "- Microsoft's list price for E5 goes to USD 57.00 per user per month in July (USD "
        "684.00 a year). The USD 615.60 you see is the price Microsoft approved for you, and "
        "it is held for all three years of the new term.\n"
    )
    assert discount.percent == 10.0 and discount.term_months == 36
    odd = discounts(
        "Your renewal covers 900 Microsoft 365 E5 users for three years.\n\n"
        "- Microsoft's list price for E5 is USD 684.00 a year. USD 617.31 is the price we "
        "agreed for the new term.\n"
    )
    assert odd == []  # 9.75% is a price, not a stated concession

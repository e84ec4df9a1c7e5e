"""Styles met in held-out round 17, on files built here: a proposal of defined terms and its
legal-style amendment, an itemised "now reads (was)" amendment, a forwarded thread that narrows
a credit, a staff report, an agency MoU and a reseller's plain-text quote."""

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

    return render.render_docx_bytes({"id": "a", "title": "Amendment", "blocks": blocks})  # type: ignore[no-any-return]


def _analyze(blocks: list[dict[str, Any]]) -> Report:
    return analyzer.analyze([("document.pdf", _pdf(blocks))])


def _changes(base: bytes, amendment: tuple[str, bytes]) -> set[tuple[str, str, str, str]]:
    comparison = analyzer.compare([("proposal.docx", base)], [amendment])
    return {
        (
            c.kind,
            c.field,
            str(getattr(c.before, "amount", c.before)),
            str(getattr(c.after, "amount", c.after)),
        )
        for c in comparison.changes
    }


DEFINED_TERMS = [
    {"heading": "1. Definitions"},
    {
        "paragraph": '1.1.1 "Effective Date" means 1 October 2027, being the first day of the new '
        "enrolment."
    },
    {"heading": "2. Licences"},
    {
        "paragraph": "2.1.1 Microsoft 365 E5 for three thousand four hundred (3,400) users, at "
        "seven per cent (7%) below the estimated retail price for the full 36 months."
    },
    {"heading": "4. Funded Services"},
    {
        "paragraph": "4.2.1 Microsoft will contribute EUR 180,000 (one hundred and eighty thousand "
        "euros) in ECIF towards Copilot readiness and adoption and change management."
    },
    {
        "paragraph": "4.2.3 The Funded Services must be delivered by a Microsoft-approved partner "
        "and "
        "claimed within 270 days of the Effective Date."
    },
]


def test_a_defined_effective_date_and_a_legal_style_amendment() -> None:
    base = analyzer.analyze([("proposal.docx", _docx(DEFINED_TERMS))])
    (ecif,) = [i for i in base.items if i.category == "funded_credit"]
    assert ecif.expires is not None and str(ecif.expires.date) == "2028-06-27"
    changes = _changes(
        _docx(DEFINED_TERMS),
        (
            "amendment.docx",
            _docx(
                [
                    {"paragraph": "THIS FIRST AMENDMENT amends the Proposal as follows:"},
                    {
                        "paragraph": '2.1.1 clause 2.1.1 is amended by deleting the words "three '
                        'thousand four hundred (3,400)" and inserting in their place the words '
                        '"three thousand one hundred and fifty (3,150)";'
                    },
                    {
                        "paragraph": '2.1.2 clause 4.2.1 is amended by deleting the words "EUR '
                        '180,000 (one hundred and eighty thousand euros)" and inserting the words '
                        '"EUR 140,000 (one hundred and forty thousand euros)";'
                    },
                    {
                        "paragraph": '2.1.3 clause 4.2.3 is amended by deleting the words "within '
                        '270 days of the Effective Date" and inserting the words "no later than 31 '
                        'March 2028";'
                    },
                ]
            ),
        ),
    )
    assert ("seats", "quantity", "3400", "3150") in changes
    assert ("funded_credit", "amount", "180000.0", "140000.0") in changes
    assert ("funded_credit", "expires", "2028-06-27", "2028-03-31") in changes


STEP_UP = [
    {"paragraph": "The renewal starts on 1 January 2027 (the Effective Date) for 36 months."},
    {
        "table": {
            "header": ["Product", "No. of users", "List GBP", "Concession", "Net GBP"],
            "rows": [
                ["Microsoft 365 E3 (renewal)", "1,300", "33.75", "none", "33.75"],
                ["Microsoft 365 E5 step-up (from E3)", "900", "20.40", "15%", "17.34"],
            ],
        }
    },
    {"paragraph": "The 15% concession on the E5 step-up applies for all thirty-six months."},
    {
        "paragraph": "Microsoft will make GBP 60,000 of ECIF available for Defender deployment, "
        "delivered by a partner of the Society's choosing, to be claimed by 31 December 2027."
    },
]

ITEMISED = "\n".join(
    [
        "Amendment 1 to the renewal and E5 step-up proposal",
        "",
        "Only the items listed change; every other provision of the Proposal stays as written.",
        "",
        'Item 1: Licence table, "Microsoft 365 E5 step-up (from E3)", No. of users now reads '
        "1,100 (was 900).",
        "",
        'Item 2: Licence table, "Microsoft 365 E3 (renewal)", No. of users now reads 1,100 (was '
        "1,300).",
        "",
        "Item 3: Concession on the E5 step-up now reads 12% off the step-up price, net GBP 17.95 "
        "per user per month (was 15%, net GBP 17.34).",
        "",
        "Item 4: ECIF made available for Defender deployment now reads GBP 45,000 (was GBP "
        "60,000).",
        "",
        "Item 5: Date by which funded activities must be claimed now reads 30 June 2027 (was 31 "
        "December 2027).",
    ]
)


def test_an_itemised_amendment_of_now_reads_and_was() -> None:
    changes = _changes(_docx(STEP_UP), ("amendment.txt", ITEMISED.encode()))
    assert ("seats", "quantity", "1300", "1100") in changes
    assert ("seats", "quantity", "900", "1100") in changes
    assert ("discount", "percent", "15.0", "12.0") in changes
    assert ("funded_credit", "amount", "60000.0", "45000.0") in changes
    assert ("funded_credit", "expires", "2027-12-31", "2027-06-30") in changes


FORWARDED = "\n".join(
    [
        "From: Marcus Whitfield",
        "Subject: FW: RE: renewal - funding",
        "",
        "Where we landed: 1,800 x M365 E5 and $90k of ECIF that Bluefin has to deliver by year "
        'end. The Copilot readiness piece and the "any partner" wording are gone.',
        "",
        "-----Original Message-----",
        "From: Vivian Tran",
        "Sent: Tuesday, July 20, 2027 5:05 PM",
        "",
        "ECIF: USD 90,000, for Teams Phone and Intune only. The Copilot readiness workstream is "
        "no longer covered. The work has to be delivered by Bluefin Technology Partners LLC.",
        "",
        "-----Original Message-----",
        "From: Vivian Tran",
        "Sent: Friday, July 2, 2027 11:18 AM",
        "",
        "End Customer Investment Funds of USD 150,000 for Teams Phone, Intune and Copilot "
        "readiness, delivered by any partner you choose.",
    ]
)


def test_a_forwarded_thread_that_narrows_the_credit() -> None:
    report = analyzer.analyze([("thread.txt", FORWARDED.encode())])
    (ecif,) = [i for i in report.items if i.category == "funded_credit"]
    assert set(ecif.scope) == {"Teams Phone", "Intune"}
    assert ecif.partner is not None
    assert ecif.partner.name == "Bluefin Technology Partners LLC"


def test_public_wording_for_partners_trades_and_growth() -> None:
    report = _analyze(
        [
            {
                "paragraph": "The Department will license 2,600 Microsoft 365 G3 seats. Staff "
                "asked "
                "for an additional price reduction; both declined. In place of the requested price "
                "reduction, Microsoft offered a Migration & Deployment Voucher valued at $20,000 "
                "for "
                "Exchange Online."
            },
            {
                "paragraph": "The voucher must be redeemed by April 30, 2028 and can only be "
                "redeemed through the Town's implementation partner, Summit Ridge Technology "
                "Group, "
                "which holds the Microsoft designation the voucher requires."
            },
            {
                "paragraph": "Microsoft intends to fund up to USD 300,000 in End Customer "
                "Investment "
                "Funds for deployment services covering Microsoft Teams. The services will be "
                "delivered by a partner to be agreed from Microsoft's list of ECIF-eligible "
                "suppliers, and claimed by June 30, 2027."
            },
            {
                "paragraph": "The investments support the Department's stated intention to move a "
                "further 1,000 staff onto Microsoft 365 G3 during the term."
            },
        ]
    )
    credits = {i.program: i for i in report.items if i.category == "funded_credit"}
    voucher, ecif = credits["Deployment voucher"], credits["ECIF"]
    assert voucher.partner is not None
    assert voucher.partner.name == "Summit Ridge Technology Group"
    assert ecif.partner is not None and ecif.partner.requirement == "approved"
    codes = {f.code for f in report.findings}
    assert {"FUNDING_REPLACES_DISCOUNT", "EXPANSION_COMMITMENT"} <= codes


def test_a_resellers_own_engineering_time_and_a_rate_on_business_premium() -> None:
    report = _analyze(
        [
            {
                "paragraph": "Quote for 140 Microsoft 365 Business Premium seats. The 6% on "
                "Business "
                "Premium is our renewal rate and holds for the full 12-month term."
            },
            {
                "paragraph": "One extra from our side: Tollgate will put €4k of our own "
                "engineering "
                "time towards the Teams Phone number porting and the Intune enrolment of the lab "
                "laptops. That time is delivered by Tollgate's engineers only and needs to be used "
                "by 31/03/2027."
            },
            {"paragraph": "Niamh Gallagher, Account Manager | Tollgate IT Solutions Ltd"},
        ]
    )
    (discount,) = [i for i in report.items if i.category == "discount"]
    assert discount.percent == 6.0
    (credit,) = [i for i in report.items if i.category == "funded_credit"]
    assert credit.program == "Partner funding"
    assert credit.amount is not None and credit.amount.amount == 4000
    assert credit.partner is not None and credit.partner.name == "Tollgate IT Solutions Ltd"


def test_a_deal_sheet_of_label_and_value_lines() -> None:
    report = _analyze(
        [
            {"paragraph": "Term: 36 months, 1 Sep 2026 - 31 Aug 2029"},
            {"heading": "Licences"},
            {
                "bullets": [
                    "M365 F3 - 620 depot / driver users - AUD 12.80, net, no concession",
                    "Teams Phone Standard - 300 (dispatch + customer service) - AUD 13.10",
                ]
            },
            {"heading": "Price"},
            {"bullets": ["F3 concession: 7% off list - Yr 1 + Yr 2 only"]},
            {"heading": "Microsoft investment"},
            {
                "bullets": [
                    "Type: Deployment funding (Microsoft-funded partner services)",
                    "Value: AUD 95k",
                    "Use: Exchange Online mailbox moves",
                    "Delivery: Orbital Cloud Services Pty Ltd - sole delivery partner, no "
                    "substitution | partner liability cap: 100% of partner fees",
                    "Claim deadline: 31 Mar 2027",
                ]
            },
        ]
    )
    assert {s.product: s.quantity for s in report.seats} == {
        "Microsoft 365 F3": 620,
        "Teams Phone": 300,
    }
    (credit,) = [i for i in report.items if i.category == "funded_credit"]
    assert credit.program == "Deployment funding"
    assert credit.amount is not None and credit.amount.amount == 95000
    assert credit.partner is not None
    assert credit.partner.name == "Orbital Cloud Services Pty Ltd"
    (discount,) = [i for i in report.items if i.category == "discount"]
    assert discount.term_months == 24


def test_a_copilot_offer_voucher_issued_on_a_named_date() -> None:
    report = _analyze(
        [
            {"paragraph": "Add-on order: 750 Microsoft 365 Copilot licences."},
            {
                "paragraph": "Microsoft has nominated Brightwater for the Microsoft 365 Copilot "
                "Offer. Microsoft will issue a services voucher with a face value of USD 40,000; "
                "the "
                "Voucher ID e-mail is scheduled for November 16th, 2026, and the voucher must be "
                "redeemed within six months of that issue date."
            },
            {
                "paragraph": "The voucher pays for Copilot readiness work (data-access review, "
                "sensitivity labelling of the pilot sites) and for adoption and change management."
            },
            {
                "paragraph": "Redemption is only possible through a partner holding Microsoft's "
                "Copilot Jumpstart designation."
            },
        ]
    )
    (offer,) = [i for i in report.items if i.category == "funded_credit"]
    assert offer.program == "Copilot Deployment Offer"
    assert offer.amount is not None and offer.amount.amount == 40000
    assert offer.expires is not None and str(offer.expires.date) == "2027-05-16"
    assert offer.partner is not None and offer.partner.requirement == "approved"
    assert set(offer.scope) == {"Copilot", "Adoption and change management"}


def test_a_workbook_of_year_rows_and_a_reseller_funded_row() -> None:
    report = _analyze(
        [
            {"paragraph": "Term: 36 months from 2027-08-01."},
            {
                "table": {
                    "header": ["Line", "SKU", "Seats", "Term year", "List", "Disc. %", "Net"],
                    "rows": [
                        [
                            "20",
                            "Microsoft 365 E5 Security add-on",
                            "1450",
                            "Y1",
                            "16.40",
                            "15",
                            "13.94",
                        ],
                        [
                            "21",
                            "Microsoft 365 E5 Security add-on",
                            "1450",
                            "Y2-Y3",
                            "16.40",
                            "-",
                            "16.40",
                        ],
                    ],
                }
            },
            {
                "table": {
                    "header": ["Ref", "Investment", "Funded by", "Value (CAD)", "Delivery"],
                    "rows": [
                        [
                            "INV-1",
                            "Azure Credit Offer (Azure credits)",
                            "Microsoft",
                            "50,000",
                            "Applied directly to the Azure subscription",
                        ],
                        [
                            "INV-3",
                            "Adoption and change management workshops",
                            "Maple Ridge IT Inc. (reseller)",
                            "12,000",
                            "Maple Ridge IT Inc.",
                        ],
                        ["INV-4", "Licence onboarding", "Customer", "2,400", "Maple Ridge IT Inc."],
                    ],
                }
            },
            {
                "table": {
                    "header": ["Item", "Detail"],
                    "rows": [["Usage / adoption reporting", "Not in scope of this offer"]],
                }
            },
        ]
    )
    assert {s.product: s.quantity for s in report.seats} == {"Microsoft 365 E5 Security": 1450}
    (discount,) = [i for i in report.items if i.category == "discount"]
    assert discount.term_months == 12
    credits = {i.program: i for i in report.items if i.category == "funded_credit"}
    assert set(credits) == {"Azure credits", "Partner funding"}
    assert credits["Azure credits"].partner is None
    funded = credits["Partner funding"]
    assert funded.amount is not None and funded.amount.amount == 12000
    assert funded.partner is not None and funded.partner.name == "Maple Ridge IT Inc."
    assert {"DISCOUNT_PARTIAL_TERM", "NO_ADOPTION_DATA"} <= {f.code for f in report.findings}


def _credits(report: Report) -> list[Any]:
    return [i for i in report.items if i.category == "funded_credit"]


def test_a_best_and_final_offer_that_quotes_its_withdrawn_figures() -> None:
    report = _analyze(
        [
            {
                "paragraph": "This letter sets out our best and final offer. It supersedes our "
                "offer of 12 May 2027, which is withdrawn."
            },
            {
                "table": {
                    "header": ["Item", "12 May 2027 offer (withdrawn)", "BAFO (this letter)"],
                    "rows": [
                        ["Microsoft 365 E3 user subscriptions", "2,100", "2,250"],
                        [
                            "Price reduction on Microsoft 365 E3",
                            "8% off list, Year 1 only",
                            "11% off list, every year of the 36-month term",
                        ],
                        [
                            "Microsoft End Customer Investment Funds",
                            "GBP 40,000, offered in lieu of a deeper discount",
                            "not included",
                        ],
                        ["Northgate-funded deployment services", "GBP 25,000", "GBP 75,000"],
                    ],
                }
            },
            {
                "paragraph": "Northgate will fund professional services to a value of GBP 75,000 "
                "towards the migration of your mailboxes to Exchange Online. Any unused balance "
                "lapses if the services have not been delivered by 31 March 2028."
            },
            {
                "paragraph": "The Microsoft ECIF contribution referred to in our withdrawn offer "
                "is not part of this BAFO; we have put that value into the recurring price instead."
            },
        ]
    )
    discounts = [(i.percent, i.term_months) for i in report.items if i.category == "discount"]
    assert discounts == [(11.0, 36)]
    credits = _credits(report)
    assert [(c.program, c.amount.amount if c.amount else None) for c in credits] == [
        ("Partner funding", 75000.0)
    ]
    assert credits[0].expires is not None and str(credits[0].expires.date) == "2028-03-31"
    assert "FUNDING_REPLACES_DISCOUNT" not in {f.code for f in report.findings}


def test_a_credit_split_by_entity_in_a_table_continued_on_the_next_page() -> None:
    header = ["Entity", "Allocation", "Funded workloads", "Who delivers", "Complete and claim by"]
    report = _analyze(
        [
            {
                "paragraph": "Microsoft will provide End Customer Investment Funds (ECIF) of CAD "
                "210,000 for the group. The amount is ring-fenced by entity as shown below."
            },
            {
                "table": {
                    "header": header,
                    "rows": [
                        [
                            "Corvid Holdings Inc.",
                            "CAD 60,000",
                            "Microsoft Purview (records management)",
                            "Quillon Security Partners LLC only",
                            "2027-06-30",
                        ],
                        [
                            "Corvid Logistics Ltd",
                            "CAD 90,000",
                            "Intune enrolment for shared frontline devices",
                            "Any ECIF-approved Microsoft partner",
                            "2027-12-31",
                        ],
                    ],
                }
            },
            {"page_break": True},
            {
                "table": {
                    "header": header,
                    "rows": [
                        [
                            "Corvid Retail Ltd",
                            "CAD 60,000",
                            "Teams Phone for the store network",
                            "A partner of Corvid Retail's choosing",
                            "to be set in the SOW",
                        ]
                    ],
                }
            },
        ]
    )
    shares = {
        (
            c.program,
            c.amount.amount if c.amount else None,
            c.partner.requirement if c.partner else None,
            c.partner.name if c.partner else None,
            str(c.expires.date) if c.expires else None,
        )
        for c in _credits(report)
    }
    assert shares == {
        ("ECIF", 60000.0, "named", "Quillon Security Partners LLC", "2027-06-30"),
        ("ECIF", 90000.0, "approved", None, "2027-12-31"),
        ("ECIF", 60000.0, "any", None, None),
    }


def test_a_purchase_order_deadline_counted_from_the_po_date_column() -> None:
    report = _analyze(
        [
            {
                "table": {
                    "header": ["PO date", "Requisition", "Department"],
                    "rows": [["08/16/2027", "REQ-27-1170", "Information Technology"]],
                }
            },
            {
                "table": {
                    "header": ["Line description", "Qty", "Unit price", "Who delivers"],
                    "rows": [
                        ["Microsoft 365 G3 GCC annual subscription", "620", "$406.08", "-"],
                        [
                            "Microsoft-funded deployment services under No-Cost Work Order "
                            "NCWO-27-0412 (value $25,000.00)",
                            "1",
                            "$0.00",
                            "Partner - see Note B",
                        ],
                    ],
                }
            },
            {
                "paragraph": "Note B: Line 2 covers deployment of Exchange Online and Teams, paid "
                "for by Microsoft under the referenced no-cost work order. All services under line "
                "2 must be completed within one hundred eighty (180) days of the date of this "
                "purchase order."
            },
        ]
    )
    credits = _credits(report)
    assert len(credits) == 1
    assert credits[0].expires is not None and str(credits[0].expires.date) == "2028-02-12"
    assert credits[0].partner is None or credits[0].partner.name is None


def test_a_purchase_order_flattened_into_lines_still_counts_and_names_microsoft() -> None:
    # how Tesseract reads a scanned order's rows: one line per row, a unit of measure between
    # the count and the price, and Microsoft named only as the payer of the work order
    report = _analyze(
        [
            {
                "paragraph": "1. Microsoft 365 G3 GCC - 620 USR $406.08 $251,769.60 annual "
                "subscription, Year 1 (12 months)"
            },
            {
                "paragraph": "Note B: Line 3 covers deployment of Exchange Online and Teams, paid "
                "for by Microsoft under the referenced no-cost work order (value $25,000.00)."
            },
        ]
    )
    assert [(s.product, s.quantity) for s in report.seats] == [("Microsoft 365 G3", 620)]
    assert [c.program for c in _credits(report)] == ["No-cost work order"]

"""Wording met in held-out round 13, on files built here: how a delivery partner is restricted
and named, how a funded credit is labelled, and how a short amendment states its changes."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import analyzer
from analyzer.records import Item
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "samples"))


def _pdf(blocks: list[dict[str, Any]]) -> bytes:
    import render

    return render.render_pdf_bytes({"id": "t", "title": "Proposal", "blocks": blocks})  # type: ignore[no-any-return]


def _docx(blocks: list[dict[str, Any]]) -> bytes:
    import render

    return render.render_docx_bytes({"id": "a", "title": "Amendment", "blocks": blocks})  # type: ignore[no-any-return]


def _credits(blocks: list[dict[str, Any]]) -> list[Item]:
    licences = {"paragraph": "The quote covers 120 Microsoft 365 Business Premium licences."}
    report = analyzer.analyze([("proposal.pdf", _pdf([licences, *blocks]))])
    return [i for i in report.items if i.category == "funded_credit"]


@pytest.mark.parametrize(
    ("paragraphs", "name", "requirement"),
    [
        (
            [
                "Microsoft will make End Customer Investment Funds (ECIF) of £180k available for "
                "Copilot readiness. Delivery is restricted to Contoso Digital Services Limited, "
                "who ran the 2026 pilot."
            ],
            "Contoso Digital Services Limited",
            "named",
        ),
        (
            [
                "Maple Circuit Solutions Inc. - Partner Portal export",
                "Included at no charge: Maple Circuit Partner Funding of CAD 7,500 toward the "
                "Microsoft Intune device enrolment project. The funded hours are delivered only "
                "by the Maple Circuit Modern Workplace practice (Maple Circuit Solutions Inc.) "
                "and cannot be transferred.",
            ],
            "Maple Circuit Solutions Inc.",
            "named",
        ),
        (
            [
                "Line 5 is covered by Microsoft partner funding of EUR 9,500 for Intune device "
                "enrolment. The funded work will be carried out exclusively by Quayside Digital's "
                "Modern Workplace practice.",
                "Title: Account Manager, Quayside Digital Solutions Limited",
            ],
            "Quayside Digital Solutions Limited",
            "named",
        ),
        (
            [
                "Microsoft will provide AUD 95,000 of partner funding towards moving mailboxes "
                "into Exchange Online. Kestrel may engage any Microsoft Solutions Partner it "
                "selects for this work."
            ],
            None,
            "any",
        ),
    ],
    ids=["restricted-to", "unit-with-legal-name", "short-name-to-legal-name", "any-it-selects"],
)
def test_who_delivers_funded_work(
    paragraphs: list[str], name: str | None, requirement: str
) -> None:
    (credit,) = _credits([{"paragraph": p} for p in paragraphs])
    assert credit.partner is not None
    assert (credit.partner.name, credit.partner.requirement) == (name, requirement)


def test_a_practice_of_a_named_company_is_that_company() -> None:
    (credit,) = _credits(
        [
            {
                "paragraph": "The deployment voucher of CAD 20,000 is redeemed by the Cloud "
                "Services practice of Maplegate Technology Solutions Inc. for Intune enrolment."
            }
        ]
    )
    assert credit.partner is not None
    assert credit.partner.name == "Maplegate Technology Solutions Inc."


def test_a_paragraph_labelled_with_a_program_is_that_program() -> None:
    """ "partner services" in the second sentence is the ECIF the paragraph is labelled with."""
    (credit,) = _credits(
        [
            {
                "paragraph": "End Customer Investment Funds (ECIF). Microsoft will fund up to USD "
                "275,000 of partner services to deploy Microsoft Purview across the E5 estate. "
                "All ECIF-funded work must be completed and claimed by 29 October 2027."
            }
        ]
    )
    assert credit.program == "ECIF"
    assert credit.amount is not None and credit.amount.amount == 275000
    assert credit.expires is not None and str(credit.expires.date) == "2027-10-29"


def test_seats_named_beside_a_credit_are_not_its_scope() -> None:
    credits = _credits(
        [
            {
                "paragraph": "Everything else stands - the 600 Copilot seats and the ECIF for the "
                "device-management work."
            },
            {
                "paragraph": "ECIF: End Customer Investment Funds of USD 30,000 for Intune device "
                "management and Entra ID conditional access."
            },
        ]
    )
    (ecif,) = credits
    assert set(ecif.scope) == {"Intune", "Entra ID"}


def test_funding_rather_than_a_further_percent_replaces_the_discount() -> None:
    report = analyzer.analyze(
        [
            (
                "offer.pdf",
                _pdf(
                    [
                        {
                            "table": {
                                "header": ["Product", "Qty", "Discount"],
                                "rows": [["Microsoft 365 A3", "2,750", "6% for all 36 months"]],
                            }
                        },
                        {
                            "paragraph": "We aren't able to move the price again, but rather than "
                            "the additional 4% reduction we can offer a Copilot Deployment Offer "
                            "voucher of $45,000 for Copilot adoption."
                        },
                    ]
                ),
            )
        ]
    )
    assert "FUNDING_REPLACES_DISCOUNT" in {f.code for f in report.findings}


BASE = [
    {"heading": "2. Licences"},
    {
        "table": {
            "header": ["Licence", "Quantity", "Unit price (GBP)"],
            "rows": [
                ["Microsoft 365 E3", "6,200", "30.10"],
                ["Microsoft 365 F3", "1,800", "6.90"],
            ],
        }
    },
    {"heading": "3. Commercial terms"},
    {
        "paragraph": "Microsoft will apply a discount of nine per cent (9%) off list to Microsoft "
        "365 E3 and Microsoft 365 F3. The discounted prices are held for the full term."
    },
    {
        "paragraph": "Microsoft will make End Customer Investment Funds (ECIF) of £180,000 "
        "available for Copilot adoption, delivered by Contoso Digital Services Limited and "
        "claimed by 28 November 2027."
    },
    {
        "paragraph": "Microsoft's aggregate liability in connection with ECIF-funded services is "
        "limited to £500,000."
    },
]


def _changes(amendment: list[dict[str, Any]]) -> set[tuple[str, str, object, object]]:
    comparison = analyzer.compare(
        [("proposal.pdf", _pdf(BASE))], [("amendment.docx", _docx(amendment))]
    )
    return {
        (c.kind, c.field, _plain(c.before), _plain(c.after))
        for c in comparison.changes  # a change's values as plain numbers for comparison
    }


def _plain(value: object) -> object:
    return getattr(value, "amount", value)


def test_a_short_amendment_that_varies_the_proposal_is_applied_to_it() -> None:
    changes = _changes(
        [
            {
                "paragraph": 'This First Amendment varies the renewal proposal (the "Proposal"). '
                "Save as expressly varied below, the Proposal continues in full force and effect."
            },
            {"paragraph": "The licence table in section 2 of the Proposal is varied as follows:"},
            {
                "table": {
                    "header": ["Licence", "Quantity in Proposal", "Amended quantity"],
                    "rows": [
                        ["Microsoft 365 F3", "1,800", "2,100"],
                        ["Microsoft 365 E3", "6,200", "6,200 (no change)"],
                    ],
                }
            },
            {
                "paragraph": "The first sentence of section 3 of the Proposal is deleted and "
                'replaced with: "Microsoft will apply a discount of seven per cent (7%) off list '
                'to Microsoft 365 E3 and Microsoft 365 F3."'
            },
            {
                "paragraph": "The ECIF amount made available under section 3 of the Proposal is "
                "reduced to one hundred and twenty thousand pounds sterling (£120,000). The "
                "delivery partner and the claim deadline are not affected."
            },
        ]
    )
    assert changes == {
        ("seats", "quantity", 1800, 2100),
        ("discount", "percent", 9.0, 7.0),
        ("funded_credit", "amount", 180000.0, 120000.0),
    }


def test_a_value_changed_beside_a_replaced_sentence_and_an_inserted_section() -> None:
    changes = _changes(
        [
            {"paragraph": "This Amendment amends the Proposal. The parties agree as follows."},
            {
                "paragraph": "The ECIF paragraph in section 3 is amended so that Microsoft will "
                "fund up to GBP 150,000 (previously GBP 180,000) of partner services. The sentence "
                '"Microsoft will apply a discount of nine per cent (9%) off list to Microsoft 365 '
                'E3 and Microsoft 365 F3." is replaced by "Microsoft will apply a discount of '
                'eight per cent (8%) off list to Microsoft 365 E3 and Microsoft 365 F3."'
            },
            {
                "paragraph": 'The following new section is inserted after section 3: "3.4 '
                "Copilot expansion. The Customer expects to purchase an additional two hundred "
                'and fifty (250) Microsoft 365 Copilot licences by the first anniversary."'
            },
        ]
    )
    assert ("funded_credit", "amount", 180000.0, 150000.0) in changes
    assert ("discount", "percent", 9.0, 8.0) in changes
    assert any(kind == "commitment" and field == "added" for kind, field, _, _ in changes)


def test_an_e_mail_subject_that_names_a_program_is_no_credit() -> None:
    text = (
        "From: Dana Reyes <dana@microsoft.example>\n"
        "Subject: RE: A3 renewal - updated offer (Copilot voucher)\n\n"
        "The College licenses 2,750 Microsoft 365 A3 seats.\n\n"
        "Copilot Deployment Offer: a voucher of USD 45,000 for Copilot adoption, to be redeemed "
        "within 180 days of the Effective Date.\n"
    )
    report = analyzer.analyze([("offer.txt", text.encode())])
    credits = [i for i in report.items if i.category == "funded_credit"]
    assert [c.program for c in credits] == ["Copilot Deployment Offer"]


def test_a_rate_taken_back_in_a_later_message_is_no_discount() -> None:
    text = (
        "From: Sam Okafor (Microsoft)\nSent: 12 April 2027\nSubject: RE: renewal\n\n"
        "I am afraid I cannot offer the 6% on Teams Premium after all; Teams Premium will be "
        "billed at list. The E5 price stays at 10% below list for all three years.\n\n"
        "-----Original Message-----\n"
        "From: Sam Okafor (Microsoft)\nSent: 6 April 2027\nSubject: renewal\n\n"
        "Microsoft 365 E5: 1,250 users at 10% below list for all three years.\n"
        "Teams Premium: 200 users at 6% below list.\n"
    )
    report = analyzer.analyze([("thread.txt", text.encode())])
    assert [i.percent for i in report.items if i.category == "discount"] == [10.0]


def test_fasttrack_given_for_signing_by_a_date_is_traded_and_does_not_expire() -> None:
    report = analyzer.analyze(
        [
            (
                "schedule.pdf",
                _pdf(
                    [
                        {"paragraph": "Office 365 E3: 1,150 licences for 36 months."},
                        {
                            "paragraph": "In consideration of the Customer executing this "
                            "Schedule on or before 30/06/2027, Microsoft will provide FastTrack "
                            "onboarding for the Office 365 E3 licences."
                        },
                    ]
                ),
            )
        ]
    )
    (entitlement,) = [i for i in report.items if i.category == "entitlement"]
    assert entitlement.expires is None
    assert "ENTITLEMENT_TRADED" in {f.code for f in report.findings}


def test_a_split_numeric_date_in_ocr_text_is_joined() -> None:
    from analyzer.ingest.ocr import fix_ocr_text

    assert fix_ocr_text("valid until 31/1 2/2027.") == "valid until 31/12/2027."
    assert fix_ocr_text("lines 3/4 5/6") == "lines 3/4 5/6"


def test_a_deadline_counted_from_the_start_column_of_a_quote_and_a_service_line() -> None:
    (credit,) = _credits(
        [
            {
                "table": {
                    "header": ["Quote reference", "Quote date", "Subscription start"],
                    "rows": [["Q-27-0418", "8 February 2027", "1 March 2027"]],
                }
            },
            {
                "table": {
                    "header": ["Line", "Description", "Qty", "Net (EUR)"],
                    "rows": [
                        ["1", "Microsoft 365 Business Premium", "140", "19.80"],
                        ["5", "Intune and Defender configuration (Microsoft-funded)", "1", "0.00"],
                    ],
                }
            },
            {
                "paragraph": "Line 5 is covered by Microsoft partner funding of EUR 9,500. The "
                "work must be completed within 120 days of the subscription start date."
            },
        ]
    )
    assert credit.expires is not None and str(credit.expires.date) == "2027-06-29"
    report = analyzer.analyze(
        [
            (
                "quote.pdf",
                _pdf(
                    [
                        {
                            "table": {
                                "header": ["Description", "Qty"],
                                "rows": [
                                    ["Microsoft 365 Business Premium", "140"],
                                    ["Microsoft Intune onboarding and configuration", "1"],
                                ],
                            }
                        }
                    ]
                ),
            )
        ]
    )
    assert {(s.product, s.quantity) for s in report.seats} == {
        ("Microsoft 365 Business Premium", 140)
    }

"""Hand-built Reports for report and compare tests: every field the exports show is set."""

from __future__ import annotations

import datetime as dt

from analyzer.records import (
    DocumentSummary,
    Evidence,
    Expiry,
    Finding,
    Item,
    Ledgers,
    Money,
    Partner,
    Report,
    Revision,
    Seat,
)


def ev(text: str, page: int | None = 2, document: str = "proposal.pdf") -> Evidence:
    return Evidence(document=document, page=page, text=text, block=3)


def in_lieu_report() -> Report:
    """Funding offered instead of a discount, with a credit that has no scope."""
    ecif_text = "In lieu of a price concession, Microsoft will provide ECIF of USD 250,000."
    return Report(
        documents=(
            DocumentSummary(
                name="proposal.pdf",
                sha256="ab" * 32,
                format="pdf",
                pages=3,
                ocr=False,
                warnings=("page 3: table had ragged rows",),
            ),
        ),
        seats=(
            Seat(
                product="Microsoft 365 E5",
                quantity=4000,
                evidence=(ev("Microsoft 365 E5 | 4,000 | USD 57.00"),),
                fasttrack_eligible=True,
                unit_price=Money(57.0, "USD"),
                term_months=36,
            ),
        ),
        items=(
            Item(
                id="item-1",
                category="funded_credit",
                program="ECIF",
                summary="ECIF of USD 250,000 in lieu of a discount",
                evidence=(ev(ecif_text),),
                confidence=0.91,
                amount=Money(250000.0, "USD"),
                expires=Expiry(dt.date(2027, 6, 30), "must be claimed by 30 June 2027"),
                partner=Partner("Acme Cloud Advisors <Ltd>", "named"),
                flags=("in_lieu_of_discount",),
            ),
        ),
        findings=(
            Finding(
                code="FUNDING_REPLACES_DISCOUNT",
                severity="high",
                title="Funding offered instead of a discount",
                detail="USD 250,000 of one-time ECIF replaces a recurring discount.",
                ask="Please keep the ECIF and restore a recurring discount on Microsoft 365 E5.",
                item_ids=("item-1",),
                evidence=(ev(ecif_text),),
            ),
            Finding(
                code="CREDIT_NO_SCOPE",
                severity="medium",
                title="Credit with no scope",
                detail="The ECIF names no workloads | services <script>alert(1)</script>.",
                ask="Please name the workloads the ECIF may be spent on.",
                item_ids=("item-1",),
                evidence=(ev(ecif_text),),
            ),
        ),
        ledgers=Ledgers(
            entitlement={
                "programs": [],
                "eligible_seats": 4000,
                "threshold": 150,
                "qualifies": True,
                "engaged": False,
                "item_ids": [],
            },
            funded_credit={
                "currency": "USD",
                "face_value": 250000.0,
                "at_risk": 250000.0,
                "at_risk_reasons": ["no scope"],
                "item_ids": ["item-1"],
            },
            discount={
                "currency": "USD",
                "percent": None,
                "recurring_value": None,
                "substitution": {
                    "one_time_offset": 250000.0,
                    "recurring_concession_given_up": 82080.0,
                    "currency": "USD",
                    "explanation": "per point",
                },
                "brand_new_key": "shown as is",
            },
        ),
        missing=("a recurring discount", "a FastTrack engagement plan"),
        verdict="The proposal trades a recurring discount for one-time funding.",
    )


def discount_report() -> Report:
    """A plain discount deal on the web with no findings, in a DOCX with a tracked change."""
    return Report(
        documents=(
            DocumentSummary(
                name="renewal.docx",
                sha256="cd" * 32,
                format="docx",
                pages=0,
                ocr=False,
                revisions=(Revision("insert", "12%", 4, "J. Smith", "2026-05-01T10:00:00Z"),),
            ),
        ),
        seats=(
            Seat(
                "Microsoft 365 E3",
                1200,
                (ev("Microsoft 365 E3: 1,200 users", None, "renewal.docx"),),
            ),
        ),
        items=(
            Item(
                id="item-1",
                category="discount",
                program=None,
                summary="12% off Microsoft 365 E3 for 36 months",
                evidence=(
                    ev(
                        "A discount of 12% applies to Microsoft 365 E3 for the full term.",
                        None,
                        "renewal.docx",
                    ),
                ),
                confidence=0.88,
                percent=12.0,
                products=("Microsoft 365 E3",),
                term_months=36,
            ),
        ),
        findings=(),
        ledgers=Ledgers(
            entitlement={
                "eligible_seats": 1200,
                "threshold": 150,
                "qualifies": True,
                "engaged": True,
            },
            funded_credit={},
            discount={
                "currency": "USD",
                "percent": 12.0,
                "recurring_value": 155520.0,
                "months_covered": 36,
                "term_months": 36,
                "item_ids": ["item-1"],
            },
        ),
        verdict="A full-term discount; nothing to push back on.",
    )

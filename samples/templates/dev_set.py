"""The development set: deals chosen per document, wording chosen by a seeded generator.

Each `_docNN` function fixes the facts that make the document interesting (its traps and
near misses) and lets the generator pick customer, wording, currency display and section
order. Labels (seats, items, findings, changes) are computed from the same Deal values by
`rules.py`, so the text and the labels cannot drift apart.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from templates.rules import (
    FASTTRACK_ELIGIBLE,
    Credit,
    Deal,
    Discount,
    Phase,
    add_months,
    derive_findings,
    eligible_seats,
)
from templates.wording import (
    CUSTOMER_PEOPLE,
    CUSTOMERS,
    FX,
    LIST_PRICE_USD,
    MS_PEOPLE,
    PARTNERS,
    PRODUCT_HEADERS,
    PROGRAM_TEXT,
    PUBLIC_BODIES,
    QTY_HEADERS,
    RESELLERS,
    WORKLOAD_TEXT,
    date_text,
    join_words,
    money,
    number_words,
    pick,
    quarter,
)

SEED = 20261002
Block = dict[str, Any]
D = dt.date


@dataclass
class Ctx:
    """Per-document choices: who, and how numbers and dates are written."""

    doc_id: str
    rng: random.Random
    customer: str
    seller: str
    money_style: str
    date_style: str
    partner: str
    taken: set[str] = field(default_factory=set)

    def m(self, value: float, currency: str, style: str | None = None) -> str:
        return money(value, currency, style or self.money_style)

    def d(self, day: dt.date, style: str | None = None) -> str:
        return date_text(day, style or self.date_style)

    def pick(self, options: list[str]) -> str:
        return pick(self.rng, options)


def _ctx(
    doc_id: str,
    *,
    public: bool = False,
    money_style: str | None = None,
    date_style: str | None = None,
    reseller: bool = False,
) -> Ctx:
    rng = random.Random(f"{SEED}-{doc_id}")
    customer = pick(rng, PUBLIC_BODIES if public else CUSTOMERS)
    seller = pick(rng, RESELLERS) if reseller else "Microsoft Corporation"
    return Ctx(
        doc_id=doc_id,
        rng=rng,
        customer=customer,
        seller=seller,
        money_style=money_style or pick(rng, ["symbol", "code", "symbol"]),
        date_style=date_style or pick(rng, ["us_long", "long", "us", "iso"]),
        partner=pick(rng, PARTNERS),
    )


# --------------------------------------------------------------------------- sentences


def unit_price(product: str, currency: str) -> float:
    return round(LIST_PRICE_USD[product] * FX[currency], 2)


def poss(name: str) -> str:
    """English possessive: "Tailspin Toys'" but "Northwind Traders'" and "Coho Winery's"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def years(months: int) -> str:
    return {12: "one-year", 24: "two-year", 36: "three-year", 60: "five-year"}.get(
        months, f"{months}-month"
    )


def workloads_text(ctx: Ctx, workloads: list[str]) -> str:
    return join_words([ctx.pick(WORKLOAD_TEXT[w]) for w in workloads])


def discount_sentence(ctx: Ctx, deal: Deal) -> str:
    disc = deal.discount
    assert disc is not None
    products = join_words(disc.products)
    p = f"{disc.percent:g}%"
    if disc.months >= deal.term_months:
        return ctx.pick(
            [
                f"Microsoft is pleased to offer a {p} discount off list price on {products} for "
                "the "
                f"full {deal.term_months}-month term.",
                f"Pricing for {products} reflects a {p} reduction from the estimated retail price, "
                f"held for every year of the {years(deal.term_months)} Enrollment.",
                f"A discount of {p} applies to {products} throughout the initial term; unit prices "
                f"are fixed for the duration of the Enrollment.",
            ]
        )
    if disc.months == 12:
        return ctx.pick(
            [
                f"A {p} discount applies to {products} in Year 1 only; Years 2 and 3 are invoiced "
                f"at the then-current list price.",
                f"Introductory pricing: {p} off {products} for the first 12 months of the "
                f"subscription term, after which standard pricing applies.",
                f"{products} carries a first-year promotional discount of {p}.",
            ]
        )
    return ctx.pick(
        [
            f"Year 1 and Year 2 pricing for {products} includes a {p} discount; Year 3 returns to "
            f"list price.",
            f"{products} is discounted by {p} for the first {disc.months} months, ramping back to "
            f"list for the remainder of the term.",
        ]
    )


def no_discount_sentence(ctx: Ctx) -> str:
    return ctx.pick(
        [
            "Unit prices are the customer's current price level for this renewal.",
            "Pricing shown is standard Enterprise Agreement pricing for the renewal term.",
            "The prices below are list prices for the customer's agreement level.",
        ]
    )


def credit_sentence(ctx: Ctx, deal: Deal, credit: Credit) -> str:
    program = ctx.pick(PROGRAM_TEXT[credit.program])
    amount = ctx.m(credit.amount, credit.currency) if credit.amount else None
    if credit.in_lieu:
        lead = ctx.pick(
            [
                f"In lieu of a price concession, Microsoft will provide {program}"
                + (f" of {amount}" if amount else ""),
                "Rather than reducing the unit price, Microsoft proposes to invest "
                + (f"{amount} in {program}" if amount else program),
                f"Instead of a discount, {ctx.customer} will receive {program}"
                + (f" worth {amount}" if amount else ""),
            ]
        )
    else:
        lead = ctx.pick(
            [
                f"Microsoft will provide {program}" + (f" of {amount}" if amount else ""),
                f"{ctx.customer} will receive {program}"
                + (f" in the amount of {amount}" if amount else ""),
                "In addition, Microsoft commits "
                + (f"{amount} of {program}" if amount else program),
            ]
        )
    parts = [lead]
    if credit.scope:
        parts.append(
            ctx.pick(
                [
                    f"to be used for {workloads_text(ctx, credit.scope)}",
                    f"scoped to {workloads_text(ctx, credit.scope)}",
                    f"covering {workloads_text(ctx, credit.scope)}",
                ]
            )
        )
    if credit.partner is not None:
        name, requirement = credit.partner
        if requirement == "named":
            parts.append(
                ctx.pick([f"delivered by {name}", f"to be delivered exclusively by {name}"])
            )
        elif requirement == "approved":
            parts.append(
                ctx.pick(
                    [
                        "delivered by a Microsoft-approved partner",
                        "through an ECIF-approved partner",
                    ]
                )
            )
        else:
            parts.append("through any partner of the customer's choosing")
    sentence = ", ".join(parts) + "."
    if credit.expires is not None:
        relative = (credit.expires - deal.start).days
        if relative in (90, 180):
            sentence += f" The funds must be used within {relative} days of the Effective Date."
        else:
            sentence += " " + ctx.pick(
                [
                    f"Funds must be claimed by {ctx.d(credit.expires)}.",
                    f"The funding expires on {ctx.d(credit.expires)}.",
                    f"This investment is valid until {ctx.d(credit.expires)}.",
                    f"Delivery must be completed no later than {ctx.d(credit.expires)}.",
                ]
            )
    return sentence


def fasttrack_sentence(ctx: Ctx, deal: Deal) -> str | None:
    eligible = [p for p, _, _ in deal.seats if p in FASTTRACK_ELIGIBLE]
    products = join_words(eligible[:2])
    if deal.fasttrack == "engaged":
        return ctx.pick(
            [
                f"Microsoft will engage FastTrack for Microsoft 365 to support onboarding of "
                f"{products}; the request will be raised within 30 days of signature.",
                f"{poss(ctx.customer)} IT team will request FastTrack assistance for {products} "
                "in the "
                f"first month of the term.",
            ]
        )
    if deal.fasttrack == "named":
        return ctx.pick(
            [
                f"FastTrack onboarding for {products} is included with the licences at no "
                f"additional cost.",
                f"With more than 150 eligible licences, {ctx.customer} is entitled to the "
                "FastTrack "
                f"benefit for {products}.",
            ]
        )
    if deal.fasttrack == "traded":
        return ctx.pick(
            [
                f"In recognition of the {years(deal.term_months)} commitment, Microsoft will "
                f"include FastTrack onboarding as part of this offer.",
                f"As a concession for signing by {ctx.d(add_months(deal.signature, 1))}, we will "
                f"add FastTrack deployment assistance to the agreement.",
            ]
        )
    return None


def commitment_sentence(ctx: Ctx, deal: Deal) -> str:
    assert deal.commitment is not None
    product, qty = deal.commitment
    when = quarter(add_months(deal.start, 18))
    if not deal.credits:
        return ctx.pick(
            [
                f"This offer is subject to {ctx.customer} adding {qty:,} {product} licences by "
                f"{when}.",
                f"{ctx.customer} intends to extend {product} to a further {qty:,} users by {when}.",
            ]
        )
    return ctx.pick(
        [
            f"This funding is subject to {ctx.customer} adding {qty:,} {product} licences by "
            f"{when}.",
            f"{ctx.customer} intends to extend {product} to a further {qty:,} users by {when}.",
            f"Microsoft expects the customer to purchase {product} for at least {qty:,} users "
            f"before the first anniversary.",
        ]
    )


def adoption_sentence(ctx: Ctx) -> str:
    return ctx.pick(
        [
            "Microsoft will provide monthly usage reports from the Microsoft 365 admin center and "
            "an adoption dashboard reviewed each quarter.",
            "Adoption will be measured through Adoption Score and usage reports shared with the "
            "customer every quarter.",
            "The partner will deliver adoption reporting (active users per workload) at each "
            "milestone.",
        ]
    )


def filler_success(ctx: Ctx) -> str:
    return ctx.pick(
        [
            "Quarterly business reviews will cover service health and the product roadmap.",
            "The account team will meet the customer's IT leadership twice a year.",
            "Support is provided under the customer's existing Unified Support agreement.",
        ]
    )


def seat_table(ctx: Ctx, deal: Deal, *, discounted: bool = True) -> Block:
    qty_header = ctx.pick(QTY_HEADERS)
    header = [
        ctx.pick(PRODUCT_HEADERS),
        qty_header,
        f"Unit price ({deal.currency}/user/month)",
        "Term",
        "Annual total",
    ]
    rows = []
    for product, qty, price in deal.seats:
        if discounted and deal.discount and product in deal.discount.products:
            price = round(price * (1 - deal.discount.percent / 100), 2)
        rows.append(
            [
                product,
                f"{qty:,}",
                f"{price:,.2f}",
                f"{deal.term_months} months",
                ctx.m(round(price * qty * 12), deal.currency, "code"),
            ]
        )
    note = ctx.pick(
        [
            "Prices exclude applicable taxes.",
            "Prices are per user per month, billed annually in advance.",
            "Quantities are subject to the annual true-up.",
        ]
    )
    return {"table": {"header": header, "rows": rows, "note": note}}


def rollout_table(ctx: Ctx, deal: Deal) -> Block:
    rows = [[p.name, ", ".join(p.workloads), ctx.d(p.start), ctx.d(p.end)] for p in deal.rollout]
    return {"table": {"header": ["Phase", "Workloads", "Start", "End"], "rows": rows}}


def liability_cap(ctx: Ctx, currency: str) -> str:
    return (
        f"Each party's aggregate liability under this agreement is capped at "
        f"{ctx.m(500000, currency)}."
    )


def late_interest(ctx: Ctx) -> str:
    return ctx.pick(
        [
            "Late payments accrue interest at 1.5% per month.",
            "Invoices unpaid after 30 days bear interest at 8% per annum.",
        ]
    )


# --------------------------------------------------------------------------- labels


def seat_labels(deal: Deal) -> list[dict[str, Any]]:
    return [{"product": p, "quantity": q} for p, q, _ in deal.seats]


def item_labels(deal: Deal) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    if deal.discount:
        items.append(
            _item(
                "discount",
                percent=deal.discount.percent,
                term_months=deal.discount.months,
                products=deal.discount.products,
            )
        )
    for c in deal.credits:
        partner = None
        if c.partner is not None:
            partner = {
                "name": c.partner[0] if c.partner[1] == "named" else None,
                "requirement": c.partner[1],
            }
        items.append(
            _item(
                "funded_credit",
                program=c.program,
                amount={"value": c.amount, "currency": c.currency} if c.amount else None,
                expires=c.expires.isoformat() if c.expires else None,
                scope=list(c.scope),
                partner=partner,
            )
        )
    if deal.fasttrack is not None:
        eligible = [p for p, _, _ in deal.seats if p in FASTTRACK_ELIGIBLE]
        items.append(
            _item(
                "entitlement", program="FastTrack", quantity=eligible_seats(deal), products=eligible
            )
        )
    if deal.commitment is not None:
        items.append(
            _item("commitment", quantity=deal.commitment[1], products=[deal.commitment[0]])
        )
    return items


def _item(category: str, **values: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "category": category,
        "program": None,
        "amount": None,
        "percent": None,
        "quantity": None,
        "expires": None,
        "term_months": None,
        "scope": [],
        "products": [],
        "partner": None,
    }
    item.update(values)
    return item


def labels_for(deal: Deal) -> dict[str, Any]:
    if not deal.microsoft:
        return {"seats": [], "items": [], "findings": []}
    return {
        "seats": seat_labels(deal),
        "items": item_labels(deal),
        "findings": derive_findings(deal),
    }


def diff_deals(base: Deal, after: Deal) -> tuple[list[dict[str, Any]], list[str]]:
    """Changes between two deals and the amendment codes they trigger (FINDINGS.md)."""
    changes: list[dict[str, Any]] = []
    codes: list[str] = []
    before_seats = {p: q for p, q, _ in base.seats}
    for product, qty, _ in after.seats:
        if product in before_seats and before_seats[product] != qty:
            changes.append(_change("seats", product, "quantity", before_seats[product], qty))
            codes.append("AMENDMENT_SEATS_CHANGED")
    if base.discount and not after.discount:
        changes.append(_change("discount", "discount", "removed", base.discount.percent, None))
        codes.append("AMENDMENT_DISCOUNT_REMOVED")
    elif base.discount and after.discount:
        if after.discount.percent != base.discount.percent:
            changes.append(
                _change(
                    "discount", "discount", "percent", base.discount.percent, after.discount.percent
                )
            )
        if after.discount.months != base.discount.months:
            changes.append(
                _change(
                    "discount",
                    "discount",
                    "term_months",
                    base.discount.months,
                    after.discount.months,
                )
            )
        if (
            after.discount.percent < base.discount.percent
            or after.discount.months < base.discount.months
        ):
            codes.append("AMENDMENT_DISCOUNT_REDUCED")
    base_credits = {c.program: c for c in base.credits}
    after_credits = {c.program: c for c in after.credits}
    for program, old in base_credits.items():
        new = after_credits.get(program)
        if new is None:
            changes.append(_change("funded_credit", program, "removed", old.amount, None))
            codes.append("AMENDMENT_CREDIT_REMOVED")
            continue
        if new.amount != old.amount:
            changes.append(_change("funded_credit", program, "amount", old.amount, new.amount))
            if (new.amount or 0) < (old.amount or 0):
                codes.append("AMENDMENT_CREDIT_REDUCED")
        if new.expires != old.expires:
            changes.append(
                _change(
                    "funded_credit",
                    program,
                    "expires",
                    old.expires.isoformat() if old.expires else None,
                    new.expires.isoformat() if new.expires else None,
                )
            )
            if old.expires and new.expires and new.expires < old.expires:
                codes.append("AMENDMENT_CREDIT_EXPIRY_EARLIER")
    for program, new in after_credits.items():
        if program not in base_credits:
            changes.append(_change("funded_credit", program, "added", None, new.amount))
    if after.commitment and after.commitment != base.commitment:
        changes.append(
            _change("commitment", after.commitment[0], "added", None, after.commitment[1])
        )
        codes.append("AMENDMENT_NEW_COMMITMENT")
    newly = [c for c in derive_findings(after) if c not in derive_findings(base)]
    return changes, list(dict.fromkeys(codes + newly))


def _change(kind: str, key: str, field_name: str, before: Any, after: Any) -> dict[str, Any]:
    return {"kind": kind, "key": key, "field": field_name, "before": before, "after": after}


# --------------------------------------------------------------------------- document bodies


def proposal_blocks(
    ctx: Ctx, deal: Deal, *, extras: list[str] | None = None, breaks: bool = True
) -> list[Block]:
    """A multi-section proposal; middle sections are shuffled per document."""
    extras = extras or []
    term = f"{deal.term_months} months"
    intro = ctx.pick(
        [
            f"This proposal sets out the commercial terms for {poss(ctx.customer)} renewal of its "
            f"Microsoft cloud subscriptions for a term of {term} starting {ctx.d(deal.start)}.",
            f"Thank you for the opportunity to present this offer. The renewal term is {term} "
            f"with an Effective Date of {ctx.d(deal.start)}.",
            f"Microsoft is pleased to submit this renewal proposal to {ctx.customer}. The "
            f"Enrollment term will be {term}, beginning on {ctx.d(deal.start)}.",
        ]
    )
    about = ctx.pick(
        [
            f"{ctx.customer} has been a Microsoft cloud customer since 2019. This renewal "
            f"consolidates its subscriptions on a single agreement and aligns the licence mix with "
            f"the organisation's modern work and security priorities.",
            f"The account team has worked with {poss(ctx.customer)} IT and procurement leads over "
            f"the past quarter to understand the licensing requirements described below.",
            f"This document summarises the outcome of the renewal discussions held with "
            f"{ctx.customer} and is intended to support the internal approval process.",
        ]
    )
    blocks: list[Block] = [
        {"heading": "1. Introduction"},
        {"paragraph": intro},
        {"paragraph": about},
    ]
    summary = [f"{q:,} {p}" for p, q, _ in deal.seats]
    summary.append(f"Term: {term} from {ctx.d(deal.start)}")
    blocks.append({"bullets": summary})
    sections: list[list[Block]] = []

    pricing: list[Block] = [{"heading": "Licensing and pricing"}]
    pricing.append(seat_table(ctx, deal))
    if deal.discount:
        pricing.append({"paragraph": discount_sentence(ctx, deal)})
    elif not any(c.in_lieu for c in deal.credits) and not deal.in_lieu_fasttrack:
        pricing.append({"paragraph": no_discount_sentence(ctx)})
    sections.append(pricing)

    if deal.credits:
        funding: list[Block] = [
            {"heading": ctx.pick(["Investments", "Microsoft funding", "Deployment investments"])}
        ]
        for credit in deal.credits:
            funding.append({"paragraph": credit_sentence(ctx, deal, credit)})
        if deal.commitment:
            funding.append({"paragraph": commitment_sentence(ctx, deal)})
        if "liability_cap" in extras:
            funding.append({"paragraph": liability_cap(ctx, deal.currency)})
        sections.append(funding)

    onboarding: list[Block] = [
        {"heading": ctx.pick(["Onboarding and deployment", "Deployment approach"])}
    ]
    ft = fasttrack_sentence(ctx, deal)
    onboarding.append(
        {
            "paragraph": ft
            or ctx.pick(
                [
                    "Deployment will be planned jointly with the customer's IT team.",
                    "The customer will manage deployment with its existing service provider.",
                ]
            )
        }
    )
    if deal.rollout:
        onboarding.append({"paragraph": "The planned rollout is as follows:"})
        onboarding.append(rollout_table(ctx, deal))
    if deal.commitment and not deal.credits:
        onboarding.append({"paragraph": commitment_sentence(ctx, deal)})
    sections.append(onboarding)

    success: list[Block] = [{"heading": ctx.pick(["Customer success", "Adoption and value"])}]
    success.append(
        {"paragraph": adoption_sentence(ctx) if deal.adoption_data else filler_success(ctx)}
    )
    sections.append(success)
    ctx.rng.shuffle(sections)

    for number, section in enumerate(sections, start=2):
        heading = section[0]["heading"]
        blocks.append({"heading": f"{number}. {heading}"})
        blocks.extend(section[1:])
        if breaks and number == 3:
            blocks.append({"page_break": True})
    blocks.append({"heading": f"{len(sections) + 2}. Assumptions"})
    blocks.append(
        {
            "paragraph": ctx.pick(
                [
                    "This proposal is based on the following assumptions. Any change to them may "
                    "change "
                    "the pricing and terms offered.",
                    "The commercial terms above rely on the assumptions listed below.",
                ]
            )
        }
    )
    assumptions = [
        "Licences are purchased under a new Enrollment co-terminous with the existing agreement.",
        "Quantities may be increased at any time through the true-up process; reductions are "
        "possible only at the anniversary.",
        "Payment is annual in advance; invoices are issued by the customer's reseller.",
        "The customer's tenant is in good standing and no audit is pending.",
        "Prices exclude VAT, sales tax and any reseller services.",
    ]
    ctx.rng.shuffle(assumptions)
    blocks.append({"bullets": assumptions[:4]})
    general: list[str] = [
        ctx.pick(
            [
                "This proposal is valid until " + ctx.d(add_months(deal.signature, 1)) + ".",
                "Prices are valid for orders placed before "
                + ctx.d(add_months(deal.signature, 1))
                + ".",
            ]
        )
    ]
    if "interest" in extras:
        general.append(late_interest(ctx))
    if "liability_cap" in extras and not deal.credits:
        general.append(liability_cap(ctx, deal.currency))
    general.append(
        "All other terms are governed by the customer's Microsoft Business "
        "Agreement and the Product Terms."
    )
    blocks.append({"heading": f"{len(sections) + 3}. General terms"})
    blocks.extend({"paragraph": text} for text in general)
    return blocks


def spec(
    doc_id: str,
    style: str,
    fmt: str,
    ctx: Ctx,
    deal: Deal,
    title: str,
    blocks: list[Block],
    **extra: Any,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": doc_id,
        "set": "dev",
        "style": style,
        "format": fmt,
        "title": title,
        "header": f"{ctx.customer} | Confidential",
        "footer": f"Prepared by {ctx.seller}",
        "meta": {"author": pick(ctx.rng, MS_PEOPLE), "date": deal.signature.isoformat()},
        "blocks": blocks,
    }
    result.update(extra)
    result["labels"] = extra.pop("labels", None) or labels_for(deal)
    result.pop("deal", None)
    return result


def seats(*pairs: tuple[str, int], currency: str = "USD") -> list[tuple[str, int, float]]:
    return [(p, q, unit_price(p, currency)) for p, q in pairs]


# --------------------------------------------------------------------------- deals

DEALS: dict[str, Deal] = {}


def renewal(
    doc_id: str,
    deal: Deal,
    extras: list[str] | None = None,
    fmt: str = "pdf",
    money_style: str | None = None,
    date_style: str | None = None,
) -> dict[str, Any]:
    ctx = _ctx(doc_id, money_style=money_style, date_style=date_style)
    DEALS[doc_id] = deal
    main = deal.seats[0][0]
    title = ctx.pick(
        [
            f"Renewal proposal: {main} for {ctx.customer}",
            f"{ctx.customer} - Microsoft Enterprise Agreement renewal offer",
            f"Microsoft 365 renewal proposal for {ctx.customer}",
        ]
    )
    blocks = proposal_blocks(ctx, deal, extras=extras)
    blocks += [{"page_break": True}, *appendix_blocks(ctx, deal)]
    return spec(doc_id, "renewal_proposal", fmt, ctx, deal, title, blocks)


PRODUCT_NOTES = {
    "Microsoft 365 E5": "Office apps, Exchange Online, Teams, Teams Phone, Defender and Purview",
    "Microsoft 365 E3": "Office apps, Exchange Online, SharePoint Online, Intune and Entra ID P1",
    "Microsoft 365 F3": "frontline web and mobile apps, Exchange Online kiosk mailbox, Intune",
    "Microsoft 365 Copilot": "Copilot in Word, Excel, PowerPoint, Outlook and Teams",
    "Teams Premium": "advanced meetings, webinars and intelligent recap",
    "Power BI Pro": "self-service analytics and report sharing",
    "Office 365 E3": "Office apps, Exchange Online, SharePoint Online and Teams",
}


def appendix_blocks(ctx: Ctx, deal: Deal) -> list[Block]:
    """What each product includes: product names without quantities, as real appendices do."""
    rows = [
        [product, PRODUCT_NOTES.get(product, "as described in the Product Terms")]
        for product, _, _ in deal.seats
    ]
    return [
        {"heading": "Appendix A - Product descriptions"},
        {
            "paragraph": ctx.pick(
                [
                    "The table below summarises the main capabilities of each licensed product. "
                    "The Product Terms prevail in case of conflict.",
                    "For information only: the capabilities included in each product.",
                ]
            )
        },
        {"table": {"header": ["Product", "Includes"], "rows": rows}},
        {"heading": "Appendix B - Glossary", "level": 2},
        {
            "bullets": [
                "Effective Date: the first day of the Enrollment term.",
                "True-up: the annual order for licences added during the year.",
                "Anniversary: each yearly anniversary of the Effective Date.",
            ]
        },
    ]


def doc01() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E5", 4000)),
        term_months=36,
        signature=D(2026, 10, 2),
        start=D(2026, 11, 1),
        currency="USD",
        credits=[
            Credit(
                "ECIF",
                250000,
                "USD",
                D(2027, 6, 30),
                ["Teams Phone"],
                (None, "approved"),
                in_lieu=True,
            )
        ],
        rollout=[
            Phase("Phase 1", ["Exchange Online", "Teams"], D(2027, 1, 15), D(2027, 5, 31)),
            Phase("Phase 2", ["Teams Phone"], D(2027, 9, 1), D(2027, 12, 15)),
        ],
    )
    return renewal("dev-001", deal)


def doc02() -> dict[str, Any]:
    ctx_partner = _ctx("dev-002").partner
    deal = Deal(
        seats=seats(("Microsoft 365 E3", 2500), currency="EUR"),
        term_months=36,
        signature=D(2026, 9, 14),
        start=D(2026, 10, 1),
        currency="EUR",
        discount=Discount(12, 12, ["Microsoft 365 E3"]),
        credits=[
            Credit(
                "Deployment funding",
                60000,
                "EUR",
                D(2027, 3, 31),
                ["Intune", "Defender"],
                (ctx_partner, "named"),
            )
        ],
        fasttrack="engaged",
        adoption_data=True,
    )
    return renewal("dev-002", deal, extras=["interest"], money_style="k", date_style="eu")


def doc03() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E5", 1200), ("Microsoft 365 Copilot", 300), currency="GBP"),
        term_months=36,
        signature=D(2026, 6, 18),
        start=D(2026, 7, 1),
        currency="GBP",
        discount=Discount(15, 36, ["Microsoft 365 E5"]),
        credits=[
            Credit(
                "Partner funding",
                40000,
                "GBP",
                None,
                ["Copilot", "Adoption and change management"],
                (None, "any"),
            )
        ],
        fasttrack="named",
        commitment=("Microsoft 365 Copilot", 300),
        adoption_data=True,
    )
    return renewal("dev-003", deal, extras=["liability_cap"])


def doc04() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Office 365 E3", 155)),
        term_months=36,
        signature=D(2026, 11, 20),
        start=D(2026, 12, 1),
        currency="USD",
        discount=Discount(8, 36, ["Office 365 E3"]),
    )
    return renewal("dev-004", deal)


def doc05() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E3", 3000)),
        term_months=36,
        signature=D(2026, 10, 20),
        start=D(2026, 11, 1),
        currency="USD",
        discount=Discount(10, 36, ["Microsoft 365 E3"]),
        credits=[
            Credit("Azure credits", 1200000, "USD", D(2028, 6, 30), ["Azure migration"], None)
        ],
        fasttrack="engaged",
        adoption_data=True,
        rollout=[
            Phase("Wave 1", ["Entra ID", "Intune"], D(2027, 9, 1), D(2027, 12, 31)),
            Phase("Wave 2", ["Azure migration"], D(2028, 1, 15), D(2028, 5, 31)),
        ],
    )
    return renewal("dev-005", deal, money_style="million")


# ----- reseller quotes: mostly tables


def reseller_quote(doc_id: str, deal: Deal, fmt: str = "pdf") -> dict[str, Any]:
    ctx = _ctx(doc_id, reseller=True, money_style="code")
    DEALS[doc_id] = deal
    quote_no = f"Q-{ctx.rng.randrange(10000, 99999)}"
    blocks: list[Block] = [
        {
            "table": {
                "header": ["Quote", "Customer", "Date", "Valid until"],
                "rows": [
                    [
                        quote_no,
                        ctx.customer,
                        ctx.d(deal.signature),
                        ctx.d(add_months(deal.signature, 1)),
                    ]
                ],
            }
        },
        {"heading": "Line items"},
        seat_table(ctx, deal),
    ]
    terms: list[list[str]] = [
        [
            "Agreement",
            ctx.pick(["Microsoft Customer Agreement (CSP)", "Enterprise Agreement (indirect)"]),
        ],
        ["Subscription term", f"{deal.term_months} months"],
        ["Start date", ctx.d(deal.start)],
    ]
    if deal.discount:
        d = deal.discount
        covered = (
            "full term"
            if d.months >= deal.term_months
            else ("Year 1 only" if d.months == 12 else f"first {d.months} months")
        )
        terms.append(["Discount", f"{d.percent:g}% on {', '.join(d.products)} ({covered})"])
    for c in deal.credits:
        value = ctx.m(c.amount, c.currency) if c.amount else "included"
        terms.append(
            [c.program if c.program != "Deployment voucher" else "Deployment voucher", value]
        )
    blocks += [
        {"heading": "Commercial terms"},
        {"table": {"header": ["Term", "Detail"], "rows": terms}},
    ]
    notes: list[str] = []
    if deal.discount and deal.discount.months < deal.term_months:
        notes.append(discount_sentence(ctx, deal))
    for c in deal.credits:
        notes.append(credit_sentence(ctx, deal, c))
    ft = fasttrack_sentence(ctx, deal)
    if ft:
        notes.append(ft)
    if deal.adoption_data:
        notes.append(adoption_sentence(ctx))
    notes.append(
        "Pricing is subject to Microsoft price list changes for quantities added "
        "after the start date."
    )
    blocks += [{"heading": "Notes"}, {"numbered": notes}]
    title = f"Quotation {quote_no}: Microsoft cloud subscriptions for {ctx.customer}"
    result = spec(doc_id, "reseller_quote", fmt, ctx, deal, title, blocks)
    result["footer"] = f"{ctx.seller} | Licensing Solution Partner"
    return result


def doc06() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 Business Premium", 140)),
        term_months=12,
        signature=D(2027, 2, 3),
        start=D(2027, 3, 1),
        currency="USD",
        discount=Discount(5, 12, ["Microsoft 365 Business Premium"]),
    )
    return reseller_quote("dev-006", deal)


def doc07() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E3", 600), ("Teams Phone", 600), currency="GBP"),
        term_months=36,
        signature=D(2026, 8, 27),
        start=D(2026, 9, 1),
        currency="GBP",
        discount=Discount(6, 36, ["Microsoft 365 E3", "Teams Phone"]),
        credits=[Credit("Deployment voucher", 15000, "GBP", None, [], None)],
    )
    return reseller_quote("dev-007", deal)


def doc08() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 F3", 5000), ("Microsoft Entra ID P1", 300)),
        term_months=36,
        signature=D(2026, 12, 10),
        start=D(2027, 1, 1),
        currency="USD",
        discount=Discount(10, 24, ["Microsoft 365 F3"]),
        fasttrack="engaged",
        adoption_data=True,
    )
    return reseller_quote("dev-008", deal)


def doc09() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E5", 900), ("Power BI Pro", 120), currency="EUR"),
        term_months=36,
        signature=D(2027, 4, 22),
        start=D(2027, 5, 1),
        currency="EUR",
        discount=Discount(18, 36, ["Microsoft 365 E5", "Power BI Pro"]),
        fasttrack="named",
        adoption_data=True,
    )
    return reseller_quote("dev-009", deal, fmt="md")


# ----- change-only amendments


def amendment(
    doc_id: str, base_id: str, after: Deal, statements: list[str], fmt: str = "pdf"
) -> dict[str, Any]:
    ctx = _ctx(base_id)  # same customer as the base document
    ctx.rng = random.Random(f"{SEED}-{doc_id}")
    base = DEALS[base_id]
    changes, amendment_codes = diff_deals(base, after)
    blocks: list[Block] = [
        {
            "paragraph": ctx.pick(
                [
                    f"This Amendment No. 1 modifies the proposal dated {ctx.d(base.signature)} "
                    "between "
                    f"{ctx.customer} and Microsoft Corporation. Except as set out below, all terms "
                    f"remain unchanged.",
                    f"The parties agree to amend the renewal offer of {ctx.d(base.signature)} as "
                    f"follows. All other provisions continue in full force and effect.",
                ]
            )
        },
        {"heading": "Changes"},
        {"numbered": statements},
        {
            "signature": [
                {
                    "name": pick(ctx.rng, CUSTOMER_PEOPLE),
                    "title": "Procurement Director",
                    "date": ctx.d(add_months(base.signature, 2)),
                },
                {
                    "name": pick(ctx.rng, MS_PEOPLE),
                    "title": "Account Executive, Microsoft",
                    "date": ctx.d(add_months(base.signature, 2)),
                },
            ]
        },
    ]
    labels = labels_for(after)
    labels.update(
        {"amendment_of": base_id, "changes": changes, "amendment_findings": amendment_codes}
    )
    title = f"Amendment No. 1 to the Microsoft renewal proposal for {ctx.customer}"
    return spec(doc_id, "change_amendment", fmt, ctx, after, title, blocks, labels=labels)


def doc10() -> dict[str, Any]:
    base = DEALS["dev-001"]
    after = copy.deepcopy(base)
    after.seats = seats(("Microsoft 365 E5", 3600))
    after.credits[0].expires = D(2027, 3, 31)
    return amendment(
        "dev-010",
        "dev-001",
        after,
        [
            "The quantity of Microsoft 365 E5 is revised from 4,000 to 3,600.",
            "The ECIF claim deadline is amended from June 30, 2027 to March 31, 2027.",
        ],
    )


def doc11() -> dict[str, Any]:
    base = DEALS["dev-003"]
    after = copy.deepcopy(base)
    after.discount = None
    after.credits[0].amount = 75000
    after.credits[0].in_lieu = True
    return amendment(
        "dev-011",
        "dev-003",
        after,
        [
            'Section 2 (Licensing and pricing) is deleted and replaced with: "Microsoft 365 E5 is '
            "priced at the customer's current price level. In lieu of the 15% discount previously "
            'offered, Microsoft will increase partner funding to £75,000."',
            "The partner funding amount is revised from £40,000 to £75,000.",
        ],
    )


def doc12() -> dict[str, Any]:
    base = DEALS["dev-005"]
    after = copy.deepcopy(base)
    assert after.discount is not None
    after.discount = replace(after.discount, percent=7)
    after.commitment = ("Microsoft 365 E3", 500)
    return amendment(
        "dev-012",
        "dev-005",
        after,
        [
            "The discount on Microsoft 365 E3 in the pricing section is reduced from 10% to 7% for "
            "the remainder of the term.",
            'The following is added as a new paragraph: "The Customer intends to extend '
            'Microsoft 365 E3 to 500 additional users by Q3 2028."',
        ],
        fmt="docx",
    )


# ----- redlined DOCX


def redline(
    doc_id: str,
    before_deal: Deal,
    deal: Deal,
    red_blocks: list[Block],
    extras: list[str] | None = None,
    date_style: str | None = None,
) -> dict[str, Any]:
    ctx = _ctx(doc_id, date_style=date_style)
    DEALS[doc_id] = deal
    blocks = proposal_blocks(ctx, deal, extras=extras, breaks=False)
    # The tracked changes go right after the introduction, as the reviewer's markup.
    insert_at = 4
    blocks[insert_at:insert_at] = [{"heading": "Negotiated changes", "level": 2}, *red_blocks]
    labels = labels_for(deal)
    labels["changes"], _ = diff_deals(before_deal, deal)
    title = f"Microsoft proposal for {ctx.customer} (redline)"
    return spec(doc_id, "redline_docx", "docx", ctx, deal, title, blocks, labels=labels)


def doc13() -> dict[str, Any]:
    final = Deal(
        seats=seats(("Microsoft 365 E3", 1800)),
        term_months=36,
        signature=D(2026, 11, 5),
        start=D(2026, 12, 1),
        currency="USD",
        discount=Discount(10, 36, ["Microsoft 365 E3"]),
        credits=[
            Credit(
                "ECIF",
                150000,
                "USD",
                D(2027, 12, 31),
                ["Exchange Online", "Teams"],
                (None, "approved"),
                in_lieu=True,
            )
        ],
        fasttrack="engaged",
    )
    before = copy.deepcopy(final)
    before.discount = Discount(15, 36, ["Microsoft 365 E3"])
    who = f"{pick(random.Random(13), MS_PEOPLE)} (Microsoft)"
    # The ECIF sentence in the body is the redline's result; the markup shows the swap.
    red = [
        {
            "redline": {
                "before": "The discount on Microsoft 365 E3 is ",
                "delete": "15%",
                "insert": "10%",
                "after": " off list price for the full 36-month term.",
                "author": who,
                "date": "2026-10-28T09:12:00Z",
            }
        },
        {
            "redline": {
                "before": "",
                "insert": "In lieu of the additional 5% price concession, "
                "Microsoft will provide ECIF of USD 150,000 for Exchange Online and Teams.",
                "after": "",
                "author": who,
                "date": "2026-10-28T09:14:00Z",
            }
        },
    ]
    return redline("dev-013", before, final, red)


def doc14() -> dict[str, Any]:
    final = Deal(
        seats=seats(("Office 365 E5", 2200)),
        term_months=36,
        signature=D(2027, 1, 12),
        start=D(2027, 2, 1),
        currency="USD",
        discount=Discount(9, 36, ["Office 365 E5"]),
        fasttrack="traded",
        commitment=("Microsoft 365 Copilot", 250),
        adoption_data=True,
    )
    before = copy.deepcopy(final)
    before.commitment = None
    who = f"{pick(random.Random(14), MS_PEOPLE)} (Microsoft)"
    red = [
        {
            "redline": {
                "before": "This offer is ",
                "delete": "not conditional on future purchases",
                "insert": "subject to the Customer adding 250 Microsoft 365 Copilot "
                "licences by Q3 2028",
                "after": ".",
                "author": who,
                "date": "2026-12-19T16:40:00Z",
            }
        },
    ]
    return redline("dev-014", before, final, red)


def doc15() -> dict[str, Any]:
    final = Deal(
        seats=seats(("Microsoft 365 E5", 2600), currency="EUR"),
        term_months=36,
        signature=D(2026, 12, 1),
        start=D(2027, 1, 1),
        currency="EUR",
        discount=Discount(11, 36, ["Microsoft 365 E5"]),
        credits=[
            Credit(
                "Deployment funding",
                90000,
                "EUR",
                D(2027, 6, 30),
                ["Defender", "Purview"],
                (_ctx("dev-015").partner, "named"),
            )
        ],
        fasttrack="named",
        adoption_data=True,
        rollout=[
            Phase("Phase 1", ["Exchange Online", "Teams"], D(2027, 1, 15), D(2027, 4, 30)),
            Phase("Phase 2", ["Defender", "Purview"], D(2027, 5, 1), D(2027, 9, 30)),
        ],
    )
    before = copy.deepcopy(final)
    before.credits[0].expires = D(2027, 12, 31)
    who = f"{pick(random.Random(15), MS_PEOPLE)} (Microsoft)"
    red = [
        {
            "redline": {
                "before": "The deployment funding must be claimed by ",
                "delete": "31 December 2027",
                "insert": "30 June 2027",
                "after": "; unclaimed funds lapse.",
                "author": who,
                "date": "2026-11-24T11:05:00Z",
            }
        },
    ]
    return redline("dev-015", before, final, red, date_style="eu")


# ----- scanned signed pages


def scanned(doc_id: str, deal: Deal, *, pages: int = 1) -> dict[str, Any]:
    ctx = _ctx(doc_id, date_style="long")
    DEALS[doc_id] = deal
    blocks: list[Block] = [
        {
            "paragraph": f'Order form between {ctx.customer} ("Customer") and Microsoft '
            f"Corporation. Effective Date: {ctx.d(deal.start)}."
        },
        {
            "paragraph": "The Customer orders "
            + join_words([f"{q:,} {p} licences" for p, q, _ in deal.seats])
            + f" for a term of {deal.term_months} months."
        },
        seat_table(ctx, deal),
    ]
    if deal.discount:
        blocks.append({"paragraph": discount_sentence(ctx, deal)})
    for c in deal.credits:
        blocks.append({"paragraph": credit_sentence(ctx, deal, c)})
    ft = fasttrack_sentence(ctx, deal)
    if ft:
        blocks.append({"paragraph": ft})
    if pages > 1:
        blocks += [
            {"page_break": True},
            {"heading": "Terms"},
            {
                "paragraph": "The Customer accepts the Product Terms and the Microsoft "
                "Customer Agreement."
            },
            {"paragraph": late_interest(ctx)},
        ]
    blocks.append(
        {
            "signature": [
                {
                    "name": pick(ctx.rng, CUSTOMER_PEOPLE),
                    "title": "Chief Information Officer",
                    "date": ctx.d(deal.signature),
                },
                {
                    "name": pick(ctx.rng, MS_PEOPLE),
                    "title": "Microsoft Corporation",
                    "date": ctx.d(deal.signature),
                },
            ]
        }
    )
    title = f"Signed order form - {ctx.customer}"
    return spec(doc_id, "scanned_signed_page", "scan", ctx, deal, title, blocks)


def doc16() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E3", 750)),
        term_months=36,
        signature=D(2026, 9, 30),
        start=D(2026, 10, 1),
        currency="USD",
        discount=Discount(9, 36, ["Microsoft 365 E3"]),
        fasttrack="named",
    )
    return scanned("dev-016", deal)


def doc17() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E5", 2000)),
        term_months=36,
        signature=D(2026, 12, 15),
        start=D(2027, 1, 1),
        currency="USD",
        credits=[
            Credit(
                "Deployment funding",
                120000,
                "USD",
                D(2027, 3, 31),
                ["Intune", "Defender"],
                (None, "any"),
            )
        ],
    )
    return scanned("dev-017", deal, pages=2)


def doc18() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 Business Premium", 120)),
        term_months=12,
        signature=D(2027, 3, 17),
        start=D(2027, 4, 1),
        currency="USD",
        discount=Discount(4, 12, ["Microsoft 365 Business Premium"]),
    )
    return scanned("dev-018", deal)


# ----- e-mail offers


def email_spec(
    doc_id: str, deal: Deal, fmt: str, paragraphs: list[str], attach: bool = False
) -> dict[str, Any]:
    ctx = _ctx(doc_id)
    DEALS[doc_id] = deal
    sender = pick(ctx.rng, MS_PEOPLE)
    recipient = pick(ctx.rng, CUSTOMER_PEOPLE)
    domain = ctx.customer.lower().replace("'", "").replace(" ", "")[:14]
    email = {
        "from": f"{sender} <{sender.split()[0].lower()}@microsoft.example>",
        "to": f"{recipient} <{recipient.split()[0].lower()}@{domain}.example>",
        "subject": f"Re: Microsoft renewal - revised offer for {ctx.customer}",
        "date": f"{deal.signature.isoformat()}T15:30:00+00:00",
    }
    if attach:
        email["attach"] = "pdf"
    blocks: list[Block] = [{"paragraph": f"Hi {recipient.split()[0]},"}]
    blocks += [{"paragraph": p} for p in paragraphs]
    blocks.append({"paragraph": f"Best regards,\n{sender}\nAccount Executive, Microsoft"})
    result = spec(doc_id, "email_offer", fmt, ctx, deal, email["subject"], blocks, email=email)
    if attach:
        attach_ctx = _ctx(doc_id)
        result["attachment"] = {
            "filename": "Renewal-offer.pdf",
            "title": f"Renewal offer for {ctx.customer}",
            "blocks": proposal_blocks(attach_ctx, deal, breaks=True),
        }
    return result


def doc19() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E5", 1500)),
        term_months=36,
        signature=D(2027, 5, 6),
        start=D(2027, 6, 1),
        currency="USD",
        fasttrack="traded",
        in_lieu_fasttrack=True,
    )
    ctx = _ctx("dev-019")
    return email_spec(
        "dev-019",
        deal,
        "txt",
        [
            "Thanks for the call yesterday. I went back to the business on the pricing for the "
            "1,500 Microsoft 365 E5 licences.",
            "Unfortunately we can't move on price this time: the renewal stays at the current "
            f"price level of {money(unit_price('Microsoft 365 E5', 'USD'), 'USD', 'symbol')} per "
            "user per month for the 36-month term.",
            "What I can do instead of a discount is include FastTrack onboarding for the E5 "
            "security workloads as our concession, so your team gets hands-on deployment help.",
            f"If we can get signatures by {ctx.d(D(2027, 5, 31))} I'll lock this in.",
        ],
    )


def doc20() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E3", 3000), ("Microsoft 365 Copilot", 500)),
        term_months=36,
        signature=D(2027, 2, 9),
        start=D(2027, 3, 1),
        currency="USD",
        discount=Discount(5, 12, ["Microsoft 365 Copilot"]),
        credits=[
            Credit(
                "Copilot Deployment Offer",
                50000,
                "USD",
                D(2027, 8, 28),
                ["Copilot", "Adoption and change management"],
                (None, "approved"),
            )
        ],
        fasttrack="engaged",
        adoption_data=True,
    )
    ctx = _ctx("dev-020")
    return email_spec(
        "dev-020",
        deal,
        "eml",
        [
            "Following our workshop, here is the revised offer for the Copilot pilot and the E3 "
            "renewal (3,000 Microsoft 365 E3 and 500 Microsoft 365 Copilot licences, 36 months "
            f"from the Effective Date of {ctx.d(deal.start)}).",
            discount_sentence(ctx, deal),
            credit_sentence(ctx, deal, deal.credits[0]),
            fasttrack_sentence(ctx, deal) or "",
            adoption_sentence(ctx),
        ],
    )


def doc21() -> dict[str, Any]:
    partner = _ctx("dev-021").partner
    deal = Deal(
        seats=seats(("Microsoft 365 E3", 500)),
        term_months=36,
        signature=D(2026, 10, 16),
        start=D(2026, 11, 1),
        currency="USD",
        discount=Discount(10, 36, ["Microsoft 365 E3"]),
        credits=[Credit("ECIF", 250000, "USD", D(2027, 6, 30), [], (partner, "named"))],
        fasttrack="named",
    )
    ctx = _ctx("dev-021", money_style="words")
    return email_spec(
        "dev-021",
        deal,
        "eml",
        [
            f"Please find attached our renewal offer for {number_words(500)} licences of "
            "Microsoft 365 E3 over thirty-six months.",
            "Headline terms: a ten per cent (10%) discount off list for the full term, and "
            f"End Customer Investment Funds of {ctx.m(250000, 'USD')} delivered by {partner}, "
            f"to be claimed by {ctx.d(D(2027, 6, 30), 'us_long')}.",
            "FastTrack onboarding is included with the licences at no additional cost.",
        ],
        attach=True,
    )


# ----- public-sector summaries


def public_summary(doc_id: str, deal: Deal, fmt: str, extras: list[str]) -> dict[str, Any]:
    ctx = _ctx(doc_id, public=True)
    DEALS[doc_id] = deal
    main_product, qty, _ = deal.seats[0]
    total = sum(round(p * q * 12) for _, q, p in deal.seats) * deal.term_months // 12
    blocks: list[Block] = [
        {"heading": "Recommendation"},
        {
            "paragraph": f"Staff recommends that the Board approve the renewal of Microsoft "
            f"licensing for {qty:,} users of {main_product} through the cooperative "
            f"Enterprise Agreement, for a term of {deal.term_months} months beginning "
            f"{ctx.d(deal.start)}, at a total cost not to exceed "
            f"{ctx.m(total, deal.currency)}."
        },
        {"heading": "Background"},
        {
            "paragraph": "The current agreement expires at the end of the fiscal year. The renewal "
            "was negotiated through the Licensing Solution Partner under the "
            "cooperative agreement."
        },
        {"heading": "Fiscal impact"},
        seat_table(ctx, deal),
    ]
    if deal.discount:
        blocks.append({"paragraph": discount_sentence(ctx, deal)})
    else:
        blocks.append(
            {"paragraph": "Pricing reflects the standard academic and government price list."}
        )
    for c in deal.credits:
        blocks.append({"paragraph": credit_sentence(ctx, deal, c)})
    ft = fasttrack_sentence(ctx, deal)
    if ft:
        blocks.append({"paragraph": ft})
    if deal.rollout:
        blocks += [{"heading": "Implementation schedule"}, rollout_table(ctx, deal)]
    if deal.adoption_data:
        blocks.append({"paragraph": adoption_sentence(ctx)})
    if "interest" in extras:
        blocks.append({"paragraph": late_interest(ctx)})
    blocks += [
        {"heading": "Attachments"},
        {"bullets": ["Attachment A - Enrollment", "Attachment B - Price quote"]},
    ]
    title = f"Staff report: Microsoft licensing renewal - {ctx.customer}"
    return spec(doc_id, "public_sector_summary", fmt, ctx, deal, title, blocks)


def doc22() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 G3", 4200)),
        term_months=36,
        signature=D(2026, 6, 9),
        start=D(2026, 7, 1),
        currency="USD",
        discount=Discount(14, 36, ["Microsoft 365 G3"]),
        credits=[
            Credit(
                "No-cost work order",
                180000,
                "USD",
                D(2027, 6, 30),
                ["Exchange Online", "Teams"],
                (_ctx("dev-022").partner, "named"),
            )
        ],
        fasttrack="named",
        adoption_data=True,
        rollout=[
            Phase("Phase 1", ["Exchange Online"], D(2026, 8, 1), D(2026, 12, 31)),
            Phase("Phase 2", ["Teams"], D(2027, 1, 15), D(2027, 5, 31)),
        ],
    )
    return public_summary("dev-022", deal, "pdf", ["interest"])


def doc23() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 A3", 1100)),
        term_months=36,
        signature=D(2027, 6, 2),
        start=D(2027, 7, 1),
        currency="USD",
    )
    return public_summary("dev-023", deal, "md", [])


def doc24() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Office 365 G3", 145)),
        term_months=36,
        signature=D(2026, 9, 1),
        start=D(2026, 10, 1),
        currency="USD",
        discount=Discount(7, 36, ["Office 365 G3"]),
        adoption_data=True,
    )
    return public_summary("dev-024", deal, "docx", [])


# ----- excel price grid beside a proposal


def price_grid(doc_id: str, deal: Deal, primary: str) -> dict[str, Any]:
    ctx = _ctx(doc_id)
    DEALS[doc_id] = deal
    result = renewal(doc_id, deal, fmt=primary)
    grid = [
        [
            "SKU",
            ctx.pick(QTY_HEADERS),
            f"List price ({deal.currency})",
            "Discount %",
            f"Net price ({deal.currency})",
            "Term (months)",
        ]
    ]
    for product, qty, price in deal.seats:
        pct = deal.discount.percent if deal.discount and product in deal.discount.products else 0
        grid.append(
            [
                product,
                f"{qty}",
                f"{price:.2f}",
                f"{pct:g}",
                f"{price * (1 - pct / 100):.2f}",
                f"{deal.term_months}",
            ]
        )
    result.update(
        {
            "style": "excel_price_grid",
            "extra_formats": ["xlsx"],
            "sheets": {
                "Price grid": grid,
                "Notes": [["Note"], ["Discount column applies as stated in the proposal."]],
            },
        }
    )
    return result


def doc25() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E3", 1000), ("Teams Premium", 200), ("Power BI Pro", 300)),
        term_months=36,
        signature=D(2027, 3, 3),
        start=D(2027, 4, 1),
        currency="USD",
        discount=Discount(11, 12, ["Microsoft 365 E3"]),
        fasttrack="engaged",
    )
    return price_grid("dev-025", deal, "pdf")


def doc26() -> dict[str, Any]:
    deal = Deal(
        seats=seats(("Microsoft 365 E3", 2000), ("Microsoft 365 E5 Security", 2000)),
        term_months=36,
        signature=D(2026, 11, 11),
        start=D(2026, 12, 1),
        currency="USD",
        discount=Discount(12, 36, ["Microsoft 365 E3", "Microsoft 365 E5 Security"]),
        credits=[Credit("Azure credits", 40000, "USD", None, ["Azure Virtual Desktop"], None)],
        fasttrack="named",
        adoption_data=True,
    )
    return price_grid("dev-026", deal, "pdf")


# ----- negatives: no Microsoft content, so nothing to extract


def doc27() -> dict[str, Any]:
    ctx = _ctx("dev-027")
    other = pick(ctx.rng, ["Proseware Engineering", "Trey Research"])
    deal = Deal(
        seats=[],
        term_months=24,
        signature=D(2026, 9, 9),
        start=D(2026, 9, 9),
        currency="USD",
        microsoft=False,
    )
    blocks: list[Block] = [
        {
            "paragraph": f"This Mutual Non-Disclosure Agreement is entered into on "
            f"{ctx.d(deal.signature)} between {ctx.customer} and {other}."
        },
        {"heading": "1. Confidential Information"},
        {
            "paragraph": '"Confidential Information" means any non-public information disclosed '
            "by either party, including pricing, product plans and customer lists."
        },
        {"heading": "2. Obligations"},
        {
            "numbered": [
                "Use Confidential Information only to evaluate the proposed business relationship.",
                "Protect it with at least the care used for its own information.",
                "Return or destroy it within 30 days of a written request.",
            ]
        },
        {"heading": "3. Term"},
        {
            "paragraph": "This Agreement remains in force for 24 months; obligations survive for "
            "three years after expiry."
        },
        {"heading": "4. Remedies"},
        {
            "paragraph": "Each party's aggregate liability under this Agreement is capped at "
            "$1,000,000, except for breach of confidentiality."
        },
        {
            "signature": [
                {
                    "name": pick(ctx.rng, CUSTOMER_PEOPLE),
                    "title": "General Counsel",
                    "date": ctx.d(deal.signature),
                },
                {
                    "name": "Morgan Lee",
                    "title": "Chief Executive Officer",
                    "date": ctx.d(deal.signature),
                },
            ]
        },
    ]
    result = spec(
        "dev-027", "negative_nda", "docx", ctx, deal, "Mutual Non-Disclosure Agreement", blocks
    )
    result["footer"] = "Mutual NDA v3.2"
    return result


def doc28() -> dict[str, Any]:
    ctx = _ctx("dev-028")
    deal = Deal(
        seats=[],
        term_months=12,
        signature=D(2027, 1, 20),
        start=D(2027, 2, 1),
        currency="USD",
        microsoft=False,
    )
    blocks: list[Block] = [
        {
            "paragraph": f"Order Form for {ctx.customer}. Vendor: Tailspin Analytics Inc. "
            f"Subscription start: {ctx.d(deal.start)}."
        },
        {
            "table": {
                "header": ["Service", "Users", "Price per user per month", "Term"],
                "rows": [
                    ["Tailspin Analytics Platform - Enterprise", "250", "45.00", "12 months"],
                    ["Premium support", "1", "1,200.00", "12 months"],
                ],
            }
        },
        {"paragraph": "A 10% discount applies to the platform subscription for the full term."},
        {
            "paragraph": "Tailspin will provide an implementation credit of $5,000, to be used "
            "within 90 days of the subscription start."
        },
        {
            "paragraph": "Invoices are payable within 30 days; late payments accrue interest at "
            "1% per month."
        },
        {"paragraph": "Usage reports are available in the Tailspin admin console."},
    ]
    result = spec(
        "dev-028",
        "negative_saas_order",
        "pdf",
        ctx,
        deal,
        "Tailspin Analytics - SaaS Order Form",
        blocks,
    )
    result["footer"] = "Tailspin Analytics Inc. | Order Form"
    return result


def doc29() -> dict[str, Any]:
    ctx = _ctx("dev-029")
    deal = Deal(
        seats=[],
        term_months=36,
        signature=D(2027, 4, 4),
        start=D(2027, 5, 1),
        currency="EUR",
        microsoft=False,
    )
    blocks: list[Block] = [
        {
            "paragraph": f"Service order for managed printing at {ctx.customer}, starting "
            f"{ctx.d(deal.start)} for 36 months."
        },
        {
            "table": {
                "header": ["Item", "Units", "Monthly fee (EUR)"],
                "rows": [
                    ["Multifunction printer lease", "40", "55.00"],
                    ["Managed print service", "40", "12.50"],
                ],
            }
        },
        {
            "bullets": [
                "Toner and maintenance included.",
                "Free onboarding workshop for up to 20 staff.",
                "Fees increase by CPI each anniversary, capped at 4%.",
            ]
        },
    ]
    result = spec(
        "dev-029", "negative_saas_order", "txt", ctx, deal, "Managed print services order", blocks
    )
    result["footer"] = "Coho Office Solutions | Service order"
    return result


def doc30() -> dict[str, Any]:
    ctx = _ctx("dev-030")
    deal = Deal(
        seats=[],
        term_months=36,
        signature=D(2027, 2, 15),
        start=D(2027, 2, 15),
        currency="GBP",
        microsoft=False,
    )
    blocks: list[Block] = [
        {
            "paragraph": f"Disclosing Party: {ctx.customer}. Recipient: Bellows Digital Ltd. "
            f"Date: {ctx.d(deal.signature)}."
        },
        {"heading": "1. Purpose"},
        {
            "paragraph": "The Recipient will receive information about the Disclosing Party's "
            "workplace technology programme, including budgets, supplier pricing and "
            "the planned rollout, solely to prepare a consulting proposal."
        },
        {"heading": "2. Duration"},
        {
            "paragraph": "Confidentiality obligations apply for three (3) years from the date of "
            "disclosure; trade secrets are protected for as long as they remain trade "
            "secrets."
        },
        {"heading": "3. Exclusions"},
        {
            "bullets": [
                "information already public through no fault of the Recipient",
                "information independently developed",
                "information received from a third party without restriction",
            ]
        },
        {"heading": "4. General"},
        {
            "paragraph": "Neither party is obliged to enter into any further agreement or to "
            "purchase any services. This agreement is governed by the laws of England "
            "and Wales."
        },
        {
            "signature": [
                {
                    "name": pick(ctx.rng, CUSTOMER_PEOPLE),
                    "title": "Director",
                    "date": ctx.d(deal.signature),
                }
            ]
        },
    ]
    result = spec(
        "dev-030", "negative_nda", "pdf", ctx, deal, "One-way Confidentiality Agreement", blocks
    )
    result["footer"] = "Confidentiality Agreement"
    return result


BUILDERS: list[Callable[[], dict[str, Any]]] = [
    doc01,
    doc02,
    doc03,
    doc04,
    doc05,
    doc06,
    doc07,
    doc08,
    doc09,
    doc10,
    doc11,
    doc12,
    doc13,
    doc14,
    doc15,
    doc16,
    doc17,
    doc18,
    doc19,
    doc20,
    doc21,
    doc22,
    doc23,
    doc24,
    doc25,
    doc26,
    doc27,
    doc28,
    doc29,
    doc30,
]


NOTES = {
    "dev-001": "ECIF in lieu of discount; credit expires before the Teams Phone phase; "
    "FastTrack not mentioned at 4,000 seats",
    "dev-002": "first-year-only discount; named partner; near miss: late-payment interest",
    "dev-003": "funding tied to buying 300 more Copilot seats; credit without expiry; "
    "near misses: liability cap beside the credit, full-term discount",
    "dev-004": "155 seats (just over the FastTrack threshold), FastTrack not mentioned",
    "dev-005": "rollout starts 10 months after signature",
    "dev-006": "140 seats (just under the FastTrack threshold)",
    "dev-007": "voucher with no expiry, scope or partner terms",
    "dev-008": "discount ramps back to list in year 3",
    "dev-009": "clean deal (control): full-term discount, FastTrack named, adoption reporting",
    "dev-010": "amendment: seats 4,000 -> 3,600; ECIF deadline moved earlier",
    "dev-011": "amendment: discount section replaced by more partner funding (in lieu)",
    "dev-012": "amendment (docx): discount 10% -> 7%; new expansion commitment",
    "dev-013": "tracked changes: discount 15% -> 10% and ECIF inserted in lieu",
    "dev-014": "tracked change inserts a Copilot purchase condition; FastTrack as a concession",
    "dev-015": "tracked change moves the credit deadline before the Defender/Purview phase ends",
    "dev-016": "scan; clean apart from no adoption data",
    "dev-017": "scan, 2 pages; no discount; FastTrack not mentioned; any-partner funding",
    "dev-018": "scan; 120 seats (under threshold)",
    "dev-019": "e-mail: FastTrack offered instead of a discount",
    "dev-020": "e-mail: relative deadline (180 days from the Effective Date); first-year-only "
    "Copilot discount",
    "dev-021": "e-mail with PDF attachment; numbers in words; ECIF with no scope",
    "dev-022": "public sector; no-cost work order with named partner; near miss: interest",
    "dev-023": "public sector (md): no discount, FastTrack not mentioned",
    "dev-024": "public sector (docx): 145 seats",
    "dev-025": "xlsx grid beside the PDF; first-year-only discount",
    "dev-026": "xlsx grid beside the PDF; Azure credits without expiry",
    "dev-027": "negative: NDA with a liability cap",
    "dev-028": "negative: non-Microsoft SaaS order with discount, credit, interest, usage reports",
    "dev-029": "negative: managed print order (txt) with a free onboarding workshop",
    "dev-030": "negative: one-way NDA mentioning pricing and a planned rollout",
}


def build_dev_specs() -> list[dict[str, Any]]:
    """Every dev spec, in id order; amendment builders read the base deals built before."""
    DEALS.clear()
    specs = [builder() for builder in BUILDERS]
    for item in specs:
        item["labels"]["notes"] = NOTES[item["id"]]
    return specs

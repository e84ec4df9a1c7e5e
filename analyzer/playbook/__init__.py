"""The buyer's playbook: findings by FINDINGS.md code, the three ledgers, what is missing.

Ledger keys (JSON-serialisable, rendered by the report layer):
- ``entitlement``: programs, eligible_seats, threshold, qualifies, engaged, item_ids
- ``funded_credit``: currency, face_value, at_risk, at_risk_reasons, item_ids
- ``discount``: currency, percent, recurring_value, months_covered, term_months, basis,
  item_ids; and ``substitution`` {one_time_offset, recurring_concession_given_up, currency,
  explanation} when funding is offered in place of a discount.
The ledgers never offset each other: entitlement is owned, funding is one-time, the discount
recurs.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..items import names_microsoft
from ..nlp import vocabulary
from ..records import SEVERITY_ORDER, Evidence, Finding, Item, Ledgers, Seat
from .checks import CHECKS, Context, cue_labels, start_date
from .model import Deal, Evaluation, Playbook
from .rollout import find_rollout, read_rollout_file

# "approximately EUR 69,000 at the rate of 28.05.2027": an exchange rate is no price
_PRICE_WORDS = re.compile(
    r"\b(price|pricing|(?<!exchange )(?<!the )rate(?!\s+of\s+\d)|discount|concession|list)\b",
    re.IGNORECASE,
)
_FUNDING_WORDS = re.compile(
    r"\b(fund\w*|credit\w*|invest\w*|onboarding|services|voucher\w*|contribut\w*)\b", re.IGNORECASE
)

# "Microsoft has not been able to extend a price concession to F1. In its place, Microsoft will
# fund the partner services ...": a refused concession, then funding put where it would be
_DENIED_PRICE = re.compile(
    r"\b(not (been )?able to|unable to|cannot|can't|could not|couldn't|no)\b[^.]{0,60}?\b(price "
    r"concession|discount|price reduction|reduction|concession)\b",
    re.IGNORECASE,
)
_IN_ITS_PLACE = re.compile(
    r"^\W*(in (its|their) place|instead|in lieu( of (that|this|it))?|in place of (that|this|it)|"
    r"as an alternative|what we can do)\b",
    re.IGNORECASE,
)

# "On top of the price, Microsoft will put in AUD 45,000": funding added to the discount is
# the opposite of a substitution, however close the sentence sits to the prototypes.
# "Neither the price reduction nor the deployment funding depends on any additional purchase":
# both named, neither set against the other
_NOT_TRADED = re.compile(
    r"\bneither\b[^.]*\bnor\b|\b(?:does|do|will|is|are)\s+not\s+(?:replace|substitute|depend)|"
    r"\bnot\s+(?:a\s+)?(?:substitute|replacement)\b",
    re.IGNORECASE,
)
_ADDITIVE = re.compile(
    r"\b(on top of|in addition to|additional to|over and above|as well as|alongside|besides)\b"
    r"[^.]{0,30}\b(price|pricing|discount|rate|concession|reduction)",
    re.IGNORECASE,
)


def evaluate(deal: Deal, playbook: Playbook) -> Evaluation:
    mentions = [m for ms in deal.mentions.values() for m in ms]
    eligible = [s for s in deal.seats if s.fasttrack_eligible]
    context = Context(
        eligible_seats=_eligible_seats(eligible, playbook),
        eligible_evidence=tuple(e for s in eligible for e in s.evidence),
        microsoft_deal=_is_microsoft_deal(deal),
        cues=cue_labels(mentions),
        start_date=start_date(deal),
        term_months=_term_months(deal, playbook),
        substitution_evidence=_substitution_evidence(deal, playbook),
    )
    findings: list[Finding] = []
    for check in CHECKS.values():
        findings += check(deal, playbook, context)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.code))
    ledgers = build_ledgers(deal, playbook, context, findings)
    return Evaluation(
        findings=tuple(findings),
        ledgers=ledgers,
        missing=tuple(_missing(deal, context, findings)),
        verdict=_verdict(deal, ledgers, findings),
    )


def _eligible_seats(eligible: Sequence[Seat], playbook: Playbook) -> int:
    """Seats that count toward the FastTrack threshold, per the playbook's reading of it."""
    quantities = [s.quantity for s in eligible]
    if not quantities:
        return 0
    return (
        sum(quantities)
        if playbook.fasttrack_seat_basis == "all_eligible_plans"
        else max(quantities)
    )


def _is_microsoft_deal(deal: Deal) -> bool:
    return bool(deal.seats or deal.items) or names_microsoft(deal.documents, deal.mentions)


def _term_months(deal: Deal, playbook: Playbook) -> int:
    """The agreement's term: the longest contract duration stated ("36-month term"), not a
    discount's window ("the first twelve (12) months of the Enrollment term")."""
    terms = [s.term_months for s in deal.seats if s.term_months]
    if terms:
        return max(terms)
    candidates = []
    for document in deal.documents:
        texts = {b.index: b.text for b in document.blocks}
        for mention in deal.mentions.get(document.name, ()):
            if mention.kind != "duration":
                continue
            text = texts[mention.block]
            around = text[mention.start : mention.end + 40].lower()
            before = text[max(0, mention.start - 25) : mention.start].lower()
            months = getattr(mention.value, "months", 0)
            contract_words = ("term", "agreement", "enrollment", "enrolment", "subscription")
            if re.search(r"\b(first|initial|opening)\b", before):
                continue
            if any(w in around for w in contract_words) and 12 <= months <= 72:
                candidates.append(round(months))
    if candidates:
        return max(candidates)
    return playbook.default_term_months


def _substitution_evidence(deal: Deal, playbook: Playbook) -> tuple[Evidence, ...]:
    """Sentences that trade funding for price in words the patterns do not list."""
    if any("in_lieu_of_discount" in i.flags for i in deal.items) or not playbook.prototypes:
        return ()
    from ..nlp import is_question, sentence_spans

    patterns = vocabulary.cues().get("in_lieu", ())
    candidates: list[Evidence] = []
    paired: list[Evidence] = []
    for document in deal.documents:
        for block in document.blocks:
            if block.kind == "table":
                continue
            # "Is the deployment funding being offered instead of a bigger E5 discount?": the
            # buyer's question states no trade
            sentences = [
                sentence
                for a, b in sentence_spans(block.text)
                if not is_question(sentence := block.text[a:b].strip())
            ]
            for refusal, offer in itertools.pairwise(sentences):
                # "We cannot move the E3 price. What we can do is fund partner services ..."
                refused = any(p.search(refusal) for p in patterns) or (
                    _DENIED_PRICE.search(refusal) and _IN_ITS_PLACE.match(offer)
                )
                if refused and _FUNDING_WORDS.search(offer):
                    paired += [
                        Evidence(document.name, block.page, refusal, block.index),
                        Evidence(document.name, block.page, offer, block.index),
                    ]
            for sentence in sentences:
                if (
                    _PRICE_WORDS.search(sentence)
                    and _FUNDING_WORDS.search(sentence)
                    and not _ADDITIVE.search(sentence)
                    and not _NOT_TRADED.search(sentence)
                ):
                    candidates.append(Evidence(document.name, block.page, sentence, block.index))
    if not candidates and not paired:
        return ()
    # The in-lieu wording itself ("as our response to the price ask") in a sentence about
    # funding settles it even when the funded item is described in another section.
    worded = [c for c in candidates if any(p.search(c.text) for p in patterns)] + paired
    if worded:
        return tuple(dict.fromkeys(worded))
    from ..embeddings import embed

    vectors = embed([c.text for c in candidates])
    prototypes = embed(list(playbook.prototypes))
    scores = (vectors @ prototypes.T).max(axis=1)
    return tuple(
        c for c, s in zip(candidates, scores, strict=True) if s >= playbook.similarity_threshold
    )


def build_ledgers(
    deal: Deal, playbook: Playbook, context: Context, findings: Sequence[Finding]
) -> Ledgers:
    entitled = [i for i in deal.items if i.category == "entitlement"]
    entitlement = {
        "programs": sorted({i.program for i in entitled if i.program}),
        "eligible_seats": context.eligible_seats,
        "threshold": playbook.fasttrack_seat_threshold,
        "qualifies": context.eligible_seats >= playbook.fasttrack_seat_threshold,
        "engaged": bool(entitled) or "engaged" in context.cues,
        "item_ids": [i.id for i in entitled],
    }
    credits = [i for i in deal.items if i.category == "funded_credit"]
    currency = _main_currency(credits)
    risky_codes = {
        "CREDIT_NO_EXPIRY": "no expiry",
        "CREDIT_NO_SCOPE": "no scope",
        "CREDIT_NO_PARTNER_TERMS": "no partner terms",
        "CREDIT_EXPIRES_BEFORE_ROLLOUT": "expires before its rollout phase",
    }
    reasons: dict[str, list[str]] = {}
    for f in findings:
        if f.code in risky_codes:
            for item_id in f.item_ids:
                reasons.setdefault(item_id, []).append(risky_codes[f.code])
    funded = {
        "currency": currency,
        "face_value": _sum(credits, currency),
        "at_risk": _sum([i for i in credits if i.id in reasons], currency),
        "at_risk_reasons": {k: sorted(set(v)) for k, v in reasons.items()},
        "item_ids": [i.id for i in credits],
    }
    discount = _discount_ledger(deal, context)
    offset = [i for i in deal.items if "in_lieu_of_discount" in i.flags and i.amount is not None]
    if any(f.code == "FUNDING_REPLACES_DISCOUNT" for f in findings):
        discount["substitution"] = {
            "one_time_offset": _sum(offset, currency) if offset else None,
            "currency": currency,
            "recurring_concession_given_up": discount.get("list_value_per_point"),
            "explanation": (
                "One-time funding is offered where a recurring discount was expected. Each "
                "percentage point of discount is worth the amount shown every term; the funding "
                "is paid once."
            ),
        }
    return Ledgers(entitlement=entitlement, funded_credit=funded, discount=discount)


def _discount_ledger(deal: Deal, context: Context) -> dict[str, Any]:
    discounts = [i for i in deal.items if i.category == "discount"]
    priced = [s for s in deal.seats if s.unit_price is not None]
    currency = priced[0].unit_price.currency if priced and priced[0].unit_price else None
    list_per_month = sum(
        s.quantity * s.unit_price.amount for s in priced if s.unit_price is not None
    )
    total = 0.0
    basis = []
    covered_months: list[int] = []
    for item in discounts:
        months = item.term_months or context.term_months
        covered_months.append(months)
        seats = [s for s in priced if not item.products or s.product in item.products]
        if item.percent is None or not seats:
            continue
        for seat in seats:
            assert seat.unit_price is not None
            value = item.percent / 100 * seat.unit_price.amount * seat.quantity * months
            total += value
            basis.append(
                f"{item.percent:g}% x {seat.unit_price.currency} {seat.unit_price.amount:,.2f} x "
                f"{seat.quantity:,} seats ({seat.product}) x {months} months"
            )
    return {
        "currency": currency,
        "percent": max((i.percent for i in discounts if i.percent is not None), default=None),
        "recurring_value": round(total, 2) if basis else None,
        "months_covered": max(covered_months, default=None),
        "term_months": context.term_months,
        "basis": basis
        or (["no unit prices in the documents"] if discounts else ["no discount offered"]),
        "list_value_per_point": round(list_per_month * context.term_months / 100, 2)
        if priced
        else None,
        "item_ids": [i.id for i in discounts],
    }


def _main_currency(items: Sequence[Item]) -> str | None:
    counts = Counter(i.amount.currency for i in items if i.amount)
    return counts.most_common(1)[0][0] if counts else None


def _sum(items: Sequence[Item], currency: str | None) -> float:
    return round(
        sum(i.amount.amount for i in items if i.amount and i.amount.currency == currency), 2
    )


def _missing(deal: Deal, context: Context, findings: Sequence[Finding]) -> list[str]:
    if not context.microsoft_deal:
        return ["No Microsoft licensing content was found in these documents."]
    out = []
    codes = {f.code for f in findings}
    if "DISCOUNT_MISSING" in codes:
        out.append("A discount on the recurring price.")
    if not deal.seats:
        out.append("Seat counts per product.")
    if "FASTTRACK_NOT_ENGAGED" in codes:
        out.append("A plan to engage the entitled FastTrack onboarding.")
    for item in deal.items:
        if item.category != "funded_credit":
            continue
        name = item.program or "A funded credit"
        if item.expires is None:
            out.append(f"An expiry or claim deadline for {name}.")
        if not item.scope:
            out.append(f"The workloads {name} may be spent on.")
        if item.partner is not None and item.partner.requirement == "unstated":
            out.append(f"Who may deliver the partner work funded by {name}.")
    if not deal.rollout:
        out.append("A rollout plan with phases, workloads and dates.")
    if "NO_ADOPTION_DATA" in codes:
        out.append("Usage or adoption reporting for the next renewal.")
    return out


def _verdict(deal: Deal, ledgers: Ledgers, findings: Sequence[Finding]) -> str:
    if not deal.items and not deal.seats and not findings:
        return "No Microsoft licensing terms were found; nothing to assess."
    high = [f for f in findings if f.severity == "high"]
    parts = []
    seats = sum(s.quantity for s in deal.seats)
    if seats:
        parts.append(f"The deal covers {seats:,} seats across {len(deal.seats)} product(s).")
    discount = ledgers.discount
    if discount.get("percent") is not None:
        value = discount.get("recurring_value")
        worth = (
            f", worth {discount['currency']} {value:,.0f} over the term"
            if value is not None and discount.get("currency")
            else ""
        )
        parts.append(f"The recurring discount is {discount['percent']:g}%{worth}.")
    else:
        parts.append("There is no recurring discount.")
    funded = ledgers.funded_credit
    if funded.get("face_value"):
        at_risk = funded.get("at_risk") or 0
        parts.append(
            f"Funded credits total {funded['currency']} {funded['face_value']:,.0f}, one-time"
            + (f", of which {funded['currency']} {at_risk:,.0f} is at risk." if at_risk else ".")
        )
    entitlement = ledgers.entitlement
    if entitlement.get("qualifies"):
        parts.append(
            f"{entitlement['eligible_seats']:,} eligible seats entitle the buyer to FastTrack"
            + (" (planned)." if entitlement.get("engaged") else ", not yet planned.")
        )
    if high:
        parts.append(
            f"{len(high)} high-severity finding(s) need an answer before signature: "
            + "; ".join(sorted({f.title for f in high}))
            + "."
        )
    return " ".join(parts)


__all__ = [
    "CHECKS",
    "Deal",
    "Evaluation",
    "Playbook",
    "evaluate",
    "find_rollout",
    "read_rollout_file",
]

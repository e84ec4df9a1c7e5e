"""One check per finding code of FINDINGS.md, registered by its code.

Each check reads the deal (items, seats, rollout, mentions) and the playbook, and returns the
findings for its code with the numbers that justify them, the items concerned, their evidence,
and an ask the buyer can paste into an e-mail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from jinja2 import Environment, StrictUndefined

from ..nlp import starts_agreement
from ..nlp.values import shift
from ..records import DateValue, Evidence, Finding, Item, Mention
from .model import Deal, Playbook

Check = Callable[[Deal, Playbook, "Context"], list[Finding]]
CHECKS: dict[str, Check] = {}
_TEMPLATES = Environment(undefined=StrictUndefined, autoescape=False)


def register(code: str) -> Callable[[Check], Check]:
    def decorate(check: Check) -> Check:
        if code in CHECKS:
            raise ValueError(f"check {code!r} is already registered")
        CHECKS[code] = check
        return check

    return decorate


@dataclass(frozen=True)
class Context:
    """Facts several checks share, computed once per deal."""

    eligible_seats: int
    eligible_evidence: tuple[Evidence, ...]
    microsoft_deal: bool
    cues: frozenset[str]
    start_date: dt.date | None
    term_months: int
    substitution_evidence: tuple[Evidence, ...]


def finding(
    playbook: Playbook,
    code: str,
    detail: str,
    items: Iterable[Item] = (),
    evidence: Iterable[Evidence] = (),
    **values: object,
) -> Finding:
    rule = playbook.rules[code]
    item_list = list(items)
    quotes = [e for item in item_list for e in item.evidence] + list(evidence)
    return Finding(
        code=code,
        severity=rule.severity,  # type: ignore[arg-type]
        title=rule.title,
        detail=detail,
        ask=_TEMPLATES.from_string(rule.ask).render(**values) if rule.ask else None,
        item_ids=tuple(item.id for item in item_list),
        evidence=tuple(dict.fromkeys(quotes)),
    )


def _credits(deal: Deal) -> list[Item]:
    return [item for item in deal.items if item.category == "funded_credit"]


def _name(item: Item) -> str:
    if item.program:
        return item.program
    return "the funded credit"


def _money(item: Item) -> str:
    return (
        f"{item.amount.currency} {item.amount.amount:,.0f}" if item.amount else "no stated amount"
    )


# --------------------------------------------------------------------------- entitlement


@register("FASTTRACK_NOT_ENGAGED")
def fasttrack_not_engaged(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    threshold = playbook.fasttrack_seat_threshold
    entitled = [i for i in deal.items if i.category == "entitlement"]
    if ctx.eligible_seats < threshold or entitled or "engaged" in ctx.cues:
        return []
    return [
        finding(
            playbook,
            "FASTTRACK_NOT_ENGAGED",
            f"{ctx.eligible_seats:,} seats on FastTrack-eligible plans, threshold {threshold}; "
            "the documents neither name FastTrack nor plan to engage the entitled onboarding.",
            evidence=ctx.eligible_evidence,
            eligible_seats=f"{ctx.eligible_seats:,}",
            threshold=threshold,
        )
    ]


@register("FASTTRACK_BELOW_THRESHOLD")
def fasttrack_below_threshold(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    threshold = playbook.fasttrack_seat_threshold
    if not 0 < ctx.eligible_seats < threshold:
        return []
    return [
        finding(
            playbook,
            "FASTTRACK_BELOW_THRESHOLD",
            f"{ctx.eligible_seats:,} seats on FastTrack-eligible plans, under the threshold of "
            f"{threshold}.",
            evidence=ctx.eligible_evidence,
            eligible_seats=f"{ctx.eligible_seats:,}",
            threshold=threshold,
        )
    ]


@register("ENTITLEMENT_TRADED")
def entitlement_traded(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    traded = [
        i
        for i in deal.items
        if i.category == "entitlement"
        and {"priced", "traded", "exchange_for_commitment", "in_lieu_of_discount"} & set(i.flags)
    ]
    out = []
    for item in traded:
        how = (
            "carries a price"
            if "priced" in item.flags
            else "is offered in place of a discount"
            if "in_lieu_of_discount" in item.flags
            else "is offered in exchange for a commitment or as a concession"
        )
        out.append(
            finding(
                playbook,
                "ENTITLEMENT_TRADED",
                f"{_name(item)} is onboarding the licences already entitle you to, yet it {how}.",
                [item],
            )
        )
    return out


# --------------------------------------------------------------------------- discount


@register("FUNDING_REPLACES_DISCOUNT")
def funding_replaces_discount(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    offered = [
        i
        for i in deal.items
        if i.category in ("funded_credit", "entitlement") and "in_lieu_of_discount" in i.flags
    ]
    if not offered and not ctx.substitution_evidence:
        return []
    total = ", ".join(f"{_name(i)} ({_money(i)})" for i in offered) or "funding"
    return [
        finding(
            playbook,
            "FUNDING_REPLACES_DISCOUNT",
            f"{total} is offered in lieu of a price concession: one-time value set against a "
            "discount that would recur every month of the term.",
            offered,
            evidence=ctx.substitution_evidence,
        )
    ]


@register("DISCOUNT_MISSING")
def discount_missing(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    if not ctx.microsoft_deal:  # a board paper buying Microsoft 365 with no price terms at all
        return []
    if any(i.category == "discount" for i in deal.items):
        return []
    return [
        finding(
            playbook,
            "DISCOUNT_MISSING",
            "No discount on the recurring price was found in the documents"
            + (f" for {sum(s.quantity for s in deal.seats):,} seats." if deal.seats else "."),
            evidence=[e for s in deal.seats for e in s.evidence][:3],
            term_months=ctx.term_months,
        )
    ]


@register("DISCOUNT_PARTIAL_TERM")
def discount_partial_term(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    out = []
    for item in deal.items:
        if item.category != "discount" or ("full_term" in item.flags and not item.term_months):
            continue
        partial = bool({"first_year_only", "ramp_to_list"} & set(item.flags))
        months = item.term_months or (12 if partial else None)
        if months is not None and months < ctx.term_months:
            partial = True
        if not partial:
            continue
        months = months or 12
        out.append(
            finding(
                playbook,
                "DISCOUNT_PARTIAL_TERM",
                f"The {item.percent:g}% discount covers {months} of {ctx.term_months} months; "
                "the price returns to list for the rest of the term.",
                [item],
                percent=f"{item.percent:g}" if item.percent is not None else "",
                months=months,
                term_months=ctx.term_months,
            )
        )
    return out


# --------------------------------------------------------------------------- credits


@register("CREDIT_NO_EXPIRY")
def credit_no_expiry(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    return [
        finding(
            playbook,
            "CREDIT_NO_EXPIRY",
            f"{_name(item)} ({_money(item)}) states no expiry or claim deadline.",
            [item],
            program=_name(item),
        )
        for item in _credits(deal)
        if item.expires is None
    ]


@register("CREDIT_NO_SCOPE")
def credit_no_scope(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    return [
        finding(
            playbook,
            "CREDIT_NO_SCOPE",
            f"{_name(item)} ({_money(item)}) does not say which workloads or services it funds.",
            [item],
            program=_name(item),
        )
        for item in _credits(deal)
        if not item.scope
    ]


@register("CREDIT_NO_PARTNER_TERMS")
def credit_no_partner_terms(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    return [
        finding(
            playbook,
            "CREDIT_NO_PARTNER_TERMS",
            f"{_name(item)} is delivered by a partner, but the documents do not say which "
            "partners may deliver it.",
            [item],
            program=_name(item),
        )
        for item in _credits(deal)
        if item.partner is not None and item.partner.requirement == "unstated"
    ]


@register("CREDIT_PARTNER_RESTRICTED")
def credit_partner_restricted(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    out = []
    for item in _credits(deal):
        if item.partner is None or item.partner.requirement not in ("named", "approved"):
            continue
        who = item.partner.name if item.partner.requirement == "named" else "an approved partner"
        out.append(
            finding(
                playbook,
                "CREDIT_PARTNER_RESTRICTED",
                f"{_name(item)} must be delivered by {who}.",
                [item],
                program=_name(item),
                partner=who,
            )
        )
    return out


@register("CREDIT_EXPIRES_BEFORE_ROLLOUT")
def credit_expires_before_rollout(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    out = []
    for item in _credits(deal):
        if item.expires is None or item.expires.date is None or not item.scope:
            continue
        expires = item.expires.date
        for phase in deal.rollout:
            covered = set(item.scope) & set(phase.workloads)
            if not covered:
                continue
            if phase.start and expires < phase.start:
                when = "before the phase starts"
            elif phase.end and expires < phase.end:
                when = "before the phase ends"
            else:
                continue
            out.append(
                finding(
                    playbook,
                    "CREDIT_EXPIRES_BEFORE_ROLLOUT",
                    f"{_name(item)} ({_money(item)}) expires on {expires.isoformat()}, {when}: "
                    f"{phase.name} ({', '.join(sorted(covered))}) runs "
                    f"{_iso(phase.start)} to {_iso(phase.end)}.",
                    [item],
                    evidence=phase.evidence,
                    program=_name(item),
                    expires=expires.isoformat(),
                    phase=phase.name,
                    workloads=", ".join(sorted(covered)),
                    phase_start=_iso(phase.start),
                    phase_end=_iso(phase.end),
                )
            )
            break
    return out


def _iso(date: dt.date | None) -> str:
    return date.isoformat() if date else "an open date"


# --------------------------------------------------------------------------- commitments, timing


@register("EXPANSION_COMMITMENT")
def expansion_commitment(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    commitments = [i for i in deal.items if i.category == "commitment"]
    return [
        finding(
            playbook,
            "EXPANSION_COMMITMENT",
            "The deal carries an expectation of future purchases"
            + (f" ({item.quantity:,} more seats)" if item.quantity else "")
            + (f" of {', '.join(item.products)}" if item.products else "")
            + ".",
            [item],
        )
        for item in commitments
    ]


@register("ONBOARDING_WINDOW_RISK")
def onboarding_window_risk(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    starts = [phase.start for phase in deal.rollout if phase.start]
    if ctx.start_date is None or not starts:
        return []
    if ctx.eligible_seats < playbook.fasttrack_seat_threshold:
        return []  # no entitled onboarding to lose
    first = min(starts)
    if first <= shift(ctx.start_date, playbook.onboarding_window_months, "month"):
        return []  # "more than 6 months after": 1 July to 24 January is six months and 23 days
    months = round((first - ctx.start_date).days / 30.44)  # as a reader would count them
    phase = next(p for p in deal.rollout if p.start == first)
    return [
        finding(
            playbook,
            "ONBOARDING_WINDOW_RISK",
            f"The first rollout phase starts {first.isoformat()}, {months} months after the start "
            f"date {ctx.start_date.isoformat()}; the onboarding window is "
            f"{playbook.onboarding_window_months} months.",
            evidence=phase.evidence,
            months=months,
        )
    ]


@register("NO_ADOPTION_DATA")
def no_adoption_data(deal: Deal, playbook: Playbook, ctx: Context) -> list[Finding]:
    if not ctx.microsoft_deal or "adoption_data" in ctx.cues:
        return []
    return [
        finding(
            playbook,
            "NO_ADOPTION_DATA",
            "Nothing in the documents produces usage or adoption data for the next renewal.",
        )
    ]


# --------------------------------------------------------------------------- context


def start_date(deal: Deal) -> dt.date | None:
    for document in deal.documents:
        texts = {b.index: b.text for b in document.blocks}
        for mention in deal.mentions.get(document.name, ()):
            if mention.kind != "date" or not isinstance(mention.value, DateValue):
                continue
            if mention.value.date is None or mention.value.relative:
                continue
            if starts_agreement(texts[mention.block], mention.start, mention.end):
                return mention.value.date
    return None


def cue_labels(mentions: Iterable[Mention]) -> frozenset[str]:
    return frozenset(str(m.value) for m in mentions if m.kind == "cue")

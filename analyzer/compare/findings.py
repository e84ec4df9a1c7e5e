"""Amendment findings: what an amendment took away or added, in numbers the buyer can quote.

The one-document checks already ran on both versions; a code the amendment triggers that the
base did not is news (e.g. the discount became funding), so those findings are passed through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import jinja2

from ..errors import AnalyzerError
from ..records import Change, Evidence, Expiry, Finding, Item, Money, Report, Severity

if TYPE_CHECKING:
    from ..playbook import Playbook

AMENDMENT_CODES: dict[str, tuple[Severity, str]] = {
    "AMENDMENT_SEATS_CHANGED": ("medium", "Licensed quantity changed"),
    "AMENDMENT_DISCOUNT_REDUCED": ("high", "Discount reduced"),
    "AMENDMENT_DISCOUNT_REMOVED": ("high", "Discount removed"),
    "AMENDMENT_CREDIT_REDUCED": ("high", "Funded credit reduced"),
    "AMENDMENT_CREDIT_REMOVED": ("high", "Funded credit removed"),
    "AMENDMENT_CREDIT_EXPIRY_EARLIER": ("medium", "Credit deadline moved earlier"),
    "AMENDMENT_NEW_COMMITMENT": ("high", "New purchase commitment"),
}


def _number(value: Any) -> float | None:
    """Amounts arrive as numbers or Money, depending on how the diff kept them."""
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _day(value: Any) -> dt.date | None:
    """Deadlines arrive as dates, Expiry records or ISO strings; text-only ones cannot be
    ordered and never fire."""
    if isinstance(value, Expiry):
        value = value.date
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _lower(before: Any, after: Any) -> bool:
    if isinstance(before, Money) and isinstance(after, Money) and before.currency != after.currency:
        return False
    b, a = _number(before), _number(after)
    return b is not None and a is not None and a < b


def _earlier(before: Any, after: Any) -> bool:
    b, a = _day(before), _day(after)
    return b is not None and a is not None and a < b


def _code(change: Change) -> str | None:
    if change.kind == "seats" and change.field == "quantity":
        return "AMENDMENT_SEATS_CHANGED"
    if change.kind == "discount":
        if change.field == "removed":
            return "AMENDMENT_DISCOUNT_REMOVED"
        if change.field in ("percent", "term_months"):
            if change.after is None and change.field == "percent":
                return "AMENDMENT_DISCOUNT_REMOVED"
            if _lower(change.before, change.after):
                return "AMENDMENT_DISCOUNT_REDUCED"
    if change.kind == "funded_credit":
        if change.field == "removed":
            return "AMENDMENT_CREDIT_REMOVED"
        if change.field == "amount" and (
            _lower(change.before, change.after)
            or (change.after is None and change.before is not None)
        ):
            return "AMENDMENT_CREDIT_REDUCED"
        if change.field == "expires" and _earlier(change.before, change.after):
            return "AMENDMENT_CREDIT_EXPIRY_EARLIER"
    if change.kind == "commitment" and change.field == "added":
        return "AMENDMENT_NEW_COMMITMENT"
    return None


def fmt_value(value: Any) -> str:
    """Numbers as a buyer writes them: 4,000 seats, USD 250,000, 2027-06-30."""
    if value is None:
        return "none"
    if isinstance(value, Money):
        return f"{value.currency} {value.amount:,.0f}"
    if isinstance(value, Expiry):
        return value.date.isoformat() if value.date else value.text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(fmt_value(v) for v in value) or "none"
    return str(value)


def _detail(code: str, change: Change) -> str:
    who = ""
    if change.revision is not None:
        who = f" ({change.revision.describe()})"
    if change.field == "added":
        return f"The amendment adds {change.key}: {change.after}{who}."
    if change.field == "removed":
        return f"The amendment removes {change.key}: {change.before}{who}."
    return (
        f"{change.key}: {change.field.replace('_', ' ')} changes from "
        f"{fmt_value(change.before)} to {fmt_value(change.after)}{who}."
    )


_ASKS: dict[str, Callable[[Change], str]] = {
    "AMENDMENT_SEATS_CHANGED": lambda c: (
        f"Please confirm the new {c.key} quantity ({fmt_value(c.after)}) and that unit prices, "
        "discounts and FastTrack eligibility are unchanged by it."
    ),
    "AMENDMENT_DISCOUNT_REDUCED": lambda c: (
        f"Please restore the {c.key} discount to its original {c.field.replace('_', ' ')} "
        f"({fmt_value(c.before)})."
    ),
    "AMENDMENT_DISCOUNT_REMOVED": lambda c: (
        f"Please reinstate the {c.key} discount; one-time funding does not replace a recurring "
        "price concession."
    ),
    "AMENDMENT_CREDIT_REDUCED": lambda c: (
        f"Please restore the {c.key} amount to {fmt_value(c.before)}."
    ),
    "AMENDMENT_CREDIT_REMOVED": lambda c: f"Please reinstate the {c.key} funding of the proposal.",
    "AMENDMENT_CREDIT_EXPIRY_EARLIER": lambda c: (
        f"Please keep the original {c.key} deadline ({fmt_value(c.before)}) so the funding "
        "covers the rollout phase it was meant for."
    ),
    "AMENDMENT_NEW_COMMITMENT": lambda c: (
        "Please remove the added purchase commitment; the funding and pricing should stand on "
        "the current order alone."
    ),
}


def _item_ids(change: Change, items: Sequence[Item]) -> tuple[str, ...]:
    quotes = {e.text for e in (*change.evidence_before, *change.evidence_after)}
    return tuple(i.id for i in items if any(e.text in quotes for e in i.evidence))


def _dedupe(evidence: Sequence[Evidence]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(evidence))


def _rules(playbook: Playbook | None) -> Mapping[str, Any]:
    """Severity, title and ask per code from the playbook, so a team tunes them in one file."""
    if playbook is None:
        from ..playbook import Playbook

        try:
            playbook = Playbook.load()
        except AnalyzerError:
            return {}
    return playbook.rules


def _from_rule(rule: Any, change: Change) -> tuple[Severity, str, str] | None:
    try:
        ask = (
            jinja2.Environment(undefined=jinja2.StrictUndefined)
            .from_string(rule.ask)
            .render(
                product=change.key,
                program=change.key,
                key=change.key,
                field=change.field.replace("_", " "),
                before=fmt_value(change.before),
                after=fmt_value(change.after),
            )
        )
    except (jinja2.TemplateError, AttributeError):
        return None
    return rule.severity, f"{rule.title}: {change.key}", ask


def amendment_findings(
    base: Report,
    amendment: Report,
    changes: Sequence[Change],
    *,
    playbook: Playbook | None = None,
) -> tuple[Finding, ...]:
    """Amendment codes for the changes, then one-document codes the amendment newly triggers."""
    rules = _rules(playbook)
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for change in changes:
        code = _code(change)
        if code is None or (code, change.key, change.field) in seen:
            continue
        seen.add((code, change.key, change.field))
        severity, title = AMENDMENT_CODES[code]
        title, ask = f"{title}: {change.key}", _ASKS[code](change)
        if code in rules and (ruled := _from_rule(rules[code], change)) is not None:
            severity, title, ask = ruled
        items = amendment.items if change.evidence_after else base.items
        findings.append(
            Finding(
                code=code,
                severity=severity,
                title=title,
                detail=_detail(code, change),
                ask=ask,
                item_ids=_item_ids(change, items),
                evidence=_dedupe((*change.evidence_before, *change.evidence_after)),
            )
        )
    base_codes = {f.code for f in base.findings}
    findings.extend(f for f in amendment.findings if f.code not in base_codes)
    return tuple(findings)

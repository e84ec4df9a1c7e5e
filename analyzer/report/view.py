"""What every export shows, in order, as display strings: one source for md, html and docx.

Order: findings summary table, verdict, the three ledgers (with the substitution side by side
where funding replaces a discount), findings by severity with asks, items with evidence, seats,
and what was not found. A comparison puts its changes table and amendment findings first.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..records import SEVERITY_ORDER, Change, Comparison, Evidence, Finding, Report, to_jsonable


def _money(amount: Any, currency: Any) -> str:
    if amount is None:
        return "not stated"
    return f"{currency or ''} {float(amount):,.0f}".strip()


def _quote(evidence: tuple[Evidence, ...]) -> str:
    if not evidence:
        return ""
    e = evidence[0]
    where = f"{e.document}, p. {e.page}" if e.page else e.document
    more = f" (+{len(evidence) - 1} more)" if len(evidence) > 1 else ""
    return f"{where}: \u201c{e.text}\u201d{more}"


def ledger_rows(report: Report) -> list[dict[str, str]]:
    ent, fund, disc = (
        report.ledgers.entitlement,
        report.ledgers.funded_credit,
        report.ledgers.discount,
    )
    entitlement = (
        f"{ent.get('eligible_seats') or 0:,} eligible seats (threshold {ent.get('threshold')}); "
        + ("qualifies for FastTrack" if ent.get("qualifies") else "below the FastTrack threshold")
        + ("; onboarding planned" if ent.get("engaged") else "; onboarding not planned")
    )
    funded = (
        f"face value {_money(fund.get('face_value'), fund.get('currency'))}; "
        f"at risk {_money(fund.get('at_risk'), fund.get('currency'))}"
        if fund.get("item_ids")
        else "no funded credits"
    )
    if disc.get("percent") is not None:
        value = disc.get("recurring_value")
        covered, term = disc.get("months_covered"), disc.get("term_months")
        discount = f"{disc['percent']:g}% for {covered} of {term} months"
        discount += (
            f"; recurring value {_money(value, disc.get('currency'))} over the term"
            if value is not None
            else "; value not computable (no unit prices)"
        )
    else:
        discount = "no recurring discount"
        per_point = disc.get("list_value_per_point")
        if per_point:
            discount += (
                f" (each point of discount would be worth {_money(per_point, disc.get('currency'))}"
                " over the term)"
            )
    rows = [
        {"ledger": "Entitlement (already paid for)", "value": entitlement},
        {"ledger": "Funded credits (one-time)", "value": funded},
        {"ledger": "Discount (recurring)", "value": discount},
    ]
    substitution = disc.get("substitution")
    if substitution:
        rows.append(
            {
                "ledger": "Funding offered in place of a discount",
                "value": (
                    "one-time offset "
                    + _money(substitution.get("one_time_offset"), substitution.get("currency"))
                    + " vs each point of recurring discount given up worth "
                    + _money(
                        substitution.get("recurring_concession_given_up"), disc.get("currency")
                    )
                    + " over the term"
                ),
            }
        )
    rows += _extra_rows(report)
    return rows


_KNOWN_LEDGER_KEYS = {
    "entitlement": {"programs", "eligible_seats", "threshold", "qualifies", "engaged", "item_ids"},
    "funded_credit": {"currency", "face_value", "at_risk", "at_risk_reasons", "item_ids"},
    "discount": {
        "currency",
        "percent",
        "recurring_value",
        "months_covered",
        "term_months",
        "basis",
        "item_ids",
        "substitution",
        "list_value_per_point",
    },
}


def _extra_rows(report: Report) -> list[dict[str, str]]:
    """Ledger keys the playbook adds later are shown as they are, so a new key never vanishes."""
    rows = []
    for name, known in _KNOWN_LEDGER_KEYS.items():
        ledger = getattr(report.ledgers, name) or {}
        for key, value in ledger.items():
            if key not in known and value not in (None, "", [], {}):
                label = f"{name.replace('_', ' ').capitalize()}: {str(key).replace('_', ' ')}"
                rows.append({"ledger": label, "value": _display(value)})
    return rows


def summary_rows(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    counts = Counter((f.code, f.severity, f.title) for f in findings)
    ordered = sorted(counts.items(), key=lambda kv: (SEVERITY_ORDER[kv[0][1]], kv[0][0]))
    return [
        {"code": code, "severity": severity, "title": title, "count": n}
        for (code, severity, title), n in ordered
    ]


def finding_rows(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    ordered = sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code))
    return [
        {
            "code": f.code,
            "severity": f.severity,
            "title": f.title,
            "detail": f.detail,
            "ask": f.ask or "",
            "evidence": _quote(f.evidence),
        }
        for f in ordered
    ]


def report_view(report: Report, title: str = "Gap report") -> dict[str, Any]:
    return {
        "title": title,
        "documents": [
            f"{d.name} ({d.format}, {d.pages} page(s){', OCR' if d.ocr else ''})"
            for d in report.documents
        ],
        "warnings": [f"{d.name}: {w}" for d in report.documents for w in d.warnings],
        "verdict": report.verdict,
        "summary": summary_rows(report.findings),
        "ledgers": ledger_rows(report),
        "findings": finding_rows(report.findings),
        "items": [
            {
                "id": i.id,
                "category": i.category.replace("_", " "),
                "summary": i.summary,
                "confidence": f"{i.confidence:.2f}",
                "evidence": _quote(i.evidence),
            }
            for i in report.items
        ],
        "seats": [
            {
                "product": s.product,
                "quantity": f"{s.quantity:,}",
                "eligible": {True: "yes", False: "no", None: "unknown"}[s.fasttrack_eligible],
                "evidence": _quote(s.evidence),
            }
            for s in report.seats
        ],
        "missing": list(report.missing),
        "changes": [],
        "amendment_findings": [],
    }


def comparison_view(comparison: Comparison) -> dict[str, Any]:
    view = report_view(comparison.amendment, title="Amendment check")
    view["changes"] = [
        {
            "kind": c.kind,
            "key": c.key,
            "field": c.field,
            "before": _display(c.before),
            "after": _display(c.after),
            "evidence": _both_sides(c),
            "revision": c.revision.describe() if c.revision else "",
        }
        for c in comparison.changes
    ]
    view["amendment_findings"] = finding_rows(comparison.findings)
    view["summary"] = summary_rows(comparison.findings)
    return view


def _both_sides(change: Change) -> str:
    """A change is only checkable against both versions: quote the base and the amendment."""
    sides = [
        f"{label}: {_quote(evidence)}"
        for label, evidence in (
            ("base", change.evidence_before),
            ("amended", change.evidence_after),
        )
        if evidence
    ]
    return " / ".join(sides) or "-"


def _display(value: Any) -> str:
    value = to_jsonable(value)
    if value is None:
        return "-"
    if isinstance(value, dict) and "amount" in value:
        return _money(value["amount"], value.get("currency"))
    if isinstance(value, dict) and "date" in value:
        return str(value.get("date") or value.get("text"))
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def fmt_value(value: Any) -> str:
    """A before/after value as a reader expects it: money with currency, dates ISO."""
    return _display(value)

"""Reports as plain data: exactly the shape of report.schema.json, plus documented extras.

Extras (allowed by the schema): ``verdict``, ``missing``, ``rollout``, per-item ``flags`` and
``unit_price``, per-document ``revisions``. Evidence drops its internal block index.
"""

from __future__ import annotations

from typing import Any

from ..records import (
    Change,
    Comparison,
    Evidence,
    Finding,
    Item,
    Report,
    Revision,
    Seat,
    to_jsonable,
)


def _evidence(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [{"document": e.document, "page": e.page, "text": e.text} for e in evidence]


def _money(value: Any) -> dict[str, Any] | None:
    return None if value is None else {"value": float(value.amount), "currency": value.currency}


def seat_to_dict(seat: Seat) -> dict[str, Any]:
    return {
        "product": seat.product,
        "quantity": seat.quantity,
        "fasttrack_eligible": seat.fasttrack_eligible,
        "unit_price": _money(seat.unit_price),
        "term_months": seat.term_months,
        "evidence": _evidence(seat.evidence),
    }


def item_to_dict(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "category": item.category,
        "program": item.program,
        "summary": item.summary,
        "amount": _money(item.amount),
        "percent": item.percent,
        "quantity": item.quantity,
        "products": list(item.products),
        "scope": list(item.scope),
        "expires": None
        if item.expires is None
        else {
            "date": item.expires.date.isoformat() if item.expires.date else None,
            "text": item.expires.text,
        },
        "term_months": item.term_months,
        "partner": None
        if item.partner is None
        else {"name": item.partner.name, "requirement": item.partner.requirement},
        "conditions": list(item.conditions),
        "evidence": _evidence(item.evidence),
        "confidence": item.confidence,
        "flags": list(item.flags),
        "unit_price": _money(item.unit_price),
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "title": finding.title,
        "detail": finding.detail,
        "ask": finding.ask,
        "item_ids": list(finding.item_ids),
        "evidence": _evidence(finding.evidence),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": report.schema_version,
        "verdict": report.verdict,
        "documents": [
            {
                "name": d.name,
                "sha256": d.sha256,
                "format": d.format,
                "pages": d.pages,
                "ocr": d.ocr,
                "warnings": list(d.warnings),
                "revisions": [revision_to_dict(r) for r in d.revisions],
            }
            for d in report.documents
        ],
        "seats": [seat_to_dict(s) for s in report.seats],
        "items": [item_to_dict(i) for i in report.items],
        "findings": [finding_to_dict(f) for f in report.findings],
        "ledgers": to_jsonable(
            {
                "entitlement": report.ledgers.entitlement,
                "funded_credit": report.ledgers.funded_credit,
                "discount": report.ledgers.discount,
            }
        ),
        "rollout": [
            {
                "name": p.name,
                "workloads": list(p.workloads),
                "start": p.start.isoformat() if p.start else None,
                "end": p.end.isoformat() if p.end else None,
                "evidence": _evidence(p.evidence),
            }
            for p in report.rollout
        ],
        "missing": list(report.missing),
    }


def change_to_dict(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "key": change.key,
        "field": change.field,
        "before": to_jsonable(change.before),
        "after": to_jsonable(change.after),
        "evidence_before": _evidence(change.evidence_before),
        "evidence_after": _evidence(change.evidence_after),
        "revision": revision_to_dict(change.revision) if change.revision else None,
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "base": report_to_dict(comparison.base),
        "amendment": report_to_dict(comparison.amendment),
        "changes": [change_to_dict(c) for c in comparison.changes],
        "findings": [finding_to_dict(f) for f in comparison.findings],
    }


def revision_to_dict(revision: Revision) -> dict[str, Any]:
    """A Word revision as it always serialised; a line of diff markup also says so and where."""
    data: dict[str, Any] = to_jsonable(revision)
    if revision.origin == "tracked":
        del data["origin"], data["line"]
    return data

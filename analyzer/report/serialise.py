"""Reports as plain JSON that matches report.schema.json, the contract other tools read.

The schema is the published interface, so serialisation is explicit field by field rather than
a blind ``asdict``: a renamed record field must not silently change the JSON.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..records import (
    Change,
    Comparison,
    DocumentSummary,
    Evidence,
    Finding,
    Item,
    Report,
    Revision,
    RolloutPhase,
    Seat,
    to_jsonable,
)


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The schema copy shipped inside the package, so validation works from an installed wheel."""
    text = resources.files("analyzer").joinpath("data/report.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def evidence_to_dict(evidence: Evidence) -> dict[str, Any]:
    return {
        "document": evidence.document,
        "page": evidence.page,
        "text": evidence.text,
        "block": evidence.block,
    }


def _evidence(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [evidence_to_dict(e) for e in evidence]


def revision_to_dict(revision: Revision) -> dict[str, Any]:
    return {
        "kind": revision.kind,
        "text": revision.text,
        "block": revision.block,
        "author": revision.author,
        "date": revision.date,
    }


def document_to_dict(summary: DocumentSummary) -> dict[str, Any]:
    return {
        "name": summary.name,
        "sha256": summary.sha256,
        "format": summary.format,
        "pages": summary.pages,
        "ocr": summary.ocr,
        "warnings": list(summary.warnings),
        "revisions": [revision_to_dict(r) for r in summary.revisions],
    }


def seat_to_dict(seat: Seat) -> dict[str, Any]:
    return {
        "product": seat.product,
        "quantity": seat.quantity,
        "fasttrack_eligible": seat.fasttrack_eligible,
        "unit_price": to_jsonable(seat.unit_price),
        "term_months": seat.term_months,
        "evidence": _evidence(seat.evidence),
    }


def item_to_dict(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "category": item.category,
        "program": item.program,
        "summary": item.summary,
        "amount": (
            None
            if item.amount is None
            else {"value": item.amount.amount, "currency": item.amount.currency}
        ),
        "percent": item.percent,
        "quantity": item.quantity,
        "products": list(item.products),
        "scope": list(item.scope),
        "expires": (
            None
            if item.expires is None
            else {
                "date": item.expires.date.isoformat() if item.expires.date else None,
                "text": item.expires.text,
            }
        ),
        "term_months": item.term_months,
        "partner": (
            None
            if item.partner is None
            else {"name": item.partner.name, "requirement": item.partner.requirement}
        ),
        "conditions": list(item.conditions),
        "evidence": _evidence(item.evidence),
        "confidence": max(0.0, min(1.0, float(item.confidence))),
        "flags": list(item.flags),
        "unit_price": to_jsonable(item.unit_price),
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


def phase_to_dict(phase: RolloutPhase) -> dict[str, Any]:
    return {
        "name": phase.name,
        "workloads": list(phase.workloads),
        "start": phase.start.isoformat() if phase.start else None,
        "end": phase.end.isoformat() if phase.end else None,
        "evidence": _evidence(phase.evidence),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as report.schema.json describes it, plus verdict, missing, rollout."""
    return {
        "schema_version": report.schema_version,
        "documents": [document_to_dict(d) for d in report.documents],
        "seats": [seat_to_dict(s) for s in report.seats],
        "items": [item_to_dict(i) for i in report.items],
        "findings": [finding_to_dict(f) for f in report.findings],
        "ledgers": {
            "entitlement": to_jsonable(report.ledgers.entitlement),
            "funded_credit": to_jsonable(report.ledgers.funded_credit),
            "discount": to_jsonable(report.ledgers.discount),
        },
        "rollout": [phase_to_dict(p) for p in report.rollout],
        "missing": list(report.missing),
        "verdict": report.verdict,
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
        "revision": None if change.revision is None else revision_to_dict(change.revision),
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "base": report_to_dict(comparison.base),
        "amendment": report_to_dict(comparison.amendment),
        "changes": [change_to_dict(c) for c in comparison.changes],
        "findings": [finding_to_dict(f) for f in comparison.findings],
    }


def validate_report_dict(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when ``data`` breaks the published schema."""
    import jsonschema

    jsonschema.validate(data, load_schema())

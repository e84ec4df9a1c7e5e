"""The whole pipeline on the development corpus: schema-valid reports, verified evidence, and
every one-document finding code triggered on a document written for it and absent on a near miss.

Each sample's labels were written by the corpus generator from the values it put in the
document, not from the analyzer's output, so these assertions can fail.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import analyzer
from analyzer.report import report_to_dict
from tests.conftest import ROOT, SAMPLES, SHARED

DEV = SAMPLES / "dev"
SCHEMA_PATH = SHARED / "report.schema.json"
if not SCHEMA_PATH.exists():
    SCHEMA_PATH = ROOT / "analyzer" / "data" / "report.schema.json"
ONE_DOCUMENT_CODES = [
    "FASTTRACK_NOT_ENGAGED",
    "FASTTRACK_BELOW_THRESHOLD",
    "ENTITLEMENT_TRADED",
    "FUNDING_REPLACES_DISCOUNT",
    "DISCOUNT_MISSING",
    "DISCOUNT_PARTIAL_TERM",
    "CREDIT_NO_EXPIRY",
    "CREDIT_NO_SCOPE",
    "CREDIT_NO_PARTNER_TERMS",
    "CREDIT_PARTNER_RESTRICTED",
    "CREDIT_EXPIRES_BEFORE_ROLLOUT",
    "EXPANSION_COMMITMENT",
    "ONBOARDING_WINDOW_RISK",
    "NO_ADOPTION_DATA",
]
# (code, document written to trigger it, near miss that must not trigger it)
TRIGGERS = [
    ("FASTTRACK_NOT_ENGAGED", "dev-004", "dev-002"),  # 2,500 seats, FastTrack engaged
    ("FASTTRACK_BELOW_THRESHOLD", "dev-006", "dev-004"),
    ("ENTITLEMENT_TRADED", "dev-019", "dev-002"),
    ("FUNDING_REPLACES_DISCOUNT", "dev-001", "dev-002"),  # funding beside a discount
    ("DISCOUNT_MISSING", "dev-017", "dev-002"),
    ("DISCOUNT_PARTIAL_TERM", "dev-002", "dev-004"),
    ("CREDIT_NO_EXPIRY", "dev-026", "dev-002"),
    ("CREDIT_NO_SCOPE", "dev-021", "dev-002"),
    ("CREDIT_NO_PARTNER_TERMS", "dev-007", "dev-001"),
    ("CREDIT_PARTNER_RESTRICTED", "dev-002", "dev-026"),
    ("CREDIT_EXPIRES_BEFORE_ROLLOUT", "dev-001", "dev-002"),
    ("EXPANSION_COMMITMENT", "dev-003", "dev-002"),
    ("ONBOARDING_WINDOW_RISK", "dev-005", "dev-001"),
    ("NO_ADOPTION_DATA", "dev-004", "dev-002"),  # dev-002 promises usage reports
]


def _labels(sample_id: str) -> dict[str, Any]:
    return json.loads((DEV / f"{sample_id}.labels.json").read_text(encoding="utf-8"))


@cache
def _report(sample_id: str) -> analyzer.Report:
    labels = _labels(sample_id)
    return analyzer.analyze([DEV / name for name in labels["files"]])


def _standalone_samples() -> list[str]:
    ids = []
    for path in sorted(DEV.glob("*.labels.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        if not labels.get("amendment_of"):
            ids.append(labels["id"])
    return ids


def test_every_one_document_code_has_a_trigger_and_a_near_miss() -> None:
    assert sorted(code for code, _, _ in TRIGGERS) == sorted(ONE_DOCUMENT_CODES)
    for code, trigger, near_miss in TRIGGERS:
        assert code in _labels(trigger)["findings"], (code, trigger)
        assert code not in _labels(near_miss)["findings"], (code, near_miss)


@pytest.mark.slow
@pytest.mark.parametrize(("code", "trigger", "near_miss"), TRIGGERS, ids=[t[0] for t in TRIGGERS])
def test_code_triggers_on_its_document_and_not_on_the_near_miss(
    code: str, trigger: str, near_miss: str
) -> None:
    assert code in {f.code for f in _report(trigger).findings}
    assert code not in {f.code for f in _report(near_miss).findings}


@pytest.mark.slow
@pytest.mark.parametrize("sample_id", _standalone_samples())
def test_report_is_schema_valid_with_verified_evidence(sample_id: str) -> None:
    report = _report(sample_id)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    data = report_to_dict(report)
    jsonschema.validate(data, schema)
    documents = {name: analyzer.load(DEV / name) for name in _labels(sample_id)["files"]}
    quotes = [e for item in report.items for e in item.evidence]
    quotes += [e for seat in report.seats for e in seat.evidence]
    quotes += [e for finding in report.findings for e in finding.evidence]
    for evidence in quotes:
        assert documents[evidence.document].contains_quote(evidence.text), evidence
        assert all(0 <= item.confidence <= 1 for item in report.items)


@pytest.mark.slow
def test_negative_documents_yield_no_commercial_items() -> None:
    negatives = [
        labels["id"]
        for labels in map(_labels, _standalone_samples())
        if labels["style"].startswith("negative")
    ]
    assert negatives
    for sample_id in negatives:
        report = _report(sample_id)
        assert not [i for i in report.items if i.category != "other"], sample_id
        assert not report.findings, sample_id
        assert not report.seats, sample_id


def test_several_files_of_one_deal_make_one_report(tmp_path: Path) -> None:
    report = analyzer.analyze([DEV / "dev-025.pdf", DEV / "dev-025.xlsx"])
    assert [d.name for d in report.documents] == ["dev-025.pdf", "dev-025.xlsx"]
    evidence_documents = {e.document for s in report.seats for e in s.evidence}
    assert "dev-025.xlsx" in evidence_documents

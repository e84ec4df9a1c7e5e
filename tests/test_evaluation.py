"""The scoring arithmetic of `contract-analyzer eval`, on label files written to disk."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from analyzer.evaluation import evaluate_directory, format_result
from analyzer.records import (
    Evidence,
    Expiry,
    Finding,
    Item,
    Ledgers,
    Money,
    Partner,
    Report,
    Seat,
)

EVIDENCE = (Evidence(document="deal.pdf", page=1, text="x"),)


def _labels(tmp_path: Path) -> Path:
    labels = {
        "id": "t-1",
        "set": "eval",
        "style": "renewal_proposal",
        "files": ["deal.pdf"],
        "seats": [{"product": "Microsoft 365 E5", "quantity": 4200}],
        "items": [
            {
                "category": "funded_credit",
                "program": "ECIF",
                "amount": {"value": 250000, "currency": "USD"},
                "percent": None,
                "expires": "2027-06-30",
                "scope": ["Teams Phone", "Intune"],
                "partner": {"name": "Acme Cloud Advisors Ltd", "requirement": "named"},
            },
            {"category": "discount", "program": None, "percent": 12.0, "scope": []},
        ],
        "findings": ["CREDIT_PARTNER_RESTRICTED", "NO_ADOPTION_DATA"],
    }
    (tmp_path / "t-1.labels.json").write_text(json.dumps(labels))
    (tmp_path / "deal.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


def _report(*, percent: float, scope: tuple[str, ...]) -> Report:
    credit = Item(
        id="funded_credit-1",
        category="funded_credit",
        program="ECIF",
        summary="",
        evidence=EVIDENCE,
        confidence=0.9,
        amount=Money(250000.0, "USD"),
        expires=Expiry(date=__import__("datetime").date(2027, 6, 30), text="30 June 2027"),
        scope=scope,
        partner=Partner("Acme Cloud Advisors Ltd", "named"),
    )
    discount = Item(
        id="discount-1",
        category="discount",
        program=None,
        summary="",
        evidence=EVIDENCE,
        confidence=0.9,
        percent=percent,
    )
    return Report(
        documents=(),
        seats=(Seat(product="Microsoft 365 E5", quantity=4200, evidence=EVIDENCE),),
        items=(credit, discount),
        findings=(
            Finding("CREDIT_PARTNER_RESTRICTED", "info", "t", "d", None),
            Finding("DISCOUNT_MISSING", "high", "t", "d", None),
        ),
        ledgers=Ledgers({}, {}, {}),
    )


def test_perfect_fields_score_one_and_errors_are_counted(tmp_path: Path) -> None:
    directory = _labels(tmp_path)

    def analyze(paths: Sequence[Path]) -> Report:
        assert [p.name for p in paths] == ["deal.pdf"]
        return _report(percent=12.0, scope=("Teams Phone",))

    result = evaluate_directory(directory, analyze_files=analyze)
    scores = result.scores
    assert scores["seats"].f1 == 1.0
    assert scores["amount"].f1 == 1.0
    assert scores["percent"].f1 == 1.0
    assert scores["partner"].f1 == 1.0
    # one of two scope workloads found: precision 1, recall 0.5
    assert scores["scope"].precision == 1.0
    assert scores["scope"].recall == pytest.approx(0.5)
    # one finding right, one missed, one extra
    assert (scores["findings"].tp, scores["findings"].fp, scores["findings"].fn) == (1, 1, 1)
    text = format_result(result)
    assert "missing scope: ('funded_credit', 'intune')" in text
    assert "extra   findings: ('DISCOUNT_MISSING',)" in text


def test_wrong_percent_costs_precision_and_recall(tmp_path: Path) -> None:
    result = evaluate_directory(
        _labels(tmp_path), analyze_files=lambda _: _report(percent=10.0, scope=())
    )
    assert result.scores["percent"].precision == 0.0
    assert result.scores["percent"].recall == 0.0
    assert not result.documents[0].ok


def test_a_code_raised_for_two_credits_counts_once_as_in_the_labels(tmp_path: Path) -> None:
    """Labels list each finding code once; a report raises it once per credit."""
    directory = _labels(tmp_path)
    report = _report(percent=12.0, scope=("Teams Phone", "Intune"))
    twice = dataclasses.replace(
        report,
        findings=(
            Finding("CREDIT_PARTNER_RESTRICTED", "info", "t", "d", None),
            Finding("CREDIT_PARTNER_RESTRICTED", "info", "t", "d", None),
            Finding("NO_ADOPTION_DATA", "low", "t", "d", None),
        ),
    )
    result = evaluate_directory(directory, analyze_files=lambda paths: twice)
    scores = result.scores["findings"]
    assert (scores.tp, scores.fp, scores.fn) == (2, 0, 0)

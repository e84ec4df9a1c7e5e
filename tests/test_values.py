"""The typed-value layer on tricky real phrasing, and the `mentions` command in one process."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer.cli import main
from analyzer.nlp import find_mentions, mentions_in_text, mentions_jsonl
from analyzer.records import Block, Document

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "tricky_values.yaml").read_text())
VALUE_KINDS = {"money", "percent", "date", "duration", "count"}


def _as_json(text: str) -> list[dict[str, Any]]:
    line = next(mentions_jsonl([json.dumps({"text": text})]))
    return json.loads(line)["mentions"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:48])
def test_tricky_values(case: dict[str, Any]) -> None:
    found = _as_json(case["text"])
    got = [[m["kind"], m["text"], m["value"]] for m in found]
    for expected in case["expect"]:
        assert expected in got, (expected, got)
    mentions = mentions_in_text(case["text"])
    for absent in case.get("absent", []):
        kind, _, label = absent.partition(":")
        assert not [m for m in mentions if m.kind == kind and (not label or m.label == label)]
    for text, label in case.get("labels", {}).items():
        assert any(m.text == text and m.label == label for m in mentions), (text, label)


def test_relative_date_resolves_against_the_documents_effective_date() -> None:
    blocks = (
        Block(kind="paragraph", text="Effective Date: 1 November 2026.", index=0),
        Block(
            kind="paragraph",
            text="Microsoft will fund USD 80,000; the funds must be claimed within 90 days of the "
            "Effective Date, and the review happens 18 months after signature.",
            index=1,
        ),
    )
    document = Document(name="d", format="txt", sha256="", blocks=blocks)
    dates = {m.text: m.value for m in find_mentions(document) if m.kind == "date"}
    assert dates["within 90 days of the Effective Date"].date.isoformat() == "2027-01-30"
    unresolved = dates["18 months after signature"]
    assert unresolved.date is None and unresolved.relative


def test_mentions_command_handles_thousands_of_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        json.dumps({"text": f"Line {i}: USD {i * 1000:,} for {i + 10} users by 30 June 2027."})
        for i in range(1, 2001)
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["mentions"]) == 0
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(results) == 2000
    last = results[-1]["mentions"]
    money = next(m for m in last if m["kind"] == "money")
    assert money["text"] == "USD 2,000,000"
    assert lines[-1][money["start"] + 10 : money["end"] + 10] == "USD 2,000,000"  # {"text": "
    assert money["value"] == {"amount": 2000000.0, "currency": "USD"}
    assert any(
        m["kind"] == "count" and m["value"] == {"value": 2010, "unit": "users"} for m in last
    )
    assert any(m["kind"] == "date" and m["value"] == "2027-06-30" for m in last)


def test_mentions_command_reports_bad_lines_without_stopping() -> None:
    results = [json.loads(line) for line in mentions_jsonl(["not json", '{"text": "5%"}'])]
    assert "error" in results[0]
    assert results[1]["mentions"][0]["value"] == 5.0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Brightwater Digital AG will deliver the migration.", "Brightwater Digital AG"),
        (
            "The work goes to Brightwater Digital AG, Kestrel's incumbent Microsoft partner.",
            "Brightwater Digital AG",
        ),
        ('The SOW is with Cobalt Ridge Solutions (the "Partner").', "Cobalt Ridge Solutions"),
        (
            "Services must be delivered by Cobalt Ridge Technology Solutions Pty Ltd Professional "
            "Services; funding cannot be transferred.",
            "Cobalt Ridge Technology Solutions Pty Ltd",
        ),
    ],
    ids=["will-deliver", "apposition", "defined-term", "stops-at-the-legal-form"],
)
def test_named_partners_in_other_wordings(text: str, name: str) -> None:
    from analyzer.nlp.components import find_partners
    from analyzer.records import Partner

    assert Partner(name, "named") in [f.value for f in find_partners(text)]


def test_microsoft_and_generic_subjects_are_not_named_partners() -> None:
    from analyzer.nlp.components import find_partners

    assert find_partners("Microsoft Services will deliver the FastTrack sessions.") == []


@pytest.mark.parametrize(
    ("text", "requirement"),
    [
        ("The work may be done by your preferred partner.", "any"),
        ("Kestrel's chosen provider may deliver it.", "any"),
        ("Delivery by a partner from Microsoft's approved list.", "approved"),
        ("The partner must hold a Solutions Partner designation.", "approved"),
    ],
)
def test_partner_classes_in_other_wordings(text: str, requirement: str) -> None:
    from analyzer.nlp.components import find_partners

    assert requirement in {f.value.requirement for f in find_partners(text)}  # type: ignore[union-attr]

"""The typed-value layer on public extractors' own test cases (LexNLP, price-parser,
Microsoft Recognizers-Text, dateparser); sources and licences are named in the case file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer.nlp import mentions_in_text
from analyzer.records import DateValue, Money

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "public_values.yaml").read_text(encoding="utf-8")
)


def _values(text: str, kind: str) -> list[Any]:
    out: list[Any] = []
    for mention in mentions_in_text(text):
        if mention.kind != kind:
            continue
        value = mention.value
        if isinstance(value, Money):
            out.append([round(value.amount, 2), value.currency])
        elif isinstance(value, DateValue):
            out.append(value.date.isoformat() if value.date else None)
        else:
            out.append(value)
    return out


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        params.append(pytest.param(case, marks=marks, id=f"{case['source']}:{case['text'][:40]}"))
    return params


@pytest.mark.parametrize("case", _params())
def test_public_case(case: dict[str, Any]) -> None:
    got = _values(case["text"], case["kind"])
    expected = case["expect"]
    key = repr
    assert Counter(map(key, expected)) == Counter(map(key, got)), got


def test_every_source_is_represented() -> None:
    assert {case["source"] for case in CASES} == {"lexnlp", "pp", "mrt", "dp"}
    assert len(CASES) >= 40

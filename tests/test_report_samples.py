"""Reports of real sample files: schema-valid JSON for every dev sample, goldens for two."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import analyzer
from analyzer.records import Report

from .conftest import ROOT, SAMPLES
from .test_report import check_golden

SCHEMA = json.loads((ROOT / "analyzer" / "data" / "report.schema.json").read_text("utf-8"))
DEV = SAMPLES / "dev"
GOLDEN_SAMPLES = ["dev-001", "dev-013"]  # a PDF proposal, and a redlined DOCX


def _files(sample: str) -> list[Path]:
    labels = json.loads((DEV / f"{sample}.labels.json").read_text("utf-8"))
    return [DEV / name for name in labels["files"]]


@cache
def analysed(sample: str) -> Report:
    return analyzer.analyze(_files(sample))


def _all_samples() -> list[str]:
    return sorted(p.name.removesuffix(".labels.json") for p in DEV.glob("*.labels.json"))


def normalised(report: Report) -> dict[str, Any]:
    """The JSON report without model scores, so goldens survive classifier retraining."""
    data: dict[str, Any] = json.loads(analyzer.render(report, "json"))
    for item in data["items"]:
        del item["confidence"]
    return data


def normalised_markdown(report: Report) -> str:
    """The Markdown export with the items table's confidence cells blanked, for the same reason."""
    text = analyzer.render(report, "md").decode("utf-8")
    return re.sub(r"\| (?:0|1)\.\d+ \|", "| (score) |", text)


@pytest.mark.parametrize("sample", GOLDEN_SAMPLES)
def test_sample_report_validates_against_the_schema(sample: str) -> None:
    jsonschema.validate(json.loads(analyzer.render(analysed(sample), "json")), SCHEMA)


@pytest.mark.slow
@pytest.mark.parametrize("sample", _all_samples())
def test_every_dev_sample_report_validates_and_renders(sample: str) -> None:
    report = analysed(sample)
    jsonschema.validate(json.loads(analyzer.render(report, "json")), SCHEMA)
    for fmt in ("md", "html", "docx"):
        assert analyzer.render(report, fmt)


@pytest.mark.parametrize("sample", GOLDEN_SAMPLES)
def test_sample_golden_json(sample: str) -> None:
    text = json.dumps(normalised(analysed(sample)), indent=2, sort_keys=True, ensure_ascii=False)
    check_golden(text + "\n", f"sample-{sample}.json")


@pytest.mark.parametrize("sample", GOLDEN_SAMPLES)
def test_sample_golden_markdown(sample: str) -> None:
    check_golden(normalised_markdown(analysed(sample)), f"sample-{sample}.md")


def test_redline_revisions_reach_the_report() -> None:
    data = json.loads(analyzer.render(analysed("dev-013"), "json"))
    revisions = [r for d in data["documents"] for r in d["revisions"]]
    assert any(r["author"] == "Priya Raman (Microsoft)" for r in revisions)

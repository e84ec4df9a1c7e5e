"""Score the analyzer against labelled documents: per-field precision, recall and F1.

Each field is compared as a multiset of normalised facts per document (for example
``("funded_credit", 250000.0, "USD")`` for an amount), so an item counts once however many
times the document repeats it, and a wrong category costs both precision and recall.
Amendments (labels with ``amendment_of``) are scored on their changes through ``compare``,
which is the question a buyer asks of them. Labels are never read by the analyzer itself.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import AnalyzerError
from .records import Change, Report, Seat, to_jsonable

FIELDS = (
    "seats",
    "category",
    "program",
    "amount",
    "percent",
    "expires",
    "scope",
    "partner",
    "findings",
    "changes",
)

Fact = tuple[Hashable, ...]


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentResult:
    id: str
    missing: dict[str, list[Fact]] = field(default_factory=dict)
    extra: dict[str, list[Fact]] = field(default_factory=dict)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return (
            self.error is None and not any(self.missing.values()) and not any(self.extra.values())
        )


@dataclass
class EvaluationResult:
    scores: dict[str, FieldScore]
    documents: list[DocumentResult]

    def to_dict(self) -> dict[str, Any]:
        return {
            "fields": {
                name: {
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                }
                for name, s in self.scores.items()
            },
            "documents": [
                {
                    "id": d.id,
                    "error": d.error,
                    "missing": {k: [list(f) for f in v] for k, v in d.missing.items() if v},
                    "extra": {k: [list(f) for f in v] for k, v in d.extra.items() if v},
                }
                for d in self.documents
            ],
        }


# --------------------------------------------------------------------------- normalisation


def _norm(text: str | None) -> str | None:
    return " ".join(text.lower().split()) if text else None


_LEGAL_SUFFIX = re.compile(
    r"[,\s]+(pty\.? ltd|ltd|limited|llc|inc|incorporated|gmbh|plc|llp|ag|b\.v|corp|corporation|"
    r"s\.a|sarl)\.?$"
)


def _company(name: str | None) -> str | None:
    """'Bluegum Digital Pty Ltd' and 'Bluegum Digital' are the same partner."""
    text = _norm(name)
    while text and _LEGAL_SUFFIX.search(text):
        text = _LEGAL_SUFFIX.sub("", text)
    return text


def _money(value: Any) -> tuple[float, str] | None:
    if not value:
        return None
    return (
        round(float(value["value"] if "value" in value else value["amount"]), 2),
        str(value["currency"]).upper(),
    )


def facts_from_labels(labels: Mapping[str, Any]) -> dict[str, Counter[Fact]]:
    items = labels.get("items", [])
    facts: dict[str, Counter[Fact]] = {name: Counter() for name in FIELDS}
    for seat in labels.get("seats", []):
        facts["seats"][(_norm(seat["product"]), int(seat["quantity"]))] += 1
    for item in items:
        _add_item_facts(
            facts,
            category=item["category"],
            program=item.get("program"),
            amount=_money(item.get("amount")),
            percent=item.get("percent"),
            expires=item.get("expires"),
            scope=item.get("scope") or [],
            partner=item.get("partner"),
        )
    for code in labels.get("findings", []):
        facts["findings"][(code,)] = 1  # a set of codes: labels list each code once
    for change in labels.get("changes", []) or []:
        facts["changes"][_change_fact(change)] += 1
    return facts


def facts_from_report(report: Report, changes: Sequence[Change] = ()) -> dict[str, Counter[Fact]]:
    facts: dict[str, Counter[Fact]] = {name: Counter() for name in FIELDS}
    for seat in report.seats:
        facts["seats"][_seat_fact(seat)] += 1
    for item in report.items:
        if item.category == "other":
            continue
        _add_item_facts(
            facts,
            category=item.category,
            program=item.program,
            amount=(round(item.amount.amount, 2), item.amount.currency) if item.amount else None,
            percent=item.percent,
            expires=item.expires.date.isoformat() if item.expires and item.expires.date else None,
            scope=list(item.scope),
            partner=(
                {"name": item.partner.name, "requirement": item.partner.requirement}
                if item.partner
                else None
            ),
        )
    for finding in report.findings:
        # one finding per credit in the report, one code in the labels: codes are scored as a set
        facts["findings"][(finding.code,)] = 1
    for change in changes:
        facts["changes"][
            _change_fact(
                {
                    "kind": change.kind,
                    "key": change.key,
                    "field": change.field,
                    "before": change.before,
                    "after": change.after,
                }
            )
        ] += 1
    return facts


def _seat_fact(seat: Seat) -> Fact:
    return (_norm(seat.product), int(seat.quantity))


def _add_item_facts(
    facts: dict[str, Counter[Fact]],
    *,
    category: str,
    program: str | None,
    amount: tuple[float, str] | None,
    percent: float | None,
    expires: str | None,
    scope: Iterable[str],
    partner: Mapping[str, Any] | None,
) -> None:
    facts["category"][(category,)] += 1
    if program:
        facts["program"][(category, _norm(program))] += 1
    if amount:
        facts["amount"][(category, *amount)] += 1
    if percent is not None:
        facts["percent"][(category, round(float(percent), 2))] += 1
    if expires:
        facts["expires"][(category, str(expires))] += 1
    for workload in scope:
        facts["scope"][(category, _norm(workload))] += 1
    if partner and partner.get("requirement") != "unstated":  # unstated = no partner terms
        name = _company(partner.get("name"))
        facts["partner"][(category, partner.get("requirement"), name)] += 1


def _change_fact(change: Mapping[str, Any]) -> Fact:
    def value(v: Any) -> Hashable:
        v = to_jsonable(v)
        if isinstance(v, dict) and "amount" in v:
            v = v["amount"]
        elif isinstance(v, dict) and "value" in v and "currency" in v:
            v = v["value"]
        elif isinstance(v, dict) and "requirement" in v:
            v = v["requirement"]
        elif isinstance(v, dict) and "date" in v:
            v = v["date"]
        if isinstance(v, dict):
            return json.dumps(v, sort_keys=True)
        if isinstance(v, list):
            return json.dumps(v)
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return v

    # Seats are keyed by product; other changes by kind and field, because a label's free-text
    # key ("discount") and the analyzer's ("Discount on Microsoft 365 E3") name the same term.
    key = _norm(str(change["key"])) if change["kind"] == "seats" else None
    if change["field"] in ("added", "removed"):
        return (change["kind"], key, change["field"])  # the value is the item itself
    return (
        change["kind"],
        key,
        change["field"],
        value(change.get("before")),
        value(change.get("after")),
    )


# --------------------------------------------------------------------------- running


def load_label_files(directory: Path) -> list[tuple[Path, dict[str, Any]]]:
    paths = sorted(directory.rglob("*.labels.json"))
    if not paths:
        raise AnalyzerError(f"no *.labels.json files under {directory}")
    return [(path, json.loads(path.read_text(encoding="utf-8"))) for path in paths]


def evaluate_directory(
    directory: Path,
    *,
    analyze_files: Callable[[Sequence[Path]], Report] | None = None,
    compare_files: Callable[[Sequence[Path], Sequence[Path]], tuple[Report, Sequence[Change]]]
    | None = None,
) -> EvaluationResult:
    from . import pipeline

    def default_analyze(paths: Sequence[Path]) -> Report:
        return pipeline.analyze(list(paths))

    def default_compare(
        base: Sequence[Path], amendment: Sequence[Path]
    ) -> tuple[Report, Sequence[Change]]:
        comparison = pipeline.compare(list(base), list(amendment))
        return comparison.amendment, comparison.changes

    run_analyze = analyze_files or default_analyze
    run_compare = compare_files or default_compare
    labelled = load_label_files(directory)
    by_id = {labels["id"]: (path, labels) for path, labels in labelled}
    scores = {name: FieldScore() for name in FIELDS}
    results = []
    for path, labels in labelled:
        result = DocumentResult(id=labels["id"])
        files = [path.parent / name for name in labels["files"]]
        gold = facts_from_labels(labels)
        try:
            base_id = labels.get("amendment_of")
            if base_id:
                base_path, base_labels = by_id[base_id]
                base_files = [base_path.parent / name for name in base_labels["files"]]
                report, changes = run_compare(base_files, files)
                predicted = facts_from_report(report, changes)
                fields: Sequence[str] = ("changes",)
            else:
                predicted = facts_from_report(run_analyze(files))
                fields = [f for f in FIELDS if f != "changes"]
        except (AnalyzerError, KeyError) as exc:
            result.error = f"{type(exc).__name__}: {exc}"
            results.append(result)
            for name in FIELDS:
                scores[name].fn += sum(gold[name].values())
            continue
        for name in fields:
            tp = gold[name] & predicted[name]
            missing = gold[name] - predicted[name]
            extra = predicted[name] - gold[name]
            scores[name].tp += sum(tp.values())
            scores[name].fn += sum(missing.values())
            scores[name].fp += sum(extra.values())
            result.missing[name] = sorted(missing.elements(), key=repr)
            result.extra[name] = sorted(extra.elements(), key=repr)
        results.append(result)
    return EvaluationResult(scores=scores, documents=results)


def format_result(result: EvaluationResult, *, failures: bool = True) -> str:
    lines = [
        f"{'field':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'tp':>5} {'fp':>4} {'fn':>4}"
    ]
    for name, s in result.scores.items():
        lines.append(
            f"{name:<10} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} "
            f"{s.tp:>5} {s.fp:>4} {s.fn:>4}"
        )
    ok = sum(d.ok for d in result.documents)
    lines.append(f"\n{ok}/{len(result.documents)} documents fully correct")
    if failures:
        for doc in result.documents:
            if doc.ok:
                continue
            lines.append(f"\n{doc.id}:")
            if doc.error:
                lines.append(f"  error: {doc.error}")
            for name, facts in doc.missing.items():
                for fact in facts:
                    lines.append(f"  missing {name}: {fact}")
            for name, facts in doc.extra.items():
                for fact in facts:
                    lines.append(f"  extra   {name}: {fact}")
    return "\n".join(lines)

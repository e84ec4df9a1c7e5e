"""The playbook file (thresholds, severities, titles, asks) and the deal it is applied to.

A team copies ``analyzer/data/playbook.yaml``, tunes it and passes it with ``--playbook``;
the file is validated once, here, with errors that name the file and the field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..records import Document, Finding, Item, Ledgers, Mention, RolloutPhase, Seat

SEVERITIES = ("high", "medium", "low", "info")


@dataclass(frozen=True)
class Rule:
    severity: str
    title: str
    ask: str


@dataclass(frozen=True)
class Playbook:
    fasttrack_seat_threshold: int
    onboarding_window_months: int
    default_term_months: int
    similarity_threshold: float
    prototypes: tuple[str, ...]
    rules: Mapping[str, Rule]
    source: str = "default"
    fasttrack_seat_basis: str = "largest_plan"  # or "all_eligible_plans"

    @classmethod
    def load(cls, path: Path | None = None) -> Playbook:
        if path is None:
            text = resources.files("analyzer.data").joinpath("playbook.yaml").read_text("utf-8")
            source = "analyzer/data/playbook.yaml"
        else:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read the playbook: {exc.strerror}") from exc
            source = str(path)
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{source}: not valid YAML: {exc}") from exc
        return cls.from_dict(data, source=source)

    @classmethod
    def from_dict(cls, data: Any, *, source: str) -> Playbook:
        if not isinstance(data, dict):
            raise ConfigError(f"{source}: expected a mapping at the top level")
        defaults = _default_data() if source != "analyzer/data/playbook.yaml" else data
        merged = {**defaults, **data}
        rules_data = {**defaults.get("findings", {}), **(data.get("findings") or {})}
        substitution = {**defaults.get("substitution", {}), **(data.get("substitution") or {})}
        rules = {}
        for code, rule in rules_data.items():
            if not isinstance(rule, dict):
                raise ConfigError(f"{source}: findings.{code} must be a mapping")
            base = defaults.get("findings", {}).get(code, {})
            severity = rule.get("severity", base.get("severity"))
            if severity not in SEVERITIES:
                raise ConfigError(
                    f"{source}: findings.{code}.severity must be one of {', '.join(SEVERITIES)}"
                )
            rules[code] = Rule(
                severity=severity,
                title=str(rule.get("title", base.get("title", code))),
                ask=str(rule.get("ask", base.get("ask", ""))),
            )
        return cls(
            fasttrack_seat_threshold=_positive_int(merged, "fasttrack_seat_threshold", source),
            onboarding_window_months=_positive_int(merged, "onboarding_window_months", source),
            default_term_months=_positive_int(merged, "default_term_months", source),
            similarity_threshold=_fraction(substitution, "similarity_threshold", source),
            prototypes=tuple(str(p) for p in substitution.get("prototypes", [])),
            rules=rules,
            source=source,
            fasttrack_seat_basis=_choice(
                merged, "fasttrack_seat_basis", SEAT_BASES, source, default="largest_plan"
            ),
        )

    def with_overrides(self, **values: Any) -> Playbook:
        known = {f.name for f in dataclasses.fields(self)}
        unknown = set(values) - known
        if unknown:
            raise ConfigError(f"unknown playbook settings: {sorted(unknown)}")
        return dataclasses.replace(self, **values)


def _default_data() -> dict[str, Any]:
    text = resources.files("analyzer.data").joinpath("playbook.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


SEAT_BASES = ("largest_plan", "all_eligible_plans")


def _choice(
    data: Mapping[str, Any], key: str, choices: tuple[str, ...], source: str, *, default: str
) -> str:
    value = data.get(key, default)
    if value not in choices:
        raise ConfigError(f"{source}: {key} must be one of {', '.join(choices)}, got {value!r}")
    return str(value)


def _positive_int(data: Mapping[str, Any], key: str, source: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ConfigError(f"{source}: {key} must be a positive whole number, got {value!r}")
    return value


def _fraction(data: Mapping[str, Any], key: str, source: str) -> float:
    value = data.get(key)
    if not isinstance(value, int | float) or not 0 < float(value) <= 1:
        raise ConfigError(f"{source}: substitution.{key} must be between 0 and 1, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Deal:
    documents: tuple[Document, ...]
    mentions: Mapping[str, tuple[Mention, ...]]
    seats: tuple[Seat, ...]
    items: tuple[Item, ...]
    rollout: tuple[RolloutPhase, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    findings: tuple[Finding, ...]
    ledgers: Ledgers
    missing: tuple[str, ...] = field(default_factory=tuple)
    verdict: str = ""

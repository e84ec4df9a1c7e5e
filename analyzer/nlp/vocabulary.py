"""The domain vocabularies (products, programs, workloads, cue phrases) loaded from data files.

Product and program names change (Azure AD became Entra ID, Phone System became Teams Phone);
keeping them in YAML with their sources means a team updates a file, not the code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError


def _load(name: str) -> dict[str, Any]:
    text = resources.files("analyzer.data").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError(f"analyzer/data/{name}: expected a mapping at the top level")
    return data


@dataclass(frozen=True)
class Term:
    name: str
    aliases: tuple[str, ...]
    attrs: dict[str, Any]


@functools.lru_cache(maxsize=1)
def products() -> tuple[Term, ...]:
    return _terms(_load("products.yaml"), "products", "products.yaml")


@functools.lru_cache(maxsize=1)
def programs() -> tuple[Term, ...]:
    return _terms(_load("programs.yaml"), "programs", "programs.yaml")


@functools.lru_cache(maxsize=1)
def workloads() -> tuple[Term, ...]:
    return _terms(_load("workloads.yaml"), "workloads", "workloads.yaml")


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    data = _load("cues.yaml").get("cues", {})
    try:
        return {
            label: tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)
            for label, patterns in data.items()
        }
    except re.error as exc:
        raise ConfigError(f"analyzer/data/cues.yaml: bad pattern: {exc}") from exc


def _terms(data: dict[str, Any], key: str, filename: str) -> tuple[Term, ...]:
    out = []
    for i, entry in enumerate(data.get(key, [])):
        if "name" not in entry:
            raise ConfigError(f"analyzer/data/{filename}: entry {i} has no 'name'")
        names = [entry["name"]] if entry.get("name_is_alias", True) else []
        aliases = tuple(dict.fromkeys([*names, *entry.get("aliases", [])]))
        attrs = {k: v for k, v in entry.items() if k not in ("name", "aliases", "name_is_alias")}
        out.append(Term(entry["name"], aliases, attrs))
    return tuple(out)


@functools.lru_cache(maxsize=3)
def _by_name(kind: str) -> dict[str, Term]:
    terms = {"product": products, "program": programs, "workload": workloads}[kind]()
    return {term.name: term for term in terms}


def _attr(kind: str, name: str, key: str) -> Any:
    term = _by_name(kind).get(name)
    return term.attrs.get(key) if term is not None else None


def fasttrack_eligible(product: str) -> bool | None:
    value = _attr("product", product, "fasttrack_eligible")
    return bool(value) if value is not None else None


def product_names_no_workload(product: str) -> bool:
    """An add-on licence such as Teams Premium: the workload word in its name is no scope."""
    return bool(_attr("product", product, "names_no_workload"))


def program_kind(program: str) -> str | None:
    term = _by_name("program").get(program)
    return str(term.attrs.get("kind")) if term is not None else None


def partner_delivered(program: str) -> bool:
    return bool(_attr("program", program, "partner_delivered"))


def _aliases(kind: str, name: str) -> tuple[str, ...]:
    term = _by_name(kind).get(name)
    return tuple(term.aliases) if term is not None else ()


def product_aliases(product: str) -> tuple[str, ...]:
    return _aliases("product", product) or (product,)


def program_aliases(program: str) -> tuple[str, ...]:
    return _aliases("program", program)


def refers_back(program: str) -> bool:
    """A generic name that, without an amount of its own, means the named offer before it."""
    return bool(_attr("program", program, "refers_back"))


def generic_program(program: str) -> bool:
    """True for program names other vendors use too ("voucher"): not proof of a Microsoft deal."""
    return bool(_attr("program", program, "generic"))


def covered_workloads(workload: str) -> frozenset[str]:
    """The workloads an umbrella workload stands for ("Security": Defender, Purview, ...)."""
    return frozenset(_attr("workload", workload, "covers") or ())


def _patterns(terms: tuple[Term, ...], filename: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for term in terms:
        for pattern in term.attrs.get("patterns", ()):
            try:
                out.append((term.name, re.compile(pattern, re.IGNORECASE)))
            except re.error as exc:
                raise ConfigError(f"analyzer/data/{filename}: bad pattern: {exc}") from exc
    return tuple(out)


@functools.lru_cache(maxsize=1)
def workload_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(workload, pattern) pairs for descriptions that no fixed alias covers."""
    return _patterns(workloads(), "workloads.yaml")


@functools.lru_cache(maxsize=1)
def program_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(program, pattern) pairs for offers described rather than named ("Bluegum will do the
    Intune enrolment setup for u at no charge, ... worth about $2,400")."""
    return _patterns(programs(), "programs.yaml")

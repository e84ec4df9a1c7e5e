"""Rollout phases, from the documents (a phase table or prose) or from a YAML/CSV file.

A credit is only worth its face value if it can be spent when the workload it funds is rolled
out, so every credit's expiry is checked against the phase that covers its workloads.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import itertools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..nlp.values import shift
from ..records import DateValue, Document, Evidence, Mention, RolloutPhase

_PHASE_HEADER = re.compile(
    r"\b(phase|wave|stage|milestone|workstream|rollout|roll-out|timeline|go-live|activity)\b",
    re.IGNORECASE,
)
_PHASE_PROSE = re.compile(
    r"\b(phase|wave|stage)\s+(\d+|[ivx]+|one|two|three|four|[a-z])\b"
    r"|\b(first|second|third|fourth|final|pilot)\s+(phase|wave|stage)\b",
    re.IGNORECASE,
)
# "The Teams Phone pilot runs from 6 March to 30 June 2028": a stretch of the rollout named
# by what happens in it, with a start and an end. Funding sentences have dates and workloads
# too, so a sentence about funds is never a phase.
_ACTIVITY_PROSE = re.compile(
    r"\b(pilot|rollout|roll-out|cut-?over|go-live|migration|deployment)\b", re.IGNORECASE
)
# "alongside your own plan (Defender July 5 to October 29, 2027; Purview January 10 to ...)"
_PLAN_CONTEXT = re.compile(r"\b(plan|schedule|timeline|rollout|roll-out)\b", re.IGNORECASE)
_SAME_PHASE = re.compile(
    r"^\W*(?:it|this\s+(?:wave|phase|stage)|the\s+(?:wave|phase|stage))\s", re.I
)
_FUNDING = re.compile(r"\b(fund\w*|credits?|voucher|ECIF|claim\w*|invest\w*)\b", re.IGNORECASE)


def _task_tracker(header: Sequence[str]) -> bool:
    """ "Workstream | Owner | Status | Due": who does what by when (contract signature, a PO,
    a kick-off), not a plan of rollout phases with starts and ends."""
    cells = [c.strip().lower() for c in header]
    tracked = any(re.fullmatch(r"owners?|status|responsible|assigned\s+to", c) for c in cells)
    timed = any(re.search(r"\b(?:start|starts|from|begins?|commenc\w*)\b", c) for c in cells)
    return tracked and not timed


def find_rollout(
    documents: Sequence[Document], mentions: Mapping[str, Sequence[Mention]]
) -> tuple[RolloutPhase, ...]:
    phases: list[RolloutPhase] = []
    for document in documents:
        by_block: dict[int, list[Mention]] = {}
        for mention in mentions.get(document.name, ()):
            by_block.setdefault(mention.block, []).append(mention)
        for block in document.blocks:
            found = by_block.get(block.index, [])
            if (
                block.kind == "table"
                and block.rows
                and _PHASE_HEADER.search(" ".join(block.rows[0]))
                and not _task_tracker(block.rows[0])
            ):
                phases += _table_phases(document, block.text, block.page, block.index, found)
            elif block.kind != "table" and (
                _PHASE_PROSE.search(block.text)
                or _ACTIVITY_PROSE.search(block.text)
                or (
                    _PLAN_CONTEXT.search(block.text)
                    and (_RANGE.search(block.text) or len(_dates_in(found, 0, len(block.text))) > 1)
                )
            ):
                phases += _prose_phases(document, block.text, block.page, block.index, found)
    unique: dict[tuple[str, dt.date | None], RolloutPhase] = {}
    for phase in phases:
        unique.setdefault((phase.name.lower(), phase.start), phase)
    return tuple(unique.values())


_PHASE_NUMBER = re.compile(r"\b(\d+|one|two|three|four|i{1,3}|iv)\b", re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}


def _phase_number(name: str) -> int | None:
    found = _PHASE_NUMBER.search(name)
    if found is None:
        return None
    raw = found.group(1).lower()
    return _NUMBER_WORDS.get(raw) or int(raw)


def resolve_phase_dates(
    mentions: Sequence[Mention], phases: Sequence[RolloutPhase]
) -> tuple[Mention, ...]:
    """Deadlines written against the rollout ("by the end of Phase 2", "within 60 days of the
    completion of Wave 1") take the date of the phase they name, when the rollout gives it."""
    numbered = {n: p for p in phases if (n := _phase_number(p.name)) is not None}
    out = []
    for mention in mentions:
        value = mention.value
        if (
            mention.kind == "date"
            and isinstance(value, DateValue)
            and value.date is None
            and value.anchor
            and value.anchor.startswith("phase:")
        ):
            parts = value.anchor.split(":")
            phase = numbered.get(int(parts[1]))
            edge = None if phase is None else phase.start if parts[2] == "start" else phase.end
            if edge is not None:
                date = shift(edge, int(parts[3]), parts[4]) if len(parts) > 3 else edge
                mention = dataclasses.replace(mention, value=dataclasses.replace(value, date=date))
        out.append(mention)
    return tuple(out)


def _dates_in(
    found: list[Mention], start: int, end: int, *, written: bool = False
) -> list[dt.date]:
    return [
        m.value.date
        for m in found
        if m.kind == "date"
        and start <= m.start < end
        and isinstance(m.value, DateValue)
        and m.value.date is not None
        and not (written and m.value.relative)
    ]


def _workloads_in(found: list[Mention], start: int, end: int) -> tuple[str, ...]:
    names = [str(m.value) for m in found if m.kind == "workload" and start <= m.start < end]
    return tuple(dict.fromkeys(names))


def _table_phases(
    document: Document, text: str, page: int | None, block: int, found: list[Mention]
) -> list[RolloutPhase]:
    phases = []
    offset = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start, end = offset, offset + len(line)
        offset = end + 1
        if i == 0:
            continue
        dates = _dates_in(found, start, end)
        workloads = _workloads_in(found, start, end)
        if not dates and not workloads:
            continue
        name = line.split(" | ")[0].strip()
        phases.append(
            RolloutPhase(
                name=name,
                workloads=workloads,
                start=dates[0] if dates else None,
                end=dates[1] if len(dates) > 1 else None,
                evidence=(Evidence(document.name, page, line.strip(), block),),
            )
        )
    return phases


def _prose_phases(
    document: Document, text: str, page: int | None, block: int, found: list[Mention]
) -> list[RolloutPhase]:
    from ..nlp import sentence_spans

    phases = []
    spans = sentence_spans(text)
    for number, (start, end) in enumerate(spans):
        sentence = text[start:end]
        named = list(_PHASE_PROSE.finditer(sentence))
        if len(named) > 1:
            # "wave 1 (Intune enrolment ...) from 06.09.2027 to 17.12.2027, and wave 2 (Windows
            # 11 ...) from 10.01.2028 to 31.03.2028": several phases in one sentence
            bounds = [start + m.start() for m in named] + [end]
            for m, (a, b) in zip(named, itertools.pairwise(bounds), strict=False):
                dates = _dates_in(found, a, b)
                workloads = _workloads_in(found, a, b)
                if dates and workloads:
                    evidence = Evidence(document.name, page, sentence.strip(), block)
                    phases.append(_phase(m.group(0), workloads, dates, evidence))
            if any(p.evidence[0].text == sentence.strip() for p in phases):
                continue
        match = _PHASE_PROSE.search(sentence)
        dates = _dates_in(found, start, end)
        if match and not dates and number + 1 < len(spans):
            # "Wave two moves the switchboards to Teams Phone. It starts on 4 September 2028
            # and is scheduled to finish on 26 February 2029."
            a, b = spans[number + 1]
            if _SAME_PHASE.match(text[a:b]):
                dates = _dates_in(found, a, b)
                end = b
        workloads = _workloads_in(found, start, end)
        # "Timing of the ECIF: our plan rolls out Intune ... from 11 January to 26 March 2027":
        # a funding word in the sentence's label does not make the plan a funding term
        body = re.sub(r"^[^:]{0,40}:", "", sentence)
        if match is None and not _FUNDING.search(body):
            ranges = _ranges(document, text, start, end, page, block, found)
            if len(ranges) > 1 or (ranges and _PLAN_CONTEXT.search(text)):
                # several activities, each with its own "from ... to ...", or one item of a plan
                phases += ranges
                continue
            written = _dates_in(found, start, end, written=True)
            if len(written) == 2 and written[0] < written[1]:  # "from 6 March to 30 June 2028"
                match = _ACTIVITY_PROSE.search(sentence)
                dates = written
                if not workloads and number > 0 and (plan := _PLAN_CONTEXT.search(sentence)):
                    # "we werent planning intune till after easter. 12 april to end of may was
                    # the plan": the stretch of the work the sentence before names
                    workloads = _workloads_in(found, spans[number - 1][0], start)
                    match = match or plan
        if not match or not dates or not workloads:
            continue
        evidence = Evidence(document.name, page, sentence.strip(), block)
        phases.append(_phase(match.group(0), workloads, dates, evidence))
    return phases


def _phase(
    name: str, workloads: tuple[str, ...], dates: list[dt.date], evidence: Evidence
) -> RolloutPhase:
    """A phase named in prose: its first date starts it, a second one ends it."""
    return RolloutPhase(
        name=name.title(),
        workloads=workloads,
        start=dates[0],
        end=dates[1] if len(dates) > 1 else None,
        evidence=(evidence,),
    )


_MONTH_DAY = (
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?"
)
# "Exchange Online migration from February 1 to April 30, 2027 and the Intune device rollout from
# May 3 to September 30, 2027": activities in one sentence, the year written once per range
_RANGE = re.compile(
    rf"(?:\bfrom\s+|\b)(?P<a>{_MONTH_DAY})(?:,?\s+(?P<ya>\d{{4}}))?\s+(?:to|until|through|-|–)\s+"
    rf"(?P<b>{_MONTH_DAY}),?\s+(?P<yb>\d{{4}})"
)


def _ranges(
    document: Document,
    text: str,
    start: int,
    end: int,
    page: int | None,
    block: int,
    found: list[Mention],
) -> list[RolloutPhase]:
    from ..nlp.values import find_dates

    def day(words: str, year: str) -> dt.date | None:
        dates = [f.value for f in find_dates(f"{words}, {year}") if isinstance(f.value, DateValue)]
        return dates[0].date if dates else None

    phases = []
    lead = start
    for m in _RANGE.finditer(text, start, end):
        first, last = (
            day(m.group("a"), m.group("ya") or m.group("yb")),
            day(m.group("b"), m.group("yb")),
        )
        workloads = _workloads_in(found, lead, m.start())
        activity = text[lead : m.start()]
        planned = _ACTIVITY_PROSE.search(activity) or _PLAN_CONTEXT.search(text)
        if first and last and first < last and workloads and planned:
            name = re.sub(r"^\W*(?:and|with|then|,)?\s*(?:the\s+)?", "", activity.split(":")[-1])
            phases.append(
                RolloutPhase(
                    name=name.strip().rstrip(",")[:60] or "Rollout",
                    workloads=workloads,
                    start=first,
                    end=last,
                    evidence=(Evidence(document.name, page, text[start:end].strip(), block),),
                )
            )
        lead = m.end()
    return phases


def read_rollout_file(path: Path) -> tuple[RolloutPhase, ...]:
    """Phases from YAML (a list of mappings) or CSV (columns name, workloads, start, end)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the rollout file: {exc.strerror}") from exc
    if Path(path).suffix.lower() == ".csv":
        rows: list[Any] = list(csv.DictReader(io.StringIO(text)))
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
        rows = data.get("phases", []) if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise ConfigError(f"{path}: expected a list of phases")
    phases = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not row.get("name"):
            raise ConfigError(f"{path}: phase {number} needs a name")
        workloads = row.get("workloads") or []
        if isinstance(workloads, str):
            workloads = [w.strip() for w in re.split(r"[;,]", workloads) if w.strip()]
        phases.append(
            RolloutPhase(
                name=str(row["name"]),
                workloads=tuple(_canonical_workload(str(w)) for w in workloads),
                start=_date(row.get("start"), path, number, "start"),
                end=_date(row.get("end"), path, number, "end"),
                evidence=(Evidence(Path(path).name, None, f"{row['name']}", None),),
            )
        )
    return tuple(phases)


def _canonical_workload(text: str) -> str:
    from ..nlp.vocabulary import workloads

    lowered = text.lower().strip()
    for term in workloads():
        if lowered in (alias.lower() for alias in term.aliases):
            return term.name
    return text.strip()


def _date(value: Any, path: Path, number: int, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ConfigError(
            f"{path}: phase {number} {field} must be a date like 2027-03-31, got {value!r}"
        ) from exc

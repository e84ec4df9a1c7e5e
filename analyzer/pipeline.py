"""The one path every shell takes: files -> Documents -> Mentions -> Items -> Findings -> Report.

The CLI, the Streamlit app and the tests all call these functions, so a fix here fixes all three.
Several files of one deal (a proposal, its price grid, a covering e-mail) make one Report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AnalyzerError
from .records import (
    Comparison,
    Document,
    DocumentSummary,
    Mention,
    Report,
    Revision,
    RolloutPhase,
)
from .settings import Settings

if TYPE_CHECKING:
    from .playbook import Playbook


Source = Path | str | tuple[str, bytes]
Progress = Callable[[str, float], None]


def _noop(stage: str, fraction: float) -> None:
    return None


def load(
    source: Path | str | bytes, *, filename: str | None = None, settings: Settings | None = None
) -> Document:
    """Read one file into a Document, or raise a DocumentError the user can act on."""
    from .ingest import load as ingest_load

    if isinstance(source, str):
        source = Path(source)
    return ingest_load(source, filename=filename, settings=settings)


def load_sources(
    sources: Sequence[Source], *, settings: Settings | None = None
) -> tuple[Document, ...]:
    documents = []
    for source in sources:
        if isinstance(source, tuple):
            name, data = source
            documents.append(load(data, filename=name, settings=settings))
        else:
            documents.append(load(source, settings=settings))
    return _unique_names(documents)


def _unique_names(documents: Sequence[Document]) -> tuple[Document, ...]:
    """Evidence names a document; two uploads called 'proposal.pdf' must stay distinguishable."""
    import dataclasses

    seen: dict[str, int] = {}
    out = []
    for doc in documents:
        count = seen.get(doc.name, 0)
        seen[doc.name] = count + 1
        out.append(
            doc if count == 0 else dataclasses.replace(doc, name=f"{doc.name} ({count + 1})")
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the NLP and item stages found, kept so compare can re-run checks without re-parsing."""

    documents: tuple[Document, ...]
    mentions: Mapping[str, tuple[Mention, ...]]


def extract(documents: Sequence[Document]) -> Extraction:
    from .items.assemble import without_set_aside_cues
    from .nlp import find_mentions

    return Extraction(
        documents=tuple(documents),
        mentions={
            doc.name: tuple(without_set_aside_cues(doc, find_mentions(doc))) for doc in documents
        },
    )


def _resolve_playbook(playbook: Playbook | Path | str | None) -> Playbook:
    from .playbook import Playbook

    if playbook is None:
        return Playbook.load()
    if isinstance(playbook, Path | str):
        return Playbook.load(Path(playbook))
    return playbook


def _resolve_rollout(
    rollout: Path | str | Sequence[RolloutPhase] | None,
) -> tuple[RolloutPhase, ...]:
    from .playbook import read_rollout_file

    if rollout is None:
        return ()
    if isinstance(rollout, Path | str):
        return read_rollout_file(Path(rollout))
    return tuple(rollout)


def analyze_documents(
    documents: Sequence[Document],
    *,
    playbook: Playbook | Path | str | None = None,
    rollout: Path | str | Sequence[RolloutPhase] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Analyse already-loaded documents of one deal into one Report."""
    from .items import assemble
    from .playbook import Deal, evaluate, find_rollout
    from .playbook.rollout import resolve_phase_dates

    report_progress = progress or _noop
    if not documents:
        raise AnalyzerError("no documents to analyse")
    report_progress("extraction", 0.3)
    extraction = extract(documents)
    phases = _resolve_rollout(rollout) or find_rollout(extraction.documents, extraction.mentions)
    # "by the end of Phase 2" becomes a date once the phases are known
    extraction = Extraction(
        extraction.documents,
        {name: resolve_phase_dates(ms, phases) for name, ms in extraction.mentions.items()},
    )
    seats, items = assemble(extraction.documents, extraction.mentions)
    report_progress("checks", 0.7)
    deal = Deal(
        documents=extraction.documents,
        mentions=extraction.mentions,
        seats=seats,
        items=items,
        rollout=phases,
    )
    evaluation = evaluate(deal, _resolve_playbook(playbook))
    report_progress("done", 1.0)
    return Report(
        documents=tuple(summarize(doc) for doc in extraction.documents),
        seats=seats,
        items=items,
        findings=evaluation.findings,
        ledgers=evaluation.ledgers,
        rollout=phases,
        missing=evaluation.missing,
        verdict=evaluation.verdict,
    )


def summarize(document: Document) -> DocumentSummary:
    return DocumentSummary(
        name=document.name,
        sha256=document.sha256,
        format=document.format,
        pages=document.page_count,
        ocr=document.ocr,
        warnings=document.warnings,
        revisions=document.revisions,
    )


def analyze(
    sources: Sequence[Source],
    *,
    playbook: Playbook | Path | str | None = None,
    rollout: Path | str | Sequence[RolloutPhase] | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Report:
    """Analyse the files of one deal. Raises DocumentError for the first unreadable file."""
    (progress or _noop)("parsing", 0.05)
    documents = load_sources(sources, settings=settings)
    return analyze_documents(documents, playbook=playbook, rollout=rollout, progress=progress)


def compare(
    base_sources: Sequence[Source],
    amendment_sources: Sequence[Source],
    *,
    playbook: Playbook | Path | str | None = None,
    rollout: Path | str | Sequence[RolloutPhase] | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare a base deal with its amendment, applying change-only amendments to the base."""
    base_docs = load_sources(base_sources, settings=settings)
    amendment_docs = load_sources(amendment_sources, settings=settings)
    return compare_documents(
        base_docs, amendment_docs, playbook=playbook, rollout=rollout, progress=progress
    )


def compare_documents(
    base_docs: Sequence[Document],
    amendment_docs: Sequence[Document],
    *,
    playbook: Playbook | Path | str | None = None,
    rollout: Path | str | Sequence[RolloutPhase] | None = None,
    progress: Progress | None = None,
) -> Comparison:
    from .compare import amendment_findings, apply_change_statements, diff_reports, is_change_only

    resolved = _resolve_playbook(playbook)
    phases = _resolve_rollout(rollout)
    base = analyze_documents(base_docs, playbook=resolved, rollout=phases or None)
    resulting: list[Document] = []
    revisions: list[Revision] = []
    change_only = [doc for doc in amendment_docs if is_change_only(doc)]
    full = [doc for doc in amendment_docs if doc not in change_only]
    if full:
        resulting.extend(full)
    else:
        resulting.extend(base_docs)
    for doc in change_only:
        resulting = list(apply_change_statements(resulting, doc))
    for doc in amendment_docs:
        revisions.extend(doc.revisions)
    amendment = analyze_documents(resulting, playbook=resolved, rollout=phases or None)
    if change_only:
        import dataclasses

        summaries = tuple(summarize(doc) for doc in amendment_docs)
        amendment = dataclasses.replace(amendment, documents=summaries + amendment.documents)
    changes = diff_reports(base, amendment, revisions)
    findings = amendment_findings(base, amendment, changes)
    return Comparison(base=base, amendment=amendment, changes=changes, findings=findings)


def render(obj: Report | Comparison, fmt: str) -> bytes:
    from .report import render as render_report

    return render_report(obj, fmt)

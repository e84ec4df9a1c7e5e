"""Streamlit front end: upload a deal's files, see the three ledgers, the findings with their
asks, the evidence on the page, what is missing; check an amendment; download the gap report.

Thin by design: every number comes from the public ``analyzer`` API, so the app, the CLI and
the tests agree. Models load once per server; results are cached per file hash.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import streamlit as st

import analyzer

ROOT = Path(__file__).resolve().parent
SAMPLE_DIRS = [ROOT / "samples" / "dev", ROOT / "samples" / "eval", ROOT / "samples" / "files"]
SUFFIXES = {".pdf", ".docx", ".xlsx", ".eml", ".txt", ".md"}
SEVERITY_ICON = {"high": ":red[■]", "medium": ":orange[■]", "low": ":blue[■]", "info": ":gray[■]"}
CATEGORY_LABEL = {
    "entitlement": "Entitlement",
    "funded_credit": "Funded credits",
    "discount": "Discounts",
    "commitment": "Commitments",
    "other": "Other",
}

st.set_page_config(page_title="Microsoft deal analyzer", layout="wide")


@st.cache_resource(show_spinner="Loading the language models (once per server)…")
def warm_models() -> bool:
    """Load spaCy, the sentence embedder and the classifier head once for every session."""
    analyzer.analyze_documents(
        [analyzer.load(b"Microsoft will fund USD 10,000 through ECIF.", filename="warm.txt")]
    )
    return True


@st.cache_data(show_spinner=False, max_entries=64)
def load_cached(name: str, data: bytes, digest: str) -> analyzer.Document:
    return analyzer.load(data, filename=name)


def sample_files() -> list[Path]:
    files: list[Path] = []
    for folder in SAMPLE_DIRS:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
    return files


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_uploads(uploads: list[Any] | None, sample: str | None) -> list[tuple[str, bytes]]:
    files = [(u.name, u.getvalue()) for u in uploads or []]
    if sample:
        path = next((p for p in sample_files() if p.name == sample), None)
        if path is not None:
            files.append((path.name, path.read_bytes()))
    files += st.session_state.get("injected_files", [])  # a seam for tests
    return files


def load_all(files: list[tuple[str, bytes]]) -> tuple[list[analyzer.Document], dict[str, bytes]]:
    """Each file on its own: a bad one is reported, the others are still analysed."""
    documents, raw = [], {}
    for name, data in files:
        try:
            document = load_cached(name, data, digest(data))
        except analyzer.DocumentError as exc:
            st.error(f"**{name}** could not be read: {exc.message}", icon=":material/error:")
            continue
        documents.append(document)
        raw[document.name] = data
        for warning in document.warnings:
            st.warning(f"{name}: {warning}")
    return documents, raw


def playbook_from_sidebar() -> tuple[analyzer.Playbook, tuple[analyzer.RolloutPhase, ...]]:
    st.sidebar.header("Playbook settings")
    base = analyzer.Playbook.load()
    threshold = st.sidebar.number_input(
        "FastTrack seat threshold",
        min_value=1,
        value=base.fasttrack_seat_threshold,
        help="Eligible seats needed for FastTrack onboarding (150 per Microsoft's eligibility).",
        key="threshold",
    )
    window = st.sidebar.number_input(
        "Onboarding window (months)",
        min_value=1,
        value=base.onboarding_window_months,
        key="window",
    )
    playbook = base.with_overrides(
        fasttrack_seat_threshold=int(threshold), onboarding_window_months=int(window)
    )
    rollout_file = st.sidebar.file_uploader(
        "Rollout plan (YAML or CSV, optional)", type=["yaml", "yml", "csv"], key="rollout"
    )
    phases: tuple[analyzer.RolloutPhase, ...] = ()
    if rollout_file is not None:
        suffix = Path(rollout_file.name).suffix
        with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
            handle.write(rollout_file.getvalue())
            handle.flush()
            try:
                phases = analyzer.read_rollout_file(Path(handle.name))
            except analyzer.ConfigError as exc:
                st.sidebar.error(str(exc).replace(handle.name, rollout_file.name))
    return playbook, phases


def run_analysis(
    documents: list[analyzer.Document],
    playbook: analyzer.Playbook,
    phases: tuple[analyzer.RolloutPhase, ...],
) -> analyzer.Report:
    with st.status("Analysing…", expanded=False) as status:
        bar = st.progress(0.0)

        def progress(stage: str, fraction: float) -> None:
            status.update(label=f"Analysing: {stage}…")
            bar.progress(min(max(fraction, 0.0), 1.0))

        report = analyzer.analyze_documents(
            documents, playbook=playbook, rollout=phases or None, progress=progress
        )
        status.update(label="Analysis complete", state="complete")
    return report


def money(value: Any, currency: Any) -> str:
    if value is None:
        return "—"
    return f"{currency or ''} {float(value):,.0f}".strip()


def show_verdict(report: analyzer.Report) -> None:
    entitlement = report.ledgers.entitlement
    funded = report.ledgers.funded_credit
    discount = report.ledgers.discount
    st.subheader("The three ledgers")
    col1, col2, col3 = st.columns(3)
    col1.metric(
        "Entitlement (already paid for)",
        f"{entitlement.get('eligible_seats', 0):,} eligible seats",
        "FastTrack planned" if entitlement.get("engaged") else "FastTrack not planned",
        delta_color="normal" if entitlement.get("engaged") else "inverse",
    )
    col2.metric(
        "Funded credits (one-time)",
        money(funded.get("face_value"), funded.get("currency")),
        f"at risk {money(funded.get('at_risk'), funded.get('currency'))}"
        if funded.get("at_risk")
        else None,
        delta_color="inverse",
    )
    if discount.get("percent") is not None:
        col3.metric(
            "Discount (recurring)",
            f"{discount['percent']:g}%",
            f"{money(discount.get('recurring_value'), discount.get('currency'))} over the term"
            if discount.get("recurring_value") is not None
            else "value needs unit prices",
        )
    else:
        col3.metric("Discount (recurring)", "none", "no price concession", delta_color="inverse")
    substitution = discount.get("substitution")
    if substitution:
        st.warning(
            "Funding is offered in place of a discount: one-time offset "
            f"{money(substitution.get('one_time_offset'), substitution.get('currency'))} "
            "against a recurring concession; each point of discount is worth "
            f"{money(substitution.get('recurring_concession_given_up'), discount.get('currency'))} "
            "over the term."
        )
    counts = Counter(f.severity for f in report.findings)
    st.markdown(
        " · ".join(
            f"{SEVERITY_ICON[s]} **{counts.get(s, 0)}** {s}"
            for s in ("high", "medium", "low", "info")
        )
    )
    st.info(report.verdict or "No verdict.")


def show_findings(findings: tuple[analyzer.Finding, ...]) -> None:
    if not findings:
        st.success("No findings.")
        return
    for finding in findings:
        icon = SEVERITY_ICON.get(finding.severity, "")
        with st.expander(
            f"{icon} {finding.severity.upper()}: {finding.title} ({finding.code})",
            expanded=finding.severity == "high",
        ):
            st.write(finding.detail)
            if finding.ask:
                st.caption("Ask (copy and send to the account team):")
                st.code(finding.ask, language=None, wrap_lines=True)
            for evidence in finding.evidence[:3]:
                where = (
                    f"{evidence.document}, page {evidence.page}"
                    if evidence.page
                    else evidence.document
                )
                st.caption(f"{where}: “{evidence.text}”")


def show_items(
    report: analyzer.Report, documents: list[analyzer.Document], raw: dict[str, bytes]
) -> None:
    by_name = {d.name: d for d in documents}
    categories = [c for c in CATEGORY_LABEL if any(i.category == c for i in report.items)]
    if not categories:
        st.write("No commercial items were found.")
        return
    tabs = st.tabs([CATEGORY_LABEL[c] for c in categories])
    for tab, category in zip(tabs, categories, strict=True):
        with tab:
            for item in (i for i in report.items if i.category == category):
                with st.expander(f"{item.summary}  ·  confidence {item.confidence:.2f}"):
                    fields = {
                        "Program": item.program,
                        "Amount": money(item.amount.amount, item.amount.currency)
                        if item.amount
                        else None,
                        "Percent": f"{item.percent:g}%" if item.percent is not None else None,
                        "Seats": f"{item.quantity:,}" if item.quantity else None,
                        "Products": ", ".join(item.products) or None,
                        "Scope": ", ".join(item.scope) or None,
                        "Expires": (
                            str(item.expires.date or item.expires.text) if item.expires else None
                        ),
                        "Term (months)": item.term_months,
                        "Partner": (
                            f"{item.partner.name or ''} ({item.partner.requirement})".strip()
                            if item.partner
                            else None
                        ),
                        "Flags": ", ".join(item.flags) or None,
                    }
                    st.table({k: [str(v)] for k, v in fields.items() if v not in (None, "")})
                    for n, evidence in enumerate(item.evidence):
                        where = f"page {evidence.page}" if evidence.page else "text"
                        st.markdown(f"**{evidence.document}**, {where}: “{evidence.text}”")
                        if st.checkbox("Show source", key=f"src-{item.id}-{n}"):
                            show_source(evidence, by_name.get(evidence.document), raw)


def show_source(evidence: Any, document: analyzer.Document | None, raw: dict[str, bytes]) -> None:
    if document is None:
        return
    block = document.blocks[evidence.block] if evidence.block is not None else None
    if document.format == "pdf" and evidence.page:
        image = analyzer.render_evidence(
            raw[document.name], evidence.page, evidence.text, block=block
        )
        if image:
            st.image(image, caption=f"{document.name}, page {evidence.page}")
            return
    if block is not None:
        start = max(0, block.index - 1)
        for neighbour in document.blocks[start : block.index + 2]:
            text = neighbour.text
            st.markdown(f"> **{text}**" if neighbour.index == block.index else f"> {text}")


def show_timeline(report: analyzer.Report) -> None:
    import plotly.graph_objects as go

    phases = [p for p in report.rollout if p.start and p.end]
    credits = [
        i for i in report.items if i.category == "funded_credit" and i.expires and i.expires.date
    ]
    if not phases and not credits:
        st.caption("No dated rollout phases or credit deadlines to plot.")
        return
    figure = go.Figure()
    for phase in phases:
        figure.add_trace(
            go.Scatter(
                x=[phase.start, phase.end],
                y=[phase.name, phase.name],
                mode="lines",
                line={"width": 14},
                name=f"{phase.name}: {', '.join(phase.workloads)}",
            )
        )
    for credit in credits:
        assert credit.expires is not None
        figure.add_vline(x=credit.expires.date, line_dash="dash", line_color="firebrick")
        figure.add_annotation(
            x=credit.expires.date,
            y=1,
            yref="paper",
            text=f"{credit.program or 'credit'} expires",
            showarrow=False,
            textangle=-90,
            xanchor="right",
        )
    figure.update_layout(height=260, margin={"l": 10, "r": 10, "t": 20, "b": 10}, showlegend=True)
    st.plotly_chart(figure, width="stretch")


def downloads(obj: analyzer.Report | analyzer.Comparison, stem: str) -> None:
    columns = st.columns(4)
    formats = [
        ("md", "Markdown", "text/markdown"),
        ("html", "HTML", "text/html"),
        ("docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("json", "JSON", "application/json"),
    ]
    for column, (fmt, label, mime) in zip(columns, formats, strict=True):
        column.download_button(
            f"Download {label}",
            analyzer.render(obj, fmt),
            file_name=f"{stem}.{fmt}",
            mime=mime,
            key=f"download-{stem}-{fmt}",
        )


def review_view(playbook: analyzer.Playbook, phases: tuple[analyzer.RolloutPhase, ...]) -> None:
    st.title("Microsoft deal analyzer")
    st.caption(
        "Entitlement, funded credit and discount, kept apart: upload the proposal and its "
        "attachments, or pick a bundled sample."
    )
    left, right = st.columns([3, 2])
    uploads = left.file_uploader(
        "Proposal, amendment or price grid (PDF, DOCX, scanned PDF, XLSX, EML, TXT, MD)",
        accept_multiple_files=True,
        key="uploads",
    )
    sample = right.selectbox(
        "…or try a sample", [""] + [p.name for p in sample_files()], key="sample"
    )
    files = read_uploads(uploads, sample)
    if not files:
        st.write("Upload a file or pick a sample to see its ledgers and findings.")
        return
    documents, raw = load_all(files)
    if not documents:
        return
    warm_models()
    report = run_analysis(documents, playbook, phases)
    show_verdict(report)
    st.subheader("Findings")
    show_findings(report.findings)
    st.subheader("What is missing")
    for line in report.missing or ["Nothing the playbook expects is missing."]:
        st.markdown(f"- {line}")
    st.subheader("Items and their evidence")
    show_items(report, documents, raw)
    if report.seats:
        st.subheader("Seats")
        st.dataframe(
            [
                {
                    "Product": s.product,
                    "Quantity": s.quantity,
                    "FastTrack eligible": s.fasttrack_eligible,
                    "Evidence": s.evidence[0].text if s.evidence else "",
                }
                for s in report.seats
            ],
            hide_index=True,
        )
    st.subheader("Rollout against credit deadlines")
    show_timeline(report)
    st.subheader("Gap report")
    downloads(report, "gap-report")


def compare_view(playbook: analyzer.Playbook, phases: tuple[analyzer.RolloutPhase, ...]) -> None:
    st.title("Amendment check")
    st.caption("What moved between the proposal and the amendment, before signature.")
    left, right = st.columns(2)
    base_upload = left.file_uploader("Base (proposal or earlier version)", key="base")
    amendment_upload = right.file_uploader(
        "Amendment (revised, redlined or change-only)", key="amendment"
    )
    options = [""] + [p.name for p in sample_files()]
    base_sample = left.selectbox("…or a sample base", options, key="base_sample")
    amendment_sample = right.selectbox("…or a sample amendment", options, key="amendment_sample")
    base_files = read_uploads([base_upload] if base_upload else [], base_sample)
    amendment_files = read_uploads([amendment_upload] if amendment_upload else [], amendment_sample)
    injected = st.session_state.get("injected_pair")
    if injected:
        base_files, amendment_files = [injected[0]], [injected[1]]
    if not base_files or not amendment_files:
        st.write("Provide both the base and the amendment.")
        return
    base_docs, _ = load_all(base_files[:1])
    amendment_docs, _ = load_all(amendment_files[:1])
    if not base_docs or not amendment_docs:
        return
    warm_models()
    with st.spinner("Comparing…"):
        comparison = analyzer.compare_documents(
            base_docs, amendment_docs, playbook=playbook, rollout=phases or None
        )
    st.subheader("Changes")
    if comparison.changes:
        st.dataframe(
            [
                {
                    "Kind": c.kind,
                    "What": c.key,
                    "Field": c.field,
                    "Before": str(analyzer.to_jsonable(c.before)),
                    "After": str(analyzer.to_jsonable(c.after)),
                    "Revision": c.revision.describe() if c.revision else "",
                }
                for c in comparison.changes
            ],
            hide_index=True,
        )
    else:
        st.success("No material change between the two versions.")
    st.subheader("Amendment findings")
    show_findings(comparison.findings)
    st.subheader("Report")
    downloads(comparison, "amendment-check")


def main() -> None:
    mode = st.sidebar.radio(
        "What do you want to do?", ["Review a deal", "Check an amendment"], key="mode"
    )
    playbook, phases = playbook_from_sidebar()
    if mode == "Review a deal":
        review_view(playbook, phases)
    else:
        compare_view(playbook, phases)


main()

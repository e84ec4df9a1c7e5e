"""Exports: JSON (schema-exact), Markdown, one self-contained HTML file, and an editable DOCX.

Markdown and HTML come from the same view through jinja2 templates (HTML autoescaped, inline
CSS, no external assets, so the file can be mailed as is). DOCX is built with python-docx using
Word's own heading and table styles so the team can edit it before sending.
"""

from __future__ import annotations

import functools
import io
import json
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from ..errors import ConfigError
from ..records import Comparison, Report
from .serialize import comparison_to_dict, report_to_dict
from .view import comparison_view, report_view

Format = Literal["json", "md", "html", "docx"]


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("analyzer.report", "templates"),
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=False),
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = _cell
    return env


def _view(obj: Report | Comparison) -> dict[str, Any]:
    return comparison_view(obj) if isinstance(obj, Comparison) else report_view(obj)


def render(obj: Report | Comparison, fmt: str) -> bytes:
    if fmt == "json":
        data = comparison_to_dict(obj) if isinstance(obj, Comparison) else report_to_dict(obj)
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "md":
        text = _environment().get_template("report.md.j2").render(**_view(obj))
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text.encode("utf-8")
    if fmt == "html":
        return _environment().get_template("report.html.j2").render(**_view(obj)).encode("utf-8")
    if fmt == "docx":
        return _docx(_view(obj))
    raise ConfigError(f"unknown report format {fmt!r}; choose json, md, html or docx")


def _docx(view: dict[str, Any]) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = view["title"]
    document.add_heading(view["title"], level=0)
    document.add_paragraph("Documents: " + "; ".join(view["documents"]))
    if view["changes"]:
        document.add_heading("Changes", level=1)
        _table(
            document,
            ["Kind", "What", "Field", "Before", "After", "Evidence", "Revision"],
            [
                [
                    c["kind"],
                    c["key"],
                    c["field"],
                    c["before"],
                    c["after"],
                    c["evidence"],
                    c["revision"],
                ]
                for c in view["changes"]
            ],
        )
    document.add_heading("Findings summary", level=1)
    if view["summary"]:
        _table(
            document,
            ["Severity", "Code", "Finding", "Count"],
            [[s["severity"], s["code"], s["title"], str(s["count"])] for s in view["summary"]],
        )
    else:
        document.add_paragraph("No findings.")
    document.add_heading("Verdict", level=1)
    document.add_paragraph(view["verdict"])
    document.add_heading("Ledgers", level=1)
    _table(document, ["Ledger", "Value"], [[r["ledger"], r["value"]] for r in view["ledgers"]])
    sections = [("Amendment findings", view["amendment_findings"]), ("Findings", view["findings"])]
    for heading, findings in sections:
        if heading == "Amendment findings" and not findings:
            continue
        document.add_heading(heading, level=1)
        if not findings:
            document.add_paragraph("No findings.")
        for f in findings:
            document.add_heading(f"[{f['severity'].upper()}] {f['title']} ({f['code']})", level=2)
            document.add_paragraph(f["detail"])
            if f["ask"]:
                ask = document.add_paragraph(style="Intense Quote")
                ask.add_run("Ask: ").bold = True
                ask.add_run(f["ask"])
            if f["evidence"]:
                document.add_paragraph(f"Evidence: {f['evidence']}")
    document.add_heading("Items", level=1)
    if view["items"]:
        _table(
            document,
            ["Id", "Category", "Summary", "Confidence", "Evidence"],
            [
                [i["id"], i["category"], i["summary"], i["confidence"], i["evidence"]]
                for i in view["items"]
            ],
        )
    else:
        document.add_paragraph("No commercial items found.")
    document.add_heading("Seats", level=1)
    if view["seats"]:
        _table(
            document,
            ["Product", "Quantity", "FastTrack eligible", "Evidence"],
            [[s["product"], s["quantity"], s["eligible"], s["evidence"]] for s in view["seats"]],
        )
    else:
        document.add_paragraph("No seat counts found.")
    document.add_heading("What was not found", level=1)
    for missing in view["missing"] or ["Nothing the playbook expects is missing."]:
        document.add_paragraph(missing, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)

"""The export formats: Markdown and HTML through jinja2 templates, DOCX through python-docx.

All three walk the same Outline (see view.py). HTML is one self-contained file with inline
CSS because reports are mailed around and opened offline; jinja2 autoescape keeps document
text (which the vendor wrote) from being read as markup. DOCX uses real heading styles and
real tables so the buyer can edit the report into a reply.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

import jinja2

from .view import Bullets, Heading, Outline, Paragraph, Part, Table


def _md_escape(text: Any) -> str:
    """Markdown special characters that would change the meaning of document text."""
    out = str(text)
    for char in ("\\", "*", "_", "`", "[", "]", "<", ">"):
        out = out.replace(char, "\\" + char)
    return out.replace("\n", " ")


def _md_cell(text: Any) -> str:
    return _md_escape(text).replace("|", "\\|")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("analyzer.report", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _md_escape
    env.filters["cell"] = _md_cell
    return env


def _kind(part: Part) -> str:
    return {Heading: "heading", Paragraph: "paragraph", Bullets: "bullets", Table: "table"}[
        type(part)
    ]


def _template_parts(outline: Outline) -> list[dict[str, Any]]:
    parts = []
    for part in outline.parts:
        data: dict[str, Any] = {"kind": _kind(part)}
        data.update({name: getattr(part, name) for name in part.__slots__})  # type: ignore[union-attr]
        data.setdefault("label", None)
        parts.append(data)
    return parts


def to_markdown(outline: Outline) -> bytes:
    template = _environment().get_template("report.md.j2")
    text = template.render(parts=_template_parts(outline))
    return (text.rstrip() + "\n").encode("utf-8")


def to_html(outline: Outline) -> bytes:
    template = _environment().get_template("report.html.j2")
    return template.render(title=outline.title, parts=_template_parts(outline)).encode("utf-8")


def to_docx(outline: Outline) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = outline.title
    for part in outline.parts:
        if isinstance(part, Heading):
            document.add_heading(part.text, level=min(part.level, 9))
        elif isinstance(part, Paragraph):
            paragraph = document.add_paragraph()
            if part.label:
                paragraph.add_run(f"{part.label}: ").bold = True
            paragraph.add_run(part.text)
        elif isinstance(part, Bullets):
            for item in part.entries:
                document.add_paragraph(item, style="List Bullet")
        else:
            table = document.add_table(rows=1, cols=len(part.headers))
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, part.headers, strict=True):
                cell.text = header
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in part.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

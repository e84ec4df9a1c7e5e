"""The sample corpus: labels are well-formed and point at real files; the renderer makes real
layout (ruled tables, tracked changes) from a spec."""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pdfplumber
import pytest

from tests.conftest import SAMPLES

SCHEMA = json.loads((SAMPLES / "labels.schema.json").read_text(encoding="utf-8"))
LABEL_FILES = sorted(SAMPLES.glob("dev/*.labels.json")) + sorted(SAMPLES.glob("eval/*.labels.json"))
MIN_DOCUMENTS = 40
MIN_STYLES = 6


def _labels(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _render_module() -> ModuleType:
    """samples/ is not a package; load render.py by path as generate.py does."""
    spec = importlib.util.spec_from_file_location("samples_render", SAMPLES / "render.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("samples_render", module)
    spec.loader.exec_module(module)
    return module


def test_dev_set_has_labelled_documents() -> None:
    dev = [p for p in LABEL_FILES if p.parent.name == "dev"]
    assert len(dev) >= 26


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_label_file_validates_and_names_existing_files(path: Path) -> None:
    labels = _labels(path)
    jsonschema.validate(labels, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert labels["id"] == path.name.removesuffix(".labels.json")
    assert labels["set"] == path.parent.name
    for name in labels["files"]:
        assert (path.parent / name).is_file(), f"{labels['id']} lists missing file {name}"


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_amendment_points_at_a_labelled_base(path: Path) -> None:
    labels = _labels(path)
    base = labels["amendment_of"]
    if base is None:
        assert labels["style"] != "change_amendment"
        return
    assert (path.parent / f"{base}.labels.json").is_file()
    assert labels["changes"], "an amendment must say what it changes"


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_negatives_carry_no_items(path: Path) -> None:
    labels = _labels(path)
    if labels["style"].startswith("negative_"):
        assert labels["items"] == [] and labels["seats"] == [] and labels["findings"] == []


def test_dev_labels_follow_the_labelling_rules() -> None:
    """Spot-check the rule function on the documents built around a threshold."""
    by_id = {p.name.removesuffix(".labels.json"): _labels(p) for p in LABEL_FILES}
    assert "FASTTRACK_BELOW_THRESHOLD" in by_id["dev-006"]["findings"]  # 140 seats
    assert "FASTTRACK_NOT_ENGAGED" in by_id["dev-004"]["findings"]  # 155 seats, not named
    assert "CREDIT_EXPIRES_BEFORE_ROLLOUT" in by_id["dev-001"]["findings"]
    assert "DISCOUNT_PARTIAL_TERM" not in by_id["dev-003"]["findings"]  # full-term near miss


@pytest.mark.skipif(
    not (SAMPLES / "eval").is_dir(),
    reason="evaluation set not rendered yet (samples/eval/ lands from the eval engineer)",
)
def test_corpus_size_and_style_coverage() -> None:
    """Dev + eval together: at least 40 labelled documents over at least 6 styles."""
    styles = Counter(_labels(p)["style"] for p in LABEL_FILES)
    assert sum(styles.values()) >= MIN_DOCUMENTS, styles
    assert len(styles) >= MIN_STYLES, styles


TINY_SPEC: dict[str, Any] = {
    "id": "tiny-01",
    "set": "dev",
    "style": "redline_docx",
    "format": "pdf",
    "extra_formats": ["docx"],
    "title": "Renewal proposal for Northwind Traders",
    "header": "Northwind Traders | Confidential",
    "footer": "Prepared by Contoso",
    "blocks": [
        {"heading": "1. Commercial summary"},
        {"paragraph": "Microsoft will provide ECIF of USD 250,000."},
        {
            "table": {
                "header": ["Product", "Qty", "Unit price (USD/user/month)"],
                "rows": [["Microsoft 365 E5", "4,200", "51.30"]],
            }
        },
        {
            "redline": {
                "before": "The discount is ",
                "delete": "15%",
                "insert": "10%",
                "after": " for the full term.",
                "author": "Jane Smith (Microsoft)",
                "date": "2026-10-14T09:12:00Z",
            }
        },
    ],
    "labels": {"seats": [{"product": "Microsoft 365 E5", "quantity": 4200}]},
}


def test_renderer_round_trips_a_spec_to_pdf_and_docx(tmp_path: Path) -> None:
    render = _render_module()
    written = render.render_spec(TINY_SPEC, tmp_path)
    assert [p.name for p in written] == ["tiny-01.pdf", "tiny-01.docx", "tiny-01.labels.json"]

    with pdfplumber.open(tmp_path / "tiny-01.pdf") as pdf:
        text = pdf.pages[0].extract_text()
        assert pdf.pages[0].lines or pdf.pages[0].rects, "table grid lines expected"
    assert "1. Commercial summary" in text
    assert "4,200" in text
    assert "Page 1 of 1" in text

    with zipfile.ZipFile(tmp_path / "tiny-01.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and 'w:author="Jane Smith (Microsoft)"' in xml
    assert "<w:delText" in xml and "15%" in xml

    labels = _labels(tmp_path / "tiny-01.labels.json")
    jsonschema.validate(labels, SCHEMA)
    assert labels["files"] == ["tiny-01.pdf", "tiny-01.docx"]


def test_renderer_is_deterministic(tmp_path: Path) -> None:
    render = _render_module()
    first = [p.read_bytes() for p in render.render_spec(TINY_SPEC, tmp_path / "a")]
    second = [p.read_bytes() for p in render.render_spec(TINY_SPEC, tmp_path / "b")]
    assert first == second


def _text_spec(fmt: str, **extra: Any) -> dict[str, Any]:
    spec = {k: v for k, v in TINY_SPEC.items() if k != "extra_formats"}
    spec.update({"id": f"tiny-{fmt}", "format": fmt, **extra})
    return spec


def test_scan_is_an_image_only_pdf(tmp_path: Path) -> None:
    render = _render_module()
    render.render_spec(_text_spec("scan"), tmp_path)
    with pdfplumber.open(tmp_path / "tiny-scan.pdf") as pdf:
        assert pdf.pages[0].chars == []
        assert pdf.pages[0].images, "a scan page is one raster image"


@pytest.mark.slow
def test_scan_text_is_readable_by_tesseract(tmp_path: Path) -> None:
    pytesseract = pytest.importorskip("pytesseract")
    import pypdfium2 as pdfium

    render = _render_module()
    render.render_spec(_text_spec("scan"), tmp_path)
    pdf = pdfium.PdfDocument(str(tmp_path / "tiny-scan.pdf"))
    image = pdf[0].render(scale=300 / 72).to_pil()
    text = pytesseract.image_to_string(image)
    assert "Commercial summary" in text
    assert "250,000" in text


def test_eml_attaches_the_rendered_pdf(tmp_path: Path) -> None:
    import email
    from email import policy

    render = _render_module()
    spec = _text_spec(
        "eml",
        email={
            "from": "a@example.com",
            "to": "b@example.org",
            "subject": "Offer",
            "date": "2026-10-02",
            "attach": "pdf",
        },
    )
    render.render_spec(spec, tmp_path)
    message = email.message_from_bytes(
        (tmp_path / "tiny-eml.eml").read_bytes(), policy=policy.default
    )
    assert message["Subject"] == "Offer"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "ECIF of USD 250,000" in body.get_content()
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"]
    assert attachments[0].get_content().startswith(b"%PDF")


def test_xlsx_sheets_hold_numbers(tmp_path: Path) -> None:
    import openpyxl

    render = _render_module()
    sheets = {"Pricing": [["SKU", "Qty", "Price"], ["Microsoft 365 E3", "1,200", "33.75"]]}
    render.render_spec(_text_spec("xlsx", sheets=sheets), tmp_path)
    workbook = openpyxl.load_workbook(tmp_path / "tiny-xlsx.xlsx")
    rows = list(workbook["Pricing"].values)
    assert rows == [("SKU", "Qty", "Price"), ("Microsoft 365 E3", 1200, 33.75)]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("txt", "Microsoft 365 E5 | 4,200"), ("md", "| Microsoft 365 E5 | 4,200 | 51.30 |")],
)
def test_text_formats_keep_table_rows_on_one_line(tmp_path: Path, fmt: str, expected: str) -> None:
    render = _render_module()
    render.render_spec(_text_spec(fmt), tmp_path)
    text = (tmp_path / f"tiny-{fmt}.{fmt}").read_text(encoding="utf-8")
    assert expected in text
    assert "The discount is 10% for the full term." in text  # redline shown accepted


def test_unquoted_yaml_dates_become_iso_strings(tmp_path: Path) -> None:
    """Spec authors write `expires: 2027-06-30` unquoted; YAML turns it into a date."""
    import yaml

    render = _render_module()
    spec_path = tmp_path / "dated.yaml"
    spec_path.write_text(
        "id: dated-01\nset: eval\nstyle: redline_docx\nformat: docx\n"
        "blocks:\n  - redline: {before: 'A ', insert: 'B', after: '.', "
        "author: Jane, date: 2026-10-14T09:12:00Z}\n"
        "labels:\n  items:\n    - {category: funded_credit, program: ECIF, expires: 2027-06-30}\n",
        encoding="utf-8",
    )
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    render.render_spec(spec, tmp_path / "out")
    labels = _labels(tmp_path / "out" / "dated-01.labels.json")
    assert labels["items"][0]["expires"] == "2027-06-30"
    with zipfile.ZipFile(tmp_path / "out" / "dated-01.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert 'w:date="2026-10-14T09:12:00Z"' in xml


def _plain_text(path: Path) -> str | None:
    """Text of a text-bearing sample file; None for scans and formats not checked here."""
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        return text if text.strip() else None  # image-only scan
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as docx:
            xml = docx.read("word/document.xml").decode("utf-8")
        import re

        return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    if path.suffix in (".txt", ".md"):
        return path.read_text(encoding="utf-8")
    return None


# Template documents only: hand-written ones (dev-h*) write quantities in words ("three hundred
# and fifty") and products by alias ("M365 E3"), which is the point of them.
DEV_LABELS = [p for p in LABEL_FILES if p.parent.name == "dev" and not p.stem.startswith("dev-h")]


@pytest.mark.parametrize("path", DEV_LABELS, ids=lambda p: p.stem)
def test_dev_seat_labels_are_stated_in_the_document(path: Path) -> None:
    """Each labelled seat's product and quantity is written in the file (text formats only)."""
    labels = _labels(path)
    texts = [_plain_text(path.parent / name) for name in labels["files"]]
    text = "\n".join(t for t in texts if t)
    if not text.strip() or labels["amendment_of"]:
        pytest.skip("scan, e-mail or amendment: checked elsewhere")
    for seat in labels["seats"]:
        assert seat["product"] in text
        assert f"{seat['quantity']:,}" in text or str(seat["quantity"]) in text


DEV_SPECS = sorted((SAMPLES / "specs" / "dev").glob("*.yaml"))


@pytest.mark.parametrize("spec_path", DEV_SPECS, ids=lambda p: p.stem)
def test_committed_dev_files_match_their_specs(spec_path: Path, tmp_path: Path) -> None:
    """Re-rendering a committed spec gives the committed bytes: nothing is stale or hand-edited.

    Scans are skipped: their raster depends on the installed Pillow/pdfium builds.
    """
    render = _render_module()
    spec = render.load_spec(spec_path)
    if "scan" in render.spec_formats(spec):
        pytest.skip("scan raster depends on library builds")
    for fresh in render.render_spec(spec, tmp_path):
        committed = SAMPLES / "dev" / fresh.name
        assert committed.is_file(), f"{fresh.name} not committed; run `make samples`"
        assert fresh.read_bytes() == committed.read_bytes(), f"{fresh.name} is stale"

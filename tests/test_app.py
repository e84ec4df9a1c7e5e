"""The Streamlit app through AppTest: empty page, a sample analysed, a corrupt upload, compare."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow
APP = str(ROOT / "app.py")


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=240)


def test_renders_with_no_upload() -> None:
    at = _app().run()
    assert not at.exception
    assert at.title[0].value == "Microsoft deal analyzer"
    assert not at.metric


def test_analyzes_a_sample_and_shows_ledgers_and_findings() -> None:
    at = _app().run()
    at.selectbox(key="sample").set_value("dev-001.pdf").run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels == [
        "Entitlement (already paid for)",
        "Funded credits (one-time)",
        "Discount (recurring)",
    ]
    assert at.metric[1].value == "USD 250,000"
    titles = [e.label for e in at.expander]
    assert any("FUNDING_REPLACES_DISCOUNT" in t for t in titles)
    asks = [c.value for c in at.code]
    assert any("does not replace a price concession" in a for a in asks)


def test_corrupt_file_shows_a_clear_error_and_the_rest_still_runs() -> None:
    at = _app()
    good = (SAMPLES / "dev" / "dev-002.pdf").read_bytes()
    at.session_state["injected_files"] = [("broken.pdf", b"%PDF-1.4\n%%EOF"), ("dev-002.pdf", good)]
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("broken.pdf" in e and "damaged" in e for e in errors)
    assert "Traceback" not in " ".join(errors)
    assert at.metric[2].value == "12%"


def test_compare_view_lists_changes_and_amendment_findings() -> None:
    pair = SAMPLES / "pairs" / "discount_in_lieu"
    base, amendment = pair / "base.pdf", pair / "amendment.pdf"
    at = _app()
    at.session_state["injected_pair"] = (
        (base.name, base.read_bytes()),
        (amendment.name, amendment.read_bytes()),
    )
    at.run()
    at.sidebar.radio(key="mode").set_value("Check an amendment").run()
    assert not at.exception
    assert at.title[0].value == "Amendment check"
    assert [s.value for s in at.subheader][:2] == ["Changes", "Amendment findings"]
    assert at.dataframe
    titles = [e.label for e in at.expander]
    assert any("AMENDMENT_DISCOUNT_REMOVED" in t for t in titles)

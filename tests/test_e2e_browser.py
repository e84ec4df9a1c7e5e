"""The real app in headless Chromium: upload a PDF, wait for the findings, download the report.

Runs `streamlit run app.py` on a free localhost port and drives Debian's /usr/bin/chromium
with Playwright (no browser download). The full-page screenshot is kept under test-artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

pytestmark = [pytest.mark.slow, pytest.mark.e2e]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start within 90 s")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is installed by make")
def test_upload_pdf_see_ledgers_and_findings_download_markdown(server: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    sample = SAMPLES / "dev" / "dev-001.pdf"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(server, wait_until="domcontentloaded")
            page.get_by_text("Microsoft deal analyzer").first.wait_for(timeout=60_000)
            upload = (
                page.locator("[data-testid='stFileUploader']")
                .filter(has_text="Proposal, amendment or price grid")
                .locator("input[type=file]")
            )
            upload.wait_for(state="attached", timeout=60_000)
            upload.set_input_files(str(sample))
            # the download buttons are the last thing the page draws: wait for the whole report
            page.get_by_text("Download Markdown").first.wait_for(timeout=180_000)
            finding = page.get_by_text("Funding or onboarding is offered in place of a discount")
            assert finding.first.is_visible()
            for ledger in (
                "Entitlement (already paid for)",
                "Funded credits (one-time)",
                "Discount (recurring)",
            ):
                label = page.locator("[data-testid='stMetricLabel']").filter(has_text=ledger)
                assert label.count() == 1 and label.first.is_visible()
            values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
            assert "USD 250,000" in values
            with page.expect_download(timeout=60_000) as download_info:
                page.get_by_text("Download Markdown").first.click()
            target = ARTIFACTS / "gap-report.md"
            download_info.value.save_as(str(target))
            report = target.read_text(encoding="utf-8")
            assert report.startswith("# Gap report")
            assert "FUNDING_REPLACES_DISCOUNT" in report
            assert "dev-001.pdf" in report
            page.screenshot(path=str(ARTIFACTS / "app-dev-001.png"), full_page=True)
            assert Path(ARTIFACTS / "app-dev-001.png").stat().st_size > 10_000
        finally:
            browser.close()

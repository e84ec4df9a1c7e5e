"""Pages per second for ingesting the 30-page proposal PDF (text, tables, headings).

Measured, never asserted in tests: the machine is shared, so a timing assertion would only
make the suite flaky. Run with ``.venv/bin/python benchmarks/bench_ingest.py [runs]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from proposal30 import build  # noqa: E402

from analyzer.ingest import load  # noqa: E402


def main(runs: int = 3) -> None:
    path = build()
    data = path.read_bytes()
    best = float("inf")
    pages = 0
    tables = 0
    for _ in range(runs):
        start = time.perf_counter()
        document = load(data, filename=path.name)
        best = min(best, time.perf_counter() - start)
        pages = document.page_count
        tables = sum(block.kind == "table" for block in document.blocks)
    print(
        f"{pages} pages, {tables} tables, {len(data) / 1024:.0f} KiB: best of {runs} "
        f"{best:.2f} s = {pages / best:.1f} pages/s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

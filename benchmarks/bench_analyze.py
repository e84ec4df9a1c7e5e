"""Speed of full analysis: warm 30-page proposal, corpus throughput, cold CLI start, peak memory.

Prints numbers; asserts nothing. Targets from the issues, for reading the output:
warm analysis of the 30-page proposal under 1.5 s; a cold `contract-analyzer analyze` of one
file under 8 s.

    .venv/bin/python benchmarks/bench_analyze.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from proposal30 import build  # noqa: E402

import analyzer  # noqa: E402

CORPUS_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".eml", ".xlsx"}


def corpus_files() -> list[Path]:
    files = []
    for folder in ("dev", "eval"):
        files += [
            p for p in sorted((ROOT / "samples" / folder).glob("*")) if p.suffix in CORPUS_SUFFIXES
        ]
    return files


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    pdf = build()
    command = [str(ROOT / ".venv/bin/contract-analyzer"), "analyze", str(pdf), "--format", "json"]
    first_run = subprocess.run(command, capture_output=True, check=False)  # fills the disk cache
    cold = timed(lambda: subprocess.run(command, capture_output=True, check=False), args.repeat)
    print(
        f"cold CLI analyze (30-page PDF, new process):  {statistics.median(cold):6.2f} s"
        f"  (median of {args.repeat}, best {min(cold):.2f} s; exit {first_run.returncode})"
    )

    first = time.perf_counter()
    analyzer.analyze([pdf])
    print(f"first in-process analysis (loads models):    {time.perf_counter() - first:6.2f} s")
    document = analyzer.load(pdf)
    load_times = timed(lambda: analyzer.load(pdf), args.repeat)
    warm = timed(lambda: analyzer.analyze([pdf]), args.repeat)
    stages = timed(lambda: analyzer.analyze_documents([document]), args.repeat)
    print(
        f"ingest 30-page PDF:                          {statistics.median(load_times):6.2f} s"
        f"  ({30 / statistics.median(load_times):.0f} pages/s)"
    )
    print(f"warm analysis 30-page PDF (ingest+all):      {statistics.median(warm):6.2f} s")
    print(f"warm analysis, document already loaded:      {statistics.median(stages):6.2f} s")

    files = corpus_files()
    pages = 0
    start = time.perf_counter()
    for path in files:
        with contextlib.suppress(analyzer.DocumentError):
            pages += max(analyzer.load(path).page_count, 1)
    ingest_seconds = time.perf_counter() - start
    start = time.perf_counter()
    analysed = 0
    for path in files:
        try:
            analyzer.analyze([path])
            analysed += 1
        except analyzer.DocumentError:
            pass
    corpus_seconds = time.perf_counter() - start
    print(
        f"corpus ingestion ({len(files)} files, {pages} pages):      "
        f"{pages / ingest_seconds:6.1f} pages/s"
    )
    print(
        f"corpus full analysis:                        {analysed / corpus_seconds:6.2f} documents/s"
        f"  ({corpus_seconds / max(analysed, 1) * 1000:.0f} ms mean)"
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process):                  {peak_mb:6.0f} MB")


if __name__ == "__main__":
    main()

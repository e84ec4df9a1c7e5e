"""`contract-analyzer`: analyze a deal, compare an amendment, expose mentions, run the evaluation.

``main(argv)`` returns the exit code instead of exiting so tests can call it in-process.
Exit codes: 0 success; 1 findings at or above ``--fail-on``; 2 usage; 11-16 a bad input file
(see ``analyzer.errors``); 20 a bad playbook or rollout file; 21 a missing model.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import AnalyzerError, ConfigError, DocumentError, ModelUnavailableError
from .records import SEVERITY_ORDER, Finding
from .settings import Settings

FORMATS = ("json", "md", "html", "docx")
EXIT_FINDINGS = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contract-analyzer",
        description="Buyer-side analysis of Microsoft licensing proposals and amendments.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def add_output_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--format", choices=FORMATS, default="md", help="report format")
        sub.add_argument("-o", "--output", type=Path, help="write the report here (default stdout)")
        sub.add_argument(
            "--playbook", type=Path, help="a playbook YAML to use instead of the default"
        )
        sub.add_argument("--rollout", type=Path, help="rollout phases as YAML or CSV")
        sub.add_argument("--password", help="password for a protected PDF")
        sub.add_argument(
            "--fail-on",
            choices=("high", "medium", "low"),
            help="exit 1 when findings at or above this severity exist",
        )

    analyze = commands.add_parser("analyze", help="analyze the files of one deal")
    analyze.add_argument("files", nargs="+", type=Path)
    add_output_options(analyze)

    compare = commands.add_parser("compare", help="check an amendment against its base")
    compare.add_argument("base", type=Path)
    compare.add_argument("amendment", type=Path)
    add_output_options(compare)

    commands.add_parser(
        "mentions",
        help='typed values for JSON lines {"text": ...} on stdin, one line out per line in',
    )

    evaluate = commands.add_parser("eval", help="score the analyzer on labelled samples")
    evaluate.add_argument("directory", nargs="?", type=Path, default=Path("samples/eval"))
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--quiet", action="store_true", help="omit per-document failures")
    return parser


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        if not data.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
        sys.stdout.flush()
    else:
        output.write_bytes(data)


def _gate(findings: Sequence[Finding], fail_on: str | None) -> int:
    if fail_on is None:
        return 0
    limit = SEVERITY_ORDER[fail_on]
    return EXIT_FINDINGS if any(SEVERITY_ORDER[f.severity] <= limit for f in findings) else 0


def _run(args: argparse.Namespace) -> int:
    from . import pipeline

    if args.command == "mentions":
        from .nlp import mentions_jsonl

        for line in mentions_jsonl(sys.stdin):
            sys.stdout.write(line + "\n")
        sys.stdout.flush()
        return 0
    if args.command == "eval":
        from .evaluation import evaluate_directory, format_result

        result = evaluate_directory(args.directory)
        if args.json:
            print(json.dumps(result.to_dict(), indent=2))
        else:
            print(format_result(result, failures=not args.quiet))
        return 0

    settings = Settings(password=args.password)
    if args.format == "docx" and args.output is None:
        raise ConfigError("--format docx needs -o FILE (a Word file cannot go to the terminal)")
    if args.command == "analyze":
        report = pipeline.analyze(
            args.files, playbook=args.playbook, rollout=args.rollout, settings=settings
        )
        _write(pipeline.render(report, args.format), args.output)
        return _gate(report.findings, args.fail_on)
    comparison = pipeline.compare(
        [args.base],
        [args.amendment],
        playbook=args.playbook,
        rollout=args.rollout,
        settings=settings,
    )
    _write(pipeline.render(comparison, args.format), args.output)
    return _gate(comparison.findings, args.fail_on)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return _run(args)
    except DocumentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (ConfigError, ModelUnavailableError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except AnalyzerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"error: no such file: {exc.filename}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

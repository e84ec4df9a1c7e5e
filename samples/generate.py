"""Build the sample corpus: `python samples/generate.py [--set dev|eval|all] [--only ID...]`.

dev  : the templates in samples/templates/ write one spec per document into samples/specs/dev/
       (committed, so a reviewer can read what each file should contain), then every spec is
       rendered into samples/dev/.
eval : every hand-written spec in samples/specs/eval/*.yaml is rendered into samples/eval/
       with the same renderer. The eval wording is never produced here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from render import load_spec, render_spec  # noqa: E402

SPECS = HERE / "specs"


def write_dev_specs(only: set[str] | None = None) -> list[Path]:
    """Regenerate samples/specs/dev/*.yaml from the templates (seeded, so stable)."""
    from templates.dev_set import build_dev_specs

    out = SPECS / "dev"
    out.mkdir(parents=True, exist_ok=True)
    specs = build_dev_specs()
    if only is None:
        # Only template specs are regenerated; hand-written dev-h*.yaml specs stay.
        for stale in out.glob("dev-[0-9]*.yaml"):
            stale.unlink()
    written = []
    for spec in specs:
        if only and spec["id"] not in only:
            continue
        path = out / f"{spec['id']}.yaml"
        path.write_text(
            yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )
        written.append(path)
    return written


def render_set(name: str, only: set[str] | None = None) -> int:
    """Render every spec of one set; for dev, stale rendered files are removed first."""
    spec_dir = SPECS / name
    target = HERE / name
    if not spec_dir.is_dir():
        print(f"no specs in {spec_dir}; skipping {name}")
        return 0
    if name == "dev" and only is None and target.is_dir():
        for stale in target.iterdir():
            if stale.is_file():
                stale.unlink()
    count = 0
    for spec_path in sorted(spec_dir.glob("*.yaml")):
        spec = load_spec(spec_path)
        if only and spec["id"] not in only:
            continue
        if spec.get("set") != name:
            raise SystemExit(f"{spec_path}: set is {spec.get('set')!r}, expected {name!r}")
        for path in render_spec(spec, target):
            print(path.relative_to(HERE.parent))
        count += 1
    return count


def document_table(label_dir: Path) -> str:
    """A Markdown table of the rendered documents, kept in README.md between markers."""
    lines = ["| id | style | files | expected findings | notes |", "|---|---|---|---|---|"]
    for path in sorted(label_dir.glob("*.labels.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        codes = labels.get("amendment_findings") or labels["findings"]
        base = f" (amends {labels['amendment_of']})" if labels.get("amendment_of") else ""
        lines.append(
            f"| {labels['id']} | {labels['style']}{base} | {', '.join(labels['files'])} | "
            f"{', '.join(codes) or 'none'} | {labels.get('notes', '')} |"
        )
    return "\n".join(lines)


def update_readme() -> None:
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- documents:start -->", "<!-- documents:end -->"
    if start not in text or end not in text:
        return
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    table = document_table(HERE / "dev")
    readme.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "eval", "all"), default="all")
    parser.add_argument("--only", nargs="*", default=None, help="render only these ids")
    parser.add_argument(
        "--no-templates",
        action="store_true",
        help="render committed dev specs without regenerating them",
    )
    args = parser.parse_args(argv)
    only = set(args.only) if args.only else None
    total = 0
    if args.set in ("dev", "all"):
        if not args.no_templates:
            write_dev_specs(only)
        total += render_set("dev", only)
        if only is None:
            update_readme()
    if args.set in ("eval", "all"):
        total += render_set("eval", only)
    print(f"rendered {total} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

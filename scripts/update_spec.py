"""Swap in a downloaded Detectify spec: validate it, write openapi.yaml normalised, regenerate, report what changed
and whether it breaks users of this SDK (the rules are in scripts/spec_diff.py).

    python scripts/update_spec.py https://.../openapi.json      # or a file path; JSON or YAML
    python scripts/update_spec.py spec.yaml --root DIR          # act on another checkout (used by the tests)
    python scripts/update_spec.py --report-only OLD NEW         # only compare two specs: nothing written
    python scripts/update_spec.py --check-normalised openapi.yaml

The report ends with the names src/detectify/adapter.py imports from detectify_v3 that no longer resolve in the
regenerated package (the adapter is where such a rename is fixed).

Exit status:
  0  no breaking change (the spec was written and generated/ regenerated)
  1  the spec is invalid or generation failed (openapi.yaml and generated/ are left unchanged), or the adapter's
     imports could not be checked
  2  bad usage
  3  breaking changes found: the spec was written and generated/ regenerated all the same, so the diff can be
     reviewed; the report marks each breaking change BREAKING
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import adapter_imports
import generate
import spec_diff
import spectools

EXIT_BREAKING = 3
SPEC = "openapi.yaml"
ADAPTER = Path("src") / "detectify" / "adapter.py"


def _shown(path: Path) -> str:
    """A path as a person reads it: relative to the working directory when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _summary(breaking: int, additive: int) -> str:
    if breaking:
        return f"{breaking} breaking, {additive} additive changes (exit status {EXIT_BREAKING})"
    return f"no breaking changes, {additive} additive"


def report_only(old_source: str, new_source: str) -> tuple[list[str], bool]:
    """The change report between two specs, and whether anything breaks; nothing is written."""
    report = spec_diff.diff(spectools.load(old_source), spectools.load(new_source))
    lines = [
        _summary(len(report.breaking), len(report.additive)),
        *report.lines(),
        "adapter: not checked (--report-only does not regenerate)",
    ]
    return lines, bool(report.breaking)


def update(source: str, root: Path, adapter: Path | None = None) -> tuple[list[str], bool]:
    """Replace root/openapi.yaml with the spec at source and regenerate; returns the change report lines and whether
    anything breaks (a change in the spec, or an adapter import that no longer resolves)."""
    new = spectools.load(source)
    spec_path = root / SPEC
    old_text = spec_path.read_text(encoding="utf-8") if spec_path.exists() else None
    old = spectools.parse(old_text) if old_text is not None else {}
    report = spec_diff.diff(old, new)
    spec_path.write_text(spectools.dump(new), encoding="utf-8")
    try:
        generate.regenerate(root, spec=SPEC)
    except BaseException:
        if old_text is not None:
            spec_path.write_text(old_text, encoding="utf-8")
        raise

    adapter = adapter or root / ADAPTER
    packages = [target.package for target in generate.TARGETS if target.spec == SPEC]
    if adapter.exists():
        missing = adapter_imports.unresolved(adapter, root / "generated", packages)
        if missing:
            adapter_lines = [
                f"adapter {_shown(adapter)}: {_count(len(missing), 'imported name')} no longer "
                f"{'resolves' if len(missing) == 1 else 'resolve'} in the regenerated {', '.join(packages)}; "
                "fix the adapter",
                *(f"  {spec_diff.BREAKING_TAG}  {m.name}: {m.reason}" for m in missing),
            ]
        else:
            adapter_lines = [f"adapter {_shown(adapter)}: every name it imports from {', '.join(packages)} resolves"]
    else:
        missing = []
        adapter_lines = [f"adapter: not checked ({_shown(adapter)} does not exist)"]
    breaking = len(report.breaking) + len(missing)
    lines = [_summary(breaking, len(report.additive)), *report.lines(), *adapter_lines]
    return lines, breaking > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", help="URL or file of the new spec (JSON or YAML)")
    parser.add_argument("--root", type=Path, default=generate.ROOT, help="project directory (default: this one)")
    parser.add_argument("--adapter", type=Path, help=f"the adapter module to check (default: ROOT/{ADAPTER})")
    parser.add_argument("--report-only", nargs=2, metavar=("OLD", "NEW"), help="only compare two specs")
    parser.add_argument("--check-normalised", metavar="FILE", help="only check that FILE is in normalised form")
    args = parser.parse_args()

    if args.check_normalised:
        text = Path(args.check_normalised).read_text(encoding="utf-8")
        if spectools.dump(spectools.parse(text)) != text:
            raise SystemExit(f"{args.check_normalised} is not normalised; run scripts/update_spec.py on it")
        print(f"{args.check_normalised} is normalised")
        return
    if args.report_only and args.source:
        parser.error("--report-only takes OLD and NEW and no other spec")
    if not (args.source or args.report_only):
        parser.error("give the URL or file of the new spec (or --report-only OLD NEW)")
    try:
        if args.report_only:
            lines, breaking = report_only(*args.report_only)
        else:
            lines, breaking = update(args.source, args.root, args.adapter)
            print(f"wrote {_shown(args.root / SPEC)} and regenerated {_shown(args.root / 'generated')}/")
    except Exception as exc:  # report any failure as one line, with a non-zero exit
        print(f"update-spec failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    print("\n".join(lines))
    if breaking:
        raise SystemExit(EXIT_BREAKING)


if __name__ == "__main__":
    main()

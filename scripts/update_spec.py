"""Swap in a downloaded Detectify spec: validate it, write openapi.yaml normalised, regenerate, report changes.

    python scripts/update_spec.py https://.../openapi.json      # or a file path; JSON or YAML
    python scripts/update_spec.py spec.yaml --root DIR          # act on another checkout (used by the tests)
    python scripts/update_spec.py --check-normalised openapi.yaml

Exit status: 0 on success, 1 when the spec is invalid or generation fails (openapi.yaml is then left unchanged).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import generate
import spectools


def update(source: str, root: Path) -> list[str]:
    """Replace root/openapi.yaml with the spec at source and regenerate; returns the change report lines."""
    new = spectools.load(source)
    spec_path = root / "openapi.yaml"
    old_text = spec_path.read_text(encoding="utf-8") if spec_path.exists() else None
    old = spectools.parse(old_text) if old_text is not None else {}
    spec_path.write_text(spectools.dump(new), encoding="utf-8")
    try:
        generate.regenerate(root, spec="openapi.yaml")
    except BaseException:
        if old_text is not None:
            spec_path.write_text(old_text, encoding="utf-8")
        raise
    ops, schemas = spectools.diff(old, new)
    return [*ops.lines("operations"), *schemas.lines("schemas")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", help="URL or file of the new spec (JSON or YAML)")
    parser.add_argument("--root", type=Path, default=generate.ROOT, help="project directory (default: this one)")
    parser.add_argument("--check-normalised", metavar="FILE", help="only check that FILE is in normalised form")
    args = parser.parse_args()

    if args.check_normalised:
        text = Path(args.check_normalised).read_text(encoding="utf-8")
        if spectools.dump(spectools.parse(text)) != text:
            raise SystemExit(f"{args.check_normalised} is not normalised; run scripts/update_spec.py on it")
        print(f"{args.check_normalised} is normalised")
        return
    if not args.source:
        parser.error("give the URL or file of the new spec")
    try:
        report = update(args.source, args.root)
    except Exception as exc:  # report any failure as one line, with a non-zero exit
        print(f"update-spec failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    print(f"wrote {args.root / 'openapi.yaml'} and regenerated {args.root / 'generated'}")
    print("\n".join(report))


if __name__ == "__main__":
    main()

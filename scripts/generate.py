"""Generate the low-level clients in generated/ from the specs, or check that they are up to date.

    python scripts/generate.py            # regenerate generated/ in place
    python scripts/generate.py --check    # fail (exit 1) if regenerating would change generated/

The generator and ruff are the versions pinned in uv.lock; both run from this interpreter's environment.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODEGEN = ROOT / "scripts" / "codegen"


@dataclass(frozen=True)
class Target:
    spec: str  # relative to the project root
    config: str  # relative to scripts/codegen
    package: str  # directory under generated/


TARGETS = (
    Target(spec="openapi.yaml", config="v3.yaml", package="detectify_v3"),
    Target(spec="openapi-v2.yaml", config="v2.yaml", package="detectify_v2"),
)


def _bin(name: str) -> str:
    """An executable of this interpreter's environment (so the pinned versions are used)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def generate_package(target: Target, root: Path, out_dir: Path) -> Path:
    """Run the pinned generator for one target, writing out_dir/<package>; returns that directory."""
    dest = out_dir / target.package
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # ruff for the post-hooks
    cmd = [
        _bin("openapi-python-client"),
        "generate",
        "--path",
        str(root / target.spec),
        "--config",
        str(CODEGEN / target.config),
        "--custom-template-path",
        str(CODEGEN / "templates"),
        "--meta",
        "none",
        "--output-path",
        str(dest),
        "--overwrite",
        "--fail-on-warning",
    ]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"generation of {target.package} from {target.spec} failed")
    # --meta none writes no py.typed; the package is typed, so mark it (PEP 561).
    (dest / "py.typed").write_text("")
    # The package carries the spec it was generated from (the fake server validates requests against it).
    shutil.copyfile(root / target.spec, dest / "openapi.yaml")
    return dest


def _files(top: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(top)): path.read_bytes()
        for path in sorted(top.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _differences(current: Path, fresh: Path) -> list[str]:
    """Files that differ between the committed package and a fresh generation, by content."""
    have, want = _files(current), _files(fresh)
    name = current.name
    return [
        *(f"should not exist: {name}/{f}" for f in sorted(have.keys() - want.keys())),
        *(f"missing: {name}/{f}" for f in sorted(want.keys() - have.keys())),
        *(f"differs: {name}/{f}" for f in sorted(have.keys() & want.keys()) if have[f] != want[f]),
    ]


def regenerate(root: Path = ROOT, spec: str | None = None) -> None:
    """Rebuild the packages under root/generated from root's specs (only those of ``spec`` when given)."""
    with tempfile.TemporaryDirectory() as tmp:
        for target in TARGETS:
            if spec is not None and target.spec != spec:
                continue
            fresh = generate_package(target, root, Path(tmp))
            dest = root / "generated" / target.package
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(fresh, dest)


def check(root: Path = ROOT) -> list[str]:
    """What regenerating would change in root/generated (empty when up to date)."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for target in TARGETS:
            fresh = generate_package(target, root, Path(tmp))
            dest = root / "generated" / target.package
            if not dest.exists():
                problems.append(f"missing: generated/{target.package}")
                continue
            problems.extend(_differences(dest, fresh))
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if generated/ is not what the specs generate")
    args = parser.parse_args()
    if args.check:
        problems = check()
        if problems:
            print("generated/ is out of date with the specs or templates; run `make generate`:", file=sys.stderr)
            for line in problems:
                print(f"  {line}", file=sys.stderr)
            raise SystemExit(1)
        print("generated/ is up to date")
    else:
        regenerate()
        print("generated/ regenerated")


if __name__ == "__main__":
    main()

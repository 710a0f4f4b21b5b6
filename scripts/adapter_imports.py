"""Which names the adapter imports from the generated packages no longer resolve in a (freshly generated) tree.

``src/detectify/adapter.py`` is the one module that imports ``detectify_v3``/``detectify_v2``, so a regeneration
that renames a module, function or model shows up here first. The adapter's imports are read with ``ast`` (whatever
it holds today, nothing hard-coded) and each is imported in a separate interpreter whose ``sys.path`` starts with the
generated directory, so the check sees that tree and not the package installed in the environment.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

# Runs in the child interpreter: argv[1] is the generated directory, stdin a JSON list of [module, name-or-null].
_CHECKER = """
import importlib, json, sys
from pathlib import Path
top = Path(sys.argv[1]).resolve()
sys.path.insert(0, str(top))
out = []
for module, name in json.load(sys.stdin):
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError:
        out.append([module, name, "missing (module " + module + " is gone)"])
        continue
    except Exception as exc:
        out.append([module, name, "module " + module + " fails to import: " + type(exc).__name__ + ": " + str(exc)])
        continue
    where = Path(getattr(mod, "__file__", None) or top).resolve()
    if top not in where.parents:
        out.append([module, name, "resolved outside " + str(top) + ": " + str(where)])
        continue
    if name is None or hasattr(mod, name):
        continue
    try:
        importlib.import_module(module + "." + name)
    except ModuleNotFoundError:
        out.append([module, name, "missing"])
    except Exception as exc:
        out.append([module, name, "fails to import: " + type(exc).__name__ + ": " + str(exc)])
json.dump(out, sys.stdout)
"""


@dataclass(frozen=True)
class Unresolved:
    """An imported name that does not resolve: ``detectify_v3.api.ips.list_ips``, and why."""

    name: str
    reason: str


def imported_names(source: str, packages: Collection[str]) -> list[tuple[str, str | None]]:
    """(module, name) for each ``from <package>... import name`` and (module, None) for each ``import <package>...``
    in the source, for the given top-level packages, in source order and without repeats."""
    found: dict[tuple[str, str | None], None] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in packages:
                for alias in node.names:
                    found[(node.module, None if alias.name == "*" else alias.name)] = None
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in packages:
                    found[(alias.name, None)] = None
    return list(found)


def unresolved(adapter: Path, generated: Path, packages: Collection[str]) -> list[Unresolved]:
    """The adapter's imports from ``packages`` that do not resolve in the ``generated`` directory."""
    names = imported_names(adapter.read_text(encoding="utf-8"), packages)
    if not names:
        return []
    result = subprocess.run(
        [sys.executable, "-I", "-c", _CHECKER, str(generated)],
        input=json.dumps(names),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"checking the adapter's imports failed: {result.stderr.strip()[-2000:]}")
    return [
        Unresolved(f"{module}.{name}" if name else module, reason) for module, name, reason in json.loads(result.stdout)
    ]

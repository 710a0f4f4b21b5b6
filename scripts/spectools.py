"""Load, validate and normalise OpenAPI documents, and list their operations and schemas (spec_diff.py compares
them)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import yaml
from openapi_spec_validator import validate

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class _NoAliasDumper(yaml.SafeDumper):
    """Writes repeated objects out in full: anchors and aliases make a spec hard to read and diff."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def parse(text: str) -> dict[str, Any]:
    """Parse a spec given as JSON or YAML text (JSON is a subset of YAML, but JSON errors read better)."""
    stripped = text.lstrip()
    doc = json.loads(text) if stripped.startswith("{") else yaml.safe_load(text)
    if not isinstance(doc, dict):
        raise ValueError("the spec is not a JSON/YAML object")
    _refuse_cycles(doc)
    return doc


MAX_NODES = 2_000_000  # this project's spec has about 10,000; aliases nested in aliases can expand to billions


def _refuse_cycles(doc: Any) -> None:
    """YAML aliases can make a node contain itself, or expand a small file into billions of nodes (written out in
    full by dump); nothing downstream (validation, diff, dump) would end, so both are refused here."""
    stack: set[int] = set()
    count = 0

    def walk(node: Any) -> None:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise ValueError(f"the spec expands to more than {MAX_NODES} nodes (YAML aliases inside aliases?)")
        if isinstance(node, dict | list):
            if id(node) in stack:
                raise ValueError("the spec contains itself through a YAML alias (a cycle)")
            stack.add(id(node))
            for child in node.values() if isinstance(node, dict) else node:
                walk(child)
            stack.discard(id(node))

    walk(doc)


def read_source(source: str, timeout: float = 30.0) -> str:
    """Read a spec from a http(s) URL or a file path."""
    if source.startswith(("http://", "https://")):
        with urlopen(source, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            data: bytes = response.read()
        return data.decode("utf-8")
    return Path(source).read_text(encoding="utf-8")


def load(source: str) -> dict[str, Any]:
    """Read, parse and validate a spec; raises on an invalid document."""
    doc = parse(read_source(source))
    validate(doc)
    return doc


TOP_LEVEL_ORDER = (
    "openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "paths", "webhooks", "components",
)  # fmt: skip


def dump(doc: Mapping[str, Any]) -> str:
    """The normalised text of a spec: YAML, top-level keys in the conventional order, everything below in document
    order (the generator follows property order), no anchors or aliases, stable wrapping."""
    rank = {key: i for i, key in enumerate(TOP_LEVEL_ORDER)}
    ordered = dict(sorted(doc.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))
    return yaml.dump(ordered, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=120)


def operations(doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Operations keyed by 'METHOD /path', each with path-level parameters merged in."""
    ops: dict[str, dict[str, Any]] = {}
    for path, item in (doc.get("paths") or {}).items():
        for method in HTTP_METHODS:
            if method in item:
                op = dict(item[method])
                if item.get("parameters"):
                    op["parameters"] = [*item["parameters"], *op.get("parameters", [])]
                ops[f"{method.upper()} {path}"] = op
    return ops


def schemas(doc: Mapping[str, Any]) -> dict[str, Any]:
    return dict((doc.get("components") or {}).get("schemas") or {})

"""The tables of a sync, read from the OpenAPI document: one column per top-level field of each resource's item.

A column's kind comes from the field's schema: ``text`` (strings and enums: an enum value newer than the spec is
just text), ``timestamp`` (``format: date-time``), ``boolean``, ``integer``, ``number``, and ``json`` (objects,
arrays and anything else). Every table also has ``raw`` (the item as the API sent it), ``synced_at`` and
``missing_since``. After ``make update-spec`` brings a new field, the next sync adds its column (see the stores).

The stores read each field's value from the item's JSON themselves (SQLite: generated columns; PostgreSQL: typed in
SQL, NULL for a value that does not fit its column; such a value is still in ``raw``);
``jsoncodec.dumps`` encodes the items.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal

import attrs

from .. import adapter
from ..adapter import RESOURCES

__all__ = [
    "BOOKKEEPING",
    "Column",
    "Kind",
    "Table",
    "default_tables",
    "storable",
    "tables_from_spec",
]

Kind = Literal["text", "timestamp", "boolean", "integer", "number", "json"]
#: Columns every table has besides the item's fields.
BOOKKEEPING = ("raw", "synced_at", "missing_since")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@attrs.frozen
class Column:
    name: str
    kind: Kind


@attrs.frozen(cache_hash=True)
class Table:
    """A resource's table: ``id`` first, then the item's other fields in the spec's order."""

    name: str
    columns: tuple[Column, ...]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def default_tables() -> dict[str, Table]:
    """The tables for the spec shipped with the generated client."""
    return dict(_shipped_tables())


@cache
def _shipped_tables() -> tuple[tuple[str, Table], ...]:
    import yaml  # only a sync needs the spec: keep it out of the SDK's import time

    # libyaml's parser when PyYAML has it (about 4 times faster: 20 ms of every sync's start), the same document
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(tables_from_spec(yaml.load(adapter.openapi_document(), Loader=loader)).items())  # noqa: S506


def tables_from_spec(document: Mapping[str, Any]) -> dict[str, Table]:
    """One table per resource, from each list operation's item schema in ``document`` (a parsed OpenAPI 3 document).
    Fields whose names are not plain lower-case identifiers, or that clash with the bookkeeping columns, stay in
    ``raw`` only."""
    tables = {}
    for resource in RESOURCES:
        path = adapter.LIST_OPERATIONS[resource].path
        try:
            page = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            item = _resolve(document, _resolve(document, page)["properties"]["items"]["items"])
            properties: Mapping[str, Any] = item["properties"]
        except (KeyError, TypeError) as exc:
            raise ValueError(f"the OpenAPI document has no item schema for {path} ({exc!r} missing)") from None
        columns = [Column("id", "text")]
        for name, schema in properties.items():
            if name != "id" and isinstance(name, str) and _IDENTIFIER.match(name) and name not in BOOKKEEPING:
                columns.append(Column(name, _kind(document, schema)))
        tables[resource] = Table(resource, tuple(columns))
    return tables


def _resolve(document: Mapping[str, Any], schema: Any) -> Mapping[str, Any]:
    for _ in range(32):  # a chain of references, not a cycle
        if not isinstance(schema, Mapping):
            return {}
        reference = schema.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/"):
            target: Any = document
            for part in reference[2:].split("/"):
                target = (
                    target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, Mapping) else {}
                )
            schema = target
            continue
        parts = schema.get("allOf")
        if isinstance(parts, list) and len(parts) == 1:
            schema = parts[0]
            continue
        return schema
    return {}


def _kind(document: Mapping[str, Any], schema: Any) -> Kind:
    resolved = _resolve(document, schema)
    kind = resolved.get("type")
    if isinstance(kind, list):  # OpenAPI 3.1: ["string", "null"]
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if len(kinds) == 1 else None
    if kind == "string":
        return "timestamp" if resolved.get("format") == "date-time" else "text"
    if kind in ("boolean", "integer", "number"):
        return kind  # type: ignore[no-any-return]
    return "json"


#: A NUL escape (after an even number of backslashes: an escaped backslash followed by ``u0000`` is text).
_NUL_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")
#: A surrogate escape without its pair (PostgreSQL's JSON types refuse it).
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"  # a high one not followed by a low one
    r"|(?<![89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a low one not after a high one
)


def storable(json_text: str) -> str:
    """JSON text PostgreSQL takes: no NUL escape, no lone surrogate escape (U+FFFD instead of either)."""
    if "\\u0000" in json_text:
        json_text = _NUL_ESCAPE.sub("\\1\\\\ufffd", json_text)
    if "\\ud" in json_text or "\\uD" in json_text:
        json_text = _LONE_SURROGATE.sub("\\\\ufffd", json_text)
    return json_text

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

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Literal

import attrs

from .. import adapter
from ..adapter import RESOURCES

__all__ = [
    "BOOKKEEPING",
    "ISO_8601",
    "Column",
    "Kind",
    "Table",
    "default_tables",
    "fits",
    "storable",
    "tables_from_spec",
]

Kind = Literal["text", "timestamp", "boolean", "integer", "number", "json"]
#: The ISO 8601 date-times a timestamp column takes (a pattern for the whole value): those Python and PostgreSQL both
#: read (a real month, day, hour, minute and second; PostgreSQL takes UTC offsets up to 15:59). Whether the day
#: exists in its month is checked apart.
ISO_8601 = (r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]"
            r"(\.[0-9]{1,6})?)?(Z|[+-](0[0-9]|1[0-5])(:[0-5][0-9])?)")  # fmt: skip
_ISO_8601 = re.compile(ISO_8601)
#: ``ISO_8601`` on a day every month has, in a year other than 0000: most date-times, with no day to check.
_ISO_8601_EARLY_DAY = re.compile("(?!0000)" + ISO_8601.replace("(0[1-9]|[12][0-9]|3[01])", "(0[1-9]|1[0-9]|2[0-8])"))
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

    @property
    def typed_fields(self) -> tuple[tuple[str, Kind], ...]:
        """The fields whose values a column of their kind may refuse (every kind but ``json``), with their kind."""
        return _typed_fields(self)


@cache
def _typed_fields(table: Table) -> tuple[tuple[str, Kind], ...]:
    return tuple((column.name, column.kind) for column in table.columns if column.kind != "json")


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


_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
#: The Python types (from decoded JSON) a value of each kind may have as it is (None: null or missing).
_FITTING: Mapping[Kind, frozenset[type]] = {
    "text": frozenset({str, type(None)}),
    "timestamp": frozenset({str, type(None)}),
    "boolean": frozenset({bool, type(None)}),
    "integer": frozenset({int, type(None)}),
    "number": frozenset({int, float, type(None)}),
}


def fits(table: Table, items: Sequence[Mapping[str, Any]]) -> bool:
    """Whether every value of ``items`` fits its column as it is: null or missing, or a string for ``text``, a
    boolean for ``boolean``, a 64-bit integer for ``integer``, a float or 64-bit integer for ``number``, and a
    date-time matching ``ISO_8601`` on a day that exists for ``timestamp`` (anything for ``json``). A store that
    types values itself (PostgreSQL) skips its per-value checks for such a page, and keeps them for any other.
    Checked a column at a time (about a millisecond for a page of 1000 IPs)."""
    for name, kind in table.typed_fields:
        values = [item.get(name) for item in items]
        if not set(map(type, values)) <= _FITTING[kind]:
            return False
        if kind == "text" or kind == "boolean":
            continue
        present = [value for value in values if value is not None]
        if not present:
            continue
        if kind == "timestamp":
            early = map(_ISO_8601_EARLY_DAY.fullmatch, present)
            later = [text for text, matched in zip(present, early, strict=True) if not matched]
            if not all(map(_is_date_time, later)):
                return False
        else:  # integers (and floats for a number) fit when the integers are 64-bit ones
            integers = present if kind == "integer" else [value for value in present if type(value) is int]
            if integers and (min(integers) < _INT64_MIN or max(integers) > _INT64_MAX):
                return False
    return True


def _is_date_time(text: str) -> bool:
    if _ISO_8601.fullmatch(text) is None:
        return False
    try:
        dt.date(int(text[:4]), int(text[5:7]), int(text[8:10]))  # year 0000 and February 30 are refused
    except ValueError:
        return False
    return True


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

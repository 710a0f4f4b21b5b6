"""What changed between two OpenAPI specs, each change classified as breaking for users of this SDK or additive.

The report has one entry per operation (``METHOD /path``) and one per component schema (by name). ``$ref``s are
followed: an operation's parameters, request body and responses are compared as resolved schemas, except that a
reference to the same component schema on both sides is left to that schema's own entry (each change is reported
once; the operation then names the changed schemas it reaches). A component schema is judged in the direction(s) it
is used in: reachable from a request (parameters, request body), from a response, or both (then a change is breaking
if it breaks either side); a schema no operation uses is judged both ways.

Rules. "Request" is what code passes to the SDK, which sends it; "response" is what the SDK parses and code reads.

==========================================  =================================  ===================================
change                                      request side                       response side
==========================================  =================================  ===================================
operation removed                           breaking                           (same)
operation added                             additive                           (same)
operationId or first tag changed            breaking: the generated function   (same)
                                            or its module is renamed
operation moved to another path, same       additive: the generated function   (same)
operationId                                 keeps its name
parameter or field removed                  breaking                           breaking
removed and added with the same type,       breaking, reported as "looks       breaking, "looks renamed"
format (or model) and a similar name in     renamed"
the same place (for a component schema: the
same structure, whatever the name)
parameter or field added, optional          additive                           additive
parameter or field added, required          breaking: existing calls lack it   additive
became required                             breaking                           additive
became optional                             additive                           breaking: code may get UNSET
became nullable                             additive                           breaking: code may get None
no longer nullable                          breaking: None is refused          additive
type or format narrowed (string -> integer, breaking: old values are refused   additive when the new Python type
number -> integer, a format added that                                         works where the old did (int for
restricts, e.g. string -> date-time)                                           float, str for str), else breaking
                                                                               (str -> datetime)
type or format widened (integer -> number,  additive                           breaking when the Python type
a format dropped, int32 -> int64)                                              changes (int -> float: code typed
                                                                               for int gets 1.5); additive when it
                                                                               stays (int32 -> int64)
any other type change (string -> boolean)   breaking                           breaking
enum value removed                          breaking: code naming it fails     breaking
enum value added                            additive                           additive: the SDK keeps unknown
                                                                               values as strings
enum constraint added / dropped             breaking / additive                additive / breaking
oneOf/anyOf variant added / removed         additive / breaking                breaking / additive
reference to another model class            breaking: the generated class      breaking
(``$ref: A`` -> ``$ref: B``)                changes (then compared inside)
request body added required / optional      breaking / additive
request body or one of its media types      breaking
removed
a 2xx response or its media type removed                                       breaking: nothing parsed any more
any other response status added or removed                                     additive
component schema removed                    breaking: its model is gone        (same)
component schema added                      additive                           (same)
==========================================  =================================  ===================================

The "Python type" is what openapi-python-client makes of a type and format: string -> str (date-time -> datetime,
date -> date, uuid -> UUID, binary -> File), integer -> int, number -> float, boolean -> bool. A type change is
additive on the request side when every value of the old Python type is accepted by the new one and no format that
restricts was added, and on the response side when every value of the new Python type works where the old one did.
Not compared: descriptions, examples, constraints the generated code does not check (minimum, maxLength, pattern),
security, servers. A subject that changed only in those is listed with "no change that affects the SDK".
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import spectools

K = TypeVar("K")
Direction = Literal["request", "response"]
REQUEST: Direction = "request"
RESPONSE: Direction = "response"
BOTH: tuple[Direction, ...] = (REQUEST, RESPONSE)
SCHEMA_REF = "#/components/schemas/"
BREAKING_TAG, ADDITIVE_TAG = "BREAKING", "additive"
RENAME_SIMILARITY = 0.5  # difflib ratio above which a removed and an added name with the same schema look renamed
_NOT_STRUCTURAL = ("description", "example", "examples", "title", "externalDocs", "summary")
_FORMAT_WIDENINGS = {("int32", "int64"), ("float", "double")}
_STRING_FORMATS = {"date-time": "datetime", "date": "date", "uuid": "UUID", "binary": "File"}
_PY_TYPES = {"integer": "int", "number": "float", "boolean": "bool", "array": "list", "object": "object"}


@dataclass(frozen=True)
class Change:
    """One change inside an operation or schema. ``where`` is empty for the subject itself."""

    where: str
    what: str
    breaking: bool
    why: str = ""

    def text(self) -> str:
        body = f"{self.where}: {self.what}" if self.where else self.what
        return f"{body}; {self.why}" if self.why else body


@dataclass
class Subject:
    """An operation or a component schema: added (+), removed (-) or changed (~), with what changed."""

    sign: str
    name: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def breaking(self) -> bool:
        return any(c.breaking for c in self.changes)


@dataclass
class Report:
    operations: list[Subject]
    schemas: list[Subject]

    def changes(self) -> list[Change]:
        return [c for s in (*self.operations, *self.schemas) for c in s.changes]

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes() if c.breaking]

    @property
    def additive(self) -> list[Change]:
        return [c for c in self.changes() if not c.breaking]

    def lines(self) -> Iterator[str]:
        yield from _section("operations", self.operations)
        yield from _section("schemas", self.schemas)


def _tag(breaking: bool) -> str:
    return BREAKING_TAG if breaking else ADDITIVE_TAG


def _section(kind: str, subjects: list[Subject]) -> Iterator[str]:
    if not subjects:
        yield f"{kind}: no changes"
        return
    counts = {sign: sum(1 for s in subjects if s.sign == sign) for sign in "+-~"}
    yield f"{kind}: {counts['+']} added, {counts['-']} removed, {counts['~']} changed"
    for subject in subjects:
        if subject.sign == "~":
            yield f"  {'':8}  ~ {subject.name}"
            for change in subject.changes:
                yield f"  {_tag(change.breaking)}      {change.text()}"
            for note in subject.notes:
                yield f"  {'':8}      {note}"
        else:
            (change,) = subject.changes
            yield f"  {_tag(change.breaking)}  {subject.sign} {subject.name}" + (
                f"; {change.why}" if change.why else ""
            )


# --- reading a spec --------------------------------------------------------------------------------------------


class Spec:
    """A parsed spec with ``$ref`` resolution inside the document."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.schemas = spectools.schemas(doc)

    def resolve(self, node: Any) -> tuple[Any, str | None]:
        """The node a (chain of) ``$ref`` points to, and the component schema name it last went through."""
        name = None
        for _ in range(64):  # a chain longer than this is a loop
            if not (isinstance(node, Mapping) and isinstance(node.get("$ref"), str)):
                return node, name
            ref = node["$ref"]
            if not ref.startswith("#/"):
                return node, name  # an external reference: compared as written
            if ref.startswith(SCHEMA_REF):
                name = ref[len(SCHEMA_REF) :]
            target: Any = self.doc
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, Mapping) or part not in target:
                    return node, name
                target = target[part]
            node = target
        return node, name

    def schema_refs(self, node: Any) -> set[str]:
        """Names of the component schemas a node refers to directly (through other kinds of ``$ref`` too)."""
        found: set[str] = set()
        seen: set[str] = set()

        def walk(item: Any) -> None:
            if isinstance(item, dict):  # parsed JSON/YAML: plain dicts and lists (faster than the ABCs)
                ref = item.get("$ref")
                if isinstance(ref, str):
                    if ref.startswith(SCHEMA_REF):
                        found.add(ref[len(SCHEMA_REF) :])
                    elif ref.startswith("#/") and ref not in seen:
                        seen.add(ref)
                        walk(self.resolve(item)[0])
                for key, value in item.items():
                    if key not in ("example", "examples"):  # data, not schema: a "$ref" in there is no reference
                        walk(value)
            elif isinstance(item, list):
                for value in item:
                    walk(value)

        walk(node)
        return found


def _closure(names: Iterable[str], graph: Mapping[str, set[str]]) -> set[str]:
    todo, seen = list(names), set[str]()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph.get(name, ()))
    return seen


def _fingerprint(node: Any) -> str:
    """A schema's structure without its prose: equal fingerprints describe the same values."""

    def strip(item: Any) -> Any:
        if isinstance(item, Mapping):
            return {k: strip(v) for k, v in item.items() if k not in _NOT_STRUCTURAL and not str(k).startswith("x-")}
        if isinstance(item, list):
            return [strip(v) for v in item]
        return item

    return json.dumps(strip(node), sort_keys=True, default=str)


def _signature(node: Any) -> Any:
    """What a renamed field or parameter keeps: its model or its type, format, enum, item and property shapes
    (not its constraints, default or nullability)."""
    if not isinstance(node, Mapping):
        return None
    if "$ref" in node:
        return node["$ref"]
    return [
        sorted(_describe(_types(node)).split(" | ")),
        sorted(map(str, node.get("enum") or [])),
        _signature(node.get("items")),
        sorted(node.get("properties") or {}),
        [_signature(v) for v in node.get("oneOf") or node.get("anyOf") or node.get("allOf") or []],
    ]


def _pair_renames(
    removed: Iterable[K],
    added: Iterable[K],
    same_shape: Callable[[K, K], bool],
    name: Callable[[K], str] = str,
    similarity: float = RENAME_SIMILARITY,
) -> list[tuple[K, K]]:
    """(old, new) pairs that look renamed: the same shape and a similar name, most similar first."""
    removed_list, added_list = list(removed), list(added)
    candidates = sorted(
        (
            (difflib.SequenceMatcher(None, name(old), name(new)).ratio(), i, j)
            for i, old in enumerate(removed_list)
            for j, new in enumerate(added_list)
            if same_shape(old, new)
        ),
        key=lambda c: -c[0],
    )
    pairs: list[tuple[K, K]] = []
    used_old, used_new = set[int](), set[int]()
    for ratio, i, j in candidates:
        if ratio >= similarity and i not in used_old and j not in used_new:
            pairs.append((removed_list[i], added_list[j]))
            used_old.add(i)
            used_new.add(j)
    return pairs


# --- types -------------------------------------------------------------------------------------------------------


def _types(schema: Mapping[str, Any]) -> frozenset[tuple[str, str | None]]:
    """The (type, format) pairs a schema allows, without null; empty when it does not say."""
    declared = schema.get("type")
    if isinstance(declared, list):
        names = [t for t in declared if t != "null"]
    elif isinstance(declared, str):
        names = [declared]
    elif "properties" in schema:
        names = ["object"]
    elif "items" in schema:
        names = ["array"]
    else:
        names = []
    fmt = schema.get("format")
    return frozenset((t, fmt if isinstance(fmt, str) else None) for t in names)


def _py_type(json_type: str, fmt: str | None) -> str:
    if json_type == "string":
        return _STRING_FORMATS.get(fmt or "", "str")
    return _PY_TYPES.get(json_type, "Any")


def _usable_as(expected: str, given: str) -> bool:
    """Whether a value of Python type ``given`` works where ``expected`` is wanted."""
    return expected in (given, "Any") or (expected == "float" and given == "int")


def _restricts(old_format: str | None, new_format: str | None) -> bool:
    return new_format is not None and new_format != old_format and (old_format, new_format) not in _FORMAT_WIDENINGS


def _describe(types: frozenset[tuple[str, str | None]]) -> str:
    if not types:
        return "any"
    return " | ".join(f"{t} ({f})" if f else t for t, f in sorted(types, key=lambda tf: (tf[0], tf[1] or "")))


def _shape(node: Any) -> str:
    """How a property's schema reads in a message: its model's name or its type."""
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    if isinstance(ref, str):
        return ref.rsplit("/", 1)[-1]
    return _describe(_types(node)) if isinstance(node, Mapping) else "any"


def _nullable(schema: Mapping[str, Any]) -> bool:
    declared = schema.get("type")
    return schema.get("nullable") is True or (isinstance(declared, list) and "null" in declared)


def _generates_class(schema: Mapping[str, Any]) -> bool:
    return "enum" in schema or "properties" in schema or "allOf" in schema or schema.get("type") == "object"


def _variant_key(spec: Spec, node: Any, index: int) -> str:
    name = spec.resolve(node)[1] if isinstance(node, Mapping) and "$ref" in node else None
    return name or f"#{index + 1}"


# --- comparing schemas ------------------------------------------------------------------------------------------


class SchemaComparison:
    """Compares two schemas in one direction, adding Changes to ``changes`` and the names of the same-named
    component schemas it met (left to their own entries) to ``reached``."""

    def __init__(self, old: Spec, new: Spec, direction: Direction) -> None:
        self.old, self.new, self.direction = old, new, direction
        self.changes: list[Change] = []
        self.reached: set[str] = set()
        self._active: set[tuple[int, int]] = set()

    def _add(self, where: str, what: str, breaking: bool, why: str = "") -> None:
        self.changes.append(Change(where, what, breaking, why if breaking else ""))

    def _by_direction(self, where: str, what: str, breaks_request: bool, breaks_response: bool, why: str = "") -> None:
        self._add(where, what, breaks_request if self.direction == REQUEST else breaks_response, why)

    @staticmethod
    def _where(base: str, path: str) -> str:
        return f"{base} field `{path}`".strip() if path else base

    def compare(self, old_node: Any, new_node: Any, base: str = "", path: str = "") -> None:
        old_ref = old_node.get("$ref") if isinstance(old_node, Mapping) else None
        if old_ref is not None and old_ref == (new_node.get("$ref") if isinstance(new_node, Mapping) else None):
            name = str(old_ref)[len(SCHEMA_REF) :]
            if str(old_ref).startswith(SCHEMA_REF) and name in self.old.schemas and name in self.new.schemas:
                self.reached.add(name)
                return
        old, old_name = self.old.resolve(old_node)
        new, new_name = self.new.resolve(new_node)
        if not isinstance(old, Mapping) or not isinstance(new, Mapping):
            return
        where = self._where(base, path)
        if old_name != new_name and (_generates_class(old) or _generates_class(new)):
            self._add(
                where,
                f"model {old_name or 'inline'} -> {new_name or 'inline'}",
                True,
                "the generated class changes",
            )
        key = (id(old), id(new))
        if key in self._active:
            return
        self._active.add(key)
        try:
            self._compare_resolved(old, new, base, path, where)
        finally:
            self._active.discard(key)

    def _compare_resolved(
        self, old: Mapping[str, Any], new: Mapping[str, Any], base: str, path: str, where: str
    ) -> None:
        if _nullable(old) != _nullable(new):
            if _nullable(new):
                self._by_direction(where, "became nullable", False, True, "code reading it may get None")
            else:
                self._by_direction(where, "no longer nullable", True, False, "None is refused")
        self._compare_types(old, new, where)
        self._compare_enums(old, new, where)
        self._compare_properties(old, new, base, path)
        if "items" in old or "items" in new:
            self.compare(old.get("items", {}), new.get("items", {}), base, f"{path}[]")
        for keyword in ("oneOf", "anyOf"):
            if keyword in old or keyword in new:
                self._compare_variants(old.get(keyword) or [], new.get(keyword) or [], base, path, where)

    def _compare_types(self, old: Mapping[str, Any], new: Mapping[str, Any], where: str) -> None:
        old_types, new_types = _types(old), _types(new)
        if old_types == new_types or not (old_types or new_types):
            return
        olds = old_types or {("any", None)}
        news = new_types or {("any", None)}
        if self.direction == REQUEST:
            fine = all(
                any(
                    _usable_as(_py_type(*n), _py_type(*o)) and not (o[0] == n[0] and _restricts(o[1], n[1]))
                    for n in news
                )
                for o in olds
            )
            why = "values accepted before may be refused"
        else:
            fine = all(any(_usable_as(_py_type(*o), _py_type(*n)) for o in olds) for n in news)
            why = "code reading it may get a type it does not expect"
        self._add(where, f"type {_describe(old_types)} -> {_describe(new_types)}", not fine, why)

    def _compare_enums(self, old: Mapping[str, Any], new: Mapping[str, Any], where: str) -> None:
        old_values, new_values = old.get("enum"), new.get("enum")
        if old_values is None and new_values is None:
            return
        if old_values is None:
            values = ", ".join(map(str, new_values or []))
            self._by_direction(where, f"restricted to enum values {values}", True, False, "other values are refused")
            return
        if new_values is None:
            self._by_direction(where, "no longer an enum", False, True, "code may get values it cannot name")
            return
        for value in old_values:
            if value not in new_values:
                self._add(where, f"enum value {value} removed", True, "code naming it fails")
        for value in new_values:
            if value not in old_values:
                self._add(where, f"enum value {value} added", False)

    def _object(self, spec: Spec, schema: Mapping[str, Any], depth: int = 0) -> tuple[dict[str, Any], set[str]]:
        """Properties and required names of an object schema, allOf parts merged in."""
        props: dict[str, Any] = {}
        required: set[str] = set()
        parts = (schema.get("allOf") or []) if depth < 16 else []  # deeper nesting is a loop
        for part in parts:
            part_props, part_required = self._object(spec, spec.resolve(part)[0], depth + 1)
            props.update(part_props)
            required |= part_required
        props.update(schema.get("properties") or {})
        required |= set(schema.get("required") or [])
        return props, required

    def _compare_properties(self, old: Mapping[str, Any], new: Mapping[str, Any], base: str, path: str) -> None:
        old_props, old_required = self._object(self.old, old)
        new_props, new_required = self._object(self.new, new)
        if not (old_props or new_props):
            return

        def child(name: str) -> str:
            return f"{path}.{name}" if path else name

        removed = [k for k in old_props if k not in new_props]
        added = [k for k in new_props if k not in old_props]
        renames = _pair_renames(removed, added, lambda o, n: _signature(old_props[o]) == _signature(new_props[n]))
        for old_name, new_name in renames:
            shape = _shape(new_props[new_name])
            self._add(
                self._where(base, child(old_name)),
                f"looks renamed to `{new_name}` ({shape})",
                True,
                "code using the old name fails",
            )
        renamed_old = {o for o, _ in renames}
        renamed_new = {n for _, n in renames}
        for name in removed:
            if name not in renamed_old:
                self._add(self._where(base, child(name)), "removed", True, "code using it fails")
        for name in added:
            if name not in renamed_new:
                is_required = name in new_required
                self._by_direction(
                    self._where(base, child(name)),
                    f"added ({'required' if is_required else 'optional'})",
                    is_required,
                    False,
                    "existing calls lack it",
                )
        for name in old_props:
            if name not in new_props:
                continue
            where = self._where(base, child(name))
            if (name in old_required) != (name in new_required):
                if name in new_required:
                    self._by_direction(where, "became required", True, False, "existing calls lack it")
                else:
                    self._by_direction(where, "became optional", False, True, "code reading it may get UNSET")
            self.compare(old_props[name], new_props[name], base, child(name))

    def _compare_variants(self, old: list[Any], new: list[Any], base: str, path: str, where: str) -> None:
        old_keyed = {_variant_key(self.old, v, i): v for i, v in enumerate(old)}
        new_keyed = {_variant_key(self.new, v, i): v for i, v in enumerate(new)}
        for key in old_keyed:
            if key not in new_keyed:
                self._by_direction(where, f"variant {key} removed", True, False, "code passing it fails")
        for key in new_keyed:
            if key not in old_keyed:
                why = "code may get a shape it does not handle"
                self._by_direction(where, f"variant {key} added", False, True, why)
        for key in old_keyed:
            if key in new_keyed:
                self.compare(old_keyed[key], new_keyed[key], base, f"{path}<{key}>")


# --- comparing operations ---------------------------------------------------------------------------------------


def _parameters(spec: Spec, op: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    params: dict[tuple[str, str], Mapping[str, Any]] = {}
    for raw in op.get("parameters") or []:
        param = spec.resolve(raw)[0]
        if isinstance(param, Mapping) and "name" in param:
            params[(str(param.get("in")), str(param["name"]))] = param  # later (operation-level) ones win
    return params


def _param_schema(param: Mapping[str, Any]) -> Any:
    if "schema" in param:
        return param["schema"]
    for media in (param.get("content") or {}).values():
        return media.get("schema", {})
    return {}


def _media(spec: Spec, node: Any) -> dict[str, Any]:
    resolved = spec.resolve(node)[0] if node is not None else None
    if not isinstance(resolved, Mapping):
        return {}
    return {str(k): (v or {}).get("schema", {}) for k, v in (resolved.get("content") or {}).items()}


class OperationComparison:
    """Compares one operation present in both specs; ``reached`` collects same-named schemas per part."""

    def __init__(self, old: Spec, new: Spec) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        self.reached: dict[str, set[str]] = {}  # part ("request", "response 200") -> schema names

    def _schema(self, part: str, direction: Direction, old: Any, new: Any, base: str) -> None:
        comparison = SchemaComparison(self.old, self.new, direction)
        comparison.compare(old, new, base)
        self.changes.extend(comparison.changes)
        if comparison.reached:
            self.reached.setdefault(part, set()).update(comparison.reached)

    def run(self, old_op: Mapping[str, Any], new_op: Mapping[str, Any]) -> None:
        if old_op.get("operationId") != new_op.get("operationId"):
            self.changes.append(
                Change(
                    "",
                    f"operationId {old_op.get('operationId')} -> {new_op.get('operationId')}",
                    True,
                    "the generated function is renamed",
                )
            )
        old_tag, new_tag = ((op.get("tags") or [None])[0] for op in (old_op, new_op))
        if old_tag != new_tag:
            self.changes.append(Change("", f"tag {old_tag} -> {new_tag}", True, "the generated module moves"))
        self._parameters(old_op, new_op)
        self._request_body(old_op.get("requestBody"), new_op.get("requestBody"))
        self._responses(old_op.get("responses") or {}, new_op.get("responses") or {})

    def _parameters(self, old_op: Mapping[str, Any], new_op: Mapping[str, Any]) -> None:
        old, new = _parameters(self.old, old_op), _parameters(self.new, new_op)

        def label(key: tuple[str, str]) -> str:
            return f"{key[0]} parameter `{key[1]}`"

        removed = [k for k in old if k not in new]
        added = [k for k in new if k not in old]
        renames = _pair_renames(
            removed,
            added,
            lambda o, n: o[0] == n[0] and _signature(_param_schema(old[o])) == _signature(_param_schema(new[n])),
            name=lambda key: key[1],
        )
        for old_key, new_key in renames:
            what = f"looks renamed to `{new_key[1]}`"
            self.changes.append(Change(label(old_key), what, True, "code using the old name fails"))
        renamed = {o for o, _ in renames} | {n for _, n in renames}
        for key in removed:
            if key not in renamed:
                self.changes.append(Change(label(key), "removed", True, "code passing it fails"))
        for key in added:
            if key not in renamed:
                required = bool(new[key].get("required"))
                what = f"added ({'required' if required else 'optional'})"
                self.changes.append(Change(label(key), what, required, "existing calls lack it" if required else ""))
        for key, old_param in old.items():
            if key not in new:
                continue
            was, now = bool(old_param.get("required")), bool(new[key].get("required"))
            if was != now:
                what = "became required" if now else "became optional"
                self.changes.append(Change(label(key), what, now, "existing calls lack it" if now else ""))
            self._schema("request", REQUEST, _param_schema(old_param), _param_schema(new[key]), label(key))

    def _request_body(self, old_body: Any, new_body: Any) -> None:
        old_resolved = self.old.resolve(old_body)[0] if old_body is not None else None
        new_resolved = self.new.resolve(new_body)[0] if new_body is not None else None
        if old_resolved is None and new_resolved is None:
            return
        if new_resolved is None:
            self.changes.append(Change("request body", "removed", True, "code passing it fails"))
            return
        required = bool(new_resolved.get("required"))
        if old_resolved is None:
            what = f"added ({'required' if required else 'optional'})"
            self.changes.append(Change("request body", what, required, "existing calls lack it" if required else ""))
            return
        if bool(old_resolved.get("required")) != required:
            what = "became required" if required else "became optional"
            self.changes.append(Change("request body", what, required, "existing calls lack it" if required else ""))
        old_media, new_media = _media(self.old, old_body), _media(self.new, new_body)
        for media in sorted(old_media.keys() - new_media.keys()):
            self.changes.append(Change(f"request body {media}", "removed", True, "code sending it fails"))
        for media in sorted(new_media.keys() - old_media.keys()):
            self.changes.append(Change(f"request body {media}", "added", False))
        for media in sorted(old_media.keys() & new_media.keys()):
            base = "request body" if len(new_media) == 1 else f"request body {media}"
            self._schema("request", REQUEST, old_media[media], new_media[media], base)

    def _responses(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        for status in old:
            if status not in new:
                success = str(status).startswith("2")
                why = "the generated parser no longer returns its model" if success else ""
                self.changes.append(Change(f"response {status}", "removed", success, why))
        for status in new:
            if status not in old:
                self.changes.append(Change(f"response {status}", "added", False))
        for status in old:
            if status not in new:
                continue
            old_media, new_media = _media(self.old, old[status]), _media(self.new, new[status])
            success = str(status).startswith("2")
            for media in sorted(old_media.keys() - new_media.keys()):
                why = "nothing is parsed any more" if success else ""
                self.changes.append(Change(f"response {status} {media}", "removed", success, why))
            for media in sorted(new_media.keys() - old_media.keys()):
                self.changes.append(Change(f"response {status} {media}", "added", False))
            for media in sorted(old_media.keys() & new_media.keys()):
                base = f"response {status}" if len(new_media) == 1 else f"response {status} {media}"
                self._schema(f"response {status}", RESPONSE, old_media[media], new_media[media], base)


def _op_name(key: str, op: Mapping[str, Any]) -> str:
    return f"{key} ({op['operationId']})" if op.get("operationId") else key


def _schema_usage(specs: Iterable[Spec]) -> dict[str, set[Direction]]:
    """For each component schema, whether requests or responses reach it (in either spec)."""
    usage: dict[str, set[Direction]] = {}
    for spec in specs:
        graph = {name: spec.schema_refs(schema) for name, schema in spec.schemas.items()}
        for op in spectools.operations(spec.doc).values():
            parts: tuple[tuple[Direction, Any], ...] = (
                (REQUEST, [op.get("parameters"), op.get("requestBody")]),
                (RESPONSE, op.get("responses")),
            )
            for direction, node in parts:
                for name in _closure(spec.schema_refs(node), graph):
                    usage.setdefault(name, set()).add(direction)
    return usage


def _compare_schema(old: Spec, new: Spec, name: str, directions: Iterable[Direction]) -> list[Change]:
    """A component schema's changes, judged in each direction it is used in (breaking if it breaks any)."""
    merged: dict[tuple[str, str], Change] = {}
    for direction in (d for d in BOTH if d in directions):  # a fixed order: the report reads the same every run
        comparison = SchemaComparison(old, new, direction)
        comparison.compare(old.schemas[name], new.schemas[name])
        for change in comparison.changes:
            key = (change.where, change.what)
            if key not in merged or (change.breaking and not merged[key].breaking):
                merged[key] = change
    return list(merged.values())


def _used_in(directions: set[Direction]) -> str:
    if directions == {REQUEST}:
        return "requests"
    if directions == {RESPONSE}:
        return "responses"
    return "requests and responses"


def diff(old_doc: Mapping[str, Any], new_doc: Mapping[str, Any]) -> Report:
    """The change report between two specs (the old may be empty: then everything is added)."""
    old, new = Spec(old_doc), Spec(new_doc)
    usage = _schema_usage((old, new))

    schemas: list[Subject] = []
    removed_schemas = [k for k in old.schemas if k not in new.schemas]
    added_schemas = [k for k in new.schemas if k not in old.schemas]
    schema_renames = dict(
        _pair_renames(
            removed_schemas,
            added_schemas,
            lambda o, n: _fingerprint(old.schemas[o]) == _fingerprint(new.schemas[n]),
            similarity=0.0,  # a whole schema of the same structure is evidence enough, whatever its new name
        )
    )
    for name in sorted(added_schemas):
        schemas.append(Subject("+", name, [Change("", "added", False)]))
    for name in sorted(removed_schemas):
        if name in schema_renames:
            why = f"looks renamed to {schema_renames[name]}: its model is renamed"
        else:
            why = "its model is gone"
        schemas.append(Subject("-", name, [Change("", "removed", True, why)]))
    changed_schemas: dict[str, bool] = {}  # name -> breaking
    for name in sorted(old.schemas.keys() & new.schemas.keys()):
        if old.schemas[name] == new.schemas[name]:
            continue
        directions = usage.get(name) or set(BOTH)
        subject = Subject("~", f"{name} (used in {_used_in(directions)})", _compare_schema(old, new, name, directions))
        if not subject.changes:
            subject.notes.append("no change that affects the SDK (descriptions, examples or the like)")
        else:
            changed_schemas[name] = subject.breaking
        schemas.append(subject)

    graph = {
        name: old.schema_refs(old.schemas.get(name)) | new.schema_refs(new.schemas.get(name))
        for name in old.schemas.keys() | new.schemas.keys()
    }
    old_ops, new_ops = spectools.operations(old_doc), spectools.operations(new_doc)
    operations: list[Subject] = []
    removed_ops = [k for k in old_ops if k not in new_ops]
    added_ops = [k for k in new_ops if k not in old_ops]
    moved: dict[str, str] = {}  # old key -> new key, by operationId
    for old_key in removed_ops:
        op_id = old_ops[old_key].get("operationId")
        for new_key in added_ops:
            if op_id and new_ops[new_key].get("operationId") == op_id and new_key not in moved.values():
                moved[old_key] = new_key
                break
    for key in sorted(added_ops):
        if key not in moved.values():
            operations.append(Subject("+", _op_name(key, new_ops[key]), [Change("", "added", False)]))
    for key in sorted(removed_ops):
        if key not in moved:
            why = "its generated function is gone"
            operations.append(Subject("-", _op_name(key, old_ops[key]), [Change("", "removed", True, why)]))
    pairs = [(k, k) for k in sorted(old_ops.keys() & new_ops.keys())] + sorted(moved.items())
    for old_key, new_key in pairs:
        comparison = OperationComparison(old, new)
        comparison.run(old_ops[old_key], new_ops[new_key])
        changes = list(comparison.changes)
        if old_key != new_key:
            changes.insert(0, Change("", f"moved from {old_key}", False))
        notes = []
        for part, names in sorted(comparison.reached.items()):
            affected = sorted(_closure(names, graph) & changed_schemas.keys())
            if affected:
                listed = ", ".join(f"{n} (breaking)" if changed_schemas[n] else n for n in affected)
                notes.append(f"{part} reaches changed schemas: {listed}")
        if not changes and not notes and old_ops[old_key] == new_ops[new_key]:
            continue
        if not changes and not notes:
            notes.append("no change that affects the SDK (descriptions, examples or the like)")
        operations.append(Subject("~", _op_name(new_key, new_ops[new_key]), changes, notes))
    return Report(operations=operations, schemas=schemas)

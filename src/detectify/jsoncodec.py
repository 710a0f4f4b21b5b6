"""JSON in and out, one place: orjson where it is exact, the stdlib for whatever orjson refuses.

- ``loads`` reads a response body. orjson is about twice as fast as the stdlib; what orjson refuses (a BOM, UTF-16,
  NaN, lone surrogates, numbers beyond a double, nesting deeper than 1024) is handed to the stdlib, so what is
  accepted or refused, and how, stays the stdlib's. One difference: orjson reads an integer beyond 64 bits as a
  float (as RFC 8259 allows); the stdlib kept it exact.
- ``dumps_line`` writes one decoded value as a line of JSON (the CLI's JSONL; ``encode`` and ``dumps`` give the same
  without the newline, as bytes and as text): orjson, about ten times faster than the stdlib's encoder and the same
  JSON for API items. Integers beyond 64 bits and lone surrogates (which only the stdlib's reader hands over) go
  through the stdlib, ASCII-escaped so a lone surrogate stays the escape the API sent; NaN and infinities, which
  JSON has no words for, become ``null`` on both paths.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson

__all__ = ["dumps", "dumps_line", "encode", "loads"]

_STDLIB_ENCODE = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
_LINE = orjson.OPT_APPEND_NEWLINE


def loads(content: bytes) -> Any:
    """A response body's JSON."""
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        return json.loads(content)


def dumps_line(value: Any) -> bytes:
    """``value`` as compact JSON and a newline, UTF-8."""
    try:
        return orjson.dumps(value, option=_LINE)
    except TypeError:  # integers beyond 64 bits, lone surrogates
        return stdlib_dumps(value).encode("ascii") + b"\n"


def encode(value: Any) -> bytes:
    """``value`` as compact JSON, UTF-8 (``dumps_line``'s rules, without the newline)."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return stdlib_dumps(value).encode("ascii")


def dumps(value: Any) -> str:
    """``value`` as compact JSON text (``dumps_line``'s rules, without the newline)."""
    return encode(value).decode()


def stdlib_dumps(value: Any) -> str:
    """Compact ASCII JSON text from the stdlib's encoder, NaN and infinities as ``null``."""
    try:
        return _STDLIB_ENCODE(value)
    except ValueError:
        return _STDLIB_ENCODE(_finite(value))


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_finite(inner) for inner in value]
    return value

"""Argument checks run before any request is sent; each error names the argument at fault.

Naive datetimes are rejected (not assumed UTC): a naive value is ambiguous, and guessing would shift a filter by the
local offset without a sound. Strings are accepted in ISO 8601 form and must carry an offset too ("Z" for UTC).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

__all__ = [
    "When",
    "check_choices",
    "check_cursor",
    "check_datetime",
    "check_id",
    "check_limit",
    "check_ports",
    "check_window",
    "list_params",
]

MAX_LIMIT = 1000
#: A moment for a time filter: a timezone-aware datetime, or an ISO 8601 string with an offset.
When = datetime.datetime | str
#: Path segments that URL normalisation resolves away: as an ID they would call another operation.
_DOT_SEGMENTS = frozenset({".", ".."})


def check_limit(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"limit must be an integer between 1 and {MAX_LIMIT}, got {value!r}")
    if not 1 <= value <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, got {value}")
    return value


def check_cursor(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ValueError(f"cursor must be a non-empty string (a page's next_cursor), got {value!r}")
    return value


def check_datetime(name: str, value: object) -> datetime.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{name} is not an ISO 8601 date-time: {value!r}") from exc
    elif isinstance(value, datetime.datetime):
        parsed = value
    else:
        raise TypeError(f"{name} must be a timezone-aware datetime or an ISO 8601 string, got {value!r}")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError(
            f"{name} must be timezone-aware, got the naive {parsed.isoformat()}; "
            "add tzinfo (for example datetime.timezone.utc) or an offset such as 'Z'"
        )
    return parsed


def check_window(after_name: str, after: datetime.datetime | None, before_name: str, before: Any) -> None:
    """Both bounds are exclusive, so an empty window is a mistake worth reporting."""
    if after is not None and isinstance(before, datetime.datetime) and after >= before:
        raise ValueError(
            f"{after_name} ({after.isoformat()}) must be earlier than {before_name} ({before.isoformat()})"
        )


def _sequence(name: str, value: object) -> list[Any]:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return [value]  # a single value is a one-item list
    if not isinstance(value, Iterable) or isinstance(value, bytes | dict):
        raise TypeError(f"{name} must be a value or a sequence of values, got {value!r}")
    items = list(value)
    if not items:
        raise ValueError(f"{name} must not be empty (leave it out to apply no filter)")
    return items


def check_ports(value: object) -> list[int] | None:
    if value is None:
        return None
    ports = _sequence("port", value)
    for port in ports:
        if isinstance(port, bool) or not isinstance(port, int):
            raise TypeError(f"port values must be integers, got {port!r}")
        if not 0 <= port <= 65535:
            raise ValueError(f"port values must be between 0 and 65535, got {port}")
    return ports


def check_choices(name: str, value: object, allowed: tuple[str, ...]) -> list[str] | None:
    """One or more of ``allowed`` (the values the spec lists), e.g. port statuses."""
    if value is None:
        return None
    chosen = _sequence(name, value)
    for item in chosen:
        if item not in allowed:
            hint = f" (did you mean {item.upper()!r}?)" if isinstance(item, str) and item.upper() in allowed else ""
            raise ValueError(f"{name} values must be among {', '.join(allowed)}; got {item!r}{hint}")
    return [str(item) for item in chosen]


def check_id(name: str, value: object) -> str:
    """An ID or other text the API takes (in a path, query or body): non-empty, printable, and never a path
    segment such as "." or ".." that would make the request reach another operation."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    if not value.isprintable():
        raise ValueError(f"{name} must not contain control characters, got {value!r}")
    if value.strip() in _DOT_SEGMENTS:
        raise ValueError(f"{name} {value!r} is not an ID (it would change which API path is called)")
    return value


def list_params(**values: Any) -> dict[str, Any]:
    """The keyword arguments to pass on: those given (not None)."""
    return {k: v for k, v in values.items() if v is not None}

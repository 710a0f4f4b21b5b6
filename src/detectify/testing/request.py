"""A request as the fake server's handlers (v3 and v2) see it."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Request"]


@dataclass
class Request:
    """One HTTP request, parsed: ``path`` is without the ``/rest`` ``prefix``; ``teams`` are those its key reaches."""

    method: str
    prefix: str  # "" or "/rest"
    path: str  # without the prefix
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    base: str  # scheme://host of the request
    teams: tuple[str, ...] = ()
    params: dict[str, str] = field(default_factory=dict)

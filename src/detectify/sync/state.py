"""The state a sync keeps per resource (and team scope), as one JSON document in ``sync_state``.

```json
{"version": 1, "complete_at": "...", "full_at": "...",
 "current": {"kind": "delta", "started_at": "...", "since": "...", "resume": {"first_seen_after": "<cursor>"},
             "completed": ["disappeared_after"]}}
```

``complete_at`` is when the last complete pass (full or delta) started: the next delta asks for what changed after it,
minus the lookback. ``full_at`` is when the last complete full pass started. ``current`` is an unfinished pass: its
chains (the pull's jobs for a full pass; one filter each for a delta) with the cursor to continue each from, and the
chains already done. The state is read from the database, so it is checked like any outside input: a document that
does not parse or has the wrong shape counts as no state (the next pass is a full one, which loses nothing).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

import attrs

__all__ = ["Pass", "ResourceState", "dump_state", "parse_state", "state_key"]

VERSION = 1
PassKind = Literal["full", "delta"]


def state_key(resource: str, team_id: str | None) -> str:
    return resource if team_id is None else f"{resource}@{team_id}"


@attrs.define
class Pass:
    kind: PassKind
    started_at: dt.datetime
    since: dt.datetime | None = None
    resume: dict[str, str] = attrs.field(factory=dict)
    completed: list[str] = attrs.field(factory=list)

    def advance(self, chain: str, next_cursor: str | None) -> None:
        """Record a committed page of ``chain``: continue from ``next_cursor``, or the chain is done."""
        if next_cursor is None:
            self.resume.pop(chain, None)
            if chain not in self.completed:
                self.completed.append(chain)
        else:
            self.resume[chain] = next_cursor


@attrs.define
class ResourceState:
    complete_at: dt.datetime | None = None
    full_at: dt.datetime | None = None
    current: Pass | None = None


def dump_state(state: ResourceState) -> str:
    current = state.current
    document: dict[str, Any] = {
        "version": VERSION,
        "complete_at": _iso(state.complete_at),
        "full_at": _iso(state.full_at),
    }
    document["current"] = None if current is None else {
        "kind": current.kind,
        "started_at": _iso(current.started_at),
        "since": _iso(current.since),
        "resume": current.resume,
        "completed": current.completed,
    }  # fmt: skip
    return json.dumps(document, separators=(",", ":"))


def parse_state(text: str) -> ResourceState | None:
    """The state in ``text``, or None when it is damaged (see the module's docstring)."""
    try:
        document = json.loads(text)
        if not isinstance(document, dict) or document.get("version") != VERSION:
            return None
        current = document.get("current")
        state = ResourceState(_moment(document.get("complete_at")), _moment(document.get("full_at")))
        if current is None:
            return state
        if not isinstance(current, dict) or current.get("kind") not in ("full", "delta"):
            return None
        started = _moment(current.get("started_at"))
        since = _moment(current.get("since"))
        resume, completed = current.get("resume"), current.get("completed")
        if started is None or (current["kind"] == "delta" and since is None):
            return None
        if not isinstance(resume, dict) or not all(isinstance(k, str) and isinstance(v, str) and v
                                                   for k, v in resume.items()):  # fmt: skip
            return None
        if not isinstance(completed, list) or not all(isinstance(c, str) for c in completed):
            return None
        state.current = Pass(current["kind"], started, since, dict(resume), list(completed))
        return state
    except (ValueError, TypeError, RecursionError):
        return None


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat()


def _moment(value: object) -> dt.datetime | None:
    """A stored time; ValueError for one that is there but wrong (the document is then damaged)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("not a time")
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a time without an offset")
    return moment

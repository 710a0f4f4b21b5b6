"""What the engine asks of a database (SQLite and PostgreSQL implement it; see ``sqlite.py``, ``postgres.py``).

Every method is synchronous and is called from a worker thread, one call at a time, so the pull never waits on the
database inside the event loop. ``write`` is the heart of crash safety: a page's rows and the state that records it
go in one transaction (with the pages queued behind it: one commit for what the writer has caught up with).

Tables (names as the resources): the item's columns (``schema.py``), ``raw``, ``synced_at``, ``missing_since``.
``sync_state`` holds one JSON document per resource (and team scope): where an unfinished pass stands and when the
last complete one started. ``sync_runs`` logs every run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import attrs

from ..jsoncodec import dumps
from .schema import Table

__all__ = ["RUNS_TABLE", "STATE_TABLE", "PageWrite", "Reconcile", "Store", "Written", "encode_items"]

STATE_TABLE = "sync_state"
RUNS_TABLE = "sync_runs"


@attrs.frozen
class Reconcile:
    """Mark missing the rows of a complete pass's table not written since ``before`` (only ``team_id``'s rows when
    set), in the same transaction as the pass's last state."""

    before: dt.datetime
    team_id: str | None = None


@attrs.frozen
class PageWrite:
    """One page for ``Store.write``: its items for ``table`` as one JSON object by id (``encode_items``,
    ``count`` of them), the ``state`` that records it (stored under ``key``), ``reconcile`` for the write that
    closes a complete full pass, and ``fits``: every value fits its column as it is (``schema.fits``; asked only of
    a store that ``types_values``)."""

    table: Table
    items: str
    count: int
    key: str
    state: str
    reconcile: Reconcile | None = None
    fits: bool = False


def encode_items(items: Sequence[Mapping[str, Any]]) -> tuple[str, int]:
    """A page's items as the JSON text the stores take, one object keyed by id (each id once, the last wins: the
    key is the id, so the database needs no look inside an item for it), and how many there are. Encoded as soon as
    the page arrives, so the pull's objects are freed at once and the writer handles text."""
    by_id = {item["id"]: item for item in items}
    return dumps(by_id), len(by_id)


@attrs.frozen
class Written:
    inserted: int = 0
    updated: int = 0
    missing: int = 0


class Store(Protocol):
    display: str
    #: The store types each field's value itself (PostgreSQL), checking that it fits its column, unless the page
    #: says every value does (``PageWrite.fits``); SQLite stores the JSON and reads fields from it.
    types_values: bool
    #: The tables ``prepare`` created (every row in them is written after the run's passes began).
    created: set[str]

    def lock(self) -> None:
        """Take the one-sync-per-database lock at once, or raise ``SyncLockedError``."""

    def prepare(self, tables: Mapping[str, Table]) -> list[str]:
        """Create what is missing (tables, new columns filled from ``raw``); returns the columns added."""

    def load_states(self) -> dict[str, str]:
        """Every state document, as stored (the engine checks them)."""

    def start_run(self, started_at: dt.datetime, full: bool, resources: Sequence[str]) -> int:
        """Log a run as ``running`` (and runs a killed sync left ``running`` as ``aborted``); returns its id."""

    def write(self, pages: Sequence[PageWrite], now: dt.datetime) -> list[Written]:
        """In one transaction, for each page in order: upsert its items (unique by id) with ``synced_at = now``,
        clear ``missing_since`` on them, store its state under its key, and reconcile when asked; returns what
        each page did (counted as if each page were written alone)."""

    def finish_run(self, run_id: int, finished_at: dt.datetime, status: str, counts: str, error: str | None) -> None:
        """Record how a run ended."""

    def close(self) -> None:
        """Release the lock and the connection."""

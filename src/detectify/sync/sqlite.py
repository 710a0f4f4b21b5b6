"""The SQLite store: the stdlib ``sqlite3`` in WAL mode, one connection, driven from a worker thread.

A row stores ``id``, ``raw`` (the item's JSON text), ``synced_at`` and ``missing_since``; every field of the item is
a generated column read from ``raw`` (``json_extract``, ``VIRTUAL``): text, ISO 8601 timestamps (as the API wrote
them) and JSON as ``TEXT``, booleans (0/1) and integers as ``INTEGER``, numbers as ``REAL``. So writing a row costs
one JSON encoding, and a column added after a spec change is filled from ``raw`` at once, without rewriting the
table. ``synced_at`` and ``missing_since`` are UTC ISO 8601 text with microseconds, so they sort and compare as
text. ``synchronous=NORMAL`` in WAL mode: a killed process loses nothing it committed (a power cut may lose the last
transactions, never consistency).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import SyncDatabaseError
from .lock import FileLock
from .schema import BOOKKEEPING, Column, Table, dumps
from .store import RUNS_TABLE, STATE_TABLE, Reconcile, Written, unique_by_id

__all__ = ["SQLiteStore", "stamp"]

_TYPES = {"text": "TEXT", "timestamp": "TEXT", "boolean": "INTEGER", "integer": "INTEGER", "number": "REAL",
          "json": "TEXT"}  # fmt: skip
_CHECKPOINT_PAGES = 16384
#: Ids per SELECT ... IN (...) (SQLite allows 32,766 variables since 3.32; stay well below older limits too).
_IDS_PER_QUERY = 500


def stamp(moment: dt.datetime) -> str:
    """``synced_at``/``missing_since`` text: UTC, microseconds, ``Z``; fixed width, so text order is time order."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _generated(column: Column) -> str:
    """A field's column: read from ``raw`` when queried (names are checked identifiers; see ``schema.py``)."""
    path = "'$." + _quote(column.name).replace("'", "''") + "'"
    value = f"json_extract(raw, {path})"
    if column.kind == "json":  # always JSON text, whatever the value (json_extract gives scalars as SQL values)
        kind = f"json_type(raw, {path})"
        value = (f"CASE WHEN {kind} IN ('object', 'array') THEN {value} WHEN {kind} IN ('true', 'false') THEN {kind} "
                 f"WHEN {kind} <> 'null' THEN json_quote({value}) END")  # fmt: skip
    return f"{_quote(column.name)} {_TYPES[column.kind]} GENERATED ALWAYS AS ({value}) VIRTUAL"


class SQLiteStore:
    """A SQLite database file (created if absent)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.display = str(path)
        self._lock = FileLock(path.with_name(path.name + ".lock"), self.display)
        with self._errors("open"):
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            with self._errors("open"):
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA busy_timeout=10000")
                # Checkpoint the WAL every 64 MB rather than every 4 MB: half the cost of writing a page of rows
                # (the B-tree pages a page of random ids touches are copied back once, not every few commits).
                self._db.execute(f"PRAGMA wal_autocheckpoint={_CHECKPOINT_PAGES}")
        except BaseException:
            self._db.close()
            raise

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise SyncDatabaseError(f"SQLite database {self.display}: cannot {doing}: {exc}") from None

    @contextlib.contextmanager
    def _transaction(self, doing: str) -> Iterator[sqlite3.Connection]:
        with self._errors(doing):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def lock(self) -> None:
        self._lock.acquire()

    # --- schema --------------------------------------------------------------------------------------------------

    def prepare(self, tables: Mapping[str, Table]) -> list[str]:
        added: list[str] = []
        with self._transaction("create the tables") as db:
            db.execute(f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (key TEXT PRIMARY KEY, state TEXT NOT NULL)")
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {RUNS_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT "
                "NULL, finished_at TEXT, status TEXT NOT NULL, full INTEGER NOT NULL, resources TEXT NOT NULL, "
                "counts TEXT, error TEXT)"
            )
            for table in tables.values():
                existing = {row[1] for row in db.execute(f"PRAGMA table_xinfo({_quote(table.name)})")}
                if not existing:
                    columns = "".join(f"{_generated(c)}, " for c in table.columns[1:])
                    db.execute(
                        f"CREATE TABLE {_quote(table.name)} (id TEXT PRIMARY KEY NOT NULL, {columns}raw TEXT NOT NULL, "
                        "synced_at TEXT NOT NULL, missing_since TEXT)"
                    )
                    continue
                if not set(BOOKKEEPING) <= existing:
                    raise SyncDatabaseError(
                        f"SQLite database {self.display}: table {table.name} exists but was not made by detectify sync"
                    )
                for column in table.columns:
                    if column.name not in existing:
                        db.execute(f"ALTER TABLE {_quote(table.name)} ADD COLUMN {_generated(column)}")
                        added.append(f"{table.name}.{column.name}")
        return added

    # --- state and runs ------------------------------------------------------------------------------------------

    def load_states(self) -> dict[str, str]:
        with self._errors("read the sync state"):
            return {str(key): str(state) for key, state in self._db.execute(f"SELECT key, state FROM {STATE_TABLE}")}

    def start_run(self, started_at: dt.datetime, full: bool, resources: Sequence[str]) -> int:
        with self._transaction("log the run") as db:
            db.execute(f"UPDATE {RUNS_TABLE} SET status = 'aborted' WHERE status = 'running'")
            cursor = db.execute(
                f"INSERT INTO {RUNS_TABLE} (started_at, status, full, resources) VALUES (?, 'running', ?, ?)",
                (stamp(started_at), int(full), " ".join(resources)),
            )
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, finished_at: dt.datetime, status: str, counts: str, error: str | None) -> None:
        with self._transaction("log the run") as db:
            db.execute(
                f"UPDATE {RUNS_TABLE} SET finished_at = ?, status = ?, counts = ?, error = ? WHERE id = ?",
                (stamp(finished_at), status, counts, error, run_id),
            )

    # --- pages ---------------------------------------------------------------------------------------------------

    def write(
        self,
        table: Table,
        items: Sequence[Mapping[str, Any]],
        key: str,
        state: str,
        now: dt.datetime,
        reconcile: Reconcile | None = None,
    ) -> Written:
        unique = unique_by_id(items)
        synced = stamp(now)
        name = _quote(table.name)
        with self._transaction(f"write {table.name}") as db:
            # One JSON encoding per row (the columns are generated from it); counts from the rows already there.
            rows = [(item["id"], dumps(item), synced) for item in unique]
            before: dict[str, tuple[str, bool]] = {}
            for start in range(0, len(rows), _IDS_PER_QUERY):
                chunk = [row[0] for row in rows[start : start + _IDS_PER_QUERY]]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT id, raw, missing_since IS NOT NULL FROM {name} WHERE id IN ({marks})"
                for row_id, raw, was_missing in db.execute(query, chunk):
                    before[row_id] = (raw, bool(was_missing))
            inserted = updated = 0
            for row_id, raw, _ in rows:
                previous = before.get(row_id)
                if previous is None:
                    inserted += 1
                elif previous[0] != raw or previous[1]:
                    updated += 1
            db.executemany(
                f"INSERT INTO {name} (id, raw, synced_at, missing_since) VALUES (?, ?, ?, NULL) ON CONFLICT(id) DO "
                "UPDATE SET raw = excluded.raw, synced_at = excluded.synced_at, missing_since = NULL",
                rows,
            )
            db.execute(
                f"INSERT INTO {STATE_TABLE} (key, state) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET state = "
                "excluded.state",
                (key, state),
            )
            missing = 0
            if reconcile is not None:
                query = f"UPDATE {name} SET missing_since = ? WHERE missing_since IS NULL AND synced_at < ?"
                parameters: tuple[str, ...] = (synced, stamp(reconcile.before))
                if reconcile.team_id is not None:
                    query += " AND team_id = ?"
                    parameters += (reconcile.team_id,)
                missing = db.execute(query, parameters).rowcount
        return Written(inserted, updated, missing)

    def close(self) -> None:
        try:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # leave a small WAL behind
            self._db.close()
        finally:
            self._lock.release()

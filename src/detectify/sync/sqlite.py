"""The SQLite store: the stdlib ``sqlite3`` in WAL mode, one connection, driven from a worker thread.

Column types: text, ISO 8601 timestamps (as the API wrote them) and JSON as ``TEXT``; booleans (0/1) and integers as
``INTEGER``; numbers as ``REAL``. ``synced_at`` and ``missing_since`` are UTC ISO 8601 text with microseconds, so they
sort and compare as text. ``synchronous=NORMAL`` in WAL mode: a killed process loses nothing it committed (a power
cut may lose the last transactions, never consistency).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import SyncDatabaseError
from .lock import FileLock
from .schema import BOOKKEEPING, Column, Table, convert, dumps
from .store import RUNS_TABLE, STATE_TABLE, Reconcile, Written, unique_by_id

__all__ = ["SQLiteStore", "stamp"]

_TYPES = {"text": "TEXT", "timestamp": "TEXT", "boolean": "INTEGER", "integer": "INTEGER", "number": "REAL",
          "json": "TEXT"}  # fmt: skip
#: Ids per SELECT ... IN (...) (SQLite allows 32,766 variables since 3.32; stay well below older limits too).
_IDS_PER_QUERY = 500


def stamp(moment: dt.datetime) -> str:
    """``synced_at``/``missing_since`` text: UTC, microseconds, ``Z``; fixed width, so text order is time order."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SQLiteStore:
    """A SQLite database file (created if absent)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.display = str(path)
        self._lock = FileLock(path.with_name(path.name + ".lock"), self.display)
        self._statements: dict[tuple[str, tuple[str, ...]], str] = {}
        with self._errors("open"):
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            with self._errors("open"):
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA busy_timeout=10000")
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
                existing = {row[1] for row in db.execute(f"PRAGMA table_info({_quote(table.name)})")}
                if not existing:
                    columns = [f"{_quote(c.name)} {_TYPES[c.kind]}" for c in table.columns[1:]]
                    db.execute(
                        f"CREATE TABLE {_quote(table.name)} (id TEXT PRIMARY KEY NOT NULL, {', '.join(columns)}, "
                        "raw TEXT NOT NULL, synced_at TEXT NOT NULL, missing_since TEXT)"
                    )
                    continue
                if not set(BOOKKEEPING) <= existing:
                    raise SyncDatabaseError(
                        f"SQLite database {self.display}: table {table.name} exists but was not made by detectify sync"
                    )
                new = [column for column in table.columns if column.name not in existing]
                for column in new:
                    db.execute(
                        f"ALTER TABLE {_quote(table.name)} ADD COLUMN {_quote(column.name)} {_TYPES[column.kind]}"
                    )
                if new:
                    self._backfill(db, table, new)
                    added += [f"{table.name}.{column.name}" for column in new]
        return added

    @staticmethod
    def _backfill(db: sqlite3.Connection, table: Table, columns: Sequence[Column]) -> None:
        """Fill new columns from ``raw``, which holds every field the API sent before the spec named it."""
        only = Table(table.name, tuple(columns))
        sets = ", ".join(f"{_quote(c.name)} = ?" for c in columns)
        rows = db.execute(f"SELECT id, raw FROM {_quote(table.name)}").fetchall()
        updates = []
        for row_id, raw in rows:
            try:
                item = json.loads(raw)
            except ValueError:
                continue
            if isinstance(item, dict):
                updates.append((*convert(only, item), row_id))
        db.executemany(f"UPDATE {_quote(table.name)} SET {sets} WHERE id = ?", updates)

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
            before: dict[str, tuple[str, bool]] = {}
            ids = [item["id"] for item in unique]
            for start in range(0, len(ids), _IDS_PER_QUERY):
                chunk = ids[start : start + _IDS_PER_QUERY]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT id, raw, missing_since IS NOT NULL FROM {name} WHERE id IN ({marks})"
                for row_id, raw, was_missing in db.execute(query, chunk):
                    before[row_id] = (raw, bool(was_missing))
            inserted = updated = 0
            rows = []
            for item in unique:
                raw = dumps(item)
                previous = before.get(item["id"])
                if previous is None:
                    inserted += 1
                elif previous[0] != raw or previous[1]:
                    updated += 1
                rows.append((*convert(table, item), raw, synced))
            db.executemany(self._upsert(table), rows)
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

    def _upsert(self, table: Table) -> str:
        cache_key = (table.name, table.field_names)
        statement = self._statements.get(cache_key)
        if statement is None:
            names = [*table.field_names, "raw", "synced_at"]
            updates = ", ".join(f"{_quote(n)} = excluded.{_quote(n)}" for n in names[1:])
            statement = (
                f"INSERT INTO {_quote(table.name)} ({', '.join(map(_quote, names))}, missing_since) VALUES "
                f"({', '.join('?' * len(names))}, NULL) ON CONFLICT(id) DO UPDATE SET {updates}, missing_since = NULL"
            )
            self._statements[cache_key] = statement
        return statement

    def close(self) -> None:
        try:
            self._db.close()
        finally:
            self._lock.release()

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

from .errors import SyncDatabaseError
from .lock import FileLock
from .schema import BOOKKEEPING, Column, Table
from .store import RUNS_TABLE, STATE_TABLE, PageWrite, Reconcile, Written

__all__ = ["SQLiteStore", "stamp"]

_TYPES = {"text": "TEXT", "timestamp": "TEXT", "boolean": "INTEGER", "integer": "INTEGER", "number": "REAL",
          "json": "TEXT"}  # fmt: skip
_PAGE_SIZE = 16384
_CHECKPOINT_PAGES = 64 * 1024 * 1024 // _PAGE_SIZE  # 64 MB of WAL
_CACHE_KIB = 64 * 1024
#: The temporary table the counting triggers add to (see ``_count_conflicts``).
_COUNTS = "detectify_sync_counts"


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

    types_values = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self.display = str(path)
        self._lock = FileLock(path.with_name(path.name + ".lock"), self.display)
        self.created: set[str] = set()
        with self._errors("open"):
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            with self._errors("open"):
                # 16 KiB pages (for a new database; an existing one keeps its own): a page of random ids dirties
                # most leaves of the id index, and fewer, larger leaves cost less to copy into the WAL at each commit.
                self._db.execute(f"PRAGMA page_size={_PAGE_SIZE}")
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA busy_timeout=10000")
                # Checkpoint the WAL every 64 MB rather than every 4 MB: half the cost of writing a page of rows
                # (the B-tree pages a page of random ids touches are copied back once, not every few commits).
                self._db.execute(f"PRAGMA wal_autocheckpoint={_CHECKPOINT_PAGES}")
                # The whole id index of a large table stays in memory (SQLite's default is 2 MB).
                self._db.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
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
                    self.created.add(table.name)
                    continue
                if not set(BOOKKEEPING) <= existing:
                    raise SyncDatabaseError(
                        f"SQLite database {self.display}: table {table.name} exists but was not made by detectify sync"
                    )
                for column in table.columns:
                    if column.name not in existing:
                        db.execute(f"ALTER TABLE {_quote(table.name)} ADD COLUMN {_generated(column)}")
                        added.append(f"{table.name}.{column.name}")
            self._count_conflicts(db, tables)
        return added

    @staticmethod
    def _count_conflicts(db: sqlite3.Connection, tables: Mapping[str, Table]) -> None:
        """Temporary triggers (this connection's only; nothing is added to the database) counting the rows an upsert
        found already there, and those of them whose item changed or that were missing: a page's inserted and
        updated rows, without reading them back."""
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_COUNTS} (conflicts INTEGER NOT NULL, changed INTEGER NOT NULL)")
        db.execute(f"INSERT INTO temp.{_COUNTS} SELECT 0, 0 WHERE NOT EXISTS (SELECT 1 FROM temp.{_COUNTS})")
        for table in tables.values():
            trigger = _quote(f"detectify_sync_{table.name}")
            db.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS {trigger} AFTER UPDATE OF raw ON main.{_quote(table.name)} BEGIN "
                f"UPDATE {_COUNTS} SET conflicts = conflicts + 1, changed = changed + (old.raw IS NOT new.raw OR "
                "old.missing_since IS NOT NULL); END"
            )

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

    def write(self, pages: Sequence[PageWrite], now: dt.datetime) -> list[Written]:
        synced = stamp(now)
        names = ", ".join(dict.fromkeys(page.table.name for page in pages))
        written: list[Written] = []
        with self._transaction(f"write {names}") as db:
            for run in _runs(pages):
                inserted, updated = self._upsert(db, run[0].table, run, synced)
                reconcile = run[-1].reconcile
                missing = self._reconcile(db, run[-1].table, reconcile, synced) if reconcile is not None else 0
                # A run's counts go to its last page (the engine adds them up per resource).
                written += [Written()] * (len(run) - 1) + [Written(inserted, updated, missing)]
            states = {page.key: page.state for page in pages}  # the last state of each key records its pages
            db.executemany(
                f"INSERT INTO {STATE_TABLE} (key, state) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET state = "
                "excluded.state",
                states.items(),
            )
        return written

    def _upsert(self, db: sqlite3.Connection, table: Table, pages: Sequence[PageWrite], synced: str) -> tuple[int, int]:
        """The items of ``pages`` (one table) in one statement: SQLite splits their JSON objects itself (json_each),
        so this thread holds the interpreter lock for one call, not for every row. The rows are written in order,
        so an id on two of the pages counts as inserted, then updated if it changed: as if each page were written
        alone."""
        written = [page for page in pages if page.count]
        if not written:
            return 0, 0
        payload = written[0].items if len(written) == 1 else "{" + ",".join(p.items[1:-1] for p in written) + "}"
        conflicts, changed = self._counted(db)
        db.execute(
            f"INSERT INTO {_quote(table.name)} (id, raw, synced_at, missing_since) SELECT key, "
            "value, ?, NULL FROM json_each(?) WHERE true ON CONFLICT(id) DO UPDATE SET raw = excluded.raw, "
            "synced_at = excluded.synced_at, missing_since = NULL",
            (synced, payload),
        )
        after = self._counted(db)
        return sum(page.count for page in written) - (after[0] - conflicts), after[1] - changed

    @staticmethod
    def _reconcile(db: sqlite3.Connection, table: Table, reconcile: Reconcile, synced: str) -> int:
        query = f"UPDATE {_quote(table.name)} SET missing_since = ? WHERE missing_since IS NULL AND synced_at < ?"
        parameters: tuple[str, ...] = (synced, stamp(reconcile.before))
        if reconcile.team_id is not None:
            query += " AND team_id = ?"
            parameters += (reconcile.team_id,)
        return int(db.execute(query, parameters).rowcount)

    @staticmethod
    def _counted(db: sqlite3.Connection) -> tuple[int, int]:
        row = db.execute(f"SELECT conflicts, changed FROM temp.{_COUNTS}").fetchone()
        return int(row[0]), int(row[1])

    def close(self) -> None:
        try:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # leave a small WAL behind
            self._db.close()
        finally:
            self._lock.release()


def _runs(pages: Sequence[PageWrite]) -> Iterator[list[PageWrite]]:
    """Consecutive pages of one table, each run ending at the latest with a page that reconciles."""
    run: list[PageWrite] = []
    for page in pages:
        if run and (page.table != run[0].table or run[-1].reconcile is not None):
            yield run
            run = []
        run.append(page)
    if run:
        yield run

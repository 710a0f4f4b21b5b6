"""The PostgreSQL store: psycopg 3, one connection, driven from a worker thread, tables inside a schema.

Column types: ``text``, ``timestamptz``, ``boolean``, ``bigint``, ``double precision`` and ``jsonb``; ``raw`` is
``jsonb``. A page goes in with ``COPY`` into a temporary staging table, then one ``INSERT ... SELECT ... ON CONFLICT
(id) DO UPDATE`` (``method="executemany"`` upserts row by row in one pipelined batch instead; ``make bench`` measures
both). The one-sync-per-database lock is a session advisory lock, which the server drops when the connection goes
(a killed sync included).

psycopg's async connection runs on asyncio only, and the SDK runs on trio too: a worker thread keeps one code path
for both and keeps the writes off the event loop, as for SQLite.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

import psycopg
from psycopg import sql

from .errors import SyncDatabaseError, SyncLockedError
from .lock import busy_message
from .schema import BOOKKEEPING, Column, Table, row_maker
from .store import RUNS_TABLE, STATE_TABLE, Reconcile, Written, unique_by_id
from .target import Target

__all__ = ["PostgresStore"]

_TYPES = {"text": "text", "timestamp": "timestamptz", "boolean": "boolean", "integer": "bigint",
          "number": "double precision", "json": "jsonb"}  # fmt: skip
Method = Literal["copy", "executemany"]


class PostgresStore:
    """A PostgreSQL database (the schema and tables are created if absent)."""

    def __init__(self, target: Target, schema: str, *, method: Method = "copy") -> None:
        assert target.url is not None
        self.target = target
        self.schema = schema
        self.method = method
        self.display = f"{target.display} (schema {schema})"
        self._staged: set[tuple[str, tuple[str, ...]]] = set()
        self._lock_key: int | None = None
        with self._errors("connect"):
            self._db = psycopg.connect(
                target.url, autocommit=True, connect_timeout=15, application_name="detectify-sync"
            )

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            message = self.target.redact(str(exc).strip())
            raise SyncDatabaseError(f"PostgreSQL {self.target.display}: cannot {doing}: {message}") from None

    def _name(self, table: str) -> sql.Composed:
        return sql.SQL("{}.{}").format(sql.Identifier(self.schema), sql.Identifier(table))

    def lock(self) -> None:
        digest = hashlib.sha256(f"detectify-sync:{self.schema}".encode()).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)
        with self._errors("take the sync lock"):
            row = self._db.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
        if not row or not row[0]:
            raise SyncLockedError(busy_message(self.display))
        self._lock_key = key

    # --- schema --------------------------------------------------------------------------------------------------

    def prepare(self, tables: Mapping[str, Table]) -> list[str]:
        added: list[str] = []
        with self._errors("create the tables"), self._db.transaction():
            db = self._db
            db.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(self.schema)))
            db.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} (key text PRIMARY KEY, state text NOT NULL)").format(
                self._name(STATE_TABLE)))  # fmt: skip
            db.execute(
                sql.SQL(
                    "CREATE TABLE IF NOT EXISTS {} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, started_at "
                    'timestamptz NOT NULL, finished_at timestamptz, status text NOT NULL, "full" boolean NOT NULL, '
                    "resources text NOT NULL, counts jsonb, error text)"
                ).format(self._name(RUNS_TABLE))
            )
            for table in tables.values():
                existing = {
                    row[0]
                    for row in db.execute(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
                        "AND table_name = %s",
                        (self.schema, table.name),
                    )
                }
                if not existing:
                    columns = [sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(_TYPES[c.kind]))
                               for c in table.columns[1:]]  # fmt: skip
                    db.execute(
                        sql.SQL(
                            "CREATE TABLE {} (id text PRIMARY KEY, {}, raw jsonb NOT NULL, synced_at timestamptz NOT "
                            "NULL, missing_since timestamptz)"
                        ).format(self._name(table.name), sql.SQL(", ").join(columns))
                    )
                    continue
                if not set(BOOKKEEPING) <= existing:
                    raise SyncDatabaseError(
                        f"PostgreSQL {self.display}: table {table.name} exists but was not made by detectify sync"
                    )
                new = [column for column in table.columns if column.name not in existing]
                for column in new:
                    db.execute(sql.SQL("ALTER TABLE {} ADD COLUMN {} {}").format(
                        self._name(table.name), sql.Identifier(column.name), sql.SQL(_TYPES[column.kind])))  # fmt: skip
                if new:
                    self._backfill(table, new)
                    added += [f"{table.name}.{column.name}" for column in new]
        return added

    def _backfill(self, table: Table, columns: Sequence[Column]) -> None:
        """Fill new columns from ``raw``, which holds every field the API sent before the spec named it."""
        only = Table(table.name, tuple(columns))
        rows = self._db.execute(sql.SQL("SELECT id, raw::text FROM {}").format(self._name(table.name))).fetchall()
        make = row_maker(only)
        updates = [(*make(json.loads(raw))[:-1], row_id) for row_id, raw in rows]
        sets = sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(c.name)) for c in columns)
        with self._db.cursor() as cursor:
            cursor.executemany(sql.SQL("UPDATE {} SET {} WHERE id = %s").format(self._name(table.name), sets), updates)

    # --- state and runs ------------------------------------------------------------------------------------------

    def load_states(self) -> dict[str, str]:
        with self._errors("read the sync state"):
            rows = self._db.execute(sql.SQL("SELECT key, state FROM {}").format(self._name(STATE_TABLE))).fetchall()
        return {str(key): str(state) for key, state in rows}

    def start_run(self, started_at: dt.datetime, full: bool, resources: Sequence[str]) -> int:
        with self._errors("log the run"), self._db.transaction():
            runs = self._name(RUNS_TABLE)
            self._db.execute(sql.SQL("UPDATE {} SET status = 'aborted' WHERE status = 'running'").format(runs))
            row = self._db.execute(
                sql.SQL(
                    "INSERT INTO {} (started_at, status, \"full\", resources) VALUES (%s, 'running', %s, %s) "
                    "RETURNING id"
                ).format(runs),
                (started_at, full, " ".join(resources)),
            ).fetchone()
        assert row is not None
        return int(row[0])

    def finish_run(self, run_id: int, finished_at: dt.datetime, status: str, counts: str, error: str | None) -> None:
        with self._errors("log the run"), self._db.transaction():
            self._db.execute(
                sql.SQL("UPDATE {} SET finished_at = %s, status = %s, counts = %s, error = %s WHERE id = %s").format(
                    self._name(RUNS_TABLE)
                ),
                (finished_at, status, counts, error, run_id),
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
        make = row_maker(table)
        rows = [(*make(item), now) for item in unique]
        target = self._name(table.name)
        try:
            return self._write(table, rows, target, key, state, now, reconcile)
        except BaseException:
            self._staged.clear()  # a staging table created in the failed transaction is gone with it
            raise

    def _write(
        self,
        table: Table,
        rows: list[tuple[Any, ...]],
        target: sql.Composed,
        key: str,
        state: str,
        now: dt.datetime,
        reconcile: Reconcile | None,
    ) -> Written:
        with self._errors(f"write {table.name}"), self._db.transaction():
            inserted = updated = 0
            if rows:
                if self.method == "copy":
                    inserted, updated = self._copy(table, rows)
                else:
                    inserted, updated = self._executemany(table, rows)
            self._db.execute(
                sql.SQL(
                    "INSERT INTO {} (key, state) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state"
                ).format(self._name(STATE_TABLE)),
                (key, state),
            )
            missing = 0
            if reconcile is not None:
                text = "UPDATE {} SET missing_since = %s WHERE missing_since IS NULL AND synced_at < %s"
                parameters: tuple[Any, ...] = (now, reconcile.before)
                if reconcile.team_id is not None:
                    text += " AND team_id = %s"
                    parameters += (reconcile.team_id,)
                missing = self._db.execute(sql.SQL(text).format(target), parameters).rowcount
        return Written(inserted, updated, missing)

    def _columns(self, table: Table) -> list[sql.Identifier]:
        return [sql.Identifier(name) for name in (*table.field_names, "raw", "synced_at")]

    def _upsert_tail(self, table: Table) -> sql.Composed:
        updates = sql.SQL(", ").join(
            sql.SQL("{0} = EXCLUDED.{0}").format(column) for column in self._columns(table)[1:]
        )
        return sql.SQL("ON CONFLICT (id) DO UPDATE SET {}, missing_since = NULL").format(updates)

    def _copy(self, table: Table, rows: list[tuple[Any, ...]]) -> tuple[int, int]:
        staging = sql.Identifier(f"detectify_staging_{table.name}")
        columns = sql.SQL(", ").join(self._columns(table))
        shape = (table.name, table.field_names)
        if shape not in self._staged:
            self._db.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(staging))
            # Emptied at each commit (a temporary table is never vacuumed: deleting rows would leave it growing).
            self._db.execute(
                sql.SQL("CREATE TEMPORARY TABLE {} ON COMMIT DELETE ROWS AS SELECT {} FROM {} WITH NO DATA").format(
                    staging, columns, self._name(table.name)
                )
            )
            self._staged.add(shape)
        with self._db.cursor() as cursor:
            with cursor.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(staging, columns)) as copy:
                for row in rows:
                    copy.write_row(row)
            # The planner knows nothing of the staging rows (a temporary table has no statistics) and, as the table
            # grows, would join by scanning all of it: every page would cost more than the one before. A page is a
            # thousand index probes at most, so this transaction joins by index (ANALYZE per page works too, slower).
            cursor.execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off")
            counted = cursor.execute(
                sql.SQL(
                    "SELECT count(*) FILTER (WHERE t.id IS NULL), count(*) FILTER (WHERE t.id IS NOT NULL AND "
                    "(t.raw <> s.raw OR t.missing_since IS NOT NULL)) FROM {} s LEFT JOIN {} t ON t.id = s.id"
                ).format(staging, self._name(table.name))
            ).fetchone()
            cursor.execute(
                sql.SQL("INSERT INTO {} ({}, missing_since) SELECT {}, NULL FROM {} {}").format(
                    self._name(table.name), columns, columns, staging, self._upsert_tail(table)
                )
            )
        assert counted is not None
        return int(counted[0]), int(counted[1])

    def _executemany(self, table: Table, rows: list[tuple[Any, ...]]) -> tuple[int, int]:
        raws = [row[-2] for row in rows]
        ids = [row[0] for row in rows]
        before = {
            row_id: (raw, was_missing)
            for row_id, raw, was_missing in self._db.execute(
                sql.SQL("SELECT id, raw, missing_since IS NOT NULL FROM {} WHERE id = ANY(%s)").format(
                    self._name(table.name)
                ),
                (ids,),
            )
        }
        inserted = updated = 0
        for row_id, raw in zip(ids, raws, strict=True):
            previous = before.get(row_id)
            if previous is None:
                inserted += 1
            elif previous[1] or previous[0] != json.loads(raw):
                updated += 1
        columns = self._columns(table)
        marks = sql.SQL(", ").join(sql.Placeholder() * len(columns))
        with self._db.cursor() as cursor:
            cursor.executemany(
                sql.SQL("INSERT INTO {} ({}, missing_since) VALUES ({}, NULL) {}").format(
                    self._name(table.name), sql.SQL(", ").join(columns), marks, self._upsert_tail(table)
                ),
                rows,
            )
        return inserted, updated

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error):
            # Unlock first: closing ends the session, but the server lets go of its locks only once the backend has
            # exited, after close() returns, so a sync started right after this one could find the lock still held.
            if self._lock_key is not None and not self._db.closed:
                self._db.execute("SELECT pg_advisory_unlock(%s)", (self._lock_key,))
        with contextlib.suppress(psycopg.Error):
            self._db.close()

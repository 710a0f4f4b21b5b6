"""The PostgreSQL store: psycopg 3, one connection, driven from a worker thread, tables inside a schema.

Column types: ``text``, ``timestamptz``, ``boolean``, ``bigint``, ``double precision`` and ``jsonb``; ``raw`` is
``jsonb``. A page goes in as one statement with its items as one JSON object by id: the server splits it
(``jsonb_each``), types each field, counts and upserts (``INSERT ... ON CONFLICT (id) DO UPDATE``), so
Python touches no row. The one-sync-per-database lock is a session advisory lock, which the server drops when the
connection goes (a killed sync included).

psycopg's async connection runs on asyncio only, and the SDK runs on trio too: a worker thread keeps one code path
for both and keeps the writes off the event loop, as for SQLite.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import psycopg
from psycopg import sql

from .errors import SyncDatabaseError, SyncLockedError
from .lock import busy_message
from .schema import BOOKKEEPING, ISO_8601, Column, Kind, Table, storable
from .store import RUNS_TABLE, STATE_TABLE, PageWrite, Written
from .target import Target

__all__ = ["PostgresStore"]

_TYPES = {"text": "text", "timestamp": "timestamptz", "boolean": "boolean", "integer": "bigint",
          "number": "double precision", "json": "jsonb"}  # fmt: skip
_ISO = "^" + ISO_8601 + "$"
#: A field's typed value, from the page's element ``e`` (``{v}``: the field as jsonb, ``{t}``: as text); NULL when
#: the value does not fit the column. Casts run only inside the CASE branch that has checked their input.
_FIELD: dict[Kind, str] = {
    "text": "CASE WHEN jsonb_typeof({v}) = 'string' THEN {t} END",
    "boolean": "CASE WHEN jsonb_typeof({v}) = 'boolean' THEN ({v})::boolean END",
    "integer": "CASE WHEN jsonb_typeof({v}) = 'number' AND {t} ~ '^-?[0-9]{1,19}$' THEN CASE WHEN {t}::numeric "
    "BETWEEN -9223372036854775808 AND 9223372036854775807 THEN {t}::bigint END END",
    "number": "CASE WHEN jsonb_typeof({v}) = 'number' THEN CASE WHEN abs({t}::numeric) <= 1.7976931348623157e308 "
    "THEN {t}::double precision END END",
    "json": "CASE WHEN jsonb_typeof({v}) <> 'null' THEN {v} END",
    "timestamp": "CASE WHEN {t} ~ '" + _ISO + "' AND substr({t}, 1, 4) <> '0000' THEN CASE WHEN substr({t}, 9, 2) "
    "<= '28' OR substr({t}, 9, 2) <= '30' AND substr({t}, 6, 2) <> '02' OR substr({t}, 6, 2) IN ('01', '03', '05', "
    "'07', '08', '10', '12') OR substr({t}, 6, 5) = '02-29' AND substr({t}, 1, 4)::int %% 4 = 0 AND "
    "(substr({t}, 1, 4)::int %% 100 <> 0 OR substr({t}, 1, 4)::int %% 400 = 0) THEN ({t})::timestamptz END END",
}
#: The same for a page whose every value fits its column (``schema.fits``): the same values, without the checks
#: (which cost the server about a third of its work on a page).
_FITTING_FIELD: dict[Kind, str] = {
    "text": "{t}",
    "boolean": "({t})::boolean",
    "integer": "({t})::bigint",
    "number": "({t})::double precision",
    "json": _FIELD["json"],
    "timestamp": "({t})::timestamptz",
}


def _field(column: Column, item: str = "e", *, fits: bool = False) -> sql.Composable:
    """``column``'s value from the jsonb ``item`` (a statement with parameters: ``%`` is written ``%%``); ``fits``:
    the value is known to fit its column."""
    name = "'" + column.name.replace("'", "''") + "'"  # a checked identifier (schema.py), quoted all the same
    expression = (_FITTING_FIELD if fits else _FIELD)[column.kind]
    return sql.SQL(expression.replace("{v}", f"({item} -> {name})").replace("{t}", f"({item} ->> {name})"))


class PostgresStore:
    """A PostgreSQL database (the schema and tables are created if absent)."""

    types_values = True

    def __init__(self, target: Target, schema: str) -> None:
        assert target.url is not None
        self.target = target
        self.schema = schema
        self.display = f"{target.display} (schema {schema})"
        self._upserts: dict[tuple[Table, bool], sql.Composed] = {}
        self._inserts: dict[tuple[Table, bool], sql.Composed] = {}
        #: Tables this store created, while no page has met a row already there: their pages are plain inserts.
        self._fresh: set[str] = set()
        self.created: set[str] = set()
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
                    self._fresh.add(table.name)
                    self.created.add(table.name)
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
        sets = sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c.name), _field(c, "raw")) for c in columns)
        self._db.execute(sql.SQL("UPDATE {} SET {}").format(self._name(table.name), sets), ())

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

    def write(self, pages: Sequence[PageWrite], now: dt.datetime) -> list[Written]:
        names = ", ".join(dict.fromkeys(page.table.name for page in pages))
        with self._errors(f"write {names}"), self._db.transaction():
            # A page is at most a thousand index probes: join by index, whatever the planner guesses of a page.
            self._db.execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off")
            return [self._write_page(page, now) for page in pages]

    def _write_page(self, page: PageWrite, now: dt.datetime) -> Written:
        target = self._name(page.table.name)
        inserted = updated = 0
        if page.count:
            inserted, updated = self._rows(page.table, storable(page.items), now, page.fits)
        self._db.execute(
            sql.SQL(
                "INSERT INTO {} (key, state) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state"
            ).format(self._name(STATE_TABLE)),
            (page.key, page.state),
        )
        missing = 0
        if page.reconcile is not None:
            text = "UPDATE {} SET missing_since = %s WHERE missing_since IS NULL AND synced_at < %s"
            parameters: tuple[Any, ...] = (now, page.reconcile.before)
            if page.reconcile.team_id is not None:
                text += " AND team_id = %s"
                parameters += (page.reconcile.team_id,)
            missing = self._db.execute(sql.SQL(text).format(target), parameters).rowcount
        return Written(inserted, updated, missing)

    def _rows(self, table: Table, items: str, now: dt.datetime, fits: bool) -> tuple[int, int]:
        """Write a page's items (``fits``: every value fits its column); the rows inserted and the rows updated
        that changed (or were missing)."""
        if table.name in self._fresh:
            # A first sync into a table of ours: a plain INSERT (a sixth of the cost of a page without ON CONFLICT's
            # checks), and the upsert after all, for this page and the rest, at the first id already there.
            try:
                with self._db.transaction():  # a savepoint
                    return self._db.execute(self._insert(table, fits), (now, items)).rowcount, 0
            except psycopg.errors.UniqueViolation:
                self._fresh.discard(table.name)
        row = self._db.execute(self._upsert(table, fits), (now, items)).fetchone()
        assert row is not None
        return int(row[0]), int(row[1])

    def _insert(self, table: Table, fits: bool) -> sql.Composed:
        if (table, fits) not in self._inserts:
            self._inserts[table, fits] = sql.SQL(
                "INSERT INTO {target} ({columns}, missing_since) SELECT {values}, e, %s, NULL FROM "
                "jsonb_each(%s::jsonb) AS page (key, e)"
            ).format(**self._parts(table, fits))
        return self._inserts[table, fits]

    def _parts(self, table: Table, fits: bool) -> dict[str, sql.Composable]:
        columns = [sql.Identifier(name) for name in (*table.field_names, "raw", "synced_at")]
        return {
            "target": self._name(table.name),
            "columns": sql.SQL(", ").join(columns),
            "values": sql.SQL(", ").join(_field(column, fits=fits) for column in table.columns),
            "updates": sql.SQL(", ").join(sql.SQL("{0} = EXCLUDED.{0}").format(column) for column in columns[1:]),
        }

    def _upsert(self, table: Table, fits: bool) -> sql.Composed:
        """One statement for a page (its items as one JSON object by id): the server splits it, types each field
        (what does not fit its column is NULL there, see ``_FIELD``), upserts, and counts the rows inserted and the
        rows updated that changed (or were missing)."""
        if (table, fits) not in self._upserts:
            # The rows already there (xmax is set on a row ON CONFLICT updated, 0 on one it inserted) are compared with
            # what the table held before the statement (every part of one statement reads the same snapshot), so a
            # page of new rows costs no extra lookups.
            self._upserts[table, fits] = sql.SQL(
                "WITH written AS (INSERT INTO {target} ({columns}, missing_since) SELECT {values}, e, %s, NULL FROM "
                "jsonb_each(%s::jsonb) AS page (key, e) ON CONFLICT (id) DO UPDATE SET {updates}, missing_since = NULL "
                "RETURNING id, raw, xmax = 0 AS inserted) "
                "SELECT (SELECT count(*) FROM written WHERE inserted), (SELECT count(*) FROM written w JOIN {target} t "
                "ON t.id = w.id WHERE NOT w.inserted AND (t.raw <> w.raw OR t.missing_since IS NOT NULL))"
            ).format(**self._parts(table, fits))
        return self._upserts[table, fits]

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error):
            # Unlock first: closing ends the session, but the server lets go of its locks only once the backend has
            # exited, after close() returns, so a sync started right after this one could find the lock still held.
            if self._lock_key is not None and not self._db.closed:
                self._db.execute("SELECT pg_advisory_unlock(%s)", (self._lock_key,))
        with contextlib.suppress(psycopg.Error):
            self._db.close()

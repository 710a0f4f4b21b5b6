"""Reading a synced database back, the same way for SQLite and PostgreSQL, to compare it with the API's items."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detectify.sync import default_tables
from detectify.sync.schema import Table
from detectify.testing import FakeDetectify

_names = itertools.count()


@dataclass
class Database:
    """A database for one test: a SQLite file, or a fresh schema on the session's PostgreSQL server."""

    kind: str  # "sqlite" or "postgresql"
    url: str
    schema: str = "detectify"

    @classmethod
    def make(cls, kind: str, tmp_path: Path, postgres_url: str | None) -> Database:
        if kind == "sqlite":
            return cls("sqlite", str(tmp_path / "surface.db"))
        assert postgres_url is not None
        return cls("postgresql", postgres_url, f"test_{next(_names)}_{id(tmp_path) % 100000}")

    @property
    def cli(self) -> list[str]:
        """The ``detectify sync`` arguments naming this database."""
        return ["--db", self.url, *(["--schema", self.schema] if self.kind == "postgresql" else [])]

    def table(self, name: str) -> str:
        return name if self.kind == "sqlite" else f'"{self.schema}"."{name}"'

    @contextmanager
    def connect(self) -> Iterator[Any]:
        if self.kind == "sqlite":
            connection = sqlite3.connect(self.url)
            try:
                yield connection
                connection.commit()
            finally:
                connection.close()
        else:
            import psycopg

            with psycopg.connect(self.url, autocommit=True) as connection:
                yield connection

    def query(self, text: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.kind == "sqlite":
            text = text.replace("%s", "?")
        with self.connect() as connection:
            cursor = connection.execute(text, parameters)
            return list(cursor.fetchall()) if cursor.description else []

    def rows(self, resource: str, table: Table | None = None) -> dict[str, dict[str, Any]]:
        """Every row of ``resource``'s table by id: the item's columns turned back into API values, plus ``raw``
        (decoded), ``synced_at`` and ``missing_since``."""
        table = table or default_tables()[resource]
        names = [*table.field_names, "raw", "synced_at", "missing_since"]
        quoted = ", ".join(f'"{n}"' for n in names)
        found = {}
        for values in self.query(f"SELECT {quoted} FROM {self.table(resource)}"):
            row = dict(zip(names, values, strict=True))
            for column in table.columns:
                row[column.name] = self._api_value(column.kind, row[column.name])
            row["raw"] = json.loads(row["raw"]) if isinstance(row["raw"], str) else row["raw"]
            found[row["id"]] = row
        return found

    def _api_value(self, kind: str, value: Any) -> Any:
        if value is None:
            return None
        if kind == "json" and self.kind == "sqlite":
            return json.loads(value)
        if kind == "boolean":
            return bool(value)
        if kind == "timestamp" and isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return value

    def state(self, key: str) -> str | None:
        found = self.query(f"SELECT state FROM {self.table('sync_state')} WHERE key = %s", (key,))
        return found[0][0] if found else None


def assert_matches_api(
    db: Database, app: FakeDetectify, resource: str, *, team_id: str | None = None, extra: set[str] = frozenset()
) -> None:
    """The table holds exactly the API's items of ``resource``, field by field, none of them missing (besides the
    ``extra`` ids, which may stay)."""
    expected = {item["id"]: item for item in app.items(resource, team_id)}
    rows = {i: r for i, r in db.rows(resource).items() if r["missing_since"] is None and i not in extra}
    assert set(rows) == set(expected), f"{resource}: {len(set(rows) ^ set(expected))} ids differ"
    fields = default_tables()[resource].field_names
    for item_id, item in expected.items():
        row = rows[item_id]
        assert row["raw"] == item, f"{resource} {item_id}: raw differs"
        assert {name: row[name] for name in fields} == {name: item.get(name) for name in fields}, (
            f"{resource} {item_id}: columns differ"
        )

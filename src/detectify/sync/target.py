"""Where a sync writes: a SQLite file or a PostgreSQL database, from the ``--db`` argument.

``detectify.db``, ``./data/surface.db``, ``sqlite:///relative.db``, ``sqlite:////absolute.db``: SQLite.
``postgresql://user:pass@host:port/dbname`` (or ``postgres://``): PostgreSQL. A password in the URL is never shown:
``display`` is the URL with it replaced by ``***``, and ``redact`` scrubs it from any text (a driver's message).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

import attrs

__all__ = ["DB_ENV", "DEFAULT_DB", "Target", "parse_target"]

DB_ENV = "DETECTIFY_DB"
DEFAULT_DB = "detectify.db"
_POSTGRES = ("postgresql", "postgres")


@attrs.frozen(repr=False)
class Target:
    """A parsed ``--db``: ``kind`` is ``sqlite`` (``path``) or ``postgresql`` (``url``, the libpq connection URI)."""

    kind: str
    path: Path | None = None
    url: str | None = None
    _secrets: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        """The database as it may be shown: a path, or the URL without its password."""
        return str(self.path) if self.path is not None else self.redact(self.url or "")

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            if secret:
                text = text.replace(secret, "***")
        return text

    def __repr__(self) -> str:
        return f"Target({self.kind}, {self.display})"


def parse_target(db: str | os.PathLike[str] | None) -> Target:
    """The database named by ``db`` (default: ``$DETECTIFY_DB``, else ``detectify.db``); ValueError naming ``db``
    when it is neither a path nor a URL this sync can write to."""
    if db is None:
        db = os.environ.get(DB_ENV) or DEFAULT_DB
    if isinstance(db, os.PathLike):
        return Target("sqlite", path=Path(db))
    if not isinstance(db, str) or not db.strip():
        raise ValueError(f"db: give a file path, sqlite:///path or postgresql://..., not {type(db).__name__}")
    scheme, found, rest = db.partition("://")
    if not found:
        return Target("sqlite", path=Path(db))
    scheme = scheme.lower()
    if scheme == "sqlite":
        if not rest.startswith("/") or rest == "/":
            raise ValueError("db: a SQLite URL is sqlite:///relative/path or sqlite:////absolute/path")
        return Target("sqlite", path=Path(unquote(rest[1:])))
    if scheme in _POSTGRES:
        parts = urlsplit(db)
        try:
            password = parts.password
            parts.port  # noqa: B018  (raises ValueError on a port that is not a number)
        except ValueError:
            raise ValueError("db: the PostgreSQL URL is malformed (its port is not a number)") from None
        in_query = [value for key, value in parse_qsl(parts.query) if key == "password"]
        secrets = tuple(s for s in (password, unquote(password or ""), *in_query) if s)
        if parts.hostname is None and not parts.path.strip("/") and not parts.query:
            raise ValueError("db: a PostgreSQL URL names at least a host or a database: postgresql://host/dbname")
        url = urlunsplit(("postgresql", parts.netloc, parts.path, parts.query, parts.fragment))
        return Target("postgresql", url=url, secrets=secrets)
    raise ValueError(f"db: {scheme}:// is not supported; use a file path, sqlite:///path or postgresql://...")

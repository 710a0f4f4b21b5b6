"""``detectify sync [RESOURCE ...] [--db URL] [--team TEAM_ID ...] [--full] [--lookback SECONDS] [--quiet]``.

Registered by ``detectify.cli`` (``add_parser``). Exit codes as for ``export``: 0 done, 1 the API, the network or the
database failed, or another sync holds the database (what was committed stays; run it again to continue), 2 bad
usage, 3 credentials refused or missing, 130 interrupted (run it again to continue).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import IO, Any

import anyio

from ..bulk import RESOURCES
from ..config import ENV_API_KEY
from ..errors import AuthenticationError, DetectifyError, PermissionDeniedError
from .engine import DEFAULT_LOOKBACK, DEFAULT_SCHEMA, sync
from .errors import SyncLockedError
from .report import Mode, ResourceReport, SyncProgress, SyncReport
from .target import DB_ENV, DEFAULT_DB, parse_target

__all__ = ["LineProgress", "add_parser", "run"]


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``sync`` to the ``detectify`` command's subparsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "sync", help="keep a database (SQLite or PostgreSQL) current with the API",
        description="Keep a database current: the first run pulls everything, later runs only what changed.",
    )  # fmt: skip
    parser.add_argument("resources", nargs="*", metavar="RESOURCE", help=f"some of {', '.join(RESOURCES)} (all)")
    parser.add_argument("--db", help=f"a file path, sqlite:///path or postgresql://user:pass@host:port/dbname "
                        f"(default: ${DB_ENV}, else {DEFAULT_DB})")  # fmt: skip
    parser.add_argument("--team", action="append", default=[], metavar="TEAM_ID",
                        help="only this team's items (repeatable)")  # fmt: skip
    parser.add_argument("--full", action="store_true",
                        help="a complete pass; also marks rows the API no longer lists (missing_since)")  # fmt: skip
    parser.add_argument("--lookback", type=float, default=DEFAULT_LOOKBACK, metavar="SECONDS",
                        help=f"how far a delta reaches back before the last run ({DEFAULT_LOOKBACK:g})")  # fmt: skip
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help=f"PostgreSQL schema ({DEFAULT_SCHEMA})")
    parser.add_argument("--base-url", help="the API's base URL (default: $DETECTIFY_BASE_URL, else Detectify's)")
    parser.add_argument("--limit", type=int, default=1000, help="page size, 1..1000 (1000)")
    parser.add_argument("--max-concurrency", type=int, default=16, help="requests in flight (16)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.set_defaults(command=run)
    return parser


class LineProgress(SyncProgress):
    """Plain progress lines on a stream: when a resource starts, every few seconds while it runs, when it ends."""

    def __init__(self, stream: IO[str], *, quiet: bool = False, every: float = 2.0) -> None:
        self.stream, self.quiet, self.every = stream, quiet, every
        self._last: dict[str, float] = {}

    def _line(self, text: str) -> None:
        if not self.quiet:
            self.stream.write(text + "\n")
            self.stream.flush()

    def started(self, resource: str, mode: Mode) -> None:
        self._line(f"sync {resource}: {mode} pass")

    def page(self, resource: str, report: ResourceReport) -> None:
        now = time.monotonic()
        if now - self._last.get(resource, 0.0) >= self.every:
            self._last[resource] = now
            self._line(f"sync {resource}: {_counts(report)}")

    def finished(self, resource: str, report: ResourceReport) -> None:
        self._line(f"sync {resource}: {'done' if report.ok else 'FAILED'}, {_counts(report)}")


def _counts(report: ResourceReport) -> str:
    return (f"{report.seen:,} seen, {report.inserted:,} inserted, {report.updated:,} updated, {report.missing:,} "
            f"marked missing, {report.pages:,} pages")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """``detectify sync``: returns the exit code."""
    from ..cli import EXIT_CREDENTIALS, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError
    from ..client import AsyncDetectify

    resources = list(dict.fromkeys(args.resources or RESOURCES))
    unknown = [r for r in resources if r not in RESOURCES]
    if unknown:
        raise UsageError(f"unknown resource(s) {', '.join(unknown)}; choose from {', '.join(RESOURCES)}")
    for flag, value, low, high in [("--limit", args.limit, 1, 1000), ("--max-concurrency", args.max_concurrency, 1,
                                   1024)]:  # fmt: skip
        if not low <= value <= high:
            raise UsageError(f"{flag} must be in {low}..{high}, got {value}")
    if not 0 <= args.lookback < float("inf"):
        raise UsageError(f"--lookback must be a number of seconds >= 0, got {args.lookback:g}")
    if not os.environ.get(ENV_API_KEY, "").strip():
        print(f"detectify: no API key: set {ENV_API_KEY}", file=sys.stderr)
        return EXIT_CREDENTIALS
    try:
        parse_target(args.db)
        options: dict[str, Any] = {"max_concurrency": args.max_concurrency}
        if args.base_url:
            options["base_url"] = args.base_url
        client = AsyncDetectify(**options)
        views = [client.for_team(team) for team in args.team]  # checks each team id (and that it has a key)
    except (ValueError, TypeError) as exc:
        message = str(exc).replace("db:", "--db:", 1) if str(exc).startswith("db:") else str(exc)
        raise UsageError(message) from None
    del views
    progress = LineProgress(sys.stderr, quiet=args.quiet)

    async def go() -> SyncReport:
        async with client:
            return await sync(client, args.db, resources=resources, full=args.full,
                              lookback=args.lookback, teams=args.team, schema=args.schema, limit=args.limit,
                              progress=progress)  # fmt: skip

    started = time.monotonic()
    try:
        report = anyio.run(go)
    except SyncLockedError as exc:
        print(f"detectify: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (AuthenticationError, PermissionDeniedError) as exc:
        print(f"detectify: the API refused the credentials: {exc}", file=sys.stderr)
        return EXIT_CREDENTIALS
    except DetectifyError as exc:
        print(f"detectify: sync failed: {exc}\nwhat was committed stays; run it again to continue", file=sys.stderr)
        return EXIT_FAILED
    except (KeyboardInterrupt, anyio.get_cancelled_exc_class()):
        print("\ndetectify: interrupted; what was committed stays: run it again to continue", file=sys.stderr)
        return EXIT_INTERRUPTED
    for name, resource in report.resources.items():
        print(f"{name}\t{resource.mode}\t{resource.seen}\t{resource.inserted}\t{resource.updated}\t{resource.missing}"
              f"\t{'ok' if resource.ok else 'failed'}")  # fmt: skip
    elapsed = time.monotonic() - started
    seen = sum(r.seen for r in report.resources.values())
    print(f"synced {seen:,} items into {report.database} in {elapsed:.1f}s (run {report.run_id})", file=sys.stderr)
    failures = [r.failure for r in report.resources.values() if r.failure is not None]
    if any(isinstance(f, AuthenticationError | PermissionDeniedError) for f in failures):
        print("detectify: the API refused the credentials", file=sys.stderr)
        return EXIT_CREDENTIALS
    if failures:
        for name in report.failed:
            print(f"detectify: {name} failed: {report.resources[name].error}", file=sys.stderr)
        print("what was committed stays; run it again to continue (nothing was marked missing)", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK

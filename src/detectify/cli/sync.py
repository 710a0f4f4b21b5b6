"""``detectify sync``: keep a database (SQLite, or PostgreSQL) current with the API (see ``detectify.sync``).

Exit codes as for ``export``: 0 done; 1 the API, the network or the database failed, or another sync holds the
database (what was committed stays: run it again to continue); 2 bad usage; 3 credentials refused or missing;
130 interrupted (run it again to continue).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import anyio

from ..config import ENV_API_KEY
from ..errors import AuthenticationError, DetectifyError, PermissionDeniedError
from ..sync import DEFAULT_LOOKBACK, DEFAULT_SCHEMA, ResourceReport, SyncLockedError, SyncProgress, SyncReport, sync
from ..sync.report import Mode
from ..sync.target import DB_ENV, DEFAULT_DB, parse_target
from .common import (
    EXIT_CREDENTIALS,
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    UsageError,
    add_command,
    add_selection,
    check_ranges,
    chosen_resources,
    make_client,
)
from .display import ProgressDisplay
from .retries import resource_of, watch_retries

__all__ = ["register"]

EXAMPLES = [
    "detectify sync                                   # every resource into ./detectify.db",
    "detectify sync ips ports --db sqlite:///surface.db",
    "detectify sync --full --db postgresql://me@127.0.0.1:5432/asm   # and mark what the API no longer lists",
]
EXTRA_COLUMNS = ("inserted", "updated", "missing")


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "sync",
        help="keep a database (SQLite or PostgreSQL) current with the API",
        description="Keep a database current: the first run pulls everything, later runs only what changed since "
        "the last complete one (minus --lookback). Each page is committed with the state that records it, so a "
        "killed sync continues where it stopped when run again. Tables and queries: docs/sync.md.",
        examples=EXAMPLES,
        run=run,
    )
    add_selection(parser)
    parser.add_argument("--db", help=f"a file path, sqlite:///path or postgresql://user:pass@host:port/dbname "
                        f"(default: ${DB_ENV}, else {DEFAULT_DB})")  # fmt: skip
    parser.add_argument("--full", action="store_true",
                        help="a complete pass; also marks rows the API no longer lists (missing_since)")  # fmt: skip
    parser.add_argument("--lookback", type=float, default=DEFAULT_LOOKBACK, metavar="SECONDS",
                        help=f"how far a delta reaches back before the last run ({DEFAULT_LOOKBACK:g})")  # fmt: skip
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help=f"PostgreSQL schema ({DEFAULT_SCHEMA})")
    parser.add_argument("--limit", type=int, default=1000, help="page size, 1..1000 (1000)")
    parser.add_argument("--max-concurrency", type=int, default=16, help="requests in flight (16)")
    parser.add_argument("--quiet", action="store_true", help="no progress display")


class _DisplayProgress(SyncProgress):
    """A sync's progress on the command's display: items, pages, inserted, updated and missing per resource."""

    def __init__(self, display: ProgressDisplay) -> None:
        self.display = display
        self._shown: dict[str, ResourceReport] = {}

    def started(self, resource: str, mode: Mode) -> None:
        self.display.start(resource)

    def page(self, resource: str, report: ResourceReport) -> None:
        before = self._shown.get(resource) or ResourceReport(resource)
        self.display.update(
            resource,
            items=report.seen - before.seen,
            pages=report.pages - before.pages,
            inserted=report.inserted - before.inserted,
            updated=report.updated - before.updated,
            missing=report.missing - before.missing,
        )
        self._shown[resource] = ResourceReport(
            resource, seen=report.seen, inserted=report.inserted, updated=report.updated, missing=report.missing,
            pages=report.pages,
        )  # fmt: skip

    def finished(self, resource: str, report: ResourceReport) -> None:
        self.page(resource, report)
        self.display.finish(resource, failed=not report.ok)


def _check(args: argparse.Namespace) -> list[str]:
    resources = chosen_resources(args)
    check_ranges(("--limit", args.limit, 1, 1000), ("--max-concurrency", args.max_concurrency, 1, 1024))
    if not 0 <= args.lookback < float("inf"):
        raise UsageError(f"--lookback must be a number of seconds >= 0, got {args.lookback:g}")
    try:
        parse_target(args.db)
    except (ValueError, TypeError) as exc:
        message = str(exc)
        raise UsageError(message.replace("db:", "--db:", 1) if message.startswith("db:") else message) from None
    return resources


def run(args: argparse.Namespace) -> int:
    """``detectify sync``: returns the exit code."""
    resources = _check(args)
    if not os.environ.get(ENV_API_KEY, "").strip():
        raise CliError(f"no API key: set {ENV_API_KEY}", EXIT_CREDENTIALS)
    client = make_client(args, max_concurrency=args.max_concurrency)
    try:
        for team in args.team:
            client.for_team(team)  # checks each team id (and that the client has its key) before anything is sent
    except (ValueError, TypeError) as exc:
        raise UsageError(str(exc)) from None
    display = ProgressDisplay(resources, extra_columns=EXTRA_COLUMNS, enabled=not args.quiet)

    async def go() -> SyncReport:
        async with client:
            with watch_retries(client, lambda path: display.update(resource_of(path), retries=1)) as counted:
                return await sync(counted, args.db, resources=resources, full=args.full, lookback=args.lookback,
                                  teams=args.team, schema=args.schema, limit=args.limit,
                                  progress=_DisplayProgress(display))  # fmt: skip

    with display:
        try:
            report = anyio.run(go)
        except SyncLockedError as exc:
            display.stop()
            raise CliError(str(exc), EXIT_FAILED) from None
        except (AuthenticationError, PermissionDeniedError) as exc:
            display.stop()
            raise CliError(f"the API refused the credentials: {exc}", EXIT_CREDENTIALS) from None
        except DetectifyError as exc:
            display.stop()
            raise CliError(f"sync failed: {exc}; what was committed stays: run it again to continue") from None
        except KeyboardInterrupt:
            display.stop()
            raise CliError("interrupted; what was committed stays: run it again to continue", 130) from None
    return _summarise(report, display)


def _summarise(report: SyncReport, display: ProgressDisplay) -> int:
    seen = sum(r.seen for r in report.resources.values())
    display.summary(f"synced {seen:,} items into {report.database} (run {report.run_id})")
    for name, resource in report.resources.items():
        print(f"{name}\t{resource.mode}\t{resource.seen}\t{resource.inserted}\t{resource.updated}\t{resource.missing}"
              f"\t{'ok' if resource.ok else 'failed'}")  # fmt: skip
    failures = [r.failure for r in report.resources.values() if r.failure is not None]
    if any(isinstance(f, AuthenticationError | PermissionDeniedError) for f in failures):
        raise CliError("the API refused the credentials", EXIT_CREDENTIALS)
    if failures:
        for name in report.failed:
            print(f"detectify: {name} failed: {report.resources[name].error}", file=sys.stderr)
        raise CliError("what was committed stays; run it again to continue (nothing was marked missing)")
    return EXIT_OK

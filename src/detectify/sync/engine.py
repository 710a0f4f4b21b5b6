"""The sync engine: plan each resource's pass, pull its pages, commit each page with its state, reconcile.

For each resource (and team scope, with ``teams=``) a pass is either

- **full**: the whole list, through ``client.pull_all`` (its job keys and cursors are the pass's chains). The first
  sync of a resource, every ``full=True`` sync, and always for connectors (small, pulled whole). When a full pass
  completes and the whole run succeeded, rows it did not write get ``missing_since`` (in one transaction with the
  state that closes the pass); rows it wrote had it cleared.
- **delta**: the changes since the last complete pass started, minus ``lookback``: one chain per filter
  (``first_seen_after``, ``disappeared_after``, and for breaches ``status_updated_after``) through
  ``.list(...).as_dicts().pages()``. Upserts only; a delta never marks anything missing.

One task per pass fetches pages into a bounded stream (each page encoded as the stores take it on arrival); one
consumer writes each page and the pass's state in one transaction, in a worker thread (with the pages queued behind
it, when the writer falls behind: each with its state, counted as if written alone). Pages of one chain are written
in order, so a sync killed at any moment resumes from the last committed cursor of each chain with nothing lost or
written twice. A pass that fails keeps what it committed and is continued by the next sync; the other passes go on.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import attrs

from ..adapter import RESOURCES
from ..errors import APIResponseValidationError, BadRequestError, DetectifyError, first_error
from ..jsoncodec import dumps
from ..validation import check_id
from .errors import SyncError
from .report import Mode, ResourceReport, SyncProgress, SyncReport
from .schema import Table, default_tables, fits
from .state import Pass, ResourceState, dump_state, parse_state, state_key
from .store import PageWrite, Reconcile, Store, encode_items
from .target import Target, parse_target

if TYPE_CHECKING:
    from anyio.abc import ObjectSendStream
    from anyio.streams.memory import MemoryObjectReceiveStream

    from ..client import AsyncDetectify

__all__ = ["DEFAULT_LOOKBACK", "DEFAULT_SCHEMA", "DELTA_FILTERS", "sync"]

logger = logging.getLogger("detectify.sync")
T = TypeVar("T")

#: Seconds a delta reaches back before the last complete pass started, for items the API records late.
DEFAULT_LOOKBACK = 300.0
DEFAULT_SCHEMA = "detectify"
#: The filters of a delta pass, per resource; resources not named here are always pulled whole.
DELTA_FILTERS: Mapping[str, tuple[str, ...]] = {
    "ips": ("first_seen_after", "disappeared_after"),
    "technologies": ("first_seen_after", "disappeared_after"),
    "ports": ("first_seen_after", "disappeared_after"),
    "breaches": ("first_seen_after", "disappeared_after", "status_updated_after"),
}
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
#: Pages waiting for the writer (as JSON text, about 0.5 MB for a page of 1000 IPs).
_BUFFERED_PAGES = 32
#: At most this many queued pages are committed together (each with its state, counted as if written alone): when
#: the writer falls behind, it catches up with fewer commits (a commit rewrites every B-tree page it touched).
_PAGES_PER_TRANSACTION = 32
_NOT_A_PAGE = -1


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def sync(
    client: AsyncDetectify,
    db: str | Any = None,
    *,
    resources: Iterable[str] = RESOURCES,
    full: bool = False,
    lookback: float = DEFAULT_LOOKBACK,
    teams: Sequence[str] = (),
    schema: str = DEFAULT_SCHEMA,
    limit: int = 1000,
    tables: Mapping[str, Table] | None = None,
    progress: SyncProgress | None = None,
) -> SyncReport:
    """Bring the database ``db`` up to date with the API (see ``docs/sync.md``) and return what was done.

    ``db``: a file path, ``sqlite:///path`` or ``postgresql://user:pass@host:port/dbname`` (default:
    ``$DETECTIFY_DB``, else ``detectify.db``). ``resources``: some of ``ips technologies ports breaches connectors``.
    ``full``: a complete pass that also marks rows the API no longer lists (``missing_since``). ``lookback``: seconds
    a delta reaches back. ``teams``: only these teams' items (one pass per team). ``schema``: the PostgreSQL schema.
    ``limit``: page size. ``tables``: the tables to write (default: from the shipped spec; see ``schema.py``).
    ``progress`` receives per-page progress. A resource that fails is reported in ``report.resources[name].error``
    (check ``report.ok``); the others are still synced. Raises ``SyncLockedError`` when another sync holds the
    database, ``SyncDatabaseError`` when the database fails, and ValueError/TypeError for bad arguments, before
    anything is sent.
    """
    names = list(dict.fromkeys([resources] if isinstance(resources, str) else resources))
    unknown = [name for name in names if name not in RESOURCES]
    if unknown or not names:
        raise ValueError(f"resources: expected some of {', '.join(RESOURCES)}, got {unknown or names}")
    if isinstance(lookback, bool) or not isinstance(lookback, int | float) or not 0 <= lookback < math.inf:
        raise ValueError(f"lookback must be a number of seconds >= 0, got {lookback!r}")
    if isinstance(teams, str):
        raise TypeError("teams: give a sequence of team ids, not one string")
    team_ids = list(dict.fromkeys(check_id("teams", team) for team in teams))
    if not isinstance(schema, str) or not _SCHEMA_NAME.match(schema):
        raise ValueError(f"schema must be a lower-case SQL identifier (letters, digits, _), got {schema!r}")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 1000:
        raise ValueError(f"limit must be an integer in 1..1000, got {limit!r}")
    if not isinstance(full, bool):
        raise TypeError(f"full must be True or False, got {full!r}")
    chosen = dict(tables) if tables is not None else default_tables()
    if set(names) - set(chosen):
        raise ValueError(f"tables: no table for {sorted(set(names) - set(chosen))}")
    views = [client.for_team(team) for team in team_ids] or [client]  # ValueError for a team without a key
    target = parse_target(db)

    store = await _run(_open, target, schema)
    try:
        await _run(store.lock)
        added = await _run(store.prepare, {name: chosen[name] for name in names})
        for column in added:
            logger.info("sync: added the column %s (a new field of the spec), filled from raw", column)
        stored = await _run(store.load_states)
        started = _now()
        run_id = await _run(store.start_run, started, full, names)
        report = SyncReport(run_id, store.display, started, full=full, resources={n: ResourceReport(n) for n in names})
        engine = _Engine(store, chosen, report, progress or SyncProgress(), limit)
        status, error = "interrupted", None
        try:
            plans = [engine.plan(view, name, stored, full, lookback) for view in views for name in names]
            await engine.run(plans)
            status = "ok" if report.ok else "failed"
            error = "; ".join(f"{name}: {report.resources[name].error}" for name in report.failed) or None
        except DetectifyError as exc:
            status, error = "failed", str(exc)
            raise
        finally:
            report.finished_at = _now()
            counts = dumps({name: r.counts() for name, r in report.resources.items()})
            with anyio.CancelScope(shield=True):
                await _run(store.finish_run, run_id, report.finished_at, status, counts, error)
        return report
    finally:
        with anyio.CancelScope(shield=True):
            await _run(store.close)


async def _run(function: Callable[..., T], *args: Any) -> T:
    """Run a store call in a worker thread (the store's calls never overlap: the engine awaits each)."""
    return await anyio.to_thread.run_sync(functools.partial(function, *args))


def _open(target: Target, schema: str) -> Store:
    if target.kind == "sqlite":
        from .sqlite import SQLiteStore

        assert target.path is not None
        return SQLiteStore(target.path)
    try:
        from .postgres import PostgresStore
    except ImportError:
        raise SyncError("syncing into PostgreSQL needs psycopg 3: pip install 'detectify-sdk[postgres]'") from None
    return PostgresStore(target, schema)


@attrs.define
class _Plan:
    view: AsyncDetectify
    resource: str
    team_id: str | None
    key: str
    state: ResourceState
    sent: int = 0  # pages handed to the writer

    @property
    def current(self) -> Pass:
        assert self.state.current is not None
        return self.state.current


@attrs.frozen
class _Page:
    plan: _Plan
    chain: str
    seen: int  # items the API sent
    items: str  # as the stores take them (encode_items)
    count: int
    fits: bool  # every value fits its column as it is (asked only when the store types values)
    next_cursor: str | None


@attrs.frozen
class _End:
    plan: _Plan


class _Engine:
    def __init__(
        self, store: Store, tables: Mapping[str, Table], report: SyncReport, progress: SyncProgress, limit: int
    ) -> None:
        self.store = store
        self.tables = tables
        self.report = report
        self.progress = progress
        self.limit = limit
        self.ended: list[_Plan] = []

    def plan(
        self, view: AsyncDetectify, resource: str, stored: Mapping[str, str], full: bool, lookback: float
    ) -> _Plan:
        team = view.scope_team
        key = state_key(resource, team)
        text = stored.get(key)
        state = parse_state(text) if text is not None else ResourceState()
        if state is None:
            logger.warning("sync: the stored state of %s is damaged; starting a full pass of it", key)
            state = ResourceState()
        current = state.current
        wants_full = full or resource not in DELTA_FILTERS or state.complete_at is None
        if current is not None and (current.kind == "full" or not wants_full):
            pass  # continue the unfinished pass (an unfinished full pass is always finished first)
        elif wants_full:
            state.current = Pass("full", _now())
        else:
            assert state.complete_at is not None
            since = (state.complete_at - dt.timedelta(seconds=lookback)).replace(microsecond=0)
            # The API's filters are exclusive and its timestamps whole seconds: one second less keeps items stamped
            # exactly at the boundary.
            state.current = Pass("delta", _now(), since - dt.timedelta(seconds=1))
        plan = _Plan(view, resource, team, key, state)
        mode: Mode = plan.current.kind
        if mode == "full":
            self.report.resources[resource].mode = "full"
        self.progress.started(resource, mode)
        return plan

    async def run(self, plans: Sequence[_Plan]) -> None:
        send, receive = anyio.create_memory_object_stream[_Page | _End](max_buffer_size=_BUFFERED_PAGES)
        try:
            async with anyio.create_task_group() as group:
                for plan in plans:
                    group.start_soon(self._produce, plan, send.clone())
                send.close()
                await self._consume(receive)
        except BaseExceptionGroup as failures:
            raise first_error(failures) from None
        if self.report.ok:
            for plan in self.ended:  # only a run without failures marks anything missing
                await self._close_full(plan)
        for name, resource in self.report.resources.items():
            self.progress.finished(name, resource)

    # --- fetching ------------------------------------------------------------------------------------------------

    async def _produce(self, plan: _Plan, send: ObjectSendStream[_Page | _End]) -> None:
        async with send:
            try:
                try:
                    await self._pages(plan, send)
                except (BadRequestError, ValueError) as exc:
                    # A stored cursor the API refuses, or jobs that no longer match the client's teams: begin the
                    # pass again rather than fail for ever (nothing of it was written in this run).
                    if plan.sent or not (plan.current.resume or plan.current.completed):
                        raise
                    logger.warning("sync: cannot continue the stored pass of %s (%s); starting it again", plan.key, exc)
                    plan.state.current = Pass(plan.current.kind, _now(), plan.current.since)
                    await self._pages(plan, send)
                await send.send(_End(plan))
            except DetectifyError as exc:
                where = f" (team {plan.team_id})" if plan.team_id else ""
                self.report.resources[plan.resource].error = f"{exc}{where}"
                self.report.resources[plan.resource].failure = exc
                logger.warning("sync: %s failed: %s", plan.key, exc)
            except anyio.BrokenResourceError:
                return  # the writer stopped (its error is raised)

    async def _pages(self, plan: _Plan, send: ObjectSendStream[_Page | _End]) -> None:
        current = plan.current
        resource = plan.resource
        if current.kind == "full":
            async with plan.view.pull_all(
                [resource], as_dicts=True, limit=self.limit, resume=dict(current.resume), completed=current.completed
            ) as pull:
                async for batch in pull.batches():
                    await self._send(send, self._page(plan, batch.job, batch.items, batch.next_cursor))
            return
        list_resource = getattr(plan.view, resource)
        for chain in DELTA_FILTERS[resource]:
            if chain in current.completed:
                continue
            pager = list_resource.list(limit=self.limit, cursor=current.resume.get(chain), **{chain: current.since})
            async for page in pager.as_dicts().pages():
                await self._send(send, self._page(plan, chain, page.items, page.next_cursor))

    @staticmethod
    async def _send(send: ObjectSendStream[_Page | _End], page: _Page) -> None:
        page.plan.sent += 1
        await send.send(page)

    def _page(self, plan: _Plan, chain: str, items: list[Any], next_cursor: str | None) -> _Page:
        """A fetched page for the writer. Every item must be an object with a string id (the primary key): the page
        is refused otherwise, loudly."""
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
                raise APIResponseValidationError(
                    f"{plan.resource}: the API sent an item without a string id: {item!r:.200}"
                )
        fitting = self.store.types_values and fits(self.tables[plan.resource], items)
        encoded, count = encode_items(items)
        return _Page(plan, chain, len(items), encoded, count, fitting, next_cursor)

    # --- writing -------------------------------------------------------------------------------------------------

    async def _consume(self, receive: MemoryObjectReceiveStream[_Page | _End]) -> None:
        async with receive:
            async for message in receive:
                messages = [message]
                while len(messages) < _PAGES_PER_TRANSACTION:  # and the pages queued behind it, in one commit
                    try:
                        messages.append(receive.receive_nowait())
                    except (anyio.WouldBlock, anyio.EndOfStream):
                        break
                writes: list[tuple[_Plan, PageWrite, int]] = []
                for message in messages:
                    plan = message.plan
                    if isinstance(message, _Page):
                        plan.current.advance(message.chain, message.next_cursor)
                        write = self._page_write(plan, message.items, message.count, fits=message.fits)
                        writes.append((plan, write, message.seen))
                    elif plan.current.kind == "delta":
                        plan.state.complete_at, plan.state.current = plan.current.started_at, None
                        writes.append((plan, self._page_write(plan), _NOT_A_PAGE))
                    else:
                        self.ended.append(plan)
                if writes:
                    await self._write(writes)

    def _page_write(
        self, plan: _Plan, items: str = "{}", count: int = 0, reconcile: Reconcile | None = None, fits: bool = False
    ) -> PageWrite:
        table = self.tables[plan.resource]
        return PageWrite(table, items, count, plan.key, dump_state(plan.state), reconcile, fits)

    async def _write(self, writes: Sequence[tuple[_Plan, PageWrite, int]]) -> None:
        """Commit ``writes``, each with the number of items the API sent for it (``_NOT_A_PAGE`` for the writes
        that only record a state), and count them."""
        written = await _run(self.store.write, [write for _, write, _ in writes], _now())
        for (plan, _, seen), counted in zip(writes, written, strict=True):
            report = self.report.resources[plan.resource]
            report.seen += max(seen, 0)
            report.inserted += counted.inserted
            report.updated += counted.updated
            report.missing += counted.missing
            report.pages += seen != _NOT_A_PAGE
            self.progress.page(plan.resource, report)

    async def _close_full(self, plan: _Plan) -> None:
        """Close a complete full pass: mark missing what it did not list, in one transaction with its state."""
        started = plan.current.started_at
        table = self.tables[plan.resource]
        # A team's pass can only reconcile rows that say which team they belong to (breaches do not). A table the
        # store created in this run holds only rows written since the pass began: nothing there to mark or scan.
        scoped = plan.team_id is None or "team_id" in table.field_names
        reconcile = Reconcile(started, plan.team_id) if scoped and table.name not in self.store.created else None
        plan.state.complete_at = plan.state.full_at = started
        plan.state.current = None
        await self._write([(plan, self._page_write(plan, reconcile=reconcile), _NOT_A_PAGE)])

"""Bulk pulls: several resources (and teams, and time windows) at once, over one client.

```python
async with client.pull_all(["ips", "ports"], as_dicts=True) as pull:
    async for record in pull:           # or: async for batch in pull.batches()  (pages, for checkpoints)
        store(record.resource, record.team_id, record.item)
```

Each job (a resource, for one team when the client holds a key per team, and one time window when sharded) pages
through its list in its own task. Every request still goes through the client, so ``max_concurrency``, the retry
policy and the shared back-off hold. Pages travel through a bounded stream: a slow consumer slows the pull and memory
stays flat. Leaving the ``async with`` early cancels the jobs. A job that fails for good cancels the others, and the
error (our typed one, carrying ``cursor`` and ``job``) is raised from the ``async with``.

Sharding (``shards=N``) pulls a resource as time windows of ``first_seen``, N at a time (the jobs ``resource#0``
.. ``resource#N-1``). It starts from N equal windows of the range (2013-01-01..now when unbounded) and finds where
the items are as it goes: a window whose first page is the whole window is done in one request; a window whose
first page says more follow is split again (that page is dropped, to be read again in the smaller windows) while
fewer than 4N windows are waiting for the jobs, and pulled page by page otherwise. That first page guides the cuts
(``guided_cuts``): a page in ``first_seen`` order shows where the rest of the items lie and how dense they are, so
the new windows hold about a page each rather than one of them holding nearly everything (and a window with less
than a page left is paged through). So empty years cost one request each and N jobs share the dense part, whatever
the spread of the items. The API's time filters are exclusive, so neighbouring windows overlap by a second on each
side of a boundary and items seen twice there are dropped by ``id``: the sharded pull yields exactly the items of
the plain pull (items without a ``first_seen_at`` cannot be placed in a window, so sharding is for resources that
always carry one). A sharded job's windows are found as it goes, so it cannot be resumed: its batches carry
``SHARD_CURSOR`` until the job's last one (None).
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import itertools
from collections import deque
from collections.abc import AsyncIterator, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import anyio
import attrs

from .adapter import RESOURCES, TIMED_RESOURCES
from .errors import DetectifyError, first_error
from .validation import check_datetime

if TYPE_CHECKING:
    from anyio.abc import ObjectReceiveStream, ObjectSendStream

    from .pagination import AsyncPager

__all__ = ["RESOURCES", "SHARD_CURSOR", "Batch", "Pull", "PullClient", "Record", "pull_all"]


class PullClient(Protocol):
    """What a bulk pull needs of a client (``AsyncDetectify`` is one): its team keys, its team scope, team views,
    and the resources (``ips``, ``ports``, ...) as attributes."""

    @property
    def team_ids(self) -> tuple[str, ...]: ...

    @property
    def scope_team(self) -> str | None: ...

    def for_team(self, team_id: str) -> PullClient: ...


#: Resources whose lists take ``first_seen_*`` filters (and so can be sharded and limited by ``since``).
TIMED = TIMED_RESOURCES
#: Where an unbounded first window of a sharded pull starts its boundaries (Detectify's first year).
EARLIEST = dt.datetime(2013, 1, 1, tzinfo=dt.UTC)
OVERLAP = dt.timedelta(seconds=1)
#: A window is split only into windows at least this long (well above the overlap).
MIN_WINDOW = dt.timedelta(minutes=1)
#: A dense window is split while fewer than this many windows per job wait (else it is pulled page by page).
SPLIT_WHILE_WAITING = 4
#: The next_cursor of a sharded job's batches before its last: not a cursor (a sharded job cannot be resumed).
SHARD_CURSOR = ""


class Job(NamedTuple):
    """One cursor chain of a bulk pull. ``key`` names it in checkpoints: ``resource[@team][#window]``."""

    resource: str
    team_id: str | None
    window: int | None = None
    after: dt.datetime | None = None
    before: dt.datetime | None = None

    @property
    def key(self) -> str:
        team = f"@{self.team_id}" if self.team_id is not None else ""
        window = f"#{self.window}" if self.window is not None else ""
        return f"{self.resource}{team}{window}"


@attrs.frozen
class Batch:
    """One page of one job: its items (after de-duplication across windows) and the cursor to resume the job
    after it (None once the job is complete)."""

    job: str
    resource: str
    team_id: str | None
    items: list[Any]
    next_cursor: str | None


@attrs.frozen
class Record:
    """One item of a bulk pull, with where it came from."""

    resource: str
    team_id: str | None
    item: Any


class Pull:
    """The running pull: iterate it for ``Record`` s, or ``.batches()`` for pages with their cursors."""

    def __init__(self, receive: ObjectReceiveStream[Batch], jobs: Sequence[Job]) -> None:
        self._receive = receive
        self.jobs = tuple(jobs)
        self._claimed = False

    def batches(self) -> AsyncIterator[Batch]:
        self._claim()
        return self._receive.__aiter__()

    def __aiter__(self) -> AsyncIterator[Record]:
        self._claim()
        return _Records(self._receive)

    def _claim(self) -> None:
        if self._claimed:
            raise RuntimeError("a bulk pull can be iterated once")
        self._claimed = True


class _Records:
    def __init__(self, receive: ObjectReceiveStream[Batch]) -> None:
        self._receive = receive
        self._batch: Batch | None = None
        self._index = 0

    def __aiter__(self) -> _Records:
        return self

    async def __anext__(self) -> Record:
        while self._batch is None or self._index >= len(self._batch.items):
            try:
                self._batch = await self._receive.receive()
            except anyio.EndOfStream:
                raise StopAsyncIteration from None
            self._index = 0
        batch, item = self._batch, self._batch.items[self._index]
        self._index += 1
        return Record(batch.resource, batch.team_id if batch.team_id is not None else _team_of(item), item)


@contextlib.asynccontextmanager
async def pull_all(
    client: PullClient,
    resources: Iterable[str] = RESOURCES,
    *,
    as_dicts: bool = False,
    since: dt.datetime | str | None = None,
    until: dt.datetime | str | None = None,
    shards: int = 1,
    limit: int = 1000,
    resume: Mapping[str, str] | None = None,
    completed: Collection[str] = (),
    max_buffered_pages: int = 4,
) -> AsyncIterator[Pull]:
    """Pull every item of ``resources`` concurrently (see the module's docstring).

    ``since``/``until`` bound ``first_seen`` (exclusive) on the resources that have it. ``shards`` splits each of
    those resources into that many time windows. ``resume`` maps job keys to the cursor to resume them from and
    ``completed`` lists job keys already done (both from ``Batch``es of an earlier pull with the same arguments).
    """
    names = list(dict.fromkeys(resources))
    unknown = [name for name in names if name not in RESOURCES]
    if unknown or not names:
        raise ValueError(f"resources: expected some of {', '.join(RESOURCES)}, got {unknown or names}")
    if isinstance(shards, bool) or not isinstance(shards, int) or not 1 <= shards <= 64:
        raise ValueError(f"shards must be an integer in 1..64, got {shards!r}")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 1000:
        raise ValueError(f"limit must be an integer in 1..1000, got {limit!r}")
    if isinstance(max_buffered_pages, bool) or not isinstance(max_buffered_pages, int) or max_buffered_pages < 1:
        raise ValueError(f"max_buffered_pages must be an integer >= 1, got {max_buffered_pages!r}")
    after = check_datetime("since", since)
    before = check_datetime("until", until)
    if after is not None and before is not None and after >= before:
        raise ValueError("since must be before until")
    jobs = _jobs(client, names, after, before, shards)
    keys = {job.key for job in jobs}
    stray = (set(resume or {}) | set(completed)) - keys
    if stray:
        raise ValueError(f"resume/completed name jobs this pull does not have: {sorted(stray)}")
    sharded = sorted(job.key for job in jobs if job.window is not None and job.key in {*(resume or {}), *completed})
    if sharded:
        raise ValueError(
            f"resume/completed: sharded jobs find their windows as they go and cannot be resumed: {sharded}"
        )
    todo = [job for job in jobs if job.key not in set(completed)]
    windows = {(job.resource, job.team_id): _Windows(after, before, shards) for job in todo if job.window is not None}

    send, receive = anyio.create_memory_object_stream[Batch](max_buffer_size=max_buffered_pages)
    try:
        async with anyio.create_task_group() as jobs_group:
            for job in todo:
                if job.window is None:
                    pager = _pager(client, job, limit, (resume or {}).get(job.key), as_dicts, job.after, job.before)
                    jobs_group.start_soon(_run, job, pager, send.clone())
                else:
                    shared = windows[job.resource, job.team_id]
                    jobs_group.start_soon(_run_shard, client, job, shared, limit, send.clone(), as_dicts)
            send.close()
            try:
                yield Pull(receive, todo)
            finally:
                jobs_group.cancel_scope.cancel()  # the consumer is done, or stopped early: stop the jobs
                receive.close()
    except BaseExceptionGroup as group:
        raise first_error(group) from None


async def _run(job: Job, pager: AsyncPager[Any], send: ObjectSendStream[Batch]) -> None:
    async with send:
        try:
            async for page in pager.pages():
                await send.send(Batch(job.key, job.resource, job.team_id, page.items, page.next_cursor))
        except DetectifyError as exc:
            exc.job = job.key
            raise
        except anyio.BrokenResourceError:
            return  # the consumer left


Window = tuple[dt.datetime | None, dt.datetime | None]  # first_seen edges: the pull's bounds or cuts (None: open)


class _Windows:
    """The time windows of one sharded resource (of one team) still to pull, shared by its jobs, and what
    de-duplicates the items near window boundaries."""

    def __init__(self, after: dt.datetime | None, before: dt.datetime | None, shards: int) -> None:
        self.shards = shards
        self.waiting: deque[Window] = deque()
        self._bounds = (after, before)
        self._cuts: list[dt.datetime] = []  # sorted: every boundary made so far
        self._seen: set[str] = set()  # ids of items near a boundary already yielded
        self._busy = 0
        self._changed = anyio.Event()
        if not self.split((after, before)):
            self.waiting.append((after, before))

    def filters(self, window: Window) -> Window:
        """The API's (exclusive) ``first_seen`` bounds for a window: a second wider at each cut."""
        low, high = window
        after, before = self._bounds
        return (
            low - OVERLAP if low is not None and low != after else low,
            high + OVERLAP if high is not None and high != before else high,
        )

    def split(self, window: Window, sample: Sequence[dt.datetime] = ()) -> bool:
        """Queue ``window`` as smaller windows: ``shards`` of equal length, or as ``sample`` (the ``first_seen`` of
        its first page) suggests (``guided_cuts``); False if they would be too short or the window is best paged
        through."""
        low, high = window
        start, end = low or EARLIEST, high or dt.datetime.now(dt.UTC)
        if end <= start:
            raise ValueError("until must be after since")
        if self.shards == 1:
            return False
        guided = guided_cuts(sample, start, end, self.shards)
        if guided is not None and not guided.cuts:
            return False
        cuts = _usable(guided.cuts, start, end) if guided is not None else []
        if not cuts:
            guided = None
            step = (end - start) / self.shards
            cuts = _usable([start + step * index for index in range(1, self.shards)], start, end)
            if not cuts:
                return False
        windows = list(itertools.pairwise([low, *cuts, high]))
        if guided is not None and guided.rest is not None:  # the window holding the rest splits again: first
            self.waiting.appendleft(windows.pop(guided.rest))
        self.waiting.extend(windows)
        for cut in cuts:
            bisect.insort(self._cuts, cut)
        self._notify()
        return True

    def worth_splitting(self) -> bool:
        """Whether a dense window should be split rather than pulled page by page: few windows wait for the jobs."""
        return len(self.waiting) < SPLIT_WHILE_WAITING * self.shards

    async def take(self) -> Window | None:
        """The next window to pull (None: every window is done)."""
        while not self.waiting:
            if self._busy == 0:
                return None
            await self._changed.wait()
        self._busy += 1
        return self.waiting.popleft()

    def done(self) -> None:
        self._busy -= 1
        self._notify()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = anyio.Event()

    def unseen(self, items: list[Any], as_dicts: bool) -> list[Any]:
        """Items near a window boundary may come from both windows: keep the first of each id."""
        if not self._cuts:
            return items
        kept = []
        for item in items:
            first_seen = _first_seen(item, as_dicts)
            if first_seen is not None and self._near_cut(first_seen):
                item_id = item["id"] if as_dicts else item.id
                if item_id in self._seen:
                    continue
                self._seen.add(item_id)
            kept.append(item)
        return kept

    def _near_cut(self, moment: dt.datetime) -> bool:
        at = bisect.bisect_left(self._cuts, moment - OVERLAP)
        return at < len(self._cuts) and self._cuts[at] <= moment + OVERLAP


def _usable(cuts: Iterable[dt.datetime], start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The cuts inside ``start..end`` that leave every window at least MIN_WINDOW long, in order."""
    kept: list[dt.datetime] = []
    for cut in sorted(cuts):
        if cut - (kept[-1] if kept else start) >= MIN_WINDOW and end - cut >= MIN_WINDOW:
            kept.append(cut)
    return kept


class Cuts(NamedTuple):
    """Where to cut a window, and which of the windows (0 or -1) holds the rest of its items, if known."""

    cuts: list[dt.datetime]
    rest: int | None = None


def guided_cuts(sample: Sequence[dt.datetime], start: dt.datetime, end: dt.datetime, shards: int) -> Cuts | None:
    """Where to cut the dense window ``start..end``, from the ``first_seen`` of the first page of its items; None
    when the page says nothing of use (equal cuts then), no cuts when the window is better paged through. Any answer
    is correct (the windows always cover the whole window); the page only decides how evenly the work spreads.

    A page in ascending order is the window's oldest items, so the rest follows at about a page per the time the page
    spans: when less than another page is left, the window is paged through; else it is cut into 2N windows a little
    under a page each from its start, the last taking the rest (and taken first, to be split again while the jobs
    read the others). A descending page is the mirror image. A page in no order is a sample of the window: N
    windows cut at its quantiles."""
    if len(sample) < 2:
        return None
    ordered = sorted(sample)
    oldest, newest = ordered[0], ordered[-1]
    span = max(newest - oldest, MIN_WINDOW)
    step = span * 0.9  # a window the page's density fills a little less than a page
    try:  # the page's timestamps come from the API: far enough out, the arithmetic leaves datetime's range
        if list(sample) == ordered:
            if end - newest < span:
                return Cuts([])
            return Cuts([oldest + step * index for index in range(1, 2 * shards)], rest=-1)
        if list(sample) == ordered[::-1]:
            if oldest - start < span:
                return Cuts([])
            return Cuts([newest - step * index for index in range(1, 2 * shards)], rest=0)
    except OverflowError:
        return None
    return Cuts([ordered[len(ordered) * index // shards] for index in range(1, shards)])


async def _run_shard(
    client: PullClient, job: Job, windows: _Windows, limit: int, send: ObjectSendStream[Batch], as_dicts: bool
) -> None:
    async with send:
        try:
            while (window := await windows.take()) is not None:
                try:
                    await _pull_window(client, job, windows, window, limit, send, as_dicts)
                finally:
                    windows.done()
            await send.send(Batch(job.key, job.resource, job.team_id, [], None))
        except DetectifyError as exc:
            exc.job = job.key
            raise
        except anyio.BrokenResourceError:
            return  # the consumer left


async def _pull_window(
    client: PullClient,
    job: Job,
    windows: _Windows,
    window: Window,
    limit: int,
    send: ObjectSendStream[Batch],
    as_dicts: bool,
) -> None:
    """One window, page by page; or, when its first page says more follow and jobs would wait, split it."""
    first = True
    async for page in _pager(client, job, limit, None, as_dicts, *windows.filters(window)).pages():
        if first and page.next_cursor is not None and windows.worth_splitting():
            sample = [moment for item in page.items if (moment := _first_seen(item, as_dicts)) is not None]
            if windows.split(window, sample):
                return  # this page is read again in the smaller windows
        first = False
        items = windows.unseen(page.items, as_dicts)
        await send.send(Batch(job.key, job.resource, job.team_id, items, SHARD_CURSOR))


def _jobs(
    client: PullClient, names: list[str], after: dt.datetime | None, before: dt.datetime | None, shards: int
) -> list[Job]:
    teams: Sequence[str | None] = client.team_ids if client.scope_team is None and client.team_ids else (None,)
    jobs: list[Job] = []
    for name in names:
        for team in teams:
            if name not in TIMED:
                jobs.append(Job(name, team))
            elif shards == 1:
                jobs.append(Job(name, team, None, after, before))
            else:
                jobs += [Job(name, team, index, after, before) for index in range(shards)]
    return jobs


def _first_seen(item: Any, as_dicts: bool) -> dt.datetime | None:
    value = item.get("first_seen_at") if as_dicts else getattr(item, "first_seen_at", None)
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return value if isinstance(value, dt.datetime) and value.tzinfo is not None else None


def _pager(
    client: PullClient,
    job: Job,
    limit: int,
    cursor: str | None,
    as_dicts: bool,
    after: dt.datetime | None,
    before: dt.datetime | None,
) -> AsyncPager[Any]:
    scoped = client.for_team(job.team_id) if job.team_id is not None else client
    resource = getattr(scoped, job.resource)
    if job.resource in TIMED:
        pager: AsyncPager[Any] = resource.list(
            first_seen_after=after, first_seen_before=before, limit=limit, cursor=cursor
        )
    else:
        pager = resource.list(limit=limit, cursor=cursor)
    return pager.as_dicts() if as_dicts else pager


def _team_of(item: Any) -> str | None:
    team = item.get("team_id") if isinstance(item, dict) else getattr(item, "team_id", None)
    return team if isinstance(team, str) else None

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

Sharding (``shards=N``) splits a resource by ``first_seen`` into N windows pulled concurrently. The API's time
filters are exclusive, so neighbouring windows overlap by a second on each side of a boundary and items seen twice
there are dropped by ``id``: the sharded pull yields exactly the items of the plain pull (items without a
``first_seen_at`` cannot be placed in a window, so sharding is for resources that always carry one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import anyio
import attrs
from anyio.abc import ObjectReceiveStream, ObjectSendStream

from .adapter import RESOURCES, TIMED_RESOURCES
from .errors import DetectifyError
from .validation import check_datetime

if TYPE_CHECKING:
    from .client import AsyncDetectify
    from .pagination import AsyncPager

__all__ = ["RESOURCES", "Batch", "Pull", "Record", "pull_all"]

#: Resources whose lists take ``first_seen_*`` filters (and so can be sharded and limited by ``since``).
TIMED = TIMED_RESOURCES
#: Where an unbounded first window of a sharded pull starts its boundaries (Detectify's first year).
EARLIEST = dt.datetime(2013, 1, 1, tzinfo=dt.UTC)
OVERLAP = dt.timedelta(seconds=1)


@attrs.frozen
class Job:
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
    client: AsyncDetectify,
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
    todo = [job for job in jobs if job.key not in set(completed)]
    pagers = [(job, _pager(client, job, limit, (resume or {}).get(job.key), as_dicts)) for job in todo]
    seen_at_boundaries: dict[tuple[str, str | None], set[str]] = {}
    boundaries = _boundaries(jobs)

    send, receive = anyio.create_memory_object_stream[Batch](max_buffer_size=max_buffered_pages)
    try:
        async with anyio.create_task_group() as jobs_group:
            for job, pager in pagers:
                seen = seen_at_boundaries.setdefault((job.resource, job.team_id), set())
                jobs_group.start_soon(_run, job, pager, send.clone(), boundaries.get(job.key, ()), seen, as_dicts)
            send.close()
            try:
                yield Pull(receive, todo)
            finally:
                jobs_group.cancel_scope.cancel()  # the consumer is done, or stopped early: stop the jobs
                receive.close()
    except BaseExceptionGroup as group:
        raise _first_error(group) from None


async def _run(
    job: Job,
    pager: AsyncPager[Any],
    send: ObjectSendStream[Batch],
    boundaries: Sequence[dt.datetime],
    seen: set[str],
    as_dicts: bool,
) -> None:
    async with send:
        try:
            async for page in pager.pages():
                items = page.items
                if boundaries:
                    items = _drop_repeats(items, boundaries, seen, as_dicts)
                await send.send(Batch(job.key, job.resource, job.team_id, items, page.next_cursor))
        except DetectifyError as exc:
            exc.job = job.key
            raise
        except anyio.BrokenResourceError:
            return  # the consumer left


def _jobs(
    client: AsyncDetectify, names: list[str], after: dt.datetime | None, before: dt.datetime | None, shards: int
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
                cuts = _cuts(after or EARLIEST, before or dt.datetime.now(dt.UTC), shards)
                for index in range(shards):
                    low = after if index == 0 else cuts[index - 1] - OVERLAP
                    high = before if index == shards - 1 else cuts[index] + OVERLAP
                    jobs.append(Job(name, team, index, low, high))
    return jobs


def _cuts(start: dt.datetime, end: dt.datetime, shards: int) -> list[dt.datetime]:
    if end <= start:
        raise ValueError("until must be after since")
    step = (end - start) / shards
    return [start + step * index for index in range(1, shards)]


def _boundaries(jobs: Sequence[Job]) -> dict[str, tuple[dt.datetime, ...]]:
    """For each sharded job, the window boundaries it shares with its neighbours (where repeats can occur)."""
    found: dict[str, tuple[dt.datetime, ...]] = {}
    for job in jobs:
        if job.window is None:
            continue
        edges = []
        if job.window > 0 and job.after is not None:
            edges.append(job.after + OVERLAP)
        if job.before is not None and any(
            other.window == job.window + 1 and (other.resource, other.team_id) == (job.resource, job.team_id)
            for other in jobs
        ):
            edges.append(job.before - OVERLAP)
        found[job.key] = tuple(edges)
    return found


def _drop_repeats(items: list[Any], boundaries: Sequence[dt.datetime], seen: set[str], as_dicts: bool) -> list[Any]:
    """Items near a window boundary may come from both windows: keep the first of each id."""
    kept = []
    for item in items:
        first_seen = _first_seen(item, as_dicts)
        if first_seen is not None and any(abs(first_seen - edge) <= OVERLAP for edge in boundaries):
            item_id = item["id"] if as_dicts else item.id
            if item_id in seen:
                continue
            seen.add(item_id)
        kept.append(item)
    return kept


def _first_seen(item: Any, as_dicts: bool) -> dt.datetime | None:
    value = item.get("first_seen_at") if as_dicts else getattr(item, "first_seen_at", None)
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return value if isinstance(value, dt.datetime) and value.tzinfo is not None else None


def _pager(client: AsyncDetectify, job: Job, limit: int, cursor: str | None, as_dicts: bool) -> AsyncPager[Any]:
    scoped = client.for_team(job.team_id) if job.team_id is not None else client
    resource = getattr(scoped, job.resource)
    if job.resource in TIMED:
        pager: AsyncPager[Any] = resource.list(
            first_seen_after=job.after, first_seen_before=job.before, limit=limit, cursor=cursor
        )
    else:
        pager = resource.list(limit=limit, cursor=cursor)
    return pager.as_dicts() if as_dicts else pager


def _team_of(item: Any) -> str | None:
    team = item.get("team_id") if isinstance(item, dict) else getattr(item, "team_id", None)
    return team if isinstance(team, str) else None


def _first_error(group: BaseExceptionGroup[Any]) -> BaseException:
    """The error to raise for a failed pull: our typed error when there is one, else the first."""
    leaves: list[BaseException] = []

    def collect(error: BaseException) -> None:
        if isinstance(error, BaseExceptionGroup):
            for inner in error.exceptions:
                collect(inner)
        else:
            leaves.append(error)

    collect(group)
    typed = [error for error in leaves if isinstance(error, DetectifyError)]
    return (typed or leaves)[0]

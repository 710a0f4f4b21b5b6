"""Virtual time for tests of backoff and pacing: waits take no real time, yet they are honoured exactly."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from typing import TYPE_CHECKING

import anyio
import sniffio
from anyio.lowlevel import checkpoint

if TYPE_CHECKING:
    from ..client import AsyncDetectify

__all__ = ["VirtualClock"]


class _Sleeper:
    def __init__(self, deadline: float, order: int) -> None:
        self.deadline, self.order = deadline, order
        self.event = anyio.Event()
        self.drive = False  # woken to take over driving the clock, not because its deadline came

    def __lt__(self, other: _Sleeper) -> bool:
        return (self.deadline, self.order) < (other.deadline, other.order)


class VirtualClock:
    """An "autojump" clock: time stands still while any task can run, and jumps to the next sleeper's deadline
    once every task of the event loop is blocked (like trio's ``MockClock(autojump_threshold=0)``, on asyncio too).

    Give the same clock to a client (``clock.install(client)``) and to ``FakeDetectify(clock=clock)``, with the
    client using an in-process ``httpx.ASGITransport``: the server then records each request at the virtual instant
    it was sent, so a test can check that nothing arrived before a ``Retry-After`` had passed, without waiting.
    ``slept`` lists every wait asked for. (With a real socket in between, time may jump while bytes are in flight;
    waits are still honoured, just not measured as precisely.)
    """

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._sleepers: list[_Sleeper] = []
        self._order = itertools.count()
        self._driving = False
        self.slept: list[float] = []

    def now(self) -> float:
        return self._now

    def install(self, client: AsyncDetectify) -> AsyncDetectify:
        """Make ``client`` (and every view of its pool) wait on this clock: backoff, pauses and rate limit."""
        return client.use_clock(self)

    def advance(self, seconds: float) -> None:
        """Move time forward at once (sleepers due by then wake at the next jump)."""
        self._now += seconds

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        if seconds <= 0:
            await checkpoint()
            return
        me = _Sleeper(self._now + seconds, next(self._order))
        heapq.heappush(self._sleepers, me)
        while True:
            if not self._driving:
                await self._drive_until(me)
                return
            await me.event.wait()
            if not me.drive:
                return
            me.drive, me.event = False, anyio.Event()

    async def _drive_until(self, me: _Sleeper) -> None:
        """Jump time from sleeper to sleeper until ``me`` is due, then hand driving to the next sleeper."""
        self._driving = True
        try:
            while self._sleepers and me in self._sleepers:
                await _all_other_tasks_blocked()
                due = heapq.heappop(self._sleepers)
                self._now = max(self._now, due.deadline)
                if due is not me:
                    due.event.set()
        finally:
            self._driving = False
            if self._sleepers:
                successor = self._sleepers[0]
                successor.drive = True
                successor.event.set()

    def __repr__(self) -> str:
        return f"VirtualClock(now={self._now:.3f}, sleepers={len(self._sleepers)})"


async def _all_other_tasks_blocked() -> None:
    """Return once every other task of the event loop is waiting for something (not merely yielding)."""
    if sniffio.current_async_library() == "trio":
        import trio.testing

        await trio.testing.wait_all_tasks_blocked()
        return
    this = asyncio.current_task()

    def all_blocked() -> bool:
        return all(task is this or _waiting(task) for task in asyncio.all_tasks())

    while True:
        await asyncio.sleep(0)
        if all_blocked():
            # A task woken by I/O or a timer becomes runnable only on the next loop iteration: look once more.
            await asyncio.sleep(0)
            if all_blocked():
                return


def _waiting(task: asyncio.Task[object]) -> bool:
    """Whether an asyncio task is parked on a future (rather than ready to run)."""
    waiter: asyncio.Future[object] | None = getattr(task, "_fut_waiter", None)
    return waiter is not None and not waiter.done()

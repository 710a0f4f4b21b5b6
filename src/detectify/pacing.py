"""Client-wide pacing: every request of a client waits its turn here, whichever task or pager sends it.

- **Shared back-off**: when one request gets a 429 with ``Retry-After``, the whole client pauses until then, so other
  in-flight pagers do not each discover the limit with a 429 of their own.
- **Rate limit**: an optional cap of requests per second, spacing requests evenly.

Time comes from a ``Clock`` so tests can run backoff in virtual time (``detectify.testing.VirtualClock``).
"""

from __future__ import annotations

import time
from typing import Protocol

import anyio

__all__ = ["Clock", "Pacer", "SystemClock"]


class Clock(Protocol):
    """A monotonic clock in seconds, and a way to wait on it."""

    def now(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """Real time: ``time.monotonic`` and ``anyio.sleep`` (works under asyncio and trio)."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)

    def __repr__(self) -> str:
        return "SystemClock()"


class Pacer:
    """When the next request of a client may go: after any shared pause, and no sooner than the rate allows."""

    def __init__(self, clock: Clock, rate_limit: float | None = None) -> None:
        self.clock = clock
        self.rate_limit = rate_limit
        self.paused_until = float("-inf")
        self._next_slot = float("-inf")

    def pause(self, seconds: float) -> None:
        """Hold every request of the client for ``seconds`` from now (a later pause extends, never shortens)."""
        self.paused_until = max(self.paused_until, self.clock.now() + seconds)

    async def wait_turn(self) -> None:
        await self._wait_out_pause()
        if self.rate_limit is not None:
            now = self.clock.now()
            slot = max(now, self._next_slot)
            self._next_slot = slot + 1.0 / self.rate_limit
            if slot > now:
                await self.clock.sleep(slot - now)
            await self._wait_out_pause()  # a 429 may have paused the client meanwhile

    async def _wait_out_pause(self) -> None:
        while (remaining := self.paused_until - self.clock.now()) > 0:
            await self.clock.sleep(remaining)

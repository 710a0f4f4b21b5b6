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

from .errors import RateLimitError

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
        self._pause_cause: RateLimitError | None = None

    def pause(self, seconds: float, cause: RateLimitError) -> None:
        """Hold every request of the client for ``seconds`` from now (a later pause extends, never shortens)."""
        until = self.clock.now() + seconds
        if until > self.paused_until:
            self.paused_until, self._pause_cause = until, cause

    async def wait_turn(self, deadline: float = float("inf")) -> None:
        """Wait until this request may go. A call whose ``deadline`` (its retry budget, on this clock) the
        client-wide pause would overrun fails at once with ``RateLimitError`` instead of waiting in vain."""
        await self._wait_out_pause(deadline)
        if self.rate_limit is not None:
            now = self.clock.now()
            slot = max(now, self._next_slot)
            self._next_slot = slot + 1.0 / self.rate_limit
            if slot > now:
                await self.clock.sleep(slot - now)
            await self._wait_out_pause(deadline)  # a 429 may have paused the client meanwhile

    async def _wait_out_pause(self, deadline: float) -> None:
        while (remaining := self.paused_until - self.clock.now()) > 0:
            if self.paused_until > deadline and self._pause_cause is not None:
                cause = self._pause_cause
                raise RateLimitError(
                    cause.status_code,
                    cause.body,
                    headers=cause.headers,
                    method=cause.method,
                    url=cause.url,
                    retry_after=remaining,
                )
            await self.clock.sleep(remaining)

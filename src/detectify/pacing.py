"""Pacing: every request waits its turn at the pacer of the key it goes out with, whichever task or pager sends it.

- **Shared back-off**: until a key has a learned rate, a 429 with ``Retry-After`` pauses every request with that key
  until then, so other in-flight pagers do not each discover the limit with a 429 of their own (and a burst is not
  sent into the refusal). Once the rate is learned, the refused request alone waits a ``Retry-After`` of up to
  ``LONG_WAIT`` while the others go on at the lowered rate; a longer one (a quota or an outage, not a throttle)
  still pauses the key. A response saying that no request is left in the current window (``RateLimit-Remaining: 0``
  or ``X-RateLimit-Remaining: 0``, with a ``-Reset`` in seconds or as a Unix time) pauses the key until the reset,
  before any 429.
- **A learned rate** (AIMD): a key sends unpaced until its first 429. From then on its requests are spaced at a
  learned rate: it starts from what the API accepted in the last second and grows quickly (``START_GROWTH``: up to
  eightfold a second) until the next 429, which halves it (or sets it to ``DECREASE`` of what went through in the
  last second, if more). After that each 429 sets it to ``DECREASE`` of what the API accepted in the second
  before, and it grows by ``INCREASE`` of itself per second of requests that the rate held back, and by only
  ``PROBE`` once within ``NEAR`` of that last limit. So the client settles just under the API's sustainable rate,
  with a 429 now and then to find out whether the limit has moved. 429s answering requests sent before the last
  decrease do not decrease the rate again (they were sent at the old rate), and requests waiting for a slot at the
  old rate queue again at the new one. A ``RateLimit-Policy`` (or ``-Limit``) with a window (``20;w=1``) sets the
  rate at once.
- **A hard cap**: ``rate_limit=`` (requests per second, client-wide) spaces every request of the client evenly; the
  learned rate never lets a key go faster than the cap.

A client holding one key per team has one pacer per key: a 429 on one team's key slows and pauses only that key's
requests. ``max_concurrency`` stays client-wide. Time comes from a ``Clock`` so tests can run all of this in virtual
time (``detectify.testing.VirtualClock``).
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Mapping
from typing import NamedTuple, Protocol

import anyio

from .errors import RateLimitError

__all__ = ["Clock", "Pacer", "RateCap", "SystemClock", "Turn", "window_limits"]

#: The learned rate after a 429, as a share of the rate the API accepted in the second before it.
DECREASE = 0.9
#: How much the learned rate grows per second of requests it held back, as a share of itself: quickly at first
#: (until the first decrease), then steadily, then slowly once within ``NEAR`` of the rate of the last 429.
START_GROWTH = math.log(8.0)
INCREASE = 0.1
PROBE = 0.01
NEAR = 0.95
#: A ``Retry-After`` longer than this pauses every request of the key even once a rate is learned.
LONG_WAIT = 2.0
#: The learned rate never goes below this (requests per second), so a pull always moves.
MIN_RATE = 0.5
#: The seconds over which accepted requests are counted to start the learned rate.
WINDOW = 1.0
#: A ``-Reset`` above this is a Unix time, not seconds from now.
_EPOCH_RESET = 1_000_000_000.0


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


class RateCap:
    """An explicit ``rate_limit``: the slots of requests spaced evenly at ``rate`` per second (client-wide)."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._next_slot = float("-inf")

    def reserve(self, earliest: float) -> float:
        """The first free slot at or after ``earliest``, taken."""
        slot = max(earliest, self._next_slot)
        self._next_slot = slot + 1.0 / self.rate
        return slot


class Turn(NamedTuple):
    """A request's turn at a pacer: when it went, whether the learned rate held it back, and the pacer's epoch
    (its count of decreases) then."""

    sent_at: float
    held: bool
    epoch: int


class Pacer:
    """When the next request of one key may go (see the module's docstring)."""

    def __init__(self, clock: Clock, cap: RateCap | None = None) -> None:
        self.clock = clock
        self.cap = cap
        self.paused_until = float("-inf")
        #: The learned rate (requests per second), None until the first 429.
        self.rate: float | None = None
        self.epoch = 0
        #: What the API accepted (requests per second) in the second before the last 429: the limit, about.
        self.ceiling: float | None = None
        self._starting = True
        self._last_slot = float("-inf")  # when the latest request went
        self._queue: anyio.Lock | None = None
        self._accepted: deque[float] = deque()
        self._pause_cause: RateLimitError | None = None

    @property
    def rate_limit(self) -> float | None:
        """The explicit cap, if any."""
        return None if self.cap is None else self.cap.rate

    def pause(self, seconds: float, cause: RateLimitError) -> None:
        """Hold every request of this key for ``seconds`` from now (a later pause extends, never shortens)."""
        until = self.clock.now() + seconds
        if until > self.paused_until:
            self.paused_until, self._pause_cause = until, cause

    async def wait_turn(self, deadline: float = float("inf")) -> Turn:
        """Wait until this request may go. A call whose ``deadline`` (its retry budget, on this clock) a pause would
        overrun fails at once with ``RateLimitError`` instead of waiting in vain."""
        while True:
            await self._wait_out_pause(deadline)
            if self.rate is None and self.cap is None:
                return Turn(self.clock.now(), False, self.epoch)
            if self._queue is None:
                self._queue = anyio.Lock()
            queued = self._queue.locked()
            async with self._queue:  # one request at a time waits for its slot, spaced at the rate when it comes
                now = self.clock.now()
                if now < self.paused_until:
                    continue
                slot = now if self.rate is None else max(now, self._last_slot + 1.0 / self.rate)
                held, epoch = queued or slot > now, self.epoch
                if self.cap is not None:
                    slot = self.cap.reserve(slot)
                if slot > now:
                    await self.clock.sleep(slot - now)
                    if self.epoch != epoch or self.clock.now() < self.paused_until:
                        continue  # a 429 lowered the rate or paused the key while this request waited: queue again
                self._last_slot = self.clock.now()
                return Turn(self._last_slot, held, epoch)

    def limited(self, turn: Turn, retry_after: float | None = None, cause: RateLimitError | None = None) -> None:
        """A request sent at ``turn`` was refused with 429: lower the learned rate (or start learning one). Its
        ``Retry-After`` pauses every request of the key while the key has no learned rate, or when it is longer than
        ``LONG_WAIT`` (a quota or an outage, not a throttle); otherwise the refused request alone waits it (the
        retry policy sees to that) while the others go on at the lowered rate."""
        if retry_after is not None and cause is not None and (self.rate is None or retry_after > LONG_WAIT):
            self.pause(retry_after, cause)
        if turn.epoch != self.epoch:
            return  # sent at a rate already lowered since
        now = self.clock.now()
        accepted = self._accepted_rate(now)
        if self.rate is None:
            self.rate = max(MIN_RATE, accepted)  # grows quickly from what went through: the ceiling is not known yet
        elif self._starting:
            # the fast climb overshot: the limit lies between what went through in the last second (which missed
            # most of the climb) and half the rate reached (the climb took less than a second to overshoot)
            self.rate = max(MIN_RATE, DECREASE * accepted, self.rate / 2)
            self._starting = False
        else:
            self.rate = max(MIN_RATE, DECREASE * min(self.rate, accepted))
            self.ceiling = accepted
        self._cap_rate()
        self.epoch += 1
        self._last_slot = now

    def succeeded(self, turn: Turn) -> None:
        """A request sent at ``turn`` was answered (not with a 429): grow the learned rate if it held it back."""
        now = self.clock.now()
        accepted = self._accepted
        accepted.append(now)
        while accepted and accepted[0] < now - WINDOW:
            accepted.popleft()
        if self.rate is not None and turn.held and turn.epoch == self.epoch:
            if self._starting:
                growth = START_GROWTH
            elif self.ceiling is None or self.rate < NEAR * self.ceiling:
                growth = INCREASE
            else:
                growth = PROBE
            self.rate *= math.exp(growth / self.rate)  # per request: a factor of exp(growth) per second
            self._cap_rate()

    def follow_headers(self, headers: Mapping[str, str], max_wait: float) -> None:
        """``-Remaining: 0`` pauses the key until ``-Reset`` (at most ``max_wait``); a limit with a window sets the
        learned rate."""
        limits = window_limits(headers, time.time())
        if limits.rate is not None:
            self.rate = self.ceiling = limits.rate
            self._starting = False
            self._cap_rate()
        if limits.remaining == 0 and limits.reset is not None and limits.reset > 0:
            until = self.clock.now() + min(limits.reset, max_wait)
            if until > self.paused_until:
                self.paused_until, self._pause_cause = until, None  # a request never fails for waiting on this

    def _accepted_rate(self, now: float) -> float:
        return sum(1 for moment in self._accepted if moment >= now - WINDOW) / WINDOW

    def _cap_rate(self) -> None:
        if self.rate is not None and self.cap is not None:
            self.rate = min(self.rate, self.cap.rate)

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


class WindowLimits(NamedTuple):
    """What a response's rate-limit headers say (each None when absent or unreadable)."""

    rate: float | None = None  #: requests per second: the limit over its window, when the window is given
    remaining: int | None = None
    reset: float | None = None  #: seconds from now until the window resets


_PREFIXES = ("ratelimit-", "x-ratelimit-")


def window_limits(headers: Mapping[str, str], wall_now: float) -> WindowLimits:
    """Read ``RateLimit-*`` or ``X-RateLimit-*`` headers; anything malformed or out of range is ignored."""
    if not any(name.lower().startswith(_PREFIXES) for name in headers):
        return WindowLimits()

    def header(suffix: str) -> str | None:
        for prefix in _PREFIXES:
            value = headers.get(prefix + suffix)
            if value is not None:
                return value
        return None

    remaining = _number(header("remaining"))
    reset = _number(header("reset"))
    if reset is not None and reset > _EPOCH_RESET:
        reset = max(0.0, reset - wall_now)
    rate = None
    policy = header("policy") or header("limit")
    if policy:
        rate = _policy_rate(policy)
    return WindowLimits(
        rate=rate,
        remaining=int(remaining) if remaining is not None and remaining == int(remaining) else None,
        reset=reset if reset is not None and reset <= 86_400.0 else None,
    )


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.split(",")[0].strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def _policy_rate(text: str) -> float | None:
    """``20;w=1`` (requests per window of seconds), the first policy of a list; a bare number has no window."""
    first = text.split(",")[0]
    quota_text, *parameters = (part.strip() for part in first.split(";"))
    quota = _number(quota_text)
    window = next((_number(p[2:]) for p in parameters if p.lower().startswith("w=")), None)
    if quota is None or window is None or quota <= 0 or window <= 0:
        return None
    rate = quota / window
    return rate if MIN_RATE <= rate <= 1_000_000.0 else None

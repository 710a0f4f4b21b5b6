"""Virtual time for tests of backoff and pacing: waits finish at once, yet every wait is accounted for."""

from __future__ import annotations

from anyio.lowlevel import checkpoint

__all__ = ["VirtualClock"]


class VirtualClock:
    """A clock whose ``sleep`` returns at once and moves time forward to the sleeper's deadline.

    Give the same clock to a client (``client._pool.clock = clock``) and to ``FakeDetectify(clock=clock)``: the
    server then records requests in virtual time, so a test can check that nothing arrived before a
    ``Retry-After`` had passed, without waiting for it. Sleepers that start together wake at their own deadlines
    (time never moves backwards); ``slept`` lists every wait asked for.
    """

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self.slept: list[float] = []

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        deadline = self._now + max(seconds, 0.0)
        self.slept.append(seconds)
        await checkpoint()  # let the other tasks that are due now run first
        self._now = max(self._now, deadline)

    def advance(self, seconds: float) -> None:
        """Move time forward without sleeping (as if the test's code spent ``seconds``)."""
        self._now += seconds

    def __repr__(self) -> str:
        return f"VirtualClock(now={self._now:.3f})"

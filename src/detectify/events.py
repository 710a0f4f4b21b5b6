"""What the SDK tells a caller's hooks: ``RetryEvent``, passed to ``on_retry`` before each retry's wait."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import attrs

from .errors import DetectifyError

__all__ = ["RetryEvent", "RetryHook"]


@attrs.frozen
class RetryEvent:
    """A retry about to happen: the failed call (``method``, ``path``), which attempt failed (1-based), the seconds
    the SDK will wait before the next one, and the failure (the SDK's typed error)."""

    method: str
    path: str
    attempt: int
    wait: float
    error: DetectifyError


#: ``on_retry``: called before each wait; may be a plain function or a coroutine function.
RetryHook = Callable[[RetryEvent], Awaitable[None] | None]

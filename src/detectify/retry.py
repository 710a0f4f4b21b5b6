"""The one retry policy: which failures are retried, how long to wait, when to stop.

Retried (the complete list):
- statuses 408, 429, 502, 503, 504, and 500 for idempotent methods;
- connection failures and timeouts (``APIConnectionError``) for idempotent methods.
A non-idempotent request (POST: create connector) is retried only when it provably did not reach the application:
429 and 503 (refused before processing), or a failure before the request was sent (connecting, or waiting for a
pooled connection).

Waits honour ``Retry-After`` (seconds or HTTP-date) up to ``max_retry_wait``; otherwise exponential backoff with
full jitter. Retrying stops after ``max_retries`` retries, or when the next wait would end more than
``retry_budget`` seconds after the first attempt. A 429's ``Retry-After`` also pauses the whole client (see
``detectify.pacing``). A ``Retry-After`` that is neither a number of seconds nor an HTTP date, or is negative or not
finite, is ignored (the backoff applies).

Each retry is logged once at INFO on logger ``detectify`` and reported to the ``on_retry`` hook, if any, as a
``RetryEvent`` before the wait.
"""

from __future__ import annotations

import email.utils
import inspect
import math
import random
import time
from collections.abc import Mapping

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt
from tenacity.stop import stop_base

from .config import CallOptions
from .errors import APIConnectionError, APIStatusError, DetectifyError, RateLimitError
from .events import RetryEvent
from .log import logger
from .pacing import Clock

__all__ = ["RETRYABLE_STATUSES", "is_retryable", "parse_retry_after", "retrying"]


RETRYABLE_STATUSES = frozenset({408, 429, 502, 503, 504})
#: Statuses at which a request was refused before the application processed it: safe to retry even a POST.
NOT_PROCESSED_STATUSES = frozenset({429, 503})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

BACKOFF_BASE = 0.5
BACKOFF_MAX = 8.0


def is_retryable(exc: BaseException, method: str) -> bool:
    """Whether a failed attempt of a request with this method may be tried again."""
    idempotent = method.upper() in IDEMPOTENT_METHODS
    if isinstance(exc, APIStatusError):
        if not idempotent:
            return exc.status_code in NOT_PROCESSED_STATUSES
        return exc.status_code in RETRYABLE_STATUSES or exc.status_code == 500
    if isinstance(exc, APIConnectionError):
        return idempotent or not exc.request_sent
    return False


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if parsed.tzinfo is None:
            return None
        return max(0.0, parsed.timestamp() - (time.time() if now is None else now))  # a past date: go now
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def server_wait(exc: BaseException) -> float | None:
    """The wait a failure's response asked for, if any."""
    if isinstance(exc, RateLimitError):
        return exc.retry_after
    if isinstance(exc, APIStatusError):
        return parse_retry_after(exc.headers)
    return None


def backoff(attempt: int) -> float:
    """Exponential backoff with full jitter: uniform in [0, min(max, base * 2**(attempt-1))]."""
    return random.uniform(0.0, min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (attempt - 1)))  # noqa: S311 - not crypto


class stop_after_deadline(stop_base):
    """Stop when the next wait would end after ``deadline`` (the end of the call's retry budget, on ``clock``)."""

    def __init__(self, clock: Clock, deadline: float) -> None:
        self.clock = clock
        self.deadline = deadline

    def __call__(self, retry_state: RetryCallState) -> bool:
        return self.clock.now() + retry_state.upcoming_sleep > self.deadline


def retrying(options: CallOptions, method: str, path: str, *, clock: Clock, deadline: float) -> AsyncRetrying:
    """A tenacity loop for one call: ``async for attempt in retrying(...): with attempt: ...``. ``deadline`` is
    when the call's retry budget ends, on ``clock``."""

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = server_wait(exc) if exc else None
        chosen = hinted if hinted is not None else backoff(state.attempt_number)
        return min(chosen, options.max_retry_wait)

    async def before_sleep(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait_s = state.next_action.sleep if state.next_action else 0.0
        request_id = getattr(exc, "request_id", None)
        logger.info(
            "retrying %s %s (attempt %d of %d) in %.2fs after: %s%s",
            method,
            path,
            state.attempt_number + 1,
            options.max_retries + 1,
            wait_s,
            exc,
            f" [request id {request_id}]" if request_id and str(request_id) not in str(exc) else "",
        )
        if options.on_retry is not None and isinstance(exc, DetectifyError):
            outcome = options.on_retry(RetryEvent(method, path, state.attempt_number, wait_s, exc))
            if inspect.isawaitable(outcome):
                await outcome

    return AsyncRetrying(
        retry=retry_if_exception(lambda exc: is_retryable(exc, method)),
        stop=stop_after_attempt(options.max_retries + 1) | stop_after_deadline(clock, deadline),
        wait=wait,
        sleep=clock.sleep,
        before_sleep=before_sleep,
        reraise=True,
    )

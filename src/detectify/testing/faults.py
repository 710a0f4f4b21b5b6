"""Faults the fake server injects on demand: what a gateway that throttles and hiccups does to real traffic."""

from __future__ import annotations

import http
import json
import math
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Literal, get_args

__all__ = ["Fault", "FaultKind", "Reply", "choose"]

FaultKind = Literal[
    "rate_limit", "server_error", "gateway_error", "html_error", "drop_connection", "slow", "request_rate"
]
_DEFAULT_STATUS = {"rate_limit": 429, "request_rate": 429, "server_error": 503, "gateway_error": 502, "html_error": 520}


@dataclass
class Reply:
    """An HTTP answer, before it is sent."""

    status: int
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fault:
    """One fault scenario.

    It applies to requests whose method is ``method`` (any if None) and whose path (without any ``/rest`` prefix) is
    ``path`` or lies under it (any if None). It lets the first ``after`` such requests through, then fires on the
    next ``times`` (for ever if None). Kinds:

    - ``rate_limit``: 429 problem-details with ``Retry-After: retry_after`` (default 1 s);
    - ``server_error``: problem-details with ``status`` (default 503);
    - ``gateway_error``: an API-Gateway-style ``{"message": "Internal server error"}`` (default 502);
    - ``html_error``: an HTML page from a proxy (default 520);
    - ``drop_connection``: sends part of the normal answer, then closes the connection;
    - ``slow``: answers normally after ``delay`` seconds (combines with the others);
    - ``request_rate``: a token bucket of ``rate`` requests per second holding ``burst`` tokens (default: one
      second's worth, full at the start); requests beyond it get 429 with ``Retry-After`` (``retry_after`` if given,
      else the seconds until a token is free, rounded up; ``retry_after=0`` sends none). ``per_key=True`` gives every
      API key (``Authorization`` or ``X-Detectify-Key``) its own bucket, as an API limiting each key does.
    """

    kind: FaultKind
    _: KW_ONLY
    times: int | None = 1
    path: str | None = None
    method: str | None = None
    status: int | None = None
    retry_after: float | None = None
    delay: float | None = None
    after: int = 0
    rate: float | None = None
    burst: float | None = None
    per_key: bool = False
    #: Requests this fault applied to, and how many times it fired.
    seen: int = field(default=0, init=False)
    fired: int = field(default=0, init=False)
    _buckets: dict[str | None, tuple[float, float]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in get_args(FaultKind):
            raise ValueError(f"kind: {self.kind!r} is not one of {list(get_args(FaultKind))}")
        if self.times is not None and self.times < 1:
            raise ValueError("times: must be >= 1, or None for always")
        if self.after < 0:
            raise ValueError("after: must be >= 0")
        if self.kind == "slow" and (self.delay is None or self.delay < 0):
            raise ValueError("delay: a 'slow' fault needs delay= seconds")
        if self.kind == "request_rate":
            if self.rate is None or self.rate <= 0:
                raise ValueError("rate: a 'request_rate' fault needs rate= requests per second > 0")
            self.times = None
            if self.burst is not None and self.burst < 1:
                raise ValueError("burst: a bucket holds at least one request")
        if self.status is None:
            self.status = _DEFAULT_STATUS.get(self.kind)
        if self.kind in ("rate_limit", "request_rate") and self.status != 429:
            raise ValueError("status: rate limits answer 429")
        if self.status is not None and not 400 <= self.status <= 599:
            raise ValueError("status: must be an HTTP error status (400..599)")

    def applies_to(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method:
            return False
        return self.path is None or path == self.path or path.startswith(self.path.rstrip("/") + "/")

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.fired >= self.times

    def _throttled(self, now: float, key: str | None) -> float | None:
        """Take a token from the (key's) bucket; the seconds until one is free when there is none."""
        assert self.rate is not None
        capacity = self.burst if self.burst is not None else self.rate
        bucket = key if self.per_key else None
        tokens, refilled = self._buckets.get(bucket, (capacity, now))
        tokens = min(capacity, tokens + (now - refilled) * self.rate)
        wait = None
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self._buckets[bucket] = (tokens, now)
        return wait

    def reply(self, instance: str, wait: float | None = None) -> Reply:
        """The answer this fault gives (``drop_connection`` and ``slow`` change how the normal answer is sent)."""
        status = self.status or 503
        if self.kind == "gateway_error":
            return Reply(status, b'{"message": "Internal server error"}')
        if self.kind == "html_error":
            page = f"<html><body><h1>{status}: Web server is returning an unknown error</h1></body></html>"
            return Reply(status, page.encode(), "text/html; charset=utf-8")
        if self.kind in ("rate_limit", "request_rate"):
            seconds = self.retry_after if self.retry_after is not None else (wait and math.ceil(wait)) or 1
            text = f"{seconds:g}"
            if self.kind == "request_rate" and seconds == 0:
                return problem(429, "Rate limit exceeded", instance)
            detail = f"Rate limit exceeded; retry after {text} seconds"
            return problem(429, detail, instance, {"Retry-After": text})
        return problem(status, "Injected fault", instance)


def problem(status: int, detail: str, instance: str, headers: dict[str, str] | None = None) -> Reply:
    """An error answer as the API gives it: problem-details (RFC 7807) on v3, ``{"error": {...}}`` on v2."""
    if instance.startswith("/v2/"):
        v2_body = {"error": {"code": status, "message": detail, "more_info": "https://developer.detectify.com/"}}
        return Reply(status, json.dumps(v2_body).encode(), "application/json", headers or {})
    try:
        title = http.HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body = {
        "type": "/" + title.lower().replace(" ", "_").replace("'", ""),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    return Reply(status, json.dumps(body).encode(), "application/problem+json", headers or {})


def choose(
    faults: Sequence[Fault], method: str, path: str, now: float, key: str | None = None
) -> tuple[float, Fault | None, Reply | None]:
    """For one request (sent with API ``key``): the total delay of ``slow`` faults, and the fault that answers it
    (with its reply), if any.

    Every applicable fault counts the request, so ``after`` means "after that many requests the server received".
    """
    delay = 0.0
    chosen: Fault | None = None
    reply: Reply | None = None
    for fault in faults:
        if not fault.applies_to(method, path):
            continue
        fault.seen += 1
        if fault.seen <= fault.after or fault.exhausted:
            continue
        if fault.kind == "slow":
            fault.fired += 1
            delay += fault.delay or 0.0
        elif fault.kind == "request_rate":
            wait = fault._throttled(now, key)
            if wait is not None and chosen is None:
                fault.fired += 1
                chosen, reply = fault, fault.reply(path, wait)
        elif chosen is None:
            fault.fired += 1
            chosen = fault
            reply = None if fault.kind == "drop_connection" else fault.reply(path)
    return delay, chosen, reply

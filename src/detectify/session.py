"""The one request loop, and the small interface resources use to reach the API.

A resource builds a ``Call`` (from the adapter) and hands it to its session: ``await session.send(call)`` returns
the parsed result, ``await session.exchange(call)`` the HTTP response with it. Every request the SDK makes goes
through ``Session.exchange``:

1. the pool must be open and in this event loop; the call's credentials are chosen (v2 signing, or the v3 key of
   the call's team, by the team router);
2. the retry policy (``detectify.retry``) runs attempts until one succeeds or the policy gives up;
3. each attempt takes a slot of the client's concurrency limit, waits its turn at the pacer of its key (the key's
   429 pause, its learned rate and the client's rate limit; a pause past the call's retry budget fails the call at
   once), and sends the request with ``auth=`` and ``timeout=`` per request, bounded end to end by the timeout;
4. the pacer hears of every answer (a 429 lowers the key's learned rate; a 429 with ``Retry-After`` pauses every
   request of that key); an error status becomes the typed error; a 2xx answer is read by the call's parser, and
   only a failure of that parser becomes ``APIResponseValidationError``.

A session is one view's settings (``CallOptions``, a team scope) over the shared ``Pool``; views make new sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import anyio
import httpx

from .calls import Call, Exchange
from .config import CallOptions
from .errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    ClientClosedError,
    DetectifyError,
    RateLimitError,
    status_error,
)
from .log import logger
from .pacing import Pacer, Turn
from .pool import Pool
from .retry import parse_retry_after, retrying
from .teams import TeamRouter

__all__ = ["Session"]

T = TypeVar("T")
#: Sees each successful response of a session (used by ``with_raw_response`` to keep the response).
ResponseObserver = Callable[[httpx.Response], None]

#: What a call's parser may raise on a body it cannot read (see ``detectify.calls.Parser``).
_PARSE_FAILURES = (ValueError, TypeError, RecursionError)


class Session:
    """One view's way to the API: the shared pool, this view's call options and team scope."""

    def __init__(
        self,
        pool: Pool,
        options: CallOptions,
        *,
        scope_team: str | None = None,
        observer: ResponseObserver | None = None,
    ) -> None:
        self._pool = pool
        self._options = options
        self._scope_team = scope_team
        self._observer = observer

    # --- what resources read ---------------------------------------------------------------------------------

    @property
    def options(self) -> CallOptions:
        return self._options

    @property
    def scope_team(self) -> str | None:
        """The team of a ``for_team`` view (None otherwise)."""
        return self._scope_team

    @property
    def router(self) -> TeamRouter:
        return self._pool.router

    @property
    def pool(self) -> Pool:
        return self._pool

    # --- views -------------------------------------------------------------------------------------------------

    def with_options(self, changes: Mapping[str, Any]) -> Session:
        options = self._options.changed(changes)
        self._pool.router.check_team(options.team_id)
        return Session(self._pool, options, scope_team=self._scope_team, observer=self._observer)

    def for_team(self, team: str) -> Session:
        return Session(self._pool, self._options, scope_team=self._pool.router.check_team(team))

    def unscoped(self) -> Session:
        """The same session without a team scope (discovery reads the key's teams as a whole)."""
        return Session(self._pool, self._options)

    def observed(self, observer: ResponseObserver) -> Session:
        """The same session, showing ``observer`` every successful response."""
        return Session(self._pool, self._options, scope_team=self._scope_team, observer=observer)

    # --- the loop ----------------------------------------------------------------------------------------------

    async def send(self, call: Call[T]) -> T:
        """Send ``call`` (retrying by the policy) and return what its parser made of the answer."""
        return (await self.exchange(call)).parsed

    async def exchange(self, call: Call[T]) -> Exchange[T]:
        """Send ``call`` (retrying by the policy); the successful response and its parsed result."""
        pool, options = self._pool, self._options
        http, limiter = pool.open()
        auth, pacer = pool.route(call)
        clock = pool.clock
        deadline = clock.now() + options.retry_budget
        attempts = 0
        try:
            async for attempt in retrying(options, call.method, call.url, clock=clock, deadline=deadline):
                with attempt:
                    attempts += 1
                    async with limiter:
                        turn = await pacer.wait_turn(deadline)
                        response = await self._attempt(http, call, auth)
                    closed = self._closed_error(call)
                    if closed is not None:  # the answer came, but the caller has closed the client meanwhile
                        raise closed
                    self._raise_for_status(call, response, pacer, turn)
                    pacer.succeeded(turn)
                    parsed = self._parse(call, response)
        except DetectifyError as exc:
            exc.retries = max(attempts - 1, 0)
            raise
        if self._observer is not None:
            self._observer(response)
        return Exchange(response, parsed)

    async def _attempt(self, http: httpx.AsyncClient, call: Call[Any], auth: httpx.Auth) -> httpx.Response:
        pool, options = self._pool, self._options
        url = pool.url(call.url)
        deadline = options.attempt_deadline
        try:
            with anyio.fail_after(deadline):
                request = http.build_request(
                    call.method, url, **call.request_args(), headers=pool.headers(call.headers), timeout=options.timeout
                )
                return await _received(await http.send(request, auth=auth, follow_redirects=False, stream=True))
        except TimeoutError:
            raise APITimeoutError(
                f"no complete answer within {deadline:g}s (the timeout of one attempt, end to end)",
                method=call.method,
                url=url,
            ) from None
        except httpx.TimeoutException as exc:
            sent = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            raise self._closed_error(call) or APITimeoutError(
                f"request timed out ({type(exc).__name__})", method=call.method, url=url, request_sent=sent
            ) from exc
        except httpx.RequestError as exc:
            sent = not isinstance(exc, httpx.ConnectError)
            detail = pool.scrub(f"{type(exc).__name__}: {exc}")
            raise self._closed_error(call) or APIConnectionError(
                f"connection failed ({detail})", method=call.method, url=url, request_sent=sent
            ) from None
        except RuntimeError as exc:  # httpx refuses to send on a client closed meanwhile
            closed = self._closed_error(call)
            if closed is None:
                raise
            raise closed from exc

    def _closed_error(self, call: Call[Any]) -> ClientClosedError | None:
        if not self._pool.closed:
            return None
        return ClientClosedError(
            f"the client was closed while {call.describe} was in flight (its outcome is unknown); keep the client "
            "open until its calls are done"
        )

    def _raise_for_status(self, call: Call[Any], response: httpx.Response, pacer: Pacer, turn: Turn) -> None:
        """Raise the typed error of an error status; tell the key's pacer of any 429 and rate-limit headers."""
        max_wait = self._options.max_retry_wait
        if 200 <= response.status_code < 300:
            pacer.follow_headers(response.headers, max_wait)
            return
        logger.debug("%s -> %s", call.describe, response.status_code)
        error = status_error(
            response.status_code,
            response.content,
            response.headers,
            method=call.method,
            url=str(response.request.url),
            retry_after=parse_retry_after(response.headers),
        )
        if isinstance(error, RateLimitError):
            wait = None if error.retry_after is None else min(error.retry_after, max_wait)
            pacer.limited(turn, wait, error)
        pacer.follow_headers(response.headers, max_wait)
        raise error

    @staticmethod
    def _parse(call: Call[T], response: httpx.Response) -> T:
        try:
            return call.parse(response)
        except DetectifyError:
            raise
        except _PARSE_FAILURES as exc:
            raise APIResponseValidationError(
                f"could not read the answer to {call.describe} ({type(exc).__name__}: {str(exc)[:300]})",
                body=response.content,
                status_code=response.status_code,
            ) from None


async def _received(streamed: httpx.Response) -> httpx.Response:
    """The whole answer, in a response of its own. httpx's responses and their streams refer to each other, so a
    response read in place (and its body) lives until the garbage collector finds the cycle: a pull kept several page
    bodies alive at once. The body read here is freed as soon as the page that was parsed from it."""
    try:
        content = b"".join([chunk async for chunk in streamed.aiter_bytes()])
    finally:
        await streamed.aclose()
    extensions: dict[str, Any] = {
        key: streamed.extensions[key] for key in ("http_version", "reason_phrase") if key in streamed.extensions
    }
    response = httpx.Response(
        streamed.status_code,
        headers=streamed.headers,
        content=content,
        request=streamed.request,
        extensions=extensions,
    )
    response.elapsed = streamed.elapsed
    return response

"""``AsyncDetectify``: one client, one connection pool, one request loop."""

from __future__ import annotations

import contextvars
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from types import TracebackType
from typing import Any, Self, TypeVar

import anyio
import attrs
import httpx

from . import adapter
from .bulk import RESOURCES, Pull, pull_all
from .config import (
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_RETRY_WAIT,
    DEFAULT_RETRY_BUDGET,
    DEFAULT_TIMEOUT,
    ENV_API_KEY,
    ENV_V2_API_KEY,
    ClientConfig,
    Secret,
    TimeoutTypes,
)
from .errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    DetectifyError,
    RateLimitError,
    status_error,
)
from .log import configure_from_env, logger
from .pacing import Clock, Pacer, SystemClock
from .resources import Breaches, Connectors, Ips, Ports, Technologies
from .retry import parse_retry_after, retrying
from .signing import V2Credentials
from .teams import TeamDirectory, several_teams
from .v2 import V2
from .validation import check_id

__all__ = ["AsyncDetectify"]

T = TypeVar("T")

try:
    from importlib.metadata import version as _version

    USER_AGENT = f"detectify-sdk/{_version('detectify-sdk')} (python)"
except Exception:  # pragma: no cover - not installed
    USER_AGENT = "detectify-sdk (python)"


@attrs.define
class _Exchange:
    """The attempt running in this context: its timeout (applied by the pool's request hook, so views of one pool
    can differ) and its last response (kept by the response hook, for errors that need the raw body)."""

    timeout: httpx.Timeout
    credential: Secret | V2Credentials  # a v3 key (Authorization), or v2 credentials (X-Detectify-* headers)
    response: httpx.Response | None = None


_EXCHANGE: contextvars.ContextVar[_Exchange | None] = contextvars.ContextVar("detectify_exchange", default=None)


async def _apply_timeout(request: httpx.Request) -> None:
    exchange = _EXCHANGE.get()
    if exchange is not None:
        request.extensions["timeout"] = exchange.timeout.as_dict()


async def _record_response(response: httpx.Response) -> None:
    exchange = _EXCHANGE.get()
    if exchange is not None:
        exchange.response = response


class _ApiKeyAuth(httpx.Auth):
    """Adds the key to requests for the configured origin only: it is never sent to another host."""

    def __init__(self, base_url: httpx.URL) -> None:
        self._origin = (base_url.scheme, base_url.host, base_url.port)
        self._prefix = base_url.path.rstrip("/")

    def auth_flow(self, request: httpx.Request) -> Any:
        exchange = _EXCHANGE.get()  # the credential the attempt chose (one key per team when the client holds several)
        if exchange is not None and (request.url.scheme, request.url.host, request.url.port) == self._origin:
            credential = exchange.credential
            if isinstance(credential, V2Credentials):
                path = request.url.path.removeprefix(self._prefix)  # signed from /v2/, without /rest
                request.headers.update(credential.headers(request.method, path, request.content))
            else:
                request.headers["Authorization"] = credential.value
        yield request

    def __repr__(self) -> str:
        return "_ApiKeyAuth(<redacted>)"


class _Pool:
    """The resources a client and all its views share: the httpx client (created lazily, in the running event
    loop), the generated client bound to it, the concurrency limit, and the pacing (shared back-off, rate limit)."""

    def __init__(self, config: ClientConfig, transport: httpx.AsyncBaseTransport | None) -> None:
        self._config = config
        self._transport = transport
        self._http: httpx.AsyncClient | None = None
        self._generated: adapter.GeneratedClient | None = None
        self._limiter: anyio.Semaphore | None = None
        self.pacer = Pacer(SystemClock(), config.rate_limit)
        self.teams = TeamDirectory()
        self.v2 = V2Credentials(config.v2_api_key, config.v2_secret_key) if config.v2_api_key is not None else None
        self.closed = False

    @property
    def clock(self) -> Clock:
        return self.pacer.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        """Tests run backoff in virtual time by setting this (``detectify.testing.VirtualClock``)."""
        self.pacer.clock = clock

    def open(self) -> tuple[adapter.GeneratedClient, anyio.Semaphore]:
        if self.closed:
            raise RuntimeError("this AsyncDetectify client is closed; create a new one")
        if self._generated is None or self._limiter is None:
            size = self._config.max_concurrency
            self._http = httpx.AsyncClient(
                base_url=self._config.base_url,
                auth=_ApiKeyAuth(self._config.base_url),
                headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
                timeout=self._config.timeout,
                limits=httpx.Limits(max_connections=size, max_keepalive_connections=size),
                transport=self._transport,
                follow_redirects=False,
                event_hooks={"request": [_apply_timeout], "response": [_record_response]},
            )
            self._generated = adapter.generated_client(self._http)
            self._limiter = anyio.Semaphore(size)
        return self._generated, self._limiter

    async def aclose(self) -> None:
        self.closed = True
        http, self._http = self._http, None
        if http is not None:
            await http.aclose()


class AsyncDetectify:
    """The async client for the Detectify v3 API.

    ``api_key`` falls back to ``DETECTIFY_API_KEY``, ``base_url`` to ``DETECTIFY_BASE_URL`` (default
    ``https://api.detectify.com/rest``) and ``team_id`` to ``DETECTIFY_TEAM_ID``. ``max_retries`` retries follow the
    policy in ``detectify.retry``; ``timeout`` is seconds or an ``httpx.Timeout``; at most ``max_concurrency``
    requests are in flight, over a pool of as many connections. ``transport`` replaces the network (for example
    ``httpx.ASGITransport(app=detectify.testing.FakeDetectify())``). ``api_key`` may also map team IDs to keys, for
    organisations holding one key per team (see ``detectify.teams``); ``client.for_team(team_id)`` is a team view.

    ``max_retry_wait`` caps any single wait (including ``Retry-After``), ``retry_budget`` the seconds a call keeps
    retrying, and ``rate_limit`` (requests per second, default none) paces every request of the client.
    ``client.with_options(max_retries=0)`` gives a view with other per-call settings over the same pool.

    Use ``async with AsyncDetectify() as client:`` or call ``await client.aclose()`` (closing twice is harmless;
    closing a view closes the pool it shares). A client belongs to the event loop that first uses it.
    """

    def __init__(
        self,
        api_key: str | Mapping[str, str] | None = None,
        *,
        base_url: str | None = None,
        team_id: str | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT,
        retry_budget: float = DEFAULT_RETRY_BUDGET,
        rate_limit: float | None = None,
        v2_api_key: str | None = None,
        v2_secret_key: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        configure_from_env()
        if transport is not None and not isinstance(transport, httpx.AsyncBaseTransport):
            raise TypeError(f"transport must be an httpx.AsyncBaseTransport, got {transport!r}")
        self._config = ClientConfig.resolve(
            api_key=api_key,
            base_url=base_url,
            team_id=team_id,
            timeout=timeout,
            max_retries=max_retries,
            max_concurrency=max_concurrency,
            max_retry_wait=max_retry_wait,
            retry_budget=retry_budget,
            rate_limit=rate_limit,
            v2_api_key=v2_api_key,
            v2_secret_key=v2_secret_key,
        )
        self._attach(_Pool(self._config, transport), None)

    def _attach(self, pool: _Pool, scope_team: str | None) -> None:
        self._pool = pool
        self._scope_team = scope_team
        self.ips = Ips(self)
        self.technologies = Technologies(self)
        self.ports = Ports(self)
        self.breaches = Breaches(self)
        self.connectors = Connectors(self)
        self.v2 = V2(self)

    def with_options(
        self,
        *,
        team_id: str | adapter.Unset | None = adapter.UNSET,
        timeout: TimeoutTypes | adapter.Unset = adapter.UNSET,
        max_retries: int | adapter.Unset = adapter.UNSET,
        max_retry_wait: float | adapter.Unset = adapter.UNSET,
        retry_budget: float | adapter.Unset = adapter.UNSET,
    ) -> AsyncDetectify:
        """A view of this client with other per-call settings, sharing its connection pool, concurrency limit and
        pacing: ``await client.with_options(max_retries=0).connectors.get(id)``."""
        changes = {
            name: value
            for name, value in {
                "team_id": team_id,
                "timeout": timeout,
                "max_retries": max_retries,
                "max_retry_wait": max_retry_wait,
                "retry_budget": retry_budget,
            }.items()
            if not isinstance(value, adapter.Unset)
        }
        view = object.__new__(AsyncDetectify)
        view._config = self._config.with_changes(changes)
        view._attach(self._pool, self._scope_team)
        return view

    def for_team(self, team_id: str) -> AsyncDetectify:
        """A view for one team, sharing this client's pool: calls that take ``team_id`` use it, and ``.list()``
        yields only that team's items (filtered client-side, as the v3 lists have no team filter; with one key per
        team, the team's own key is used)."""
        team = check_id("team_id", team_id)
        if self._config.team_keys and team not in self._config.team_keys:
            raise ValueError(
                f"team_id {team!r} has no key in api_key (teams with keys: {', '.join(self._config.team_keys)})"
            )
        view = object.__new__(AsyncDetectify)
        view._config = self._config
        view._attach(self._pool, team)
        return view

    def pull_all(
        self,
        resources: Iterable[str] = RESOURCES,
        *,
        as_dicts: bool = False,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        shards: int = 1,
        limit: int = 1000,
        resume: Mapping[str, str] | None = None,
        completed: Collection[str] = (),
        max_buffered_pages: int = 4,
    ) -> AbstractAsyncContextManager[Pull]:
        """Pull several resources (and teams, and time windows) concurrently: ``async with client.pull_all() as
        pull: async for record in pull: ...``. See ``detectify.bulk``."""
        return pull_all(
            self,
            resources,
            as_dicts=as_dicts,
            since=since,
            until=until,
            shards=shards,
            limit=limit,
            resume=resume,
            completed=completed,
            max_buffered_pages=max_buffered_pages,
        )

    @property
    def scope_team(self) -> str | None:
        """The team of a ``for_team`` view (None for the client itself)."""
        return self._scope_team

    @property
    def team_ids(self) -> tuple[str, ...]:
        """The teams this client holds a key for (empty when it holds one key for all)."""
        return tuple(self._config.team_keys)

    @property
    def base_url(self) -> str:
        return str(self._config.base_url)

    @property
    def team_id(self) -> str | None:
        return self._config.team_id

    @property
    def max_retries(self) -> int:
        return self._config.max_retries

    def __repr__(self) -> str:
        scope = f", for_team={self._scope_team!r}" if self._scope_team is not None else ""
        keys = f"<redacted, one per team: {', '.join(self.team_ids)}>" if self.team_ids else "<redacted>"
        return f"AsyncDetectify(base_url={self.base_url!r}, team_id={self.team_id!r}{scope}, api_key={keys})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool. Safe to call more than once."""
        await self._pool.aclose()

    async def _request(
        self,
        method: str,
        path: str,
        send: Callable[[adapter.GeneratedClient], Awaitable[adapter.AnyResponse]],
        *,
        team: str | None = None,
    ) -> adapter.AnyResponse:
        """The request loop: every request the SDK makes goes through here, inside the one retry policy.

        ``team`` picks the key when the client holds one per team. Returns the generated response of a successful
        (2xx) attempt; raises the SDK's typed errors otherwise.
        """
        credential: Secret | V2Credentials | None
        if path.startswith("/v2/"):
            credential = self._pool.v2
            if credential is None:
                raise ValueError(f"no v2 API key: pass v2_api_key= or set {ENV_V2_API_KEY}")
        elif self._config.api_key is None and not self._config.team_keys:
            raise ValueError(f"no v3 API key: pass api_key= or set {ENV_API_KEY}")
        else:
            credential = self._config.key_for(team)
            if credential is None:
                raise several_teams(self._config.team_keys, "This client holds a key for each of several teams")
        generated, limiter = self._pool.open()
        pacer = self._pool.pacer
        attempts = 0
        try:
            async for attempt in retrying(self._config, method, f"{method} {path}", clock=pacer.clock):
                with attempt:
                    attempts += 1
                    async with limiter:
                        await pacer.wait_turn()
                        try:
                            return await self._attempt(generated, method, path, send, credential)
                        except RateLimitError as exc:
                            if exc.retry_after is not None:  # everyone waits, not just this request
                                pacer.pause(min(exc.retry_after, self._config.max_retry_wait))
                            raise
        except DetectifyError as exc:
            exc.retries = max(attempts - 1, 0)
            raise
        raise AssertionError("unreachable: the retry loop either returns or raises")  # pragma: no cover

    async def _attempt(
        self,
        generated: adapter.GeneratedClient,
        method: str,
        path: str,
        send: Callable[[adapter.GeneratedClient], Awaitable[adapter.AnyResponse]],
        credential: Secret | V2Credentials,
    ) -> adapter.AnyResponse:
        exchange = _Exchange(self._config.timeout, credential)
        token = _EXCHANGE.set(exchange)
        try:
            response = await send(generated)
        except httpx.TimeoutException as exc:
            sent = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            raise APITimeoutError(
                f"request timed out ({type(exc).__name__})", method=method, url=_url(exc), request_sent=sent
            ) from exc
        except httpx.RequestError as exc:
            sent = not isinstance(exc, httpx.ConnectError)
            raise APIConnectionError(
                f"connection failed ({type(exc).__name__}: {exc})", method=method, url=_url(exc), request_sent=sent
            ) from exc
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            received = exchange.response
            if received is None:
                raise
            raise APIResponseValidationError(
                f"could not parse the response to {method} {received.request.url} ({type(exc).__name__}: {exc})",
                body=received.content,
                status_code=received.status_code,
            ) from exc
        finally:
            _EXCHANGE.reset(token)
        if response.status_code >= 300:
            received = exchange.response
            error = status_error(
                response.status_code,
                response.content,
                response.headers,
                method=method,
                url=str(received.request.url) if received is not None else path,
                retry_after=parse_retry_after(response.headers),
            )
            logger.debug("%s %s -> %s", method, path, response.status_code)
            raise error
        return response


def _url(exc: httpx.RequestError) -> str | None:
    try:
        return str(exc.request.url)
    except RuntimeError:  # the error has no request attached
        return None

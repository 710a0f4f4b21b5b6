"""``AsyncDetectify``: one client, one connection pool, one request loop (``detectify.session``)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx

from . import adapter
from .bulk import Pull, pull_all
from .config import (
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_RETRY_WAIT,
    DEFAULT_RETRY_BUDGET,
    DEFAULT_TIMEOUT,
    CallOptions,
    TimeoutTypes,
    resolve,
    warn_if_insecure,
)
from .events import RetryHook
from .log import configure_from_env
from .pacing import Clock
from .pool import Pool
from .raw_v3 import WithRawResponse
from .resources import Breaches, Connectors, Ips, Ports, Technologies
from .session import Session
from .validation import check_id

if TYPE_CHECKING:
    from .sync import SyncProgress, SyncReport
    from .v2 import V2

__all__ = ["AsyncDetectify"]


class AsyncDetectify:
    """The async client for the Detectify v3 (and v2) API.

    ``api_key`` falls back to ``DETECTIFY_API_KEY``, ``base_url`` to ``DETECTIFY_BASE_URL`` (default
    ``https://api.detectify.com/rest``) and ``team_id`` to ``DETECTIFY_TEAM_ID``. ``max_retries`` retries follow the
    policy in ``detectify.retry``; ``timeout`` is seconds or an ``httpx.Timeout`` and bounds each attempt end to
    end; at most ``max_concurrency`` requests are in flight, over a pool of as many connections. ``transport``
    replaces the network (for example ``httpx.ASGITransport(app=detectify.testing.FakeDetectify())``);
    ``http_client`` is your own ``httpx.AsyncClient`` (proxies, TLS, event hooks, tracing), to which the SDK adds
    its auth, timeouts and concurrency limit per request, and which it never closes. ``api_key`` may also map team
    IDs to keys, for organisations holding one key per team (see ``detectify.teams``).

    ``max_retry_wait`` caps any single wait (including ``Retry-After``), ``retry_budget`` the seconds a call keeps
    retrying, ``rate_limit`` (requests per second, default none) paces every request of the client, and
    ``on_retry`` is called with a ``RetryEvent`` before each retry's wait. ``client.with_options(...)`` and
    ``client.for_team(team_id)`` are views over the same pool; ``client.with_raw_response`` returns raw responses.

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
        on_retry: RetryHook | None = None,
        v2_api_key: str | None = None,
        v2_secret_key: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
        _session: Session | None = None,
    ) -> None:
        if _session is not None:  # a view: with_options() and for_team() come through here
            self._session = _session
            return
        configure_from_env()
        if transport is not None and not isinstance(transport, httpx.AsyncBaseTransport):
            raise TypeError(f"transport must be an httpx.AsyncBaseTransport, got {type(transport).__name__}")
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}")
        if transport is not None and http_client is not None:
            raise ValueError("pass transport= or http_client=, not both (give the transport to your http_client)")
        config, default_team = resolve(
            api_key=api_key,
            base_url=base_url,
            team_id=team_id,
            v2_api_key=v2_api_key,
            v2_secret_key=v2_secret_key,
            max_concurrency=max_concurrency,
            rate_limit=rate_limit,
        )
        options = CallOptions(
            timeout=timeout,
            max_retries=max_retries,
            max_retry_wait=max_retry_wait,
            retry_budget=retry_budget,
            team_id=default_team,
            on_retry=on_retry,
        )
        if transport is None:
            warn_if_insecure(config.base_url)
        pool = Pool(config, transport=transport, http_client=http_client)
        pool.router.check_team(default_team)  # a client holding one key per team has a key for its default team
        self._session = Session(pool, options)

    # --- resources (built once per view, when first used) ------------------------------------------------------

    @cached_property
    def ips(self) -> Ips:
        return Ips(self._session)

    @cached_property
    def technologies(self) -> Technologies:
        return Technologies(self._session)

    @cached_property
    def ports(self) -> Ports:
        return Ports(self._session)

    @cached_property
    def breaches(self) -> Breaches:
        return Breaches(self._session)

    @cached_property
    def connectors(self) -> Connectors:
        return Connectors(self._session)

    @cached_property
    def v2(self) -> V2:
        from .v2 import V2  # here: the v2 half (and its generated models) loads on first use

        return V2(self._session)

    @cached_property
    def with_raw_response(self) -> WithRawResponse:
        """The same calls, each returning a ``RawResponse`` (status, headers, request id, ``parse()``)."""
        return WithRawResponse(self._session)

    # --- views -------------------------------------------------------------------------------------------------

    def with_options(
        self,
        *,
        team_id: str | adapter.Unset | None = adapter.UNSET,
        timeout: TimeoutTypes | adapter.Unset = adapter.UNSET,
        max_retries: int | adapter.Unset = adapter.UNSET,
        max_retry_wait: float | adapter.Unset = adapter.UNSET,
        retry_budget: float | adapter.Unset = adapter.UNSET,
        on_retry: RetryHook | adapter.Unset | None = adapter.UNSET,
    ) -> AsyncDetectify:
        """A view of this client with other per-call settings, sharing its connection pool, concurrency limit and
        pacing: ``await client.with_options(max_retries=0).connectors.get(id)``."""
        given: dict[str, Any] = {
            "team_id": team_id,
            "timeout": timeout,
            "max_retries": max_retries,
            "max_retry_wait": max_retry_wait,
            "retry_budget": retry_budget,
            "on_retry": on_retry,
        }
        changes = {name: value for name, value in given.items() if not isinstance(value, adapter.Unset)}
        return type(self)(_session=self._session.with_options(changes))

    def for_team(self, team_id: str) -> AsyncDetectify:
        """A view for one team, sharing this client's pool: calls that take ``team_id`` use it, and ``.list()``
        yields only that team's items (filtered client-side, as the v3 lists have no team filter; with one key per
        team, the team's own key is used)."""
        return type(self)(_session=self._session.for_team(check_id("team_id", team_id)))

    def pull_all(
        self,
        resources: Iterable[str] = adapter.RESOURCES,
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

    async def sync(
        self,
        db: str | None = None,
        *,
        resources: Iterable[str] = adapter.RESOURCES,
        full: bool = False,
        lookback: float | None = None,
        teams: Sequence[str] = (),
        schema: str | None = None,
        limit: int = 1000,
        progress: SyncProgress | None = None,
    ) -> SyncReport:
        """Bring a database (SQLite file, or PostgreSQL) up to date with the API and report, per resource, the
        items seen, inserted, updated and newly marked missing. See ``detectify.sync`` and ``docs/sync.md``."""
        from . import sync  # the stores and their drivers load only when a sync runs

        return await sync.sync(
            self,
            db,
            resources=resources,
            full=full,
            lookback=sync.DEFAULT_LOOKBACK if lookback is None else lookback,
            teams=teams,
            schema=sync.DEFAULT_SCHEMA if schema is None else schema,
            limit=limit,
            progress=progress,
        )

    # --- what the client is --------------------------------------------------------------------------------------

    @property
    def scope_team(self) -> str | None:
        """The team of a ``for_team`` view (None for the client itself)."""
        return self._session.scope_team

    @property
    def team_ids(self) -> tuple[str, ...]:
        """The teams this client holds a key for (empty when it holds one key for all)."""
        return self._session.router.teams

    @property
    def base_url(self) -> str:
        return str(self._session.pool.config.base_url)

    @property
    def team_id(self) -> str | None:
        return self._session.options.team_id

    @property
    def max_retries(self) -> int:
        return self._session.options.max_retries

    @property
    def has_v3_key(self) -> bool:
        """Whether the client holds a v3 key (one, or one per team)."""
        return self._session.router.has_v3_key

    @property
    def v2_signed(self) -> bool | None:
        """None without a v2 key; whether v2 requests are signed otherwise (the key has a secret)."""
        v2 = self._session.pool.v2
        return None if v2 is None else v2.secret is not None

    @property
    def is_closed(self) -> bool:
        return self._session.pool.closed

    def shares_pool_with(self, other: AsyncDetectify) -> bool:
        """Whether two clients are views of one pool (one connection pool, limit and pacing)."""
        return self._session.pool is other._session.pool

    def use_clock(self, clock: Clock) -> Self:
        """Run this client's backoff, pauses and rate limit (and its views') on ``clock``: for tests, with
        ``detectify.testing.VirtualClock``."""
        self._session.pool.use_clock(clock)
        return self

    def __repr__(self) -> str:
        session = getattr(self, "_session", None)
        if session is None:  # a half-built client (its constructor raised): still printable in tracebacks
            return "AsyncDetectify(<not configured>)"
        scope = f", for_team={self.scope_team!r}" if self.scope_team is not None else ""
        keys = f"<redacted, one per team: {', '.join(self.team_ids)}>" if self.team_ids else "<redacted>"
        return f"AsyncDetectify(base_url={self.base_url!r}, team_id={self.team_id!r}{scope}, api_key={keys})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (calls still in flight fail with ``ClientClosedError``). Safe to call more
        than once. A caller's own ``http_client`` stays open."""
        await self._session.pool.aclose()

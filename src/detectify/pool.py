"""What a client and all its views share: one connection pool, one concurrency limit, one pacer per key (see
``detectify.pacing``), one team router, and the credentials.

The httpx client is created lazily, in the event loop of the first call, unless the caller passed their own
(``http_client=``: proxies, TLS, event hooks, tracing), which the SDK uses as it is and never closes. Either way the
SDK adds its own auth, timeout and headers per request. A pool belongs to one event loop; using it from another, or
after it was closed, raises a typed error that says what to do.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import anyio
import httpx

from .auth import ApiKeyAuth, V2SignatureAuth
from .calls import Call
from .config import ENV_API_KEY, ENV_V2_API_KEY, ClientConfig
from .errors import ClientClosedError, EventLoopError, scrub
from .pacing import Clock, Pacer, RateCap, SystemClock
from .secret import Secret
from .signing import V2Credentials
from .teams import TeamRouter

if TYPE_CHECKING:
    from anyio.lowlevel import EventLoopToken

__all__ = ["Pool", "sdk_version", "user_agent"]


@functools.cache
def sdk_version() -> str:
    """The installed SDK's version (read once, when first asked: reading package metadata costs an import)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("detectify-sdk")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "0.0.0"


@functools.cache
def user_agent() -> str:
    return f"detectify-sdk/{sdk_version()} (python)"


@functools.cache
def _default_headers() -> dict[str, str]:
    return {"User-Agent": user_agent(), "Accept": "application/json"}


class Pool:
    """The shared part of a client (see the module's docstring)."""

    def __init__(
        self,
        config: ClientConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self.config = config
        self.router = TeamRouter(config.api_key, config.team_keys)
        self._clock: Clock = SystemClock()
        self._cap = RateCap(config.rate_limit) if config.rate_limit is not None else None
        self._pacers: dict[str, Pacer] = {}  # by key: each key has its own budget at the API
        self.v2 = V2Credentials(config.v2_api_key, config.v2_secret_key) if config.v2_api_key is not None else None
        self._v2_auth = V2SignatureAuth(self.v2, config.base_url) if self.v2 is not None else None
        self._v3_auth: dict[str, ApiKeyAuth] = {}
        self._transport = transport
        self._http = http_client
        self._owns_http = http_client is None
        self._limiter: anyio.Semaphore | None = None
        self._loop: EventLoopToken | None = None
        self._secrets = config.secrets()
        self.closed = False

    @property
    def clock(self) -> Clock:
        return self._clock

    def use_clock(self, clock: Clock) -> None:
        """Run backoff, pauses and the rate limit on ``clock`` (tests: ``detectify.testing.VirtualClock``)."""
        self._clock = clock
        for pacer in self._pacers.values():
            pacer.clock = clock

    def open(self) -> tuple[httpx.AsyncClient, anyio.Semaphore]:
        """The httpx client and the concurrency limit, for a call made now, in the running event loop."""
        if self.closed:
            raise ClientClosedError("this AsyncDetectify client is closed; create a new one for further calls")
        from anyio.lowlevel import current_token  # here: its import is only needed once a call is made

        loop = current_token()
        if self._loop is None:
            self._loop = loop
        elif loop != self._loop:
            raise EventLoopError(
                "this AsyncDetectify client is used from a second event loop; a client (and its connections) "
                "belongs to the event loop it first ran in: create one client per event loop"
            )
        if self._http is None:
            size = self.config.max_concurrency
            self._http = httpx.AsyncClient(
                limits=httpx.Limits(max_connections=size, max_keepalive_connections=size),
                transport=self._transport,
                follow_redirects=False,
            )
        if self._limiter is None:
            self._limiter = anyio.Semaphore(self.config.max_concurrency)
        return self._http, self._limiter

    def url(self, path: str) -> str:
        """The absolute URL of a call's path (absolute, so a caller's client's own base_url cannot redirect it)."""
        return str(self.config.base_url) + path

    @staticmethod
    def headers(extra: Mapping[str, str] | None) -> dict[str, str]:
        return {**_default_headers(), **(extra or {})}

    def route(self, call: Call[Any]) -> tuple[httpx.Auth, Pacer]:
        """The credentials a call goes out with (the v2 key and signature, or the v3 key of the call's team, chosen
        by the team router) and the pacer of that key (each key has its own budget at the API)."""
        if call.api == "v2":
            if self._v2_auth is None:
                raise ValueError(f"no v2 API key: pass v2_api_key= or set {ENV_V2_API_KEY}")
            return self._v2_auth, self._pacer("v2")
        if not self.router.has_v3_key:
            raise ValueError(f"no v3 API key: pass api_key= or set {ENV_API_KEY}")
        key = self.router.key_for(call.team)
        return self._v3_auth_for(key), self._pacer("v3:" + key.value)

    def _pacer(self, name: str) -> Pacer:
        pacer = self._pacers.get(name)
        if pacer is None:
            pacer = self._pacers[name] = Pacer(self._clock, self._cap)
        return pacer

    def _v3_auth_for(self, key: Secret) -> ApiKeyAuth:
        auth = self._v3_auth.get(key.value)
        if auth is None:
            auth = self._v3_auth[key.value] = ApiKeyAuth(key, self.config.base_url)
        return auth

    def scrub(self, text: str) -> str:
        """``text`` without any credential of this client (for messages built from a lower layer's text)."""
        return scrub(text, self._secrets)

    async def aclose(self) -> None:
        """Close the pool (calls still in flight fail with ``ClientClosedError``). A caller's own http_client is
        left open: it is theirs."""
        self.closed = True
        http, self._http = self._http, None
        if http is not None and self._owns_http:
            await http.aclose()

"""How a request proves who sends it: ``httpx.Auth`` flows, passed per request by the request loop.

- v3: ``Authorization: <key>`` (the raw key, no ``Bearer``).
- v2: ``X-Detectify-Key`` and, for keys that require it, an HMAC signature over the exact request
  (``detectify.signing``). A signed request refused with 401 because this machine's clock is off (the API's ``Date``
  header shows our timestamp outside its window) is signed again once, inside the same attempt, with the offset
  learned from it; if the API still refuses our clock, the flow raises ``ClockSkewError``.

Credentials are added only to requests for the configured origin, so a key never reaches another host, and the
headers holding them are masked in ``repr`` (httpx masks only ``Authorization``), so a traceback or an error
reporter that records the request does not record the key.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Generator, Mapping

import httpx

from .errors import ClockSkewError, decode_body
from .secret import Secret
from .signing import ACCEPTED_FUTURE, ACCEPTED_PAST, V2Credentials

__all__ = ["ApiKeyAuth", "V2SignatureAuth"]

#: Request headers that carry a credential (lower case).
CREDENTIAL_HEADERS = frozenset({"authorization", "x-detectify-key", "x-detectify-signature"})


class MaskedHeaders(httpx.Headers):
    """Request headers whose ``repr`` hides every credential header, not only ``Authorization``."""

    def __repr__(self) -> str:
        shown = [(name, "[secure]" if name.lower() in CREDENTIAL_HEADERS else value) for name, value in self.items()]
        return f"Headers({shown!r})"


class _OriginAuth(httpx.Auth):
    def __init__(self, base_url: httpx.URL) -> None:
        self._origin = (base_url.scheme, base_url.host, base_url.port)
        self._prefix = base_url.path.rstrip("/")

    def _for_us(self, request: httpx.Request) -> bool:
        return (request.url.scheme, request.url.host, request.url.port) == self._origin

    @staticmethod
    def _set(request: httpx.Request, values: Mapping[str, str]) -> None:
        headers = MaskedHeaders(request.headers)
        headers.update(values)
        request.headers = headers

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<redacted>)"


class ApiKeyAuth(_OriginAuth):
    """The v3 key in ``Authorization``, for the configured origin only."""

    def __init__(self, key: Secret, base_url: httpx.URL) -> None:
        super().__init__(base_url)
        self._key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._for_us(request):
            self._set(request, {"Authorization": self._key.value})
        yield request


def clock_skew(headers: Mapping[str, str]) -> float | None:
    """The API's clock minus ours (seconds), from a response's ``Date`` header; None when it has none usable."""
    value = headers.get("date")
    if not value:
        return None
    try:
        server = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if server.tzinfo is None:
        return None
    return server.timestamp() - time.time()


def within_window(skew: float, offset: float) -> bool:
    """Whether our timestamps (local clock + offset) fall safely inside the API's window, given its clock
    (``Date`` has whole seconds, so a second of margin on each side)."""
    ahead = offset - skew  # our timestamp minus the API's time
    return -ACCEPTED_PAST + 1 <= ahead <= ACCEPTED_FUTURE - 1


class V2SignatureAuth(_OriginAuth):
    """The v2 key, and the signature when the key has a secret; re-signs once on a 401 caused by clock skew."""

    requires_response_body = True  # a ClockSkewError carries the refusal's body

    def __init__(self, credentials: V2Credentials, base_url: httpx.URL) -> None:
        super().__init__(base_url)
        self.credentials = credentials

    def _sign(self, request: httpx.Request) -> None:
        path = request.url.path.removeprefix(self._prefix)  # signed from /v2/, without /rest
        self._set(request, self.credentials.headers(request.method, path, request.content))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if not self._for_us(request):
            yield request
            return
        self._sign(request)
        response = yield request
        credentials = self.credentials
        if response.status_code != 401 or credentials.secret is None:
            return
        skew = clock_skew(response.headers)
        if skew is None or within_window(skew, credentials.clock_offset):
            return  # our timestamp was fine: the key or the signature itself was refused
        credentials.clock_offset = skew
        self._sign(request)
        response = yield request
        if response.status_code != 401:
            return
        later = clock_skew(response.headers)
        if later is None or within_window(later, credentials.clock_offset):
            return  # the clock is right now, so it is the key
        raise ClockSkewError(
            401,
            decode_body(response.content),
            skew=later,
            headers=response.headers,
            method=request.method,
            url=str(request.url),
        )

"""The SDK's exceptions: every failure a call can meet is one of these.

``DetectifyError``
 ├─ ``APIStatusError``            the API answered with a 4xx/5xx status
 │   ├─ ``BadRequestError`` 400, ``AuthenticationError`` 401, ``PermissionDeniedError`` 403, ``NotFoundError`` 404,
 │   ├─ ``ConflictError`` 409, ``UnprocessableEntityError`` 422, ``RateLimitError`` 429
 │   └─ ``InternalServerError`` 5xx
 ├─ ``APIConnectionError``        no usable answer: connection refused or reset, DNS, TLS, a cut-off response
 │   └─ ``APITimeoutError``
 ├─ ``APIResponseValidationError`` a 2xx answer that cannot be understood (its raw body is kept)
 ├─ ``TeamResolutionError``       the call needs a team and the SDK cannot tell which
 └─ ``ClientStateError``          the client cannot be used like this (each subclass says what to do)
     ├─ ``ClientClosedError``      the client was closed (before the call, or while it was in flight)
     └─ ``EventLoopError``         the client is used from another event loop than the one it started in
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from .signing import ACCEPTED_FUTURE, ACCEPTED_PAST

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ClientStateError",
    "ClockSkewError",
    "ConflictError",
    "DetectifyError",
    "EventLoopError",
    "InternalServerError",
    "LockedError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "TeamResolutionError",
    "UnprocessableEntityError",
]

_REQUEST_ID_HEADERS = ("x-amzn-requestid", "x-amzn-request-id", "x-request-id", "x-amz-apigw-id")
_MAX_TEXT_IN_MESSAGE = 300


def request_id_of(headers: Mapping[str, str]) -> str | None:
    """The request id the API (or its gateway) gave a response, if any."""
    lowered = {name.lower(): value for name, value in headers.items()}
    return next((lowered[name] for name in _REQUEST_ID_HEADERS if name in lowered), None)


class DetectifyError(Exception):
    """Base class of every error the SDK raises.

    ``retries`` is how many retries were made before giving up; ``cursor``, when set, is the pagination cursor to
    resume a list from (pass it as ``cursor=`` to the same ``.list(...)`` call); ``job``, in a bulk pull, is the
    key of the job that failed (``resume={job: cursor}`` continues it).
    """

    retries: int = 0
    cursor: str | None = None
    job: str | None = None


class APIStatusError(DetectifyError):
    """The API answered with an error status. Problem-details, gateway and v2 error bodies all fill the fields."""

    status_code: int
    type: str | None
    title: str | None
    detail: str | None
    instance: str | None
    code: str | int | None
    request_id: str | None
    body: object
    headers: Mapping[str, str]
    method: str | None
    url: str | None

    def __init__(
        self,
        status_code: int,
        body: object,
        *,
        headers: Mapping[str, str] | None = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.body = body
        self.headers = {k.lower(): v for k, v in (headers or {}).items()}
        self.method = method
        self.url = url
        self.type = self.title = self.detail = self.instance = None
        self.code = None
        self.request_id = request_id_of(self.headers)
        self._read_body(body)
        super().__init__(self._message())

    def _read_body(self, body: object) -> None:
        if isinstance(body, Mapping):
            error = body.get("error")
            if isinstance(error, Mapping):  # v2: {"error": {"code", "message", "more_info"}}
                self.code = _scalar(error.get("code"))
                self.detail = _text(error.get("message"))
                self.type = _text(error.get("more_info"))
            elif "message" in body and not ({"title", "detail"} & body.keys()):  # API Gateway: {"message": ...}
                self.detail = _text(body.get("message"))
            else:  # RFC 7807 problem details
                self.type = _text(body.get("type"))
                self.title = _text(body.get("title"))
                self.detail = _text(body.get("detail"))
                self.instance = _text(body.get("instance"))
        elif isinstance(body, str) and body.strip():
            text = " ".join(body.split())
            self.detail = text if len(text) <= _MAX_TEXT_IN_MESSAGE else text[:_MAX_TEXT_IN_MESSAGE] + "..."

    def _message(self) -> str:
        summary = ": ".join(part for part in (self.title, self.detail) if part) or "no error details in the response"
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        rid = f" [request id {self.request_id}]" if self.request_id else ""
        code = f" [code {self.code}]" if self.code is not None else ""
        return f"{self.status_code} {summary}{code}{where}{rid}"


class BadRequestError(APIStatusError):
    """400: the request was refused as invalid."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong or revoked."""


class ClockSkewError(AuthenticationError):
    """401 on a signed v2 request because its timestamp was outside the API's window (-10 s / +5 s): this machine's
    clock is off. ``skew`` is the API's clock minus ours, in seconds (the SDK already retried once, corrected)."""

    def __init__(
        self,
        status_code: int,
        body: object,
        *,
        skew: float = 0.0,
        headers: Mapping[str, str] | None = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.skew = skew
        super().__init__(status_code, body, headers=headers, method=method, url=url)

    def _message(self) -> str:
        return (
            f"the API refused the request timestamp: this machine's clock is {abs(self.skew):.0f}s "
            f"{'behind' if self.skew > 0 else 'ahead of'} the API's (it accepts {ACCEPTED_PAST} s behind to "
            f"{ACCEPTED_FUTURE} s ahead); "
            f"fix the clock (NTP). The key itself was not judged. ({super()._message()})"
        )


class LockedError(APIStatusError):
    """423: the resource is locked (v2: the domain is not verified, so it cannot be scanned)."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this (or may not reach that team)."""


class NotFoundError(APIStatusError):
    """404: no such resource."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but cannot be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the server's hint in seconds, when it gave one."""

    retry_after: float | None

    def __init__(
        self,
        status_code: int,
        body: object,
        *,
        headers: Mapping[str, str] | None = None,
        method: str | None = None,
        url: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(status_code, body, headers=headers, method=method, url=url)


class InternalServerError(APIStatusError):
    """5xx: the API or a gateway in front of it failed."""


class APIConnectionError(DetectifyError):
    """The request got no usable answer: connection refused or reset, a cut-off response, DNS or TLS failure.

    ``request_sent`` is False when the failure came before the request left (connecting, or waiting for a pooled
    connection), so the server cannot have acted on it.
    """

    def __init__(
        self, message: str, *, method: str | None = None, url: str | None = None, request_sent: bool = True
    ) -> None:
        self.method = method
        self.url = url
        self.request_sent = request_sent
        super().__init__(f"{message} ({method} {url})" if method and url else message)


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, waiting for a pooled connection, or reading)."""


class APIResponseValidationError(DetectifyError):
    """A successful response whose body cannot be understood. ``body`` is the raw body, for diagnosis."""

    def __init__(self, message: str, *, body: bytes = b"", status_code: int | None = None) -> None:
        self.body = body
        self.status_code = status_code
        preview = body[:_MAX_TEXT_IN_MESSAGE].decode("utf-8", "replace")
        super().__init__(f"{message}; body starts: {preview!r}" if body else message)


class TeamResolutionError(DetectifyError):
    """The operation needs a team and the SDK cannot tell which one. ``team_ids`` are the teams it found."""

    def __init__(self, message: str, *, team_ids: Sequence[str] = ()) -> None:
        self.team_ids = tuple(team_ids)
        super().__init__(message)


class ClientStateError(DetectifyError):
    """The client cannot be used this way; the message says what to do instead."""


class ClientClosedError(ClientStateError):
    """The client is closed: create a new one (or keep the ``async with`` block open while calls run)."""


class EventLoopError(ClientStateError):
    """The client was used from a second event loop. A client belongs to the event loop it first ran in (its
    connections do): create one client per event loop, e.g. inside the function ``asyncio.run`` runs."""


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    423: LockedError,
    422: UnprocessableEntityError,
}


def status_error(
    status_code: int,
    content: bytes,
    headers: Mapping[str, str],
    *,
    method: str | None = None,
    url: str | None = None,
    retry_after: float | None = None,
) -> APIStatusError:
    """The typed error for an error response, whatever its body looks like."""
    body = decode_body(content)
    if status_code == 429:
        return RateLimitError(status_code, body, headers=headers, method=method, url=url, retry_after=retry_after)
    cls = _STATUS_CLASSES.get(status_code) or (InternalServerError if status_code >= 500 else APIStatusError)
    return cls(status_code, body, headers=headers, method=method, url=url)


def decode_body(content: bytes) -> object:
    """JSON when the body is JSON, else its text (orjson first; the stdlib reads what orjson refuses, as before)."""
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        pass
    text = content.decode("utf-8", "replace")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the decoder goes
        return text


def first_error(group: BaseExceptionGroup[Any]) -> BaseException:
    """The error to raise for a failed group of tasks: our typed error when there is one, else the first."""
    leaves: list[BaseException] = []

    def collect(error: BaseException) -> None:
        if isinstance(error, BaseExceptionGroup):
            for inner in error.exceptions:
                collect(inner)
        else:
            leaves.append(error)

    collect(group)
    typed = [error for error in leaves if isinstance(error, DetectifyError)]
    return (typed or leaves)[0]


def scrub(text: str, secrets: Sequence[str]) -> str:
    """``text`` with every credential in ``secrets`` replaced: for messages built from a lower layer's text (an
    HTTP library may quote a header value it refused)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<redacted>").replace(repr(secret.encode())[2:-1], "<redacted>")
    return text


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _scalar(value: Any) -> str | int | None:
    return value if value is None or isinstance(value, int | str) else str(value)

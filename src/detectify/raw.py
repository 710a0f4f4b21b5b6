"""Raw responses: ``client.with_raw_response.connectors.get(id)`` returns a ``RawResponse`` (status, headers,
request id, the ``httpx.Response``, and ``parse()`` for what the plain call returns) for every call.

The raw form runs the very same method on a session that keeps the last successful response (no global state, so
concurrent raw calls never see each other's responses). For a list, the raw form is its first page
(``parse()`` gives the ``Page``); pages from ``.pages()`` carry ``headers`` and ``request_id`` themselves.

This module is the mechanism; ``raw_v3`` (with ``WithRawResponse``) and ``raw_v2`` hold the raw forms of the calls.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Concatenate, Generic, ParamSpec, TypeVar

import httpx

from .errors import request_id_of
from .pagination import AsyncPager, Page
from .session import Session

__all__ = ["RawResponse", "raw_call", "raw_list"]

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")


class RawResponse(Generic[T]):
    """The HTTP response of a call, with what the call returns (``parse()``)."""

    def __init__(self, http_response: httpx.Response, parsed: T) -> None:
        self._http_response = http_response
        self._parsed = parsed

    @property
    def http_response(self) -> httpx.Response:
        return self._http_response

    @property
    def status_code(self) -> int:
        return self._http_response.status_code

    @property
    def headers(self) -> Mapping[str, str]:
        return self._http_response.headers

    @property
    def request_id(self) -> str | None:
        """The id the API (or its gateway) gave this response, for support requests."""
        return request_id_of(self._http_response.headers)

    def parse(self) -> T:
        """What the plain call returns (the model, list, page or None)."""
        return self._parsed

    def __repr__(self) -> str:
        return f"RawResponse(status_code={self.status_code}, request_id={self.request_id!r})"


class _Recorder:
    """Keeps the last successful response a session saw."""

    def __init__(self) -> None:
        self.response: httpx.Response | None = None

    def __call__(self, response: httpx.Response) -> None:
        self.response = response

    def raw(self, parsed: T) -> RawResponse[T]:
        if self.response is None:  # pragma: no cover - every call sends at least one request
            raise RuntimeError("the call sent no request")
        return RawResponse(self.response, parsed)


def raw_call(
    session: Session, build: Callable[[Session], R], method: Callable[Concatenate[R, P], Awaitable[T]]
) -> Callable[P, Awaitable[RawResponse[T]]]:
    """``method`` of the resource ``build`` makes, returning the raw response."""

    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        recorder = _Recorder()
        result = await method(build(session.observed(recorder)), *args, **kwargs)
        return recorder.raw(result)

    return call


def raw_list(
    session: Session, build: Callable[[Session], R], method: Callable[Concatenate[R, P], AsyncPager[T]]
) -> Callable[P, Awaitable[RawResponse[Page[T]]]]:
    """A list ``method``: the raw response of its first page."""

    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[Page[T]]:
        recorder = _Recorder()
        page = await method(build(session.observed(recorder)), *args, **kwargs)
        return recorder.raw(page)

    return call

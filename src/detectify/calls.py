"""A call to the API, described as data: what to send and how to read the answer.

The adapter builds a ``Call`` from a generated operation (its ``request_kwargs`` give method, path, query and body;
its ``parse_response`` reads the answer), and the session's one loop sends, retries and parses it. Nothing else
decides what goes on the wire, so retry safety (which depends on the method) can never disagree with what is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, Literal, TypeVar

import attrs
import httpx

__all__ = ["Call", "Exchange"]

T = TypeVar("T")
#: Reads a successful response into the call's result. It may raise ``ValueError``/``TypeError`` (the generated
#: models' contract) or ``RecursionError`` on a body it cannot read: the loop turns exactly those, raised here, into
#: ``APIResponseValidationError`` carrying the body; anything else is a bug and propagates as such.
Parser = Callable[[httpx.Response], T]
Api = Literal["v3", "v2"]

_DOT_SEGMENTS = frozenset({".", ".."})


def _upper(method: str) -> str:
    return method.upper()


@attrs.frozen
class Call(Generic[T]):
    """One API call. ``url`` is the path under the base URL (``/v3/connectors/abc``); ``team`` picks the key of a
    client holding one key per team."""

    method: str = attrs.field(converter=_upper)
    url: str
    parse: Parser[T] = attrs.field(repr=False)
    api: Api = "v3"
    params: Mapping[str, Any] | None = None
    json: Any = attrs.field(default=None, repr=False)
    content: bytes | None = attrs.field(default=None, repr=False)
    headers: Mapping[str, str] | None = None
    team: str | None = None

    def __attrs_post_init__(self) -> None:
        # The last guard against a path parameter that would call another operation ("." or ".." segments are
        # resolved away by URL normalisation): argument checks refuse them first, naming the argument.
        if not self.url.startswith("/") or _DOT_SEGMENTS & set(self.url.split("/")):
            raise ValueError(f"refusing to send {self.method} {self.url!r}: a path parameter would change the path")

    @property
    def describe(self) -> str:
        """``METHOD /path`` for messages and logs."""
        return f"{self.method} {self.url}"

    def for_team(self, team: str | None) -> Call[T]:
        return attrs.evolve(self, team=team)

    def with_params(self, **changes: Any) -> Call[T]:
        """The same call with some query parameters changed (None removes one): the next page of a list."""
        params = {**(self.params or {}), **changes}
        return attrs.evolve(self, params={name: value for name, value in params.items() if value is not None})

    def request_args(self) -> dict[str, Any]:
        """The keyword arguments of ``httpx.AsyncClient.request`` besides method and URL."""
        args: dict[str, Any] = {}
        if self.params:
            args["params"] = self.params
        if self.json is not None:
            args["json"] = self.json
        if self.content is not None:
            args["content"] = self.content
        return args


@attrs.frozen
class Exchange(Generic[T]):
    """A successful attempt: the HTTP response and what the call's parser made of it."""

    response: httpx.Response
    parsed: T

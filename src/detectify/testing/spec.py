"""Request validation against the OpenAPI document the SDK was generated from (with openapi-core)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.request.exceptions import SecurityValidationError
from werkzeug.datastructures import Headers, ImmutableMultiDict

from .. import adapter

__all__ = ["SpecInvalid", "SpecValidator"]


class SpecInvalid(Exception):
    """The request does not follow the spec; the message names what is wrong."""


@functools.cache
def _openapi() -> OpenAPI:
    spec: dict[str, Any] = yaml.safe_load(adapter.openapi_document())
    # Serve wherever the fake runs: at /rest (like the real API) or at the root.
    spec["servers"] = [{"url": "/rest"}, {"url": "/"}]
    return OpenAPI.from_dict(spec)


class _Request:
    """openapi-core's request protocol over what the fake server received."""

    def __init__(self, method: str, path: str, query: Sequence[tuple[str, str]], headers: dict[str, str],
                 body: bytes) -> None:  # fmt: skip
        self.host_url = "http://fake.detectify"
        self.path = path
        self.method = method.lower()
        self.body = body or None
        self.content_type = headers.get("content-type", "application/json").lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(query)), header=Headers(list(headers.items())), cookie=ImmutableMultiDict()
        )


class SpecValidator:
    """Checks requests against the spec's parameters, bounds, formats, enums and request bodies."""

    def __init__(self) -> None:
        self._api = _openapi()

    def check(self, method: str, path: str, query: Sequence[tuple[str, str]], headers: dict[str, str],
              body: bytes) -> None:  # fmt: skip
        """Raise ``SpecInvalid`` naming the first violation."""
        result = self._api.unmarshal_request(_Request(method, path, query, headers, body))
        for error in result.errors:
            if isinstance(error, SecurityValidationError):
                continue  # the fake server checks keys itself, answering 401
            reasons = [str(e.message) for e in getattr(error.__cause__, "schema_errors", None) or ()]
            raise SpecInvalid(f"{error}" + (f": {'; '.join(reasons)}" if reasons else ""))

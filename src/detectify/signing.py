"""v2 request signing (Detectify's optional "message signature" for v2 keys).

The message is ``METHOD;PATH;API_KEY;TIMESTAMP;BODY``: the method in upper case, the URL path after ``/rest``
(starting ``/v2/``, keeping its trailing slash, without the query string), the key, the Unix time in seconds as sent
in ``X-Detectify-Timestamp``, and the exact body bytes (empty when there is none). The signature is the standard
base64 of HMAC-SHA256 over it, keyed with the base64-decoded secret. The API accepts timestamps from 10 s in the
past to 5 s in the future; ``V2Credentials.clock_offset`` corrects a skewed local clock.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time

import attrs

from .secret import Secret

__all__ = ["V2Credentials", "sign"]

#: How far the API lets a request timestamp lag behind or run ahead of its own clock (seconds).
ACCEPTED_PAST, ACCEPTED_FUTURE = 10, 5


def sign(method: str, path: str, api_key: str, timestamp: int, body: bytes, secret: bytes) -> str:
    """The ``X-Detectify-Signature`` of one request (``secret`` already base64-decoded)."""
    message = f"{method.upper()};{path};{api_key};{timestamp};".encode() + body
    return base64.b64encode(hmac.new(secret, message, hashlib.sha256).digest()).decode()


def decode_secret(value: str, name: str = "v2_secret_key") -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"{name} is not base64 (copy the secret exactly as the dashboard shows it)") from None


@attrs.define(repr=False)
class V2Credentials:
    """A v2 key, and its secret when the key requires signatures."""

    api_key: Secret
    secret: Secret | None = None
    #: Seconds to add to the local clock, learned from the API's ``Date`` header after a timestamp was refused.
    clock_offset: float = 0.0

    def headers(self, method: str, path: str, body: bytes, now: float | None = None) -> dict[str, str]:
        """The headers that authenticate one v2 request (``path`` from ``/v2/``)."""
        headers = {"X-Detectify-Key": self.api_key.value}
        if self.secret is not None:
            timestamp = int((time.time() if now is None else now) + self.clock_offset)
            secret = decode_secret(self.secret.value)
            headers["X-Detectify-Timestamp"] = str(timestamp)
            headers["X-Detectify-Signature"] = sign(method, path, self.api_key.value, timestamp, body, secret)
        return headers

    def __repr__(self) -> str:
        return f"V2Credentials(api_key=<redacted>, signed={self.secret is not None})"

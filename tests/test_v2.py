"""The v2 API (issue 8, first part): signing, credentials, marker pagination, errors, clock skew.

These tests use the recording server (plain HTTP on loopback) until the fake Detectify server gains its v2 endpoints.
"""

from __future__ import annotations

import base64
import email.utils
import json
import time

import pytest
from conftest import RecordingServer, Reply

from detectify import (
    APIResponseValidationError,
    AsyncDetectify,
    AuthenticationError,
    ClockSkewError,
    ConflictError,
    LockedError,
    PermissionDeniedError,
)
from detectify.signing import sign

pytestmark = pytest.mark.anyio

KEY = "10840b0f938942feafb7186de74b9682"
SECRET = "0vyTnawJRFn0Q9tWLTM188Olizc72JczHSXoIlsPQIc="


def test_the_published_vector() -> None:
    signature = sign("GET", "/v2/domains/", KEY, 1519829567, b"", base64.b64decode(SECRET))
    assert signature == "6jpu6S4cQwEY4uLk+xELSe1RhajVJP0QEDpGWZ5T+U0="


def assert_signed(request: object, method: str, path: str) -> None:
    headers = {k.lower(): v for k, v in request.headers.items()}  # type: ignore[attr-defined]
    timestamp = int(headers["x-detectify-timestamp"])
    expected = sign(method, path, KEY, timestamp, request.body, base64.b64decode(SECRET))  # type: ignore[attr-defined]
    assert headers["x-detectify-signature"] == expected
    assert abs(timestamp - time.time()) < 5


async def test_signed_requests_sign_the_exact_body_and_the_path_from_v2(recording_server: RecordingServer) -> None:
    recording_server.replies += [
        Reply(body=b'{"token": "a1", "name": "example.com"}'),
        Reply(body=b'{"assets": [], "has_more": false}'),
    ]
    async with AsyncDetectify(
        v2_api_key=KEY, v2_secret_key=SECRET, base_url=f"{recording_server.url}/rest", max_retries=0
    ) as client:
        asset = await client.v2.assets.create("example.com")
        assert asset.token == "a1"
        assert [a async for a in client.v2.assets.list(include_subdomains=True)] == []
    post, get = recording_server.requests
    assert post.path == "/rest/v2/assets/" and json.loads(post.body) == {"name": "example.com"}
    assert_signed(post, "POST", "/v2/assets/")
    assert get.path.startswith("/rest/v2/assets/?") and "include_subdomains=true" in get.path
    assert_signed(get, "GET", "/v2/assets/")  # the query string is not signed
    assert KEY not in post.path and "Authorization" not in post.headers


async def test_unsigned_keys_send_only_the_key_header(recording_server: RecordingServer) -> None:
    recording_server.replies.append(Reply(body=b"[]"))
    async with AsyncDetectify(v2_api_key=KEY, base_url=recording_server.url) as client:
        assert await client.v2.members.list() == []
    headers = recording_server.requests[0].headers
    assert headers["X-Detectify-Key"] == KEY and "X-Detectify-Signature" not in headers


def test_v2_credentials_fall_back_to_the_environment_and_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DETECTIFY_API_KEY", raising=False)
    monkeypatch.setenv("DETECTIFY_V2_API_KEY", KEY)
    monkeypatch.setenv("DETECTIFY_V2_SECRET_KEY", "not base64!")
    with pytest.raises(ValueError, match="v2_secret_key") as info:
        AsyncDetectify()
    assert "not base64!" not in str(info.value)
    monkeypatch.setenv("DETECTIFY_V2_SECRET_KEY", SECRET)
    client = AsyncDetectify()  # a v2-only client needs no v3 key
    assert KEY not in repr(client) and SECRET not in repr(client) and client.v2_signed is True


async def test_a_missing_key_fails_before_sending_naming_the_variable(recording_server: RecordingServer) -> None:
    async with AsyncDetectify("v3-key", base_url=recording_server.url) as client:
        with pytest.raises(ValueError, match="DETECTIFY_V2_API_KEY"):
            await client.v2.members.list()
    async with AsyncDetectify(v2_api_key=KEY, base_url=recording_server.url) as client:
        with pytest.raises(ValueError, match="DETECTIFY_API_KEY"):
            await client.connectors.external_id()
    assert recording_server.requests == []


async def test_marker_pagination_follows_has_more_and_next_marker(recording_server: RecordingServer) -> None:
    recording_server.replies += [
        Reply(body=b'{"vulnerabilities": [{"uuid": "1"}], "has_more": true, "next_marker": "m2"}'),
        Reply(body=b'{"vulnerabilities": [{"uuid": "2"}], "has_more": false}'),  # next_marker absent at the end
    ]
    async with AsyncDetectify(v2_api_key=KEY, base_url=recording_server.url) as client:
        got = [v.uuid async for v in client.v2.vulnerabilities.list(severity=["high", "critical"], page_size=1)]
    assert got == ["1", "2"]
    first, second = (r.path for r in recording_server.requests)
    assert "severity%5B%5D=high&severity%5B%5D=critical" in first and "pageSize=1" in first
    assert "marker=m2" in second and "severity%5B%5D=high" in second


async def test_has_more_without_a_marker_is_an_error_not_a_short_list(recording_server: RecordingServer) -> None:
    recording_server.replies.append(Reply(body=b'{"assets": [{"token": "1"}], "has_more": true}'))
    async with AsyncDetectify(v2_api_key=KEY, base_url=recording_server.url) as client:
        with pytest.raises(APIResponseValidationError, match="next_marker"):
            [a async for a in client.v2.assets.list()]


@pytest.mark.parametrize(
    ("status", "code", "error"),
    [(409, 1003, ConflictError), (423, 1011, LockedError), (403, 1009, PermissionDeniedError)],
)
async def test_v2_errors_are_typed_and_keep_the_code(
    recording_server: RecordingServer, status: int, code: int, error: type[Exception]
) -> None:
    body = json.dumps({"error": {"code": code, "message": "Nope", "more_info": "https://x"}}).encode()
    recording_server.replies.append(Reply(status=status, body=body))
    async with AsyncDetectify(v2_api_key=KEY, base_url=recording_server.url, max_retries=0) as client:
        with pytest.raises(error) as info:
            await client.v2.scans.start("p1")
    assert info.value.code == code and info.value.detail == "Nope"  # type: ignore[attr-defined]


def date_in(seconds: float) -> str:
    return email.utils.formatdate(time.time() + seconds, usegmt=True)


async def test_a_skewed_clock_is_corrected_once_from_the_date_header(recording_server: RecordingServer) -> None:
    refused = b'{"error": {"code": 1001, "message": "Unauthorized"}}'
    recording_server.replies += [
        Reply(status=401, body=refused, headers={"Date": date_in(120)}),
        Reply(body=b"[]", headers={"Date": date_in(120)}),
    ]
    async with AsyncDetectify(v2_api_key=KEY, v2_secret_key=SECRET, base_url=recording_server.url) as client:
        assert await client.v2.members.list() == []
    first, second = (int(r.headers["X-Detectify-Timestamp"]) for r in recording_server.requests)
    assert 115 <= second - first <= 125  # re-signed on the API's clock


async def test_a_clock_that_stays_off_is_reported_as_a_timestamp_problem(recording_server: RecordingServer) -> None:
    refused = b'{"error": {"code": 1001, "message": "Unauthorized"}}'
    recording_server.replies += [
        Reply(status=401, body=refused, headers={"Date": date_in(-300)}),
        Reply(status=401, body=refused, headers={"Date": date_in(-600)}),
    ]
    async with AsyncDetectify(v2_api_key=KEY, v2_secret_key=SECRET, base_url=recording_server.url) as client:
        with pytest.raises(ClockSkewError, match="clock") as info:
            await client.v2.members.list()
    assert "ahead" in str(info.value) and len(recording_server.requests) == 2


async def test_a_refused_key_with_a_good_clock_is_a_plain_authentication_error(
    recording_server: RecordingServer,
) -> None:
    refused = b'{"error": {"code": 1001, "message": "Unauthorized"}}'
    recording_server.replies.append(Reply(status=401, body=refused, headers={"Date": date_in(0)}))
    async with AsyncDetectify(v2_api_key=KEY, v2_secret_key=SECRET, base_url=recording_server.url) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.v2.members.list()
    assert type(info.value) is AuthenticationError and len(recording_server.requests) == 1

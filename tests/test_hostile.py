"""Hostile answers and odd arguments (issue 15): the only outcomes allowed are a correct result or our typed error;
never another exception, never a shorter list, never a secret in a message.

A hostile server is a few lines of ASGI that answers whatever the test says; hypothesis writes the answers.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import anyio
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectify import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AsyncDetectify,
    DetectifyError,
    InternalServerError,
    RateLimitError,
)
from detectify.testing import TEST_API_KEY, FakeDetectify, VirtualClock, serve

KEY = "hostile-test-key-0123456789"
V2_KEY = "0123456789abcdef0123456789abcdef"
BASE = "http://hostile.test/rest"
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Hostile:
    """Answers every request with the queued replies (the last one again once they run out); records paths."""

    def __init__(self, *replies: tuple[int, dict[str, str], bytes]) -> None:
        self.replies = list(replies)
        self.paths: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        self.paths.append(scope.get("raw_path", scope["path"].encode()).decode("latin-1"))  # as sent, still encoded
        status, headers, body = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        raw_headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        await send({"type": "http.response.start", "status": status, "headers": raw_headers})
        await send({"type": "http.response.body", "body": body})


def run(app: Hostile, call: Any, **options: Any) -> Any:
    """Run ``call(client)`` against ``app`` (virtual time: retries cost nothing) and return its result."""

    async def main() -> Any:
        clock = VirtualClock()
        client = AsyncDetectify(
            KEY, v2_api_key=V2_KEY, base_url=BASE, transport=httpx.ASGITransport(app=app), **options
        )
        async with clock.install(client):
            return await call(client)

    return anyio.run(main)


async def all_ips(client: AsyncDetectify) -> list[Any]:
    return [ip async for ip in client.ips.list()]


async def all_ip_dicts(client: AsyncDetectify) -> list[Any]:
    return [ip async for ip in client.ips.list().as_dicts()]


async def pulled(client: AsyncDetectify) -> list[Any]:
    async with client.pull_all(["ips"], as_dicts=True) as pull:
        return [record.item async for record in pull]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
IP = {"id": "ip-1", "ip_address": "192.0.2.1", "active": True, "first_seen_at": "2024-01-01T00:00:00Z"}
pagination_values = st.one_of(
    json_values,
    st.fixed_dictionaries({"next": json_values}),
    st.fixed_dictionaries({"next": st.sampled_from(["", "https://api.detectify.com/rest/v3/ips?cursor=c2", "x"])}),
)


def ok(body: bytes) -> tuple[int, dict[str, str], bytes]:
    return (200, {"content-type": "application/json"}, body)


# --- pages ------------------------------------------------------------------------------------------------------


@PROPERTY
@given(body=json_values)
@pytest.mark.parametrize("read", [all_ips, all_ip_dicts, pulled])
def test_any_json_as_a_list_page_gives_the_items_or_our_error(read: Any, body: Any) -> None:
    outcome = _outcome(Hostile(ok(json.dumps(body).encode())), read)
    if not isinstance(outcome, DetectifyError):
        assert (isinstance(body, dict) and outcome == []) or len(outcome) == len(body["items"])


@PROPERTY
@given(pagination=pagination_values, count=st.integers(0, 3))
@pytest.mark.parametrize("read", [all_ips, all_ip_dicts, pulled])
def test_pagination_that_is_not_what_the_spec_allows_never_ends_a_list_early(
    read: Any, pagination: Any, count: int
) -> None:
    first = {"items": [dict(IP, id=f"ip-{n}") for n in range(count)], "pagination": pagination}
    last = {"items": [dict(IP, id="ip-last")]}
    outcome = _outcome(Hostile(ok(json.dumps(first).encode()), ok(json.dumps(last).encode())), read)
    well_formed_end = isinstance(pagination, dict) and (pagination.get("next", "") == "" and isinstance(
        pagination.get("next", ""), str))  # fmt: skip
    if well_formed_end:
        assert not isinstance(outcome, DetectifyError) and len(outcome) == count
    elif isinstance(pagination, dict) and pagination.get("next") == "https://api.detectify.com/rest/v3/ips?cursor=c2":
        assert not isinstance(outcome, DetectifyError) and len(outcome) == count + 1  # page 2 was fetched
    else:
        assert isinstance(outcome, APIResponseValidationError), (pagination, outcome)


@PROPERTY
@given(body=st.binary(max_size=200))
def test_arbitrary_bytes_as_a_page_or_an_object_give_our_error(body: bytes) -> None:
    for read in (all_ips, all_ip_dicts, lambda c: c.connectors.get("c-1"), lambda c: c.v2.members.list()):
        outcome = _outcome(Hostile(ok(body)), read)
        assert isinstance(outcome, DetectifyError | list)


@PROPERTY
@given(body=json_values)
def test_any_json_as_a_single_object_gives_the_model_or_our_error(body: Any) -> None:
    for read in (
        lambda c: c.connectors.get("c-1"),
        lambda c: c.connectors.external_id(),
        lambda c: c.v2.members.list(),
    ):
        _outcome(Hostile(ok(json.dumps(body).encode())), read)


@PROPERTY
@given(more=json_values, marker=json_values)
def test_v2_has_more_must_be_a_real_boolean(more: Any, marker: Any) -> None:
    first = {"assets": [], "has_more": more, "next_marker": marker}
    last = {"assets": [{"name": "last.example", "token": "t-last"}], "has_more": False}

    async def read(client: AsyncDetectify) -> list[Any]:
        return [asset async for asset in client.v2.assets.list()]

    outcome = _outcome(Hostile(ok(json.dumps(first).encode()), ok(json.dumps(last).encode())), read)
    if more is True and isinstance(marker, str) and marker:
        assert not isinstance(outcome, DetectifyError) and len(outcome) == 1
    elif more is False and (marker is None or isinstance(marker, str)):
        assert outcome == []
    else:
        assert isinstance(outcome, APIResponseValidationError)


# --- error answers ----------------------------------------------------------------------------------------------


@PROPERTY
@given(status=st.integers(400, 599), body=st.one_of(json_values.map(lambda v: json.dumps(v).encode()), st.binary()))
def test_any_error_answer_is_our_typed_error_without_the_key(status: int, body: bytes) -> None:
    outcome = _outcome(Hostile((status, {"retry-after": "0"}, body)), lambda c: c.connectors.get("c-1"))
    assert isinstance(outcome, APIStatusError) and outcome.status_code == status
    assert KEY not in str(outcome) and KEY not in repr(outcome.__dict__)


@pytest.mark.parametrize("value", ["soon", "-5", "nan", "inf", "Tue, 99 Foo 2024", "1e400", " "])
def test_a_retry_after_that_is_no_wait_is_ignored_and_the_retry_still_happens(value: str) -> None:
    app = Hostile((503, {"retry-after": value}, b"{}"), ok(b'{"external_id": "e", "team_id": "t"}'))
    answer = run(app, lambda c: c.connectors.external_id())
    assert answer.external_id == "e" and len(app.paths) == 2


def test_a_rate_limit_with_a_garbage_retry_after_is_still_a_rate_limit_error() -> None:
    outcome = _outcome(Hostile((429, {"retry-after": "soon"}, b"{}")), lambda c: c.connectors.get("c"), max_retries=0)
    assert isinstance(outcome, RateLimitError) and outcome.retry_after is None


@pytest.mark.parametrize("status", [200, 500])
def test_json_nested_deeper_than_any_decoder_goes_is_our_error(status: int) -> None:
    body = b"[" * 200_000 + b"]" * 200_000
    outcome = _outcome(Hostile((status, {}, body)), all_ips, max_retries=0)
    assert isinstance(outcome, APIResponseValidationError if status == 200 else InternalServerError)


def _outcome(app: Hostile, read: Any, **options: Any) -> Any:
    """What ``read`` gave: its result, or the DetectifyError it raised (any other exception fails the test)."""
    try:
        return run(app, read, **options)
    except DetectifyError as exc:
        return exc


# --- keys, IDs and settings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["SECRET\nx", "SECRET\x00", "SEC RET", "SECRET\u200b", "SECRÉT", "\x7fSECRET"])
def test_a_key_with_a_control_or_invisible_character_is_refused_without_echoing_it(key: str) -> None:
    for options in ({"api_key": key}, {"api_key": {"team-a": key}}, {"v2_api_key": key, "api_key": "k"}):
        with pytest.raises(ValueError, match="character") as info:
            AsyncDetectify(**options)
        assert "SECRET" not in str(info.value) and "SEC RET" not in str(info.value)


def test_a_key_file_newline_is_stripped_and_the_key_sent_clean() -> None:
    app = Hostile(ok(b'{"external_id": "e", "team_id": "t"}'))
    seen: list[str] = []

    async def call(client: AsyncDetectify) -> Any:
        return await client.connectors.external_id()

    async def main() -> None:
        transport = httpx.ASGITransport(app=app)
        async with AsyncDetectify(KEY + "\n", base_url=BASE, transport=transport) as client:
            raw = await client.with_raw_response.connectors.external_id()
            seen.append(raw.http_response.request.headers["authorization"])

    anyio.run(main)
    assert seen == [KEY]


@pytest.mark.parametrize("bad", [".", "..", " .. ", "a\nb", "", "  "])
def test_an_id_that_would_change_the_path_is_refused_before_sending(bad: str) -> None:
    app = Hostile(ok(b"{}"))
    calls = [
        lambda c: c.connectors.delete(bad),
        lambda c: c.connectors.get(bad),
        lambda c: c.v2.scans.start(bad),
        lambda c: c.v2.assets.delete(bad),
        lambda c: c.v2.reports.latest(bad),
    ]
    for call in calls:
        with pytest.raises(ValueError, match=r"token|id"):
            run(app, call)
    assert app.paths == []


@PROPERTY
@given(value=st.text(max_size=12))
def test_any_connector_id_reaches_exactly_that_connector_or_is_refused(value: str) -> None:
    app = Hostile((204, {}, b""))
    try:
        run(app, lambda c: c.connectors.delete(value))
    except ValueError:
        assert app.paths == []
        return
    [path] = app.paths
    assert path.startswith("/rest/v3/connectors/") and path.count("/") == 4


@PROPERTY
@given(
    limit=st.one_of(st.none(), st.integers(-5, 2000), st.floats(), st.text(max_size=3), st.booleans()),
    when=st.one_of(st.none(), st.text(max_size=30), st.datetimes(), st.integers()),
    status=st.one_of(st.none(), st.text(max_size=8), st.lists(st.text(max_size=8), max_size=3), st.integers()),
    port=st.one_of(st.none(), st.integers(-2, 70000), st.lists(st.integers(-2, 70000), max_size=3), st.text()),
    cursor=st.one_of(st.none(), st.text(max_size=5), st.integers()),
)
def test_argument_checks_refuse_with_value_or_type_errors_and_send_nothing(
    limit: Any, when: Any, status: Any, port: Any, cursor: Any
) -> None:
    app = Hostile(ok(b'{"items": []}'))

    async def call(client: AsyncDetectify) -> Any:
        return await client.ports.list(limit=limit, first_seen_after=when, status=status, port=port, cursor=cursor)

    try:
        run(app, call)
    except (ValueError, TypeError):
        assert app.paths == []
    else:
        assert len(app.paths) == 1


def test_lower_case_port_statuses_are_refused_with_a_hint() -> None:
    with pytest.raises(ValueError, match="did you mean 'OPEN'"):
        AsyncDetectify("k").ports.list(status=["open"])


def test_a_base_url_with_credentials_is_refused_and_the_password_never_echoed() -> None:
    for url in ("https://user:hunter2@api.detectify.com/rest", "https://hunter2@api.detectify.com/rest"):
        with pytest.raises(ValueError, match="must not carry credentials") as info:
            AsyncDetectify("k", base_url=url)
        assert "hunter2" not in str(info.value)


def test_a_plain_http_base_url_to_another_host_warns_and_loopback_does_not() -> None:
    with pytest.warns(UserWarning, match="unencrypted"):
        AsyncDetectify("k", base_url="http://api.example.com/rest")
    for url in ("http://127.0.0.1:8000/rest", "http://localhost/rest", "http://[::1]:9/rest"):
        AsyncDetectify("k", base_url=url)  # no warning (pytest turns warnings into errors)


def test_the_repr_of_a_half_built_client_does_not_raise() -> None:
    client = AsyncDetectify.__new__(AsyncDetectify)
    assert repr(client) == "AsyncDetectify(<not configured>)"


# --- lower layers' text never carries a credential ------------------------------------------------------------


async def _hang(scope: Any, receive: Any, send: Any) -> None:
    await anyio.sleep(30)


@pytest.mark.anyio
async def test_a_timed_out_v2_request_chained_to_httpx_shows_no_v2_key() -> None:
    with serve(_hang) as url:
        async with AsyncDetectify(
            v2_api_key=V2_KEY, base_url=url + "/rest", timeout=httpx.Timeout(5.0, read=0.2), max_retries=0
        ) as client:
            with pytest.raises(APIConnectionError) as info:
                await client.v2.members.list()
    cause = info.value.__cause__
    assert isinstance(cause, httpx.TimeoutException)
    assert cause.request.headers["x-detectify-key"] == V2_KEY and V2_KEY not in repr(cause.request.headers)
    assert V2_KEY not in str(info.value)


def test_the_fake_server_and_a_sane_page_still_work_end_to_end() -> None:
    """The strict checks above do not refuse what the real (fake) API sends."""
    fake = FakeDetectify(seed=3, counts={"ips": 2100})

    async def main() -> tuple[int, int]:
        async with AsyncDetectify(TEST_API_KEY, base_url=BASE, transport=httpx.ASGITransport(app=fake)) as client:
            models = [ip async for ip in client.ips.list(first_seen_after=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))]
            dicts = [ip async for ip in client.ips.list().as_dicts()]
        return len(models), len(dicts)

    assert anyio.run(main) == (2100, 2100)
    assert not math.isnan(0.0)


def test_an_export_of_a_page_with_bad_pagination_fails_instead_of_exiting_0(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys

    page = {"items": [IP], "pagination": {"next": 5}}
    with serve(Hostile(ok(json.dumps(page).encode()))) as url:
        env = dict(os.environ, DETECTIFY_API_KEY=KEY, DETECTIFY_BASE_URL=url + "/rest")
        done = subprocess.run(
            [sys.executable, "-m", "detectify", "export", "ips", "--out", str(tmp_path / "out"), "--quiet"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert "pagination.next must be a string" in done.stderr and KEY not in done.stderr + done.stdout


def test_connector_options_that_fit_no_schema_are_refused_without_echoing_their_secrets() -> None:
    app = Hostile(ok(b"{}"))
    options = {"access_key": "AKIA-EXAMPLE", "secret_key": 12345678, "region": "eu"}
    with pytest.raises(ValueError, match=r"given: access_key, region, secret_key") as info:
        run(app, lambda c: c.connectors.create(name="n", provider="AWS_CRED_BASED", options=options))
    assert "AKIA-EXAMPLE" not in str(info.value) and "12345678" not in str(info.value) and app.paths == []

"""The facade (issue 4) against the fake Detectify server, in-process and over loopback, on asyncio and trio."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from conftest import RecordingServer, Reply

import detectify
from detectify import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncDetectify,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    ConnectorCreateAwsCredBasedInput,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TeamResolutionError,
    UnprocessableEntityError,
)
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, serve

pytestmark = pytest.mark.anyio

UTC = dt.UTC


@pytest.fixture
def app() -> FakeDetectify:
    return FakeDetectify(seed=7, teams=("team-a",), counts={"ips": 250, "ports": 120, "technologies": 40})


@pytest.fixture
async def client(app: FakeDetectify) -> AsyncIterator[AsyncDetectify]:
    async with AsyncDetectify(
        TEST_API_KEY, base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app), max_retries=0
    ) as c:
        yield c


@pytest.fixture
def live(app: FakeDetectify) -> Iterator[str]:
    with serve(app) as url:
        yield url


def _query(app: FakeDetectify, index: int = -1) -> dict[str, list[str]]:
    return parse_qs(app.requests[index].query, keep_blank_values=True)


# --- construction, configuration and lifecycle ------------------------------------------------------------------


def test_a_missing_key_is_a_clear_error_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DETECTIFY_API_KEY", raising=False)
    with pytest.raises(ValueError, match="DETECTIFY_API_KEY"):
        AsyncDetectify()


def test_settings_fall_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETECTIFY_API_KEY", "env-key")
    monkeypatch.setenv("DETECTIFY_BASE_URL", "https://example.test/rest/")
    monkeypatch.setenv("DETECTIFY_TEAM_ID", "team-x")
    client = AsyncDetectify()
    assert (client.base_url, client.team_id) == ("https://example.test/rest", "team-x")
    assert (
        AsyncDetectify("arg-key", base_url="https://other.test/rest", team_id="t").base_url == "https://other.test/rest"
    )


def test_default_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DETECTIFY_BASE_URL", raising=False)
    assert AsyncDetectify("k").base_url == "https://api.detectify.com/rest"


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"base_url": "ftp://x"}, "base_url"),
        ({"base_url": "not a url"}, "base_url"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_concurrency": 0}, "max_concurrency"),
        ({"timeout": 0}, "timeout"),
        ({"team_id": ""}, "team_id"),
    ],
)
def test_invalid_options_name_the_argument(kwargs: dict[str, Any], argument: str) -> None:
    with pytest.raises((ValueError, TypeError), match=argument):
        AsyncDetectify("k", **kwargs)


def test_a_bearer_prefixed_key_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValueError, match="Bearer") as info:
        AsyncDetectify("Bearer abc-secret")
    assert "abc-secret" not in str(info.value)


async def test_closing_twice_is_harmless_and_a_closed_client_refuses_work(app: FakeDetectify) -> None:
    client = AsyncDetectify(TEST_API_KEY, base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app))
    async with client:
        await client.connectors.external_id()
    await client.aclose()
    with pytest.raises(ClientClosedError, match="closed; create a new one"):
        await client.connectors.external_id()
    assert client.is_closed and len(app.requests) == 1


class _RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests to the fake server, keeping each request's per-request timeout."""

    def __init__(self, app: FakeDetectify) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.timeouts: list[dict[str, float | None]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.timeouts.append(request.extensions["timeout"])
        return await self.inner.handle_async_request(request)


async def test_every_request_carries_the_views_timeout(app: FakeDetectify) -> None:
    transport = _RecordingTransport(app)
    async with AsyncDetectify(TEST_API_KEY, base_url="http://fake.test/rest", transport=transport) as client:
        await client.connectors.external_id()
        [item async for item in client.with_options(timeout=2.5).ips.list(limit=100)]
    assert transport.timeouts[0] == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    assert transport.timeouts[1:] == [{"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}] * (
        len(transport.timeouts) - 1
    )


async def test_max_concurrency_bounds_requests_in_flight(app: FakeDetectify) -> None:
    in_flight = peak = 0

    async def counting(scope: Any, receive: Any, send: Any) -> None:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            await app(scope, receive, send)
        finally:
            in_flight -= 1

    import anyio

    app.faults.append(Fault("slow", delay=0.02, times=None))
    async with (
        AsyncDetectify(
            TEST_API_KEY,
            base_url="http://fake.test/rest",
            transport=httpx.ASGITransport(app=counting),
            max_concurrency=3,
        ) as client,
        anyio.create_task_group() as tg,
    ):
        for _ in range(12):
            tg.start_soon(client.connectors.external_id)
    assert peak == 3


# --- every operation ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", ["ips", "technologies", "ports", "breaches", "connectors"])
async def test_each_list_yields_every_item_exactly_once(
    client: AsyncDetectify, app: FakeDetectify, resource: str
) -> None:
    got = [item.id async for item in getattr(client, resource).list(limit=17)]
    expected = [item["id"] for item in app.items(resource)]
    assert got == expected
    assert len(set(got)) == len(got) > 0


async def test_items_are_the_generated_models_with_aware_datetimes(client: AsyncDetectify) -> None:
    ips = [ip async for ip in client.ips.list(limit=1000)]
    assert all(isinstance(ip, detectify.Ip) for ip in ips)
    stamps = [ip.first_seen_at for ip in ips if isinstance(ip.first_seen_at, dt.datetime)]
    assert stamps and all(s.tzinfo is not None for s in stamps)
    assert any(ip.disappeared_at is None for ip in ips) and any(
        isinstance(ip.disappeared_at, dt.datetime) for ip in ips
    )


async def test_connector_crud_and_external_id(client: AsyncDetectify, app: FakeDetectify) -> None:
    options = ConnectorCreateAwsCredBasedInput(access_key="AKIAEXAMPLE", secret_key="s3cr3t")
    created = await client.connectors.create(name="aws", provider="AWS_CRED_BASED", options=options)
    assert created.name == "aws" and created.provider == "AWS_CRED_BASED"
    assert json.loads(app.requests[-1].body) == {
        "name": "aws",
        "provider": "AWS_CRED_BASED",
        "options": {"access_key": "AKIAEXAMPLE", "secret_key": "s3cr3t"},
        "team_id": "team-a",  # discovered: the key's only team
    }
    fetched = await client.connectors.get(created.id)
    assert fetched.id == created.id
    assert created.id in [c.id async for c in client.connectors.list()]
    await client.connectors.delete(created.id)
    assert app.requests[-1].method == "DELETE" and app.requests[-1].status == 204
    with pytest.raises(NotFoundError):
        await client.connectors.get(created.id)
    external = await client.connectors.external_id()
    assert external.external_id and external.team_id == "team-a"


async def test_create_accepts_a_plain_mapping_and_the_team(client: AsyncDetectify, app: FakeDetectify) -> None:
    created = await client.connectors.create(
        name="cf", provider="CLOUDFLARE", options={"api_token": "tok"}, team_id="team-a"
    )
    assert created.team_id == "team-a"
    assert json.loads(app.requests[-1].body)["options"] == {"api_token": "tok"}
    assert json.loads(app.requests[-1].body)["team_id"] == "team-a"


async def test_external_id_sends_the_clients_team_id(app: FakeDetectify) -> None:
    async with AsyncDetectify(
        TEST_API_KEY, base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app), team_id="team-a"
    ) as client:
        await client.connectors.external_id()
    assert _query(app)["team_id"] == ["team-a"]


async def test_every_operation_over_loopback(app: FakeDetectify, live: str) -> None:
    async with AsyncDetectify(TEST_API_KEY, base_url=f"{live}/rest") as client:
        assert [i.id async for i in client.ips.list(limit=60)] == [i["id"] for i in app.items("ips")]
        assert len([t async for t in client.technologies.list()]) == len(list(app.items("technologies")))
        assert len([p async for p in client.ports.list(port=[443])]) > 0
        assert len([b async for b in client.breaches.list()]) == len(list(app.items("breaches")))
        created = await client.connectors.create(name="n", provider="NS1", options={"api_key": "k"})
        assert (await client.connectors.get(created.id)).name == "n"
        await client.connectors.delete(created.id)
        assert (await client.connectors.external_id()).team_id == "team-a"
    assert {r.path for r in app.requests} >= {"/rest/v3/ips", "/rest/v3/connectors/external-id"}


# --- filters on the wire -----------------------------------------------------------------------------------------


async def test_every_filter_goes_on_the_wire(client: AsyncDetectify, app: FakeDetectify) -> None:
    t1 = dt.datetime(2020, 1, 1, tzinfo=UTC)
    t2 = dt.datetime(2030, 1, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    [p async for p in client.ports.list(
        first_seen_after=t1, first_seen_before=t2, disappeared_after=t1, disappeared_before=t2,
        status=["OPEN", "CLOSED"], port=[80, 443], limit=5,
    )]  # fmt: skip
    query = app.requests[0].query
    assert "status=OPEN%2CCLOSED" in query and "port=80%2C443" in query
    assert _query(app, 0) == {
        "first_seen_after": ["2020-01-01T00:00:00Z"],
        "first_seen_before": ["2030-01-01T12:30:00+02:00"],
        "disappeared_after": ["2020-01-01T00:00:00Z"],
        "disappeared_before": ["2030-01-01T12:30:00+02:00"],
        "status": ["OPEN,CLOSED"],
        "port": ["80,443"],
        "limit": ["5"],
    }
    [b async for b in client.breaches.list(status_updated_after="2020-01-01T00:00:00Z", status_updated_before=t2)]
    assert _query(app)["status_updated_after"] == ["2020-01-01T00:00:00Z"]
    assert _query(app)["status_updated_before"] == ["2030-01-01T12:30:00+02:00"]


async def test_filters_select_what_the_server_says_they_select(client: AsyncDetectify, app: FakeDetectify) -> None:
    everything = list(app.items("ips"))
    boundary = everything[len(everything) // 2]["first_seen_at"]
    after = [ip.id async for ip in client.ips.list(first_seen_after=boundary)]
    assert after == [i["id"] for i in everything if i["first_seen_at"] > boundary]  # exclusive
    open_443 = [p.id async for p in client.ports.list(status="OPEN", port=443)]
    assert open_443 == [p["id"] for p in app.items("ports") if p["status"] == "OPEN" and p["port"] == 443]


async def test_the_same_filters_and_limit_are_resent_with_each_cursor(
    client: AsyncDetectify, app: FakeDetectify
) -> None:
    [ip async for ip in client.ips.list(first_seen_after="2000-01-01T00:00:00Z", limit=50)]
    assert len(app.requests) > 3
    for request in app.requests[1:]:
        q = parse_qs(request.query)
        assert q["limit"] == ["50"] and q["first_seen_after"] == ["2000-01-01T00:00:00Z"] and q["cursor"]


# --- argument checks before any request --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda c: c.ips.list(limit=0), "limit"),
        (lambda c: c.ips.list(limit=1001), "limit"),
        (lambda c: c.ips.list(limit="10"), "limit"),
        (lambda c: c.ports.list(port=[80, 70000]), "port"),
        (lambda c: c.ports.list(port=[-1]), "port"),
        (lambda c: c.ports.list(port=[]), "port"),
        (lambda c: c.ports.list(status=[""]), "status"),
        (lambda c: c.ips.list(first_seen_after=dt.datetime(2023, 1, 1)), "first_seen_after"),
        (lambda c: c.ips.list(disappeared_before="2023-01-01T00:00:00"), "disappeared_before"),
        (lambda c: c.breaches.list(status_updated_after="yesterday"), "status_updated_after"),
        (
            lambda c: c.ips.list(first_seen_after="2024-01-01T00:00:00Z", first_seen_before="2023-01-01T00:00:00Z"),
            "first_seen_after",
        ),
        (lambda c: c.ips.list(cursor=""), "cursor"),
        (lambda c: c.ips.list(colour="red"), "colour"),
    ],
)
async def test_bad_list_arguments_fail_before_sending_naming_the_argument(
    client: AsyncDetectify, app: FakeDetectify, call: Any, argument: str
) -> None:
    with pytest.raises((ValueError, TypeError), match=argument):
        call(client)
    assert app.requests == []


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"name": "", "provider": "GCP", "options": {}}, "name"),
        ({"name": "n", "provider": "GCP", "options": "x"}, "options"),
        ({"name": "n", "provider": "GCP", "options": {"nothing": "fits"}}, "options"),
        ({"name": "n", "provider": "GCP", "options": {"service_account_key": "{}"}, "team_id": ""}, "team_id"),
    ],
)
async def test_bad_create_arguments_fail_before_sending(
    client: AsyncDetectify, app: FakeDetectify, kwargs: dict[str, Any], argument: str
) -> None:
    with pytest.raises((ValueError, TypeError), match=argument):
        await client.connectors.create(**kwargs)
    with pytest.raises(ValueError, match="id"):
        await client.connectors.get("")
    assert app.requests == []


# --- pagination: pages, checkpoints, resume, loop guard ----------------------------------------------------------


async def test_pages_expose_items_and_cursors_and_resume_from_a_checkpoint(
    client: AsyncDetectify, app: FakeDetectify
) -> None:
    expected = [i["id"] for i in app.items("ips")]
    pages = [page async for page in client.ips.list(limit=40).pages()]
    assert [len(p.items) for p in pages] == [40] * 6 + [10]
    assert pages[-1].next_cursor is None and all(p.next_cursor for p in pages[:-1])
    assert [i.id for p in pages for i in p.items] == expected

    checkpoint = pages[2].next_cursor  # stop after three pages, resume later
    resumed = [ip.id async for ip in client.ips.list(limit=40, cursor=checkpoint)]
    assert resumed == expected[120:]


async def test_await_on_a_pager_fetches_the_first_page(client: AsyncDetectify, app: FakeDetectify) -> None:
    page = await client.ips.list(limit=10)
    assert [i.id for i in page.items] == [i["id"] for i in app.items("ips")][:10]
    assert page.next_cursor and len(app.requests) == 1


async def test_a_pager_is_single_use(client: AsyncDetectify) -> None:
    pager = client.connectors.list()
    [c async for c in pager]
    with pytest.raises(RuntimeError, match="already"):
        pager.__aiter__()


async def test_a_failed_page_carries_the_cursor_to_resume_from(client: AsyncDetectify, app: FakeDetectify) -> None:
    expected = [i["id"] for i in app.items("ips")]
    seen: list[str] = []
    app.faults.append(Fault("server_error", status=500, path="/v3/ips", after=3))

    async def pull() -> None:
        async for ip in client.ips.list(limit=25):
            seen.append(ip.id)

    with pytest.raises(InternalServerError) as info:
        await pull()
    assert len(seen) == 75 and info.value.cursor
    seen += [ip.id async for ip in client.ips.list(limit=25, cursor=info.value.cursor)]
    assert seen == expected


async def test_the_cursor_is_taken_from_next_and_never_the_host(recording_server: RecordingServer) -> None:
    recording_server.replies += [
        Reply(body=b'{"items": [{"id": "1"}], "pagination": {"next": "https://evil.test/v3/ips?cursor=c2&limit=9"}}'),
        Reply(body=b'{"items": [{"id": "2"}], "pagination": {}}'),
    ]
    async with AsyncDetectify("secret-key", base_url=recording_server.url, max_retries=0) as client:
        assert [ip.id async for ip in client.ips.list(limit=1)] == ["1", "2"]
    second = recording_server.requests[1]
    assert parse_qs(urlsplit(second.path).query) == {"cursor": ["c2"], "limit": ["1"]}
    assert second.headers["Authorization"] == "secret-key"


async def test_the_same_cursor_twice_raises_instead_of_looping(recording_server: RecordingServer) -> None:
    page = b'{"items": [{"id": "1"}], "pagination": {"next": "http://x/v3/ips?cursor=same"}}'
    recording_server.replies += [Reply(body=page), Reply(body=page), Reply(body=page)]
    async with AsyncDetectify("k", base_url=recording_server.url, max_retries=0) as client:
        with pytest.raises(APIResponseValidationError, match="same"):
            [ip async for ip in client.ips.list()]
    assert len(recording_server.requests) == 2


# --- forward-compatible and malformed responses ------------------------------------------------------------------


async def test_unknown_enum_values_extra_fields_and_nulls_parse() -> None:
    app = FakeDetectify(seed=3, drift=True, counts={"ports": 60, "breaches": 30, "ips": 30})
    async with AsyncDetectify(
        TEST_API_KEY, base_url="http://f/rest", transport=httpx.ASGITransport(app=app), max_retries=0
    ) as client:
        ports = [p async for p in client.ports.list()]
        breaches = [b async for b in client.breaches.list()]
    assert len(ports) == 60 and len(breaches) == 30
    known = {"OPEN", "CLOSED"}
    assert any(p.status not in known for p in ports)
    assert any(p.additional_properties for p in ports)


@pytest.mark.parametrize(
    "body",
    [
        b"<html>not json</html>",
        b'{"items": "not a list"}',
        b'{"items": [{"no_id": true}]}',
        b'{"items": [{"id": "1", "first_seen_at": 12}]}',
        b"[]",
    ],
)
async def test_a_page_that_cannot_be_parsed_raises_with_the_raw_body(
    recording_server: RecordingServer, body: bytes
) -> None:
    recording_server.replies.append(Reply(body=body))
    async with AsyncDetectify("k", base_url=recording_server.url, max_retries=0) as client:
        with pytest.raises(APIResponseValidationError) as info:
            [ip async for ip in client.ips.list()]
    assert info.value.body == body


# --- errors --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault("server_error", status=400), BadRequestError),
        (Fault("server_error", status=403), PermissionDeniedError),
        (Fault("server_error", status=404), NotFoundError),
        (Fault("server_error", status=409), ConflictError),
        (Fault("server_error", status=422), UnprocessableEntityError),
        (Fault("rate_limit", retry_after=7), RateLimitError),
        (Fault("server_error", status=500), InternalServerError),
        (Fault("gateway_error", status=502), InternalServerError),
        (Fault("html_error", status=520), InternalServerError),
        (Fault("server_error", status=418), APIStatusError),
    ],
)
async def test_error_statuses_map_to_typed_errors(
    client: AsyncDetectify, app: FakeDetectify, fault: Fault, error: type[APIStatusError]
) -> None:
    fault = dataclasses.replace(fault)  # a fresh copy per backend: faults count what they fired
    app.faults.append(fault)
    with pytest.raises(error) as info:
        await client.connectors.external_id()
    exc = info.value
    assert type(exc) is error
    assert exc.status_code == (fault.status or 429)
    assert exc.request_id and exc.request_id in str(exc)
    assert exc.method == "GET" and exc.url and exc.url.endswith("/v3/connectors/external-id")
    if fault.kind == "gateway_error":
        assert exc.detail == "Internal server error" and exc.body == {"message": "Internal server error"}
    elif fault.kind == "html_error":
        assert isinstance(exc.body, str) and exc.detail and exc.title is None
    else:
        assert isinstance(exc.body, dict) and exc.status_code == exc.body["status"]
        assert exc.title and exc.detail and exc.type
    if isinstance(exc, RateLimitError):
        assert exc.retry_after == 7.0


async def test_a_wrong_key_is_an_authentication_error(app: FakeDetectify) -> None:
    async with AsyncDetectify(
        "wrong-key", base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app)
    ) as client:
        with pytest.raises(AuthenticationError) as info:
            [ip async for ip in client.ips.list()]
    assert info.value.status_code == 401 and info.value.retries == 0
    assert "wrong-key" not in str(info.value)


async def test_a_multi_team_key_without_team_is_a_team_resolution_error() -> None:
    app = FakeDetectify(teams=("t1", "t2"))
    async with AsyncDetectify(
        TEST_API_KEY, base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app)
    ) as client:
        with pytest.raises(TeamResolutionError, match="team_id") as info:
            await client.connectors.external_id()
    assert info.value.team_ids == ("t1", "t2")
    assert isinstance(info.value.__cause__, BadRequestError)  # the API's own answer, kept


def test_v2_error_bodies_populate_the_same_fields() -> None:
    body = b'{"error": {"code": 1009, "message": "Not available on your plan", "more_info": "https://x/1009"}}'
    exc = detectify.errors.status_error(403, body, {"X-Request-Id": "r1"})
    assert isinstance(exc, PermissionDeniedError)
    assert (exc.code, exc.detail, exc.type, exc.request_id) == (
        1009,
        "Not available on your plan",
        "https://x/1009",
        "r1",
    )


async def test_a_cut_connection_is_a_connection_error(app: FakeDetectify, live: str) -> None:
    app.faults.append(Fault("drop_connection"))
    async with AsyncDetectify(TEST_API_KEY, base_url=live, max_retries=0) as client:
        with pytest.raises(APIConnectionError) as info:
            [ip async for ip in client.ips.list()]
    assert not isinstance(info.value, APITimeoutError)


async def test_a_refused_connection_is_a_connection_error_not_sent() -> None:
    async with AsyncDetectify("k", base_url="http://127.0.0.1:9", max_retries=0) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.connectors.external_id()
    assert info.value.request_sent is False


async def test_a_slow_answer_is_a_timeout(app: FakeDetectify, live: str) -> None:
    app.faults.append(Fault("slow", delay=1.0))
    async with AsyncDetectify(TEST_API_KEY, base_url=live, max_retries=0, timeout=0.2) as client:
        with pytest.raises(APITimeoutError):
            await client.connectors.external_id()


# --- the key stays secret ------------------------------------------------------------------------------------------

SECRET = "5f0c1d9e-7b6e-4562-8529-ff0b1e908a5b"


async def test_the_key_never_appears_in_reprs_errors_or_logs(
    recording_server: RecordingServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    recording_server.replies += [
        Reply(status=503, body=b'{"title": "Unavailable", "detail": "try later"}', headers={"Retry-After": "0"}),
        Reply(status=401, body=b'{"message": "Unauthorized"}'),
    ]
    client = AsyncDetectify(SECRET, base_url=recording_server.url, max_retries=1)
    async with client:
        with pytest.raises(AuthenticationError) as info:
            await client.connectors.external_id()
    assert recording_server.requests[0].headers["Authorization"] == SECRET  # it is sent, raw
    texts = [repr(client), str(client), str(info.value), repr(info.value), repr(client.with_options()), caplog.text]
    texts += [repr(info.value.__dict__)]
    assert not [t for t in texts if SECRET in t]
    assert "retrying GET /v3/connectors/external-id (attempt 2 of 2)" in caplog.text

"""Retries, backoff, the client-wide pause on 429, rate limiting and resumable pulls (issue 5).

Time is virtual: the client and the fake server share a ``VirtualClock``, so waits finish at once while the server
still records when, in client time, each request arrived.
"""

from __future__ import annotations

import email.utils
import itertools
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest
from conftest import RecordingServer, Reply

from detectify import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncDetectify,
    AuthenticationError,
    InternalServerError,
    RateLimitError,
)
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, VirtualClock, serve

pytestmark = pytest.mark.anyio

RESOURCES = ("ips", "technologies", "ports", "breaches", "connectors")


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def app(clock: VirtualClock) -> FakeDetectify:
    return FakeDetectify(seed=11, clock=clock, counts={"ips": 200, "ports": 300, "technologies": 120, "breaches": 90})


def make_client(app: Any, clock: VirtualClock, **options: Any) -> AsyncDetectify:
    client = AsyncDetectify(
        TEST_API_KEY, base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app), **options
    )
    return clock.install(client)


@pytest.fixture
async def client(app: FakeDetectify, clock: VirtualClock) -> AsyncIterator[AsyncDetectify]:
    async with make_client(app, clock) as c:
        yield c


def gaps(app: FakeDetectify) -> list[float]:
    times = [r.time for r in app.requests]
    return [round(b - a, 6) for a, b in itertools.pairwise(times)]


# --- waiting ---------------------------------------------------------------------------------------------------


async def test_a_429_is_retried_after_its_retry_after(
    client: AsyncDetectify, app: FakeDetectify, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="detectify")
    app.faults.append(Fault("rate_limit", retry_after=7))
    external = await client.connectors.external_id()
    assert external.team_id == "team-a"
    assert [r.status for r in app.requests] == [429, 200] and gaps(app) == [7.0]
    [line] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")]
    assert "GET /v3/connectors/external-id (attempt 2 of 5) in 7.00s" in line
    assert "429" in line and "00000000-0000-4000-8000-000000000001" in line  # the reason and the request id


async def test_retry_after_as_an_http_date(recording_server: RecordingServer, clock: VirtualClock) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    recording_server.replies += [Reply(status=503, headers={"Retry-After": when}), Reply(body=b'{"external_id": "x"}')]
    async with AsyncDetectify("k", base_url=recording_server.url) as client:
        clock.install(client)
        await client.connectors.external_id()
    assert len(clock.slept) == 1 and 28 < clock.slept[0] <= 30


async def test_retry_after_is_capped_by_max_retry_wait(app: FakeDetectify, clock: VirtualClock) -> None:
    app.faults.append(Fault("rate_limit", retry_after=3600))
    async with make_client(app, clock, max_retry_wait=10) as client:
        await client.connectors.external_id()
    assert gaps(app) == [10.0]


async def test_without_retry_after_the_backoff_is_exponential_with_full_jitter(
    client: AsyncDetectify, app: FakeDetectify, clock: VirtualClock
) -> None:
    app.faults.append(Fault("server_error", status=503, times=4))
    await client.connectors.external_id()
    assert [r.status for r in app.requests] == [503] * 4 + [200]
    caps = [0.5, 1.0, 2.0, 4.0]
    assert len(clock.slept) == 4 and all(0 <= s <= cap for s, cap in zip(clock.slept, caps, strict=True))


async def test_a_5xx_burst_during_a_pull_is_absorbed(client: AsyncDetectify, app: FakeDetectify) -> None:
    app.faults += [
        Fault("server_error", status=502, path="/v3/ports", after=1, times=2),
        Fault("gateway_error", status=504, path="/v3/ports", after=4),
        Fault("server_error", status=500, path="/v3/ports", after=6),
    ]
    got = [p.id async for p in client.ports.list(limit=50)]
    assert got == [p["id"] for p in app.items("ports")]
    assert sorted(r.status for r in app.requests if r.status != 200) == [500, 502, 502, 504]


# --- what is retried -------------------------------------------------------------------------------------------


async def test_exhausted_retries_raise_the_typed_error_with_the_count(app: FakeDetectify, clock: VirtualClock) -> None:
    app.faults.append(Fault("server_error", status=503, times=None))
    async with make_client(app, clock, max_retries=2) as client:
        with pytest.raises(InternalServerError) as info:
            await client.connectors.external_id()
    assert info.value.status_code == 503 and info.value.retries == 2 and len(app.requests) == 3


async def test_exhausted_rate_limits_raise_rate_limit_error(app: FakeDetectify, clock: VirtualClock) -> None:
    app.faults.append(Fault("rate_limit", retry_after=2, times=None))
    async with make_client(app, clock, max_retries=3) as client:
        with pytest.raises(RateLimitError) as info:
            await client.ips.list()
    assert info.value.retries == 3 and info.value.retry_after == 2.0 and len(app.requests) == 4


async def test_the_retry_budget_stops_retrying_before_a_wait_that_would_overrun_it(
    app: FakeDetectify, clock: VirtualClock
) -> None:
    app.faults.append(Fault("rate_limit", retry_after=20, times=None))
    async with make_client(app, clock, max_retries=10, retry_budget=50) as client:
        with pytest.raises(RateLimitError) as info:
            await client.connectors.external_id()
    assert info.value.retries == 2 and gaps(app) == [20.0, 20.0]  # a third wait would end at 60 s > 50 s


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
async def test_client_errors_are_not_retried(client: AsyncDetectify, app: FakeDetectify, status: int) -> None:
    app.faults.append(Fault("server_error", status=status))
    with pytest.raises(APIStatusError) as info:
        await client.connectors.external_id()
    assert len(app.requests) == 1 and info.value.retries == 0 and info.value.status_code == status


async def test_a_get_is_retried_on_500_but_a_post_is_not(client: AsyncDetectify, app: FakeDetectify) -> None:
    app.faults.append(Fault("server_error", status=500, times=None, method="POST"))
    with pytest.raises(InternalServerError) as info:
        await client.connectors.create(name="n", provider="NS1", options={"api_key": "k"}, team_id="team-a")
    assert info.value.retries == 0 and [r.method for r in app.requests] == ["POST"]
    app.faults[:] = [Fault("server_error", status=500, path="/v3/connectors")]
    assert [c async for c in client.connectors.list()]
    assert [r.status for r in app.requests[1:]] == [500, 200]


@pytest.mark.parametrize("fault", ["rate_limit", "server_error"])  # 429 and 503: refused before processing
async def test_a_post_is_retried_when_it_provably_was_not_processed(
    client: AsyncDetectify, app: FakeDetectify, fault: Any
) -> None:
    app.faults.append(Fault(fault, method="POST", retry_after=1 if fault == "rate_limit" else None))
    created = await client.connectors.create(name="n", provider="NS1", options={"api_key": "k"}, team_id="team-a")
    assert [r.status for r in app.requests] == [429 if fault == "rate_limit" else 503, 201]
    assert [c["id"] for c in app.items("connectors")].count(created.id) == 1


async def test_a_post_cut_after_sending_is_not_retried(app: FakeDetectify) -> None:
    app.faults.append(Fault("drop_connection", method="POST"))
    with serve(app) as url:
        async with AsyncDetectify(TEST_API_KEY, base_url=url) as client:
            with pytest.raises(APIConnectionError) as info:
                await client.connectors.create(name="n", provider="NS1", options={"api_key": "k"}, team_id="team-a")
    assert info.value.request_sent and info.value.retries == 0 and len(app.requests) == 1


async def test_a_refused_connection_is_retried_even_for_a_post(clock: VirtualClock) -> None:
    async with AsyncDetectify("k", base_url="http://127.0.0.1:9", max_retries=2) as client:
        clock.install(client)
        with pytest.raises(APIConnectionError) as info:
            await client.connectors.create(name="n", provider="NS1", options={"api_key": "k"}, team_id="team-a")
    assert info.value.request_sent is False and info.value.retries == 2


# --- pagination resumes ----------------------------------------------------------------------------------------


async def test_a_connection_cut_mid_pagination_re_requests_the_same_page(app: FakeDetectify) -> None:
    app.faults.append(Fault("drop_connection", path="/v3/ips", after=2, times=2))
    with serve(app) as url:
        async with AsyncDetectify(TEST_API_KEY, base_url=url, max_retries=3) as client:
            VirtualClock().install(client)
            got = [ip.id async for ip in client.ips.list(limit=30)]
    assert got == [i["id"] for i in app.items("ips")]
    third = [r.query for r in app.requests[2:5]]
    assert len(set(third)) == 1 and "cursor=" in third[0]  # the failed page, asked for again with the same cursor


async def test_a_pull_interrupted_for_good_resumes_from_the_errors_cursor(
    client: AsyncDetectify, app: FakeDetectify
) -> None:
    app.faults.append(Fault("server_error", status=503, path="/v3/ports", after=3, times=None))
    seen: list[str] = []

    async def pull(cursor: str | None = None) -> None:
        async for port in client.ports.list(limit=40, cursor=cursor):
            seen.append(port.id)

    with pytest.raises(InternalServerError) as info:
        await pull()
    assert info.value.retries == 4 and info.value.cursor and len(seen) == 120
    app.faults.clear()
    await pull(info.value.cursor)
    assert seen == [p["id"] for p in app.items("ports")]


# --- the whole client backs off together -----------------------------------------------------------------------


async def test_a_429_pauses_every_pager_of_the_client(app: FakeDetectify, clock: VirtualClock) -> None:
    app.faults += [
        Fault("slow", delay=0.01, times=None),  # requests take (virtual) time, so arrivals spread out
        Fault("rate_limit", retry_after=5, after=12),
    ]
    got: dict[str, list[str]] = {}

    async def pull(resource: str) -> None:
        got[resource] = [item.id async for item in getattr(client, resource).list(limit=20)]

    async with make_client(app, clock, max_concurrency=5) as client, anyio.create_task_group() as pulls:
        for resource in RESOURCES:
            pulls.start_soon(pull, resource)

    for resource in RESOURCES:
        assert got[resource] == [i["id"] for i in app.items(resource)]
    [limited] = [r for r in app.requests if r.status == 429]  # one 429: the others never ran into the limit
    after_429 = app.requests[app.requests.index(limited) + 1 :]
    during_pause = [r for r in after_429 if r.time < limited.time + 5]
    assert len(during_pause) <= 4  # at most the requests already in flight (max_concurrency - 1)
    assert len([r for r in app.requests if r.time >= limited.time + 5]) > 20  # the pull went on afterwards


async def test_under_a_throttling_gateway_a_concurrent_pull_of_everything_completes_exactly_once(
    app: FakeDetectify, clock: VirtualClock
) -> None:
    app.faults += [Fault("slow", delay=0.005, times=None), Fault("request_rate", rate=20)]
    got: dict[str, list[str]] = {}

    async def pull(resource: str) -> None:
        got[resource] = [item.id async for item in getattr(client, resource).list(limit=10)]

    async with make_client(app, clock, max_concurrency=8) as client, anyio.create_task_group() as pulls:
        for resource in RESOURCES:
            pulls.start_soon(pull, resource)

    for resource in RESOURCES:
        assert got[resource] == [i["id"] for i in app.items(resource)]
    statuses = [r.status for r in app.requests]
    assert statuses.count(429) >= 1
    assert statuses.count(200) == sum(-(-len(list(app.items(r))) // 10) for r in RESOURCES)


async def test_a_client_side_rate_limit_spaces_every_request(app: FakeDetectify, clock: VirtualClock) -> None:
    started = clock.now()

    async def pull_ports() -> None:
        assert len([p async for p in client.ports.list(limit=100)]) == 300  # 3 pages

    async with make_client(app, clock, rate_limit=4) as client, anyio.create_task_group() as calls:
        calls.start_soon(pull_ports)
        for _ in range(3):
            calls.start_soon(client.connectors.external_id)
    arrivals = sorted(r.time - started for r in app.requests)
    # never faster than 4 per second, pagination included (without pacing they would all arrive at once)
    assert len(arrivals) == 6 and all(t >= 0.25 * i - 1e-9 for i, t in enumerate(arrivals))


# --- per-call options, connections --------------------------------------------------------------------------------


async def test_with_options_shares_the_pool_and_changes_only_that_view(
    client: AsyncDetectify, app: FakeDetectify
) -> None:
    no_retries = client.with_options(max_retries=0, timeout=2.5)
    assert no_retries.shares_pool_with(client) and no_retries.max_retries == 0 and client.max_retries == 4
    app.faults.append(Fault("server_error", status=503))
    with pytest.raises(InternalServerError):
        await no_retries.connectors.external_id()
    app.faults.append(Fault("server_error", status=503))
    await client.connectors.external_id()  # the original still retries
    assert [r.status for r in app.requests] == [503, 503, 200]
    with pytest.raises(TypeError, match="max_concurrency"):
        client.with_options(max_concurrency=3)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="max_retries"):
        client.with_options(max_retries=-1)


async def test_a_views_timeout_applies_to_its_requests_only() -> None:
    app = FakeDetectify()  # real time: the timeout is httpx's own
    app.faults.append(Fault("slow", delay=0.5, times=None, path="/v3/connectors/external-id"))
    with serve(app) as url:
        async with AsyncDetectify(TEST_API_KEY, base_url=url, max_retries=0, timeout=5) as client:
            with pytest.raises(APITimeoutError):
                await client.with_options(timeout=0.1).connectors.external_id()
            assert (await client.connectors.external_id()).team_id == "team-a"


async def test_no_connection_leaks_after_many_retries(app: FakeDetectify) -> None:
    app.faults += [
        Fault("server_error", status=503, times=40),
        Fault("drop_connection", times=10),
    ]
    with serve(app) as url:
        async with (
            httpx.AsyncClient() as http,
            AsyncDetectify(
                TEST_API_KEY,
                base_url=url,
                max_concurrency=2,
                max_retries=60,
                retry_budget=100_000,
                timeout=httpx.Timeout(5, pool=1),
                http_client=http,
            ) as client,
        ):
            VirtualClock().install(client)
            async with anyio.create_task_group() as calls:
                for _ in range(10):
                    calls.start_soon(client.connectors.external_id)
            connections = http._transport._pool.connections  # type: ignore[attr-defined]
            assert len(connections) <= 2 and all(c.is_idle() for c in connections)
    assert sum(1 for r in app.requests if r.status == 200 and not r.dropped) == 10


async def test_authentication_errors_are_not_retried_and_do_not_pause(
    client: AsyncDetectify, app: FakeDetectify
) -> None:
    clock = VirtualClock()
    clock.install(client)
    app.api_keys.clear()
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            await client.connectors.external_id()
    assert len(app.requests) == 2 and clock.slept == []  # no retry, and the next call did not wait either

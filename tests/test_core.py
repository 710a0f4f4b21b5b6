"""The request path (issue 14): the retry hook, raw responses and page headers, the caller's own httpx client,
end-to-end deadlines, the 429 pause against a call's budget, and each misuse error."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest

from detectify import (
    APITimeoutError,
    AsyncDetectify,
    ClientClosedError,
    Connector,
    EventLoopError,
    InsecureBaseURLWarning,
    InternalServerError,
    Page,
    RateLimitError,
    RawResponse,
    RetryEvent,
)
from detectify.testing import (
    TEST_API_KEY,
    TEST_V2_SECRET,
    TEST_V2_SIGNED_KEY,
    FakeDetectify,
    Fault,
    VirtualClock,
    serve,
)

pytestmark = pytest.mark.anyio
BASE = "http://fake.test/rest"


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def app(clock: VirtualClock) -> FakeDetectify:
    return FakeDetectify(seed=5, clock=clock, counts={"ips": 250, "connectors": 3})


def make_client(app: Any, clock: VirtualClock | None = None, **options: Any) -> AsyncDetectify:
    client = AsyncDetectify(TEST_API_KEY, base_url=BASE, transport=httpx.ASGITransport(app=app), **options)
    return clock.install(client) if clock is not None else client


@pytest.fixture
async def client(app: FakeDetectify, clock: VirtualClock) -> AsyncIterator[AsyncDetectify]:
    async with make_client(app, clock) as c:
        yield c


# --- on_retry --------------------------------------------------------------------------------------------------


async def test_on_retry_is_called_before_each_wait_with_the_event(app: FakeDetectify, clock: VirtualClock) -> None:
    events: list[RetryEvent] = []
    app.faults.append(Fault("server_error", status=503, times=2, path="/v3/connectors/external-id"))
    async with make_client(app, clock, on_retry=events.append) as client:
        await client.connectors.external_id()
    assert [(e.method, e.path, e.attempt) for e in events] == [
        ("GET", "/v3/connectors/external-id", 1),
        ("GET", "/v3/connectors/external-id", 2),
    ]
    assert all(isinstance(e.error, InternalServerError) and e.error.status_code == 503 for e in events)
    assert [e.wait for e in events] == clock.slept  # the event says how long the SDK then waited


async def test_on_retry_may_be_async_and_a_view_can_set_its_own(client: AsyncDetectify, app: FakeDetectify) -> None:
    seen: list[int] = []

    async def hook(event: RetryEvent) -> None:
        await anyio.lowlevel.checkpoint()
        seen.append(event.attempt)

    app.faults.append(Fault("rate_limit", retry_after=2, times=1))
    await client.with_options(on_retry=hook).connectors.list()
    app.faults.append(Fault("rate_limit", retry_after=2, times=1))
    await client.connectors.list()  # the client itself has no hook: nothing more is seen
    assert seen == [1]


def test_on_retry_must_be_callable() -> None:
    with pytest.raises(TypeError, match="on_retry"):
        AsyncDetectify("k", on_retry="print")  # type: ignore[arg-type]


# --- raw responses and page headers -------------------------------------------------------------------------------


async def test_with_raw_response_gives_status_headers_request_id_and_the_parsed_result(client: AsyncDetectify) -> None:
    plain = (await client.connectors.list()).items[0]
    raw = await client.with_raw_response.connectors.get(plain.id)
    assert isinstance(raw, RawResponse) and raw.status_code == 200
    assert raw.request_id is not None and raw.headers["x-amzn-requestid"] == raw.request_id
    assert raw.http_response.request.url.path == f"/rest/v3/connectors/{plain.id}"
    assert isinstance(raw.parse(), Connector) and raw.parse() == await client.connectors.get(plain.id)
    deleted = await client.with_raw_response.connectors.delete(plain.id)
    assert deleted.status_code == 204 and deleted.parse() is None


async def test_a_raw_list_is_its_first_page_and_pages_carry_headers(client: AsyncDetectify) -> None:
    raw = await client.with_raw_response.ips.list(limit=100)
    page = raw.parse()
    assert isinstance(page, Page) and len(page.items) == 100 and page.next_cursor is not None
    assert page.request_id == raw.request_id is not None
    ids = [p.request_id async for p in client.ips.list(limit=100).pages()]
    assert len(ids) == 3 and len(set(ids)) == 3 and all(ids)


async def test_concurrent_raw_calls_each_get_their_own_response(client: AsyncDetectify) -> None:
    connectors = [c async for c in client.connectors.list()]
    results: dict[str, RawResponse[Connector]] = {}

    async def get(connector_id: str) -> None:
        results[connector_id] = await client.with_raw_response.connectors.get(connector_id)

    async with anyio.create_task_group() as group:
        for connector in connectors:
            group.start_soon(get, connector.id)
    assert {cid: raw.parse().id for cid, raw in results.items()} == {c.id: c.id for c in connectors}
    assert all(raw.http_response.request.url.path.endswith(cid) for cid, raw in results.items())


async def test_raw_v2_responses_mask_the_v2_credentials_in_reprs(app: FakeDetectify) -> None:
    async with AsyncDetectify(
        v2_api_key=TEST_V2_SIGNED_KEY,
        v2_secret_key=TEST_V2_SECRET,
        base_url=BASE,
        transport=httpx.ASGITransport(app=app),
    ) as client:
        raw = await client.with_raw_response.v2.members.list()
    headers = raw.http_response.request.headers
    assert headers["x-detectify-key"] == TEST_V2_SIGNED_KEY  # sent
    assert TEST_V2_SIGNED_KEY not in repr(headers) and headers["x-detectify-signature"] not in repr(headers)


# --- the caller's own httpx client --------------------------------------------------------------------------------


async def test_a_callers_http_client_is_used_with_our_auth_and_left_open(app: FakeDetectify) -> None:
    hooked: list[str] = []

    async def on_request(request: httpx.Request) -> None:
        hooked.append(request.url.path)

    http = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://elsewhere.test",  # ignored: the SDK sends absolute URLs to its own base_url
        headers={"X-Trace": "abc"},
        event_hooks={"request": [on_request]},
    )
    async with http:
        with pytest.warns(InsecureBaseURLWarning):  # plain http to a host other than this one
            client = AsyncDetectify(TEST_API_KEY, base_url=BASE, http_client=http)
        async with client:
            assert [c async for c in client.connectors.list()]
        assert not http.is_closed  # ours to close, not the SDK's
        response = await http.get("/anything")  # and still usable
    assert hooked[0] == "/rest/v3/connectors" and hooked[-1] == "/anything"
    sent = app.requests[0]
    assert sent.headers["authorization"] == TEST_API_KEY and sent.headers["x-trace"] == "abc"
    assert response.status_code == 401 and "authorization" not in app.requests[-1].headers  # no key outside calls


def test_transport_and_http_client_are_exclusive() -> None:
    with pytest.raises(ValueError, match="not both"):
        AsyncDetectify(
            "k", transport=httpx.MockTransport(lambda r: httpx.Response(200)), http_client=httpx.AsyncClient()
        )
    with pytest.raises(TypeError, match="http_client"):
        AsyncDetectify("k", http_client=object())  # type: ignore[arg-type]


# --- deadlines ----------------------------------------------------------------------------------------------------


async def _trickle(scope: Any, receive: Any, send: Any) -> None:
    """A server that answers at once, then sends its body one byte every 50 ms for 10 s."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    for _ in range(200):
        await send({"type": "http.response.body", "body": b" ", "more_body": True})
        await anyio.sleep(0.05)
    await send({"type": "http.response.body", "body": b'{"items": []}'})


async def test_the_timeout_bounds_an_attempt_end_to_end_against_a_trickling_server() -> None:
    with serve(_trickle) as url:
        async with AsyncDetectify(TEST_API_KEY, base_url=url + "/rest", timeout=0.5, max_retries=0) as client:
            with pytest.raises(APITimeoutError, match="end to end"):
                await client.ips.list()  # every read arrives well within 0.5 s; the whole never does


async def test_a_pause_past_a_calls_budget_fails_it_at_once(
    client: AsyncDetectify, app: FakeDetectify, clock: VirtualClock
) -> None:
    app.faults.append(Fault("rate_limit", retry_after=30, times=1))
    short = client.with_options(retry_budget=10)
    with pytest.raises(RateLimitError):
        await short.connectors.external_id()  # waiting 30 s would overrun its 10 s budget
    with pytest.raises(RateLimitError) as info:
        await short.connectors.external_id()  # the client is paused for 30 s: fail now, send nothing
    assert len(app.requests) == 1 and clock.now() < 1000 + 1
    assert info.value.retry_after is not None and 29 <= info.value.retry_after <= 30
    await client.connectors.external_id()  # the default 300 s budget waits the pause out
    assert len(app.requests) == 2 and app.requests[1].time >= app.requests[0].time + 30


# --- misuse -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("backends", [("asyncio", "asyncio"), ("asyncio", "trio"), ("trio", "trio")])
def test_a_client_used_from_a_second_event_loop_says_so(backends: tuple[str, str]) -> None:
    app = FakeDetectify(seed=1)
    client = make_client(app)

    async def call() -> None:
        await client.connectors.external_id()

    anyio.run(call, backend=backends[0])
    with pytest.raises(EventLoopError, match="one client per event loop"):
        anyio.run(call, backend=backends[1])
    assert len(app.requests) == 1


class _Gate(httpx.AsyncBaseTransport):
    """Holds each request until released, and says when one has arrived."""

    def __init__(self, app: FakeDetectify) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.arrived = anyio.Event()
        self.release = anyio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.arrived.set()
        await self.release.wait()
        return await self.inner.handle_async_request(request)


async def test_closing_a_client_while_a_call_is_in_flight_fails_that_call(app: FakeDetectify) -> None:
    gate = _Gate(app)
    client = AsyncDetectify(TEST_API_KEY, base_url=BASE, transport=gate)
    failures: list[BaseException] = []

    async def call() -> None:
        try:
            await client.connectors.external_id()
        except ClientClosedError as exc:
            failures.append(exc)

    async with anyio.create_task_group() as group:
        group.start_soon(call)
        await gate.arrived.wait()
        await client.aclose()
        gate.release.set()
    assert len(failures) == 1 and "in flight" in str(failures[0])


# --- settings are checked once, everywhere ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "argument"),
    [
        ({"timeout": math.nan}, "timeout"),
        ({"timeout": math.inf}, "timeout"),
        ({"timeout": httpx.Timeout(5.0, read=math.nan)}, "timeout.read"),
        ({"timeout": httpx.Timeout(None)}, "timeout"),
        ({"max_retry_wait": math.inf}, "max_retry_wait"),
        ({"retry_budget": -1}, "retry_budget"),
        ({"max_retries": 10**9}, "max_retries"),
        ({"team_id": "a\nb"}, "team_id"),
        ({"team_id": ".."}, "team_id"),
    ],
)
def test_with_options_runs_the_same_checks_as_the_constructor(options: dict[str, Any], argument: str) -> None:
    with pytest.raises((ValueError, TypeError), match=argument.replace(".", r"\.")):
        AsyncDetectify("k", **options)
    with pytest.raises((ValueError, TypeError), match=argument.replace(".", r"\.")):
        AsyncDetectify("k").with_options(**options)


@pytest.mark.parametrize(
    ("options", "argument"),
    [({"rate_limit": math.nan}, "rate_limit"), ({"rate_limit": 0}, "rate_limit"), ({"max_concurrency": 0}, "max_")],
)
def test_client_wide_numbers_are_finite_and_in_range(options: dict[str, Any], argument: str) -> None:
    with pytest.raises((ValueError, TypeError), match=argument):
        AsyncDetectify("k", **options)


def test_with_options_refuses_what_belongs_to_the_client() -> None:
    with pytest.raises(TypeError, match="rate_limit"):
        AsyncDetectify("k").with_options(rate_limit=3)  # type: ignore[call-arg]


async def test_a_page_body_is_freed_with_its_page_not_by_the_garbage_collector(app: FakeDetectify) -> None:
    # httpx's responses and their streams refer to each other; the session hands back a response of its own, so
    # a pull does not keep every page body alive until the collector runs (here: never, it is off).
    import gc

    def has_body(response: httpx.Response) -> bool:
        try:
            return response.content.startswith(b'{"items"')
        except httpx.ResponseNotRead:  # streamed, and the stream read elsewhere: holds no body
            return False

    def live_bodies() -> int:
        return sum(1 for o in gc.get_objects() if isinstance(o, httpx.Response) and has_body(o))

    gc.collect()
    gc.disable()
    try:
        async with make_client(app) as client:
            pages = 0
            async for _page in client.ips.list(limit=10).pages():
                pages += 1
                assert live_bodies() <= 1, f"page {pages}"
        assert pages == 25
    finally:
        gc.enable()

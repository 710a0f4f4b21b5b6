"""The fake Detectify server (issue 3), spoken to with plain httpx: its wire behaviour is what the SDK's tests trust."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, VirtualClock, serve

pytestmark = pytest.mark.anyio

BASE = "http://fake.test/rest"


def http(app: FakeDetectify, key: str | None = TEST_API_KEY) -> httpx.AsyncClient:
    headers = {"Authorization": key} if key else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE, headers=headers)


@pytest.fixture
def app() -> FakeDetectify:
    return FakeDetectify(seed=1, counts={"ips": 25, "ports": 300, "breaches": 60})


@pytest.fixture
async def api(app: FakeDetectify) -> AsyncIterator[httpx.AsyncClient]:
    async with http(app) as client:
        yield client


def assert_problem(response: httpx.Response, status: int, *words: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and body["type"]
    for word in words:
        assert word in body["detail"]
    return body


# --- pagination ------------------------------------------------------------------------------------------------


async def test_next_is_an_absolute_url_keeping_prefix_limit_and_filters(api: httpx.AsyncClient) -> None:
    first = (await api.get("/v3/ports", params={"limit": 7, "status": "OPEN"})).json()
    next_url = urlsplit(first["pagination"]["next"])
    assert (next_url.scheme, next_url.netloc, next_url.path) == ("http", "fake.test", "/rest/v3/ports")
    query = parse_qs(next_url.query)
    assert query["limit"] == ["7"] and query["status"] == ["OPEN"] and query["cursor"]
    assert len(first["items"]) == 7


async def test_following_next_visits_every_item_once_and_the_last_page_has_no_next(
    api: httpx.AsyncClient, app: FakeDetectify
) -> None:
    ids: list[str] = []
    url: str | None = "/v3/ports?limit=40"
    pages = 0
    while url:
        body = (await api.get(url)).json()
        ids += [item["id"] for item in body["items"]]
        url = body["pagination"].get("next")
        pages += 1
    assert ids == [item["id"] for item in app.items("ports")] and len(ids) == len(set(ids)) == 300
    assert pages == 8  # 7 full pages and one of 20; an exact multiple would not add an empty page


async def test_the_default_limit_is_100_and_the_same_url_works_without_rest(app: FakeDetectify) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://fake.test", headers={"Authorization": TEST_API_KEY}
    ) as api:
        body = (await api.get("/v3/ports")).json()
    assert len(body["items"]) == 100
    assert urlsplit(body["pagination"]["next"]).path == "/v3/ports"


async def test_a_cursor_from_another_list_or_garbage_is_refused(api: httpx.AsyncClient) -> None:
    next_url = (await api.get("/v3/ports", params={"limit": 1})).json()["pagination"]["next"]
    cursor = parse_qs(urlsplit(next_url).query)["cursor"][0]
    assert_problem(await api.get("/v3/ips", params={"cursor": cursor}), 400, "cursor")
    assert_problem(await api.get("/v3/ips", params={"cursor": "%%%"}), 400, "cursor")


# --- filters ---------------------------------------------------------------------------------------------------


async def all_items(api: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    url: str | None = path
    request_params: dict[str, Any] | None = {**params, "limit": 1000}
    while url:
        body = (await api.get(url, params=request_params)).json()
        items += body["items"]
        url, request_params = body["pagination"].get("next"), None
    return items


@pytest.mark.parametrize(
    ("name", "field", "after"),
    [
        ("first_seen_after", "first_seen_at", True),
        ("first_seen_before", "first_seen_at", False),
        ("disappeared_after", "disappeared_at", True),
        ("disappeared_before", "disappeared_at", False),
        ("status_updated_after", "status_updated_at", True),
        ("status_updated_before", "status_updated_at", False),
    ],
)
async def test_time_filters_are_exclusive(
    api: httpx.AsyncClient, app: FakeDetectify, name: str, field: str, after: bool
) -> None:
    everything = [item for item in app.items("breaches") if item[field]]
    bound = sorted(item[field] for item in everything)[len(everything) // 2]
    expected = [i["id"] for i in everything if (i[field] > bound if after else i[field] < bound)]
    got = [item["id"] for item in await all_items(api, "/v3/breaches", **{name: bound})]
    assert got == expected and 0 < len(got) < len(everything)
    assert bound not in {i[field] for i in await all_items(api, "/v3/breaches", **{name: bound})}


async def test_a_bound_with_an_offset_means_the_same_instant(api: httpx.AsyncClient, app: FakeDetectify) -> None:
    stamps = sorted({item["first_seen_at"] for item in app.items("ports")})
    utc = stamps[10]  # like 2021-01-04T08:35:00Z
    shifted = utc[:11] + f"{int(utc[11:13]) + 2:02d}" + utc[13:19] + "+02:00"
    assert await all_items(api, "/v3/ports", first_seen_after=utc) == await all_items(
        api, "/v3/ports", first_seen_after=shifted
    )


async def test_status_and_port_lists_are_comma_separated(api: httpx.AsyncClient, app: FakeDetectify) -> None:
    got = await all_items(api, "/v3/ports", status="CLOSED", port="80,443")
    expected = [p for p in app.items("ports") if p["status"] == "CLOSED" and p["port"] in (80, 443)]
    assert got == expected and got
    both = await all_items(api, "/v3/ports", status="OPEN,CLOSED")
    assert len(both) == 300


# --- validation against the spec ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "query", "named"),
    [
        ("/v3/ips", "limit=0", "limit"),
        ("/v3/ips", "limit=1001", "limit"),
        ("/v3/ips", "limit=ten", "limit"),
        ("/v3/ips", "first_seen_after=yesterday", "first_seen_after"),
        ("/v3/ips", "first_seen_after=2023-01-01T00:00:00+02:00", "first_seen_after"),  # '+' not URL-encoded
        ("/v3/ips", "disappeared_before=2023-01-01T00:00:00", "disappeared_before"),  # no offset
        ("/v3/ports", "status=OPEN,AJAR", "status"),
        ("/v3/ports", "port=80,70000", "port"),
        ("/v3/ports", "status=OPEN&status=CLOSED", "status"),  # repeated instead of comma-separated
        ("/v3/ips", "status=OPEN", "status"),  # ports only
        ("/v3/ips", "colour=red", "colour"),
    ],
)
async def test_a_request_violating_the_spec_is_rejected_naming_the_fault(
    api: httpx.AsyncClient, app: FakeDetectify, path: str, query: str, named: str
) -> None:
    assert_problem(await api.get(f"{path}?{query}"), 400, named)
    assert app.requests[-1].status == 400


async def test_a_create_body_violating_the_spec_is_rejected(api: httpx.AsyncClient) -> None:
    bad_provider = {"name": "n", "provider": "ORACLE", "options": {"api_token": "t"}}
    assert_problem(await api.post("/v3/connectors", json=bad_provider), 400, "ORACLE")
    no_options = {"name": "n", "provider": "GCP"}
    assert_problem(await api.post("/v3/connectors", json=no_options), 400, "options")
    wrong_options = {"name": "n", "provider": "GCP", "options": {"colour": "red"}}
    assert_problem(await api.post("/v3/connectors", json=wrong_options), 400, "options")


async def test_validation_can_be_switched_off() -> None:
    async with http(FakeDetectify(validate=False)) as api:
        assert (await api.get("/v3/ports?status=AJAR")).json()["items"] == []
        assert_problem(await api.get("/v3/ips?limit=0"), 400, "limit")  # its own checks still hold


async def test_unknown_paths_and_methods(api: httpx.AsyncClient) -> None:
    assert_problem(await api.get("/v3/domains"), 404)
    assert_problem(await api.delete("/v3/ips"), 405)


# --- keys and teams ----------------------------------------------------------------------------------------------


async def test_a_missing_or_wrong_key_is_401(app: FakeDetectify) -> None:
    async with http(app, key=None) as api:
        assert_problem(await api.get("/v3/ips"), 401, "Authorization")
    async with http(app, key="Bearer " + TEST_API_KEY) as api:
        assert_problem(await api.get("/v3/ips"), 401)


async def test_multi_team_keys_see_every_team_and_must_name_one_to_create() -> None:
    app = FakeDetectify(teams=("t1", "t2"), api_keys={"both": ("t1", "t2"), "one": ("t2",)}, counts={"ips": 10})
    async with http(app, key="both") as api:
        teams = {item["team_id"] for item in (await api.get("/v3/ips")).json()["items"]}
        assert teams == {"t1", "t2"}
        assert_problem(await api.get("/v3/connectors/external-id"), 400, "team_id")
        body = {"name": "n", "provider": "NS1", "options": {"api_key": "k"}}
        assert_problem(await api.post("/v3/connectors", json=body), 400, "team_id")
        created = await api.post("/v3/connectors", json={**body, "team_id": "t1"})
        assert created.status_code == 201 and created.json()["team_id"] == "t1"
    async with http(app, key="one") as api:
        items = (await api.get("/v3/ips", params={"limit": 1000})).json()["items"]
        assert {item["team_id"] for item in items} == {"t2"} and len(items) == 10
        assert (await api.get("/v3/connectors/external-id")).json()["team_id"] == "t2"
        assert_problem(await api.get("/v3/connectors/external-id", params={"team_id": "t1"}), 403, "t1")
        assert_problem(await api.get(f"/v3/connectors/{created.json()['id']}"), 404)  # another team's connector


async def test_connector_state_is_kept(api: httpx.AsyncClient, app: FakeDetectify) -> None:
    before = [c["id"] for c in app.items("connectors")]
    body = {"name": "mine", "provider": "CLOUDFLARE", "options": {"api_token": "t"}}
    created = (await api.post("/v3/connectors", json=body)).json()
    listed = [c["id"] for c in (await api.get("/v3/connectors")).json()["items"]]
    assert listed == [*before, created["id"]]
    assert (await api.get(f"/v3/connectors/{created['id']}")).json() == created
    deleted = await api.delete(f"/v3/connectors/{created['id']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert_problem(await api.get(f"/v3/connectors/{created['id']}"), 404)
    assert_problem(await api.delete(f"/v3/connectors/{created['id']}"), 404)


# --- data ------------------------------------------------------------------------------------------------------


def test_the_data_set_is_deterministic_and_seeded() -> None:
    assert list(FakeDetectify(seed=5).items("ips")) == list(FakeDetectify(seed=5).items("ips"))
    assert list(FakeDetectify(seed=5).items("ips")) != list(FakeDetectify(seed=6).items("ips"))


def test_first_seen_never_decreases_and_some_items_have_disappeared() -> None:
    items = list(FakeDetectify(counts={"ips": 400}).items("ips"))
    stamps = [item["first_seen_at"] for item in items]
    assert stamps == sorted(stamps) and len(set(stamps)) < len(stamps)  # ties exercise exclusive bounds
    gone = [item for item in items if item["disappeared_at"]]
    assert 0.15 < len(gone) / len(items) < 0.35 and all(not item["active"] for item in gone)


async def test_millions_of_items_are_served_without_building_them() -> None:
    app = FakeDetectify(counts={"ips": 5_000_000})
    async with http(app) as api:
        body = (await api.get("/v3/ips", params={"limit": 1000})).json()
        assert len(body["items"]) == 1000
        deep = base64_cursor("ips", 4_999_999)
        last = (await api.get("/v3/ips", params={"cursor": deep})).json()
    assert len(last["items"]) == 1 and last["pagination"] == {}
    assert last["items"][0] == app.data.item("ips", 4_999_999)


def base64_cursor(resource: str, position: int) -> str:
    import base64

    return base64.urlsafe_b64encode(f"{resource}:{position}".encode()).decode().rstrip("=")


async def test_drift_serves_unknown_enum_values_and_extra_fields() -> None:
    async with http(FakeDetectify(drift=True, counts={"ports": 40})) as api:
        items = (await api.get("/v3/ports")).json()["items"]
    assert "FILTERED" in {item["status"] for item in items}
    assert any("risk_score" in item for item in items)


# --- faults ----------------------------------------------------------------------------------------------------


async def test_every_response_carries_a_request_id(api: httpx.AsyncClient) -> None:
    ids = {(await api.get("/v3/ips")).headers["x-amzn-requestid"] for _ in range(3)}
    ids.add((await api.get("/v3/nowhere")).headers["x-amzn-requestid"])
    assert len(ids) == 4


async def test_rate_limit_fault_answers_429_with_retry_after_then_recovers(
    api: httpx.AsyncClient, app: FakeDetectify
) -> None:
    app.faults.append(Fault("rate_limit", retry_after=3, times=2))
    first, second, third = [await api.get("/v3/ips") for _ in range(3)]
    assert_problem(first, 429, "retry after 3")
    assert second.status_code == 429
    assert first.headers["retry-after"] == "3" and third.status_code == 200


async def test_faults_honour_path_method_after_and_times(api: httpx.AsyncClient, app: FakeDetectify) -> None:
    app.faults.append(Fault("server_error", path="/v3/ports", method="GET", after=1, times=2))
    statuses = [(await api.get("/v3/ports")).status_code for _ in range(4)]
    assert statuses == [200, 503, 503, 200]
    assert (await api.get("/v3/ips")).status_code == 200
    assert (await api.post("/v3/connectors", json={})).status_code == 400  # a GET-only fault leaves POST alone


async def test_gateway_and_html_errors_look_like_a_gateway(api: httpx.AsyncClient, app: FakeDetectify) -> None:
    app.faults += [Fault("gateway_error"), Fault("html_error")]
    gateway = await api.get("/v3/ips")
    assert (gateway.status_code, gateway.json()) == (502, {"message": "Internal server error"})
    html = await api.get("/v3/ips")
    assert html.status_code == 520 and html.headers["content-type"].startswith("text/html")


async def test_request_rate_is_a_token_bucket_on_the_servers_clock() -> None:
    clock = VirtualClock()
    app = FakeDetectify(clock=clock)
    app.faults.append(Fault("request_rate", rate=2))
    async with http(app) as api:
        burst = [(await api.get("/v3/connectors")).status_code for _ in range(3)]
        limited = await api.get("/v3/connectors")
        clock.advance(0.5)  # one token back
        after_wait = [(await api.get("/v3/connectors")).status_code for _ in range(2)]
    assert burst == [200, 200, 429] and limited.headers["retry-after"] == "1"
    assert after_wait == [200, 429]


async def test_a_dropped_connection_cuts_the_body(app: FakeDetectify) -> None:
    app.faults.append(Fault("drop_connection", path="/v3/ips"))
    with serve(app) as url:
        async with httpx.AsyncClient(base_url=url, headers={"Authorization": TEST_API_KEY}) as api:
            with pytest.raises(httpx.RemoteProtocolError):
                await api.get("/rest/v3/ips")
            assert (await api.get("/rest/v3/ips")).status_code == 200
    async with http(app) as api:  # in-process, the transport raises the same kind of error
        app.faults.append(Fault("drop_connection"))
        with pytest.raises(httpx.RemoteProtocolError):
            await api.get("/v3/ips")


async def test_slow_answers_wait_and_a_client_that_gives_up_is_recorded(app: FakeDetectify) -> None:
    app.faults.append(Fault("slow", delay=30))
    with serve(app) as url:
        async with httpx.AsyncClient(base_url=url, headers={"Authorization": TEST_API_KEY}, timeout=0.2) as api:
            with pytest.raises(httpx.ReadTimeout):
                await api.get("/rest/v3/ips")
    # serve() returned promptly: the server noticed the client leaving instead of sleeping 30 s
    assert app.requests[-1].status == 499


def test_fault_arguments_are_checked() -> None:
    for kwargs, word in [
        ({"kind": "meteor"}, "kind"),
        ({"kind": "slow"}, "delay"),
        ({"kind": "request_rate"}, "rate"),
        ({"kind": "server_error", "status": 200}, "status"),
        ({"kind": "server_error", "times": 0}, "times"),
    ]:
        with pytest.raises(ValueError, match=word):
            Fault(**kwargs)


# --- recording and serving ---------------------------------------------------------------------------------------


async def test_requests_are_recorded_as_they_went_over_the_wire(api: httpx.AsyncClient, app: FakeDetectify) -> None:
    await api.get("/v3/ports?status=OPEN%2CCLOSED&limit=5")
    await api.post("/v3/connectors", json={"name": "n", "provider": "NS1", "options": {"api_key": "k"}})
    get, post = app.requests
    assert (get.method, get.path, get.query) == ("GET", "/rest/v3/ports", "status=OPEN%2CCLOSED&limit=5")
    assert get.params == {"status": ["OPEN,CLOSED"], "limit": ["5"]} and get.status == 200
    assert get.headers["authorization"] == TEST_API_KEY
    assert post.method == "POST" and post.status == 201 and b'"NS1"' in post.body


def test_python_m_detectify_testing_serve() -> None:
    command = [
        sys.executable,
        "-m",
        "detectify.testing",
        "serve",
        "--port",
        "0",
        "--count",
        "ips=3",
        "--log-level",
        "info",
    ]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as process:
        try:
            assert process.stderr is not None
            url = None
            for line in process.stderr:  # uvicorn announces the bound address once it accepts connections
                if "Uvicorn running on" in line:
                    url = line.split("running on ")[1].split()[0]
                    break
            assert url
            response = httpx.get(f"{url}/rest/v3/ips", headers={"Authorization": TEST_API_KEY})
            assert response.status_code == 200 and len(response.json()["items"]) == 3
        finally:
            process.terminate()


def test_first_seen_bounds_skip_exactly_the_excluded_positions() -> None:
    import datetime as dt

    data = FakeDetectify(counts={"ips": 100}).data
    stamps = [dt.datetime.fromisoformat(item["first_seen_at"]) for item in data.items("ips")]
    half = dt.timedelta(seconds=30)
    bounds = [None, stamps[0], stamps[10], stamps[10] + half, stamps[10] - half, stamps[-1], stamps[0] - 10 * half]
    for after in bounds:
        for before in bounds:
            expected = [
                position
                for position, stamp in enumerate(stamps)
                if (after is None or stamp > after) and (before is None or stamp < before)
            ]
            assert list(data.first_seen_positions("ips", after, before)) == expected, (after, before)


async def test_ips_not_enriched_serve_null_as_and_geolocation_and_the_client_reads_none(app: FakeDetectify) -> None:
    """Kept on purpose (issue 18): the spec makes both nullable, so code under test must handle None."""
    from detectify import AsyncDetectify, AutonomousSystem, Geolocation

    raw = list(app.items("ips"))
    bare = [ip for ip in raw if not ip["enriched"]]
    assert bare and all(ip["autonomous_system"] is None and ip["geolocation"] is None for ip in bare)
    assert all(ip["autonomous_system"] and ip["geolocation"] for ip in raw if ip["enriched"])
    async with AsyncDetectify(TEST_API_KEY, base_url="http://fake/rest", transport=httpx.ASGITransport(app=app)) as c:
        ips = {ip.id: ip async for ip in c.ips.list(limit=1000)}
    assert len(ips) == len(raw)
    for item in raw:
        parsed = ips[item["id"]]
        if item["enriched"]:
            assert isinstance(parsed.autonomous_system, AutonomousSystem) and isinstance(
                parsed.geolocation, Geolocation
            )
        else:
            assert parsed.autonomous_system is None and parsed.geolocation is None

"""Which team each call is for (issue 6): the resolution order, discovery, team views and one key per team."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest
from conftest import RecordingServer, Reply

from detectify import APIResponseValidationError, AsyncDetectify, TeamResolutionError
from detectify.testing import FakeDetectify, RecordedRequest

pytestmark = pytest.mark.anyio

MULTI = "11111111-1111-4111-8111-111111111111"  # reaches t1, t2, t3
ONLY_T2 = "22222222-2222-4222-8222-222222222222"
KEY_A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
KEY_B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
NS1 = {"name": "n", "provider": "NS1", "options": {"api_key": "k"}}


@pytest.fixture
def app() -> FakeDetectify:
    return FakeDetectify(
        seed=4,
        teams=("t1", "t2", "t3"),
        counts={"ips": 40, "ports": 30, "breaches": 12, "connectors": 2},
        api_keys={MULTI: ("t1", "t2", "t3"), ONLY_T2: ("t2",)},
    )


@pytest.fixture
def per_team_app() -> FakeDetectify:
    return FakeDetectify(
        seed=5, teams=("a", "b"), counts={"ips": 35, "breaches": 9}, api_keys={KEY_A: ("a",), KEY_B: ("b",)}
    )


def client_for(app: FakeDetectify, api_key: Any, **options: Any) -> AsyncDetectify:
    return AsyncDetectify(
        api_key, base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app), max_retries=0, **options
    )


def team_sent(request: RecordedRequest) -> str | None:
    """The team_id a request named, in its query or its JSON body."""
    if "team_id" in request.params:
        return request.params["team_id"][0]
    if request.body:
        team: str | None = json.loads(request.body).get("team_id")
        return team
    return None


def posts(app: FakeDetectify) -> Iterator[RecordedRequest]:
    return (r for r in app.requests if r.method == "POST")


# --- the resolution order --------------------------------------------------------------------------------------


async def test_1_the_calls_own_argument_wins(app: FakeDetectify) -> None:
    async with client_for(app, MULTI, team_id="t1") as client:
        view = client.for_team("t2")
        assert (await view.connectors.external_id(team_id="t3")).team_id == "t3"
        await view.connectors.create(**NS1, team_id="t3")
    assert [team_sent(r) for r in app.requests] == ["t3", "t3"]


async def test_2_a_team_view_comes_next(app: FakeDetectify) -> None:
    async with client_for(app, MULTI, team_id="t1") as client:
        view = client.for_team("t2")
        assert view.scope_team == "t2" and view.shares_pool_with(client)
        assert (await view.connectors.external_id()).team_id == "t2"
        assert (await view.connectors.create(**NS1)).team_id == "t2"
    assert [team_sent(r) for r in app.requests] == ["t2", "t2"]


async def test_3_then_the_clients_team_id_or_the_environment(
    app: FakeDetectify, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with client_for(app, MULTI, team_id="t3") as client:
        assert (await client.connectors.external_id()).team_id == "t3"
    monkeypatch.setenv("DETECTIFY_TEAM_ID", "t1")
    async with client_for(app, MULTI) as client:
        assert (await client.connectors.create(**NS1)).team_id == "t1"
    assert [team_sent(r) for r in app.requests] == ["t3", "t1"]


async def test_4_then_discovery_finds_a_single_team_key_and_remembers(app: FakeDetectify) -> None:
    async with client_for(app, ONLY_T2) as client:
        first = await client.connectors.create(**NS1)
        second = await client.connectors.create(**NS1)
        external = await client.connectors.external_id()
    assert first.team_id == second.team_id == external.team_id == "t2"
    asked = [(r.method, r.path, team_sent(r)) for r in app.requests]
    assert asked == [
        ("GET", "/rest/v3/connectors/external-id", None),  # discovery, once
        ("POST", "/rest/v3/connectors", "t2"),
        ("POST", "/rest/v3/connectors", "t2"),
        ("GET", "/rest/v3/connectors/external-id", "t2"),
    ]


async def test_4_an_external_id_call_is_its_own_discovery(app: FakeDetectify) -> None:
    async with client_for(app, ONLY_T2) as client:
        assert (await client.connectors.external_id()).team_id == "t2"
        assert (await client.connectors.create(**NS1)).team_id == "t2"
    assert [team_sent(r) for r in app.requests] == [None, "t2"]  # no second discovery


async def test_4_discovery_of_a_multi_team_key_fails_before_sending_and_lists_the_teams(app: FakeDetectify) -> None:
    async with client_for(app, MULTI) as client:
        with pytest.raises(TeamResolutionError) as info:
            await client.connectors.create(**NS1)
        with pytest.raises(TeamResolutionError):
            await client.connectors.external_id()  # remembered: no new discovery
    assert info.value.team_ids == ("t1", "t2", "t3")
    message = str(info.value)
    assert "t1, t2, t3" in message and "team_id=" in message and "for_team" in message
    assert "DETECTIFY_TEAM_ID" in message
    assert not list(posts(app))
    assert sum(1 for r in app.requests if r.path.endswith("/external-id")) == 1


async def test_the_apis_own_team_required_answer_becomes_the_same_error(app: FakeDetectify) -> None:
    async with client_for(app, MULTI) as client:
        with pytest.raises(TeamResolutionError) as info:
            await client.connectors.external_id()
    assert info.value.team_ids == ("t1", "t2", "t3") and info.value.__cause__ is not None


# --- single-flight discovery -----------------------------------------------------------------------------------


async def test_many_tasks_share_one_discovery(app: FakeDetectify) -> None:
    created: list[str] = []

    async def create() -> None:
        created.append(str((await client.connectors.create(**NS1)).team_id))

    async with client_for(app, ONLY_T2) as client, anyio.create_task_group() as tasks:
        for _ in range(20):
            tasks.start_soon(create)
    assert created == ["t2"] * 20
    assert sum(1 for r in app.requests if r.path.endswith("/external-id")) == 1
    assert len(list(posts(app))) == 20


async def test_many_tasks_share_one_failed_discovery(app: FakeDetectify) -> None:
    failures: list[TeamResolutionError] = []

    async def create() -> None:
        try:
            await client.connectors.create(**NS1)
        except TeamResolutionError as exc:
            failures.append(exc)

    async with client_for(app, MULTI) as client, anyio.create_task_group() as tasks:
        for _ in range(10):
            tasks.start_soon(create)
    assert len(failures) == 10 and {f.team_ids for f in failures} == {("t1", "t2", "t3")}
    assert sum(1 for r in app.requests if r.path.endswith("/external-id")) == 1
    assert sum(1 for r in app.requests if r.path.endswith("/v3/ips")) == 1 and not list(posts(app))


# --- team views on lists ---------------------------------------------------------------------------------------


async def test_a_team_views_lists_yield_only_that_team(app: FakeDetectify) -> None:
    async with client_for(app, MULTI) as client:
        view = client.for_team("t2")
        ips = [ip async for ip in view.ips.list(limit=7)]
        connectors = [c async for c in view.connectors.list()]
        everyone = [ip async for ip in client.ips.list()]
    assert [ip.id for ip in ips] == [i["id"] for i in app.items("ips", "t2")] and {ip.team_id for ip in ips} == {"t2"}
    assert [c.id for c in connectors] == [c["id"] for c in app.items("connectors", "t2")]
    assert {ip.team_id for ip in everyone} == {"t1", "t2", "t3"}  # the client itself: every team, mixed


async def test_breaches_have_no_team_id_so_a_multi_team_key_cannot_pick_one_teams(app: FakeDetectify) -> None:
    async with client_for(app, MULTI) as client:
        with pytest.raises(TeamResolutionError, match="own key"):
            [b async for b in client.for_team("t1").breaches.list()]
    assert not [r for r in app.requests if r.path.endswith("/breaches")]
    async with client_for(app, ONLY_T2) as client:  # a key of that one team: its breaches are that team's
        got = [b.id async for b in client.for_team("t2").breaches.list()]
    assert got == [b["id"] for b in app.items("breaches", "t2")]


# --- one key per team ------------------------------------------------------------------------------------------


def assert_each_key_only_spoke_for_its_team(app: FakeDetectify) -> None:
    for request in app.requests:
        reach = app.api_keys[request.headers["authorization"]]
        assert team_sent(request) in (None, *reach), request


async def test_one_key_per_team_pulls_span_every_team_each_with_its_own_key(per_team_app: FakeDetectify) -> None:
    app = per_team_app
    async with client_for(app, {"a": KEY_A, "b": KEY_B}) as client:
        assert client.team_ids == ("a", "b")
        ips = [ip.id async for ip in client.ips.list(limit=10)]
        breaches = [b.id async for b in client.breaches.list()]
    assert ips == [i["id"] for i in app.items("ips", "a")] + [i["id"] for i in app.items("ips", "b")]
    assert breaches == [b["id"] for b in app.items("breaches", "a")] + [b["id"] for b in app.items("breaches", "b")]
    keys = [r.headers["authorization"] for r in app.requests if r.path.endswith("/ips")]
    assert keys == [KEY_A] * 4 + [KEY_B] * 4
    assert_each_key_only_spoke_for_its_team(app)


async def test_a_per_team_pull_resumes_from_a_checkpoint_in_any_team(per_team_app: FakeDetectify) -> None:
    app = per_team_app
    expected = [i["id"] for i in app.items("ips", "a")] + [i["id"] for i in app.items("ips", "b")]
    async with client_for(app, {"a": KEY_A, "b": KEY_B}) as client:
        pages = [page async for page in client.ips.list(limit=10).pages()]
        assert [i.id for p in pages for i in p.items] == expected and pages[-1].next_cursor is None
        for stop in range(len(pages) - 1):  # stop after any page, in either team, and resume
            resumed = [ip.id async for ip in client.ips.list(limit=10, cursor=pages[stop].next_cursor)]
            assert [i.id for p in pages[: stop + 1] for i in p.items] + resumed == expected
        with pytest.raises(ValueError, match="cursor"):
            client.ips.list(cursor="not-ours")  # refused before anything is sent


async def test_one_key_per_team_routes_each_teams_calls_with_its_key(per_team_app: FakeDetectify) -> None:
    app = per_team_app
    async with client_for(app, {"a": KEY_A, "b": KEY_B}) as client:
        assert (await client.for_team("b").connectors.external_id()).team_id == "b"
        created = await client.connectors.create(**NS1, team_id="a")
        assert (await client.for_team("a").connectors.get(created.id)).team_id == "a"
        await client.for_team("a").connectors.delete(created.id)
        before = len(app.requests)
        with pytest.raises(TeamResolutionError) as info:
            await client.connectors.create(**NS1)
        with pytest.raises(TeamResolutionError):
            await client.connectors.get(created.id)  # whose connector? the client will not guess a key
        assert info.value.team_ids == ("a", "b") and len(app.requests) == before
        with pytest.raises(ValueError, match="team_id"):
            client.for_team("c")
    assert [r.headers["authorization"] for r in app.requests] == [KEY_B, KEY_A, KEY_A, KEY_A]
    assert_each_key_only_spoke_for_its_team(app)
    assert KEY_A not in repr(client) and "a, b" in repr(client)


async def test_a_single_per_team_key_needs_no_choice(per_team_app: FakeDetectify) -> None:
    async with client_for(per_team_app, {"b": KEY_B}) as client:
        assert (await client.connectors.external_id()).team_id == "b"
        assert len([ip async for ip in client.ips.list()]) == 35
    assert {r.headers["authorization"] for r in per_team_app.requests} == {KEY_B}


@pytest.mark.parametrize(
    ("api_key", "options", "argument"),
    [
        ({}, {}, "api_key"),
        ({"a": ""}, {}, "api_key"),
        ({"": KEY_A}, {}, "api_key"),
        ({"a": "Bearer x"}, {}, "api_key"),
        ({"a": KEY_A}, {"team_id": "b"}, "team_id"),
    ],
)
def test_bad_per_team_keys_are_refused_naming_the_argument(
    api_key: dict[str, str], options: dict[str, Any], argument: str
) -> None:
    with pytest.raises(ValueError, match=argument) as info:
        AsyncDetectify(api_key, **options)
    assert KEY_A not in str(info.value)


async def test_a_team_view_refuses_items_it_cannot_place(recording_server: RecordingServer) -> None:
    recording_server.replies.append(Reply(body=b'{"items": [{"id": "1", "team_id": "t1"}, {"id": "2"}]}'))
    async with AsyncDetectify("k", base_url=recording_server.url, max_retries=0) as client:
        with pytest.raises(APIResponseValidationError, match="team_id"):
            [ip async for ip in client.for_team("t1").ips.list()]

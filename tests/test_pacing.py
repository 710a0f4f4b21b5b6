"""Pacing that learns the limit (issue 16): AIMD on each key's pacer, rate-limit headers, one pacer per key.

Time is virtual: client and fake server share a ``VirtualClock``, so a pull of many seconds runs at once and the
server records when, in client time, each request arrived.
"""

from __future__ import annotations

import collections
import itertools
from collections import Counter
from typing import Any

import httpx
import pytest
from conftest import RecordingServer, Reply

from detectify import AsyncDetectify
from detectify.pacing import window_limits
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, VirtualClock

pytestmark = pytest.mark.anyio

R = 20.0
COUNTS = {"ips": 6000, "ports": 6000, "technologies": 3000}  # 150 pages of 100: about 7.5 s at R
PAGES = sum(-(-n // 100) for n in COUNTS.values())
TEAM_KEYS = {f"team-{n}": f"{n}{n}{n}{n}{n}{n}{n}{n}-0000-4000-8000-000000000000" for n in range(1, 5)}


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


def client_for(app: FakeDetectify, clock: VirtualClock, key: Any = TEST_API_KEY, **options: Any) -> AsyncDetectify:
    client = AsyncDetectify(key, base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app), **options)
    return clock.install(client)


def throttled(clock: VirtualClock, retry_after: float | None, **fault: Any) -> FakeDetectify:
    """An API behind a gateway's token bucket: R requests per second, a burst of 4."""
    app = FakeDetectify(seed=3, counts=COUNTS, clock=clock, validate=False, **fault.pop("app", {}))
    app.faults += [
        Fault("slow", delay=0.003, times=None),
        Fault("request_rate", rate=R, burst=4, retry_after=0 if retry_after is None else retry_after, **fault),
    ]
    return app


async def pull_everything(client: AsyncDetectify) -> Counter[tuple[str, str]]:
    got: Counter[tuple[str, str]] = Counter()
    async with client.pull_all(list(COUNTS), as_dicts=True, limit=100) as pull:
        async for record in pull:
            got[record.resource, record.item["id"]] += 1
    return got


def accepted_per_second(app: FakeDetectify, key: str | None = None) -> list[int]:
    """Answered (200) requests in each whole second of the pull, first to last."""
    times = [r.time for r in app.requests if r.status == 200 and (key is None or r.headers["authorization"] == key)]
    start = times[0]
    per_second = collections.Counter(int(t - start) for t in times)
    return [per_second[second] for second in range(int(times[-1] - start))]


@pytest.mark.parametrize("retry_after", [1.0, None], ids=["retry-after", "no-retry-after"])
async def test_the_learned_rate_settles_near_the_limit_without_errors(clock: VirtualClock, retry_after: Any) -> None:
    app = throttled(clock, retry_after)
    async with client_for(app, clock) as client:
        got = await pull_everything(client)
    assert got == Counter((r, item["id"]) for r in COUNTS for item in app.items(r))  # exactly once, no error
    rates = accepted_per_second(app)
    settled = rates[3:]  # after the first 429s
    assert sum(settled) / len(settled) >= 0.85 * R  # holds the rate (unpaced 429 pauses give about 0.2 R)
    assert max(settled) <= 1.3 * R  # and does not hammer the gateway
    refused = sum(1 for r in app.requests if r.status == 429)
    assert refused <= 12  # a few 429s to find the limit, then one now and then to probe it


async def test_a_retry_after_pauses_every_request_until_a_rate_is_learned(clock: VirtualClock) -> None:
    app = throttled(clock, 1.0)
    async with client_for(app, clock) as client:
        await pull_everything(client)
    first = next(r for r in app.requests if r.status == 429)
    during = [r for r in app.requests if first.time < r.time < first.time + 1.0]
    # only what was already in flight when the 429 came (3 jobs): the burst is not repeated into the refusal
    assert len(during) <= 2 and all(r.time <= first.time + 0.01 for r in during)


async def test_an_explicit_rate_limit_stays_a_hard_cap(clock: VirtualClock) -> None:
    app = throttled(clock, 1.0)
    async with client_for(app, clock, rate_limit=R * 1.5) as client:
        got = await pull_everything(client)
    assert sum(got.values()) == sum(COUNTS.values())
    times = sorted(r.time for r in app.requests)
    assert all(b - a >= 1 / (R * 1.5) - 1e-9 for a, b in itertools.pairwise(times))  # never faster


async def test_below_the_servers_limit_an_explicit_rate_limit_needs_no_429(clock: VirtualClock) -> None:
    app = throttled(clock, 1.0)
    async with client_for(app, clock, rate_limit=R * 0.9) as client:
        await pull_everything(client)
    assert {r.status for r in app.requests} == {200}


# --- rate-limit headers ----------------------------------------------------------------------------------------


async def test_remaining_zero_pauses_until_the_reset(recording_server: RecordingServer, clock: VirtualClock) -> None:
    body = b'{"external_id": "x", "team_id": "t"}'
    recording_server.replies += [
        Reply(body=body, headers={"RateLimit-Limit": "10", "RateLimit-Remaining": "0", "RateLimit-Reset": "3"}),
        Reply(body=body),
    ]
    async with AsyncDetectify("k", base_url=recording_server.url) as client:
        clock.install(client)
        await client.connectors.external_id()
        started = clock.now()
        await client.connectors.external_id()
    assert clock.now() - started >= 3.0  # waited for the window to reset instead of running into a 429
    assert len(recording_server.requests) == 2


async def test_a_429_with_a_policy_sets_the_rate(recording_server: RecordingServer, clock: VirtualClock) -> None:
    body = b'{"external_id": "x", "team_id": "t"}'
    recording_server.replies += [
        Reply(status=429, headers={"Retry-After": "1", "RateLimit-Policy": "5;w=1"}),
        *[Reply(body=body) for _ in range(4)],
    ]
    async with AsyncDetectify("k", base_url=recording_server.url) as client:
        clock.install(client)
        sent = []
        for _ in range(4):
            await client.connectors.external_id()
            sent.append(clock.now())
    assert all(b - a >= 0.19 for a, b in itertools.pairwise(sent))  # about 5 per second, as told


@pytest.mark.parametrize(
    "headers",
    [
        {"X-RateLimit-Remaining": "-1", "X-RateLimit-Reset": "nan"},
        {"RateLimit-Remaining": "0", "RateLimit-Reset": "inf"},
        {"RateLimit-Remaining": "0", "RateLimit-Reset": "1e400"},
        {"RateLimit-Remaining": "0.5", "RateLimit-Reset": "99999999999999999999"},
        {"RateLimit-Policy": "0;w=0", "RateLimit-Limit": ";;;"},
        {"RateLimit-Policy": "1e308;w=1e-308"},
        {"RateLimit-Limit": "10, 10;w=abc", "RateLimit-Reset": "\x00"},
        {"RateLimit-Remaining": "\uff19", "RateLimit-Reset": "\u0663"},
    ],
)
def test_hostile_rate_limit_headers_are_ignored_or_bounded(headers: dict[str, str]) -> None:
    limits = window_limits(headers, wall_now=1_800_000_000.0)
    assert limits.rate is None or 0 < limits.rate <= 1_000_000
    assert limits.reset is None or 0 <= limits.reset <= 86_400


async def test_hostile_rate_limit_headers_never_break_a_call(
    recording_server: RecordingServer, clock: VirtualClock
) -> None:
    body = b'{"external_id": "x", "team_id": "t"}'
    recording_server.replies += [
        Reply(body=body, headers={"RateLimit-Remaining": "0", "RateLimit-Reset": "1e400", "RateLimit-Policy": "x"}),
        Reply(body=body, headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "999999"}),
        Reply(body=body),
    ]
    async with AsyncDetectify("k", base_url=recording_server.url, max_retry_wait=5) as client:
        clock.install(client)
        for _ in range(3):
            assert (await client.connectors.external_id()).external_id == "x"
    assert all(wait <= 5 for wait in clock.slept)  # a reset far away is capped like any wait


# --- one pacer per key -----------------------------------------------------------------------------------------


def team_app(clock: VirtualClock, counts: dict[str, int], *faults: Fault) -> FakeDetectify:
    app = FakeDetectify(
        seed=4,
        teams=tuple(TEAM_KEYS),
        counts=counts,
        clock=clock,
        validate=False,
        api_keys={key: (team,) for team, key in TEAM_KEYS.items()},
    )
    app.faults += [Fault("slow", delay=0.003, times=None), *faults]
    return app


async def test_a_429_on_one_key_does_not_pause_another(clock: VirtualClock) -> None:
    app = team_app(clock, {"ips": 3000}, Fault("rate_limit", retry_after=10, after=20))
    got: Counter[str] = Counter()
    async with client_for(app, clock, TEAM_KEYS) as client, client.pull_all(["ips"], limit=100) as pull:
        async for record in pull:
            got[record.item.id] += 1
    assert got == Counter(item["id"] for item in app.items("ips"))
    [limited] = [r for r in app.requests if r.status == 429]
    paused_key = limited.headers["authorization"]
    window = [r for r in app.requests if limited.time < r.time < limited.time + 10]
    assert window, "the other keys went on"
    assert {r.headers["authorization"] for r in window} == set(TEAM_KEYS.values()) - {paused_key}


async def test_four_team_keys_each_get_their_own_budget(clock: VirtualClock) -> None:
    counts = {"ips": 8000, "ports": 8000, "technologies": 4000}  # per team: 200 pages, 10 s at R
    app = team_app(clock, counts, Fault("request_rate", rate=R, burst=4, retry_after=1, per_key=True))
    got: Counter[tuple[str, str]] = Counter()
    async with client_for(app, clock, TEAM_KEYS) as client, client.pull_all(list(counts), limit=100) as pull:
        async for record in pull:
            got[record.resource, record.item.id] += 1
    assert got == Counter((r, item["id"]) for r in counts for item in app.items(r))
    for key in TEAM_KEYS.values():
        settled = accepted_per_second(app, key)[4:]
        # each key near its own limit once learned (one pacer for all four would give each R/4 at most)
        assert sum(settled) / len(settled) >= 0.85 * R

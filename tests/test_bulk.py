"""Bulk pulls (issue 7): fan-out over resources and teams, back-pressure, cancellation, failure, resume, sharding."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from typing import Any

import anyio
import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectify import AsyncDetectify, InternalServerError
from detectify.bulk import EARLIEST, MIN_WINDOW, Batch, _Windows, guided_cuts
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, VirtualClock

pytestmark = pytest.mark.anyio

RESOURCES = ("ips", "technologies", "ports", "breaches", "connectors")
COUNTS = {"ips": 230, "technologies": 90, "ports": 310, "breaches": 70, "connectors": 4}


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def app(clock: VirtualClock) -> FakeDetectify:
    return FakeDetectify(seed=21, counts=COUNTS, clock=clock)


def client_for(app: FakeDetectify, clock: VirtualClock, key: Any = TEST_API_KEY, **options: Any) -> AsyncDetectify:
    client = AsyncDetectify(key, base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app), **options)
    return clock.install(client)


def expected_ids(app: FakeDetectify, resources: tuple[str, ...] = RESOURCES) -> Counter[tuple[str, str]]:
    return Counter((r, item["id"]) for r in resources for item in app.items(r))


@pytest.mark.parametrize("as_dicts", [False, True])
async def test_every_resource_arrives_exactly_once_with_its_origin(
    app: FakeDetectify, clock: VirtualClock, as_dicts: bool
) -> None:
    got: Counter[tuple[str, str]] = Counter()
    async with client_for(app, clock) as client, client.pull_all(as_dicts=as_dicts, limit=50) as pull:
        async for record in pull:
            item_id = record.item["id"] if as_dicts else record.item.id
            got[record.resource, item_id] += 1
            assert isinstance(record.item, dict) is as_dicts
            if record.resource != "breaches":
                assert record.team_id == "team-a"
    assert got == expected_ids(app)


async def test_under_faults_a_concurrent_pull_is_still_exactly_once(app: FakeDetectify, clock: VirtualClock) -> None:
    app.faults += [
        Fault("request_rate", rate=3),
        Fault("server_error", status=503, path="/v3/ports", after=2, times=3),
        Fault("drop_connection", path="/v3/ips", after=1),
        Fault("gateway_error", path="/v3/breaches"),
        Fault("slow", delay=0.01, times=None),
    ]
    got: Counter[tuple[str, str]] = Counter()
    async with client_for(app, clock, max_concurrency=4, max_retries=10) as client, client.pull_all(limit=40) as pull:
        async for record in pull:
            got[record.resource, record.item.id] += 1
    assert got == expected_ids(app)
    assert {429, 503, 502} <= {r.status for r in app.requests}


async def test_one_key_per_team_pulls_every_team(clock: VirtualClock) -> None:
    keys = {"red": "11111111-1111-4111-8111-111111111111", "blue": "22222222-2222-4222-8222-222222222222"}
    app = FakeDetectify(teams=tuple(keys), counts={"ips": 60, "breaches": 20}, clock=clock,
                        api_keys={key: (team,) for team, key in keys.items()})  # fmt: skip
    got: Counter[tuple[str, str | None]] = Counter()
    async with client_for(app, clock, keys) as client, client.pull_all(["ips", "breaches"]) as pull:
        assert sorted(job.key for job in pull.jobs) == ["breaches@blue", "breaches@red", "ips@blue", "ips@red"]
        async for record in pull:
            got[record.resource, record.team_id] += 1
    assert got == {("ips", "red"): 60, ("ips", "blue"): 60, ("breaches", "red"): 20, ("breaches", "blue"): 20}


async def test_a_slow_consumer_holds_the_pull_back(app: FakeDetectify, clock: VirtualClock) -> None:
    async with client_for(app, clock) as client, client.pull_all(limit=10, max_buffered_pages=2) as pull:
        batches = pull.batches()
        await batches.__anext__()
        await anyio.wait_all_tasks_blocked()  # every job is now waiting on the full stream
        fetched = len(app.requests)
    total_pages = sum(-(-n // 10) for n in COUNTS.values())
    # at most: one page waiting in each of the 5 jobs, 2 buffered, 1 taken
    assert fetched <= 5 + 2 + 1 < total_pages


async def test_leaving_early_cancels_the_jobs(app: FakeDetectify, clock: VirtualClock) -> None:
    async with client_for(app, clock) as client:
        async with client.pull_all(limit=10) as pull:
            async for _ in pull:
                break
        after_exit = len(app.requests)
        assert await client.connectors.external_id()  # the client is still fine
    assert after_exit < 20


async def test_a_failure_cancels_the_rest_and_raises_the_typed_error_then_resume_finishes(
    app: FakeDetectify, clock: VirtualClock
) -> None:
    app.faults.append(Fault("server_error", status=500, path="/v3/ports", after=3, times=None))
    got: Counter[tuple[str, str]] = Counter()
    resume: dict[str, str] = {}
    completed: set[str] = set()

    def note(batch: Batch) -> None:
        for item in batch.items:
            got[batch.resource, item.id] += 1
        if batch.next_cursor is None:
            completed.add(batch.job)
            resume.pop(batch.job, None)
        else:
            resume[batch.job] = batch.next_cursor

    async def pull_noting(**options: Any) -> None:
        async with client.pull_all(limit=20, **options) as pull:
            async for batch in pull.batches():
                note(batch)

    async with client_for(app, clock, max_retries=1) as client:
        with pytest.raises(InternalServerError) as info:
            await pull_noting()
        assert info.value.job == "ports" and info.value.cursor == resume["ports"] and info.value.retries == 1
        app.faults.clear()
        await pull_noting(resume=resume, completed=completed)
    assert got == expected_ids(app)


async def test_resume_and_completed_must_name_jobs_of_the_pull(app: FakeDetectify, clock: VirtualClock) -> None:
    async with client_for(app, clock) as client:
        for kwargs in ({"resume": {"ipz": "c"}}, {"completed": ["ips#3"]}):
            with pytest.raises(ValueError, match="jobs"):
                async with client.pull_all(**kwargs):  # type: ignore[arg-type]
                    pass
        for kwargs, word in [({"shards": 0}, "shards"), ({"limit": 0}, "limit"), ({"since": "yesterday"}, "since")]:
            with pytest.raises(ValueError, match=word):
                async with client.pull_all(**kwargs):  # type: ignore[arg-type]
                    pass
        with pytest.raises(ValueError, match="resources"):
            async with client.pull_all(["domains"]):
                pass
    assert app.requests == []


# --- sharding --------------------------------------------------------------------------------------------------


async def plain_and_sharded(app: FakeDetectify, clock: VirtualClock, **bounds: Any) -> tuple[list[str], list[str]]:
    async with client_for(app, clock) as client:
        async with client.pull_all(["ports"], as_dicts=True, **bounds) as pull:
            plain = [record.item["id"] async for record in pull]
        async with client.pull_all(["ports"], as_dicts=True, shards=5, limit=25, **bounds) as pull:
            assert len(pull.jobs) == 5
            sharded = [record.item["id"] async for record in pull]
    return plain, sharded


async def test_a_sharded_pull_yields_exactly_the_plain_pulls_items_boundaries_included(
    app: FakeDetectify, clock: VirtualClock
) -> None:
    stamps = sorted({p["first_seen_at"] for p in app.items("ports")})
    # 5 windows over [stamps[0], stamps[100]]: every boundary falls exactly on a group of items sharing a timestamp
    since, until = stamps[0], stamps[100]
    plain, sharded = await plain_and_sharded(app, clock, since=since, until=until)
    assert len(sharded) == len(set(sharded)) and sorted(sharded) == sorted(plain)
    boundary_stamps = set(stamps[20:100:20])
    assert {p["id"] for p in app.items("ports") if p["first_seen_at"] in boundary_stamps} <= set(sharded)
    assert len(plain) == sum(1 for p in app.items("ports") if since < p["first_seen_at"] < until)


async def test_a_sharded_pull_without_bounds_is_the_whole_list(app: FakeDetectify, clock: VirtualClock) -> None:
    plain, sharded = await plain_and_sharded(app, clock)
    assert sorted(sharded) == sorted(plain) == sorted(p["id"] for p in app.items("ports"))


@pytest.mark.parametrize("as_dicts", [False, True])
async def test_windows_split_again_and_again_stay_exactly_once_with_cuts_on_items(
    clock: VirtualClock, as_dicts: bool
) -> None:
    app = FakeDetectify(seed=8, counts={"ports": 1200}, clock=clock)
    epoch = dt.datetime.fromisoformat(next(app.items("ports"))["first_seen_at"])
    # 343 steps of 7 minutes split by 7: the cuts of the first three levels fall exactly on items' timestamps
    since, until = epoch, epoch + dt.timedelta(minutes=7 * 343)
    expected = sorted(
        p["id"] for p in app.items("ports") if since < dt.datetime.fromisoformat(p["first_seen_at"]) < until
    )
    async with (
        client_for(app, clock) as client,
        client.pull_all(["ports"], as_dicts=as_dicts, shards=7, limit=10, since=since, until=until) as pull,
    ):
        got = [record.item["id"] if as_dicts else record.item.id async for record in pull]
    assert len(got) == len(set(got)) and sorted(got) == expected
    windows = {(r.params.get("first_seen_after", [""])[0], r.params.get("first_seen_before", [""])[0])
               for r in app.requests}  # fmt: skip
    assert len(windows) >= 7 * 3  # split again at least twice


@pytest.mark.parametrize("as_dicts", [False, True])
async def test_shards_find_the_items_and_share_the_work(clock: VirtualClock, as_dicts: bool) -> None:
    app = FakeDetectify(seed=21, counts={"ports": 4000}, clock=clock)
    app.faults.append(Fault("slow", delay=0.05, times=None))  # 50 ms a request, in virtual time
    async with client_for(app, clock, max_concurrency=16) as client:
        started = clock.now()
        async with client.pull_all(["ports"], as_dicts=as_dicts, limit=100) as pull:
            plain = [batch async for batch in pull.batches()]
        plain_time, started = clock.now() - started, clock.now()
        # unbounded: 2013-01-01..now, while every item sits in a few days of 2021
        async with client.pull_all(["ports"], as_dicts=as_dicts, limit=100, shards=8) as pull:
            sharded = [batch async for batch in pull.batches()]
        sharded_time = clock.now() - started

    def ids(batches: list[Batch]) -> list[str]:
        return [item["id"] if as_dicts else item.id for batch in batches for item in batch.items]

    assert len(ids(sharded)) == len(set(ids(sharded))) and sorted(ids(sharded)) == sorted(ids(plain))
    # equal windows of 2013..now: one job pulled it all (about 1.0); split again in equal windows: 0.28
    assert sharded_time <= 0.2 * plain_time
    assert [b.next_cursor for b in sharded if b.next_cursor is None] == [None] * 8  # each job's last batch says so


async def test_a_sharded_pull_cannot_be_resumed(app: FakeDetectify, clock: VirtualClock) -> None:
    async with client_for(app, clock) as client:
        with pytest.raises(ValueError, match="resume/completed: sharded"):
            async with client.pull_all(["ports"], shards=2, resume={"ports#1": "x"}):
                pass
    assert app.requests == []


# --- where a dense window is cut (guided_cuts) ------------------------------------------------------------------

START = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def test_an_ascending_page_puts_windows_of_about_a_page_after_it_and_the_rest_first() -> None:
    sample = [START + HOUR * i for i in range(11)]  # the window's oldest items, 10 hours of them
    plan = guided_cuts(sample, START, START + 1000 * HOUR, 4)
    assert plan is not None and plan.rest == -1
    assert plan.cuts == [START + 9 * HOUR * i for i in range(1, 8)]  # 2N windows a little under a page each
    windows = _Windows(START, START + 1000 * HOUR, 4)
    windows.waiting.clear()
    assert windows.split((START, START + 1000 * HOUR), sample)
    assert windows.waiting[0] == (START + 63 * HOUR, START + 1000 * HOUR)  # the rest, split again first


def test_a_descending_page_is_the_mirror_image() -> None:
    end = START + 1000 * HOUR
    sample = [end - HOUR * i for i in range(11)]
    plan = guided_cuts(sample, START, end, 4)
    assert plan is not None and plan.rest == 0
    assert plan.cuts == [end - 9 * HOUR * i for i in range(1, 8)]


def test_a_page_in_no_order_is_cut_at_its_quantiles_and_a_page_near_the_end_is_paged_through() -> None:
    sample = [START + HOUR * i for i in (5, 1, 9, 3, 7, 0, 8, 2, 6, 4)]
    plan = guided_cuts(sample, START, START + 10 * HOUR, 5)
    assert plan is not None and plan.rest is None and plan.cuts == [START + HOUR * i for i in (2, 4, 6, 8)]
    ascending = sorted(sample)
    nearly_done = guided_cuts(ascending, START, START + 12 * HOUR, 5)  # under a page's span is left after it
    assert nearly_done is not None and nearly_done.cuts == []
    assert guided_cuts(ascending[:1], START, START + 12 * HOUR, 5) is None  # one item says nothing


MOMENTS = st.datetimes(min_value=dt.datetime(2010, 1, 1), max_value=dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC))


@settings(max_examples=500, deadline=None)
@given(
    bounds=st.tuples(MOMENTS, MOMENTS).map(sorted),
    sample=st.lists(MOMENTS | st.datetimes(timezones=st.just(dt.UTC)), max_size=30),
    shards=st.integers(2, 16),
    open_low=st.booleans(),
    open_high=st.booleans(),
)
def test_a_split_covers_its_window_exactly_whatever_the_page_says(
    bounds: list[dt.datetime], sample: list[dt.datetime], shards: int, open_low: bool, open_high: bool
) -> None:
    # the page's timestamps come from the API (hostile input): outside the window, repeated, in any order
    low: dt.datetime | None = None if open_low else bounds[0]
    high: dt.datetime | None = None if open_high else bounds[1]
    if (low or EARLIEST) >= (high or dt.datetime.now(dt.UTC)):
        return
    windows = _Windows(low, high, shards)
    windows.waiting.clear()
    if not windows.split((low, high), sample):
        return
    parts = sorted(windows.waiting, key=lambda w: w[0] or EARLIEST)
    assert parts[0][0] == low and parts[-1][1] == high
    for (_, left_high), (right_low, _) in itertools.pairwise(parts):
        assert left_high == right_low  # contiguous: nothing between two windows is skipped
    for part_low, part_high in parts:
        assert (part_high or dt.datetime.now(dt.UTC)) - (part_low or EARLIEST) >= MIN_WINDOW


def test_timestamps_far_out_fall_back_to_equal_cuts() -> None:
    far = [dt.datetime(5000, 1, 1, tzinfo=dt.UTC), dt.datetime(6000, 1, 1, tzinfo=dt.UTC)]
    end = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
    assert guided_cuts(far, EARLIEST, end, 8) is None  # the cuts would leave datetime's range
    assert guided_cuts(far[::-1], dt.datetime(1, 1, 1, tzinfo=dt.UTC), far[1], 8) is None
    windows = _Windows(EARLIEST, end, 8)
    assert windows.split((EARLIEST, end), far)  # equal windows instead

"""The fake server's moving world (issue 17): moves change what it lists, and every filter still holds exactly."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from detectify import AsyncDetectify
from detectify.testing import TEST_API_KEY, FakeDetectify

pytestmark = pytest.mark.anyio
FILTERS = ("first_seen_after", "first_seen_before", "disappeared_after", "disappeared_before",
           "status_updated_after", "status_updated_before")  # fmt: skip
FIELDS = {"first_seen": "first_seen_at", "disappeared": "disappeared_at", "status_updated": "status_updated_at"}


def expected(app: FakeDetectify, resource: str, name: str, bound: dt.datetime) -> list[str]:
    field, _, side = name.rpartition("_")
    values = [(item["id"], item.get(FIELDS[field])) for item in app.items(resource)]
    keep = [(i, dt.datetime.fromisoformat(v)) for i, v in values if v is not None]
    return [i for i, moment in keep if (moment > bound if side == "after" else moment < bound)]


@pytest.fixture
def app() -> FakeDetectify:
    return FakeDetectify(seed=4, teams=("a", "b"), counts={"ips": 120, "breaches": 100})


async def test_moves_change_the_lists_and_filters_stay_exact_at_their_bounds(app: FakeDetectify) -> None:
    before = {item["id"] for item in app.items("breaches")}
    edge = dt.datetime(2026, 6, 1, 12, 0, 0, tzinfo=dt.UTC)
    at_edge = app.move(edge, new={"breaches": 3, "ips": 2}, disappear={"breaches": 2, "ips": 3},
                       status={"breaches": 4}, remove={"ips": 2})  # fmt: skip
    later = app.move(edge + dt.timedelta(seconds=1), new={"breaches": 1}, disappear={"breaches": 1})
    after = {item["id"] for item in app.items("breaches")}
    assert after == before | set(at_edge.new["breaches"]) | set(later.new["breaches"])
    assert not set(at_edge.removed["ips"]) & {item["id"] for item in app.items("ips")}
    stamp = "2026-06-01T12:00:00Z"
    gone = {item["id"]: item for item in app.items("breaches") if item["disappeared_at"] == stamp}
    assert set(gone) == set(at_edge.disappeared["breaches"]) and not any(i["active"] for i in gone.values())
    assert {i["id"] for i in app.items("breaches") if i["status_updated_at"] == stamp} >= set(
        at_edge.status["breaches"]
    )

    transport = httpx.ASGITransport(app=app)
    async with AsyncDetectify(TEST_API_KEY, base_url="http://fake/rest", transport=transport, max_retries=0) as client:
        for resource in ("breaches", "ips"):
            for name in FILTERS:
                if name.startswith("status_") and resource != "breaches":
                    continue
                for bound in (edge - dt.timedelta(seconds=1), edge, edge + dt.timedelta(seconds=1),
                              dt.datetime(2021, 3, 1, 7, 0, tzinfo=dt.UTC)):  # fmt: skip
                    pager = getattr(client, resource).list(limit=37, **{name: bound}).as_dicts()
                    got = [item["id"] async for item in pager]
                    assert got == expected(app, resource, name, bound), (resource, name, bound)


async def test_new_items_cannot_go_back_in_time_and_counts_are_checked(app: FakeDetectify) -> None:
    app.move(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), new={"ips": 1})
    with pytest.raises(ValueError, match="at"):
        app.move(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), new={"ips": 1})
    with pytest.raises(ValueError, match="status"):
        app.move(status={"ips": 1})
    with pytest.raises(ValueError, match="only"):
        app.move(remove={"breaches": 10_000})
    with pytest.raises(ValueError, match="disappear"):
        app.move(disappear={"hosts": 1})

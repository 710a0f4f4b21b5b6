"""Every v2 operation against the fake server's v2 endpoints, signed and unsigned (issues 3 and 8)."""

from __future__ import annotations

import base64
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from detectify import (
    AsyncDetectify,
    AuthenticationError,
    ClockSkewError,
    ConflictError,
    LockedError,
    NotFoundError,
    PermissionDeniedError,
)
from detectify.testing import TEST_V2_API_KEY, TEST_V2_SECRET, TEST_V2_SIGNED_KEY, FakeDetectify, serve

pytestmark = pytest.mark.anyio

CREDENTIALS = {
    "unsigned": {"v2_api_key": TEST_V2_API_KEY},
    "signed": {"v2_api_key": TEST_V2_SIGNED_KEY, "v2_secret_key": TEST_V2_SECRET},
}


@pytest.fixture
def app() -> FakeDetectify:
    return FakeDetectify(seed=3)


@pytest.fixture(params=sorted(CREDENTIALS))
async def client(request: pytest.FixtureRequest, app: FakeDetectify) -> AsyncIterator[AsyncDetectify]:
    async with AsyncDetectify(
        base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app), max_retries=0,
        **CREDENTIALS[request.param],
    ) as c:  # fmt: skip
        yield c


def signed(app: FakeDetectify) -> bool:
    return all("x-detectify-signature" in r.headers for r in app.requests)


async def test_assets_list_create_delete_and_subdomains(client: AsyncDetectify, app: FakeDetectify) -> None:
    roots = [a async for a in client.v2.assets.list(page_size=2)]
    assert [a.token for a in roots] == list(app.v2.assets) and len(app.requests) == 3  # 5 assets, pages of 2
    everything = [a async for a in client.v2.assets.list(include_subdomains=True)]
    assert len(everything) == 5 + 15
    subdomains = [s.name async for s in client.v2.assets.subdomains(roots[0].token, page_size=1)]
    assert subdomains == [s["name"] for s in app.v2.subdomains[roots[0].token]]
    created = await client.v2.assets.create("new.example.org")
    assert created.name == "new.example.org" and created.token in app.v2.assets
    with pytest.raises(ConflictError):
        await client.v2.assets.create("new.example.org")
    await client.v2.assets.delete(created.token)
    with pytest.raises(NotFoundError) as info:
        await client.v2.assets.delete(created.token)
    assert info.value.code == 1004
    assert signed(app) == (client.v2_signed is True)


async def test_scan_profiles_scans_and_schedules(client: AsyncDetectify, app: FakeDetectify) -> None:
    profiles = await client.v2.profiles.list()
    assert len(profiles) == 5
    asset = next(iter(app.v2.assets))
    assert [p.token for p in await client.v2.profiles.list(asset_token=asset)] == [profiles[0].token]
    profile = await client.v2.profiles.create("shop.site0.example.com", name="shop")
    assert profile.name == "shop" and profile.endpoint == "shop.site0.example.com"

    await client.v2.scans.start(profile.token)
    with pytest.raises(ConflictError, match="already running"):
        await client.v2.scans.start(profile.token)
    status = await client.v2.scans.status(profile.token)
    assert (status.scan_profile_token, status.state) == (profile.token, "running")
    await client.v2.scans.stop(profile.token)
    with pytest.raises(NotFoundError):
        await client.v2.scans.status(profile.token)

    unverified = profiles[4].token  # site4 is not verified
    with pytest.raises(LockedError, match="not verified"):
        await client.v2.scans.start(unverified)

    await client.v2.schedules.set(profile.token, "weekly")
    assert app.v2.schedules[profile.token]["frequency"] == "weekly"
    await client.v2.schedules.delete(profile.token)
    assert profile.token not in app.v2.schedules
    with pytest.raises(ValueError, match="frequency"):
        await client.v2.schedules.set(profile.token, "hourly")
    await client.v2.profiles.delete(profile.token)
    assert profile.token not in app.v2.profiles


async def test_reports(client: AsyncDetectify, app: FakeDetectify) -> None:
    profile = next(iter(app.v2.profiles))
    report = await client.v2.reports.latest(profile)
    assert report.scan_profile_token == profile and report.cvss == 7.5
    with pytest.raises(PermissionDeniedError) as info:
        await client.v2.reports.latest_full(profile)
    assert info.value.code == 1009
    app.v2.full_reports = True
    full = await client.v2.reports.latest_full(profile)
    assert full.findings and all(f.asset_token == app.v2.profiles[profile]["_asset"] for f in full.findings)


async def test_vulnerabilities_filters_and_pages(client: AsyncDetectify, app: FakeDetectify) -> None:
    everything = [v.uuid async for v in client.v2.vulnerabilities.list(page_size=10)]
    assert everything == [v["uuid"] for v in app.v2.vulnerabilities]
    high = [v async for v in client.v2.vulnerabilities.list(severity=["high", "critical"], page_size=5)]
    assert {v.severity for v in high} == {"high", "critical"} and len(high) == 18
    after = app.v2.vulnerabilities[20]["created_at"]
    later = [v.uuid async for v in client.v2.vulnerabilities.list(created_after=after)]
    assert later == [v["uuid"] for v in app.v2.vulnerabilities[21:]]  # exclusive
    one = await client.v2.vulnerabilities.get(everything[3])
    assert one.uuid == everything[3]
    with pytest.raises(ValueError, match="severity"):
        client.v2.vulnerabilities.list(severity=["urgent"])


async def test_members(client: AsyncDetectify) -> None:
    members = await client.v2.members.list()
    assert [m.first_name for m in members] == ["Ada", "Linus", "Grace"]


# --- signatures and the time window --------------------------------------------------------------------------


def v2_client(app: FakeDetectify, **credentials: Any) -> AsyncDetectify:
    return AsyncDetectify(base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app), max_retries=0,
                          **credentials)  # fmt: skip


async def test_a_signed_key_refuses_unsigned_or_wrongly_signed_requests(app: FakeDetectify) -> None:
    async with v2_client(app, v2_api_key=TEST_V2_SIGNED_KEY) as client:
        with pytest.raises(AuthenticationError, match="signed"):
            await client.v2.members.list()
    wrong = base64.b64encode(b"another secret").decode()
    async with v2_client(app, v2_api_key=TEST_V2_SIGNED_KEY, v2_secret_key=wrong) as client:
        with pytest.raises(AuthenticationError, match="Invalid signature") as info:
            await client.v2.members.list()
    assert type(info.value) is AuthenticationError  # the clock was right: not reported as skew
    async with v2_client(app, v2_api_key="ffffffffffffffffffffffffffffffff") as client:
        with pytest.raises(AuthenticationError, match="Invalid or missing"):
            await client.v2.members.list()


async def test_a_client_clock_off_by_minutes_is_corrected_from_the_date_header() -> None:
    app = FakeDetectify(wall_clock=lambda: time.time() + 180)  # the API's clock runs three minutes ahead
    async with v2_client(app, **CREDENTIALS["signed"]) as client:
        assert len(await client.v2.members.list()) == 3
        assert len(await client.v2.members.list()) == 3  # the offset is kept: no second refusal
    assert [r.status for r in app.requests] == [401, 200, 200]


async def test_a_clock_that_cannot_be_corrected_is_reported_as_skew() -> None:
    drift = [0.0]

    def wall_clock() -> float:
        drift[0] += 600  # every answer is ten minutes later than the one before
        return time.time() + drift[0]

    app = FakeDetectify(wall_clock=wall_clock)
    async with v2_client(app, **CREDENTIALS["signed"]) as client:
        with pytest.raises(ClockSkewError, match="behind"):
            await client.v2.members.list()
    assert len(app.requests) == 2


async def test_v2_over_loopback(app: FakeDetectify) -> None:
    with serve(app) as url:
        async with AsyncDetectify(base_url=f"{url}/rest", **CREDENTIALS["signed"]) as client:
            assert len([a async for a in client.v2.assets.list()]) == 5
    assert app.requests[0].path == "/rest/v2/assets/" and app.requests[0].status == 200


async def test_v2_faults_are_retried_and_typed_like_v3(app: FakeDetectify) -> None:
    from detectify import InternalServerError
    from detectify.testing import Fault

    app.faults += [Fault("rate_limit", retry_after=0, path="/v2/members/"), Fault("server_error", path="/v2/assets/")]
    async with AsyncDetectify(base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app),
                              max_retries=1, **CREDENTIALS["signed"]) as client:  # fmt: skip
        assert len(await client.v2.members.list()) == 3  # a 429 absorbed by the one retry loop
        app.faults.append(Fault("server_error", status=500, times=None, path="/v2/assets/"))
        with pytest.raises(InternalServerError) as info:
            await client.v2.assets.create("x.example.org")  # a POST on 500 is not retried
    assert info.value.code == 500 and info.value.detail == "Injected fault"
    assert [r.status for r in app.requests] == [429, 200, 503, 500]

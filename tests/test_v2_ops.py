"""The v2 operations Detectify's own example scripts call (issue 18): Surface Monitoring settings, the older
``POST /v2/domains/``, ``asset_token`` on profile creation, zone file uploads and deleting a subdomain's token; each
against the fake server, signed and unsigned."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from detectify import (
    APIResponseValidationError,
    AssetSettings,
    AsyncDetectify,
    BadRequestError,
    ConflictError,
    CustomHeaders,
    NotFoundError,
)
from detectify.signing import sign
from detectify.testing import TEST_V2_API_KEY, TEST_V2_SECRET, TEST_V2_SIGNED_KEY, FakeDetectify, serve

pytestmark = pytest.mark.anyio

CREDENTIALS = {
    "unsigned": {"v2_api_key": TEST_V2_API_KEY},
    "signed": {"v2_api_key": TEST_V2_SIGNED_KEY, "v2_secret_key": TEST_V2_SECRET},
}

ZONE = """$ORIGIN zone.example.net.
$TTL 3600
@       IN SOA ns1.zone.example.net. admin.zone.example.net. (1 7200 3600 1209600 3600)
@       IN NS  ns1
www     IN A   192.0.2.10 ; the web site
mail    IN A   192.0.2.20
shop.zone.example.net. IN CNAME www
        IN A   192.0.2.30
"""


@pytest.fixture
def app() -> FakeDetectify:
    return FakeDetectify(seed=5)


@pytest.fixture(params=sorted(CREDENTIALS))
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def client(mode: str, app: FakeDetectify) -> AsyncIterator[AsyncDetectify]:
    async with AsyncDetectify(
        base_url="http://fake.test/rest", transport=httpx.ASGITransport(app=app), max_retries=0, **CREDENTIALS[mode]
    ) as c:
        yield c


def assert_signed_as(app: FakeDetectify, mode: str) -> None:
    """Every request was signed (over the exact body the server received) when the key needs it, never otherwise."""
    assert app.requests
    for request in app.requests:
        if mode == "unsigned":
            assert "x-detectify-signature" not in request.headers
            continue
        path = request.path.removeprefix("/rest")
        expected = sign(request.method, path, TEST_V2_SIGNED_KEY, int(request.headers["x-detectify-timestamp"]),
                        request.body, base64.b64decode(TEST_V2_SECRET))  # fmt: skip
        assert request.headers["x-detectify-signature"] == expected


def last_body(app: FakeDetectify) -> dict[str, Any]:
    body = json.loads(app.requests[-1].body)
    assert isinstance(body, dict)
    return body


# --- Surface Monitoring settings ----------------------------------------------------------------------------------


async def test_settings_are_read_as_a_model(client: AsyncDetectify, app: FakeDetectify, mode: str) -> None:
    token = next(iter(app.v2.assets))
    settings = await client.v2.assets.settings(token)
    assert isinstance(settings, AssetSettings)
    assert settings.monitoring is True and settings.requests_per_second == 0 and settings.brute_force is True
    assert isinstance(settings.custom_headers, CustomHeaders) and settings.custom_headers.additional_properties == {}
    assert settings.to_dict() == app.v2.settings[token]
    assert (app.requests[-1].method, app.requests[-1].path) == ("GET", f"/rest/v2/domains/{token}/settings/")
    unverified = list(app.v2.assets)[4]  # site4 is not verified, so not monitored
    assert (await client.v2.assets.settings(unverified)).monitoring is False
    assert_signed_as(app, mode)


async def test_update_settings_sends_only_the_named_settings(
    client: AsyncDetectify, app: FakeDetectify, mode: str
) -> None:
    token = next(iter(app.v2.assets))
    before = (await client.v2.assets.settings(token)).to_dict()
    after = await client.v2.assets.update_settings(
        token, monitoring=False, requests_per_second=25, custom_headers={"X-Scanner": "detectify"}
    )
    assert app.requests[-1].method == "PUT"
    assert last_body(app) == {
        "monitoring": False,
        "requests_per_second": 25,
        "custom_headers": {"X-Scanner": "detectify"},
    }
    assert after.monitoring is False and after.requests_per_second == 25
    assert isinstance(after.custom_headers, CustomHeaders) and after.custom_headers["X-Scanner"] == "detectify"
    unchanged = {k: v for k, v in before.items() if k not in ("monitoring", "requests_per_second", "custom_headers")}
    assert {k: after.to_dict()[k] for k in unchanged} == unchanged  # the others kept their values
    assert (await client.v2.assets.settings(token)).to_dict() == after.to_dict()  # and it stuck

    await client.v2.assets.update_settings(token, ssl_audit=False)
    assert last_body(app) == {"ssl_audit": False}
    assert app.v2.settings[token]["requests_per_second"] == 25
    assert_signed_as(app, mode)


@pytest.mark.parametrize(
    ("changes", "error", "named"),
    [
        ({"monitorin": True}, TypeError, "monitorin"),
        ({"monitoring": "yes"}, TypeError, "monitoring"),
        ({"monitoring": None}, TypeError, "monitoring"),
        ({"requests_per_second": -1}, ValueError, "requests_per_second"),
        ({"requests_per_second": True}, ValueError, "requests_per_second"),
        ({"requests_per_second": 2.5}, ValueError, "requests_per_second"),
        ({"custom_headers": {"X-A": 1}}, TypeError, "custom_headers"),
        ({"custom_headers": [("X-A", "1")]}, TypeError, "custom_headers"),
        ({"custom_headers": {"": "1"}}, TypeError, "custom_headers"),
        ({}, ValueError, "at least one setting"),
    ],
)
async def test_update_settings_checks_its_arguments_before_sending(
    client: AsyncDetectify, app: FakeDetectify, changes: dict[str, Any], error: type[Exception], named: str
) -> None:
    token = next(iter(app.v2.assets))
    with pytest.raises(error, match=named):
        await client.v2.assets.update_settings(token, **changes)
    with pytest.raises(ValueError, match="asset_token"):
        await client.v2.assets.update_settings("", monitoring=True)
    with pytest.raises(ValueError, match="asset_token"):
        await client.v2.assets.settings(" ")
    assert app.requests == []


async def test_settings_of_an_unknown_or_subdomain_token_are_not_found(
    client: AsyncDetectify, app: FakeDetectify
) -> None:
    root = next(iter(app.v2.assets))
    subdomain = app.v2.subdomains[root][0]["token"]
    with pytest.raises(NotFoundError) as info:
        await client.v2.assets.settings(subdomain)
    assert info.value.code == 1004
    with pytest.raises(NotFoundError):
        await client.v2.assets.update_settings("0" * 32, monitoring=True)


async def test_the_fake_refuses_settings_the_facade_would_not_send(client: AsyncDetectify, app: FakeDetectify) -> None:
    token = next(iter(app.v2.assets))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://fake.test/rest") as http:
        for body in ({"monitoring": "on"}, {"requests_per_second": -5}, {"no_such_setting": True}):
            reply = await http.put(f"/v2/domains/{token}/settings/", json=body,
                                   headers={"X-Detectify-Key": TEST_V2_API_KEY})  # fmt: skip
            assert reply.status_code == 400 and next(iter(body)) in reply.json()["error"]["message"]
    assert (await client.v2.assets.settings(token)).monitoring is True  # nothing changed


# --- POST /v2/domains/ and asset_token on POST /v2/profiles/ ------------------------------------------------------


async def test_a_created_domain_token_serves_profiles_create(
    client: AsyncDetectify, app: FakeDetectify, mode: str
) -> None:
    domain = await client.v2.domains.create("abcd.example.org")
    assert (app.requests[-1].method, app.requests[-1].path) == ("POST", "/rest/v2/domains/")
    assert last_body(app) == {"name": "abcd.example.org"}
    assert domain.name == "abcd.example.org" and domain.token in app.v2.assets
    assert domain.token in [a.token async for a in client.v2.assets.list()]

    profile = await client.v2.profiles.create("my.abcd.example.org", asset_token=domain.token, unique=True)
    assert last_body(app) == {"endpoint": "my.abcd.example.org", "unique": True, "asset_token": domain.token}
    assert [p.token for p in await client.v2.profiles.list(asset_token=domain.token)] == [profile.token]
    assert (await client.v2.assets.settings(domain.token)).monitoring is False  # a new domain is not verified yet
    with pytest.raises(BadRequestError, match="not on the asset"):
        await client.v2.profiles.create("www.site0.example.com", asset_token=domain.token)
    with pytest.raises(BadRequestError, match="asset_token"):
        await client.v2.profiles.create("my.abcd.example.org", asset_token="f" * 32)
    with pytest.raises(ConflictError):
        await client.v2.domains.create("abcd.example.org")
    assert_signed_as(app, mode)


async def test_profiles_create_without_asset_token_sends_none(client: AsyncDetectify, app: FakeDetectify) -> None:
    await client.v2.profiles.create("shop.site1.example.com")
    assert last_body(app) == {"endpoint": "shop.site1.example.com"}


async def test_domain_and_profile_arguments_are_checked_before_sending(
    client: AsyncDetectify, app: FakeDetectify
) -> None:
    with pytest.raises(ValueError, match="name"):
        await client.v2.domains.create("")
    with pytest.raises(ValueError, match="asset_token"):
        await client.v2.profiles.create("www.site0.example.com", asset_token="")
    with pytest.raises(TypeError, match="unique"):
        await client.v2.profiles.create("www.site0.example.com", unique="yes")  # type: ignore[arg-type]
    assert app.requests == []


# --- zone files ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_bytes", [True, False], ids=["bytes", "str"])
async def test_a_zone_upload_sends_the_exact_bytes_signed(
    client: AsyncDetectify, app: FakeDetectify, mode: str, as_bytes: bool
) -> None:
    text = ZONE + "; é, a comment that is not ASCII\r\n"
    expected = text.encode()
    await client.v2.zones.upload(expected if as_bytes else text)
    request = app.requests[-1]
    assert (request.method, request.path, request.status) == ("POST", "/rest/v2/zone/file/", 202)
    assert request.body == expected and app.v2.zone_files == [expected]
    assert request.headers["content-type"] == "text/plain"
    assert_signed_as(app, mode)

    roots = {a.name: a.token async for a in client.v2.assets.list()}
    assert "zone.example.net" in roots
    hosts = [s.name async for s in client.v2.assets.subdomains(roots["zone.example.net"])]
    assert hosts == ["www.zone.example.net", "mail.zone.example.net", "shop.zone.example.net"]


async def test_zone_upload_arguments_are_checked_before_sending(client: AsyncDetectify, app: FakeDetectify) -> None:
    with pytest.raises(TypeError, match="content"):
        await client.v2.zones.upload(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="content"):
        await client.v2.zones.upload(["$ORIGIN a.example."])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="content"):
        await client.v2.zones.upload(b" \n")
    assert app.requests == []


async def test_a_zone_file_without_origin_is_refused_by_the_api(client: AsyncDetectify, app: FakeDetectify) -> None:
    with pytest.raises(BadRequestError, match=r"\$ORIGIN") as info:
        await client.v2.zones.upload("www IN A 192.0.2.1\n")
    assert info.value.code == 1002 and app.v2.zone_files == []
    with pytest.raises(BadRequestError, match="UTF-8"):
        await client.v2.zones.upload(b"$ORIGIN x.example.\n\xff\xfe")


# --- deleting a subdomain's token ---------------------------------------------------------------------------------


async def test_a_subdomain_token_listed_with_include_subdomains_can_be_deleted(
    client: AsyncDetectify, app: FakeDetectify, mode: str
) -> None:
    listed = {a.name: a.token async for a in client.v2.assets.list(include_subdomains=True)}
    root = next(iter(app.v2.assets))
    target = app.v2.subdomains[root][1]
    assert listed[target["name"]] == target["token"]
    await client.v2.assets.delete(target["token"])
    assert app.requests[-1].status == 204
    after = {a.name async for a in client.v2.assets.list(include_subdomains=True)}
    assert after == set(listed) - {target["name"]}
    assert target["name"] not in [s.name async for s in client.v2.assets.subdomains(root)]
    assert root in app.v2.assets  # the root stays
    with pytest.raises(NotFoundError):
        await client.v2.assets.delete(target["token"])
    assert_signed_as(app, mode)


async def test_the_new_operations_over_loopback(app: FakeDetectify) -> None:
    with serve(app) as url:
        async with AsyncDetectify(base_url=f"{url}/rest", **CREDENTIALS["signed"]) as client:
            domain = await client.v2.domains.create("loop.example.org")
            settings = await client.v2.assets.update_settings(domain.token, scrape=False)
            await client.v2.zones.upload("$ORIGIN loop.example.org.\napi IN A 192.0.2.7\n")
    assert settings.scrape is False
    assert [r.status for r in app.requests] == [200, 200, 202]
    assert [s["name"] for s in app.v2.subdomains[domain.token]] == ["api.loop.example.org"]


# --- hostile answers ----------------------------------------------------------------------------------------------


def answering(body: bytes) -> Any:
    """An ASGI app that answers every request 200 with body."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})

    return app


@pytest.mark.parametrize(
    "body",
    [b"[]", b"null", b"not json", b'"settings"', b'{"custom_headers": [1, 2]}', b'{"custom_headers": "x"}',
     b'{"custom_headers": {"X-A": 1}}', b'{"monitoring": "yes"}', b'{"requests_per_second": -1}',
     b'{"requests_per_second": "fast"}', b'{"ssl_audit": null}'],
)  # fmt: skip
async def test_settings_that_do_not_fit_are_a_typed_error(body: bytes) -> None:
    async with AsyncDetectify(v2_api_key=TEST_V2_API_KEY, base_url="http://x.test/rest",
                              transport=httpx.ASGITransport(app=answering(body)), max_retries=0) as client:  # fmt: skip
        with pytest.raises(APIResponseValidationError, match="settings"):
            await client.v2.assets.settings("t1")
        with pytest.raises(APIResponseValidationError, match="settings"):
            await client.v2.assets.update_settings("t1", monitoring=True)
        with pytest.raises(APIResponseValidationError):
            await client.v2.domains.create("a.example.org")


async def test_settings_newer_than_the_sdk_are_kept() -> None:
    body = b'{"monitoring": true, "dns_zone_walking": "sometimes"}'
    async with AsyncDetectify(v2_api_key=TEST_V2_API_KEY, base_url="http://x.test/rest",
                              transport=httpx.ASGITransport(app=answering(body)), max_retries=0) as client:  # fmt: skip
        settings = await client.v2.assets.settings("t1")
    assert settings.monitoring is True and settings.to_dict()["dns_zone_walking"] == "sometimes"

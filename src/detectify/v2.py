"""The v2 API on the same client: ``client.v2.assets``, ``.profiles``, ``.scans``, ``.schedules``, ``.reports``,
``.vulnerabilities``, ``.members``, ``.domains`` and ``.zones``.

Credentials: ``AsyncDetectify(v2_api_key=..., v2_secret_key=...)`` or env ``DETECTIFY_V2_API_KEY`` /
``DETECTIFY_V2_SECRET_KEY``. The key goes in ``X-Detectify-Key`` (never in the URL); with a secret, every request is
signed (``detectify.signing``). Requests go through the same pool, retry loop and pacing as v3; marker-paginated
lists go through the same pager. A signed request refused with 401 because this machine's clock is off (the API's
``Date`` header says so) is signed again once with the offset learned from it; if that fails too, the error is a
``ClockSkewError``, not a bad-key error.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from . import adapter
from .adapter import (
    Asset,
    AssetSettings,
    FullReport,
    Member,
    Report,
    ScanProfile,
    ScanStatus,
    V2List,
    Vulnerability,
)
from .errors import APIResponseValidationError, AuthenticationError, ClockSkewError
from .pagination import AsyncPager, Page
from .signing import ACCEPTED_FUTURE, ACCEPTED_PAST
from .validation import check_cursor, check_datetime, check_id, check_window

if TYPE_CHECKING:
    from .client import AsyncDetectify

__all__ = ["V2"]

T = TypeVar("T")
Send = Callable[[adapter.GeneratedClient], Awaitable[adapter.AnyResponse]]
FREQUENCIES = ("once", "daily", "weekly", "biweekly", "monthly")
SEVERITIES = ("information", "low", "medium", "high", "critical")


class V2:
    """The v2 resources of a client."""

    def __init__(self, client: AsyncDetectify) -> None:
        self.assets = Assets(client)
        self.profiles = Profiles(client)
        self.scans = Scans(client)
        self.schedules = Schedules(client)
        self.reports = Reports(client)
        self.vulnerabilities = Vulnerabilities(client)
        self.members = Members(client)
        self.domains = Domains(client)
        self.zones = Zones(client)


def _skew(headers: dict[str, str] | Any) -> float | None:
    """The API's clock minus ours (seconds), from a response's ``Date`` header."""
    value = headers.get("date") if hasattr(headers, "get") else None
    if not value:
        return None
    try:
        server = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return server.timestamp() - time.time() if server.tzinfo is not None else None


def _within_window(skew: float, offset: float) -> bool:
    """Whether our timestamps (local clock + offset) fall safely inside the API's window, given its clock
    (``Date`` has whole seconds, so a second of margin on each side)."""
    ahead = offset - skew  # our timestamp minus the API's time
    return -ACCEPTED_PAST + 1 <= ahead <= ACCEPTED_FUTURE - 1


class _V2Resource:
    def __init__(self, client: AsyncDetectify) -> None:
        self._client = client

    async def _call(self, method: str, path: str, send: Send) -> adapter.AnyResponse:
        """One v2 request through the client's loop, re-signed once if the API refused our clock."""
        client = self._client
        try:
            return await client._request(method, path, send)
        except AuthenticationError as exc:
            credentials = client._pool.v2
            skew = _skew(exc.headers)
            if credentials is None or credentials.secret is None or skew is None:
                raise
            if _within_window(skew, credentials.clock_offset):
                raise  # our timestamp was fine: the key or the signature itself was refused
            credentials.clock_offset = skew
            try:
                return await client._request(method, path, send)
            except AuthenticationError as again:
                later = _skew(again.headers)
                if later is None or _within_window(later, credentials.clock_offset):
                    raise  # the clock is right now, so it is the key
                raise ClockSkewError(401, again.body, skew=later, headers=again.headers, method=method,
                                     url=again.url) from again  # fmt: skip

    async def _expect(self, method: str, path: str, send: Send, model: type[T]) -> T:
        response = await self._call(method, path, send)
        if not isinstance(response.parsed, model):
            raise APIResponseValidationError(
                f"{method} {path} answered {response.status_code} without a {model.__name__}",
                body=response.content,
                status_code=response.status_code,
            )
        return response.parsed

    async def _expect_list(self, method: str, path: str, send: Send, model: type[T]) -> list[T]:
        response = await self._call(method, path, send)
        parsed = response.parsed
        if not isinstance(parsed, list) or not all(isinstance(item, model) for item in parsed):
            raise APIResponseValidationError(
                f"{method} {path} answered {response.status_code} without a list of {model.__name__}",
                body=response.content,
                status_code=response.status_code,
            )
        return parsed

    def _pager(self, op: V2List[T], params: dict[str, Any], cursor: str | None) -> AsyncPager[T]:
        """A marker-paginated v2 list through the same pager as v3: ``has_more`` decides, ``next_marker`` leads."""

        async def fetch(marker: str | None) -> Page[T]:
            call = dict(params, marker=marker) if marker is not None else params
            response = await self._call("GET", op.path, lambda g: op.page(g, call))
            contents = op.contents(response.parsed)
            if contents is None:
                raise APIResponseValidationError(
                    f"GET {op.path} answered {response.status_code} without a list page",
                    body=response.content,
                    status_code=response.status_code,
                )
            items, more, next_marker = contents
            if more and next_marker is None:
                raise APIResponseValidationError(
                    f"GET {op.path} says has_more but gives no next_marker", body=response.content
                )
            return Page(items=items, next_cursor=next_marker if more else None, cursor=marker)

        return AsyncPager(fetch, cursor=cursor)


def _page_size(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise ValueError(f"page_size must be an integer in 1..100, got {value!r}")
    return value


def _params(**values: Any) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}


class Assets(_V2Resource):
    """The team's assets (root domains) and their subdomains."""

    def list(
        self, *, include_subdomains: bool | None = None, page_size: int | None = None, cursor: str | None = None
    ) -> AsyncPager[Asset]:
        """Every asset, across pages (``cursor``: a page's ``next_cursor``, the API's marker)."""
        if include_subdomains is not None and not isinstance(include_subdomains, bool):
            raise TypeError(f"include_subdomains must be a bool, got {include_subdomains!r}")
        params = _params(include_subdomains=include_subdomains, page_size=_page_size(page_size))
        return self._pager(adapter.V2_LISTS["assets"], params, check_cursor(cursor))

    def subdomains(
        self, asset_token: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> AsyncPager[Asset]:
        """Every subdomain of an asset, across pages."""
        params = _params(asset_token=check_id("asset_token", asset_token), page_size=_page_size(page_size))
        return self._pager(adapter.V2_LISTS["subdomains"], params, check_cursor(cursor))

    async def create(self, name: str) -> Asset:
        """Add a root domain to the team."""
        check_id("name", name)
        return await self._expect("POST", "/v2/assets/", lambda g: adapter.v2_create_asset(g, name), Asset)

    async def delete(self, asset_token: str) -> None:
        """Delete an asset, or a subdomain (any token ``list(include_subdomains=True)`` gives)."""
        token = check_id("asset_token", asset_token)
        await self._call("DELETE", "/v2/assets/{asset_token}/", lambda g: adapter.v2_delete_asset(g, token))

    # Surface Monitoring settings (issue 18)

    async def settings(self, asset_token: str) -> AssetSettings:
        """The Surface Monitoring settings of a root asset."""
        token = check_id("asset_token", asset_token)
        return await self._settings("GET", lambda g: adapter.v2_asset_settings(g, token))

    async def update_settings(self, asset_token: str, **changes: bool | int | Mapping[str, str]) -> AssetSettings:
        """Change the named Surface Monitoring settings (``monitoring=False``, ``requests_per_second=10``,
        ``custom_headers={"X-Scanner": "detectify"}``, ...): only those are sent. Returns the settings after it."""
        token = check_id("asset_token", asset_token)
        body = _setting_changes(changes)
        return await self._settings("PUT", lambda g: adapter.v2_update_settings(g, token, body))

    async def _settings(self, method: str, send: Send) -> AssetSettings:
        """The settings an answer holds, each known setting of the kind it should be (newer ones are kept as sent)."""
        path = "/v2/domains/{token}/settings/"
        response = await self._call(method, path, send)
        settings = response.parsed
        try:
            if not isinstance(settings, AssetSettings) or not response.content.lstrip().startswith(b"{"):
                raise TypeError("no settings object")
            for name, value in settings.to_dict().items():
                if name in adapter.V2_SETTING_NAMES:
                    _setting_value(name, value)
        except (TypeError, ValueError) as exc:
            raise APIResponseValidationError(f"{method} {path} answered {response.status_code} without valid "
                                             f"settings ({str(exc)[:200]})", body=response.content,
                                             status_code=response.status_code) from None  # fmt: skip
        return settings


class Profiles(_V2Resource):
    """Scan profiles."""

    async def list(self, *, asset_token: str | None = None) -> list[ScanProfile]:
        """Every scan profile, or those of one asset."""
        token = None if asset_token is None else check_id("asset_token", asset_token)
        path = "/v2/profiles/" if token is None else "/v2/profiles/{token}/"
        return await self._expect_list("GET", path, lambda g: adapter.v2_list_profiles(g, token), ScanProfile)

    async def create(
        self, endpoint: str, *, name: str | None = None, unique: bool | None = None, asset_token: str | None = None
    ) -> ScanProfile:
        """A scan profile for an endpoint (a domain or URL), optionally naming the root asset it is on."""
        check_id("endpoint", endpoint)
        if name is not None:
            check_id("name", name)
        if unique is not None and not isinstance(unique, bool):
            raise TypeError(f"unique must be a bool, got {unique!r}")
        if asset_token is not None:
            check_id("asset_token", asset_token)
        send: Send = lambda g: adapter.v2_create_profile(g, endpoint, name, unique, asset_token)  # noqa: E731
        return await self._expect("POST", "/v2/profiles/", send, ScanProfile)

    async def delete(self, profile_token: str) -> None:
        token = check_id("profile_token", profile_token)
        await self._call("DELETE", "/v2/profiles/{token}/", lambda g: adapter.v2_delete_profile(g, token))


class Scans(_V2Resource):
    """Scans of a scan profile: ``ConflictError`` (409) when one is already running, ``LockedError`` (423) when
    the domain is not verified."""

    async def start(self, profile_token: str) -> None:
        token = check_id("profile_token", profile_token)
        await self._call("POST", "/v2/scans/{profile_token}/", lambda g: adapter.v2_scan(g, "start", token))

    async def status(self, profile_token: str) -> ScanStatus:
        token = check_id("profile_token", profile_token)
        send: Send = lambda g: adapter.v2_scan(g, "status", token)  # noqa: E731
        return await self._expect("GET", "/v2/scans/{profile_token}/", send, ScanStatus)

    async def stop(self, profile_token: str) -> None:
        token = check_id("profile_token", profile_token)
        await self._call("DELETE", "/v2/scans/{profile_token}/", lambda g: adapter.v2_scan(g, "stop", token))


class Schedules(_V2Resource):
    """Scan schedules of scan profiles."""

    async def set(self, profile_token: str, frequency: str) -> None:
        """Scan ``once``, ``daily``, ``weekly``, ``biweekly`` or ``monthly``."""
        token = check_id("profile_token", profile_token)
        if frequency not in FREQUENCIES:
            raise ValueError(f"frequency must be one of {', '.join(FREQUENCIES)}, got {frequency!r}")
        send: Send = lambda g: adapter.v2_set_schedule(g, token, frequency)  # noqa: E731
        await self._call("POST", "/v2/scanschedules/{profile_token}/", send)

    async def delete(self, profile_token: str) -> None:
        token = check_id("profile_token", profile_token)
        await self._call("DELETE", "/v2/scanschedules/{profile_token}/", lambda g: adapter.v2_delete_schedule(g, token))


class Reports(_V2Resource):
    """Scan reports."""

    async def latest(self, profile_token: str) -> Report:
        token = check_id("profile_token", profile_token)
        send: Send = lambda g: adapter.v2_report(g, token, full=False)  # noqa: E731
        return await self._expect("GET", "/v2/reports/{profile_token}/latest/", send, Report)

    async def latest_full(self, profile_token: str) -> FullReport:
        """The full report, with findings (``PermissionDeniedError`` with ``code`` 1009 on plans without it)."""
        token = check_id("profile_token", profile_token)
        send: Send = lambda g: adapter.v2_report(g, token, full=True)  # noqa: E731
        return await self._expect("GET", "/v2/fullreports/{profile_token}/latest/", send, FullReport)


When = dt.datetime | str


class Vulnerabilities(_V2Resource):
    """Vulnerabilities found by scans."""

    def list(
        self,
        *,
        severity: Iterable[str] | None = None,
        status: Iterable[str] | None = None,
        scan_source: Iterable[str] | None = None,
        asset_token: Iterable[str] | None = None,
        host: Iterable[str] | None = None,
        created_after: When | None = None,
        created_before: When | None = None,
        updated_after: When | None = None,
        updated_before: When | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[Vulnerability]:
        """Every vulnerability matching the filters (lists keep items matching any value), across pages."""
        severities = _strings("severity", severity)
        if severities is not None:
            bad = [s for s in severities if s not in SEVERITIES]
            if bad:
                raise ValueError(f"severity: {bad} not among {', '.join(SEVERITIES)}")
        times = {
            name: check_datetime(name, value)
            for name, value in (("created_after", created_after), ("created_before", created_before),
                                ("updated_after", updated_after), ("updated_before", updated_before))
        }  # fmt: skip
        check_window("created_after", times["created_after"], "created_before", times["created_before"])
        check_window("updated_after", times["updated_after"], "updated_before", times["updated_before"])
        params = _params(
            severity=None if severities is None else adapter.v2_severities(severities),
            status=_strings("status", status),
            scan_source=_strings("scan_source", scan_source),
            asset_token=_strings("asset_token", asset_token),
            host=_strings("host", host),
            page_size=_page_size(page_size),
            **times,
        )
        return self._pager(adapter.V2_LISTS["vulnerabilities"], params, check_cursor(cursor))

    async def get(self, uuid: str) -> Vulnerability:
        key = check_id("uuid", uuid)
        send: Send = lambda g: adapter.v2_vulnerability(g, key)  # noqa: E731
        return await self._expect("GET", "/v2/vulnerabilities/uuid/{uuid}/", send, Vulnerability)


class Members(_V2Resource):
    """The team's members."""

    async def list(self) -> list[Member]:
        return await self._expect_list("GET", "/v2/members/", adapter.v2_members, Member)


def _strings(name: str, values: Iterable[str] | str | None) -> list[str] | None:
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    if not items or not all(isinstance(v, str) and v for v in items):
        raise ValueError(f"{name} must be one or more non-empty strings, got {values!r}")
    return items


# --- asset settings, domains, zone files (issue 18) ------------------------------------------------------------


def _setting_changes(changes: Mapping[str, object]) -> dict[str, object]:
    """The settings to send: names the API has, each value checked."""
    if not changes:
        raise ValueError(f"update_settings needs at least one setting: {', '.join(sorted(adapter.V2_SETTING_NAMES))}")
    body: dict[str, object] = {}
    for name, value in changes.items():
        if name not in adapter.V2_SETTING_NAMES:
            known = ", ".join(sorted(adapter.V2_SETTING_NAMES))
            raise TypeError(f"{name} is not a Surface Monitoring setting (the settings: {known})")
        body[name] = _setting_value(name, value)
    return body


def _setting_value(name: str, value: object) -> object:
    """A setting's value if it is of its kind: switches are bools, the rate an int >= 0, headers strings by name."""
    if name == "requests_per_second":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"requests_per_second must be an integer >= 0 (0: no limit), got {value!r}")
        return value
    if name == "custom_headers":
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and k and isinstance(v, str) for k, v in value.items()
        ):
            raise TypeError(f"custom_headers must be a mapping of header names to strings, got {value!r}")
        return dict(value)
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, got {value!r}")
    return value


class Domains(_V2Resource):
    """Domains, added the older way (``POST /v2/domains/``); the result is an asset like ``assets.create``'s."""

    async def create(self, name: str) -> Asset:
        """Add a domain to the team; the asset's ``token`` is what ``profiles.create(asset_token=...)`` takes."""
        check_id("name", name)
        send: Send = lambda g: adapter.v2_create_domain(g, name)  # noqa: E731
        asset = await self._expect("POST", "/v2/domains/", send, Asset)
        if not isinstance(asset.token, str) or not asset.token:
            raise APIResponseValidationError(f"POST /v2/domains/ answered an asset without a token: {asset.token!r}")
        return asset


class Zones(_V2Resource):
    """DNS zone files: the domain of a zone's ``$ORIGIN`` and the names it holds join the asset inventory."""

    async def upload(self, content: bytes | str) -> None:
        """Upload a zone file's text (``str`` is sent UTF-8 encoded; ``bytes`` exactly as given)."""
        if isinstance(content, str):
            data = content.encode()
        elif isinstance(content, bytes | bytearray | memoryview):
            data = bytes(content)
        else:
            raise TypeError(f"content must be the zone file's text (bytes or str), got {type(content).__name__}")
        if not data.strip():
            raise ValueError("content must be a zone file's text, got an empty one")
        await self._call("POST", "/v2/zone/file/", lambda g: adapter.v2_upload_zone(g, data))

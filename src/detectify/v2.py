"""The v2 API on the same client: ``client.v2.assets``, ``.profiles``, ``.scans``, ``.schedules``, ``.reports``,
``.vulnerabilities``, ``.members``, ``.domains`` and ``.zones``.

Credentials: ``AsyncDetectify(v2_api_key=..., v2_secret_key=...)`` or env ``DETECTIFY_V2_API_KEY`` /
``DETECTIFY_V2_SECRET_KEY``. The key goes in ``X-Detectify-Key`` (never in the URL); with a secret, every request is
signed (``detectify.signing``, ``detectify.auth``). Requests go through the same session, retry loop and pacing as
v3; marker-paginated lists go through the same pager. A signed request refused with 401 because this machine's clock
is off is signed again once with the offset learned from the API's ``Date`` header, inside the same attempt; if that
fails too, the error is a ``ClockSkewError``, not a bad-key error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any, TypeVar

from . import adapter_v2
from .adapter_v2 import Asset, AssetSettings, FullReport, Member, Report, ScanProfile, ScanStatus, V2List, Vulnerability
from .calls import Call
from .errors import APIResponseValidationError, request_id_of
from .pagination import AsyncPager, Page
from .session import Session
from .validation import When, check_choices, check_cursor, check_datetime, check_id, check_window, list_params

__all__ = ["V2"]

T = TypeVar("T")
#: The largest page a v2 list serves.
MAX_PAGE_SIZE = 100


class V2:
    """The v2 resources of a client (each built once, when first used)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @cached_property
    def assets(self) -> Assets:
        return Assets(self._session)

    @cached_property
    def profiles(self) -> Profiles:
        return Profiles(self._session)

    @cached_property
    def scans(self) -> Scans:
        return Scans(self._session)

    @cached_property
    def schedules(self) -> Schedules:
        return Schedules(self._session)

    @cached_property
    def reports(self) -> Reports:
        return Reports(self._session)

    @cached_property
    def vulnerabilities(self) -> Vulnerabilities:
        return Vulnerabilities(self._session)

    @cached_property
    def members(self) -> Members:
        return Members(self._session)

    @cached_property
    def domains(self) -> Domains:
        return Domains(self._session)

    @cached_property
    def zones(self) -> Zones:
        return Zones(self._session)


class _V2Resource:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _pager(self, op: V2List[T], params: dict[str, Any], cursor: str | None) -> AsyncPager[T]:
        """A marker-paginated v2 list through the same pager as v3: ``has_more`` decides, ``next_marker`` leads."""
        session = self._session

        async def fetch(marker: str | None) -> Page[T]:
            exchange = await session.exchange(op.page(dict(params, marker=marker) if marker is not None else params))
            page = exchange.parsed
            headers = exchange.response.headers
            return Page(page.items, page.next_marker, marker, headers=headers, request_id=request_id_of(headers))

        return AsyncPager(fetch, cursor=cursor)


def _page_size(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be an integer in 1..{MAX_PAGE_SIZE}, got {value!r}")
    return value


class Assets(_V2Resource):
    """The team's assets (root domains) and their subdomains."""

    def list(
        self, *, include_subdomains: bool | None = None, page_size: int | None = None, cursor: str | None = None
    ) -> AsyncPager[Asset]:
        """Every asset, across pages (``cursor``: a page's ``next_cursor``, the API's marker)."""
        if include_subdomains is not None and not isinstance(include_subdomains, bool):
            raise TypeError(f"include_subdomains must be a bool, got {include_subdomains!r}")
        params = list_params(include_subdomains=include_subdomains, page_size=_page_size(page_size))
        return self._pager(adapter_v2.V2_LISTS["assets"], params, check_cursor(cursor))

    def subdomains(
        self, asset_token: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> AsyncPager[Asset]:
        """Every subdomain of an asset, across pages."""
        params = list_params(asset_token=check_id("asset_token", asset_token), page_size=_page_size(page_size))
        return self._pager(adapter_v2.V2_LISTS["subdomains"], params, check_cursor(cursor))

    async def create(self, name: str) -> Asset:
        """Add a root domain to the team."""
        return await self._session.send(adapter_v2.v2_create_asset(check_id("name", name)))

    async def delete(self, asset_token: str) -> None:
        """Delete an asset, or a subdomain (any token ``list(include_subdomains=True)`` gives)."""
        await self._session.send(adapter_v2.v2_delete_asset(check_id("asset_token", asset_token)))

    async def settings(self, asset_token: str) -> AssetSettings:
        """The Surface Monitoring settings of a root asset."""
        return await self._settings(adapter_v2.v2_asset_settings(check_id("asset_token", asset_token)))

    async def update_settings(self, asset_token: str, /, **changes: bool | int | Mapping[str, str]) -> AssetSettings:
        """Change the named Surface Monitoring settings (``monitoring=False``, ``requests_per_second=10``,
        ``custom_headers={"X-Scanner": "detectify"}``, ...): only those are sent. Returns the settings after it."""
        token = check_id("asset_token", asset_token)
        return await self._settings(adapter_v2.v2_update_settings(token, _setting_changes(changes)))

    async def _settings(self, call: Call[AssetSettings]) -> AssetSettings:
        """The settings an answer holds, each known setting of the kind it should be (newer ones are kept as sent)."""
        exchange = await self._session.exchange(call)
        settings, response = exchange.parsed, exchange.response
        try:
            if not response.content.lstrip().startswith(b"{"):
                raise TypeError("no settings object")
            for name, value in settings.to_dict().items():
                if name in adapter_v2.V2_SETTING_NAMES:
                    _setting_value(name, value)
        except (TypeError, ValueError) as exc:
            raise APIResponseValidationError(
                f"{call.describe} answered {response.status_code} without valid settings ({str(exc)[:200]})",
                body=response.content,
                status_code=response.status_code,
            ) from None
        return settings


class Profiles(_V2Resource):
    """Scan profiles."""

    async def list(self, *, asset_token: str | None = None) -> list[ScanProfile]:
        """Every scan profile, or those of one asset."""
        token = None if asset_token is None else check_id("asset_token", asset_token)
        return await self._session.send(adapter_v2.v2_list_profiles(token))

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
        return await self._session.send(adapter_v2.v2_create_profile(endpoint, name, unique, asset_token))

    async def delete(self, profile_token: str) -> None:
        await self._session.send(adapter_v2.v2_delete_profile(check_id("profile_token", profile_token)))


class Scans(_V2Resource):
    """Scans of a scan profile: ``ConflictError`` (409) when one is already running, ``LockedError`` (423) when
    the domain is not verified."""

    async def start(self, profile_token: str) -> None:
        await self._session.send(adapter_v2.v2_start_scan(check_id("profile_token", profile_token)))

    async def status(self, profile_token: str) -> ScanStatus:
        return await self._session.send(adapter_v2.v2_scan_status(check_id("profile_token", profile_token)))

    async def stop(self, profile_token: str) -> None:
        await self._session.send(adapter_v2.v2_stop_scan(check_id("profile_token", profile_token)))


class Schedules(_V2Resource):
    """Scan schedules of scan profiles."""

    async def set(self, profile_token: str, frequency: str) -> None:
        """Scan ``once``, ``daily``, ``weekly``, ``biweekly`` or ``monthly``."""
        token = check_id("profile_token", profile_token)
        if not isinstance(frequency, str) or frequency not in adapter_v2.SCAN_FREQUENCIES:
            raise ValueError(f"frequency must be one of {', '.join(adapter_v2.SCAN_FREQUENCIES)}, got {frequency!r}")
        await self._session.send(adapter_v2.v2_set_schedule(token, frequency))

    async def delete(self, profile_token: str) -> None:
        await self._session.send(adapter_v2.v2_delete_schedule(check_id("profile_token", profile_token)))


class Reports(_V2Resource):
    """Scan reports."""

    async def latest(self, profile_token: str) -> Report:
        return await self._session.send(adapter_v2.v2_report(check_id("profile_token", profile_token)))

    async def latest_full(self, profile_token: str) -> FullReport:
        """The full report, with findings (``PermissionDeniedError`` with ``code`` 1009 on plans without it)."""
        return await self._session.send(adapter_v2.v2_full_report(check_id("profile_token", profile_token)))


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
        severities = check_choices("severity", severity, adapter_v2.SEVERITIES)
        times = {
            name: check_datetime(name, value)
            for name, value in (("created_after", created_after), ("created_before", created_before),
                                ("updated_after", updated_after), ("updated_before", updated_before))
        }  # fmt: skip
        check_window("created_after", times["created_after"], "created_before", times["created_before"])
        check_window("updated_after", times["updated_after"], "updated_before", times["updated_before"])
        params = list_params(
            severity=None if severities is None else adapter_v2.v2_severities(severities),
            status=_strings("status", status),
            scan_source=_strings("scan_source", scan_source),
            asset_token=_strings("asset_token", asset_token),
            host=_strings("host", host),
            page_size=_page_size(page_size),
            **times,
        )
        return self._pager(adapter_v2.V2_LISTS["vulnerabilities"], params, check_cursor(cursor))

    async def get(self, uuid: str) -> Vulnerability:
        return await self._session.send(adapter_v2.v2_vulnerability(check_id("uuid", uuid)))


class Members(_V2Resource):
    """The team's members."""

    async def list(self) -> list[Member]:
        return await self._session.send(adapter_v2.v2_members())


def _strings(name: str, values: Iterable[str] | str | None) -> list[str] | None:
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    if not items or not all(isinstance(v, str) and v for v in items):
        raise ValueError(f"{name} must be one or more non-empty strings, got {values!r}")
    return [check_id(name, v) for v in items]


# --- asset settings, domains, zone files ----------------------------------------------------------------------


def _setting_changes(changes: Mapping[str, object]) -> dict[str, object]:
    """The settings to send: names the API has, each value checked."""
    if not changes:
        raise ValueError(
            f"update_settings needs at least one setting: {', '.join(sorted(adapter_v2.V2_SETTING_NAMES))}"
        )
    body: dict[str, object] = {}
    for name, value in changes.items():
        if name not in adapter_v2.V2_SETTING_NAMES:
            known = ", ".join(sorted(adapter_v2.V2_SETTING_NAMES))
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
        asset = await self._session.send(adapter_v2.v2_create_domain(check_id("name", name)))
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
        await self._session.send(adapter_v2.v2_upload_zone(data))

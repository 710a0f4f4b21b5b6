"""The v2 API on the same client: ``client.v2.assets``, ``.profiles``, ``.scans``, ``.schedules``, ``.reports``,
``.vulnerabilities`` and ``.members``.

Credentials: ``AsyncDetectify(v2_api_key=..., v2_secret_key=...)`` or env ``DETECTIFY_V2_API_KEY`` /
``DETECTIFY_V2_SECRET_KEY``. The key goes in ``X-Detectify-Key`` (never in the URL); with a secret, every request is
signed (``detectify.signing``, ``detectify.auth``). Requests go through the same session, retry loop and pacing as
v3; marker-paginated lists go through the same pager. A signed request refused with 401 because this machine's clock
is off is signed again once with the offset learned from the API's ``Date`` header, inside the same attempt; if that
fails too, the error is a ``ClockSkewError``, not a bad-key error.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any, TypeVar

from . import adapter
from .adapter import Asset, FullReport, Member, Report, ScanProfile, ScanStatus, V2List, Vulnerability
from .errors import request_id_of
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
        return self._pager(adapter.V2_LISTS["assets"], params, check_cursor(cursor))

    def subdomains(
        self, asset_token: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> AsyncPager[Asset]:
        """Every subdomain of an asset, across pages."""
        params = list_params(asset_token=check_id("asset_token", asset_token), page_size=_page_size(page_size))
        return self._pager(adapter.V2_LISTS["subdomains"], params, check_cursor(cursor))

    async def create(self, name: str) -> Asset:
        """Add a root domain to the team."""
        return await self._session.send(adapter.v2_create_asset(check_id("name", name)))

    async def delete(self, asset_token: str) -> None:
        await self._session.send(adapter.v2_delete_asset(check_id("asset_token", asset_token)))


class Profiles(_V2Resource):
    """Scan profiles."""

    async def list(self, *, asset_token: str | None = None) -> list[ScanProfile]:
        """Every scan profile, or those of one asset."""
        token = None if asset_token is None else check_id("asset_token", asset_token)
        return await self._session.send(adapter.v2_list_profiles(token))

    async def create(self, endpoint: str, *, name: str | None = None, unique: bool | None = None) -> ScanProfile:
        """A scan profile for an endpoint (a domain or URL)."""
        check_id("endpoint", endpoint)
        if name is not None:
            check_id("name", name)
        if unique is not None and not isinstance(unique, bool):
            raise TypeError(f"unique must be a bool, got {unique!r}")
        return await self._session.send(adapter.v2_create_profile(endpoint, name, unique))

    async def delete(self, profile_token: str) -> None:
        await self._session.send(adapter.v2_delete_profile(check_id("profile_token", profile_token)))


class Scans(_V2Resource):
    """Scans of a scan profile: ``ConflictError`` (409) when one is already running, ``LockedError`` (423) when
    the domain is not verified."""

    async def start(self, profile_token: str) -> None:
        await self._session.send(adapter.v2_start_scan(check_id("profile_token", profile_token)))

    async def status(self, profile_token: str) -> ScanStatus:
        return await self._session.send(adapter.v2_scan_status(check_id("profile_token", profile_token)))

    async def stop(self, profile_token: str) -> None:
        await self._session.send(adapter.v2_stop_scan(check_id("profile_token", profile_token)))


class Schedules(_V2Resource):
    """Scan schedules of scan profiles."""

    async def set(self, profile_token: str, frequency: str) -> None:
        """Scan ``once``, ``daily``, ``weekly``, ``biweekly`` or ``monthly``."""
        token = check_id("profile_token", profile_token)
        if isinstance(frequency, str) and frequency not in adapter.SCAN_FREQUENCIES:
            raise ValueError(f"frequency must be one of {', '.join(adapter.SCAN_FREQUENCIES)}, got {frequency!r}")
        check_choices("frequency", frequency, adapter.SCAN_FREQUENCIES)
        await self._session.send(adapter.v2_set_schedule(token, frequency))

    async def delete(self, profile_token: str) -> None:
        await self._session.send(adapter.v2_delete_schedule(check_id("profile_token", profile_token)))


class Reports(_V2Resource):
    """Scan reports."""

    async def latest(self, profile_token: str) -> Report:
        return await self._session.send(adapter.v2_report(check_id("profile_token", profile_token)))

    async def latest_full(self, profile_token: str) -> FullReport:
        """The full report, with findings (``PermissionDeniedError`` with ``code`` 1009 on plans without it)."""
        return await self._session.send(adapter.v2_full_report(check_id("profile_token", profile_token)))


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
        severities = check_choices("severity", severity, adapter.SEVERITIES)
        times = {
            name: check_datetime(name, value)
            for name, value in (("created_after", created_after), ("created_before", created_before),
                                ("updated_after", updated_after), ("updated_before", updated_before))
        }  # fmt: skip
        check_window("created_after", times["created_after"], "created_before", times["created_before"])
        check_window("updated_after", times["updated_after"], "updated_before", times["updated_before"])
        params = list_params(
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
        return await self._session.send(adapter.v2_vulnerability(check_id("uuid", uuid)))


class Members(_V2Resource):
    """The team's members."""

    async def list(self) -> list[Member]:
        return await self._session.send(adapter.v2_members())


def _strings(name: str, values: Iterable[str] | str | None) -> list[str] | None:
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    if not items or not all(isinstance(v, str) and v for v in items):
        raise ValueError(f"{name} must be one or more non-empty strings, got {values!r}")
    return [check_id(name, v) for v in items]

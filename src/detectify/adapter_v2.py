"""The one place the SDK touches the generated v2 client (``detectify_v2``), as ``detectify.adapter`` does for v3.

Imported only when the v2 API is first used (``client.v2``, or a v2 model from ``detectify``), so a v3-only program
never pays for building the v2 models' classes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs
import httpx
from detectify_v2.api.assets import create_asset as v2_create_asset_op
from detectify_v2.api.assets import delete_asset as v2_delete_asset_op
from detectify_v2.api.assets import get_asset_settings as v2_get_asset_settings
from detectify_v2.api.assets import list_assets as v2_list_assets
from detectify_v2.api.assets import list_subdomains as v2_list_subdomains
from detectify_v2.api.assets import update_asset_settings as v2_update_asset_settings
from detectify_v2.api.domains import create_domain as v2_create_domain_op
from detectify_v2.api.members import list_members as v2_list_members
from detectify_v2.api.profiles import create_scan_profile as v2_create_scan_profile
from detectify_v2.api.profiles import delete_scan_profile as v2_delete_scan_profile
from detectify_v2.api.profiles import list_asset_scan_profiles as v2_list_asset_scan_profiles
from detectify_v2.api.profiles import list_scan_profiles as v2_list_scan_profiles
from detectify_v2.api.reports import get_latest_full_report as v2_get_latest_full_report
from detectify_v2.api.reports import get_latest_report as v2_get_latest_report
from detectify_v2.api.scans import delete_scan_schedule as v2_delete_scan_schedule
from detectify_v2.api.scans import get_scan_status as v2_get_scan_status
from detectify_v2.api.scans import set_scan_schedule as v2_set_scan_schedule
from detectify_v2.api.scans import start_scan as v2_start_scan_op
from detectify_v2.api.scans import stop_scan as v2_stop_scan_op
from detectify_v2.api.vulnerabilities import get_vulnerability as v2_get_vulnerability
from detectify_v2.api.vulnerabilities import list_vulnerabilities as v2_list_vulnerabilities
from detectify_v2.api.zones import upload_zone_file as v2_upload_zone_file
from detectify_v2.models import (
    Asset,
    AssetCreate,
    AssetPage,
    AssetSettings,
    CustomHeaders,
    FullReport,
    Member,
    Report,
    ScanProfile,
    ScanProfileCreate,
    ScanSchedule,
    ScanScheduleFrequency,
    ScanStatus,
    Severity,
    SubdomainPage,
    Vulnerability,
    VulnerabilityPage,
)
from detectify_v2.types import UNSET as V2_UNSET
from detectify_v2.types import File as V2File

from . import jsoncodec
from .adapter import (
    ModelListParser,
    ModelParser,
    RequestKwargs,
    ignore_body,
    make_call,
)
from .calls import Call

__all__ = [
    "SCAN_FREQUENCIES",
    "SEVERITIES",
    "V2_LISTS",
    "V2_SETTING_NAMES",
    "Asset",
    "AssetSettings",
    "CustomHeaders",
    "FullReport",
    "Member",
    "Report",
    "ScanProfile",
    "ScanStatus",
    "V2List",
    "V2Page",
    "Vulnerability",
]

Item = TypeVar("Item")
Params = Mapping[str, Any]


# --- v2 (detectify_v2) -------------------------------------------------------------------------------------------


@attrs.frozen
class V2Page(Generic[Item]):
    """A v2 marker page: the items, and the marker of the next page (None on the last page)."""

    items: list[Item]
    next_marker: str | None


@attrs.frozen
class V2PageParser(Generic[Item]):
    """A v2 page parsed into its generated page model (which refuses what the spec forbids, such as a ``has_more``
    that is not a boolean); a page that has more must name the next marker. An absent ``has_more``: the last page."""

    page_model: type[Any]
    items_field: str

    def __call__(self, response: httpx.Response) -> V2Page[Item]:
        parsed = self.page_model.from_dict(jsoncodec.loads(response.content))
        more = parsed.has_more is True
        marker = None if parsed.next_marker is V2_UNSET else parsed.next_marker
        if more and not marker:
            raise ValueError("has_more is true but there is no next_marker")
        items: list[Item] = getattr(parsed, self.items_field)
        return V2Page(items, marker if more else None)


@attrs.frozen
class V2List(Generic[Item]):
    """A v2 marker-paginated list: how to call it for one page."""

    request_kwargs: RequestKwargs
    page_model: type[Any]
    items_field: str
    item_model: type[Item]

    def page(self, params: Params) -> Call[V2Page[Item]]:
        parser: V2PageParser[Item] = V2PageParser(self.page_model, self.items_field)
        return make_call(self.request_kwargs(**params), parser, api="v2")


V2_LISTS: dict[str, V2List[Any]] = {
    "assets": V2List(v2_list_assets.request_kwargs, AssetPage, "assets", Asset),
    "subdomains": V2List(v2_list_subdomains.request_kwargs, SubdomainPage, "assets", Asset),
    "vulnerabilities": V2List(
        v2_list_vulnerabilities.request_kwargs,
        VulnerabilityPage,
        "vulnerabilities",
        Vulnerability,
    ),
}
#: The v2 values the spec knows, for argument checks.
SCAN_FREQUENCIES: tuple[str, ...] = tuple(frequency.value for frequency in ScanScheduleFrequency)
SEVERITIES: tuple[str, ...] = tuple(severity.value for severity in Severity)


def v2_severities(values: Sequence[str]) -> list[Severity]:
    return [Severity(v) for v in values]


def v2_create_asset(name: str) -> Call[Asset]:
    kwargs = v2_create_asset_op.request_kwargs(body=AssetCreate(name=name))
    return make_call(kwargs, ModelParser(v2_create_asset_op.parse_response, Asset), api="v2")


def v2_delete_asset(token: str) -> Call[None]:
    return make_call(v2_delete_asset_op.request_kwargs(token), ignore_body, api="v2")


def v2_list_profiles(asset_token: str | None) -> Call[list[ScanProfile]]:
    if asset_token is None:
        parser = ModelListParser(v2_list_scan_profiles.parse_response, ScanProfile)
        return make_call(v2_list_scan_profiles.request_kwargs(), parser, api="v2")
    parser = ModelListParser(v2_list_asset_scan_profiles.parse_response, ScanProfile)
    return make_call(v2_list_asset_scan_profiles.request_kwargs(asset_token), parser, api="v2")


def v2_create_profile(
    endpoint: str, name: str | None, unique: bool | None, asset_token: str | None = None
) -> Call[ScanProfile]:
    body = ScanProfileCreate(
        endpoint=endpoint,
        name=V2_UNSET if name is None else name,
        unique=V2_UNSET if unique is None else unique,
        asset_token=V2_UNSET if asset_token is None else asset_token,
    )
    kwargs = v2_create_scan_profile.request_kwargs(body=body)
    return make_call(kwargs, ModelParser(v2_create_scan_profile.parse_response, ScanProfile), api="v2")


def v2_delete_profile(token: str) -> Call[None]:
    return make_call(v2_delete_scan_profile.request_kwargs(token), ignore_body, api="v2")


def v2_start_scan(profile_token: str) -> Call[None]:
    return make_call(v2_start_scan_op.request_kwargs(profile_token), ignore_body, api="v2")


def v2_scan_status(profile_token: str) -> Call[ScanStatus]:
    kwargs = v2_get_scan_status.request_kwargs(profile_token)
    return make_call(kwargs, ModelParser(v2_get_scan_status.parse_response, ScanStatus), api="v2")


def v2_stop_scan(profile_token: str) -> Call[None]:
    return make_call(v2_stop_scan_op.request_kwargs(profile_token), ignore_body, api="v2")


def v2_set_schedule(profile_token: str, frequency: str) -> Call[None]:
    body = ScanSchedule(frequency=ScanScheduleFrequency(frequency))
    return make_call(v2_set_scan_schedule.request_kwargs(profile_token, body=body), ignore_body, api="v2")


def v2_delete_schedule(profile_token: str) -> Call[None]:
    return make_call(v2_delete_scan_schedule.request_kwargs(profile_token), ignore_body, api="v2")


def v2_report(profile_token: str) -> Call[Report]:
    kwargs = v2_get_latest_report.request_kwargs(profile_token)
    return make_call(kwargs, ModelParser(v2_get_latest_report.parse_response, Report), api="v2")


def v2_full_report(profile_token: str) -> Call[FullReport]:
    kwargs = v2_get_latest_full_report.request_kwargs(profile_token)
    return make_call(kwargs, ModelParser(v2_get_latest_full_report.parse_response, FullReport), api="v2")


def v2_vulnerability(uuid: str) -> Call[Vulnerability]:
    kwargs = v2_get_vulnerability.request_kwargs(uuid)
    return make_call(kwargs, ModelParser(v2_get_vulnerability.parse_response, Vulnerability), api="v2")


def v2_members() -> Call[list[Member]]:
    return make_call(
        v2_list_members.request_kwargs(), ModelListParser(v2_list_members.parse_response, Member), api="v2"
    )


# --- v2: asset settings, domains, zone files ----------------------------------------------------------------------

#: The Surface Monitoring settings an asset has (the fields of the generated AssetSettings model).
V2_SETTING_NAMES: frozenset[str] = frozenset(attrs.fields_dict(AssetSettings)) - {"additional_properties"}


def v2_asset_settings(token: str) -> Call[AssetSettings]:
    kwargs = v2_get_asset_settings.request_kwargs(token)
    return make_call(kwargs, ModelParser(v2_get_asset_settings.parse_response, AssetSettings), api="v2")


def v2_update_settings(token: str, changes: Mapping[str, Any]) -> Call[AssetSettings]:
    """PUT only the named settings (the model leaves the others unset, so they are not sent)."""
    kwargs = v2_update_asset_settings.request_kwargs(token, body=AssetSettings.from_dict(dict(changes)))
    return make_call(kwargs, ModelParser(v2_update_asset_settings.parse_response, AssetSettings), api="v2")


def v2_create_domain(name: str) -> Call[Asset]:
    kwargs = v2_create_domain_op.request_kwargs(body=AssetCreate(name=name))
    return make_call(kwargs, ModelParser(v2_create_domain_op.parse_response, Asset), api="v2")


def v2_upload_zone(content: bytes) -> Call[None]:
    """The zone file's bytes as they are (bytes, not a stream: the signature covers them)."""
    return make_call(v2_upload_zone_file.request_kwargs(body=V2File(payload=content)), ignore_body, api="v2")

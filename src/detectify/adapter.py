"""The one place the SDK touches the generated clients (``detectify_v3``, and ``detectify_v2`` for the v2 API).

Each function here turns the facade's already-checked arguments into a ``Call``: the request the generated
operation describes (``request_kwargs``: method, path, query, body) and its parser (``parse_response``), checked to
give the model the facade promises. The SDK never uses the generated clients themselves, so nothing generated
decides how a request is sent. A regeneration that renames a module, function, parameter or model is fixed here and
nowhere else.
"""

from __future__ import annotations

import importlib.resources
import inspect
import json
from collections.abc import Callable, Mapping, Sequence
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
from detectify_v3.api.breaches import list_policy_breaches
from detectify_v3.api.connectors import (
    create_connector,
    delete_connector,
    get_connector,
    get_connector_external_id,
    list_connectors,
)
from detectify_v3.api.ips import list_ips
from detectify_v3.api.ports import list_ports
from detectify_v3.api.technologies import list_technologies
from detectify_v3.models import (
    AutonomousSystem,
    BreachSeverity,
    BreachStatus,
    Connector,
    ConnectorCreateAlibabaInput,
    ConnectorCreateAwsCredBasedInput,
    ConnectorCreateAwsRoleBasedInput,
    ConnectorCreateAzureInput,
    ConnectorCreateCloudflareInput,
    ConnectorCreateDigitalOceanInput,
    ConnectorCreateGCPInput,
    ConnectorCreateGodaddyInput,
    ConnectorCreateInput,
    ConnectorCreateNS1Input,
    ConnectorLastRun,
    ConnectorList,
    ConnectorProvider,
    ConnectorRunStatus,
    ExternalId,
    Geolocation,
    Ip,
    IpList,
    IpVersion,
    PolicyBreach,
    PolicyBreachList,
    Port,
    PortList,
    PortStatus,
    Technology,
    TechnologyList,
)
from detectify_v3.types import UNSET, Unset

from .calls import Api, Call
from .errors import APIResponseValidationError

__all__ = [
    "LIST_OPERATIONS",
    "RESOURCES",
    "UNSET",
    "V2_LISTS",
    "V2_SETTING_NAMES",
    "Asset",
    "AssetSettings",
    "AutonomousSystem",
    "BreachSeverity",
    "BreachStatus",
    "Connector",
    "ConnectorCreateAlibabaInput",
    "ConnectorCreateAwsCredBasedInput",
    "ConnectorCreateAwsRoleBasedInput",
    "ConnectorCreateAzureInput",
    "ConnectorCreateCloudflareInput",
    "ConnectorCreateDigitalOceanInput",
    "ConnectorCreateGCPInput",
    "ConnectorCreateGodaddyInput",
    "ConnectorCreateNS1Input",
    "ConnectorLastRun",
    "ConnectorProvider",
    "ConnectorRunStatus",
    "CustomHeaders",
    "ExternalId",
    "FullReport",
    "Geolocation",
    "Ip",
    "IpVersion",
    "ListOperation",
    "Member",
    "PolicyBreach",
    "Port",
    "PortStatus",
    "Report",
    "ScanProfile",
    "ScanStatus",
    "Technology",
    "Unset",
    "V2List",
    "Vulnerability",
    "openapi_document",
]

T = TypeVar("T")
Item = TypeVar("Item")
Params = Mapping[str, Any]
RequestKwargs = Callable[..., dict[str, Any]]
ParseResponse = Callable[[httpx.Response], Any]


def openapi_document() -> str:
    """The OpenAPI document the generated client was built from (shipped inside the generated package)."""
    return (importlib.resources.files("detectify_v3") / "openapi.yaml").read_text(encoding="utf-8")


# --- parsers ----------------------------------------------------------------------------------------------------


def _describe(response: httpx.Response) -> str:
    return f"{response.request.method} {response.request.url.path} answered {response.status_code}"


@attrs.frozen
class ModelParser(Generic[T]):
    """The operation's own parser, checked to give ``model`` (a 2xx answer without it is a validation error)."""

    parse: ParseResponse
    model: type[T]

    def __call__(self, response: httpx.Response) -> T:
        parsed = self.parse(response)
        if not isinstance(parsed, self.model):
            raise APIResponseValidationError(
                f"{_describe(response)} without a {self.model.__name__}",
                body=response.content,
                status_code=response.status_code,
            )
        return parsed


@attrs.frozen
class ModelListParser(Generic[T]):
    """The operation's own parser, checked to give a list of ``model`` (a plain JSON array)."""

    parse: ParseResponse
    model: type[T]

    def __call__(self, response: httpx.Response) -> list[T]:
        parsed = self.parse(response)
        if not isinstance(parsed, list) or not all(isinstance(item, self.model) for item in parsed):
            raise APIResponseValidationError(
                f"{_describe(response)} without a list of {self.model.__name__}",
                body=response.content,
                status_code=response.status_code,
            )
        return parsed


def ignore_body(response: httpx.Response) -> None:
    """For operations whose answer carries nothing the facade returns (deletes, scan start/stop)."""
    return


def _call(
    kwargs: dict[str, Any], parse: Callable[[httpx.Response], T], *, api: Api = "v3", team: str | None = None
) -> Call[T]:
    return Call(
        method=kwargs["method"],
        url=kwargs["url"],
        parse=parse,
        api=api,
        params=kwargs.get("params"),
        json=kwargs.get("json"),
        content=kwargs.get("content"),
        headers=kwargs.get("headers"),
        team=team,
    )


def _strict_json(content: bytes) -> Any:
    return json.loads(content)


# --- v3 lists ---------------------------------------------------------------------------------------------------


def _next_url(body: Mapping[str, Any]) -> str | None:
    """``pagination.next`` as the spec allows it: ``pagination`` absent, or an object whose ``next`` is absent
    (the last page) or a string (empty: the last page too, as public clients read it). Anything else is refused:
    a page that cannot say whether more follow must not end a list early."""
    if "pagination" not in body:
        return None
    pagination = body["pagination"]
    if not isinstance(pagination, Mapping):
        raise ValueError(f"pagination must be an object, got {type(pagination).__name__}")
    if "next" not in pagination:
        return None
    next_url = pagination["next"]
    if not isinstance(next_url, str):
        raise ValueError(f"pagination.next must be a string (the next page's URL), got {next_url!r}")
    return next_url or None


@attrs.frozen
class V3Page(Generic[Item]):
    """A v3 list page as the facade reads it: the items, and the next page's URL (None on the last page)."""

    items: list[Item]
    next_url: str | None


def _v3_envelope(content: bytes) -> tuple[dict[str, Any], str | None]:
    """A v3 list page's JSON object and its next page's URL, the envelope checked against the spec: an object whose
    ``items`` is a list of objects each with an ``id``, and well-formed pagination."""
    body = _strict_json(content)
    if not isinstance(body, dict):
        raise ValueError(f"a list page must be a JSON object, got {type(body).__name__}")
    items = body.get("items")
    if not isinstance(items, list) or not all(isinstance(item, dict) and "id" in item for item in items):
        raise ValueError("a list page needs items: a list of objects, each with an id")
    return body, _next_url(body)


@attrs.frozen
class ModelPageParser(Generic[Item]):
    """A v3 list page parsed into its generated page model, after the envelope checks."""

    page_model: type[Any]

    def __call__(self, response: httpx.Response) -> V3Page[Item]:
        body, next_url = _v3_envelope(response.content)
        items: list[Item] = self.page_model.from_dict(body).items
        return V3Page(items, next_url)


def dict_page(response: httpx.Response) -> V3Page[dict[str, Any]]:
    """A v3 list page as the plain JSON objects the API sent (the fast path: no models)."""
    body, next_url = _v3_envelope(response.content)
    return V3Page(body["items"], next_url)


@attrs.frozen
class ListOperation(Generic[Item]):
    """A v3 list operation: its resource name, how to call it for one page (as models or as dicts), its item model."""

    resource: str
    request_kwargs: RequestKwargs
    parse_response: ParseResponse
    page_model: type[Any]
    item_model: type[Item]

    @property
    def path(self) -> str:
        """The operation's path in the spec (``/v3/ips``)."""
        url: str = self.request_kwargs()["url"]
        return url

    @property
    def items_carry_team(self) -> bool:
        return "team_id" in attrs.fields_dict(self.item_model)  # type: ignore[arg-type]

    def page(self, params: Params, *, team: str | None) -> Call[V3Page[Item]]:
        parser: ModelPageParser[Item] = ModelPageParser(self.page_model)
        return _call(self.request_kwargs(**params), parser, team=team)

    def dict_page(self, params: Params, *, team: str | None) -> Call[V3Page[dict[str, Any]]]:
        return _call(self.request_kwargs(**params), dict_page, team=team)


LIST_OPERATIONS: dict[str, ListOperation[Any]] = {
    op.resource: op
    for op in (
        ListOperation("ips", list_ips.request_kwargs, list_ips.parse_response, IpList, Ip),
        ListOperation(
            "technologies",
            list_technologies.request_kwargs,
            list_technologies.parse_response,
            TechnologyList,
            Technology,
        ),
        ListOperation("ports", list_ports.request_kwargs, list_ports.parse_response, PortList, Port),
        ListOperation(
            "breaches",
            list_policy_breaches.request_kwargs,
            list_policy_breaches.parse_response,
            PolicyBreachList,
            PolicyBreach,
        ),
        ListOperation(
            "connectors", list_connectors.request_kwargs, list_connectors.parse_response, ConnectorList, Connector
        ),
    )
}
#: The v3 resources that list, in the order bulk pulls and the CLI use.
RESOURCES: tuple[str, ...] = tuple(LIST_OPERATIONS)
#: Resources whose lists take ``first_seen_*`` filters.
TIMED_RESOURCES = frozenset(
    name
    for name, op in LIST_OPERATIONS.items()
    if "first_seen_after" in inspect.signature(op.request_kwargs).parameters
)
#: The port statuses the spec knows (the ``status`` filter of ``ports.list``).
PORT_STATUSES: tuple[str, ...] = tuple(status.value for status in PortStatus)


def port_statuses(values: Sequence[str]) -> list[PortStatus]:
    return [PortStatus(v) for v in values]


# --- v3 connectors ----------------------------------------------------------------------------------------------

#: The provider options models, one per provider (the spec's CreateConnectorInputOptions).
OPTIONS_MODELS = (
    ConnectorCreateAwsCredBasedInput,
    ConnectorCreateAwsRoleBasedInput,
    ConnectorCreateDigitalOceanInput,
    ConnectorCreateGCPInput,
    ConnectorCreateCloudflareInput,
    ConnectorCreateAlibabaInput,
    ConnectorCreateAzureInput,
    ConnectorCreateGodaddyInput,
    ConnectorCreateNS1Input,
)
OptionsModel = (
    ConnectorCreateAwsCredBasedInput
    | ConnectorCreateAwsRoleBasedInput
    | ConnectorCreateDigitalOceanInput
    | ConnectorCreateGCPInput
    | ConnectorCreateCloudflareInput
    | ConnectorCreateAlibabaInput
    | ConnectorCreateAzureInput
    | ConnectorCreateGodaddyInput
    | ConnectorCreateNS1Input
)
PROVIDERS: tuple[str, ...] = tuple(provider.value for provider in ConnectorProvider)


def connector_input(
    *, name: str, provider: str, options: OptionsModel | Mapping[str, Any], team_id: str | None
) -> ConnectorCreateInput:
    """The create-connector body from a provider's options model or a plain mapping of its fields.

    Raises ValueError (the model's ``InvalidModelData``) when a mapping fits none of the options schemas.
    """
    if isinstance(options, Mapping):
        payload: dict[str, Any] = {"name": name, "provider": provider, "options": dict(options)}
        if team_id is not None:
            payload["team_id"] = team_id
        return ConnectorCreateInput.from_dict(payload)
    return ConnectorCreateInput(
        name=name, provider=ConnectorProvider(provider), options=options, team_id=UNSET if team_id is None else team_id
    )


def create_connector_call(body: ConnectorCreateInput, *, team: str | None) -> Call[Connector]:
    return _call(create_connector.request_kwargs(body=body), ModelParser(create_connector.parse_response, Connector),
                 team=team)  # fmt: skip


def get_connector_call(connector_id: str, *, team: str | None) -> Call[Connector]:
    return _call(get_connector.request_kwargs(connector_id), ModelParser(get_connector.parse_response, Connector),
                 team=team)  # fmt: skip


def delete_connector_call(connector_id: str, *, team: str | None) -> Call[None]:
    return _call(delete_connector.request_kwargs(connector_id), ignore_body, team=team)


def external_id_call(team_id: str | None) -> Call[ExternalId]:
    kwargs = get_connector_external_id.request_kwargs(team_id=UNSET if team_id is None else team_id)
    return _call(kwargs, ModelParser(get_connector_external_id.parse_response, ExternalId), team=team_id)


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
        parsed = self.page_model.from_dict(_strict_json(response.content))
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
    parse_response: ParseResponse
    page_model: type[Any]
    items_field: str
    item_model: type[Item]

    def page(self, params: Params) -> Call[V2Page[Item]]:
        parser: V2PageParser[Item] = V2PageParser(self.page_model, self.items_field)
        return _call(self.request_kwargs(**params), parser, api="v2")


V2_LISTS: dict[str, V2List[Any]] = {
    "assets": V2List(v2_list_assets.request_kwargs, v2_list_assets.parse_response, AssetPage, "assets", Asset),
    "subdomains": V2List(
        v2_list_subdomains.request_kwargs, v2_list_subdomains.parse_response, SubdomainPage, "assets", Asset
    ),
    "vulnerabilities": V2List(
        v2_list_vulnerabilities.request_kwargs,
        v2_list_vulnerabilities.parse_response,
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
    return _call(kwargs, ModelParser(v2_create_asset_op.parse_response, Asset), api="v2")


def v2_delete_asset(token: str) -> Call[None]:
    return _call(v2_delete_asset_op.request_kwargs(token), ignore_body, api="v2")


def v2_list_profiles(asset_token: str | None) -> Call[list[ScanProfile]]:
    if asset_token is None:
        parser = ModelListParser(v2_list_scan_profiles.parse_response, ScanProfile)
        return _call(v2_list_scan_profiles.request_kwargs(), parser, api="v2")
    parser = ModelListParser(v2_list_asset_scan_profiles.parse_response, ScanProfile)
    return _call(v2_list_asset_scan_profiles.request_kwargs(asset_token), parser, api="v2")


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
    return _call(kwargs, ModelParser(v2_create_scan_profile.parse_response, ScanProfile), api="v2")


def v2_delete_profile(token: str) -> Call[None]:
    return _call(v2_delete_scan_profile.request_kwargs(token), ignore_body, api="v2")


def v2_start_scan(profile_token: str) -> Call[None]:
    return _call(v2_start_scan_op.request_kwargs(profile_token), ignore_body, api="v2")


def v2_scan_status(profile_token: str) -> Call[ScanStatus]:
    kwargs = v2_get_scan_status.request_kwargs(profile_token)
    return _call(kwargs, ModelParser(v2_get_scan_status.parse_response, ScanStatus), api="v2")


def v2_stop_scan(profile_token: str) -> Call[None]:
    return _call(v2_stop_scan_op.request_kwargs(profile_token), ignore_body, api="v2")


def v2_set_schedule(profile_token: str, frequency: str) -> Call[None]:
    body = ScanSchedule(frequency=ScanScheduleFrequency(frequency))
    return _call(v2_set_scan_schedule.request_kwargs(profile_token, body=body), ignore_body, api="v2")


def v2_delete_schedule(profile_token: str) -> Call[None]:
    return _call(v2_delete_scan_schedule.request_kwargs(profile_token), ignore_body, api="v2")


def v2_report(profile_token: str) -> Call[Report]:
    kwargs = v2_get_latest_report.request_kwargs(profile_token)
    return _call(kwargs, ModelParser(v2_get_latest_report.parse_response, Report), api="v2")


def v2_full_report(profile_token: str) -> Call[FullReport]:
    kwargs = v2_get_latest_full_report.request_kwargs(profile_token)
    return _call(kwargs, ModelParser(v2_get_latest_full_report.parse_response, FullReport), api="v2")


def v2_vulnerability(uuid: str) -> Call[Vulnerability]:
    kwargs = v2_get_vulnerability.request_kwargs(uuid)
    return _call(kwargs, ModelParser(v2_get_vulnerability.parse_response, Vulnerability), api="v2")


def v2_members() -> Call[list[Member]]:
    return _call(v2_list_members.request_kwargs(), ModelListParser(v2_list_members.parse_response, Member), api="v2")


# --- v2: asset settings, domains, zone files ----------------------------------------------------------------------

#: The Surface Monitoring settings an asset has (the fields of the generated AssetSettings model).
V2_SETTING_NAMES: frozenset[str] = frozenset(attrs.fields_dict(AssetSettings)) - {"additional_properties"}


def v2_asset_settings(token: str) -> Call[AssetSettings]:
    kwargs = v2_get_asset_settings.request_kwargs(token)
    return _call(kwargs, ModelParser(v2_get_asset_settings.parse_response, AssetSettings), api="v2")


def v2_update_settings(token: str, changes: Mapping[str, Any]) -> Call[AssetSettings]:
    """PUT only the named settings (the model leaves the others unset, so they are not sent)."""
    kwargs = v2_update_asset_settings.request_kwargs(token, body=AssetSettings.from_dict(dict(changes)))
    return _call(kwargs, ModelParser(v2_update_asset_settings.parse_response, AssetSettings), api="v2")


def v2_create_domain(name: str) -> Call[Asset]:
    kwargs = v2_create_domain_op.request_kwargs(body=AssetCreate(name=name))
    return _call(kwargs, ModelParser(v2_create_domain_op.parse_response, Asset), api="v2")


def v2_upload_zone(content: bytes) -> Call[None]:
    """The zone file's bytes as they are (bytes, not a stream: the signature covers them)."""
    return _call(v2_upload_zone_file.request_kwargs(body=V2File(payload=content)), ignore_body, api="v2")

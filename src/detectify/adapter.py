"""The one place the SDK touches the generated clients (``detectify_v3``, and ``detectify_v2`` for the v2 API).

A regeneration that renames a module, function, parameter or model is fixed here and nowhere else. Every function
takes the generated client and the facade's already-checked arguments, and returns the generated ``Response``.
"""

from __future__ import annotations

import importlib.resources
import weakref
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs
import httpx
from detectify_v2 import AuthenticatedClient as V2GeneratedClient
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
from detectify_v2.api.scans import start_scan as v2_start_scan
from detectify_v2.api.scans import stop_scan as v2_stop_scan
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
from detectify_v2.types import Response as V2Response
from detectify_v3 import AuthenticatedClient
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
from detectify_v3.types import UNSET, Response, Unset

__all__ = [
    "LIST_OPERATIONS",
    "UNSET",
    "V2_LISTS",
    "V2_SETTING_NAMES",
    "AnyResponse",
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
    "Response",
    "ScanProfile",
    "ScanSchedule",
    "ScanStatus",
    "Technology",
    "Unset",
    "V2List",
    "Vulnerability",
    "connector_input",
    "create",
    "delete",
    "external_id",
    "generated_client",
    "get",
    "openapi_document",
    "page_contents",
]

Item = TypeVar("Item")
#: What a generated call returns, from either generated package (both have status_code, content, headers, parsed).
AnyResponse = Response[Any] | V2Response[Any]
GeneratedClient = AuthenticatedClient
Params = Mapping[str, Any]


def openapi_document() -> str:
    """The OpenAPI document the generated client was built from (shipped inside the generated package)."""
    return (importlib.resources.files("detectify_v3") / "openapi.yaml").read_text(encoding="utf-8")


def generated_client(http: httpx.AsyncClient) -> GeneratedClient:
    """A generated client that sends through the SDK's own pool (credentials are added by the pool's auth)."""
    client = AuthenticatedClient(base_url=str(http.base_url), token="", prefix="")
    return client.set_async_httpx_client(http)


@attrs.frozen
class ListOperation(Generic[Item]):
    """A list operation: how to call it for one page (parsed into models, or raw), and its page and item models."""

    resource: str
    path: str
    call: Callable[..., Awaitable[Response[Any]]]
    request: Callable[..., dict[str, Any]]
    page_model: type[Any]
    item_model: type[Item]

    def page(self, client: GeneratedClient, params: Params) -> Awaitable[Response[Any]]:
        return self.call(client=client, **params)

    async def raw_page(self, client: GeneratedClient, params: Params) -> Response[None]:
        """The same request, with the body left unparsed (``parsed`` is None): the plain-dict fast path."""
        response = await client.get_async_httpx_client().request(**self.request(**params))
        return Response(status_code=response.status_code, content=response.content, headers=response.headers,
                        parsed=None)  # fmt: skip


LIST_OPERATIONS: dict[str, ListOperation[Any]] = {
    op.resource: op
    for op in (
        ListOperation("ips", "/v3/ips", list_ips.asyncio_detailed, list_ips.request_kwargs, IpList, Ip),
        ListOperation(
            "technologies",
            "/v3/technologies",
            list_technologies.asyncio_detailed,
            list_technologies.request_kwargs,
            TechnologyList,
            Technology,
        ),
        ListOperation("ports", "/v3/ports", list_ports.asyncio_detailed, list_ports.request_kwargs, PortList, Port),
        ListOperation(
            "breaches",
            "/v3/breaches",
            list_policy_breaches.asyncio_detailed,
            list_policy_breaches.request_kwargs,
            PolicyBreachList,
            PolicyBreach,
        ),
        ListOperation(
            "connectors",
            "/v3/connectors",
            list_connectors.asyncio_detailed,
            list_connectors.request_kwargs,
            ConnectorList,
            Connector,
        ),
    )
}


def page_contents(parsed: object, op: ListOperation[Item]) -> tuple[list[Item], str | None] | None:
    """(items, next page URL) of a parsed list page, or None when it is not the page model."""
    if not isinstance(parsed, op.page_model):
        return None
    pagination = parsed.pagination
    next_url = None if pagination is None or isinstance(pagination, Unset) else pagination.next_
    items: list[Item] = parsed.items
    return items, (next_url if isinstance(next_url, str) else None)


def port_statuses(values: Sequence[str]) -> list[PortStatus]:
    return [PortStatus(v) for v in values]


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


def connector_input(
    *, name: str, provider: str, options: OptionsModel | Mapping[str, Any], team_id: str | None
) -> ConnectorCreateInput:
    """The create-connector body from a provider's options model or a plain mapping of its fields.

    Raises KeyError/TypeError/ValueError when a mapping fits none of the options schemas.
    """
    if isinstance(options, Mapping):
        payload: dict[str, Any] = {"name": name, "provider": provider, "options": dict(options)}
        if team_id is not None:
            payload["team_id"] = team_id
        return ConnectorCreateInput.from_dict(payload)
    return ConnectorCreateInput(
        name=name, provider=ConnectorProvider(provider), options=options, team_id=UNSET if team_id is None else team_id
    )


def create(client: GeneratedClient, body: ConnectorCreateInput) -> Awaitable[Response[Any]]:
    return create_connector.asyncio_detailed(client=client, body=body)


def get(client: GeneratedClient, connector_id: str) -> Awaitable[Response[Any]]:
    return get_connector.asyncio_detailed(connector_id, client=client)


def delete(client: GeneratedClient, connector_id: str) -> Awaitable[Response[Any]]:
    return delete_connector.asyncio_detailed(connector_id, client=client)


def external_id(client: GeneratedClient, team_id: str | None) -> Awaitable[Response[Any]]:
    return get_connector_external_id.asyncio_detailed(client=client, team_id=UNSET if team_id is None else team_id)


# --- v2 (detectify_v2) -------------------------------------------------------------------------------------------

_V2_CLIENTS: weakref.WeakKeyDictionary[httpx.AsyncClient, V2GeneratedClient] = weakref.WeakKeyDictionary()


def _v2(client: GeneratedClient) -> V2GeneratedClient:
    """The generated v2 client over the same pool (credentials are added by the pool's auth)."""
    http = client.get_async_httpx_client()
    v2_client = _V2_CLIENTS.get(http)
    if v2_client is None:
        v2_client = V2GeneratedClient(base_url=str(http.base_url), token="", prefix="").set_async_httpx_client(http)
        _V2_CLIENTS[http] = v2_client
    return v2_client


@attrs.frozen
class V2List(Generic[Item]):
    """A v2 marker-paginated list: its call, page model, and where the page keeps its items."""

    path: str
    call: Callable[..., Awaitable[V2Response[Any]]]
    page_model: type[Any]
    items_field: str
    item_model: type[Item]

    def page(self, client: GeneratedClient, params: Params) -> Awaitable[V2Response[Any]]:
        return self.call(client=_v2(client), **params)

    def contents(self, parsed: object) -> tuple[list[Item], bool, str | None] | None:
        """(items, has_more, next_marker) of a parsed page, or None when it is not the page model."""
        if not isinstance(parsed, self.page_model):
            return None
        more = parsed.has_more
        marker = parsed.next_marker
        items: list[Item] = getattr(parsed, self.items_field)
        return items, more is True, marker if isinstance(marker, str) and marker else None


V2_LISTS: dict[str, V2List[Any]] = {
    "assets": V2List("/v2/assets/", v2_list_assets.asyncio_detailed, AssetPage, "assets", Asset),
    "subdomains": V2List(
        "/v2/assets/{asset_token}/subdomains/", v2_list_subdomains.asyncio_detailed, SubdomainPage, "assets", Asset
    ),
    "vulnerabilities": V2List(
        "/v2/vulnerabilities/",
        v2_list_vulnerabilities.asyncio_detailed,
        VulnerabilityPage,
        "vulnerabilities",
        Vulnerability,
    ),
}


def v2_severities(values: Sequence[str]) -> list[Severity]:
    return [Severity(v) for v in values]


def v2_create_asset(client: GeneratedClient, name: str) -> Awaitable[V2Response[Any]]:
    return v2_create_asset_op.asyncio_detailed(client=_v2(client), body=AssetCreate(name=name))


def v2_delete_asset(client: GeneratedClient, token: str) -> Awaitable[V2Response[Any]]:
    return v2_delete_asset_op.asyncio_detailed(token, client=_v2(client))


def v2_list_profiles(client: GeneratedClient, asset_token: str | None) -> Awaitable[V2Response[Any]]:
    if asset_token is None:
        return v2_list_scan_profiles.asyncio_detailed(client=_v2(client))
    return v2_list_asset_scan_profiles.asyncio_detailed(asset_token, client=_v2(client))


def v2_create_profile(
    client: GeneratedClient, endpoint: str, name: str | None, unique: bool | None, asset_token: str | None = None
) -> Awaitable[V2Response[Any]]:
    body = ScanProfileCreate(endpoint=endpoint, name=V2_UNSET if name is None else name,
                             unique=V2_UNSET if unique is None else unique,
                             asset_token=V2_UNSET if asset_token is None else asset_token)  # fmt: skip
    return v2_create_scan_profile.asyncio_detailed(client=_v2(client), body=body)


def v2_delete_profile(client: GeneratedClient, token: str) -> Awaitable[V2Response[Any]]:
    return v2_delete_scan_profile.asyncio_detailed(token, client=_v2(client))


def v2_scan(client: GeneratedClient, action: str, profile_token: str) -> Awaitable[V2Response[Any]]:
    if action == "start":
        return v2_start_scan.asyncio_detailed(profile_token, client=_v2(client))
    if action == "status":
        return v2_get_scan_status.asyncio_detailed(profile_token, client=_v2(client))
    return v2_stop_scan.asyncio_detailed(profile_token, client=_v2(client))


def v2_set_schedule(client: GeneratedClient, profile_token: str, frequency: str) -> Awaitable[V2Response[Any]]:
    body = ScanSchedule(frequency=ScanScheduleFrequency(frequency))
    return v2_set_scan_schedule.asyncio_detailed(profile_token, client=_v2(client), body=body)


def v2_delete_schedule(client: GeneratedClient, profile_token: str) -> Awaitable[V2Response[Any]]:
    return v2_delete_scan_schedule.asyncio_detailed(profile_token, client=_v2(client))


def v2_report(client: GeneratedClient, profile_token: str, *, full: bool) -> Awaitable[V2Response[Any]]:
    if full:
        return v2_get_latest_full_report.asyncio_detailed(profile_token, client=_v2(client))
    return v2_get_latest_report.asyncio_detailed(profile_token, client=_v2(client))


def v2_vulnerability(client: GeneratedClient, uuid: str) -> Awaitable[V2Response[Any]]:
    return v2_get_vulnerability.asyncio_detailed(uuid, client=_v2(client))


def v2_members(client: GeneratedClient) -> Awaitable[V2Response[Any]]:
    return v2_list_members.asyncio_detailed(client=_v2(client))


# --- v2: asset settings, domains, zone files (issue 18) -----------------------------------------------------------

#: The Surface Monitoring settings an asset has (the fields of the generated AssetSettings model).
V2_SETTING_NAMES: frozenset[str] = frozenset(attrs.fields_dict(AssetSettings)) - {"additional_properties"}


def v2_asset_settings(client: GeneratedClient, token: str) -> Awaitable[V2Response[Any]]:
    return v2_get_asset_settings.asyncio_detailed(token, client=_v2(client))


def v2_update_settings(client: GeneratedClient, token: str, changes: Mapping[str, Any]) -> Awaitable[V2Response[Any]]:
    """PUT only the named settings (the model leaves the others unset, so they are not sent)."""
    body = AssetSettings.from_dict(dict(changes))
    return v2_update_asset_settings.asyncio_detailed(token, client=_v2(client), body=body)


def v2_create_domain(client: GeneratedClient, name: str) -> Awaitable[V2Response[Any]]:
    return v2_create_domain_op.asyncio_detailed(client=_v2(client), body=AssetCreate(name=name))


def v2_upload_zone(client: GeneratedClient, content: bytes) -> Awaitable[V2Response[Any]]:
    """The zone file's bytes as they are (bytes, not a stream: the signature covers them)."""
    return v2_upload_zone_file.asyncio_detailed(client=_v2(client), body=V2File(payload=content))

"""The one place the SDK touches the generated client (``detectify_v3``).

A regeneration that renames a module, function, parameter or model is fixed here and nowhere else. Every function
takes the generated client and the facade's already-checked arguments, and returns the generated ``Response``.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs
import httpx
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
    ConnectorList,
    ConnectorProvider,
    ExternalId,
    Ip,
    IpList,
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
    "Connector",
    "ConnectorProvider",
    "ExternalId",
    "Ip",
    "ListOperation",
    "PolicyBreach",
    "Port",
    "PortStatus",
    "Response",
    "Technology",
    "Unset",
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

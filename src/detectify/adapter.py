"""The one place the SDK touches the generated v3 client (``detectify_v3``; ``detectify.adapter_v2`` does the same
for ``detectify_v2``, imported only when the v2 API is first used).

Each function here turns the facade's already-checked arguments into a ``Call``: the request the generated
operation describes (``request_kwargs``: method, path, query, body) and its parser (``parse_response``), checked to
give the model the facade promises. The SDK never uses the generated clients themselves, so nothing generated
decides how a request is sent. A regeneration that renames a module, function, parameter or model is fixed here and
nowhere else.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs
import httpx
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

from . import jsoncodec
from .calls import Api, Call
from .errors import APIResponseValidationError

__all__ = [
    "LIST_OPERATIONS",
    "RESOURCES",
    "UNSET",
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
    "ExternalId",
    "Geolocation",
    "Ip",
    "IpVersion",
    "ListOperation",
    "PolicyBreach",
    "Port",
    "PortStatus",
    "Technology",
    "Unset",
    "openapi_document",
]

T = TypeVar("T")
Item = TypeVar("Item")
Params = Mapping[str, Any]
RequestKwargs = Callable[..., dict[str, Any]]
ParseResponse = Callable[[httpx.Response], Any]


def openapi_document() -> str:
    """The OpenAPI document the generated client was built from (shipped inside the generated package)."""
    import importlib.resources  # here: only the CLI and tests read it

    return (importlib.resources.files("detectify_v3") / "openapi.yaml").read_text(encoding="utf-8")


# --- parsers ----------------------------------------------------------------------------------------------------


def describe_answer(response: httpx.Response) -> str:
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
                f"{describe_answer(response)} without a {self.model.__name__}",
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
                f"{describe_answer(response)} without a list of {self.model.__name__}",
                body=response.content,
                status_code=response.status_code,
            )
        return parsed


def ignore_body(response: httpx.Response) -> None:
    """For operations whose answer carries nothing the facade returns (deletes, scan start/stop)."""
    return


def make_call(
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
    body = jsoncodec.loads(content)
    if not isinstance(body, dict):
        raise ValueError(f"a list page must be a JSON object, got {type(body).__name__}")
    items = body.get("items")
    if not isinstance(items, list) or not all(isinstance(item, dict) and "id" in item for item in items):
        raise ValueError("a list page needs items: a list of objects, each with an id")
    return body, _next_url(body)


@attrs.frozen
class ModelPageParser(Generic[Item]):
    """A v3 list page parsed into its generated page model (decoded once, by ``jsoncodec.loads``), after the envelope
    checks."""

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
        return make_call(self.request_kwargs(**params), parser, team=team)

    def dict_page(self, params: Params, *, team: str | None) -> Call[V3Page[dict[str, Any]]]:
        return make_call(self.request_kwargs(**params), dict_page, team=team)


LIST_OPERATIONS: dict[str, ListOperation[Any]] = {
    op.resource: op
    for op in (
        ListOperation("ips", list_ips.request_kwargs, IpList, Ip),
        ListOperation(
            "technologies",
            list_technologies.request_kwargs,
            TechnologyList,
            Technology,
        ),
        ListOperation("ports", list_ports.request_kwargs, PortList, Port),
        ListOperation(
            "breaches",
            list_policy_breaches.request_kwargs,
            PolicyBreachList,
            PolicyBreach,
        ),
        ListOperation("connectors", list_connectors.request_kwargs, ConnectorList, Connector),
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
    parser = ModelParser(create_connector.parse_response, Connector)
    return make_call(create_connector.request_kwargs(body=body), parser, team=team)


def get_connector_call(connector_id: str, *, team: str | None) -> Call[Connector]:
    parser = ModelParser(get_connector.parse_response, Connector)
    return make_call(get_connector.request_kwargs(connector_id), parser, team=team)


def delete_connector_call(connector_id: str, *, team: str | None) -> Call[None]:
    return make_call(delete_connector.request_kwargs(connector_id), ignore_body, team=team)


def external_id_call(team_id: str | None) -> Call[ExternalId]:
    kwargs = get_connector_external_id.request_kwargs(team_id=UNSET if team_id is None else team_id)
    return make_call(kwargs, ModelParser(get_connector_external_id.parse_response, ExternalId), team=team_id)

import datetime
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.port_list import PortList
from ...models.port_status import PortStatus
from ...models.problem import Problem
from ...types import UNSET, Response, Unset, format_datetime


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    first_seen_before: datetime.datetime | Unset = UNSET,
    first_seen_after: datetime.datetime | Unset = UNSET,
    disappeared_before: datetime.datetime | Unset = UNSET,
    disappeared_after: datetime.datetime | Unset = UNSET,
    status: list[PortStatus] | Unset = UNSET,
    port: list[int] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["limit"] = limit

    json_first_seen_before: str | Unset = UNSET
    if not isinstance(first_seen_before, Unset):
        json_first_seen_before = format_datetime(first_seen_before)
    params["first_seen_before"] = json_first_seen_before

    json_first_seen_after: str | Unset = UNSET
    if not isinstance(first_seen_after, Unset):
        json_first_seen_after = format_datetime(first_seen_after)
    params["first_seen_after"] = json_first_seen_after

    json_disappeared_before: str | Unset = UNSET
    if not isinstance(disappeared_before, Unset):
        json_disappeared_before = format_datetime(disappeared_before)
    params["disappeared_before"] = json_disappeared_before

    json_disappeared_after: str | Unset = UNSET
    if not isinstance(disappeared_after, Unset):
        json_disappeared_after = format_datetime(disappeared_after)
    params["disappeared_after"] = json_disappeared_after

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    if isinstance(json_status, list):
        params["status"] = ",".join(str(item) for item in json_status)

    json_port: list[int] | Unset = UNSET
    if not isinstance(port, Unset):
        json_port = port

    if isinstance(json_port, list):
        params["port"] = ",".join(str(item) for item in json_port)

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/ports",
        "params": params,
    }

    return _kwargs


#: The arguments of ``httpx.AsyncClient.request`` for this operation (used by callers that parse the body themselves).
request_kwargs = _get_kwargs


def parse_response(response: httpx.Response) -> PortList | Problem | None:
    """The body of a response to this operation as its model: the documented model of a 2xx status; for a
    documented error status its error model, or None when the body does not fit; None for any other status."""
    if response.status_code == 200:
        response_200 = PortList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_400 = Problem.from_dict(response.json())

            return response_400

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    if response.status_code == 401:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_401 = Problem.from_dict(response.json())

            return response_401

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    if response.status_code == 403:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_403 = Problem.from_dict(response.json())

            return response_403

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    if response.status_code == 429:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_429 = Problem.from_dict(response.json())

            return response_429

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    if 500 <= response.status_code <= 599:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_5xx = Problem.from_dict(response.json())

            return response_5xx

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    return None


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PortList | Problem | None:
    documented = (
        200 <= response.status_code <= 200
        or 400 <= response.status_code <= 400
        or 401 <= response.status_code <= 401
        or 403 <= response.status_code <= 403
        or 429 <= response.status_code <= 429
        or 500 <= response.status_code <= 599
    )
    if not documented and client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_response(response)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PortList | Problem]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    first_seen_before: datetime.datetime | Unset = UNSET,
    first_seen_after: datetime.datetime | Unset = UNSET,
    disappeared_before: datetime.datetime | Unset = UNSET,
    disappeared_after: datetime.datetime | Unset = UNSET,
    status: list[PortStatus] | Unset = UNSET,
    port: list[int] | Unset = UNSET,
) -> Response[PortList | Problem]:
    """List ports

     This query returns all discovered ports on your attack surface, including information to which IP
    and asset it was discovered on.

    Args:
        cursor (str | Unset):
        limit (int | Unset):
        first_seen_before (datetime.datetime | Unset):
        first_seen_after (datetime.datetime | Unset):
        disappeared_before (datetime.datetime | Unset):
        disappeared_after (datetime.datetime | Unset):
        status (list[PortStatus] | Unset):
        port (list[int] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PortList | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        first_seen_before=first_seen_before,
        first_seen_after=first_seen_after,
        disappeared_before=disappeared_before,
        disappeared_after=disappeared_after,
        status=status,
        port=port,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    first_seen_before: datetime.datetime | Unset = UNSET,
    first_seen_after: datetime.datetime | Unset = UNSET,
    disappeared_before: datetime.datetime | Unset = UNSET,
    disappeared_after: datetime.datetime | Unset = UNSET,
    status: list[PortStatus] | Unset = UNSET,
    port: list[int] | Unset = UNSET,
) -> PortList | Problem | None:
    """List ports

     This query returns all discovered ports on your attack surface, including information to which IP
    and asset it was discovered on.

    Args:
        cursor (str | Unset):
        limit (int | Unset):
        first_seen_before (datetime.datetime | Unset):
        first_seen_after (datetime.datetime | Unset):
        disappeared_before (datetime.datetime | Unset):
        disappeared_after (datetime.datetime | Unset):
        status (list[PortStatus] | Unset):
        port (list[int] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PortList | Problem
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        limit=limit,
        first_seen_before=first_seen_before,
        first_seen_after=first_seen_after,
        disappeared_before=disappeared_before,
        disappeared_after=disappeared_after,
        status=status,
        port=port,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    first_seen_before: datetime.datetime | Unset = UNSET,
    first_seen_after: datetime.datetime | Unset = UNSET,
    disappeared_before: datetime.datetime | Unset = UNSET,
    disappeared_after: datetime.datetime | Unset = UNSET,
    status: list[PortStatus] | Unset = UNSET,
    port: list[int] | Unset = UNSET,
) -> Response[PortList | Problem]:
    """List ports

     This query returns all discovered ports on your attack surface, including information to which IP
    and asset it was discovered on.

    Args:
        cursor (str | Unset):
        limit (int | Unset):
        first_seen_before (datetime.datetime | Unset):
        first_seen_after (datetime.datetime | Unset):
        disappeared_before (datetime.datetime | Unset):
        disappeared_after (datetime.datetime | Unset):
        status (list[PortStatus] | Unset):
        port (list[int] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PortList | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        first_seen_before=first_seen_before,
        first_seen_after=first_seen_after,
        disappeared_before=disappeared_before,
        disappeared_after=disappeared_after,
        status=status,
        port=port,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    first_seen_before: datetime.datetime | Unset = UNSET,
    first_seen_after: datetime.datetime | Unset = UNSET,
    disappeared_before: datetime.datetime | Unset = UNSET,
    disappeared_after: datetime.datetime | Unset = UNSET,
    status: list[PortStatus] | Unset = UNSET,
    port: list[int] | Unset = UNSET,
) -> PortList | Problem | None:
    """List ports

     This query returns all discovered ports on your attack surface, including information to which IP
    and asset it was discovered on.

    Args:
        cursor (str | Unset):
        limit (int | Unset):
        first_seen_before (datetime.datetime | Unset):
        first_seen_after (datetime.datetime | Unset):
        disappeared_before (datetime.datetime | Unset):
        disappeared_after (datetime.datetime | Unset):
        status (list[PortStatus] | Unset):
        port (list[int] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PortList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            limit=limit,
            first_seen_before=first_seen_before,
            first_seen_after=first_seen_after,
            disappeared_before=disappeared_before,
            disappeared_after=disappeared_after,
            status=status,
            port=port,
        )
    ).parsed

import datetime
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.severity import Severity
from ...models.vulnerability_page import VulnerabilityPage
from ...types import UNSET, Response, Unset, format_datetime


def _get_kwargs(
    *,
    marker: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    scan_source: list[str] | Unset = UNSET,
    asset_token: list[str] | Unset = UNSET,
    host: list[str] | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["marker"] = marker

    params["pageSize"] = page_size

    json_severity: list[str] | Unset = UNSET
    if not isinstance(severity, Unset):
        json_severity = []
        for severity_item_data in severity:
            severity_item = severity_item_data.value
            json_severity.append(severity_item)

    params["severity[]"] = json_severity

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status[]"] = json_status

    json_scan_source: list[str] | Unset = UNSET
    if not isinstance(scan_source, Unset):
        json_scan_source = scan_source

    params["scan_source[]"] = json_scan_source

    json_asset_token: list[str] | Unset = UNSET
    if not isinstance(asset_token, Unset):
        json_asset_token = asset_token

    params["asset_token[]"] = json_asset_token

    json_host: list[str] | Unset = UNSET
    if not isinstance(host, Unset):
        json_host = host

    params["host[]"] = json_host

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = format_datetime(created_after)
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = format_datetime(created_before)
    params["created_before"] = json_created_before

    json_updated_after: str | Unset = UNSET
    if not isinstance(updated_after, Unset):
        json_updated_after = format_datetime(updated_after)
    params["updated_after"] = json_updated_after

    json_updated_before: str | Unset = UNSET
    if not isinstance(updated_before, Unset):
        json_updated_before = format_datetime(updated_before)
    params["updated_before"] = json_updated_before

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/vulnerabilities/",
        "params": params,
    }

    return _kwargs


#: The arguments of ``httpx.AsyncClient.request`` for this operation (used by callers that parse the body themselves).
request_kwargs = _get_kwargs


def parse_response(response: httpx.Response) -> Error | VulnerabilityPage | None:
    """The body of a response to this operation as its model: the documented model of a 2xx status; for a
    documented error status its error model, or None when the body does not fit; None for any other status."""
    if response.status_code == 200:
        response_200 = VulnerabilityPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_400 = Error.from_dict(response.json())

            return response_400

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    if response.status_code == 401:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_401 = Error.from_dict(response.json())

            return response_401

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    if response.status_code == 403:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_403 = Error.from_dict(response.json())

            return response_403

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    if response.status_code == 429:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_429 = Error.from_dict(response.json())

            return response_429

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    if 500 <= response.status_code <= 599:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_5xx = Error.from_dict(response.json())

            return response_5xx

        except (ValueError, TypeError, KeyError, AttributeError):
            return None
    return None


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | VulnerabilityPage | None:
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
) -> Response[Error | VulnerabilityPage]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    marker: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    scan_source: list[str] | Unset = UNSET,
    asset_token: list[str] | Unset = UNSET,
    host: list[str] | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
) -> Response[Error | VulnerabilityPage]:
    """List vulnerabilities

    Args:
        marker (str | Unset):
        page_size (int | Unset):
        severity (list[Severity] | Unset):
        status (list[str] | Unset):
        scan_source (list[str] | Unset):
        asset_token (list[str] | Unset):
        host (list[str] | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | VulnerabilityPage]
    """

    kwargs = _get_kwargs(
        marker=marker,
        page_size=page_size,
        severity=severity,
        status=status,
        scan_source=scan_source,
        asset_token=asset_token,
        host=host,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    marker: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    scan_source: list[str] | Unset = UNSET,
    asset_token: list[str] | Unset = UNSET,
    host: list[str] | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
) -> Error | VulnerabilityPage | None:
    """List vulnerabilities

    Args:
        marker (str | Unset):
        page_size (int | Unset):
        severity (list[Severity] | Unset):
        status (list[str] | Unset):
        scan_source (list[str] | Unset):
        asset_token (list[str] | Unset):
        host (list[str] | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | VulnerabilityPage
    """

    return sync_detailed(
        client=client,
        marker=marker,
        page_size=page_size,
        severity=severity,
        status=status,
        scan_source=scan_source,
        asset_token=asset_token,
        host=host,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    marker: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    scan_source: list[str] | Unset = UNSET,
    asset_token: list[str] | Unset = UNSET,
    host: list[str] | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
) -> Response[Error | VulnerabilityPage]:
    """List vulnerabilities

    Args:
        marker (str | Unset):
        page_size (int | Unset):
        severity (list[Severity] | Unset):
        status (list[str] | Unset):
        scan_source (list[str] | Unset):
        asset_token (list[str] | Unset):
        host (list[str] | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | VulnerabilityPage]
    """

    kwargs = _get_kwargs(
        marker=marker,
        page_size=page_size,
        severity=severity,
        status=status,
        scan_source=scan_source,
        asset_token=asset_token,
        host=host,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    marker: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    scan_source: list[str] | Unset = UNSET,
    asset_token: list[str] | Unset = UNSET,
    host: list[str] | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
) -> Error | VulnerabilityPage | None:
    """List vulnerabilities

    Args:
        marker (str | Unset):
        page_size (int | Unset):
        severity (list[Severity] | Unset):
        status (list[str] | Unset):
        scan_source (list[str] | Unset):
        asset_token (list[str] | Unset):
        host (list[str] | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | VulnerabilityPage
    """

    return (
        await asyncio_detailed(
            client=client,
            marker=marker,
            page_size=page_size,
            severity=severity,
            status=status,
            scan_source=scan_source,
            asset_token=asset_token,
            host=host,
            created_after=created_after,
            created_before=created_before,
            updated_after=updated_after,
            updated_before=updated_before,
        )
    ).parsed

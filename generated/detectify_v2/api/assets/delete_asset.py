from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    asset_token: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v2/assets/{asset_token}/".format(
            asset_token=quote(str(asset_token), safe=""),
        ),
    }

    return _kwargs


#: The arguments of ``httpx.AsyncClient.request`` for this operation (used by callers that parse the body themselves).
request_kwargs = _get_kwargs


def parse_response(response: httpx.Response) -> Any | Error | None:
    """The body of a response to this operation as its model: the documented model of a 2xx status; for a
    documented error status its error model, or None when the body does not fit; None for any other status."""
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
    if response.status_code == 404:
        # An error body may come from a gateway (HTML, or another JSON shape): never fail on it.
        try:
            response_404 = Error.from_dict(response.json())

            return response_404

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
) -> Any | Error | None:
    documented = (
        200 <= response.status_code <= 200
        or 204 <= response.status_code <= 204
        or 401 <= response.status_code <= 401
        or 403 <= response.status_code <= 403
        or 404 <= response.status_code <= 404
        or 429 <= response.status_code <= 429
        or 500 <= response.status_code <= 599
    )
    if not documented and client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_response(response)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Error]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    asset_token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Delete an asset or a subdomain

     asset_token is any token GET /v2/assets/?include_subdomains=true lists: a root asset's or a
    subdomain's.

    Args:
        asset_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        asset_token=asset_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    asset_token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Delete an asset or a subdomain

     asset_token is any token GET /v2/assets/?include_subdomains=true lists: a root asset's or a
    subdomain's.

    Args:
        asset_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        asset_token=asset_token,
        client=client,
    ).parsed


async def asyncio_detailed(
    asset_token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Delete an asset or a subdomain

     asset_token is any token GET /v2/assets/?include_subdomains=true lists: a root asset's or a
    subdomain's.

    Args:
        asset_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        asset_token=asset_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    asset_token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Delete an asset or a subdomain

     asset_token is any token GET /v2/assets/?include_subdomains=true lists: a root asset's or a
    subdomain's.

    Args:
        asset_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            asset_token=asset_token,
            client=client,
        )
    ).parsed

from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset_settings import AssetSettings
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    token: str,
    *,
    body: AssetSettings,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v2/domains/{token}/settings/".format(
            token=quote(str(token), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


#: The arguments of ``httpx.AsyncClient.request`` for this operation (used by callers that parse the body themselves).
request_kwargs = _get_kwargs


def parse_response(response: httpx.Response) -> AssetSettings | Error | None:
    """The body of a response to this operation as its model: the documented model of a 2xx status; for a
    documented error status its error model, or None when the body does not fit; None for any other status."""
    if response.status_code == 200:
        response_200 = AssetSettings.from_dict(response.json())

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
) -> AssetSettings | Error | None:
    documented = (
        200 <= response.status_code <= 200
        or 400 <= response.status_code <= 400
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
) -> Response[AssetSettings | Error]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AssetSettings,
) -> Response[AssetSettings | Error]:
    """Change the Surface Monitoring settings of an asset

     Settings left out of the body keep their value; the answer is the asset's settings after the change.

    Args:
        token (str):
        body (AssetSettings): Surface Monitoring settings of an asset. In a PUT body, only the
            settings to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetSettings | Error]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AssetSettings,
) -> AssetSettings | Error | None:
    """Change the Surface Monitoring settings of an asset

     Settings left out of the body keep their value; the answer is the asset's settings after the change.

    Args:
        token (str):
        body (AssetSettings): Surface Monitoring settings of an asset. In a PUT body, only the
            settings to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetSettings | Error
    """

    return sync_detailed(
        token=token,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AssetSettings,
) -> Response[AssetSettings | Error]:
    """Change the Surface Monitoring settings of an asset

     Settings left out of the body keep their value; the answer is the asset's settings after the change.

    Args:
        token (str):
        body (AssetSettings): Surface Monitoring settings of an asset. In a PUT body, only the
            settings to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetSettings | Error]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AssetSettings,
) -> AssetSettings | Error | None:
    """Change the Surface Monitoring settings of an asset

     Settings left out of the body keep their value; the answer is the asset's settings after the change.

    Args:
        token (str):
        body (AssetSettings): Surface Monitoring settings of an asset. In a PUT body, only the
            settings to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetSettings | Error
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            body=body,
        )
    ).parsed

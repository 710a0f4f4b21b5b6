"""The v3 resources: ``client.ips``, ``.technologies``, ``.ports``, ``.breaches`` and ``.connectors``.

Each call checks its arguments, then goes call -> adapter -> generated function -> the client's request loop ->
the pager. Items are the generated models, with the API's field names.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import json
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import httpx

from . import adapter
from .adapter import Connector, ExternalId, Ip, ListOperation, PolicyBreach, Port, Technology
from .errors import APIResponseValidationError, BadRequestError
from .pagination import AsyncPager, Page
from .teams import chosen_team, discover_teams, needs_team, resolve_team, several_teams, single_team
from .validation import (
    check_cursor,
    check_datetime,
    check_id,
    check_limit,
    check_ports,
    check_statuses,
    check_window,
    list_params,
)

if TYPE_CHECKING:
    from .client import AsyncDetectify

__all__ = ["Breaches", "Connectors", "Ips", "Ports", "Technologies"]

Item = TypeVar("Item")
When = datetime.datetime | str


def next_cursor(next_url: str | None) -> str | None:
    """The cursor carried by a ``pagination.next`` URL. Only the cursor is used: the next request is the same
    request against the configured base URL, so nothing (least of all the key) goes to a host the page names."""
    if not next_url:
        return None
    try:
        cursor: str | None = httpx.URL(next_url).params.get("cursor")
    except (httpx.InvalidURL, TypeError) as exc:
        raise APIResponseValidationError(f"pagination.next is not a URL: {next_url!r}") from exc
    if not cursor:
        raise APIResponseValidationError(f"pagination.next carries no cursor: {next_url!r}")
    return cursor


class _Resource:
    def __init__(self, client: AsyncDetectify) -> None:
        self._client = client

    def _pager(self, resource: str, params: dict[str, Any], cursor: str | None) -> AsyncPager[Any]:
        """The pager of a list: of the key's teams; of one team for a ``for_team`` view; and across every team's
        own key, one team after the other, for a client holding one key per team. ``.as_dicts()`` on it gives the
        same pages as plain dicts, skipping model parsing."""
        teams = self._client.team_ids
        if self._client.scope_team is None and len(teams) > 1 and cursor is not None:
            _split_team_cursor(cursor, teams)  # a cursor from elsewhere fails now, before any request
        as_dicts = self._fetcher(resource, params, raw=True)
        return AsyncPager(
            self._fetcher(resource, params, raw=False), cursor=cursor, dicts=lambda: AsyncPager(as_dicts, cursor=cursor)
        )

    def _fetcher(
        self, resource: str, params: dict[str, Any], *, raw: bool
    ) -> Callable[[str | None], Awaitable[Page[Any]]]:
        op: ListOperation[Any] = adapter.LIST_OPERATIONS[resource]
        client = self._client
        scope = client.scope_team
        teams = client.team_ids

        async def fetch_team(team: str | None, page_cursor: str | None) -> Page[Any]:
            call = dict(params, cursor=page_cursor) if page_cursor is not None else params
            if raw:
                response = await client._request("GET", op.path, lambda g: op.raw_page(g, call), team=team)
                contents = _raw_page_contents(response.content)
            else:
                response = await client._request("GET", op.path, lambda g: op.page(g, call), team=team)
                contents = adapter.page_contents(response.parsed, op)
            if contents is None:
                raise APIResponseValidationError(
                    f"GET {op.path} answered {response.status_code} without a list page",
                    body=response.content,
                    status_code=response.status_code,
                )
            items, next_url = contents
            return Page(items=items, next_cursor=next_cursor(next_url), cursor=page_cursor)

        if scope is not None:
            return self._team_view_fetch(resource, scope, fetch_team, raw=raw)
        if len(teams) > 1:
            return _across_teams(teams, fetch_team)
        return lambda page_cursor: fetch_team(None, page_cursor)

    def _team_view_fetch(
        self,
        resource: str,
        team: str,
        fetch_team: Callable[[str | None, str | None], Awaitable[Page[Any]]],
        *,
        raw: bool,
    ) -> Callable[[str | None], Awaitable[Page[Any]]]:
        """One team's items: the team's own key needs no filtering; a shared key's pages are filtered by team_id."""
        client = self._client
        has_team = "team_id" in attrs.fields_dict(adapter.LIST_OPERATIONS[resource].item_model)

        def team_of(item: Any) -> object:
            return item.get("team_id") if raw else item.team_id

        async def fetch(page_cursor: str | None) -> Page[Any]:
            if client.team_ids:
                return await fetch_team(team, page_cursor)
            if not has_team:
                found = await client._pool.teams.discover(lambda: discover_teams(client))
                if not found.single:
                    raise several_teams(
                        found.teams,
                        f"{resource} items carry no team_id, so one team's cannot be picked out with a key that "
                        "reaches several teams; give the client that team's own key (api_key={team_id: key}). "
                        "Teams of this key",
                    )
                return await fetch_team(team, page_cursor)
            page = await fetch_team(team, page_cursor)
            if any(not isinstance(team_of(item), str) for item in page.items):  # never drop what cannot be placed
                raise APIResponseValidationError(f"a {resource} item came without a team_id; cannot tell its team")
            return attrs.evolve(page, items=[item for item in page.items if team_of(item) == team])

        return fetch


def _raw_page_contents(content: bytes) -> tuple[list[dict[str, Any]], str | None] | None:
    """(items as dicts, next page URL) of a list page's JSON body, or None when it is not a list page."""
    try:
        body = json.loads(content)
    except ValueError:
        return None
    items = body.get("items") if isinstance(body, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) and "id" in item for item in items):
        return None
    pagination = body.get("pagination")
    next_url = pagination.get("next") if isinstance(pagination, dict) else None
    return items, (next_url if isinstance(next_url, str) else None)


def _across_teams(
    teams: tuple[str, ...], fetch_team: Callable[[str | None, str | None], Awaitable[Page[Any]]]
) -> Callable[[str | None], Awaitable[Page[Any]]]:
    """Chain each team's pages (each fetched with that team's key); cursors name the team they belong to."""

    async def fetch(page_cursor: str | None) -> Page[Any]:
        team, api_cursor = _split_team_cursor(page_cursor, teams) if page_cursor else (teams[0], None)
        page = await fetch_team(team, api_cursor)
        if page.next_cursor is not None:
            following: str | None = _team_cursor(team, page.next_cursor)
        else:
            position = teams.index(team)
            following = _team_cursor(teams[position + 1], "") if position + 1 < len(teams) else None
        return attrs.evolve(page, next_cursor=following, cursor=page_cursor)

    return fetch


def _team_cursor(team: str, cursor: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([team, cursor]).encode()).decode()


def _split_team_cursor(cursor: str, teams: tuple[str, ...]) -> tuple[str, str | None]:
    try:
        team, api_cursor = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"cursor {cursor!r} is not a cursor of this client's per-team pull") from exc
    if team not in teams or not isinstance(api_cursor, str):
        raise ValueError(f"cursor {cursor!r} names a team this client holds no key for")
    return team, api_cursor or None


def _asset_filters(
    first_seen_before: When | None,
    first_seen_after: When | None,
    disappeared_before: When | None,
    disappeared_after: When | None,
) -> dict[str, Any]:
    values = {
        "first_seen_before": check_datetime("first_seen_before", first_seen_before),
        "first_seen_after": check_datetime("first_seen_after", first_seen_after),
        "disappeared_before": check_datetime("disappeared_before", disappeared_before),
        "disappeared_after": check_datetime("disappeared_after", disappeared_after),
    }
    check_window("first_seen_after", values["first_seen_after"], "first_seen_before", values["first_seen_before"])
    check_window("disappeared_after", values["disappeared_after"], "disappeared_before", values["disappeared_before"])
    return values


class _AssetList(_Resource, Generic[Item]):
    _resource: str

    def list(
        self,
        *,
        first_seen_before: When | None = None,
        first_seen_after: When | None = None,
        disappeared_before: When | None = None,
        disappeared_after: When | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[Item]:
        """Every item, across pages. Time filters are exclusive and need a timezone; ``limit`` (1..1000) is the
        page size; ``cursor`` resumes from a page's ``next_cursor``."""
        params = list_params(
            **_asset_filters(first_seen_before, first_seen_after, disappeared_before, disappeared_after),
            limit=check_limit(limit),
        )
        return self._pager(self._resource, params, check_cursor(cursor))


class Ips(_AssetList[Ip]):
    """IP addresses on the attack surface."""

    _resource = "ips"


class Technologies(_AssetList[Technology]):
    """Technologies on the attack surface."""

    _resource = "technologies"


class Ports(_Resource):
    """Ports on the attack surface."""

    def list(
        self,
        *,
        first_seen_before: When | None = None,
        first_seen_after: When | None = None,
        disappeared_before: When | None = None,
        disappeared_after: When | None = None,
        status: Iterable[str] | str | None = None,
        port: Iterable[int] | int | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[Port]:
        """Every port, across pages. ``status`` (e.g. ``["OPEN", "CLOSED"]``) and ``port`` (e.g. ``[80, 443]``)
        keep items matching any listed value; the other arguments are as for ``client.ips.list``."""
        statuses = check_statuses(status)
        params = list_params(
            **_asset_filters(first_seen_before, first_seen_after, disappeared_before, disappeared_after),
            status=adapter.port_statuses(statuses) if statuses is not None else None,
            port=check_ports(port),
            limit=check_limit(limit),
        )
        return self._pager("ports", params, check_cursor(cursor))


class Breaches(_Resource):
    """Policy breaches on the assets."""

    def list(
        self,
        *,
        first_seen_before: When | None = None,
        first_seen_after: When | None = None,
        disappeared_before: When | None = None,
        disappeared_after: When | None = None,
        status_updated_before: When | None = None,
        status_updated_after: When | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[PolicyBreach]:
        """Every policy breach, across pages; ``status_updated_*`` filter on the last status change (exclusive)."""
        updated_before = check_datetime("status_updated_before", status_updated_before)
        updated_after = check_datetime("status_updated_after", status_updated_after)
        check_window("status_updated_after", updated_after, "status_updated_before", updated_before)
        params = list_params(
            **_asset_filters(first_seen_before, first_seen_after, disappeared_before, disappeared_after),
            status_updated_before=updated_before,
            status_updated_after=updated_after,
            limit=check_limit(limit),
        )
        return self._pager("breaches", params, check_cursor(cursor))


@contextlib.contextmanager
def _team_required() -> Iterator[None]:
    """The API's own "team_id is required" becomes the same ``TeamResolutionError`` the SDK raises itself."""
    try:
        yield
    except BadRequestError as exc:
        if needs_team(exc):
            raise several_teams((), "The API needs a team_id for this call: the key reaches several teams") from exc
        raise


class Connectors(_Resource):
    """Connectors importing assets from cloud and DNS providers."""

    def list(self, *, limit: int | None = None, cursor: str | None = None) -> AsyncPager[Connector]:
        """Every connector of the key's teams, across pages."""
        return self._pager("connectors", list_params(limit=check_limit(limit)), check_cursor(cursor))

    async def create(
        self,
        *,
        name: str,
        provider: str,
        options: adapter.OptionsModel | Mapping[str, Any],
        team_id: str | None = None,
    ) -> Connector:
        """Create a connector. ``options`` is the provider's generated model (e.g.
        ``ConnectorCreateAwsCredBasedInput``) or a plain mapping of its fields. Not retried once it may have reached
        the API (see ``detectify.retry``)."""
        check_id("name", name)
        check_id("provider", provider)
        if not isinstance(options, (Mapping, *adapter.OPTIONS_MODELS)):
            raise TypeError(f"options must be a provider options model or a mapping, got {options!r}")
        if team_id is not None:
            check_id("team_id", team_id)
        try:
            adapter.connector_input(name=name, provider=provider, options=options, team_id=team_id)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"options do not match any provider's options schema: {options!r}") from exc
        team = await resolve_team(self._client, team_id)
        body = adapter.connector_input(name=name, provider=provider, options=options, team_id=team)
        with _team_required():
            response = await self._client._request(
                "POST", "/v3/connectors", lambda g: adapter.create(g, body), team=team
            )
        return self._expect(response, Connector, "POST /v3/connectors")

    async def get(self, id: str) -> Connector:
        """One connector by its ID (``NotFoundError`` if there is none)."""
        connector_id = check_id("id", id)
        response = await self._client._request(
            "GET", "/v3/connectors/{id}", lambda g: adapter.get(g, connector_id), team=self._chosen_team()
        )
        return self._expect(response, Connector, "GET /v3/connectors/{id}")

    async def delete(self, id: str) -> None:
        """Delete a connector by its ID."""
        connector_id = check_id("id", id)
        await self._client._request(
            "DELETE", "/v3/connectors/{id}", lambda g: adapter.delete(g, connector_id), team=self._chosen_team()
        )

    async def external_id(self, *, team_id: str | None = None) -> ExternalId:
        """The external ID to trust in an AWS role for role-based connectors (one per team)."""
        client = self._client
        directory = client._pool.teams
        team = chosen_team(client, team_id)
        if team is None and directory.found is not None:  # discovered earlier
            if not directory.found.single:
                raise several_teams(directory.found.teams)
            team = directory.found.teams[0] if directory.found.teams else None
        if team is not None or directory.found is not None:
            with _team_required():
                return await self._external_id(team)
        try:  # asking without a team is itself discovery: a single-team key answers with its team
            answer = await self._external_id(None)
        except BadRequestError as exc:
            if not needs_team(exc):
                raise
            found = await directory.discover(lambda: discover_teams(client, known_multi=True))
            raise several_teams(found.teams) from exc
        directory.remember(single_team(answer.team_id))
        return answer

    async def _external_id(self, team: str | None) -> ExternalId:
        response = await self._client._request(
            "GET", "/v3/connectors/external-id", lambda g: adapter.external_id(g, team), team=team
        )
        return self._expect(response, ExternalId, "GET /v3/connectors/external-id")

    def _chosen_team(self) -> str | None:
        """The team already chosen for this client or view (for routing by key), without asking the API."""
        return self._client.scope_team or self._client.team_id

    @staticmethod
    def _expect(response: adapter.AnyResponse, model: type[Item], what: str) -> Item:
        if not isinstance(response.parsed, model):
            raise APIResponseValidationError(
                f"{what} answered {response.status_code} without a {model.__name__}",
                body=response.content,
                status_code=response.status_code,
            )
        return response.parsed

"""The v3 resources: ``client.ips``, ``.technologies``, ``.ports``, ``.breaches`` and ``.connectors``.

Each call checks its arguments, asks the adapter for the ``Call`` of the generated operation, and hands it to the
view's session (``detectify.session``), which sends, retries and parses it. Lists page through the one pager, the
team router deciding how each page is fetched. Items are the generated models, with the API's field names.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

import httpx

from . import adapter
from .adapter import Connector, ExternalId, Ip, ListOperation, PolicyBreach, Port, Technology, V3Page
from .errors import APIResponseValidationError, BadRequestError, request_id_of
from .pagination import AsyncPager, FetchPage, Page
from .session import Session
from .teams import Discovery, needs_team, several_teams, single_team
from .validation import (
    When,
    check_choices,
    check_cursor,
    check_datetime,
    check_id,
    check_limit,
    check_ports,
    check_window,
    list_params,
)

__all__ = ["Breaches", "Connectors", "Ips", "Ports", "Technologies", "discover_teams"]

Item = TypeVar("Item")
#: Items read from the first page of IPs when discovering a multi-team key's teams.
DISCOVERY_PAGE = 1000


def next_cursor(next_url: str | None) -> str | None:
    """The cursor carried by a ``pagination.next`` URL. Only the cursor is used: the next request is the same
    request against the configured base URL, so nothing (least of all the key) goes to a host the page names."""
    if not next_url:
        return None
    try:
        cursor: str | None = httpx.URL(next_url).params.get("cursor")
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise APIResponseValidationError(f"pagination.next is not a URL: {next_url!r}") from exc
    if not cursor:
        raise APIResponseValidationError(f"pagination.next carries no cursor: {next_url!r}")
    return cursor


class _Resource:
    def __init__(self, session: Session) -> None:
        self._session = session


def _page(exchange_page: V3Page[Item], response: httpx.Response, cursor: str | None) -> Page[Item]:
    return Page(
        items=exchange_page.items,
        next_cursor=next_cursor(exchange_page.next_url),
        cursor=cursor,
        headers=response.headers,
        request_id=request_id_of(response.headers),
    )


def list_pager(session: Session, resource: str, params: dict[str, Any], cursor: str | None) -> AsyncPager[Any]:
    """The pager of a v3 list, as the view's team scope and keys require (see ``detectify.teams``);
    ``.as_dicts()`` on it gives the same pages as plain dicts, skipping model parsing."""
    router = session.router
    router.check_cursor(session.scope_team, cursor)
    op: ListOperation[Any] = adapter.LIST_OPERATIONS[resource]

    async def models(team: str | None, api_cursor: str | None) -> Page[Any]:
        call = op.page(dict(params, cursor=api_cursor) if api_cursor else params, team=team)
        exchange = await session.exchange(call)
        return _page(exchange.parsed, exchange.response, api_cursor)

    async def dicts(team: str | None, api_cursor: str | None) -> Page[dict[str, Any]]:
        call = op.dict_page(dict(params, cursor=api_cursor) if api_cursor else params, team=team)
        exchange = await session.exchange(call)
        return _page(exchange.parsed, exchange.response, api_cursor)

    async def discover() -> Discovery:
        return await discover_teams(session)

    carries_team = op.items_carry_team
    fetch_models: FetchPage[Any] = router.pages(
        resource,
        scope=session.scope_team,
        fetch_team=models,
        team_of=(lambda item: item.team_id) if carries_team else None,
        discover=discover,
    )
    fetch_dicts: FetchPage[dict[str, Any]] = router.pages(
        resource,
        scope=session.scope_team,
        fetch_team=dicts,
        team_of=(lambda item: item.get("team_id")) if carries_team else None,
        discover=discover,
    )
    return AsyncPager(fetch_models, cursor=cursor, dicts=lambda: AsyncPager(fetch_dicts, cursor=cursor))


async def discover_teams(session: Session, *, known_multi: bool = False) -> Discovery:
    """Ask the API which teams the client's key reaches (``known_multi``: the API already said several)."""
    unscoped = session.unscoped()
    if not known_multi:
        try:
            answer = await unscoped.send(adapter.external_id_call(None))
        except BadRequestError as exc:
            if not needs_team(exc):
                raise
        else:
            return single_team(answer.team_id)
    found: set[str] = set()
    async for connector in list_pager(unscoped, "connectors", {"limit": DISCOVERY_PAGE}, None):
        if isinstance(connector.team_id, str):
            found.add(connector.team_id)
    first_ips = await list_pager(unscoped, "ips", {"limit": DISCOVERY_PAGE}, None)
    found.update(ip.team_id for ip in first_ips.items if isinstance(ip.team_id, str))
    return Discovery(teams=tuple(sorted(found)), single=False)


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
        return list_pager(self._session, self._resource, params, check_cursor(cursor))


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
        statuses = check_choices("status", status, adapter.PORT_STATUSES)
        params = list_params(
            **_asset_filters(first_seen_before, first_seen_after, disappeared_before, disappeared_after),
            status=adapter.port_statuses(statuses) if statuses is not None else None,
            port=check_ports(port),
            limit=check_limit(limit),
        )
        return list_pager(self._session, "ports", params, check_cursor(cursor))


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
        return list_pager(self._session, "breaches", params, check_cursor(cursor))


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
        return list_pager(self._session, "connectors", list_params(limit=check_limit(limit)), check_cursor(cursor))

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
        check_choices("provider", provider, adapter.PROVIDERS)
        if not isinstance(options, (Mapping, *adapter.OPTIONS_MODELS)):
            raise TypeError(f"options must be a provider options model or a mapping, got {options!r}")
        if team_id is not None:
            check_id("team_id", team_id)
        try:
            adapter.connector_input(name=name, provider=provider, options=options, team_id=team_id)
        except (TypeError, ValueError):
            given = ", ".join(sorted(map(str, options))) if isinstance(options, Mapping) else type(options).__name__
            raise ValueError(  # the values are not shown: options hold provider credentials
                f"options do not match the {provider} options schema (given: {given or 'nothing'})"
            ) from None
        session = self._session
        team = await session.router.resolve(team_id, session.scope_team, session.options.team_id, self._discover)
        body = adapter.connector_input(name=name, provider=provider, options=options, team_id=team)
        with _team_required():
            return await session.send(adapter.create_connector_call(body, team=team))

    async def get(self, id: str) -> Connector:
        """One connector by its ID (``NotFoundError`` if there is none)."""
        connector_id = check_id("id", id)
        return await self._session.send(adapter.get_connector_call(connector_id, team=self._routed_team()))

    async def delete(self, id: str) -> None:
        """Delete a connector by its ID."""
        connector_id = check_id("id", id)
        await self._session.send(adapter.delete_connector_call(connector_id, team=self._routed_team()))

    async def external_id(self, *, team_id: str | None = None) -> ExternalId:
        """The external ID to trust in an AWS role for role-based connectors (one per team)."""
        session = self._session
        router = session.router
        team = router.chosen(check_id("team_id", team_id) if team_id is not None else None, session.scope_team,
                             session.options.team_id)  # fmt: skip
        if team is None and router.discovered is not None:
            team = router.only_team(router.discovered)
        if team is not None or router.discovered is not None:
            with _team_required():
                return await session.send(adapter.external_id_call(team))
        try:  # asking without a team is itself discovery: a single-team key answers with its team
            answer = await session.send(adapter.external_id_call(None))
        except BadRequestError as exc:
            if not needs_team(exc):
                raise
            found = await router.discover(lambda: discover_teams(session, known_multi=True))
            raise several_teams(found.teams) from exc
        router.remember(single_team(answer.team_id))
        return answer

    def _routed_team(self) -> str | None:
        """The team whose key sends a call on one connector (it takes no team_id): the view's or client's team."""
        session = self._session
        return session.router.chosen(None, session.scope_team, session.options.team_id)

    async def _discover(self) -> Discovery:
        return await discover_teams(self._session)

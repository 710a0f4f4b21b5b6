"""The team router: which team and which key for a call, and how a list's pages are fetched.

Operations that take ``team_id`` (create connector, external ID) resolve it in this order:

1. the call's own ``team_id=`` argument;
2. the team of a team view, ``client.for_team(team_id)``;
3. the client's ``team_id=`` (or ``DETECTIFY_TEAM_ID``);
4. discovery: a client holding one key per team knows its teams; otherwise the SDK asks the API once (the
   external-ID answer names the team of a single-team key; for a multi-team key, the ``team_id`` of the connectors
   and of the first page of IPs name the teams found), caches the answer, and shares one discovery among all the
   tasks that ask at once. One team: the call goes ahead for it. Several: ``TeamResolutionError`` before sending.

Lists are fetched one of three ways: with the key of the team asked for (a client holding one key per team), with
the one shared key and filtered to a team view's team (items carry ``team_id``), or, for a client holding several
team keys and no team view, across every team, one after the other, with cursors that name the team they belong to.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, TypeVar

import anyio
import attrs

from .errors import APIResponseValidationError, BadRequestError, TeamResolutionError
from .pagination import FetchPage, Page
from .secret import Secret

__all__ = ["Discovery", "TeamRouter", "needs_team", "several_teams", "single_team"]

T = TypeVar("T")
#: Fetches one page of a list for one team (None: the key's own teams) at an API cursor.
FetchTeamPage = Callable[[str | None, str | None], Awaitable[Page[T]]]


def several_teams(team_ids: Iterable[str], what: str = "This API key reaches several teams") -> TeamResolutionError:
    teams = sorted(set(team_ids))
    found = f" ({', '.join(teams)})" if teams else ""
    return TeamResolutionError(
        f"{what}{found}; say which one: pass team_id=..., use client.for_team(team_id), or set team_id= "
        "(or DETECTIFY_TEAM_ID) on the client",
        team_ids=teams,
    )


def needs_team(exc: BadRequestError) -> bool:
    """Whether the API refused a request because it needs a team_id (a multi-team key without one)."""
    return "team_id" in f"{exc.detail or ''} {exc.title or ''}"


@attrs.frozen
class Discovery:
    """What discovery learned: the teams seen, and whether the key reaches exactly one team."""

    teams: tuple[str, ...]
    single: bool


def single_team(team_id: object) -> Discovery:
    """What an external-ID answer without a team_id argument says: the key's one team."""
    return Discovery(teams=(team_id,) if isinstance(team_id, str) and team_id else (), single=True)


class TeamRouter:
    """Routes calls to teams and keys for one client (owned by its pool, shared by its views)."""

    def __init__(self, shared_key: Secret | None, team_keys: Mapping[str, Secret]) -> None:
        self._shared_key = shared_key
        self._team_keys = dict(team_keys)
        self._found: Discovery | None = None
        self._lock: anyio.Lock | None = None

    @property
    def teams(self) -> tuple[str, ...]:
        """The teams this client holds a key for (empty when it holds one key for all)."""
        return tuple(self._team_keys)

    @property
    def has_v3_key(self) -> bool:
        return self._shared_key is not None or bool(self._team_keys)

    # --- which key ---------------------------------------------------------------------------------------------

    def check_team(self, team: str | None) -> str | None:
        """A team a view or call may be for: any team with one shared key, a team with a key otherwise."""
        if team is not None and self._team_keys and team not in self._team_keys:
            raise ValueError(f"team_id {team!r} has no key in api_key (teams with keys: {', '.join(self.teams)})")
        return team

    def key_for(self, team: str | None) -> Secret:
        """The key that sends a call for ``team`` (None: the one key, or the only team's)."""
        if self._shared_key is not None:
            return self._shared_key
        if team is None:
            if len(self._team_keys) == 1:
                return next(iter(self._team_keys.values()))
            raise several_teams(self._team_keys, "This client holds a key for each of several teams")
        self.check_team(team)
        return self._team_keys[team]

    # --- which team --------------------------------------------------------------------------------------------

    def chosen(self, explicit: str | None, scope: str | None, default: str | None) -> str | None:
        """Steps 1-3 of the order, and a client's own per-team keys: the team, or None when only the API can tell."""
        team = explicit or scope or default
        if team is not None:
            return self.check_team(team)
        if len(self._team_keys) > 1:
            raise several_teams(self._team_keys, "This client holds a key for each of several teams")
        return next(iter(self._team_keys)) if self._team_keys else None

    @property
    def discovered(self) -> Discovery | None:
        """What discovery found, once it has run (or an answer taught it)."""
        return self._found

    def remember(self, found: Discovery) -> None:
        if self._found is None:
            self._found = found

    async def discover(self, discover: Callable[[], Awaitable[Discovery]]) -> Discovery:
        """Run ``discover`` once per client, whatever the number of tasks asking at once; cache the answer."""
        if self._found is None:
            self._lock = self._lock or anyio.Lock()
            async with self._lock:
                if self._found is None:
                    self._found = await discover()
        return self._found

    @staticmethod
    def only_team(found: Discovery) -> str | None:
        """The one team discovery found (None: the API decides), or ``TeamResolutionError`` for several."""
        if not found.single:
            raise several_teams(found.teams)
        return found.teams[0] if found.teams else None

    async def resolve(
        self,
        explicit: str | None,
        scope: str | None,
        default: str | None,
        discover: Callable[[], Awaitable[Discovery]],
    ) -> str | None:
        """The team a call that takes ``team_id`` is for (see the module's docstring); None lets the API decide."""
        team = self.chosen(explicit, scope, default)
        if team is not None:
            return team
        return self.only_team(await self.discover(discover))

    # --- how a list's pages are fetched ------------------------------------------------------------------------

    def check_cursor(self, scope: str | None, cursor: str | None) -> None:
        """A cursor of a list spanning several teams must be one of ours: fail now, before any request."""
        if cursor is not None and scope is None and len(self._team_keys) > 1:
            self._split_cursor(cursor)

    def pages(
        self,
        resource: str,
        *,
        scope: str | None,
        fetch_team: FetchTeamPage[T],
        team_of: Callable[[T], object] | None,
        discover: Callable[[], Awaitable[Discovery]],
    ) -> FetchPage[T]:
        """How to fetch the pages of one list. ``team_of`` reads an item's ``team_id`` (None: items carry none)."""
        if scope is not None:
            return self._one_team(resource, scope, fetch_team, team_of, discover)
        if len(self._team_keys) > 1:
            return self._across_teams(fetch_team)
        return lambda cursor: fetch_team(None, cursor)

    def _one_team(
        self,
        resource: str,
        team: str,
        fetch_team: FetchTeamPage[T],
        team_of: Callable[[T], object] | None,
        discover: Callable[[], Awaitable[Discovery]],
    ) -> FetchPage[T]:
        """One team's items: the team's own key needs no filtering; a shared key's pages are filtered by team_id."""

        async def fetch(cursor: str | None) -> Page[T]:
            if self._team_keys:
                return await fetch_team(team, cursor)
            if team_of is None:
                found = await self.discover(discover)
                if not found.single:
                    raise several_teams(
                        found.teams,
                        f"{resource} items carry no team_id, so one team's cannot be picked out with a key that "
                        "reaches several teams; give the client that team's own key (api_key={team_id: key}). "
                        "Teams of this key",
                    )
                return await fetch_team(team, cursor)
            page = await fetch_team(team, cursor)
            if any(not isinstance(team_of(item), str) for item in page.items):  # never drop what cannot be placed
                raise APIResponseValidationError(f"a {resource} item came without a team_id; cannot tell its team")
            return attrs.evolve(page, items=[item for item in page.items if team_of(item) == team])

        return fetch

    def _across_teams(self, fetch_team: FetchTeamPage[T]) -> FetchPage[T]:
        """Chain each team's pages (each fetched with that team's key); cursors name the team they belong to."""
        teams = self.teams

        async def fetch(cursor: str | None) -> Page[T]:
            team, api_cursor = self._split_cursor(cursor) if cursor else (teams[0], None)
            page = await fetch_team(team, api_cursor)
            if page.next_cursor is not None:
                following: str | None = _team_cursor(team, page.next_cursor)
            else:
                position = teams.index(team)
                following = _team_cursor(teams[position + 1], "") if position + 1 < len(teams) else None
            return attrs.evolve(page, next_cursor=following, cursor=cursor)

        return fetch

    def _split_cursor(self, cursor: str) -> tuple[str, str | None]:
        try:
            decoded: Any = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        except (ValueError, TypeError, binascii.Error, RecursionError) as exc:
            raise ValueError(f"cursor {cursor!r} is not a cursor of this client's per-team pull") from exc
        if not (isinstance(decoded, list) and len(decoded) == 2 and all(isinstance(part, str) for part in decoded)):
            raise ValueError(f"cursor {cursor!r} is not a cursor of this client's per-team pull")
        team, api_cursor = decoded
        if team not in self._team_keys:
            raise ValueError(f"cursor {cursor!r} names a team this client holds no key for")
        return team, api_cursor or None


def _team_cursor(team: str, cursor: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([team, cursor]).encode()).decode()

"""Which team a call is for.

Operations that take ``team_id`` (create connector, external ID) resolve it in this order:

1. the call's own ``team_id=`` argument;
2. the team of a team view, ``client.for_team(team_id)``;
3. the client's ``team_id=`` (or ``DETECTIFY_TEAM_ID``);
4. discovery: a client holding one key per team knows its teams; otherwise the SDK asks the API once (the
   external-ID answer names the team of a single-team key; for a multi-team key, the ``team_id`` of the connectors
   and of the first page of IPs name the teams found), caches the answer, and shares one discovery among all the
   tasks that ask at once. One team: the call goes ahead for it. Several: ``TeamResolutionError`` before sending.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING

import anyio
import attrs

from .errors import BadRequestError, TeamResolutionError
from .validation import check_id

if TYPE_CHECKING:
    from .client import AsyncDetectify

__all__ = [
    "Discovery",
    "TeamDirectory",
    "chosen_team",
    "discover_teams",
    "needs_team",
    "resolve_team",
    "several_teams",
    "single_team",
]

#: Items read from the first page of IPs when discovering a multi-team key's teams.
DISCOVERY_PAGE = 1000


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


class TeamDirectory:
    """The teams a key reaches, discovered once per client (whatever the number of tasks asking) and cached."""

    def __init__(self) -> None:
        self._found: Discovery | None = None
        self._lock: anyio.Lock | None = None

    @property
    def found(self) -> Discovery | None:
        return self._found

    def remember(self, found: Discovery) -> None:
        if self._found is None:
            self._found = found

    async def discover(self, discover: Callable[[], Awaitable[Discovery]]) -> Discovery:
        if self._found is None:
            self._lock = self._lock or anyio.Lock()
            async with self._lock:
                if self._found is None:
                    self._found = await discover()
        return self._found


def chosen_team(client: AsyncDetectify, team_id: str | None) -> str | None:
    """Steps 1-3 of the order, and a client's own per-team keys: the team, or None when only the API can tell."""
    if team_id is not None:
        return check_id("team_id", team_id)
    if client.scope_team is not None:
        return client.scope_team
    if client.team_id is not None:
        return client.team_id
    keys = client._config.team_keys
    if len(keys) > 1:
        raise several_teams(keys, "This client holds a key for each of several teams")
    return next(iter(keys)) if keys else None


async def resolve_team(client: AsyncDetectify, team_id: str | None) -> str | None:
    """The team a call that takes ``team_id`` is for (see the module's docstring); None lets the API decide."""
    team = chosen_team(client, team_id)
    if team is not None:
        return team
    found = await client._pool.teams.discover(lambda: discover_teams(client))
    if not found.single:
        raise several_teams(found.teams)
    return found.teams[0] if found.teams else None


def single_team(team_id: object) -> Discovery:
    """What an external-ID answer without a team_id argument says: the key's one team."""
    return Discovery(teams=(team_id,) if isinstance(team_id, str) and team_id else (), single=True)


async def discover_teams(client: AsyncDetectify, *, known_multi: bool = False) -> Discovery:
    """Ask the API which teams the client's key reaches (``known_multi``: the API already said several)."""
    if not known_multi:
        try:
            answer = await client.connectors._external_id(None)
        except BadRequestError as exc:
            if not needs_team(exc):
                raise
        else:
            return single_team(answer.team_id)
    found: set[str] = set()
    async for connector in client.connectors.list(limit=DISCOVERY_PAGE):
        if isinstance(connector.team_id, str):
            found.add(connector.team_id)
    first_ips = await client.ips.list(limit=DISCOVERY_PAGE)
    found.update(ip.team_id for ip in first_ips.items if isinstance(ip.team_id, str))
    return Discovery(teams=tuple(sorted(found)), single=False)

"""``FakeDetectify``: an ASGI application that behaves like the Detectify v3 API, faults included."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import re
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

import anyio
import httpx

from .. import jsoncodec
from ..pacing import Clock, SystemClock
from .data import LAZY_RESOURCES, RESOURCES, Dataset, iso
from .faults import Fault, Reply, choose, problem
from .request import Request
from .spec import SpecInvalid, SpecValidator
from .v2 import TEST_V2_API_KEY, TEST_V2_SECRET, TEST_V2_SIGNED_KEY, V2Api
from .world import Moved, World

__all__ = ["TEST_API_KEY", "FakeDetectify", "RecordedRequest"]

#: The key the fake server accepts unless told otherwise (a v3 key is a UUID).
TEST_API_KEY = "00000000-0000-4000-8000-000000000000"
DEFAULT_LIMIT = 100

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Item = dict[str, Any]

_LIST_PATH = re.compile(r"^/v3/(ips|technologies|ports|breaches|connectors)$")
_CONNECTOR_PATH = re.compile(r"^/v3/connectors/(?P<id>[^/]+)$")
_TIME_FILTERS = {
    "first_seen_before": ("first_seen_at", "<"),
    "first_seen_after": ("first_seen_at", ">"),
    "disappeared_before": ("disappeared_at", "<"),
    "disappeared_after": ("disappeared_at", ">"),
    "status_updated_before": ("status_updated_at", "<"),
    "status_updated_after": ("status_updated_at", ">"),
}
_LIST_PARAMETERS = {
    "cursor", "limit", "first_seen_before", "first_seen_after", "disappeared_before", "disappeared_after"
}  # fmt: skip
_QUERY_PARAMETERS = {
    "ips": _LIST_PARAMETERS,
    "technologies": _LIST_PARAMETERS,
    "ports": _LIST_PARAMETERS | {"status", "port"},
    "breaches": _LIST_PARAMETERS | {"status_updated_before", "status_updated_after"},
    "connectors": {"cursor", "limit"},
}


class ConnectionDropped(httpx.RemoteProtocolError):
    """Raised by the app to cut a connection mid-response (uvicorn closes the socket; the ASGI transport re-raises)."""


@dataclass
class RecordedRequest:
    """A request as the fake server received it, and the status it answered."""

    method: str
    path: str  #: as received, including any ``/rest`` prefix, without the query
    query: str  #: the raw query string
    params: dict[str, list[str]]
    headers: dict[str, str]  #: names lower-cased
    body: bytes
    status: int = 0
    time: float = 0.0
    dropped: bool = False  #: the connection was cut mid-answer (``drop_connection``)


class _Problem(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


class FakeDetectify:
    """The Detectify v3 API, in memory: an ASGI 3 application.

    Use it in-process (``httpx.ASGITransport(app=FakeDetectify())`` as the client's ``transport``) or on loopback
    (``with serve(FakeDetectify()) as url``). ``counts`` sets items per team and resource (see ``DEFAULT_COUNTS``);
    ``api_keys`` maps each accepted key to the teams it reaches (default: ``TEST_API_KEY`` reaching every team);
    ``validate`` checks each request against ``openapi.yaml`` and answers 400 naming what is wrong; ``drift`` serves
    items with enum values and fields newer than the spec. Append ``Fault`` objects to ``faults`` to inject faults;
    ``requests`` records what arrived, timed by ``clock`` (real time unless a ``VirtualClock`` is given). The v2
    endpoints (``/v2/...``) check ``X-Detectify-Key`` and, for keys with a secret, the signature and its time window.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        teams: Sequence[str] = ("team-a",),
        counts: Mapping[str, int] | None = None,
        api_keys: Mapping[str, Sequence[str]] | None = None,
        validate: bool = True,
        drift: bool = False,
        clock: Clock | None = None,
        v2_keys: Mapping[str, str | None] | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        if isinstance(teams, str):
            raise TypeError("teams: give a sequence of team ids, not one string")
        self.data = Dataset(seed, teams, counts or {}, drift=drift)
        self.world = World(self.data)
        self.teams = self.data.teams
        keys = {TEST_API_KEY: self.teams} if api_keys is None else {k: tuple(v) for k, v in api_keys.items()}
        for reach in keys.values():
            if not reach or set(reach) - set(self.teams):
                raise ValueError(f"api_keys: each key must reach one or more of the teams {list(self.teams)}")
        self.api_keys: dict[str, tuple[str, ...]] = keys
        self.faults: list[Fault] = []
        self.requests: list[RecordedRequest] = []
        self.clock: Clock = clock or SystemClock()
        self._validator = SpecValidator() if validate else None
        self._connectors: dict[str, tuple[int, Item]] = {
            item["id"]: (position, item) for position, item in enumerate(self.data.items("connectors"))
        }
        self._next_connector = len(self._connectors)
        self._external_ids = {
            team: f"detectify-{base64.b32encode(f'{seed}:{team}'.encode()).decode().rstrip('=').lower()}"
            for team in self.teams
        }
        self._request_ids = 0
        #: The v2 API: keys map to their secret (None: signatures not required); ``wall_clock`` is the API's time
        #: for the signature window and the ``Date`` header (make it run ahead to emulate a skewed client clock).
        self.v2 = V2Api(seed, {TEST_V2_API_KEY: None, TEST_V2_SIGNED_KEY: TEST_V2_SECRET} if v2_keys is None
                        else v2_keys, wall_clock)  # fmt: skip

    def __repr__(self) -> str:
        return f"FakeDetectify(teams={list(self.teams)}, faults={len(self.faults)}, requests={len(self.requests)})"

    def items(self, resource: str, team_id: str | None = None) -> Iterator[Item]:
        """Every item of a resource (``ips``, ``technologies``, ``ports``, ``breaches``, ``connectors``) in server
        order, of one team or all; what a complete pull must yield. Copies: changing one changes nothing served."""
        if resource not in RESOURCES:
            raise ValueError(f"resource: {resource!r} is not one of {list(RESOURCES)}")
        teams = self.teams if team_id is None else (team_id,)
        return (copy.deepcopy(item) for _, item in self._entries(resource, 0, teams))

    def move(
        self,
        at: dt.datetime | None = None,
        *,
        new: Mapping[str, int] | None = None,
        disappear: Mapping[str, int] | None = None,
        status: Mapping[str, int] | None = None,
        remove: Mapping[str, int] | None = None,
    ) -> Moved:
        """Move the API's world forward: ``new`` items (first seen ``at``), items that ``disappear`` (their
        ``disappeared_at`` set to ``at``), breaches whose ``status`` changes (``status_updated_at = at``) and items
        the API no longer lists (``remove``), each a count per resource; connectors take ``new`` and ``remove``.
        ``at`` defaults to now, in whole seconds. Returns the ids that changed (see ``detectify.testing.world``)."""
        moment = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
        new, remove = dict(new or {}), dict(remove or {})
        added_connectors, removed_connectors = new.pop("connectors", 0), remove.pop("connectors", 0)
        moved = self.world.move(moment, new=new, disappear=disappear or {}, status=status or {}, remove=remove)
        if added_connectors:
            moved.new["connectors"] = [self._add_connector(moment) for _ in range(added_connectors)]
        if removed_connectors:
            ids = sorted(self._connectors)[:removed_connectors]
            if len(ids) < removed_connectors:
                raise ValueError(f"remove: only {len(ids)} connectors exist")
            for connector_id in ids:
                del self._connectors[connector_id]
            moved.removed["connectors"] = ids
        return moved

    def _add_connector(self, at: dt.datetime) -> str:
        position = self._next_connector
        self._next_connector += 1
        connector = {**self.data.item("connectors", position), "created_at": iso(at), "updated_at": iso(at)}
        connector["id"] = f"c0ffee00-0000-4000-9000-{position:012d}"
        self._connectors[connector["id"]] = (position, connector)
        return str(connector["id"])

    # --- ASGI ------------------------------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (message := await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            raise RuntimeError(f"FakeDetectify serves HTTP only, not {scope['type']}")

        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        request = self._request(scope, body)
        record = RecordedRequest(
            method=request.method,
            path=request.prefix + request.path,
            query=scope.get("query_string", b"").decode("latin-1"),
            params={},
            headers=request.headers,
            body=body,
            time=self.clock.now(),
        )
        for name, value in request.query:
            record.params.setdefault(name, []).append(value)
        self._request_ids += 1
        request_id = f"00000000-0000-4000-8000-{self._request_ids:012d}"

        key = request.headers.get("authorization") or request.headers.get("x-detectify-key")
        delay, fault, reply = choose(self.faults, request.method, request.path, self.clock.now(), key)
        if delay and await self._client_left(delay, receive):
            record.status = 499  # the client gave up waiting (nginx's convention)
            self.requests.append(record)
            return
        if reply is None:
            reply = self._answer(request)
        reply.headers["x-amzn-requestid"] = request_id
        record.status = reply.status
        self.requests.append(record)

        headers = [(b"x-amzn-requestid", request_id.encode()), (b"content-length", str(len(reply.body)).encode())]
        headers += [(k.lower().encode(), v.encode()) for k, v in reply.headers.items() if k != "x-amzn-requestid"]
        if reply.content_type:
            headers.append((b"content-type", reply.content_type.encode()))
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        if fault is not None and fault.kind == "drop_connection":
            record.dropped = True
            await send({"type": "http.response.body", "body": reply.body[: len(reply.body) // 2], "more_body": True})
            raise ConnectionDropped("the fake server cut the connection mid-response (injected fault)")
        await send({"type": "http.response.body", "body": reply.body})

    async def _client_left(self, delay: float, receive: Receive) -> bool:
        """Wait ``delay`` seconds on the server's clock; True if the client disconnected meanwhile."""
        left = False
        async with anyio.create_task_group() as waiting:

            async def watch() -> None:
                nonlocal left
                while (await receive())["type"] != "http.disconnect":
                    pass
                left = True
                waiting.cancel_scope.cancel()

            waiting.start_soon(watch)
            await self.clock.sleep(delay)
            waiting.cancel_scope.cancel()
        return left

    def _request(self, scope: Scope, body: bytes) -> Request:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path: str = scope["path"]
        prefix = "/rest" if path == "/rest" or path.startswith("/rest/") else ""
        host = headers.get("host") or "{}:{}".format(*scope.get("server") or ("localhost", 80))
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        return Request(
            method=scope["method"].upper(),
            prefix=prefix,
            path=path[len(prefix) :],
            query=query,
            headers=headers,
            body=body,
            base=f"{scope.get('scheme', 'http')}://{host}",
        )

    # --- the API ---------------------------------------------------------------------------------------------------

    def _answer(self, request: Request) -> Reply:
        if request.path.startswith("/v2/"):
            return self.v2.answer(request)
        try:
            key = request.headers.get("authorization")
            if not key:
                raise _Problem(401, "The Authorization header is missing; send the raw API key in it.")
            if key not in self.api_keys:
                raise _Problem(401, "The API key is not valid.")
            request.teams = self.api_keys[key]
            operation, handler, arguments = self._route(request)
            self._check_query(request, operation)
            if self._validator is not None:
                try:
                    self._validator.check(
                        request.method, request.prefix + request.path, request.query, request.headers, request.body
                    )
                except SpecInvalid as exc:
                    raise _Problem(400, str(exc)) from None
            return handler(request, *arguments)
        except _Problem as exc:
            return problem(exc.status, exc.detail, request.path)

    def _route(self, request: Request) -> tuple[str, Callable[..., Reply], tuple[str, ...]]:
        method, path = request.method, request.path
        if (match := _LIST_PATH.match(path)) and method == "GET":
            return match[1], self._list, (match[1],)
        if path == "/v3/connectors" and method == "POST":
            return "create", self._create_connector, ()
        if path == "/v3/connectors/external-id" and method == "GET":
            return "external-id", self._external_id, ()
        if (match := _CONNECTOR_PATH.match(path)) and method in ("GET", "DELETE"):
            handler = self._get_connector if method == "GET" else self._delete_connector
            return "connector", handler, (match["id"],)
        if _LIST_PATH.match(path) or _CONNECTOR_PATH.match(path):
            raise _Problem(405, f"{method} is not allowed on {path}")
        raise _Problem(404, f"No operation at {path}")

    @staticmethod
    def _check_query(request: Request, operation: str) -> None:
        """Unknown and repeated query parameters are refused: lists travel comma-separated, once."""
        allowed = _QUERY_PARAMETERS.get(operation, {"team_id"} if operation == "external-id" else set())
        for name, value in request.query:
            if name not in allowed:
                raise _Problem(400, f"Unknown query parameter: {name}")
            if name in request.params:
                raise _Problem(400, f"Query parameter {name} given more than once; send lists comma-separated")
            request.params[name] = value

    def _team(self, request: Request, team_id: object) -> str:
        """The team a create or external-ID request is for: required for a multi-team key."""
        if team_id is None or team_id == "":
            if len(request.teams) > 1:
                raise _Problem(400, "team_id is required for multi-team API keys")
            return request.teams[0]
        if not isinstance(team_id, str):
            raise _Problem(400, "Invalid team_id: must be a string")
        if team_id not in request.teams:
            raise _Problem(403, f"The API key has no access to team {team_id}")
        return team_id

    # list operations

    def _list(self, request: Request, resource: str) -> Reply:
        params = request.params
        limit = _integer(params.get("limit", str(DEFAULT_LIMIT)), "limit", 1, 1000)
        position = _decode_cursor(params["cursor"], resource) if "cursor" in params else 0
        bounds = [(field, op, _timestamp(params[name], name)) for name, (field, op) in _TIME_FILTERS.items()
                  if name in params]  # fmt: skip
        statuses = set(params["status"].split(",")) if "status" in params else None
        ports = {_integer(p, "port", 0, 65535) for p in params["port"].split(",")} if "port" in params else None

        def selected(item: Item) -> bool:
            for field_name, op, bound in bounds:
                value = item.get(field_name)
                if value is None:
                    return False
                moment = dt.datetime.fromisoformat(value)
                if (moment >= bound) if op == "<" else (moment <= bound):
                    return False
            if statuses is not None and item.get("status") not in statuses:
                return False
            return ports is None or item.get("port") in ports

        lower: dict[str, dt.datetime] = {name: _timestamp(params[name], name) for name in
                 ("first_seen_after", "first_seen_before", "disappeared_after", "status_updated_after")
                 if name in params}  # fmt: skip
        items: list[Item] = []
        next_position: int | None = None
        for at, item in self._entries(resource, position, request.teams, lower):
            if not selected(item):
                continue
            if len(items) == limit:
                next_position = at
                break
            items.append(item)
        pagination: dict[str, str] = {}
        if next_position is not None:
            cursor = base64.urlsafe_b64encode(f"{resource}:{next_position}".encode()).decode().rstrip("=")
            query = urlencode([(k, v) for k, v in request.query if k != "cursor"] + [("cursor", cursor)])
            pagination["next"] = f"{request.base}{request.prefix}{request.path}?{query}"
        return _json(200, {"items": items, "pagination": pagination})

    def _entries(
        self, resource: str, start: int, teams: Sequence[str], bounds: Mapping[str, dt.datetime] | None = None
    ) -> Iterator[tuple[int, Item]]:
        """(position, item) of the teams' listed items from ``start`` on, in server order (not every item has a
        team_id); ``bounds`` (lower time filters, and ``first_seen_before``) let it skip items without generating
        them."""
        if resource in LAZY_RESOURCES:
            every_team = len(teams) == len(self.teams)
            for position in self.world.positions(resource, start, **(bounds or {})):
                if every_team or self.data.team_of(position) in teams:
                    item = self.world.item(resource, position)
                    if item is not None:
                        yield position, item
        else:
            for position, item in sorted(self._connectors.values(), key=lambda e: e[0]):
                if position >= start and item["team_id"] in teams:
                    yield position, item

    # connectors

    def _create_connector(self, request: Request) -> Reply:
        try:
            body = json.loads(request.body)
        except ValueError as exc:
            raise _Problem(400, f"The request body is not valid JSON: {exc}") from None
        if not isinstance(body, dict):
            raise _Problem(400, "The request body must be a JSON object")
        for name in ("name", "provider", "options"):
            if name not in body:
                raise _Problem(400, f"Missing required field: {name}")
        if not isinstance(body["name"], str) or not body["name"]:
            raise _Problem(400, "Invalid name: must be a non-empty string")
        if not isinstance(body["options"], dict):
            raise _Problem(400, "Invalid options: must be an object")
        team = self._team(request, body.get("team_id"))
        position = self._next_connector
        self._next_connector += 1
        now = iso(dt.datetime.now(dt.UTC))
        connector = {
            "id": f"c0ffee00-0000-4000-8000-{position:012d}",
            "name": body["name"],
            "team_id": team,
            "last_run": None,
            "provider": body["provider"],
            "created_at": now,
            "updated_at": now,
        }
        self._connectors[connector["id"]] = (position, connector)
        return _json(201, connector)

    def _connector(self, request: Request, connector_id: str) -> Item:
        entry = self._connectors.get(connector_id)
        if entry is None or entry[1]["team_id"] not in request.teams:
            raise _Problem(404, f"No connector with id {connector_id}")
        return entry[1]

    def _get_connector(self, request: Request, connector_id: str) -> Reply:
        return _json(200, self._connector(request, connector_id))

    def _delete_connector(self, request: Request, connector_id: str) -> Reply:
        del self._connectors[self._connector(request, connector_id)["id"]]
        return Reply(204, b"", None)

    def _external_id(self, request: Request) -> Reply:
        team = self._team(request, request.params.get("team_id"))
        return _json(200, {"external_id": self._external_ids[team], "team_id": team})


def _json(status: int, payload: object) -> Reply:
    return Reply(status, jsoncodec.encode(payload))


def _integer(text: str, name: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise _Problem(400, f"Invalid query parameter {name}: {text!r} is not an integer") from None
    if not low <= value <= high:
        raise _Problem(400, f"Invalid query parameter {name}: {value} is not within {low}..{high}")
    return value


def _timestamp(text: str, name: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Problem(400, f"Invalid query parameter {name}: {text!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        raise _Problem(400, f"Invalid query parameter {name}: {text!r} has no timezone offset")
    return moment


def _decode_cursor(cursor: str, resource: str) -> int:
    try:
        name, _, position = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().partition(":")
        if name == resource and position.isdigit():
            return int(position)
    except ValueError:  # binascii.Error, UnicodeDecodeError, and non-ASCII text
        pass
    raise _Problem(400, f"Invalid query parameter cursor: {cursor!r} is not a cursor of this list")

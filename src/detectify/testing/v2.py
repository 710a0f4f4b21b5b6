"""The v2 part of the fake server: key and signature checks (with the API's time window) and the v2 endpoints.

Besides the asset, profile, scan, report, vulnerability and member endpoints: Surface Monitoring settings of root
assets (``settings``), the older ``POST /v2/domains/``, and zone file uploads (``zone_files`` keeps the bytes received;
the zone's ``$ORIGIN`` becomes an asset and its names subdomains)."""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hmac
import json
import random
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .. import jsoncodec
from ..signing import ACCEPTED_FUTURE, ACCEPTED_PAST, sign
from .faults import Reply

if TYPE_CHECKING:
    from .request import Request

__all__ = ["TEST_V2_API_KEY", "TEST_V2_SECRET", "TEST_V2_SIGNED_KEY", "V2Api"]

#: A v2 key that needs no signature, and one that requires signatures with TEST_V2_SECRET.
TEST_V2_API_KEY = "0123456789abcdef0123456789abcdef"
TEST_V2_SIGNED_KEY = "fedcba9876543210fedcba9876543210"
TEST_V2_SECRET = base64.b64encode(b"detectify-sdk fake server secret").decode()

Item = dict[str, Any]
SEVERITIES = ("information", "low", "medium", "high", "critical")
EPOCH = dt.datetime(2022, 3, 1, 9, 0, tzinfo=dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _V2Problem(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class V2Api:
    """State and behaviour of the fake v2 API."""

    def __init__(self, seed: int, keys: Mapping[str, str | None], wall_clock: Callable[[], float]) -> None:
        self.keys = dict(keys)
        self.wall_clock = wall_clock
        self.full_reports = False  #: whether the plan includes full reports (else 403 with code 1009)
        rng = random.Random(f"v2/{seed}")  # noqa: S311 - test data
        self.assets: dict[str, Item] = {}
        self.subdomains: dict[str, list[Item]] = {}
        for number in range(5):
            asset = self._asset(rng, f"site{number}.example.com", verified=number != 4)
            self.assets[asset["token"]] = asset
            self.subdomains[asset["token"]] = [
                self._asset(rng, f"{host}.site{number}.example.com", verified=True) for host in ("www", "api", "app")
            ]
        self.profiles: dict[str, Item] = {}
        for asset in self.assets.values():
            self._new_profile(rng, asset, asset["name"], asset["name"])
        self.running: dict[str, Item] = {}
        self.schedules: dict[str, Item] = {}
        tokens = list(self.assets)
        self.vulnerabilities = [
            {
                "uuid": f"{rng.getrandbits(128):032x}",
                "title": rng.choice(["Cross-site scripting", "Open redirect", "Outdated TLS", "SQL injection"]),
                "severity": SEVERITIES[index % 5],
                "status": rng.choice(["active", "fixed", "accepted_risk"]),
                "scan_source": rng.choice(["application", "surface"]),
                "asset_token": tokens[index % len(tokens)],
                "host": self.assets[tokens[index % len(tokens)]]["name"],
                "url": f"https://{self.assets[tokens[index % len(tokens)]]['name']}/path/{index}",
                "cvss": round(rng.uniform(0, 10), 1),
                "created_at": _iso(EPOCH + dt.timedelta(hours=7 * index)),
                "updated_at": _iso(EPOCH + dt.timedelta(hours=7 * index + 3)),
            }
            for index in range(45)
        ]
        self.members = [
            {"user_token": f"{rng.getrandbits(64):016x}", "first_name": first, "last_name": "Tester",
             "email": f"{first.lower()}@example.com", "authentication": "password", "role": role,
             "created": _iso(EPOCH), "last_login": None}
            for first, role in (("Ada", "admin"), ("Linus", "member"), ("Grace", "member"))
        ]  # fmt: skip
        self._rng = rng
        #: Surface Monitoring settings by root asset token (an asset without an entry has the defaults).
        self.settings: dict[str, Item] = {}
        #: The zone files uploaded, as received.
        self.zone_files: list[bytes] = []

    @staticmethod
    def _asset(rng: random.Random, name: str, *, verified: bool) -> Item:
        return {
            "token": f"{rng.getrandbits(128):032x}",
            "name": name,
            "status": "verified" if verified else "unverified",
            "monitored": verified,
            "added_by": "ada@example.com",
            "discovered": _iso(EPOCH),
            "created": _iso(EPOCH),
            "updated": _iso(EPOCH),
            "last_seen": _iso(EPOCH + dt.timedelta(days=30)),
        }

    def _new_profile(self, rng: random.Random, asset: Item, endpoint: str, name: str) -> Item:
        profile = {
            "token": f"{rng.getrandbits(128):032x}",
            "name": name,
            "endpoint": endpoint,
            "status": "active",
            "created": _iso(EPOCH),
            "latest_scan": None,
            "_asset": asset["token"],
        }
        self.profiles[profile["token"]] = profile
        return profile

    # --- the request ---------------------------------------------------------------------------------------------

    def answer(self, request: Request) -> Reply:
        try:
            self._authenticate(request)
            reply = self._route(request)
        except _V2Problem as problem:
            body = {"error": {"code": problem.code, "message": problem.message,
                              "more_info": f"https://developer.detectify.com/errors/{problem.code}"}}  # fmt: skip
            reply = Reply(problem.status, json.dumps(body).encode())
        reply.headers["Date"] = email.utils.formatdate(self.wall_clock(), usegmt=True)
        return reply

    def _authenticate(self, request: Request) -> None:
        key = request.headers.get("x-detectify-key")
        if not key or key not in self.keys:
            raise _V2Problem(401, 1001, "Invalid or missing API key (X-Detectify-Key)")
        secret = self.keys[key]
        if secret is None:
            return
        timestamp, signature = (
            request.headers.get("x-detectify-timestamp"),
            request.headers.get("x-detectify-signature"),
        )
        if not timestamp or not signature or not timestamp.isdigit():
            raise _V2Problem(401, 1005, "This key requires signed requests (X-Detectify-Signature, -Timestamp)")
        now = self.wall_clock()
        if not now - ACCEPTED_PAST <= int(timestamp) <= now + ACCEPTED_FUTURE:
            raise _V2Problem(401, 1006, "Request timestamp is outside the accepted window")
        expected = sign(request.method, request.path, key, int(timestamp), request.body, base64.b64decode(secret))
        if not hmac.compare_digest(expected, signature):
            raise _V2Problem(401, 1007, "Invalid signature")

    def _route(self, request: Request) -> Reply:
        method, path = request.method, request.path
        for pattern, verb, handler in (
            (r"/v2/assets/", "GET", self._list_assets),
            (r"/v2/assets/", "POST", self._create_asset),
            (r"/v2/assets/(\w+)/", "DELETE", self._delete_asset),
            (r"/v2/assets/(\w+)/subdomains/", "GET", self._subdomains),
            (r"/v2/profiles/", "GET", self._profiles),
            (r"/v2/profiles/", "POST", self._create_profile),
            (r"/v2/profiles/(\w+)/", "GET", self._asset_profiles),
            (r"/v2/profiles/(\w+)/", "DELETE", self._delete_profile),
            (r"/v2/scans/(\w+)/", "POST", self._start_scan),
            (r"/v2/scans/(\w+)/", "GET", self._scan_status),
            (r"/v2/scans/(\w+)/", "DELETE", self._stop_scan),
            (r"/v2/scanschedules/(\w+)/", "POST", self._set_schedule),
            (r"/v2/scanschedules/(\w+)/", "DELETE", self._delete_schedule),
            (r"/v2/reports/(\w+)/latest/", "GET", self._report),
            (r"/v2/fullreports/(\w+)/latest/", "GET", self._full_report),
            (r"/v2/vulnerabilities/", "GET", self._vulnerabilities),
            (r"/v2/vulnerabilities/uuid/(\w+)/", "GET", self._vulnerability),
            (r"/v2/members/", "GET", self._members),
            (r"/v2/domains/", "POST", self._create_asset),
            (r"/v2/domains/(\w+)/settings/", "GET", self._get_settings),
            (r"/v2/domains/(\w+)/settings/", "PUT", self._put_settings),
            (r"/v2/zone/file/", "POST", self._upload_zone),
        ):
            match = re.fullmatch(pattern, path)
            if match and verb == method:
                reply: Reply = handler(request, *match.groups())
                return reply
        raise _V2Problem(404, 1000, f"No v2 operation {method} {path}")

    # --- helpers -------------------------------------------------------------------------------------------------

    @staticmethod
    def _json(payload: object, status: int = 200) -> Reply:
        return Reply(status, jsoncodec.encode(payload))

    @staticmethod
    def _body(request: Request) -> dict[str, Any]:
        try:
            body = json.loads(request.body or b"null")
        except ValueError:
            raise _V2Problem(400, 1002, "The body is not JSON") from None
        if not isinstance(body, dict):
            raise _V2Problem(400, 1002, "The body must be a JSON object")
        return body

    @staticmethod
    def _page(request: Request, field: str, items: list[Item]) -> Reply:
        params = dict(request.query)
        try:
            start = int(params.get("marker") or 0)
            size = int(params.get("pageSize") or 100)
        except ValueError:
            raise _V2Problem(400, 1002, "marker and pageSize must be numbers") from None
        if not 1 <= size <= 100:
            raise _V2Problem(400, 1002, "pageSize must be 1..100")
        chunk = items[start : start + size]
        more = start + size < len(items)
        page: dict[str, Any] = {field: chunk, "has_more": more, "current_marker": str(start)}
        if more:
            page["next_marker"] = str(start + size)
        return V2Api._json(page)

    def _profile(self, token: str) -> Item:
        if token not in self.profiles:
            raise _V2Problem(404, 1004, f"No scan profile {token}")
        return self.profiles[token]

    @staticmethod
    def _public(profile: Item) -> Item:
        return {k: v for k, v in profile.items() if not k.startswith("_")}

    # --- endpoints -----------------------------------------------------------------------------------------------

    def _list_assets(self, request: Request) -> Reply:
        items = list(self.assets.values())
        if dict(request.query).get("include_subdomains") == "true":
            items += [sub for token in self.assets for sub in self.subdomains[token]]
        return self._page(request, "assets", items)

    def _create_asset(self, request: Request) -> Reply:
        name = self._body(request).get("name")
        if not isinstance(name, str) or not name:
            raise _V2Problem(400, 1002, "name is required")
        if any(asset["name"] == name for asset in self.assets.values()):
            raise _V2Problem(409, 1008, f"{name} is already an asset")
        asset = self._asset(self._rng, name, verified=False)
        self.assets[asset["token"]] = asset
        self.subdomains[asset["token"]] = []
        return self._json(asset)

    def _delete_asset(self, request: Request, token: str) -> Reply:
        if self.assets.pop(token, None) is not None:
            self.settings.pop(token, None)
            return Reply(204, b"", None)
        for subdomains in self.subdomains.values():  # a subdomain's token, as include_subdomains=true lists it
            for index, sub in enumerate(subdomains):
                if sub["token"] == token:
                    del subdomains[index]
                    return Reply(204, b"", None)
        raise _V2Problem(404, 1004, f"No asset {token}")

    def _subdomains(self, request: Request, token: str) -> Reply:
        if token not in self.assets:
            raise _V2Problem(404, 1004, f"No asset {token}")
        return self._page(request, "assets", self.subdomains[token])

    def _profiles(self, request: Request) -> Reply:
        return self._json([self._public(p) for p in self.profiles.values()])

    def _asset_profiles(self, request: Request, token: str) -> Reply:
        if token not in self.assets:
            raise _V2Problem(404, 1004, f"No asset {token}")
        return self._json([self._public(p) for p in self.profiles.values() if p["_asset"] == token])

    def _create_profile(self, request: Request) -> Reply:
        body = self._body(request)
        endpoint = body.get("endpoint")
        if not isinstance(endpoint, str) or not endpoint:
            raise _V2Problem(400, 1002, "endpoint is required")
        token = body.get("asset_token")
        asset: Item | None
        if token is not None:
            if not isinstance(token, str) or token not in self.assets:
                raise _V2Problem(400, 1002, f"asset_token {token!r} is not an asset of the team")
            asset = self.assets[token]
            if endpoint != asset["name"] and not endpoint.endswith("." + asset["name"]):
                raise _V2Problem(400, 1002, f"endpoint {endpoint!r} is not on the asset {asset['name']}")
        else:
            asset = next((a for a in self.assets.values() if endpoint.endswith(a["name"])), None)
        if asset is None:
            raise _V2Problem(400, 1002, f"endpoint {endpoint!r} is not on any asset of the team")
        profile = self._new_profile(self._rng, asset, endpoint, str(body.get("name") or endpoint))
        return self._json(self._public(profile))

    def _delete_profile(self, request: Request, token: str) -> Reply:
        self._profile(token)
        del self.profiles[token]
        return Reply(204, b"", None)

    def _start_scan(self, request: Request, token: str) -> Reply:
        profile = self._profile(token)
        if self.assets.get(profile["_asset"], {}).get("status") != "verified":
            raise _V2Problem(423, 1010, "The domain is not verified")
        if token in self.running:
            raise _V2Problem(409, 1003, "A scan is already running for this profile")
        self.running[token] = {"scan_profile_token": token, "created": _iso(EPOCH), "phase": "crawling",
                               "state": "running"}  # fmt: skip
        return Reply(202, b"", None)

    def _scan_status(self, request: Request, token: str) -> Reply:
        self._profile(token)
        if token not in self.running:
            raise _V2Problem(404, 1004, "No scan is running for this profile")
        return self._json(self.running[token])

    def _stop_scan(self, request: Request, token: str) -> Reply:
        self._profile(token)
        if self.running.pop(token, None) is None:
            raise _V2Problem(404, 1004, "No scan is running for this profile")
        return Reply(202, b"", None)

    def _set_schedule(self, request: Request, token: str) -> Reply:
        self._profile(token)
        frequency = self._body(request).get("frequency")
        if frequency not in ("once", "daily", "weekly", "biweekly", "monthly"):
            raise _V2Problem(400, 1002, f"frequency {frequency!r} is not valid")
        self.schedules[token] = {"frequency": frequency, "start": None}
        return self._json(self.schedules[token])

    def _delete_schedule(self, request: Request, token: str) -> Reply:
        self._profile(token)
        if self.schedules.pop(token, None) is None:
            raise _V2Problem(404, 1004, "No schedule for this profile")
        return Reply(204, b"", None)

    def _report_of(self, token: str) -> Item:
        profile = self._profile(token)
        return {"token": f"r{token[:15]}", "scan_profile_token": token, "scan_profile_name": profile["name"],
                "started": _iso(EPOCH), "stopped": _iso(EPOCH + dt.timedelta(hours=2)), "cvss": 7.5,
                "url": f"https://detectify.com/dashboard/report/{token}"}  # fmt: skip

    def _report(self, request: Request, token: str) -> Reply:
        return self._json(self._report_of(token))

    def _full_report(self, request: Request, token: str) -> Reply:
        report = self._report_of(token)
        if not self.full_reports:
            raise _V2Problem(403, 1009, "Full reports are not available on your plan")
        asset = self.profiles[token]["_asset"]
        return self._json({**report, "findings": [v for v in self.vulnerabilities if v["asset_token"] == asset]})

    def _vulnerabilities(self, request: Request) -> Reply:
        lists: dict[str, list[str]] = {}
        singles: dict[str, str] = {}
        for name, value in request.query:
            if name.endswith("[]"):
                lists.setdefault(name[:-2], []).append(value)
            else:
                singles[name] = value
        items = [v for v in self.vulnerabilities if all(v.get(field) in values for field, values in lists.items())]
        bounds = [("created_after", "created_at", True), ("created_before", "created_at", False),
                  ("updated_after", "updated_at", True), ("updated_before", "updated_at", False)]  # fmt: skip
        for name, field, after in bounds:
            if name in singles:
                try:
                    bound = dt.datetime.fromisoformat(singles[name])
                except ValueError:
                    raise _V2Problem(400, 1002, f"{name} is not a date-time") from None
                items = [v for v in items if (dt.datetime.fromisoformat(v[field]) > bound) == after
                         and dt.datetime.fromisoformat(v[field]) != bound]  # fmt: skip
        reply = self._page(request, "vulnerabilities", items)
        page = json.loads(reply.body)
        page["total_vulnerabilities"] = len(items)
        return self._json(page)

    def _vulnerability(self, request: Request, uuid: str) -> Reply:
        found = next((v for v in self.vulnerabilities if v["uuid"] == uuid), None)
        if found is None:
            raise _V2Problem(404, 1004, f"No vulnerability {uuid}")
        return self._json(found)

    def _members(self, request: Request) -> Reply:
        return self._json(self.members)

    # --- Surface Monitoring settings, zone files (issue 18) -----------------------------------------------------

    def _settings_of(self, token: str) -> Item:
        if token not in self.assets:
            raise _V2Problem(404, 1004, f"No asset {token} (settings belong to root assets)")
        if token not in self.settings:
            self.settings[token] = dict(DEFAULT_SETTINGS, monitoring=self.assets[token]["monitored"], custom_headers={})
        return self.settings[token]

    def _get_settings(self, request: Request, token: str) -> Reply:
        return self._json(self._settings_of(token))

    def _put_settings(self, request: Request, token: str) -> Reply:
        current = self._settings_of(token)
        changes = self._body(request)
        for name, value in changes.items():
            if name not in DEFAULT_SETTINGS:
                raise _V2Problem(400, 1002, f"Unknown setting {name!r}")
            if name == "requests_per_second":
                valid = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            elif name == "custom_headers":
                valid = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
            else:
                valid = isinstance(value, bool)
            if not valid:
                raise _V2Problem(400, 1002, f"Setting {name!r} has an invalid value {value!r}")
        current.update(changes)
        return self._json(current)

    def _upload_zone(self, request: Request) -> Reply:
        try:
            text = request.body.decode()
        except UnicodeDecodeError:
            raise _V2Problem(400, 1002, "The zone file is not UTF-8 text") from None
        origin: str | None = None
        names: list[str] = []
        for raw in text.splitlines():
            line = raw.split(";", 1)[0]  # a comment runs to the end of the line
            fields = line.split()
            if not fields:
                continue
            if fields[0].upper() == "$ORIGIN" and len(fields) > 1 and origin is None:
                origin = fields[1].rstrip(".").lower()
            elif not line[0].isspace() and not fields[0].startswith("$") and fields[0] != "@":
                names.append(fields[0].lower())
        if origin is None or not _DOMAIN.fullmatch(origin):
            raise _V2Problem(400, 1002, "The zone file has no valid $ORIGIN")
        root = next((a for a in self.assets.values() if a["name"] == origin), None)
        if root is None:
            root = self._asset(self._rng, origin, verified=False)
            self.assets[root["token"]] = root
            self.subdomains[root["token"]] = []
        known = {sub["name"] for sub in self.subdomains[root["token"]]}
        for name in names:
            host = name.rstrip(".") if name.endswith(".") else f"{name}.{origin}"
            if host.endswith("." + origin) and _DOMAIN.fullmatch(host) and host not in known:
                known.add(host)
                self.subdomains[root["token"]].append(self._asset(self._rng, host, verified=False))
        self.zone_files.append(request.body)
        return Reply(202, b"", None)


#: The settings a root asset starts with (``monitoring`` follows the asset's ``monitored``).
DEFAULT_SETTINGS: Item = {
    "brute_force": True,
    "custom_headers": {},
    "enable_active_tls_assessments": False,
    "enable_certificate_assessments": True,
    "enable_passive_tls_assessments": True,
    "enable_tls_discovery": True,
    "fingerprinting": True,
    "include_discovered_ports_in_surface_monitoring": False,
    "monitoring": True,
    "requests_per_second": 0,
    "scrape": True,
    "ssl_audit": True,
    "stateless_tests": True,
    "subdomain_takeover_tests": True,
}
_DOMAIN = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)+")

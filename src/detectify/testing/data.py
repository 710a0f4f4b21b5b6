"""The fake server's data set: deterministic, seeded, and built item by item on demand.

Item ``n`` of a resource is a pure function of ``(seed, resource, n)``, so a data set of millions of items costs no
memory until it is read, and two servers with the same seed serve identical data. Items of several teams are
interleaved (item ``n`` belongs to ``teams[n % len(teams)]``), as a multi-team key sees them. ``first_seen_at`` never
decreases along the order and comes in groups of three sharing a timestamp, so exclusive bounds and cursors are
exercised for real. About a quarter of the items have disappeared.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

__all__ = [
    "BREACH_STATUSES",
    "DEFAULT_COUNTS",
    "LATEST_DISAPPEARANCE",
    "LATEST_STATUS_UPDATE",
    "LAZY_RESOURCES",
    "RESOURCES",
    "Dataset",
    "iso",
]

Item = dict[str, Any]

LAZY_RESOURCES = ("ips", "technologies", "ports", "breaches")
RESOURCES = (*LAZY_RESOURCES, "connectors")
#: Items per team, unless the caller says otherwise.
DEFAULT_COUNTS: Mapping[str, int] = {"ips": 120, "technologies": 90, "ports": 250, "breaches": 40, "connectors": 3}

EPOCH = dt.datetime(2021, 1, 4, 8, 0, tzinfo=dt.UTC)
STEP = dt.timedelta(minutes=7)
_SALT = {name: number for number, name in enumerate(RESOURCES, start=1)}

_AS = [("AMAZON-02", "amazon.com", 16509), ("CLOUDFLARENET", "cloudflare.com", 13335), ("GOOGLE", "google.com", 15169),
       ("EDGECAST", "edgecast.com", 15133), ("HETZNER-AS", "hetzner.com", 24940)]  # fmt: skip
_GEO = [("EU", "Europe", "SE", "Sweden"), ("EU", "Europe", "DE", "Germany"), ("NA", "North America", "US",
        "United States"), ("AS", "Asia", "JP", "Japan")]  # fmt: skip
_TECH = [("nginx", ["Web servers", "Reverse proxies"]), ("Apache HTTP Server", ["Web servers"]),
         ("WordPress", ["CMS", "Blogs"]), ("jQuery", ["JavaScript libraries"]), ("PHP", ["Programming languages"]),
         ("Cloudflare", ["CDN"]), ("React", ["JavaScript frameworks"]), ("OpenSSL", ["Security"])]  # fmt: skip
_PORTS = [443, 443, 80, 80, 22, 8080, 8443, 25, 53, 3306, 5432, 3389]
_POLICIES = ["Open database port", "Outdated TLS", "Exposed admin panel", "Unexpected technology",
             "Expired certificate"]  # fmt: skip
_SEVERITIES = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"]
BREACH_STATUSES = ("NEW", "ACKNOWLEDGED", "ACCEPTED_RISK", "FALSE_POSITIVE", "RESOLVED")
#: A seeded item disappears, and a seeded breach's status is updated, at most this long after it is first seen (so a
#: filter on those timestamps can skip the items first seen earlier: see ``World.positions``).
_DISAPPEARS_WITHIN_DAYS, _STATUS_UPDATED_WITHIN_HOURS = 400, 2000
LATEST_DISAPPEARANCE = dt.timedelta(days=_DISAPPEARS_WITHIN_DAYS + 1)
LATEST_STATUS_UPDATE = dt.timedelta(hours=_STATUS_UPDATED_WITHIN_HOURS)
_PROVIDERS = ["AWS_ROLE_BASED", "AWS_CRED_BASED", "DIGITAL_OCEAN", "GCP", "CLOUDFLARE", "ALIBABA", "AZURE", "GODADDY",
              "NS1"]  # fmt: skip
_HOSTS = ["www", "api", "app", "mail", "vpn", "cdn", "shop", "dev", "staging", "login"]

#: What a newer API might send (``drift=True``): values no enum knows yet, and fields no model has.
_DRIFTED_ENUMS = {"ips": ("ip_version", "IPv8"), "ports": ("status", "FILTERED"), "breaches": ("severity", "URGENT"),
                  "technologies": ("service_protocol", "quic"), "connectors": ("provider", "ORACLE_CLOUD")}  # fmt: skip


def iso(moment: dt.datetime) -> str:
    """A timestamp as the API writes it: UTC with a ``Z`` suffix."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Dataset:
    """The items each team holds, computed on demand."""

    def __init__(self, seed: int, teams: Sequence[str], counts: Mapping[str, int], *, drift: bool = False) -> None:
        unknown = set(counts) - set(RESOURCES)
        if unknown:
            raise ValueError(f"counts: unknown resource(s) {sorted(unknown)}; expected some of {list(RESOURCES)}")
        if any(not isinstance(n, int) or n < 0 for n in counts.values()):
            raise ValueError("counts: every count must be an integer >= 0")
        if not teams or len(set(teams)) != len(teams) or not all(isinstance(t, str) and t for t in teams):
            raise ValueError("teams: give one or more distinct, non-empty team ids")
        self.seed = seed
        self.teams = tuple(teams)
        self.drift = drift
        self.per_team = {**DEFAULT_COUNTS, **counts}

    def size(self, resource: str) -> int:
        """How many items the resource holds across all teams (positions ``0 .. size - 1``)."""
        return self.per_team[resource] * len(self.teams)

    def team_of(self, position: int) -> str:
        return self.teams[position % len(self.teams)]

    def first_seen_positions(self, resource: str, after: dt.datetime | None, before: dt.datetime | None) -> range:
        """The positions whose ``first_seen_at`` lies strictly between the bounds (it grows with the position), so a
        filtered list need not generate the items outside them."""
        low, high = 0, self.size(resource)
        if after is not None:
            low = max(low, 3 * (math.floor((after - EPOCH) / STEP) + 1))
        if before is not None:
            high = min(high, max(0, 3 * math.ceil((before - EPOCH) / STEP)))
        return range(low, max(low, high))

    def items(self, resource: str) -> Iterator[Item]:
        for position in range(self.size(resource)):
            yield self.item(resource, position)

    def item(self, resource: str, position: int) -> Item:
        """Item ``position`` of ``resource``, always the same for the same seed."""
        rng = random.Random(self.seed * 1_000_003 + _SALT[resource] * 7_919_000_000_007 + position)
        team = self.team_of(position)
        first_seen = EPOCH + STEP * (position // 3)
        disappeared = first_seen + dt.timedelta(
            days=rng.randint(1, _DISAPPEARS_WITHIN_DAYS), minutes=rng.randrange(1440)
        )
        gone = rng.random() < 0.25
        asset = rng.randrange(max(3, self.per_team[resource] // 8))
        common: Item = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "team_id": team,
            "asset_id": f"{random.Random(f'{self.seed}/{team}/{asset}').getrandbits(128):032x}",
            "first_seen_at": iso(first_seen),
            "disappeared_at": iso(disappeared) if gone else None,
        }
        domain = f"{_HOSTS[asset % len(_HOSTS)]}{asset // len(_HOSTS) or ''}.{team}.example.com"
        item: Item = getattr(self, f"_{resource}")(rng, common, domain, not gone)
        if self.drift and position % 4 == 1:
            field, value = _DRIFTED_ENUMS[resource]
            item[field] = value
            item["risk_score"] = rng.randint(0, 100)
            item["labels"] = {"source": "drift", "new_in": "v3.1"}
        return item

    @staticmethod
    def _ip_address(rng: random.Random) -> str:
        if rng.random() < 0.12:
            return f"2001:db8:{rng.randrange(65536):x}::{rng.randrange(65536):x}"
        first = rng.choice((203, 198, 185, 104, 151))
        return f"{first}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"

    def _ips(self, rng: random.Random, common: Item, domain: str, active: bool) -> Item:
        address = self._ip_address(rng)
        autonomous = rng.choice(_AS)
        geo = rng.choice(_GEO)
        enriched = rng.random() < 0.9
        return {
            "id": common["id"],
            "ip_address": address,
            "active": active,
            "enriched": enriched,
            "domain_name": domain,
            "asset_id": common["asset_id"],
            "team_id": common["team_id"],
            "ip_version": "IPv6" if ":" in address else "IPv4",
            "first_seen_at": common["first_seen_at"],
            "disappeared_at": common["disappeared_at"],
            "autonomous_system": dict(zip(("name", "domain", "number"), autonomous, strict=True)) if enriched else None,
            "geolocation": dict(zip(("continent", "continent_name", "country", "country_name"), geo, strict=True))
            if enriched
            else None,
        }

    def _technologies(self, rng: random.Random, common: Item, domain: str, active: bool) -> Item:
        name, categories = rng.choice(_TECH)
        secure = rng.random() < 0.8
        return {
            "id": common["id"],
            "asset_id": common["asset_id"],
            "team_id": common["team_id"],
            "domain_name": domain,
            "service_protocol": "https" if secure else "http",
            "port": 443 if secure else 80,
            "name": name,
            "version": f"{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}" if rng.random() < 0.7 else None,
            "categories": list(categories),
            "active": active,
            "first_seen_at": common["first_seen_at"],
            "disappeared_at": common["disappeared_at"],
        }

    def _ports(self, rng: random.Random, common: Item, domain: str, active: bool) -> Item:
        return {
            "id": common["id"],
            "team_id": common["team_id"],
            "asset_id": common["asset_id"],
            "domain_name": domain,
            "ip_address": self._ip_address(rng),
            "port": rng.choice(_PORTS),
            "status": "OPEN" if rng.random() < 0.7 else "CLOSED",
            "first_seen_at": common["first_seen_at"],
            "disappeared_at": common["disappeared_at"],
        }

    def _breaches(self, rng: random.Random, common: Item, domain: str, active: bool) -> Item:
        policy = rng.randrange(len(_POLICIES))
        first_seen = dt.datetime.fromisoformat(common["first_seen_at"])
        return {
            "id": common["id"],
            "policy_id": str(uuid.UUID(int=random.Random(f"policy/{self.seed}/{policy}").getrandbits(128), version=4)),
            "policy_name": _POLICIES[policy],
            "asset_id": common["asset_id"],
            "asset_name": domain,
            "severity": rng.choice(_SEVERITIES),
            "active": active,
            "status": rng.choice(BREACH_STATUSES),
            "status_updated_at": iso(first_seen + dt.timedelta(hours=rng.randint(0, _STATUS_UPDATED_WITHIN_HOURS))),
            "first_seen_at": common["first_seen_at"],
            "disappeared_at": common["disappeared_at"],
        }

    def _connectors(self, rng: random.Random, common: Item, domain: str, active: bool) -> Item:
        provider = rng.choice(_PROVIDERS)
        created = dt.datetime.fromisoformat(common["first_seen_at"])
        failed = rng.random() < 0.2
        return {
            "id": common["id"],
            "name": f"{provider.lower().replace('_', '-')}-{domain.split('.')[0]}",
            "team_id": common["team_id"],
            "last_run": {
                "status": "FAILED" if failed else "SUCCESS",
                "error": "Invalid credentials: Make sure the access keys are active" if failed else None,
                "completed_at": iso(created + dt.timedelta(hours=rng.randint(1, 48))),
            },
            "provider": provider,
            "created_at": iso(created),
            "updated_at": iso(created + dt.timedelta(days=rng.randint(0, 30))),
        }

"""The fake API's world moving forward: new items, disappearances, breach status changes and items the API stops
listing, laid over the seeded data set between (or during) runs of the code under test.

```python
app = FakeDetectify(counts={"ips": 1000})
moved = app.move(new={"ips": 5}, disappear={"ips": 3}, status={"breaches": 2}, remove={"ports": 1})
moved.new["ips"]            # the ids of the five new IPs
```

Every change happens at one moment (``at=``, default: now, whole seconds as the API writes them), so tests can put
changes exactly on the boundary of an exclusive filter. New items get ``first_seen_at = at`` and come after every
seeded item in server order (``at`` may not go back in time for new items, so ``first_seen_at`` still never
decreases along the order and cursors stay valid across moves); a disappeared item gets ``disappeared_at = at`` (and
``active`` false); a breach whose status changes gets ``status_updated_at = at``; a removed item is no longer listed
at all (what only a complete pass can notice). Which items change is chosen by a seeded generator, among the items
still listed and (for disappearances) not yet gone.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .data import (
    BREACH_STATUSES,
    EPOCH,
    LATEST_DISAPPEARANCE,
    LATEST_STATUS_UPDATE,
    LAZY_RESOURCES,
    STEP,
    Dataset,
    iso,
)

__all__ = ["Moved", "World"]

Item = dict[str, Any]


@dataclass
class Moved:
    """What one move changed: ids per resource."""

    at: dt.datetime
    new: dict[str, list[str]] = field(default_factory=dict)
    disappeared: dict[str, list[str]] = field(default_factory=dict)
    status: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)


#: Seeded items kept once generated (bounded, so a million-item server stays small).
_SEEDED_CACHE = 100_000


class World:
    """The lazy resources' items after the moves so far (positions past the seeded ones hold the new items)."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.added: dict[str, list[Item]] = {name: [] for name in LAZY_RESOURCES}
        self.changed: dict[str, dict[int, Item]] = {name: {} for name in LAZY_RESOURCES}
        self.removed: dict[str, set[int]] = {name: set() for name in LAZY_RESOURCES}
        self.moves = 0
        # Generating a seeded item costs tens of microseconds; a server answering several pulls at once would
        # otherwise spend most of its time there. Served items are never changed in place (moves copy them).
        self._seeded: dict[tuple[str, int], Item] = {}

    def size(self, resource: str) -> int:
        return self.data.size(resource) + len(self.added[resource])

    def item(self, resource: str, position: int) -> Item | None:
        """The item at ``position`` as the API lists it now, or None if it is no longer listed."""
        if position in self.removed[resource]:
            return None
        seeded = self.data.size(resource)
        if position >= seeded:
            return self.added[resource][position - seeded]
        changed = self.changed[resource].get(position)
        if changed is not None:
            return changed
        key = (resource, position)
        item = self._seeded.get(key)
        if item is None:
            if len(self._seeded) >= _SEEDED_CACHE:
                self._seeded.clear()
            item = self._seeded[key] = self.data.item(resource, position)
        return item

    def positions(
        self,
        resource: str,
        start: int,
        *,
        first_seen_after: dt.datetime | None = None,
        first_seen_before: dt.datetime | None = None,
        disappeared_after: dt.datetime | None = None,
        status_updated_after: dt.datetime | None = None,
    ) -> Iterator[int]:
        """Positions from ``start`` on, in order, that may match the lower bounds (a superset: the caller still
        filters), without generating the seeded items the bounds rule out."""
        seeded = self.data.size(resource)
        window = self.data.first_seen_positions(resource, first_seen_after, first_seen_before)
        low, high = max(start, window.start), min(seeded, window.stop)
        # A seeded item disappears or has its status updated within a bounded time of its first sighting, so a lower
        # bound on those rules out the seeded items first seen long enough before it, except the changed ones.
        delays = ((disappeared_after, LATEST_DISAPPEARANCE), (status_updated_after, LATEST_STATUS_UPDATE))
        floors = [bound - delay for bound, delay in delays if bound is not None]
        seeded_low = max([low, *(self.data.first_seen_positions(resource, floor, None).start for floor in floors)])
        for position in sorted(self.changed[resource]):
            if low <= position < min(seeded_low, high):
                yield position
        yield from range(seeded_low, high)
        for index, item in enumerate(self.added[resource]):
            moment = dt.datetime.fromisoformat(item["first_seen_at"])
            if seeded + index >= start and (first_seen_before is None or moment < first_seen_before):
                yield seeded + index

    def listed(self, resource: str) -> Iterator[tuple[int, Item]]:
        for position in range(self.size(resource)):
            item = self.item(resource, position)
            if item is not None:
                yield position, item

    def move(
        self,
        at: dt.datetime,
        *,
        new: Mapping[str, int],
        disappear: Mapping[str, int],
        status: Mapping[str, int],
        remove: Mapping[str, int],
    ) -> Moved:
        """Apply one move of the lazy resources (see the module's docstring)."""
        for name, counts in (("new", new), ("disappear", disappear), ("status", status), ("remove", remove)):
            unknown = set(counts) - set(LAZY_RESOURCES)
            if unknown or any(not isinstance(n, int) or n < 0 for n in counts.values()):
                raise ValueError(f"{name}: expected counts >= 0 of some of {list(LAZY_RESOURCES)}, got {dict(counts)}")
        if set(status) - {"breaches"}:
            raise ValueError("status: only breaches have a status that changes")
        stamp = iso(at)
        moved = Moved(at)
        self.moves += 1
        rng = random.Random(f"move/{self.data.seed}/{self.moves}")
        for resource, count in disappear.items():
            chosen = self._choose(resource, count, rng, lambda item: item.get("disappeared_at") is None)
            moved.disappeared[resource] = [
                self._change(resource, p, disappeared_at=stamp, active=False) for p in chosen
            ]
        for resource, count in status.items():
            chosen = self._choose(resource, count, rng, lambda item: True)
            moved.status[resource] = [
                self._change(resource, p, status=self._other_status(resource, p, rng), status_updated_at=stamp)
                for p in chosen
            ]
        for resource, count in remove.items():
            chosen = self._choose(resource, count, rng, lambda item: True)
            moved.removed[resource] = [self._id(resource, p) for p in chosen]
            self.removed[resource].update(chosen)
        for resource, count in new.items():  # last: the changes above are to items that were there before
            if count:
                moved.new[resource] = [self._add(resource, at, stamp, rng) for _ in range(count)]
        return moved

    def _add(self, resource: str, at: dt.datetime, stamp: str, rng: random.Random) -> str:
        seeded = self.data.size(resource)
        latest = EPOCH + STEP * max(0, (seeded - 1) // 3)
        if self.added[resource]:
            latest = max(latest, dt.datetime.fromisoformat(self.added[resource][-1]["first_seen_at"]))
        if at < latest:
            raise ValueError(f"at: new {resource} must not be first seen before {iso(latest)} (server order)")
        position = seeded + len(self.added[resource])
        item = dict(self.data.item(resource, position))
        item["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        item["first_seen_at"], item["disappeared_at"] = stamp, None
        if "active" in item:
            item["active"] = True
        if resource == "breaches":
            item["status"], item["status_updated_at"] = "NEW", stamp
        self.added[resource].append(item)
        return str(item["id"])

    def _choose(self, resource: str, count: int, rng: random.Random, eligible: Any) -> list[int]:
        candidates = [position for position, item in self.listed(resource) if eligible(item)]
        if count > len(candidates):
            raise ValueError(f"{resource}: only {len(candidates)} items can change, not {count}")
        return sorted(rng.sample(candidates, count))

    def _change(self, resource: str, position: int, **fields: Any) -> str:
        current = self.item(resource, position)
        assert current is not None
        changed = {**current, **{k: v for k, v in fields.items() if k in current}}
        seeded = self.data.size(resource)
        if position >= seeded:
            self.added[resource][position - seeded] = changed
        else:
            self.changed[resource][position] = changed
        return str(changed["id"])

    def _other_status(self, resource: str, position: int, rng: random.Random) -> str:
        current = self.item(resource, position)
        assert current is not None
        return rng.choice([s for s in BREACH_STATUSES if s != current.get("status")])

    def _id(self, resource: str, position: int) -> str:
        item = self.item(resource, position)
        assert item is not None
        return str(item["id"])

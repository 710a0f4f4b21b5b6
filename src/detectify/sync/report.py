"""What a sync did, per resource, and the progress interface a display plugs into."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs

__all__ = ["ResourceReport", "SyncProgress", "SyncReport"]

Mode = Literal["full", "delta"]


@attrs.define
class ResourceReport:
    """One resource of a sync: ``seen`` items the API sent, rows ``inserted``, rows ``updated`` (their item changed,
    or they were missing and are listed again), rows newly marked ``missing``, and the ``pages`` fetched. ``mode`` is
    ``full`` or ``delta`` (for several teams, ``full`` if any team's pass was full); ``error`` is set when the
    resource failed (what it committed stays, and it is continued by the next sync)."""

    resource: str
    mode: Mode = "delta"
    seen: int = 0
    inserted: int = 0
    updated: int = 0
    missing: int = 0
    pages: int = 0
    error: str | None = None
    #: The exception behind ``error`` (for callers telling credentials from outages).
    failure: BaseException | None = attrs.field(default=None, repr=False, eq=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    def counts(self) -> dict[str, Any]:
        return attrs.asdict(self, filter=lambda attribute, _: attribute.name != "failure")


@attrs.define
class SyncReport:
    """A whole sync: ``run_id`` is its row in ``sync_runs``; ``resources`` maps each resource to its report."""

    run_id: int
    database: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    full: bool = False
    resources: dict[str, ResourceReport] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        return all(report.ok for report in self.resources.values())

    @property
    def failed(self) -> list[str]:
        return [name for name, report in self.resources.items() if not report.ok]


class SyncProgress:
    """Receives a sync's progress; subclass it and override what you need (every method does nothing here).
    Calls come from the sync's task, after the page's transaction has committed."""

    def started(self, resource: str, mode: Mode) -> None:
        """A resource's pass begins (once per team scope)."""

    def page(self, resource: str, report: ResourceReport) -> None:
        """A page was committed; ``report`` holds the resource's running totals."""

    def finished(self, resource: str, report: ResourceReport) -> None:
        """A resource is done (``report.error`` set if it failed)."""

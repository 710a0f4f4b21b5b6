"""``client.with_raw_response.v2``: the v2 calls returning raw responses (imported on first use, with the v2 half)."""

from __future__ import annotations

from functools import cached_property

from .raw import raw_call, raw_list
from .session import Session
from .v2 import Assets, Domains, Members, Profiles, Reports, Scans, Schedules, Vulnerabilities, Zones

__all__ = ["RawV2"]


class _RawAssets:
    def __init__(self, session: Session) -> None:
        self.list = raw_list(session, Assets, Assets.list)
        self.subdomains = raw_list(session, Assets, Assets.subdomains)
        self.create = raw_call(session, Assets, Assets.create)
        self.delete = raw_call(session, Assets, Assets.delete)
        self.settings = raw_call(session, Assets, Assets.settings)
        self.update_settings = raw_call(session, Assets, Assets.update_settings)


class _RawDomains:
    def __init__(self, session: Session) -> None:
        self.create = raw_call(session, Domains, Domains.create)


class _RawZones:
    def __init__(self, session: Session) -> None:
        self.upload = raw_call(session, Zones, Zones.upload)


class _RawProfiles:
    def __init__(self, session: Session) -> None:
        self.list = raw_call(session, Profiles, Profiles.list)
        self.create = raw_call(session, Profiles, Profiles.create)
        self.delete = raw_call(session, Profiles, Profiles.delete)


class _RawScans:
    def __init__(self, session: Session) -> None:
        self.start = raw_call(session, Scans, Scans.start)
        self.status = raw_call(session, Scans, Scans.status)
        self.stop = raw_call(session, Scans, Scans.stop)


class _RawSchedules:
    def __init__(self, session: Session) -> None:
        self.set = raw_call(session, Schedules, Schedules.set)
        self.delete = raw_call(session, Schedules, Schedules.delete)


class _RawReports:
    def __init__(self, session: Session) -> None:
        self.latest = raw_call(session, Reports, Reports.latest)
        self.latest_full = raw_call(session, Reports, Reports.latest_full)


class _RawVulnerabilities:
    def __init__(self, session: Session) -> None:
        self.list = raw_list(session, Vulnerabilities, Vulnerabilities.list)
        self.get = raw_call(session, Vulnerabilities, Vulnerabilities.get)


class _RawMembers:
    def __init__(self, session: Session) -> None:
        self.list = raw_call(session, Members, Members.list)


class RawV2:
    """``client.with_raw_response.v2``: the v2 calls, each returning a ``RawResponse``."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @cached_property
    def assets(self) -> _RawAssets:
        return _RawAssets(self._session)

    @cached_property
    def profiles(self) -> _RawProfiles:
        return _RawProfiles(self._session)

    @cached_property
    def scans(self) -> _RawScans:
        return _RawScans(self._session)

    @cached_property
    def schedules(self) -> _RawSchedules:
        return _RawSchedules(self._session)

    @cached_property
    def reports(self) -> _RawReports:
        return _RawReports(self._session)

    @cached_property
    def vulnerabilities(self) -> _RawVulnerabilities:
        return _RawVulnerabilities(self._session)

    @cached_property
    def members(self) -> _RawMembers:
        return _RawMembers(self._session)

    @cached_property
    def domains(self) -> _RawDomains:
        return _RawDomains(self._session)

    @cached_property
    def zones(self) -> _RawZones:
        return _RawZones(self._session)

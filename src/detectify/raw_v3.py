"""``client.with_raw_response``: the v3 calls returning ``RawResponse`` s (the v2 ones load with the v2 half)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .raw import raw_call, raw_list
from .resources import Breaches, Connectors, Ips, Ports, Technologies
from .session import Session

if TYPE_CHECKING:
    from .raw_v2 import RawV2

__all__ = ["WithRawResponse"]


class _RawIps:
    def __init__(self, session: Session) -> None:
        self.list = raw_list(session, Ips, Ips.list)


class _RawTechnologies:
    def __init__(self, session: Session) -> None:
        self.list = raw_list(session, Technologies, Technologies.list)


class _RawPorts:
    def __init__(self, session: Session) -> None:
        self.list = raw_list(session, Ports, Ports.list)


class _RawBreaches:
    def __init__(self, session: Session) -> None:
        self.list = raw_list(session, Breaches, Breaches.list)


class _RawConnectors:
    def __init__(self, session: Session) -> None:
        self.list = raw_list(session, Connectors, Connectors.list)
        self.create = raw_call(session, Connectors, Connectors.create)
        self.get = raw_call(session, Connectors, Connectors.get)
        self.delete = raw_call(session, Connectors, Connectors.delete)
        self.external_id = raw_call(session, Connectors, Connectors.external_id)


class WithRawResponse:
    """``client.with_raw_response``: the client's calls, each returning a ``RawResponse``."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @cached_property
    def ips(self) -> _RawIps:
        return _RawIps(self._session)

    @cached_property
    def technologies(self) -> _RawTechnologies:
        return _RawTechnologies(self._session)

    @cached_property
    def ports(self) -> _RawPorts:
        return _RawPorts(self._session)

    @cached_property
    def breaches(self) -> _RawBreaches:
        return _RawBreaches(self._session)

    @cached_property
    def connectors(self) -> _RawConnectors:
        return _RawConnectors(self._session)

    @cached_property
    def v2(self) -> RawV2:
        from .raw_v2 import RawV2  # here: the v2 half (and its generated models) loads on first use

        return RawV2(self._session)

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.port_status import PortStatus
from ..types import UNSET, EnumLookup, Unset, format_datetime
from ..types import invalid as _invalid
from ..types import missing as _missing

_PORT_STATUS: EnumLookup[PortStatus] = EnumLookup(PortStatus)


_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "id",
        "team_id",
        "asset_id",
        "domain_name",
        "ip_address",
        "port",
        "status",
        "first_seen_at",
        "disappeared_at",
    )
)


@_attrs_define
class Port:
    """A port discovered on the attack surface.

    Example:
        {'id': '0b14fd3e-9c30-4038-9d78-b5e7d992dc01', 'team_id': '0e54921c386c666710134a5deecdbfe4', 'asset_id':
            '5605b488634efe810dff4276e28ca7f9', 'domain_name': 'example.com', 'ip_address': '127.0.0.1', 'port': 443,
            'status': 'OPEN', 'first_seen_at': '2019-08-24T14:15:22Z', 'disappeared_at': '2019-08-24T14:15:22Z'}

    Attributes:
        id (str): Unique ID of the port record.
        team_id (str | Unset): The team owning the asset.
        asset_id (str | Unset): The asset the port was found on.
        domain_name (str | Unset): The domain the port was found on.
        ip_address (str | Unset): The IP address the port was found on.
        port (int | Unset): The port number.
        status (PortStatus | Unset): The status of a port.
        first_seen_at (datetime.datetime | Unset): When the port was first seen with open status.
        disappeared_at (datetime.datetime | None | Unset): When the port disappeared; null while it is still seen.
    """

    id: str
    team_id: str | Unset = UNSET
    asset_id: str | Unset = UNSET
    domain_name: str | Unset = UNSET
    ip_address: str | Unset = UNSET
    port: int | Unset = UNSET
    status: PortStatus | Unset = UNSET
    first_seen_at: datetime.datetime | Unset = UNSET
    disappeared_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        team_id = self.team_id

        asset_id = self.asset_id

        domain_name = self.domain_name

        ip_address = self.ip_address

        port = self.port

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        first_seen_at: str | Unset = UNSET
        if not isinstance(self.first_seen_at, Unset):
            first_seen_at = format_datetime(self.first_seen_at)

        disappeared_at: None | str | Unset
        if isinstance(self.disappeared_at, Unset):
            disappeared_at = UNSET
        elif isinstance(self.disappeared_at, datetime.datetime):
            disappeared_at = format_datetime(self.disappeared_at)
        else:
            disappeared_at = self.disappeared_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if asset_id is not UNSET:
            field_dict["asset_id"] = asset_id
        if domain_name is not UNSET:
            field_dict["domain_name"] = domain_name
        if ip_address is not UNSET:
            field_dict["ip_address"] = ip_address
        if port is not UNSET:
            field_dict["port"] = port
        if status is not UNSET:
            field_dict["status"] = status
        if first_seen_at is not UNSET:
            field_dict["first_seen_at"] = first_seen_at
        if disappeared_at is not UNSET:
            field_dict["disappeared_at"] = disappeared_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("Port", "", "a JSON object", src_dict)

        id = src_dict.get("id", UNSET)
        if id is UNSET:
            raise _missing("Port", "id")
        if not isinstance(id, str):
            raise _invalid("Port", "id", "a string", id)

        team_id = src_dict.get("team_id", UNSET)
        if (not isinstance(team_id, str)) and team_id is not UNSET:
            raise _invalid("Port", "team_id", "a string", team_id)

        asset_id = src_dict.get("asset_id", UNSET)
        if (not isinstance(asset_id, str)) and asset_id is not UNSET:
            raise _invalid("Port", "asset_id", "a string", asset_id)

        domain_name = src_dict.get("domain_name", UNSET)
        if (not isinstance(domain_name, str)) and domain_name is not UNSET:
            raise _invalid("Port", "domain_name", "a string", domain_name)

        ip_address = src_dict.get("ip_address", UNSET)
        if (not isinstance(ip_address, str)) and ip_address is not UNSET:
            raise _invalid("Port", "ip_address", "a string", ip_address)

        port = src_dict.get("port", UNSET)
        if (
            type(port) is not int
            and (type(port) is bool or not isinstance(port, int))
            or not (0 <= port <= 65535)
        ) and port is not UNSET:
            raise _invalid("Port", "port", "an integer in 0..65535", port)

        status = src_dict.get("status", UNSET)
        if status is not UNSET:
            if not isinstance(status, str):
                raise _invalid("Port", "status", "a string", status)
            status = _PORT_STATUS[status]

        first_seen_at = src_dict.get("first_seen_at", UNSET)
        if first_seen_at is not UNSET:
            if not isinstance(first_seen_at, str) or len(first_seen_at) <= 10:
                raise _invalid(
                    "Port", "first_seen_at", "an ISO 8601 date-time", first_seen_at
                )
            try:
                first_seen_at = _datetime_from(first_seen_at)
            except ValueError:
                raise _invalid(
                    "Port", "first_seen_at", "an ISO 8601 date-time", first_seen_at
                ) from None
            if first_seen_at.tzinfo is None:
                first_seen_at = first_seen_at.replace(tzinfo=_UTC)

        disappeared_at = src_dict.get("disappeared_at", UNSET)
        if disappeared_at is not UNSET and disappeared_at is not None:
            if not isinstance(disappeared_at, str) or len(disappeared_at) <= 10:
                raise _invalid(
                    "Port",
                    "disappeared_at",
                    "an ISO 8601 date-time or null",
                    disappeared_at,
                )
            try:
                disappeared_at = _datetime_from(disappeared_at)
            except ValueError:
                raise _invalid(
                    "Port",
                    "disappeared_at",
                    "an ISO 8601 date-time or null",
                    disappeared_at,
                ) from None
            if disappeared_at.tzinfo is None:
                disappeared_at = disappeared_at.replace(tzinfo=_UTC)

        _self = cls(
            id,
            team_id,
            asset_id,
            domain_name,
            ip_address,
            port,
            status,
            first_seen_at,
            disappeared_at,
        )
        if not _FIELDS.issuperset(src_dict):
            _extra = {
                _key: _value for _key, _value in src_dict.items() if _key not in _FIELDS
            }
            _self.additional_properties = _extra
        return _self

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

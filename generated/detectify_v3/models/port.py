from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.port_status import PortStatus
from ..types import UNSET, Unset, format_datetime, parse_datetime

T = TypeVar("T", bound="Port")


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
        d = dict(src_dict)
        id = d.pop("id")

        team_id = d.pop("team_id", UNSET)

        asset_id = d.pop("asset_id", UNSET)

        domain_name = d.pop("domain_name", UNSET)

        ip_address = d.pop("ip_address", UNSET)

        port = d.pop("port", UNSET)

        _status = d.pop("status", UNSET)
        status: PortStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = PortStatus(_status)

        _first_seen_at = d.pop("first_seen_at", UNSET)
        first_seen_at: datetime.datetime | Unset
        if isinstance(_first_seen_at, Unset):
            first_seen_at = UNSET
        else:
            first_seen_at = parse_datetime(_first_seen_at)

        def _parse_disappeared_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disappeared_at_type_0 = parse_datetime(data)

                return disappeared_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        disappeared_at = _parse_disappeared_at(d.pop("disappeared_at", UNSET))

        port = cls(
            id=id,
            team_id=team_id,
            asset_id=asset_id,
            domain_name=domain_name,
            ip_address=ip_address,
            port=port,
            status=status,
            first_seen_at=first_seen_at,
            disappeared_at=disappeared_at,
        )

        port.additional_properties = d
        return port

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

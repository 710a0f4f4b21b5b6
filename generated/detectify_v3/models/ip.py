from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ip_version import IpVersion
from ..types import UNSET, Unset, format_datetime, parse_datetime

if TYPE_CHECKING:
    from ..models.autonomous_system import AutonomousSystem
    from ..models.geolocation import Geolocation


T = TypeVar("T", bound="Ip")


@_attrs_define
class Ip:
    """An IP address discovered on the attack surface.

    Example:
        {'id': '0b14fd3e-9c30-4038-9d78-b5e7d992dc01', 'ip_address': '127.0.0.1', 'active': True, 'enriched': True,
            'domain_name': 'example.com', 'asset_id': '5605b488634efe810dff4276e28ca7f9', 'team_id':
            '0e54921c386c666710134a5deecdbfe4', 'ip_version': 'IPv4', 'first_seen_at': '2019-08-24T14:15:22Z',
            'disappeared_at': '2019-08-24T14:15:22Z', 'autonomous_system': {'name': 'EDGECAST', 'domain': 'example.com',
            'number': 15133}, 'geolocation': {'continent': 'NA', 'continent_name': 'North America', 'country': 'US',
            'country_name': 'United States'}}

    Attributes:
        id (str): Unique ID of the IP record.
        ip_address (str | Unset): The IP address.
        active (bool | Unset): Whether the IP is currently seen.
        enriched (bool | Unset): Whether geolocation and ASN details have been added.
        domain_name (str | Unset): The domain the IP is connected to.
        asset_id (str | Unset): The asset the IP is connected to.
        team_id (str | Unset): The team owning the asset.
        ip_version (IpVersion | Unset): The IP protocol version.
        first_seen_at (datetime.datetime | Unset): When the IP was first seen.
        disappeared_at (datetime.datetime | None | Unset): When the IP disappeared; null while it is still seen.
        autonomous_system (AutonomousSystem | None | Unset): ASN details of the IP.
        geolocation (Geolocation | None | Unset): Geolocation of the IP.
    """

    id: str
    ip_address: str | Unset = UNSET
    active: bool | Unset = UNSET
    enriched: bool | Unset = UNSET
    domain_name: str | Unset = UNSET
    asset_id: str | Unset = UNSET
    team_id: str | Unset = UNSET
    ip_version: IpVersion | Unset = UNSET
    first_seen_at: datetime.datetime | Unset = UNSET
    disappeared_at: datetime.datetime | None | Unset = UNSET
    autonomous_system: AutonomousSystem | None | Unset = UNSET
    geolocation: Geolocation | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.autonomous_system import AutonomousSystem
        from ..models.geolocation import Geolocation

        id = self.id

        ip_address = self.ip_address

        active = self.active

        enriched = self.enriched

        domain_name = self.domain_name

        asset_id = self.asset_id

        team_id = self.team_id

        ip_version: str | Unset = UNSET
        if not isinstance(self.ip_version, Unset):
            ip_version = self.ip_version.value

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

        autonomous_system: dict[str, Any] | None | Unset
        if isinstance(self.autonomous_system, Unset):
            autonomous_system = UNSET
        elif isinstance(self.autonomous_system, AutonomousSystem):
            autonomous_system = self.autonomous_system.to_dict()
        else:
            autonomous_system = self.autonomous_system

        geolocation: dict[str, Any] | None | Unset
        if isinstance(self.geolocation, Unset):
            geolocation = UNSET
        elif isinstance(self.geolocation, Geolocation):
            geolocation = self.geolocation.to_dict()
        else:
            geolocation = self.geolocation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if ip_address is not UNSET:
            field_dict["ip_address"] = ip_address
        if active is not UNSET:
            field_dict["active"] = active
        if enriched is not UNSET:
            field_dict["enriched"] = enriched
        if domain_name is not UNSET:
            field_dict["domain_name"] = domain_name
        if asset_id is not UNSET:
            field_dict["asset_id"] = asset_id
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if ip_version is not UNSET:
            field_dict["ip_version"] = ip_version
        if first_seen_at is not UNSET:
            field_dict["first_seen_at"] = first_seen_at
        if disappeared_at is not UNSET:
            field_dict["disappeared_at"] = disappeared_at
        if autonomous_system is not UNSET:
            field_dict["autonomous_system"] = autonomous_system
        if geolocation is not UNSET:
            field_dict["geolocation"] = geolocation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.autonomous_system import AutonomousSystem
        from ..models.geolocation import Geolocation

        d = dict(src_dict)
        id = d.pop("id")

        ip_address = d.pop("ip_address", UNSET)

        active = d.pop("active", UNSET)

        enriched = d.pop("enriched", UNSET)

        domain_name = d.pop("domain_name", UNSET)

        asset_id = d.pop("asset_id", UNSET)

        team_id = d.pop("team_id", UNSET)

        _ip_version = d.pop("ip_version", UNSET)
        ip_version: IpVersion | Unset
        if isinstance(_ip_version, Unset):
            ip_version = UNSET
        else:
            ip_version = IpVersion(_ip_version)

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

        def _parse_autonomous_system(data: object) -> AutonomousSystem | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_autonomous_system_type_0 = AutonomousSystem.from_dict(
                    data
                )

                return componentsschemas_autonomous_system_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutonomousSystem | None | Unset, data)

        autonomous_system = _parse_autonomous_system(d.pop("autonomous_system", UNSET))

        def _parse_geolocation(data: object) -> Geolocation | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_geolocation_type_0 = Geolocation.from_dict(data)

                return componentsschemas_geolocation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Geolocation | None | Unset, data)

        geolocation = _parse_geolocation(d.pop("geolocation", UNSET))

        ip = cls(
            id=id,
            ip_address=ip_address,
            active=active,
            enriched=enriched,
            domain_name=domain_name,
            asset_id=asset_id,
            team_id=team_id,
            ip_version=ip_version,
            first_seen_at=first_seen_at,
            disappeared_at=disappeared_at,
            autonomous_system=autonomous_system,
            geolocation=geolocation,
        )

        ip.additional_properties = d
        return ip

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

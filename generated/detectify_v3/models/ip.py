from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.autonomous_system import AutonomousSystem
from ..models.geolocation import Geolocation
from ..models.ip_version import IpVersion
from ..types import UNSET, EnumLookup, InvalidModelData, Unset, format_datetime
from ..types import invalid as _invalid
from ..types import missing as _missing

_IP_VERSION: EnumLookup[IpVersion] = EnumLookup(IpVersion)


_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "id",
        "ip_address",
        "active",
        "enriched",
        "domain_name",
        "asset_id",
        "team_id",
        "ip_version",
        "first_seen_at",
        "disappeared_at",
        "autonomous_system",
        "geolocation",
    )
)


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
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("Ip", "", "a JSON object", src_dict)

        id = src_dict.get("id", UNSET)
        if id is UNSET:
            raise _missing("Ip", "id")
        if not isinstance(id, str):
            raise _invalid("Ip", "id", "a string", id)

        ip_address = src_dict.get("ip_address", UNSET)
        if (not isinstance(ip_address, str)) and ip_address is not UNSET:
            raise _invalid("Ip", "ip_address", "a string", ip_address)

        active = src_dict.get("active", UNSET)
        if type(active) is not bool and active is not UNSET:
            raise _invalid("Ip", "active", "a boolean", active)

        enriched = src_dict.get("enriched", UNSET)
        if type(enriched) is not bool and enriched is not UNSET:
            raise _invalid("Ip", "enriched", "a boolean", enriched)

        domain_name = src_dict.get("domain_name", UNSET)
        if (not isinstance(domain_name, str)) and domain_name is not UNSET:
            raise _invalid("Ip", "domain_name", "a string", domain_name)

        asset_id = src_dict.get("asset_id", UNSET)
        if (not isinstance(asset_id, str)) and asset_id is not UNSET:
            raise _invalid("Ip", "asset_id", "a string", asset_id)

        team_id = src_dict.get("team_id", UNSET)
        if (not isinstance(team_id, str)) and team_id is not UNSET:
            raise _invalid("Ip", "team_id", "a string", team_id)

        ip_version = src_dict.get("ip_version", UNSET)
        if ip_version is not UNSET:
            if not isinstance(ip_version, str):
                raise _invalid("Ip", "ip_version", "a string", ip_version)
            ip_version = _IP_VERSION[ip_version]

        first_seen_at = src_dict.get("first_seen_at", UNSET)
        if first_seen_at is not UNSET:
            if not isinstance(first_seen_at, str) or len(first_seen_at) <= 10:
                raise _invalid(
                    "Ip", "first_seen_at", "an ISO 8601 date-time", first_seen_at
                )
            try:
                first_seen_at = _datetime_from(first_seen_at)
            except ValueError:
                raise _invalid(
                    "Ip", "first_seen_at", "an ISO 8601 date-time", first_seen_at
                ) from None
            if first_seen_at.tzinfo is None:
                first_seen_at = first_seen_at.replace(tzinfo=_UTC)

        disappeared_at = src_dict.get("disappeared_at", UNSET)
        if disappeared_at is not UNSET and disappeared_at is not None:
            if not isinstance(disappeared_at, str) or len(disappeared_at) <= 10:
                raise _invalid(
                    "Ip",
                    "disappeared_at",
                    "an ISO 8601 date-time or null",
                    disappeared_at,
                )
            try:
                disappeared_at = _datetime_from(disappeared_at)
            except ValueError:
                raise _invalid(
                    "Ip",
                    "disappeared_at",
                    "an ISO 8601 date-time or null",
                    disappeared_at,
                ) from None
            if disappeared_at.tzinfo is None:
                disappeared_at = disappeared_at.replace(tzinfo=_UTC)

        autonomous_system = src_dict.get("autonomous_system", UNSET)
        if autonomous_system is not UNSET and autonomous_system is not None:
            try:
                autonomous_system = AutonomousSystem.from_dict(autonomous_system)
            except InvalidModelData as _exc:
                raise _exc.within("Ip", "autonomous_system") from None

        geolocation = src_dict.get("geolocation", UNSET)
        if geolocation is not UNSET and geolocation is not None:
            try:
                geolocation = Geolocation.from_dict(geolocation)
            except InvalidModelData as _exc:
                raise _exc.within("Ip", "geolocation") from None

        _self = cls(
            id,
            ip_address,
            active,
            enriched,
            domain_name,
            asset_id,
            team_id,
            ip_version,
            first_seen_at,
            disappeared_at,
            autonomous_system,
            geolocation,
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

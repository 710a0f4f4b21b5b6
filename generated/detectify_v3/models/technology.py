from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime, parse_datetime

T = TypeVar("T", bound="Technology")


@_attrs_define
class Technology:
    """A technology discovered on the attack surface.

    Example:
        {'id': '0b14fd3e-9c30-4038-9d78-b5e7d992dc01', 'asset_id': '5605b488634efe810dff4276e28ca7f9', 'team_id':
            '0e54921c386c666710134a5deecdbfe4', 'domain_name': 'example.com', 'service_protocol': 'https', 'port': 443,
            'name': 'nginx', 'version': '1.25.2', 'categories': ['Web servers', 'Reverse proxies'], 'active': True,
            'first_seen_at': '2019-08-24T14:15:22Z', 'disappeared_at': '2019-08-24T14:15:22Z'}

    Attributes:
        id (str): Unique ID of the technology record.
        asset_id (str | Unset): The asset it was found on.
        team_id (str | Unset): The team owning the asset.
        domain_name (str | Unset): The domain it was found on.
        service_protocol (str | Unset): The protocol of the service, such as https.
        port (int | Unset): The port of the service.
        name (str | Unset): Name of the technology.
        version (None | str | Unset): Detected version, null when unknown.
        categories (list[str] | Unset): Categories of the technology.
        active (bool | Unset): Whether the technology is currently seen.
        first_seen_at (datetime.datetime | Unset): When the technology was first seen.
        disappeared_at (datetime.datetime | None | Unset): When it disappeared; null while it is still seen.
    """

    id: str
    asset_id: str | Unset = UNSET
    team_id: str | Unset = UNSET
    domain_name: str | Unset = UNSET
    service_protocol: str | Unset = UNSET
    port: int | Unset = UNSET
    name: str | Unset = UNSET
    version: None | str | Unset = UNSET
    categories: list[str] | Unset = UNSET
    active: bool | Unset = UNSET
    first_seen_at: datetime.datetime | Unset = UNSET
    disappeared_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        asset_id = self.asset_id

        team_id = self.team_id

        domain_name = self.domain_name

        service_protocol = self.service_protocol

        port = self.port

        name = self.name

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        categories: list[str] | Unset = UNSET
        if not isinstance(self.categories, Unset):
            categories = self.categories

        active = self.active

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
        if asset_id is not UNSET:
            field_dict["asset_id"] = asset_id
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if domain_name is not UNSET:
            field_dict["domain_name"] = domain_name
        if service_protocol is not UNSET:
            field_dict["service_protocol"] = service_protocol
        if port is not UNSET:
            field_dict["port"] = port
        if name is not UNSET:
            field_dict["name"] = name
        if version is not UNSET:
            field_dict["version"] = version
        if categories is not UNSET:
            field_dict["categories"] = categories
        if active is not UNSET:
            field_dict["active"] = active
        if first_seen_at is not UNSET:
            field_dict["first_seen_at"] = first_seen_at
        if disappeared_at is not UNSET:
            field_dict["disappeared_at"] = disappeared_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        asset_id = d.pop("asset_id", UNSET)

        team_id = d.pop("team_id", UNSET)

        domain_name = d.pop("domain_name", UNSET)

        service_protocol = d.pop("service_protocol", UNSET)

        port = d.pop("port", UNSET)

        name = d.pop("name", UNSET)

        def _parse_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        categories = cast(list[str], d.pop("categories", UNSET))

        active = d.pop("active", UNSET)

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

        technology = cls(
            id=id,
            asset_id=asset_id,
            team_id=team_id,
            domain_name=domain_name,
            service_protocol=service_protocol,
            port=port,
            name=name,
            version=version,
            categories=categories,
            active=active,
            first_seen_at=first_seen_at,
            disappeared_at=disappeared_at,
        )

        technology.additional_properties = d
        return technology

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

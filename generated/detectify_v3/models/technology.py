from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime
from ..types import invalid as _invalid
from ..types import missing as _missing

_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "id",
        "asset_id",
        "team_id",
        "domain_name",
        "service_protocol",
        "port",
        "name",
        "version",
        "categories",
        "active",
        "first_seen_at",
        "disappeared_at",
    )
)


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
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("Technology", "", "a JSON object", src_dict)

        id = src_dict.get("id", UNSET)
        if id is UNSET:
            raise _missing("Technology", "id")
        if not isinstance(id, str):
            raise _invalid("Technology", "id", "a string", id)

        asset_id = src_dict.get("asset_id", UNSET)
        if (not isinstance(asset_id, str)) and asset_id is not UNSET:
            raise _invalid("Technology", "asset_id", "a string", asset_id)

        team_id = src_dict.get("team_id", UNSET)
        if (not isinstance(team_id, str)) and team_id is not UNSET:
            raise _invalid("Technology", "team_id", "a string", team_id)

        domain_name = src_dict.get("domain_name", UNSET)
        if (not isinstance(domain_name, str)) and domain_name is not UNSET:
            raise _invalid("Technology", "domain_name", "a string", domain_name)

        service_protocol = src_dict.get("service_protocol", UNSET)
        if (not isinstance(service_protocol, str)) and service_protocol is not UNSET:
            raise _invalid(
                "Technology", "service_protocol", "a string", service_protocol
            )

        port = src_dict.get("port", UNSET)
        if (
            type(port) is not int and (type(port) is bool or not isinstance(port, int))
        ) and port is not UNSET:
            raise _invalid("Technology", "port", "an integer", port)

        name = src_dict.get("name", UNSET)
        if (not isinstance(name, str)) and name is not UNSET:
            raise _invalid("Technology", "name", "a string", name)

        version = src_dict.get("version", UNSET)
        if (
            (not isinstance(version, str))
            and version is not UNSET
            and version is not None
        ):
            raise _invalid("Technology", "version", "a string or null", version)

        categories = src_dict.get("categories", UNSET)
        if categories is not UNSET:
            if type(categories) is not list:
                raise _invalid("Technology", "categories", "an array", categories)
            for _index_0, _item_0 in enumerate(categories):
                if not isinstance(_item_0, str):
                    raise _invalid(
                        "Technology",
                        "categories" + "[" + str(_index_0) + "]",
                        "a string",
                        _item_0,
                    )

        active = src_dict.get("active", UNSET)
        if type(active) is not bool and active is not UNSET:
            raise _invalid("Technology", "active", "a boolean", active)

        first_seen_at = src_dict.get("first_seen_at", UNSET)
        if first_seen_at is not UNSET:
            if not isinstance(first_seen_at, str) or len(first_seen_at) <= 10:
                raise _invalid(
                    "Technology",
                    "first_seen_at",
                    "an ISO 8601 date-time",
                    first_seen_at,
                )
            try:
                first_seen_at = _datetime_from(first_seen_at)
            except ValueError:
                raise _invalid(
                    "Technology",
                    "first_seen_at",
                    "an ISO 8601 date-time",
                    first_seen_at,
                ) from None
            if first_seen_at.tzinfo is None:
                first_seen_at = first_seen_at.replace(tzinfo=_UTC)

        disappeared_at = src_dict.get("disappeared_at", UNSET)
        if disappeared_at is not UNSET and disappeared_at is not None:
            if not isinstance(disappeared_at, str) or len(disappeared_at) <= 10:
                raise _invalid(
                    "Technology",
                    "disappeared_at",
                    "an ISO 8601 date-time or null",
                    disappeared_at,
                )
            try:
                disappeared_at = _datetime_from(disappeared_at)
            except ValueError:
                raise _invalid(
                    "Technology",
                    "disappeared_at",
                    "an ISO 8601 date-time or null",
                    disappeared_at,
                ) from None
            if disappeared_at.tzinfo is None:
                disappeared_at = disappeared_at.replace(tzinfo=_UTC)

        _self = cls(
            id,
            asset_id,
            team_id,
            domain_name,
            service_protocol,
            port,
            name,
            version,
            categories,
            active,
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

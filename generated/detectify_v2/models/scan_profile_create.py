from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset
from ..types import invalid as _invalid
from ..types import missing as _missing

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "endpoint",
        "name",
        "unique",
        "asset_token",
    )
)


@_attrs_define
class ScanProfileCreate:
    """
    Attributes:
        endpoint (str):
        name (str | Unset):
        unique (bool | Unset):
        asset_token (str | Unset): The asset (root domain) the profile's endpoint is on.
    """

    endpoint: str
    name: str | Unset = UNSET
    unique: bool | Unset = UNSET
    asset_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        endpoint = self.endpoint

        name = self.name

        unique = self.unique

        asset_token = self.asset_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "endpoint": endpoint,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if unique is not UNSET:
            field_dict["unique"] = unique
        if asset_token is not UNSET:
            field_dict["asset_token"] = asset_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ScanProfileCreate", "", "a JSON object", src_dict)

        endpoint = src_dict.get("endpoint", UNSET)
        if endpoint is UNSET:
            raise _missing("ScanProfileCreate", "endpoint")
        if not isinstance(endpoint, str) or len(endpoint) < 1:
            raise _invalid(
                "ScanProfileCreate",
                "endpoint",
                "a string of at least 1 character",
                endpoint,
            )

        name = src_dict.get("name", UNSET)
        if (not isinstance(name, str)) and name is not UNSET:
            raise _invalid("ScanProfileCreate", "name", "a string", name)

        unique = src_dict.get("unique", UNSET)
        if type(unique) is not bool and unique is not UNSET:
            raise _invalid("ScanProfileCreate", "unique", "a boolean", unique)

        asset_token = src_dict.get("asset_token", UNSET)
        if (not isinstance(asset_token, str)) and asset_token is not UNSET:
            raise _invalid("ScanProfileCreate", "asset_token", "a string", asset_token)

        _self = cls(
            endpoint,
            name,
            unique,
            asset_token,
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

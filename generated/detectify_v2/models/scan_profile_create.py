from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScanProfileCreate")


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
        d = dict(src_dict)
        endpoint = d.pop("endpoint")

        name = d.pop("name", UNSET)

        unique = d.pop("unique", UNSET)

        asset_token = d.pop("asset_token", UNSET)

        scan_profile_create = cls(
            endpoint=endpoint,
            name=name,
            unique=unique,
            asset_token=asset_token,
        )

        scan_profile_create.additional_properties = d
        return scan_profile_create

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

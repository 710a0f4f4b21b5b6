from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.asset import Asset


T = TypeVar("T", bound="SubdomainPage")


@_attrs_define
class SubdomainPage:
    """
    Attributes:
        assets (list[Asset]):
        has_more (bool | Unset):
        next_marker (None | str | Unset):
        current_marker (None | str | Unset):
    """

    assets: list[Asset]
    has_more: bool | Unset = UNSET
    next_marker: None | str | Unset = UNSET
    current_marker: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assets = []
        for assets_item_data in self.assets:
            assets_item = assets_item_data.to_dict()
            assets.append(assets_item)

        has_more = self.has_more

        next_marker: None | str | Unset
        if isinstance(self.next_marker, Unset):
            next_marker = UNSET
        else:
            next_marker = self.next_marker

        current_marker: None | str | Unset
        if isinstance(self.current_marker, Unset):
            current_marker = UNSET
        else:
            current_marker = self.current_marker

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assets": assets,
            }
        )
        if has_more is not UNSET:
            field_dict["has_more"] = has_more
        if next_marker is not UNSET:
            field_dict["next_marker"] = next_marker
        if current_marker is not UNSET:
            field_dict["current_marker"] = current_marker

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.asset import Asset

        d = dict(src_dict)
        assets = []
        _assets = d.pop("assets")
        for assets_item_data in _assets:
            assets_item = Asset.from_dict(assets_item_data)

            assets.append(assets_item)

        has_more = d.pop("has_more", UNSET)

        def _parse_next_marker(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_marker = _parse_next_marker(d.pop("next_marker", UNSET))

        def _parse_current_marker(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        current_marker = _parse_current_marker(d.pop("current_marker", UNSET))

        subdomain_page = cls(
            assets=assets,
            has_more=has_more,
            next_marker=next_marker,
            current_marker=current_marker,
        )

        subdomain_page.additional_properties = d
        return subdomain_page

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

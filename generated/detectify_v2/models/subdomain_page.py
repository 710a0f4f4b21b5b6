from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset import Asset
from ..types import UNSET, InvalidModelData, Unset
from ..types import invalid as _invalid
from ..types import missing as _missing

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "assets",
        "has_more",
        "next_marker",
        "current_marker",
    )
)


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
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("SubdomainPage", "", "a JSON object", src_dict)

        assets = src_dict.get("assets", UNSET)
        if assets is UNSET:
            raise _missing("SubdomainPage", "assets")
        if type(assets) is not list:
            raise _invalid("SubdomainPage", "assets", "an array", assets)
        _assets_parsed: list[Any] = []
        for _index_0, _item_0 in enumerate(assets):
            try:
                _item_0 = Asset.from_dict(_item_0)
            except InvalidModelData as _exc:
                raise _exc.within(
                    "SubdomainPage", "assets" + "[" + str(_index_0) + "]"
                ) from None

            _assets_parsed.append(_item_0)
        assets = _assets_parsed

        has_more = src_dict.get("has_more", UNSET)
        if type(has_more) is not bool and has_more is not UNSET:
            raise _invalid("SubdomainPage", "has_more", "a boolean", has_more)

        next_marker = src_dict.get("next_marker", UNSET)
        if (
            (not isinstance(next_marker, str))
            and next_marker is not UNSET
            and next_marker is not None
        ):
            raise _invalid(
                "SubdomainPage", "next_marker", "a string or null", next_marker
            )

        current_marker = src_dict.get("current_marker", UNSET)
        if (
            (not isinstance(current_marker, str))
            and current_marker is not UNSET
            and current_marker is not None
        ):
            raise _invalid(
                "SubdomainPage", "current_marker", "a string or null", current_marker
            )

        _self = cls(
            assets,
            has_more,
            next_marker,
            current_marker,
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

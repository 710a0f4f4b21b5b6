from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pagination import Pagination
from ..models.technology import Technology
from ..types import UNSET, InvalidModelData, Unset
from ..types import invalid as _invalid
from ..types import missing as _missing

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "items",
        "pagination",
    )
)


@_attrs_define
class TechnologyList:
    """A page of technologies.

    Attributes:
        items (list[Technology]):
        pagination (Pagination | Unset): Pagination state of a list response.
    """

    items: list[Technology]
    pagination: Pagination | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if pagination is not UNSET:
            field_dict["pagination"] = pagination

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("TechnologyList", "", "a JSON object", src_dict)

        items = src_dict.get("items", UNSET)
        if items is UNSET:
            raise _missing("TechnologyList", "items")
        if type(items) is not list:
            raise _invalid("TechnologyList", "items", "an array", items)
        _items_parsed: list[Any] = []
        for _index_0, _item_0 in enumerate(items):
            try:
                _item_0 = Technology.from_dict(_item_0)
            except InvalidModelData as _exc:
                raise _exc.within(
                    "TechnologyList", "items" + "[" + str(_index_0) + "]"
                ) from None

            _items_parsed.append(_item_0)
        items = _items_parsed

        pagination = src_dict.get("pagination", UNSET)
        if pagination is not UNSET:
            try:
                pagination = Pagination.from_dict(pagination)
            except InvalidModelData as _exc:
                raise _exc.within("TechnologyList", "pagination") from None

        _self = cls(
            items,
            pagination,
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

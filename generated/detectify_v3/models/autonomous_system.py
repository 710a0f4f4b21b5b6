from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset
from ..types import invalid as _invalid

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "name",
        "domain",
        "number",
    )
)


@_attrs_define
class AutonomousSystem:
    """ASN details of the IP.

    Attributes:
        name (str | Unset): Name of the autonomous system.
        domain (str | Unset): Domain of the autonomous system's operator.
        number (int | Unset): Autonomous system number.
    """

    name: str | Unset = UNSET
    domain: str | Unset = UNSET
    number: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        domain = self.domain

        number = self.number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if domain is not UNSET:
            field_dict["domain"] = domain
        if number is not UNSET:
            field_dict["number"] = number

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("AutonomousSystem", "", "a JSON object", src_dict)

        name = src_dict.get("name", UNSET)
        if (not isinstance(name, str)) and name is not UNSET:
            raise _invalid("AutonomousSystem", "name", "a string", name)

        domain = src_dict.get("domain", UNSET)
        if (not isinstance(domain, str)) and domain is not UNSET:
            raise _invalid("AutonomousSystem", "domain", "a string", domain)

        number = src_dict.get("number", UNSET)
        if (
            type(number) is not int
            and (type(number) is bool or not isinstance(number, int))
        ) and number is not UNSET:
            raise _invalid("AutonomousSystem", "number", "an integer", number)

        _self = cls(
            name,
            domain,
            number,
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

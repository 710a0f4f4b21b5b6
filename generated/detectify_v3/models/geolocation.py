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
        "continent",
        "continent_name",
        "country",
        "country_name",
    )
)


@_attrs_define
class Geolocation:
    """Geolocation of the IP.

    Attributes:
        continent (str | Unset): Continent code.
        continent_name (str | Unset): Continent name.
        country (str | Unset): ISO 3166-1 alpha-2 country code.
        country_name (str | Unset): Country name.
    """

    continent: str | Unset = UNSET
    continent_name: str | Unset = UNSET
    country: str | Unset = UNSET
    country_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        continent = self.continent

        continent_name = self.continent_name

        country = self.country

        country_name = self.country_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if continent is not UNSET:
            field_dict["continent"] = continent
        if continent_name is not UNSET:
            field_dict["continent_name"] = continent_name
        if country is not UNSET:
            field_dict["country"] = country
        if country_name is not UNSET:
            field_dict["country_name"] = country_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("Geolocation", "", "a JSON object", src_dict)

        continent = src_dict.get("continent", UNSET)
        if (not isinstance(continent, str)) and continent is not UNSET:
            raise _invalid("Geolocation", "continent", "a string", continent)

        continent_name = src_dict.get("continent_name", UNSET)
        if (not isinstance(continent_name, str)) and continent_name is not UNSET:
            raise _invalid("Geolocation", "continent_name", "a string", continent_name)

        country = src_dict.get("country", UNSET)
        if (not isinstance(country, str)) and country is not UNSET:
            raise _invalid("Geolocation", "country", "a string", country)

        country_name = src_dict.get("country_name", UNSET)
        if (not isinstance(country_name, str)) and country_name is not UNSET:
            raise _invalid("Geolocation", "country_name", "a string", country_name)

        _self = cls(
            continent,
            continent_name,
            country,
            country_name,
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

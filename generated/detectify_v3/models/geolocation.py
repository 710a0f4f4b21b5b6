from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Geolocation")


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
        d = dict(src_dict)
        continent = d.pop("continent", UNSET)

        continent_name = d.pop("continent_name", UNSET)

        country = d.pop("country", UNSET)

        country_name = d.pop("country_name", UNSET)

        geolocation = cls(
            continent=continent,
            continent_name=continent_name,
            country=country,
            country_name=country_name,
        )

        geolocation.additional_properties = d
        return geolocation

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

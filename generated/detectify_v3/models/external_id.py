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
        "external_id",
        "team_id",
    )
)


@_attrs_define
class ExternalId:
    """The external ID for AWS role-based connectors of one team.

    Example:
        {'external_id': 'string', 'team_id': 'string'}

    Attributes:
        external_id (str): The external ID to put in the IAM role's trust policy.
        team_id (str | Unset): The team the external ID belongs to.
    """

    external_id: str
    team_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        external_id = self.external_id

        team_id = self.team_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "external_id": external_id,
            }
        )
        if team_id is not UNSET:
            field_dict["team_id"] = team_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ExternalId", "", "a JSON object", src_dict)

        external_id = src_dict.get("external_id", UNSET)
        if external_id is UNSET:
            raise _missing("ExternalId", "external_id")
        if not isinstance(external_id, str):
            raise _invalid("ExternalId", "external_id", "a string", external_id)

        team_id = src_dict.get("team_id", UNSET)
        if (not isinstance(team_id, str)) and team_id is not UNSET:
            raise _invalid("ExternalId", "team_id", "a string", team_id)

        _self = cls(
            external_id,
            team_id,
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

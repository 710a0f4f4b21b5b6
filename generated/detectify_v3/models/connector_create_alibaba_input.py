from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET
from ..types import invalid as _invalid
from ..types import missing as _missing

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "access_key_id",
        "access_key_secret",
    )
)


@_attrs_define
class ConnectorCreateAlibabaInput:
    """
    Attributes:
        access_key_id (str): Alibaba Cloud AccessKey ID.
        access_key_secret (str): Alibaba Cloud AccessKey secret.
    """

    access_key_id: str
    access_key_secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_key_id = self.access_key_id

        access_key_secret = self.access_key_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_key_id": access_key_id,
                "access_key_secret": access_key_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ConnectorCreateAlibabaInput", "", "a JSON object", src_dict)

        access_key_id = src_dict.get("access_key_id", UNSET)
        if access_key_id is UNSET:
            raise _missing("ConnectorCreateAlibabaInput", "access_key_id")
        if not isinstance(access_key_id, str):
            raise _invalid(
                "ConnectorCreateAlibabaInput",
                "access_key_id",
                "a string",
                access_key_id,
            )

        access_key_secret = src_dict.get("access_key_secret", UNSET)
        if access_key_secret is UNSET:
            raise _missing("ConnectorCreateAlibabaInput", "access_key_secret")
        if not isinstance(access_key_secret, str):
            raise _invalid(
                "ConnectorCreateAlibabaInput",
                "access_key_secret",
                "a string",
                access_key_secret,
            )

        _self = cls(
            access_key_id,
            access_key_secret,
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

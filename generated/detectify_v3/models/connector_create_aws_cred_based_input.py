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
        "access_key",
        "secret_key",
    )
)


@_attrs_define
class ConnectorCreateAwsCredBasedInput:
    """
    Attributes:
        access_key (str): AWS access key ID.
        secret_key (str): AWS secret access key.
    """

    access_key: str
    secret_key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_key = self.access_key

        secret_key = self.secret_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_key": access_key,
                "secret_key": secret_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid(
                "ConnectorCreateAwsCredBasedInput", "", "a JSON object", src_dict
            )

        access_key = src_dict.get("access_key", UNSET)
        if access_key is UNSET:
            raise _missing("ConnectorCreateAwsCredBasedInput", "access_key")
        if not isinstance(access_key, str):
            raise _invalid(
                "ConnectorCreateAwsCredBasedInput", "access_key", "a string", access_key
            )

        secret_key = src_dict.get("secret_key", UNSET)
        if secret_key is UNSET:
            raise _missing("ConnectorCreateAwsCredBasedInput", "secret_key")
        if not isinstance(secret_key, str):
            raise _invalid(
                "ConnectorCreateAwsCredBasedInput", "secret_key", "a string", secret_key
            )

        _self = cls(
            access_key,
            secret_key,
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

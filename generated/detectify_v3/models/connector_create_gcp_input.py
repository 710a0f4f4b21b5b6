from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET
from ..types import invalid as _invalid
from ..types import missing as _missing

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(("service_account_key",))


@_attrs_define
class ConnectorCreateGCPInput:
    """
    Attributes:
        service_account_key (str): The service account key file, as JSON text.
    """

    service_account_key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        service_account_key = self.service_account_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "service_account_key": service_account_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ConnectorCreateGCPInput", "", "a JSON object", src_dict)

        service_account_key = src_dict.get("service_account_key", UNSET)
        if service_account_key is UNSET:
            raise _missing("ConnectorCreateGCPInput", "service_account_key")
        if not isinstance(service_account_key, str):
            raise _invalid(
                "ConnectorCreateGCPInput",
                "service_account_key",
                "a string",
                service_account_key,
            )

        _self = cls(
            service_account_key,
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

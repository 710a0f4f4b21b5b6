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
        "api_key",
        "api_secret",
    )
)


@_attrs_define
class ConnectorCreateGodaddyInput:
    """
    Attributes:
        api_key (str): GoDaddy API key.
        api_secret (str): GoDaddy API secret.
    """

    api_key: str
    api_secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        api_secret = self.api_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_key": api_key,
                "api_secret": api_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ConnectorCreateGodaddyInput", "", "a JSON object", src_dict)

        api_key = src_dict.get("api_key", UNSET)
        if api_key is UNSET:
            raise _missing("ConnectorCreateGodaddyInput", "api_key")
        if not isinstance(api_key, str):
            raise _invalid(
                "ConnectorCreateGodaddyInput", "api_key", "a string", api_key
            )

        api_secret = src_dict.get("api_secret", UNSET)
        if api_secret is UNSET:
            raise _missing("ConnectorCreateGodaddyInput", "api_secret")
        if not isinstance(api_secret, str):
            raise _invalid(
                "ConnectorCreateGodaddyInput", "api_secret", "a string", api_secret
            )

        _self = cls(
            api_key,
            api_secret,
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

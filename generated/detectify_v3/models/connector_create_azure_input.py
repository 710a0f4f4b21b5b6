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
        "tenant_id",
        "client_id",
        "client_secret",
    )
)


@_attrs_define
class ConnectorCreateAzureInput:
    """
    Attributes:
        tenant_id (str): Azure AD tenant ID.
        client_id (str): Application (client) ID.
        client_secret (str): Client secret.
    """

    tenant_id: str
    client_id: str
    client_secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tenant_id = self.tenant_id

        client_id = self.client_id

        client_secret = self.client_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tenant_id": tenant_id,
                "client_id": client_id,
                "client_secret": client_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ConnectorCreateAzureInput", "", "a JSON object", src_dict)

        tenant_id = src_dict.get("tenant_id", UNSET)
        if tenant_id is UNSET:
            raise _missing("ConnectorCreateAzureInput", "tenant_id")
        if not isinstance(tenant_id, str):
            raise _invalid(
                "ConnectorCreateAzureInput", "tenant_id", "a string", tenant_id
            )

        client_id = src_dict.get("client_id", UNSET)
        if client_id is UNSET:
            raise _missing("ConnectorCreateAzureInput", "client_id")
        if not isinstance(client_id, str):
            raise _invalid(
                "ConnectorCreateAzureInput", "client_id", "a string", client_id
            )

        client_secret = src_dict.get("client_secret", UNSET)
        if client_secret is UNSET:
            raise _missing("ConnectorCreateAzureInput", "client_secret")
        if not isinstance(client_secret, str):
            raise _invalid(
                "ConnectorCreateAzureInput", "client_secret", "a string", client_secret
            )

        _self = cls(
            tenant_id,
            client_id,
            client_secret,
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

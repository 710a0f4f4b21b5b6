from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.connector_create_alibaba_input import ConnectorCreateAlibabaInput
from ..models.connector_create_aws_cred_based_input import (
    ConnectorCreateAwsCredBasedInput,
)
from ..models.connector_create_aws_role_based_input import (
    ConnectorCreateAwsRoleBasedInput,
)
from ..models.connector_create_azure_input import ConnectorCreateAzureInput
from ..models.connector_create_cloudflare_input import ConnectorCreateCloudflareInput
from ..models.connector_create_digital_ocean_input import (
    ConnectorCreateDigitalOceanInput,
)
from ..models.connector_create_gcp_input import ConnectorCreateGCPInput
from ..models.connector_create_godaddy_input import ConnectorCreateGodaddyInput
from ..models.connector_create_ns1_input import ConnectorCreateNS1Input
from ..models.connector_provider import ConnectorProvider
from ..types import UNSET, EnumLookup, InvalidModelData, Unset
from ..types import invalid as _invalid
from ..types import missing as _missing

_CONNECTOR_PROVIDER: EnumLookup[ConnectorProvider] = EnumLookup(ConnectorProvider)


_OPTIONS_VARIANTS: tuple[
    type[
        ConnectorCreateAwsCredBasedInput
        | ConnectorCreateAwsRoleBasedInput
        | ConnectorCreateDigitalOceanInput
        | ConnectorCreateGCPInput
        | ConnectorCreateCloudflareInput
        | ConnectorCreateAlibabaInput
        | ConnectorCreateAzureInput
        | ConnectorCreateGodaddyInput
        | ConnectorCreateNS1Input
    ],
    ...,
] = (
    ConnectorCreateAwsCredBasedInput,
    ConnectorCreateAwsRoleBasedInput,
    ConnectorCreateDigitalOceanInput,
    ConnectorCreateGCPInput,
    ConnectorCreateCloudflareInput,
    ConnectorCreateAlibabaInput,
    ConnectorCreateAzureInput,
    ConnectorCreateGodaddyInput,
    ConnectorCreateNS1Input,
)


#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "name",
        "provider",
        "options",
        "team_id",
    )
)


@_attrs_define
class ConnectorCreateInput:
    """Input for creating a connector.

    Example:
        {'team_id': '5605b488634efe810dff4276e28ca7f9', 'name': 'My AWS Cred-Based Connector', 'provider':
            'AWS_ROLE_BASED', 'options': {'access_key': 'AKIAIOSFODNN7EXAMPLE', 'secret_key':
            'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'}}

    Attributes:
        name (str): Name the connector should have in API and UI.
        provider (ConnectorProvider): The provider a connector imports assets from.
        options (ConnectorCreateAlibabaInput | ConnectorCreateAwsCredBasedInput | ConnectorCreateAwsRoleBasedInput |
            ConnectorCreateAzureInput | ConnectorCreateCloudflareInput | ConnectorCreateDigitalOceanInput |
            ConnectorCreateGCPInput | ConnectorCreateGodaddyInput | ConnectorCreateNS1Input): Provider-specific options; the
            shape depends on `provider`.
        team_id (str | Unset): Team ID for the team where the connector should be created. Optional in case a single
            team ID is associated with the API key. Required for multi team API-keys.
    """

    name: str
    provider: ConnectorProvider
    options: (
        ConnectorCreateAlibabaInput
        | ConnectorCreateAwsCredBasedInput
        | ConnectorCreateAwsRoleBasedInput
        | ConnectorCreateAzureInput
        | ConnectorCreateCloudflareInput
        | ConnectorCreateDigitalOceanInput
        | ConnectorCreateGCPInput
        | ConnectorCreateGodaddyInput
        | ConnectorCreateNS1Input
    )
    team_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        provider = self.provider.value

        options: dict[str, Any]
        if (
            isinstance(self.options, ConnectorCreateAwsCredBasedInput)
            or isinstance(self.options, ConnectorCreateAwsRoleBasedInput)
            or isinstance(self.options, ConnectorCreateDigitalOceanInput)
            or isinstance(self.options, ConnectorCreateGCPInput)
            or isinstance(self.options, ConnectorCreateCloudflareInput)
            or isinstance(self.options, ConnectorCreateAlibabaInput)
            or isinstance(self.options, ConnectorCreateAzureInput)
            or isinstance(self.options, ConnectorCreateGodaddyInput)
        ):
            options = self.options.to_dict()
        else:
            options = self.options.to_dict()

        team_id = self.team_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "provider": provider,
                "options": options,
            }
        )
        if team_id is not UNSET:
            field_dict["team_id"] = team_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ConnectorCreateInput", "", "a JSON object", src_dict)

        name = src_dict.get("name", UNSET)
        if name is UNSET:
            raise _missing("ConnectorCreateInput", "name")
        if not isinstance(name, str):
            raise _invalid("ConnectorCreateInput", "name", "a string", name)

        provider = src_dict.get("provider", UNSET)
        if provider is UNSET:
            raise _missing("ConnectorCreateInput", "provider")
        if not isinstance(provider, str):
            raise _invalid("ConnectorCreateInput", "provider", "a string", provider)
        provider = _CONNECTOR_PROVIDER[provider]

        options = src_dict.get("options", UNSET)
        if options is UNSET:
            raise _missing("ConnectorCreateInput", "options")
        for _variant in _OPTIONS_VARIANTS:
            try:
                options = _variant.from_dict(options)
                break
            except InvalidModelData:
                pass
        else:
            raise _invalid(
                "ConnectorCreateInput",
                "options",
                "an object matching one of ConnectorCreateAwsCredBasedInput, ConnectorCreateAwsRoleBasedInput, ConnectorCreateDigitalOceanInput, ConnectorCreateGCPInput, ConnectorCreateCloudflareInput, ConnectorCreateAlibabaInput, ConnectorCreateAzureInput, ConnectorCreateGodaddyInput, ConnectorCreateNS1Input",
                options,
            )

        team_id = src_dict.get("team_id", UNSET)
        if (not isinstance(team_id, str)) and team_id is not UNSET:
            raise _invalid("ConnectorCreateInput", "team_id", "a string", team_id)

        _self = cls(
            name,
            provider,
            options,
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

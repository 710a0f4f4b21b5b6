from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.connector_provider import ConnectorProvider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connector_create_alibaba_input import ConnectorCreateAlibabaInput
    from ..models.connector_create_aws_cred_based_input import (
        ConnectorCreateAwsCredBasedInput,
    )
    from ..models.connector_create_aws_role_based_input import (
        ConnectorCreateAwsRoleBasedInput,
    )
    from ..models.connector_create_azure_input import ConnectorCreateAzureInput
    from ..models.connector_create_cloudflare_input import (
        ConnectorCreateCloudflareInput,
    )
    from ..models.connector_create_digital_ocean_input import (
        ConnectorCreateDigitalOceanInput,
    )
    from ..models.connector_create_gcp_input import ConnectorCreateGCPInput
    from ..models.connector_create_godaddy_input import ConnectorCreateGodaddyInput
    from ..models.connector_create_ns1_input import ConnectorCreateNS1Input


T = TypeVar("T", bound="ConnectorCreateInput")


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
        from ..models.connector_create_alibaba_input import ConnectorCreateAlibabaInput
        from ..models.connector_create_aws_cred_based_input import (
            ConnectorCreateAwsCredBasedInput,
        )
        from ..models.connector_create_aws_role_based_input import (
            ConnectorCreateAwsRoleBasedInput,
        )
        from ..models.connector_create_azure_input import ConnectorCreateAzureInput
        from ..models.connector_create_cloudflare_input import (
            ConnectorCreateCloudflareInput,
        )
        from ..models.connector_create_digital_ocean_input import (
            ConnectorCreateDigitalOceanInput,
        )
        from ..models.connector_create_gcp_input import ConnectorCreateGCPInput
        from ..models.connector_create_godaddy_input import ConnectorCreateGodaddyInput

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
        from ..models.connector_create_alibaba_input import ConnectorCreateAlibabaInput
        from ..models.connector_create_aws_cred_based_input import (
            ConnectorCreateAwsCredBasedInput,
        )
        from ..models.connector_create_aws_role_based_input import (
            ConnectorCreateAwsRoleBasedInput,
        )
        from ..models.connector_create_azure_input import ConnectorCreateAzureInput
        from ..models.connector_create_cloudflare_input import (
            ConnectorCreateCloudflareInput,
        )
        from ..models.connector_create_digital_ocean_input import (
            ConnectorCreateDigitalOceanInput,
        )
        from ..models.connector_create_gcp_input import ConnectorCreateGCPInput
        from ..models.connector_create_godaddy_input import ConnectorCreateGodaddyInput
        from ..models.connector_create_ns1_input import ConnectorCreateNS1Input

        d = dict(src_dict)
        name = d.pop("name")

        provider = ConnectorProvider(d.pop("provider"))

        def _parse_options(
            data: object,
        ) -> (
            ConnectorCreateAlibabaInput
            | ConnectorCreateAwsCredBasedInput
            | ConnectorCreateAwsRoleBasedInput
            | ConnectorCreateAzureInput
            | ConnectorCreateCloudflareInput
            | ConnectorCreateDigitalOceanInput
            | ConnectorCreateGCPInput
            | ConnectorCreateGodaddyInput
            | ConnectorCreateNS1Input
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_0 = ConnectorCreateAwsCredBasedInput.from_dict(data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_1 = ConnectorCreateAwsRoleBasedInput.from_dict(data)

                return options_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_2 = ConnectorCreateDigitalOceanInput.from_dict(data)

                return options_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_3 = ConnectorCreateGCPInput.from_dict(data)

                return options_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_4 = ConnectorCreateCloudflareInput.from_dict(data)

                return options_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_5 = ConnectorCreateAlibabaInput.from_dict(data)

                return options_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_6 = ConnectorCreateAzureInput.from_dict(data)

                return options_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_7 = ConnectorCreateGodaddyInput.from_dict(data)

                return options_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            options_type_8 = ConnectorCreateNS1Input.from_dict(data)

            return options_type_8

        options = _parse_options(d.pop("options"))

        team_id = d.pop("team_id", UNSET)

        connector_create_input = cls(
            name=name,
            provider=provider,
            options=options,
            team_id=team_id,
        )

        connector_create_input.additional_properties = d
        return connector_create_input

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

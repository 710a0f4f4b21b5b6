from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.connector_provider import ConnectorProvider
from ..types import UNSET, Unset, format_datetime, parse_datetime

if TYPE_CHECKING:
    from ..models.connector_last_run import ConnectorLastRun


T = TypeVar("T", bound="Connector")


@_attrs_define
class Connector:
    """A connector importing assets from a provider.

    Example:
        {'id': '0b14fd3e-9c30-4038-9d78-b5e7d992dc01', 'name': 'detectify-aws-connector', 'team_id':
            '5605b488634efe810dff4276e28ca7f9', 'last_run': {'status': 'SUCCESS', 'error': 'Invalid credentials: Make sure
            the access keys are active', 'completed_at': '2023-09-18T12:12:00Z'}, 'provider': 'AWS_ROLE_BASED',
            'created_at': '2023-09-18T12:12:00Z', 'updated_at': '2023-09-18T12:12:00Z'}

    Attributes:
        id (str): Unique ID of the connector.
        name (str | Unset): Name of the connector in API and UI.
        team_id (str | Unset): The team owning the connector.
        last_run (ConnectorLastRun | None | Unset): The connector's last run; null before the first run.
        provider (ConnectorProvider | Unset): The provider a connector imports assets from.
        created_at (datetime.datetime | Unset): When the connector was created.
        updated_at (datetime.datetime | Unset): When the connector was last updated.
    """

    id: str
    name: str | Unset = UNSET
    team_id: str | Unset = UNSET
    last_run: ConnectorLastRun | None | Unset = UNSET
    provider: ConnectorProvider | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.connector_last_run import ConnectorLastRun

        id = self.id

        name = self.name

        team_id = self.team_id

        last_run: dict[str, Any] | None | Unset
        if isinstance(self.last_run, Unset):
            last_run = UNSET
        elif isinstance(self.last_run, ConnectorLastRun):
            last_run = self.last_run.to_dict()
        else:
            last_run = self.last_run

        provider: str | Unset = UNSET
        if not isinstance(self.provider, Unset):
            provider = self.provider.value

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = format_datetime(self.created_at)

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = format_datetime(self.updated_at)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if last_run is not UNSET:
            field_dict["last_run"] = last_run
        if provider is not UNSET:
            field_dict["provider"] = provider
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.connector_last_run import ConnectorLastRun

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        team_id = d.pop("team_id", UNSET)

        def _parse_last_run(data: object) -> ConnectorLastRun | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_connector_last_run_type_0 = (
                    ConnectorLastRun.from_dict(data)
                )

                return componentsschemas_connector_last_run_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConnectorLastRun | None | Unset, data)

        last_run = _parse_last_run(d.pop("last_run", UNSET))

        _provider = d.pop("provider", UNSET)
        provider: ConnectorProvider | Unset
        if isinstance(_provider, Unset):
            provider = UNSET
        else:
            provider = ConnectorProvider(_provider)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = parse_datetime(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = parse_datetime(_updated_at)

        connector = cls(
            id=id,
            name=name,
            team_id=team_id,
            last_run=last_run,
            provider=provider,
            created_at=created_at,
            updated_at=updated_at,
        )

        connector.additional_properties = d
        return connector

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

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.connector_last_run import ConnectorLastRun
from ..models.connector_provider import ConnectorProvider
from ..types import UNSET, EnumLookup, InvalidModelData, Unset, format_datetime
from ..types import invalid as _invalid
from ..types import missing as _missing

_CONNECTOR_PROVIDER: EnumLookup[ConnectorProvider] = EnumLookup(ConnectorProvider)


_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "id",
        "name",
        "team_id",
        "last_run",
        "provider",
        "created_at",
        "updated_at",
    )
)


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
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("Connector", "", "a JSON object", src_dict)

        id = src_dict.get("id", UNSET)
        if id is UNSET:
            raise _missing("Connector", "id")
        if not isinstance(id, str):
            raise _invalid("Connector", "id", "a string", id)

        name = src_dict.get("name", UNSET)
        if (not isinstance(name, str)) and name is not UNSET:
            raise _invalid("Connector", "name", "a string", name)

        team_id = src_dict.get("team_id", UNSET)
        if (not isinstance(team_id, str)) and team_id is not UNSET:
            raise _invalid("Connector", "team_id", "a string", team_id)

        last_run = src_dict.get("last_run", UNSET)
        if last_run is not UNSET and last_run is not None:
            try:
                last_run = ConnectorLastRun.from_dict(last_run)
            except InvalidModelData as _exc:
                raise _exc.within("Connector", "last_run") from None

        provider = src_dict.get("provider", UNSET)
        if provider is not UNSET:
            if not isinstance(provider, str):
                raise _invalid("Connector", "provider", "a string", provider)
            provider = _CONNECTOR_PROVIDER[provider]

        created_at = src_dict.get("created_at", UNSET)
        if created_at is not UNSET:
            if not isinstance(created_at, str) or len(created_at) <= 10:
                raise _invalid(
                    "Connector", "created_at", "an ISO 8601 date-time", created_at
                )
            try:
                created_at = _datetime_from(created_at)
            except ValueError:
                raise _invalid(
                    "Connector", "created_at", "an ISO 8601 date-time", created_at
                ) from None
            if created_at.tzinfo is None:
                created_at = created_at.replace(tzinfo=_UTC)

        updated_at = src_dict.get("updated_at", UNSET)
        if updated_at is not UNSET:
            if not isinstance(updated_at, str) or len(updated_at) <= 10:
                raise _invalid(
                    "Connector", "updated_at", "an ISO 8601 date-time", updated_at
                )
            try:
                updated_at = _datetime_from(updated_at)
            except ValueError:
                raise _invalid(
                    "Connector", "updated_at", "an ISO 8601 date-time", updated_at
                ) from None
            if updated_at.tzinfo is None:
                updated_at = updated_at.replace(tzinfo=_UTC)

        _self = cls(
            id,
            name,
            team_id,
            last_run,
            provider,
            created_at,
            updated_at,
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

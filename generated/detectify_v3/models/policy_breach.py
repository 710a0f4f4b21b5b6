from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.breach_severity import BreachSeverity
from ..models.breach_status import BreachStatus
from ..types import UNSET, Unset, format_datetime, parse_datetime

T = TypeVar("T", bound="PolicyBreach")


@_attrs_define
class PolicyBreach:
    """A policy breach detected on an asset.

    Example:
        {'id': '0b14fd3e-9c30-4038-9d78-b5e7d992dc01', 'policy_id': '0b14fd3e-9c30-4038-9d78-b5e7d992dc01',
            'policy_name': 'My Policy', 'asset_id': '5605b488634efe810dff4276e28ca7', 'asset_name': 'example.com',
            'severity': 'INFO', 'active': True, 'status': 'NEW', 'status_updated_at': '2019-08-24T14:15:22Z',
            'first_seen_at': '2019-08-24T14:15:22Z', 'disappeared_at': '2019-08-24T14:15:22Z'}

    Attributes:
        id (str): Unique ID of the breach.
        policy_id (str | Unset): The breached policy.
        policy_name (str | Unset): Name of the breached policy.
        asset_id (str | Unset): The asset in breach.
        asset_name (str | Unset): Name of the asset in breach.
        severity (BreachSeverity | Unset): Severity of a policy breach.
        active (bool | Unset): Whether the breach is currently seen.
        status (BreachStatus | Unset): Triage status of a policy breach.
        status_updated_at (datetime.datetime | Unset): When the status last changed.
        first_seen_at (datetime.datetime | Unset): When the breach was first seen with new status.
        disappeared_at (datetime.datetime | None | Unset): When the breach disappeared; null while it is still seen.
    """

    id: str
    policy_id: str | Unset = UNSET
    policy_name: str | Unset = UNSET
    asset_id: str | Unset = UNSET
    asset_name: str | Unset = UNSET
    severity: BreachSeverity | Unset = UNSET
    active: bool | Unset = UNSET
    status: BreachStatus | Unset = UNSET
    status_updated_at: datetime.datetime | Unset = UNSET
    first_seen_at: datetime.datetime | Unset = UNSET
    disappeared_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        policy_id = self.policy_id

        policy_name = self.policy_name

        asset_id = self.asset_id

        asset_name = self.asset_name

        severity: str | Unset = UNSET
        if not isinstance(self.severity, Unset):
            severity = self.severity.value

        active = self.active

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        status_updated_at: str | Unset = UNSET
        if not isinstance(self.status_updated_at, Unset):
            status_updated_at = format_datetime(self.status_updated_at)

        first_seen_at: str | Unset = UNSET
        if not isinstance(self.first_seen_at, Unset):
            first_seen_at = format_datetime(self.first_seen_at)

        disappeared_at: None | str | Unset
        if isinstance(self.disappeared_at, Unset):
            disappeared_at = UNSET
        elif isinstance(self.disappeared_at, datetime.datetime):
            disappeared_at = format_datetime(self.disappeared_at)
        else:
            disappeared_at = self.disappeared_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if policy_id is not UNSET:
            field_dict["policy_id"] = policy_id
        if policy_name is not UNSET:
            field_dict["policy_name"] = policy_name
        if asset_id is not UNSET:
            field_dict["asset_id"] = asset_id
        if asset_name is not UNSET:
            field_dict["asset_name"] = asset_name
        if severity is not UNSET:
            field_dict["severity"] = severity
        if active is not UNSET:
            field_dict["active"] = active
        if status is not UNSET:
            field_dict["status"] = status
        if status_updated_at is not UNSET:
            field_dict["status_updated_at"] = status_updated_at
        if first_seen_at is not UNSET:
            field_dict["first_seen_at"] = first_seen_at
        if disappeared_at is not UNSET:
            field_dict["disappeared_at"] = disappeared_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        policy_id = d.pop("policy_id", UNSET)

        policy_name = d.pop("policy_name", UNSET)

        asset_id = d.pop("asset_id", UNSET)

        asset_name = d.pop("asset_name", UNSET)

        _severity = d.pop("severity", UNSET)
        severity: BreachSeverity | Unset
        if isinstance(_severity, Unset):
            severity = UNSET
        else:
            severity = BreachSeverity(_severity)

        active = d.pop("active", UNSET)

        _status = d.pop("status", UNSET)
        status: BreachStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = BreachStatus(_status)

        _status_updated_at = d.pop("status_updated_at", UNSET)
        status_updated_at: datetime.datetime | Unset
        if isinstance(_status_updated_at, Unset):
            status_updated_at = UNSET
        else:
            status_updated_at = parse_datetime(_status_updated_at)

        _first_seen_at = d.pop("first_seen_at", UNSET)
        first_seen_at: datetime.datetime | Unset
        if isinstance(_first_seen_at, Unset):
            first_seen_at = UNSET
        else:
            first_seen_at = parse_datetime(_first_seen_at)

        def _parse_disappeared_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disappeared_at_type_0 = parse_datetime(data)

                return disappeared_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        disappeared_at = _parse_disappeared_at(d.pop("disappeared_at", UNSET))

        policy_breach = cls(
            id=id,
            policy_id=policy_id,
            policy_name=policy_name,
            asset_id=asset_id,
            asset_name=asset_name,
            severity=severity,
            active=active,
            status=status,
            status_updated_at=status_updated_at,
            first_seen_at=first_seen_at,
            disappeared_at=disappeared_at,
        )

        policy_breach.additional_properties = d
        return policy_breach

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

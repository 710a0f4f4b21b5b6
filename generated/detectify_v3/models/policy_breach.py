from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.breach_severity import BreachSeverity
from ..models.breach_status import BreachStatus
from ..types import UNSET, EnumLookup, Unset, format_datetime
from ..types import invalid as _invalid
from ..types import missing as _missing

_BREACH_SEVERITY: EnumLookup[BreachSeverity] = EnumLookup(BreachSeverity)


_BREACH_STATUS: EnumLookup[BreachStatus] = EnumLookup(BreachStatus)


_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "id",
        "policy_id",
        "policy_name",
        "asset_id",
        "asset_name",
        "severity",
        "active",
        "status",
        "status_updated_at",
        "first_seen_at",
        "disappeared_at",
    )
)


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
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("PolicyBreach", "", "a JSON object", src_dict)

        id = src_dict.get("id", UNSET)
        if id is UNSET:
            raise _missing("PolicyBreach", "id")
        if not isinstance(id, str):
            raise _invalid("PolicyBreach", "id", "a string", id)

        policy_id = src_dict.get("policy_id", UNSET)
        if (not isinstance(policy_id, str)) and policy_id is not UNSET:
            raise _invalid("PolicyBreach", "policy_id", "a string", policy_id)

        policy_name = src_dict.get("policy_name", UNSET)
        if (not isinstance(policy_name, str)) and policy_name is not UNSET:
            raise _invalid("PolicyBreach", "policy_name", "a string", policy_name)

        asset_id = src_dict.get("asset_id", UNSET)
        if (not isinstance(asset_id, str)) and asset_id is not UNSET:
            raise _invalid("PolicyBreach", "asset_id", "a string", asset_id)

        asset_name = src_dict.get("asset_name", UNSET)
        if (not isinstance(asset_name, str)) and asset_name is not UNSET:
            raise _invalid("PolicyBreach", "asset_name", "a string", asset_name)

        severity = src_dict.get("severity", UNSET)
        if severity is not UNSET:
            if not isinstance(severity, str):
                raise _invalid("PolicyBreach", "severity", "a string", severity)
            severity = _BREACH_SEVERITY[severity]

        active = src_dict.get("active", UNSET)
        if type(active) is not bool and active is not UNSET:
            raise _invalid("PolicyBreach", "active", "a boolean", active)

        status = src_dict.get("status", UNSET)
        if status is not UNSET:
            if not isinstance(status, str):
                raise _invalid("PolicyBreach", "status", "a string", status)
            status = _BREACH_STATUS[status]

        status_updated_at = src_dict.get("status_updated_at", UNSET)
        if status_updated_at is not UNSET:
            if not isinstance(status_updated_at, str) or len(status_updated_at) <= 10:
                raise _invalid(
                    "PolicyBreach",
                    "status_updated_at",
                    "an ISO 8601 date-time",
                    status_updated_at,
                )
            try:
                status_updated_at = _datetime_from(status_updated_at)
            except ValueError:
                raise _invalid(
                    "PolicyBreach",
                    "status_updated_at",
                    "an ISO 8601 date-time",
                    status_updated_at,
                ) from None
            if status_updated_at.tzinfo is None:
                status_updated_at = status_updated_at.replace(tzinfo=_UTC)

        first_seen_at = src_dict.get("first_seen_at", UNSET)
        if first_seen_at is not UNSET:
            if not isinstance(first_seen_at, str) or len(first_seen_at) <= 10:
                raise _invalid(
                    "PolicyBreach",
                    "first_seen_at",
                    "an ISO 8601 date-time",
                    first_seen_at,
                )
            try:
                first_seen_at = _datetime_from(first_seen_at)
            except ValueError:
                raise _invalid(
                    "PolicyBreach",
                    "first_seen_at",
                    "an ISO 8601 date-time",
                    first_seen_at,
                ) from None
            if first_seen_at.tzinfo is None:
                first_seen_at = first_seen_at.replace(tzinfo=_UTC)

        disappeared_at = src_dict.get("disappeared_at", UNSET)
        if disappeared_at is not UNSET and disappeared_at is not None:
            if not isinstance(disappeared_at, str) or len(disappeared_at) <= 10:
                raise _invalid(
                    "PolicyBreach",
                    "disappeared_at",
                    "an ISO 8601 date-time or null",
                    disappeared_at,
                )
            try:
                disappeared_at = _datetime_from(disappeared_at)
            except ValueError:
                raise _invalid(
                    "PolicyBreach",
                    "disappeared_at",
                    "an ISO 8601 date-time or null",
                    disappeared_at,
                ) from None
            if disappeared_at.tzinfo is None:
                disappeared_at = disappeared_at.replace(tzinfo=_UTC)

        _self = cls(
            id,
            policy_id,
            policy_name,
            asset_id,
            asset_name,
            severity,
            active,
            status,
            status_updated_at,
            first_seen_at,
            disappeared_at,
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

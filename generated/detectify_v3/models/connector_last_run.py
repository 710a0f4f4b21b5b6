from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.connector_run_status import ConnectorRunStatus
from ..types import UNSET, EnumLookup, Unset, format_datetime
from ..types import invalid as _invalid

_CONNECTOR_RUN_STATUS: EnumLookup[ConnectorRunStatus] = EnumLookup(ConnectorRunStatus)


_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "status",
        "error",
        "completed_at",
    )
)


@_attrs_define
class ConnectorLastRun:
    """The connector's last run; null before the first run.

    Attributes:
        status (ConnectorRunStatus | Unset): Outcome of a connector's last run.
        error (None | str | Unset): Why the run failed, if it did.
        completed_at (datetime.datetime | None | Unset): When the run completed.
    """

    status: ConnectorRunStatus | Unset = UNSET
    error: None | str | Unset = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = format_datetime(self.completed_at)
        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if error is not UNSET:
            field_dict["error"] = error
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ConnectorLastRun", "", "a JSON object", src_dict)

        status = src_dict.get("status", UNSET)
        if status is not UNSET:
            if not isinstance(status, str):
                raise _invalid("ConnectorLastRun", "status", "a string", status)
            status = _CONNECTOR_RUN_STATUS[status]

        error = src_dict.get("error", UNSET)
        if (not isinstance(error, str)) and error is not UNSET and error is not None:
            raise _invalid("ConnectorLastRun", "error", "a string or null", error)

        completed_at = src_dict.get("completed_at", UNSET)
        if completed_at is not UNSET and completed_at is not None:
            if not isinstance(completed_at, str) or len(completed_at) <= 10:
                raise _invalid(
                    "ConnectorLastRun",
                    "completed_at",
                    "an ISO 8601 date-time or null",
                    completed_at,
                )
            try:
                completed_at = _datetime_from(completed_at)
            except ValueError:
                raise _invalid(
                    "ConnectorLastRun",
                    "completed_at",
                    "an ISO 8601 date-time or null",
                    completed_at,
                ) from None
            if completed_at.tzinfo is None:
                completed_at = completed_at.replace(tzinfo=_UTC)

        _self = cls(
            status,
            error,
            completed_at,
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

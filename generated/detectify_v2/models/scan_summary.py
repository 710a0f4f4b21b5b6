from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime
from ..types import invalid as _invalid

_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "started",
        "ended",
        "status",
    )
)


@_attrs_define
class ScanSummary:
    """
    Attributes:
        started (datetime.datetime | None | Unset):
        ended (datetime.datetime | None | Unset):
        status (str | Unset):
    """

    started: datetime.datetime | None | Unset = UNSET
    ended: datetime.datetime | None | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        started: None | str | Unset
        if isinstance(self.started, Unset):
            started = UNSET
        elif isinstance(self.started, datetime.datetime):
            started = format_datetime(self.started)
        else:
            started = self.started

        ended: None | str | Unset
        if isinstance(self.ended, Unset):
            ended = UNSET
        elif isinstance(self.ended, datetime.datetime):
            ended = format_datetime(self.ended)
        else:
            ended = self.ended

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if started is not UNSET:
            field_dict["started"] = started
        if ended is not UNSET:
            field_dict["ended"] = ended
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ScanSummary", "", "a JSON object", src_dict)

        started = src_dict.get("started", UNSET)
        if started is not UNSET and started is not None:
            if not isinstance(started, str) or len(started) <= 10:
                raise _invalid(
                    "ScanSummary", "started", "an ISO 8601 date-time or null", started
                )
            try:
                started = _datetime_from(started)
            except ValueError:
                raise _invalid(
                    "ScanSummary", "started", "an ISO 8601 date-time or null", started
                ) from None
            if started.tzinfo is None:
                started = started.replace(tzinfo=_UTC)

        ended = src_dict.get("ended", UNSET)
        if ended is not UNSET and ended is not None:
            if not isinstance(ended, str) or len(ended) <= 10:
                raise _invalid(
                    "ScanSummary", "ended", "an ISO 8601 date-time or null", ended
                )
            try:
                ended = _datetime_from(ended)
            except ValueError:
                raise _invalid(
                    "ScanSummary", "ended", "an ISO 8601 date-time or null", ended
                ) from None
            if ended.tzinfo is None:
                ended = ended.replace(tzinfo=_UTC)

        status = src_dict.get("status", UNSET)
        if (not isinstance(status, str)) and status is not UNSET:
            raise _invalid("ScanSummary", "status", "a string", status)

        _self = cls(
            started,
            ended,
            status,
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

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scan_schedule_frequency import ScanScheduleFrequency
from ..types import UNSET, EnumLookup, Unset, format_datetime
from ..types import invalid as _invalid
from ..types import missing as _missing

_SCAN_SCHEDULE_FREQUENCY: EnumLookup[ScanScheduleFrequency] = EnumLookup(
    ScanScheduleFrequency
)


_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "frequency",
        "start",
    )
)


@_attrs_define
class ScanSchedule:
    """
    Attributes:
        frequency (ScanScheduleFrequency):
        start (datetime.datetime | None | Unset):
    """

    frequency: ScanScheduleFrequency
    start: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        frequency = self.frequency.value

        start: None | str | Unset
        if isinstance(self.start, Unset):
            start = UNSET
        elif isinstance(self.start, datetime.datetime):
            start = format_datetime(self.start)
        else:
            start = self.start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "frequency": frequency,
            }
        )
        if start is not UNSET:
            field_dict["start"] = start

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ScanSchedule", "", "a JSON object", src_dict)

        frequency = src_dict.get("frequency", UNSET)
        if frequency is UNSET:
            raise _missing("ScanSchedule", "frequency")
        if not isinstance(frequency, str):
            raise _invalid("ScanSchedule", "frequency", "a string", frequency)
        frequency = _SCAN_SCHEDULE_FREQUENCY[frequency]

        start = src_dict.get("start", UNSET)
        if start is not UNSET and start is not None:
            if not isinstance(start, str) or len(start) <= 10:
                raise _invalid(
                    "ScanSchedule", "start", "an ISO 8601 date-time or null", start
                )
            try:
                start = _datetime_from(start)
            except ValueError:
                raise _invalid(
                    "ScanSchedule", "start", "an ISO 8601 date-time or null", start
                ) from None
            if start.tzinfo is None:
                start = start.replace(tzinfo=_UTC)

        _self = cls(
            frequency,
            start,
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

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
        "scan_profile_token",
        "created",
        "phase",
        "state",
    )
)


@_attrs_define
class ScanStatus:
    """
    Attributes:
        scan_profile_token (str | Unset):
        created (datetime.datetime | None | Unset):
        phase (str | Unset):
        state (str | Unset):
    """

    scan_profile_token: str | Unset = UNSET
    created: datetime.datetime | None | Unset = UNSET
    phase: str | Unset = UNSET
    state: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scan_profile_token = self.scan_profile_token

        created: None | str | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        elif isinstance(self.created, datetime.datetime):
            created = format_datetime(self.created)
        else:
            created = self.created

        phase = self.phase

        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if scan_profile_token is not UNSET:
            field_dict["scan_profile_token"] = scan_profile_token
        if created is not UNSET:
            field_dict["created"] = created
        if phase is not UNSET:
            field_dict["phase"] = phase
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ScanStatus", "", "a JSON object", src_dict)

        scan_profile_token = src_dict.get("scan_profile_token", UNSET)
        if (
            not isinstance(scan_profile_token, str)
        ) and scan_profile_token is not UNSET:
            raise _invalid(
                "ScanStatus", "scan_profile_token", "a string", scan_profile_token
            )

        created = src_dict.get("created", UNSET)
        if created is not UNSET and created is not None:
            if not isinstance(created, str) or len(created) <= 10:
                raise _invalid(
                    "ScanStatus", "created", "an ISO 8601 date-time or null", created
                )
            try:
                created = _datetime_from(created)
            except ValueError:
                raise _invalid(
                    "ScanStatus", "created", "an ISO 8601 date-time or null", created
                ) from None
            if created.tzinfo is None:
                created = created.replace(tzinfo=_UTC)

        phase = src_dict.get("phase", UNSET)
        if (not isinstance(phase, str)) and phase is not UNSET:
            raise _invalid("ScanStatus", "phase", "a string", phase)

        state = src_dict.get("state", UNSET)
        if (not isinstance(state, str)) and state is not UNSET:
            raise _invalid("ScanStatus", "state", "a string", state)

        _self = cls(
            scan_profile_token,
            created,
            phase,
            state,
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

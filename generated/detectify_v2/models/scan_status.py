from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime, parse_datetime

T = TypeVar("T", bound="ScanStatus")


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
        d = dict(src_dict)
        scan_profile_token = d.pop("scan_profile_token", UNSET)

        def _parse_created(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_type_0 = parse_datetime(data)

                return created_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created = _parse_created(d.pop("created", UNSET))

        phase = d.pop("phase", UNSET)

        state = d.pop("state", UNSET)

        scan_status = cls(
            scan_profile_token=scan_profile_token,
            created=created,
            phase=phase,
            state=state,
        )

        scan_status.additional_properties = d
        return scan_status

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

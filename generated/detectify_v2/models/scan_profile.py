from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime, parse_datetime

if TYPE_CHECKING:
    from ..models.scan_summary import ScanSummary


T = TypeVar("T", bound="ScanProfile")


@_attrs_define
class ScanProfile:
    """
    Attributes:
        token (str):
        name (str | Unset):
        endpoint (str | Unset):
        status (str | Unset):
        created (datetime.datetime | None | Unset):
        latest_scan (None | ScanSummary | Unset):
    """

    token: str
    name: str | Unset = UNSET
    endpoint: str | Unset = UNSET
    status: str | Unset = UNSET
    created: datetime.datetime | None | Unset = UNSET
    latest_scan: None | ScanSummary | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.scan_summary import ScanSummary

        token = self.token

        name = self.name

        endpoint = self.endpoint

        status = self.status

        created: None | str | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        elif isinstance(self.created, datetime.datetime):
            created = format_datetime(self.created)
        else:
            created = self.created

        latest_scan: dict[str, Any] | None | Unset
        if isinstance(self.latest_scan, Unset):
            latest_scan = UNSET
        elif isinstance(self.latest_scan, ScanSummary):
            latest_scan = self.latest_scan.to_dict()
        else:
            latest_scan = self.latest_scan

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint
        if status is not UNSET:
            field_dict["status"] = status
        if created is not UNSET:
            field_dict["created"] = created
        if latest_scan is not UNSET:
            field_dict["latest_scan"] = latest_scan

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.scan_summary import ScanSummary

        d = dict(src_dict)
        token = d.pop("token")

        name = d.pop("name", UNSET)

        endpoint = d.pop("endpoint", UNSET)

        status = d.pop("status", UNSET)

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

        def _parse_latest_scan(data: object) -> None | ScanSummary | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_scan_summary_type_0 = ScanSummary.from_dict(data)

                return componentsschemas_scan_summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScanSummary | Unset, data)

        latest_scan = _parse_latest_scan(d.pop("latest_scan", UNSET))

        scan_profile = cls(
            token=token,
            name=name,
            endpoint=endpoint,
            status=status,
            created=created,
            latest_scan=latest_scan,
        )

        scan_profile.additional_properties = d
        return scan_profile

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

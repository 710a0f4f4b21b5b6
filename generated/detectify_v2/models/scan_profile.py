from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scan_summary import ScanSummary
from ..types import UNSET, InvalidModelData, Unset, format_datetime
from ..types import invalid as _invalid
from ..types import missing as _missing

_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "token",
        "name",
        "endpoint",
        "status",
        "created",
        "latest_scan",
    )
)


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
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ScanProfile", "", "a JSON object", src_dict)

        token = src_dict.get("token", UNSET)
        if token is UNSET:
            raise _missing("ScanProfile", "token")
        if not isinstance(token, str):
            raise _invalid("ScanProfile", "token", "a string", token)

        name = src_dict.get("name", UNSET)
        if (not isinstance(name, str)) and name is not UNSET:
            raise _invalid("ScanProfile", "name", "a string", name)

        endpoint = src_dict.get("endpoint", UNSET)
        if (not isinstance(endpoint, str)) and endpoint is not UNSET:
            raise _invalid("ScanProfile", "endpoint", "a string", endpoint)

        status = src_dict.get("status", UNSET)
        if (not isinstance(status, str)) and status is not UNSET:
            raise _invalid("ScanProfile", "status", "a string", status)

        created = src_dict.get("created", UNSET)
        if created is not UNSET and created is not None:
            if not isinstance(created, str) or len(created) <= 10:
                raise _invalid(
                    "ScanProfile", "created", "an ISO 8601 date-time or null", created
                )
            try:
                created = _datetime_from(created)
            except ValueError:
                raise _invalid(
                    "ScanProfile", "created", "an ISO 8601 date-time or null", created
                ) from None
            if created.tzinfo is None:
                created = created.replace(tzinfo=_UTC)

        latest_scan = src_dict.get("latest_scan", UNSET)
        if latest_scan is not UNSET and latest_scan is not None:
            try:
                latest_scan = ScanSummary.from_dict(latest_scan)
            except InvalidModelData as _exc:
                raise _exc.within("ScanProfile", "latest_scan") from None

        _self = cls(
            token,
            name,
            endpoint,
            status,
            created,
            latest_scan,
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

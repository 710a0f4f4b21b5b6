from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.vulnerability import Vulnerability
from ..types import UNSET, InvalidModelData, Unset, format_datetime
from ..types import invalid as _invalid

_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC
_INF = math.inf

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "token",
        "scan_profile_token",
        "scan_profile_name",
        "started",
        "stopped",
        "cvss",
        "url",
        "findings",
    )
)


@_attrs_define
class FullReport:
    """
    Attributes:
        token (str | Unset):
        scan_profile_token (str | Unset):
        scan_profile_name (str | Unset):
        started (datetime.datetime | None | Unset):
        stopped (datetime.datetime | None | Unset):
        cvss (float | None | Unset):
        url (str | Unset):
        findings (list[Vulnerability] | Unset):
    """

    token: str | Unset = UNSET
    scan_profile_token: str | Unset = UNSET
    scan_profile_name: str | Unset = UNSET
    started: datetime.datetime | None | Unset = UNSET
    stopped: datetime.datetime | None | Unset = UNSET
    cvss: float | None | Unset = UNSET
    url: str | Unset = UNSET
    findings: list[Vulnerability] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        scan_profile_token = self.scan_profile_token

        scan_profile_name = self.scan_profile_name

        started: None | str | Unset
        if isinstance(self.started, Unset):
            started = UNSET
        elif isinstance(self.started, datetime.datetime):
            started = format_datetime(self.started)
        else:
            started = self.started

        stopped: None | str | Unset
        if isinstance(self.stopped, Unset):
            stopped = UNSET
        elif isinstance(self.stopped, datetime.datetime):
            stopped = format_datetime(self.stopped)
        else:
            stopped = self.stopped

        cvss: float | None | Unset
        if isinstance(self.cvss, Unset):
            cvss = UNSET
        else:
            cvss = self.cvss

        url = self.url

        findings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.findings, Unset):
            findings = []
            for findings_item_data in self.findings:
                findings_item = findings_item_data.to_dict()
                findings.append(findings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if token is not UNSET:
            field_dict["token"] = token
        if scan_profile_token is not UNSET:
            field_dict["scan_profile_token"] = scan_profile_token
        if scan_profile_name is not UNSET:
            field_dict["scan_profile_name"] = scan_profile_name
        if started is not UNSET:
            field_dict["started"] = started
        if stopped is not UNSET:
            field_dict["stopped"] = stopped
        if cvss is not UNSET:
            field_dict["cvss"] = cvss
        if url is not UNSET:
            field_dict["url"] = url
        if findings is not UNSET:
            field_dict["findings"] = findings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("FullReport", "", "a JSON object", src_dict)

        token = src_dict.get("token", UNSET)
        if (not isinstance(token, str)) and token is not UNSET:
            raise _invalid("FullReport", "token", "a string", token)

        scan_profile_token = src_dict.get("scan_profile_token", UNSET)
        if (
            not isinstance(scan_profile_token, str)
        ) and scan_profile_token is not UNSET:
            raise _invalid(
                "FullReport", "scan_profile_token", "a string", scan_profile_token
            )

        scan_profile_name = src_dict.get("scan_profile_name", UNSET)
        if (not isinstance(scan_profile_name, str)) and scan_profile_name is not UNSET:
            raise _invalid(
                "FullReport", "scan_profile_name", "a string", scan_profile_name
            )

        started = src_dict.get("started", UNSET)
        if started is not UNSET and started is not None:
            if not isinstance(started, str) or len(started) <= 10:
                raise _invalid(
                    "FullReport", "started", "an ISO 8601 date-time or null", started
                )
            try:
                started = _datetime_from(started)
            except ValueError:
                raise _invalid(
                    "FullReport", "started", "an ISO 8601 date-time or null", started
                ) from None
            if started.tzinfo is None:
                started = started.replace(tzinfo=_UTC)

        stopped = src_dict.get("stopped", UNSET)
        if stopped is not UNSET and stopped is not None:
            if not isinstance(stopped, str) or len(stopped) <= 10:
                raise _invalid(
                    "FullReport", "stopped", "an ISO 8601 date-time or null", stopped
                )
            try:
                stopped = _datetime_from(stopped)
            except ValueError:
                raise _invalid(
                    "FullReport", "stopped", "an ISO 8601 date-time or null", stopped
                ) from None
            if stopped.tzinfo is None:
                stopped = stopped.replace(tzinfo=_UTC)

        cvss = src_dict.get("cvss", UNSET)
        if (
            (
                (
                    type(cvss) is not float
                    and (type(cvss) is bool or not isinstance(cvss, int | float))
                )
                or not -_INF < cvss < _INF
            )
            and cvss is not UNSET
            and cvss is not None
        ):
            raise _invalid("FullReport", "cvss", "a finite number or null", cvss)

        url = src_dict.get("url", UNSET)
        if (not isinstance(url, str)) and url is not UNSET:
            raise _invalid("FullReport", "url", "a string", url)

        findings = src_dict.get("findings", UNSET)
        if findings is not UNSET:
            if type(findings) is not list:
                raise _invalid("FullReport", "findings", "an array", findings)
            _findings_parsed: list[Any] = []
            for _index_0, _item_0 in enumerate(findings):
                try:
                    _item_0 = Vulnerability.from_dict(_item_0)
                except InvalidModelData as _exc:
                    raise _exc.within(
                        "FullReport", "findings" + "[" + str(_index_0) + "]"
                    ) from None

                _findings_parsed.append(_item_0)
            findings = _findings_parsed

        _self = cls(
            token,
            scan_profile_token,
            scan_profile_name,
            started,
            stopped,
            cvss,
            url,
            findings,
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

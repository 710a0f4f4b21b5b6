from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime, parse_datetime

if TYPE_CHECKING:
    from ..models.vulnerability import Vulnerability


T = TypeVar("T", bound="FullReport")


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
        from ..models.vulnerability import Vulnerability

        d = dict(src_dict)
        token = d.pop("token", UNSET)

        scan_profile_token = d.pop("scan_profile_token", UNSET)

        scan_profile_name = d.pop("scan_profile_name", UNSET)

        def _parse_started(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_type_0 = parse_datetime(data)

                return started_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started = _parse_started(d.pop("started", UNSET))

        def _parse_stopped(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stopped_type_0 = parse_datetime(data)

                return stopped_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        stopped = _parse_stopped(d.pop("stopped", UNSET))

        def _parse_cvss(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        cvss = _parse_cvss(d.pop("cvss", UNSET))

        url = d.pop("url", UNSET)

        _findings = d.pop("findings", UNSET)
        findings: list[Vulnerability] | Unset = UNSET
        if _findings is not UNSET:
            findings = []
            for findings_item_data in _findings:
                findings_item = Vulnerability.from_dict(findings_item_data)

                findings.append(findings_item)

        full_report = cls(
            token=token,
            scan_profile_token=scan_profile_token,
            scan_profile_name=scan_profile_name,
            started=started,
            stopped=stopped,
            cvss=cvss,
            url=url,
            findings=findings,
        )

        full_report.additional_properties = d
        return full_report

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

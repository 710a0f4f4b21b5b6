from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custom_headers import CustomHeaders


T = TypeVar("T", bound="AssetSettings")


@_attrs_define
class AssetSettings:
    """Surface Monitoring settings of an asset. In a PUT body, only the settings to change.

    Attributes:
        brute_force (bool | Unset): Look for subdomains by brute force.
        custom_headers (CustomHeaders | Unset): HTTP headers sent with Surface Monitoring requests, name to value.
        enable_active_tls_assessments (bool | Unset): Active TLS assessments.
        enable_certificate_assessments (bool | Unset): Certificate assessments.
        enable_passive_tls_assessments (bool | Unset): Passive TLS assessments.
        enable_tls_discovery (bool | Unset): Discover TLS endpoints.
        fingerprinting (bool | Unset): Fingerprint technologies.
        include_discovered_ports_in_surface_monitoring (bool | Unset): Monitor discovered ports too.
        monitoring (bool | Unset): Surface Monitoring is on for the asset.
        requests_per_second (int | Unset): Request rate limit for the asset's hosts (0: no limit).
        scrape (bool | Unset): Find subdomains by scraping.
        ssl_audit (bool | Unset): Audit SSL/TLS configuration.
        stateless_tests (bool | Unset): Run stateless vulnerability tests.
        subdomain_takeover_tests (bool | Unset): Test for subdomain takeover.
    """

    brute_force: bool | Unset = UNSET
    custom_headers: CustomHeaders | Unset = UNSET
    enable_active_tls_assessments: bool | Unset = UNSET
    enable_certificate_assessments: bool | Unset = UNSET
    enable_passive_tls_assessments: bool | Unset = UNSET
    enable_tls_discovery: bool | Unset = UNSET
    fingerprinting: bool | Unset = UNSET
    include_discovered_ports_in_surface_monitoring: bool | Unset = UNSET
    monitoring: bool | Unset = UNSET
    requests_per_second: int | Unset = UNSET
    scrape: bool | Unset = UNSET
    ssl_audit: bool | Unset = UNSET
    stateless_tests: bool | Unset = UNSET
    subdomain_takeover_tests: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        brute_force = self.brute_force

        custom_headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_headers, Unset):
            custom_headers = self.custom_headers.to_dict()

        enable_active_tls_assessments = self.enable_active_tls_assessments

        enable_certificate_assessments = self.enable_certificate_assessments

        enable_passive_tls_assessments = self.enable_passive_tls_assessments

        enable_tls_discovery = self.enable_tls_discovery

        fingerprinting = self.fingerprinting

        include_discovered_ports_in_surface_monitoring = (
            self.include_discovered_ports_in_surface_monitoring
        )

        monitoring = self.monitoring

        requests_per_second = self.requests_per_second

        scrape = self.scrape

        ssl_audit = self.ssl_audit

        stateless_tests = self.stateless_tests

        subdomain_takeover_tests = self.subdomain_takeover_tests

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if brute_force is not UNSET:
            field_dict["brute_force"] = brute_force
        if custom_headers is not UNSET:
            field_dict["custom_headers"] = custom_headers
        if enable_active_tls_assessments is not UNSET:
            field_dict["enable_active_tls_assessments"] = enable_active_tls_assessments
        if enable_certificate_assessments is not UNSET:
            field_dict["enable_certificate_assessments"] = (
                enable_certificate_assessments
            )
        if enable_passive_tls_assessments is not UNSET:
            field_dict["enable_passive_tls_assessments"] = (
                enable_passive_tls_assessments
            )
        if enable_tls_discovery is not UNSET:
            field_dict["enable_tls_discovery"] = enable_tls_discovery
        if fingerprinting is not UNSET:
            field_dict["fingerprinting"] = fingerprinting
        if include_discovered_ports_in_surface_monitoring is not UNSET:
            field_dict["include_discovered_ports_in_surface_monitoring"] = (
                include_discovered_ports_in_surface_monitoring
            )
        if monitoring is not UNSET:
            field_dict["monitoring"] = monitoring
        if requests_per_second is not UNSET:
            field_dict["requests_per_second"] = requests_per_second
        if scrape is not UNSET:
            field_dict["scrape"] = scrape
        if ssl_audit is not UNSET:
            field_dict["ssl_audit"] = ssl_audit
        if stateless_tests is not UNSET:
            field_dict["stateless_tests"] = stateless_tests
        if subdomain_takeover_tests is not UNSET:
            field_dict["subdomain_takeover_tests"] = subdomain_takeover_tests

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.custom_headers import CustomHeaders

        d = dict(src_dict)
        brute_force = d.pop("brute_force", UNSET)

        _custom_headers = d.pop("custom_headers", UNSET)
        custom_headers: CustomHeaders | Unset
        if isinstance(_custom_headers, Unset):
            custom_headers = UNSET
        else:
            custom_headers = CustomHeaders.from_dict(_custom_headers)

        enable_active_tls_assessments = d.pop("enable_active_tls_assessments", UNSET)

        enable_certificate_assessments = d.pop("enable_certificate_assessments", UNSET)

        enable_passive_tls_assessments = d.pop("enable_passive_tls_assessments", UNSET)

        enable_tls_discovery = d.pop("enable_tls_discovery", UNSET)

        fingerprinting = d.pop("fingerprinting", UNSET)

        include_discovered_ports_in_surface_monitoring = d.pop(
            "include_discovered_ports_in_surface_monitoring", UNSET
        )

        monitoring = d.pop("monitoring", UNSET)

        requests_per_second = d.pop("requests_per_second", UNSET)

        scrape = d.pop("scrape", UNSET)

        ssl_audit = d.pop("ssl_audit", UNSET)

        stateless_tests = d.pop("stateless_tests", UNSET)

        subdomain_takeover_tests = d.pop("subdomain_takeover_tests", UNSET)

        asset_settings = cls(
            brute_force=brute_force,
            custom_headers=custom_headers,
            enable_active_tls_assessments=enable_active_tls_assessments,
            enable_certificate_assessments=enable_certificate_assessments,
            enable_passive_tls_assessments=enable_passive_tls_assessments,
            enable_tls_discovery=enable_tls_discovery,
            fingerprinting=fingerprinting,
            include_discovered_ports_in_surface_monitoring=include_discovered_ports_in_surface_monitoring,
            monitoring=monitoring,
            requests_per_second=requests_per_second,
            scrape=scrape,
            ssl_audit=ssl_audit,
            stateless_tests=stateless_tests,
            subdomain_takeover_tests=subdomain_takeover_tests,
        )

        asset_settings.additional_properties = d
        return asset_settings

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

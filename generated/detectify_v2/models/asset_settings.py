from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.custom_headers import CustomHeaders
from ..types import UNSET, InvalidModelData, Unset
from ..types import invalid as _invalid

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "brute_force",
        "custom_headers",
        "enable_active_tls_assessments",
        "enable_certificate_assessments",
        "enable_passive_tls_assessments",
        "enable_tls_discovery",
        "fingerprinting",
        "include_discovered_ports_in_surface_monitoring",
        "monitoring",
        "requests_per_second",
        "scrape",
        "ssl_audit",
        "stateless_tests",
        "subdomain_takeover_tests",
    )
)


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
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("AssetSettings", "", "a JSON object", src_dict)

        brute_force = src_dict.get("brute_force", UNSET)
        if type(brute_force) is not bool and brute_force is not UNSET:
            raise _invalid("AssetSettings", "brute_force", "a boolean", brute_force)

        custom_headers = src_dict.get("custom_headers", UNSET)
        if custom_headers is not UNSET:
            try:
                custom_headers = CustomHeaders.from_dict(custom_headers)
            except InvalidModelData as _exc:
                raise _exc.within("AssetSettings", "custom_headers") from None

        enable_active_tls_assessments = src_dict.get(
            "enable_active_tls_assessments", UNSET
        )
        if (
            type(enable_active_tls_assessments) is not bool
            and enable_active_tls_assessments is not UNSET
        ):
            raise _invalid(
                "AssetSettings",
                "enable_active_tls_assessments",
                "a boolean",
                enable_active_tls_assessments,
            )

        enable_certificate_assessments = src_dict.get(
            "enable_certificate_assessments", UNSET
        )
        if (
            type(enable_certificate_assessments) is not bool
            and enable_certificate_assessments is not UNSET
        ):
            raise _invalid(
                "AssetSettings",
                "enable_certificate_assessments",
                "a boolean",
                enable_certificate_assessments,
            )

        enable_passive_tls_assessments = src_dict.get(
            "enable_passive_tls_assessments", UNSET
        )
        if (
            type(enable_passive_tls_assessments) is not bool
            and enable_passive_tls_assessments is not UNSET
        ):
            raise _invalid(
                "AssetSettings",
                "enable_passive_tls_assessments",
                "a boolean",
                enable_passive_tls_assessments,
            )

        enable_tls_discovery = src_dict.get("enable_tls_discovery", UNSET)
        if type(enable_tls_discovery) is not bool and enable_tls_discovery is not UNSET:
            raise _invalid(
                "AssetSettings",
                "enable_tls_discovery",
                "a boolean",
                enable_tls_discovery,
            )

        fingerprinting = src_dict.get("fingerprinting", UNSET)
        if type(fingerprinting) is not bool and fingerprinting is not UNSET:
            raise _invalid(
                "AssetSettings", "fingerprinting", "a boolean", fingerprinting
            )

        include_discovered_ports_in_surface_monitoring = src_dict.get(
            "include_discovered_ports_in_surface_monitoring", UNSET
        )
        if (
            type(include_discovered_ports_in_surface_monitoring) is not bool
            and include_discovered_ports_in_surface_monitoring is not UNSET
        ):
            raise _invalid(
                "AssetSettings",
                "include_discovered_ports_in_surface_monitoring",
                "a boolean",
                include_discovered_ports_in_surface_monitoring,
            )

        monitoring = src_dict.get("monitoring", UNSET)
        if type(monitoring) is not bool and monitoring is not UNSET:
            raise _invalid("AssetSettings", "monitoring", "a boolean", monitoring)

        requests_per_second = src_dict.get("requests_per_second", UNSET)
        if (
            type(requests_per_second) is not int
            and (
                type(requests_per_second) is bool
                or not isinstance(requests_per_second, int)
            )
            or not (0 <= requests_per_second)
        ) and requests_per_second is not UNSET:
            raise _invalid(
                "AssetSettings",
                "requests_per_second",
                "an integer >= 0",
                requests_per_second,
            )

        scrape = src_dict.get("scrape", UNSET)
        if type(scrape) is not bool and scrape is not UNSET:
            raise _invalid("AssetSettings", "scrape", "a boolean", scrape)

        ssl_audit = src_dict.get("ssl_audit", UNSET)
        if type(ssl_audit) is not bool and ssl_audit is not UNSET:
            raise _invalid("AssetSettings", "ssl_audit", "a boolean", ssl_audit)

        stateless_tests = src_dict.get("stateless_tests", UNSET)
        if type(stateless_tests) is not bool and stateless_tests is not UNSET:
            raise _invalid(
                "AssetSettings", "stateless_tests", "a boolean", stateless_tests
            )

        subdomain_takeover_tests = src_dict.get("subdomain_takeover_tests", UNSET)
        if (
            type(subdomain_takeover_tests) is not bool
            and subdomain_takeover_tests is not UNSET
        ):
            raise _invalid(
                "AssetSettings",
                "subdomain_takeover_tests",
                "a boolean",
                subdomain_takeover_tests,
            )

        _self = cls(
            brute_force,
            custom_headers,
            enable_active_tls_assessments,
            enable_certificate_assessments,
            enable_passive_tls_assessments,
            enable_tls_discovery,
            fingerprinting,
            include_discovered_ports_in_surface_monitoring,
            monitoring,
            requests_per_second,
            scrape,
            ssl_audit,
            stateless_tests,
            subdomain_takeover_tests,
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

"""Contains all the data models used in inputs/outputs"""

from .asset import Asset
from .asset_create import AssetCreate
from .asset_page import AssetPage
from .asset_settings import AssetSettings
from .custom_headers import CustomHeaders
from .error import Error
from .error_error import ErrorError
from .error_error_parameters import ErrorErrorParameters
from .full_report import FullReport
from .member import Member
from .report import Report
from .scan_profile import ScanProfile
from .scan_profile_create import ScanProfileCreate
from .scan_schedule import ScanSchedule
from .scan_schedule_frequency import ScanScheduleFrequency
from .scan_status import ScanStatus
from .scan_summary import ScanSummary
from .severity import Severity
from .subdomain_page import SubdomainPage
from .vulnerability import Vulnerability
from .vulnerability_page import VulnerabilityPage

__all__ = (
    "Asset",
    "AssetCreate",
    "AssetPage",
    "AssetSettings",
    "CustomHeaders",
    "Error",
    "ErrorError",
    "ErrorErrorParameters",
    "FullReport",
    "Member",
    "Report",
    "ScanProfile",
    "ScanProfileCreate",
    "ScanSchedule",
    "ScanScheduleFrequency",
    "ScanStatus",
    "ScanSummary",
    "Severity",
    "SubdomainPage",
    "Vulnerability",
    "VulnerabilityPage",
)

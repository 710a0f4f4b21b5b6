"""Async Python SDK for the Detectify API.

    from detectify import AsyncDetectify

    async with AsyncDetectify() as client:          # key from DETECTIFY_API_KEY
        async for ip in client.ips.list(limit=1000):
            print(ip.ip_address)

The generated low-level clients are the ``detectify_v3`` and ``detectify_v2`` packages; the models the facade
returns are re-exported here, through the adapter (the one module that imports generated code).
"""

from importlib.metadata import PackageNotFoundError, version

from .adapter import (
    UNSET,
    Asset,
    AssetSettings,
    AutonomousSystem,
    BreachSeverity,
    BreachStatus,
    Connector,
    ConnectorCreateAlibabaInput,
    ConnectorCreateAwsCredBasedInput,
    ConnectorCreateAwsRoleBasedInput,
    ConnectorCreateAzureInput,
    ConnectorCreateCloudflareInput,
    ConnectorCreateDigitalOceanInput,
    ConnectorCreateGCPInput,
    ConnectorCreateGodaddyInput,
    ConnectorCreateNS1Input,
    ConnectorLastRun,
    ConnectorProvider,
    ConnectorRunStatus,
    CustomHeaders,
    ExternalId,
    FullReport,
    Geolocation,
    Ip,
    IpVersion,
    Member,
    PolicyBreach,
    Port,
    PortStatus,
    Report,
    ScanProfile,
    ScanStatus,
    Technology,
    Unset,
    Vulnerability,
)
from .bulk import Batch, Pull, Record
from .client import AsyncDetectify
from .config import InsecureBaseURLWarning
from .errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ClientStateError,
    ClockSkewError,
    ConflictError,
    DetectifyError,
    EventLoopError,
    InternalServerError,
    LockedError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TeamResolutionError,
    UnprocessableEntityError,
)
from .events import RetryEvent
from .pagination import AsyncPager, Page
from .raw import RawResponse
from .sync import ResourceReport, SyncDatabaseError, SyncError, SyncLockedError, SyncProgress, SyncReport

try:
    __version__ = version("detectify-sdk")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "UNSET",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Asset",
    "AssetSettings",
    "AsyncDetectify",
    "AsyncPager",
    "AuthenticationError",
    "AutonomousSystem",
    "BadRequestError",
    "Batch",
    "BreachSeverity",
    "BreachStatus",
    "ClientClosedError",
    "ClientStateError",
    "ClockSkewError",
    "ConflictError",
    "Connector",
    "ConnectorCreateAlibabaInput",
    "ConnectorCreateAwsCredBasedInput",
    "ConnectorCreateAwsRoleBasedInput",
    "ConnectorCreateAzureInput",
    "ConnectorCreateCloudflareInput",
    "ConnectorCreateDigitalOceanInput",
    "ConnectorCreateGCPInput",
    "ConnectorCreateGodaddyInput",
    "ConnectorCreateNS1Input",
    "ConnectorLastRun",
    "ConnectorProvider",
    "ConnectorRunStatus",
    "CustomHeaders",
    "DetectifyError",
    "EventLoopError",
    "ExternalId",
    "FullReport",
    "Geolocation",
    "InsecureBaseURLWarning",
    "InternalServerError",
    "Ip",
    "IpVersion",
    "LockedError",
    "Member",
    "NotFoundError",
    "Page",
    "PermissionDeniedError",
    "PolicyBreach",
    "Port",
    "PortStatus",
    "Pull",
    "RateLimitError",
    "RawResponse",
    "Record",
    "Report",
    "ResourceReport",
    "RetryEvent",
    "ScanProfile",
    "ScanStatus",
    "SyncDatabaseError",
    "SyncError",
    "SyncLockedError",
    "SyncProgress",
    "SyncReport",
    "TeamResolutionError",
    "Technology",
    "UnprocessableEntityError",
    "Unset",
    "Vulnerability",
    "__version__",
]

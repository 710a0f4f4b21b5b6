"""Async Python SDK for the Detectify API.

    from detectify import AsyncDetectify

    async with AsyncDetectify() as client:          # key from DETECTIFY_API_KEY
        async for ip in client.ips.list(limit=1000):
            print(ip.ip_address)

The generated low-level clients are the ``detectify_v3`` and ``detectify_v2`` packages; the models the facade
returns are re-exported here, through the adapters (the only modules that import generated code). The v2 models are
imported on first use (``detectify.Asset``, or ``client.v2``), so ``import detectify`` builds only the v3 models.
"""

from typing import TYPE_CHECKING, Any

from .adapter import (
    UNSET,
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
    ExternalId,
    Geolocation,
    Ip,
    IpVersion,
    PolicyBreach,
    Port,
    PortStatus,
    Technology,
    Unset,
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

if TYPE_CHECKING:
    __version__: str
    from .adapter_v2 import (
        Asset,
        AssetSettings,
        CustomHeaders,
        FullReport,
        Member,
        Report,
        ScanProfile,
        ScanStatus,
        Vulnerability,
    )
    from .sync import ResourceReport, SyncDatabaseError, SyncError, SyncLockedError, SyncProgress, SyncReport

#: The v2 models, re-exported from ``detectify.adapter_v2`` when first asked for.
_V2_MODELS = frozenset(
    {"Asset", "AssetSettings", "CustomHeaders", "FullReport", "Member", "Report", "ScanProfile", "ScanStatus",
     "Vulnerability"}
)  # fmt: skip


#: The sync's public names, re-exported from ``detectify.sync`` when first asked for (a sync loads its stores then).
_SYNC_NAMES = frozenset(
    {"ResourceReport", "SyncDatabaseError", "SyncError", "SyncLockedError", "SyncProgress", "SyncReport"}
)


def __getattr__(name: str) -> Any:
    if name in _SYNC_NAMES:
        from . import sync

        value = getattr(sync, name)
        globals()[name] = value
        return value
    if name == "__version__":
        from .pool import sdk_version

        return sdk_version()
    if name in _V2_MODELS:
        from . import adapter_v2

        value = getattr(adapter_v2, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'detectify' has no attribute {name!r}")


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

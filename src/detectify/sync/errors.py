"""The errors a sync raises besides the API's own (all are ``DetectifyError`` s)."""

from __future__ import annotations

from ..errors import DetectifyError

__all__ = ["SyncDatabaseError", "SyncError", "SyncLockedError"]


class SyncError(DetectifyError):
    """A sync could not run or finish for a reason of its own (not the API's)."""


class SyncLockedError(SyncError):
    """Another sync holds the database: one sync per database at a time."""


class SyncDatabaseError(SyncError):
    """The database refused or failed (cannot open or connect, disk full, a driver error). The message never holds a
    password from the database URL."""

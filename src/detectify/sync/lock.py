"""One sync per database at a time, with a lock the operating system drops when its holder dies.

SQLite: an exclusive ``flock`` on ``<database>.lock`` beside the file, taken without waiting. The kernel releases it
when the process ends however it ends (SIGKILL included), so a killed sync never leaves the database locked; the
file itself may stay behind and means nothing. PostgreSQL uses a session advisory lock instead (``postgres.py``),
released by the server when the connection goes.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import SyncDatabaseError, SyncLockedError

__all__ = ["FileLock", "busy_message"]


def busy_message(database: str) -> str:
    return f"another sync is running on {database}; wait for it to finish (a killed sync does not hold the lock)"


class FileLock:
    """An exclusive, non-blocking lock on ``path`` (see the module's docstring)."""

    def __init__(self, path: Path, database: str) -> None:
        self.path = path
        self.database = database
        self._fd: int | None = None

    def acquire(self) -> None:
        import fcntl  # POSIX; a sync on Windows would need msvcrt.locking here

        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise SyncDatabaseError(f"cannot create the lock file {self.path}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise SyncLockedError(busy_message(self.database)) from None
        except OSError as exc:
            os.close(fd)
            raise SyncDatabaseError(f"cannot lock {self.path}: {exc.strerror}") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # for people looking; the lock is the flock, not this
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

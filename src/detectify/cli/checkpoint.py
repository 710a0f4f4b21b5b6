"""An export's checkpoint (``<out>/.detectify-export.json``) and the lock on its output directory.

The checkpoint is read as hostile input: every field is checked for its type and range, and any disagreement with
this export (its options, its jobs, its output files) refuses the resume with a ``UsageError`` saying why and how
to start over. Nothing it says is trusted before the output files agree with it: each file must be at least as long
as the offset the checkpoint names, and the bytes just before that offset must be the ones that were written (a
SHA-256 of the last ``TAIL`` bytes), so a trimmed, replaced or NUL-filled file is caught, never extended.

Durability: lines are written, flushed and fsynced before a checkpoint naming their end is written (itself fsynced,
then renamed into place), so after a crash or a power cut the checkpoint never names lines the disk does not hold.
The export saves one at most once a second (``export.COMMIT_INTERVAL``), at the end of each job and when it stops for
any reason; lines written after the last one are cut off and pulled again by ``--resume``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from .common import UsageError

__all__ = ["CHECKPOINT", "LOCK", "TAIL", "Checkpoint", "FileMark", "lock_directory"]

CHECKPOINT = ".detectify-export.json"
LOCK = ".detectify-export.lock"
VERSION = 1
#: How many bytes before a checkpoint's offset it fingerprints.
TAIL = 4096
_MAX_CHECKPOINT_BYTES = 16 * 1024 * 1024
_MAX_CURSOR = 4096
_MAX_OFFSET = 2**62
_KEYS = frozenset({"version", "fingerprint", "resume", "completed", "files"})


def tail_digest(tail: bytes) -> str:
    return hashlib.sha256(tail[-TAIL:]).hexdigest()


@attrs.frozen
class FileMark:
    """Where an output file ends for the checkpoint: its length and a digest of its last ``TAIL`` bytes."""

    offset: int
    tail: str


@attrs.define
class Checkpoint:
    """Where each job of an export stands: cursors to continue from, jobs done, and how far each file is good."""

    fingerprint: str
    resume: dict[str, str] = attrs.field(factory=dict)
    completed: list[str] = attrs.field(factory=list)
    files: dict[str, FileMark] = attrs.field(factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "fingerprint": self.fingerprint,
            "resume": self.resume,
            "completed": self.completed,
            "files": {name: {"offset": mark.offset, "tail": mark.tail} for name, mark in self.files.items()},
        }

    def save(self, path: Path) -> None:
        """Replace the checkpoint atomically; the new one is on disk (fsynced) before it replaces the old."""
        temporary = path.with_name(path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as file:
            json.dump(self.to_json(), file)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path, *, fingerprint: str, jobs: Collection[str], files: Collection[str]) -> Checkpoint:
        """Read and check the checkpoint of an export with this ``fingerprint``, ``jobs`` and output ``files``."""
        if path.exists() and not path.is_file():  # a FIFO or a device would block or never end
            raise _damaged(path, "it is not a regular file")
        try:
            with path.open("rb") as file:
                raw = file.read(_MAX_CHECKPOINT_BYTES + 1)
        except FileNotFoundError:
            raise UsageError(f"--resume: no checkpoint in {path.parent} (run without --resume to start)") from None
        except OSError as exc:
            raise UsageError(f"--resume: cannot read the checkpoint {path}: {exc.strerror}") from None
        if len(raw) > _MAX_CHECKPOINT_BYTES:
            raise _damaged(path, "it is far too large")
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _damaged(path, "it is not JSON") from None
        return cls.parse(data, path=path, fingerprint=fingerprint, jobs=jobs, files=files)

    @classmethod
    def parse(
        cls, data: object, *, path: Path, fingerprint: str, jobs: Collection[str], files: Collection[str]
    ) -> Checkpoint:
        """Check every field of decoded checkpoint JSON (see ``load``)."""
        if not isinstance(data, dict):
            raise _damaged(path, f"expected a JSON object, found {_kind(data)}")
        if set(data) != _KEYS:
            missing, unknown = sorted(_KEYS - set(data)), sorted(set(data) - _KEYS)
            raise _damaged(path, f"missing {missing}, unknown {unknown}" if unknown else f"missing {missing}")
        if type(data["version"]) is not int or data["version"] != VERSION:
            raise _damaged(path, f"version {data['version']!r} is not {VERSION}")
        if data["fingerprint"] != fingerprint:
            raise UsageError(
                f"--resume: the checkpoint in {path.parent} was made with other resources or options: repeat "
                f"them exactly, or {_start_over(path)}"
            )
        resume = _mapping(data["resume"], path, "resume")
        for job, cursor in resume.items():
            if not isinstance(cursor, str) or not cursor or len(cursor) > _MAX_CURSOR or not cursor.isprintable():
                raise _damaged(path, f"the cursor of {job!r} is not a cursor")
        completed = data["completed"]
        if not isinstance(completed, list) or not all(isinstance(job, str) for job in completed):
            raise _damaged(path, "completed is not a list of jobs")
        named = [*resume, *completed]
        if len(set(named)) != len(named):
            raise _damaged(path, "a job is named twice")
        stray = set(named) - set(jobs)
        if stray:
            raise _damaged(path, f"it names jobs this export does not have: {sorted(stray)!r}")
        marks = _mapping(data["files"], path, "files")
        if set(marks) != set(files):
            raise _damaged(path, f"it names the files {sorted(marks)!r}, this export writes {sorted(files)!r}")
        return cls(
            fingerprint,
            dict(resume),
            list(completed),
            {name: _mark(mark, path, name) for name, mark in marks.items()},
        )

    def check_file(self, name: str, output: Path) -> bytes:
        """Refuse unless ``output`` holds what the checkpoint says was written; returns its last ``TAIL`` bytes."""
        mark = self.files[name]
        checkpoint = output.parent / CHECKPOINT
        if output.exists() and not output.is_file() and not output.is_dir():
            raise UsageError(f"--resume: {output} is not a regular file; {_start_over(checkpoint)}")
        try:
            with output.open("rb") as file:
                size = os.fstat(file.fileno()).st_size
                if size < mark.offset:
                    raise UsageError(
                        f"--resume: {output} is shorter ({size:,} bytes) than its checkpoint says ({mark.offset:,}): "
                        f"lines it names were lost; refusing to resume, {_start_over(checkpoint)}"
                    )
                start = max(0, mark.offset - TAIL)
                file.seek(start)
                tail = file.read(mark.offset - start)
        except FileNotFoundError:
            raise UsageError(f"--resume: {output} is gone; {_start_over(checkpoint)}") from None
        except IsADirectoryError:
            raise UsageError(f"--out: {output} is a directory, not a file") from None
        except OSError as exc:
            raise UsageError(f"--resume: cannot read {output}: {exc.strerror}") from None
        if tail_digest(tail) != mark.tail:
            raise UsageError(
                f"--resume: {output} does not end where its checkpoint says (it changed since, or the disk lost "
                f"what was written); refusing to resume, {_start_over(checkpoint)}"
            )
        return tail


def _start_over(checkpoint: Path) -> str:
    return f"to start over delete {checkpoint} and run without --resume"


def _damaged(path: Path, why: str) -> UsageError:
    return UsageError(f"--resume: the checkpoint {path} cannot be trusted ({why}); {_start_over(path)}")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _mapping(value: object, path: Path, field: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _damaged(path, f"{field} is {_kind(value)}, not an object")
    return value


def _mark(value: object, path: Path, name: str) -> FileMark:
    if not isinstance(value, dict) or set(value) != {"offset", "tail"}:
        raise _damaged(path, f"files[{name!r}] is not an object with offset and tail")
    offset, tail = value["offset"], value["tail"]
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= _MAX_OFFSET:
        raise _damaged(path, f"the offset of {name!r} is {offset!r}, not a byte position")
    if not isinstance(tail, str) or len(tail) != 64 or any(c not in "0123456789abcdef" for c in tail):
        raise _damaged(path, f"the tail of {name!r} is not a SHA-256")
    return FileMark(offset, tail)


@contextlib.contextmanager
def lock_directory(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on an output directory for the block, or fail at once if another process holds it.

    An ``flock`` on ``<out>/.detectify-export.lock``: the OS releases it when the process ends, however it ends, so
    a crash cannot leave the directory locked. The file holds the holder's PID, for the message.
    """
    path = out / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise UsageError(f"--out: cannot write in {out}: {exc.strerror}") from None
    try:
        try:
            _lock(fd)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise UsageError(f"--out: cannot lock {path}: {exc.strerror}") from None
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise UsageError(
                f"--out: another export is writing to {out}{who}; wait for it to finish or choose another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _lock(fd: int) -> None:
    """Take an exclusive lock on the open file without waiting (OSError if another process holds one). POSIX
    only (``flock``), imported here so that the rest of the CLI still loads where it is missing."""
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

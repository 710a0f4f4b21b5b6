"""Where an export's lines go: one file per resource in ``--out DIR`` (JSONL or CSV), or JSONL on stdout (``--out -``).

Every failure to create, open or write the output is one of two errors: ``UsageError`` when the --out given cannot be
used (not a directory, no permission, a resource's file being a directory), ``OutputError`` when writing fails on
the way (a full disk, an I/O error).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
from pathlib import Path
from typing import IO, Any

import attrs

from .. import adapter
from ..jsoncodec import dumps, dumps_line
from .checkpoint import TAIL, FileMark, tail_digest
from .common import EXIT_OUTPUT, CliError, UsageError

__all__ = ["FileOutput", "OutputError", "StdoutOutput", "prepare_directory"]


class OutputError(CliError):
    """Writing the output failed (exit code 4): ``path`` and the OS's reason."""

    def __init__(self, path: Path | str, exc: OSError) -> None:
        self.path = path
        self.reason = exc.strerror or str(exc)
        super().__init__(f"writing {path} failed: {self.reason}", EXIT_OUTPUT)


def prepare_directory(out: Path) -> None:
    """Make sure ``out`` is a directory this process can write in (creating it and its parents)."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out: {out} exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise UsageError(f"--out: cannot create {out}: a part of its path is a file, not a directory") from None
    except OSError as exc:
        raise UsageError(f"--out: cannot create {out}: {exc.strerror}") from None


def encode_jsonl(items: list[dict[str, Any]]) -> bytes:
    return b"".join([dumps_line(item) for item in items])


@attrs.define
class _Csv:
    columns: list[str]

    @classmethod
    def of(cls, resource: str) -> _Csv:
        model = adapter.LIST_OPERATIONS[resource].item_model
        return cls([f.name for f in attrs.fields(model) if f.name != "additional_properties"])

    def header(self) -> bytes:
        return _csv_row([*self.columns, "extra"]).encode("utf-8")

    def encode(self, items: list[dict[str, Any]]) -> bytes:
        rows = []
        for item in items:
            cells = [_cell(item.get(column)) for column in self.columns]
            extra = {key: value for key, value in item.items() if key not in self.columns}
            rows.append(_csv_row([*cells, dumps(extra) if extra else ""]))
        return "".join(rows).encode("utf-8")


def _csv_row(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return dumps(value)
    return str(value).lower() if isinstance(value, bool) else str(value)


class FileOutput:
    """One resource's file. ``commit()`` makes what was written durable and returns the mark for the checkpoint.

    A new export truncates the file; a resumed one continues at the checkpoint's offset (already checked against
    the file, see ``Checkpoint.check_file``), dropping whatever was written after the checkpoint was saved.
    """

    def __init__(self, path: Path, resource: str, fmt: str, resume: tuple[FileMark, bytes] | None = None) -> None:
        self.path = path
        self._csv = _Csv.of(resource) if fmt == "csv" else None
        try:
            if resume is None:
                self.file: IO[bytes] = path.open("wb")
                self._tail, self._end = b"", 0
                if self._csv is not None:
                    self._write(self._csv.header())
            else:
                mark, self._tail = resume
                self._end = mark.offset
                self.file = path.open("r+b")
                self.file.seek(mark.offset)
                self.file.truncate()
        except IsADirectoryError:
            raise UsageError(f"--out: {path} is a directory, not a file") from None
        except OutputError:
            raise
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise OutputError(path, exc) from None
            raise UsageError(f"--out: cannot write {path}: {exc.strerror}") from None

    def write(self, items: list[dict[str, Any]]) -> None:
        self._write(self._csv.encode(items) if self._csv is not None else encode_jsonl(items))

    def _write(self, data: bytes) -> None:
        try:
            self.file.write(data)
        except OSError as exc:
            raise OutputError(self.path, exc) from None
        self._tail, self._end = (self._tail + data)[-TAIL:], self._end + len(data)

    def commit(self) -> FileMark:
        """Flush and fsync (a device such as /dev/null that cannot be synced is only flushed); the mark names the
        end of the last complete write, whatever a write cut short left after it."""
        try:
            self.file.flush()
            try:
                os.fsync(self.file.fileno())
            except OSError as exc:
                if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
                    raise
        except OSError as exc:
            raise OutputError(self.path, exc) from None
        return FileMark(self._end, tail_digest(self._tail))

    def close(self) -> None:
        # A failed final flush was reported by commit(); the checkpoint still names only good lines.
        with contextlib.suppress(OSError):
            self.file.close()


class StdoutOutput:
    """JSONL on stdout, flushed after every page so a reader sees each page at once (no checkpoint: a pipe cannot
    be resumed)."""

    path = "stdout"

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def write(self, items: list[dict[str, Any]]) -> None:
        try:
            self.stream.write(encode_jsonl(items))
            self.stream.flush()
        except BrokenPipeError:
            raise  # the reader left: not a failure to report (exit 141)
        except OSError as exc:
            raise OutputError(self.path, exc) from None

    def commit(self) -> None:
        pass

    def close(self) -> None:
        pass

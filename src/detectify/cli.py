"""The ``detectify`` command: ``detectify export`` pulls resources to files, ``detectify sync`` keeps a database
current (``detectify.sync.command``), ``detectify verify`` tests credentials.

Exit codes (stable, for shell scripts):
  0  success
  1  the API or the network failed for good (an export can then be continued with ``--resume``)
  2  bad usage or arguments
  3  the credentials were refused (401/403) or are missing
  130 interrupted (an export's checkpoint is saved: continue with ``--resume``)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import anyio
import attrs

from . import adapter
from .bulk import RESOURCES, Batch
from .client import AsyncDetectify
from .errors import APIStatusError, AuthenticationError, BadRequestError, DetectifyError, PermissionDeniedError
from .sync.command import add_parser as add_sync_parser
from .teams import needs_team

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CREDENTIALS, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
CHECKPOINT = ".detectify-export.json"
#: One encoder for every line (json.dumps with non-default options would build a new encoder per item).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class UsageError(Exception):
    """Bad arguments (exit code 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.command(args)
    except UsageError as exc:
        print(f"detectify: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\ndetectify: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="detectify",
        description="Detectify API from the shell. The key comes from DETECTIFY_API_KEY, the base URL from "
        "DETECTIFY_BASE_URL (default https://api.detectify.com/rest).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n", 2)[2] if __doc__ else None,
    )
    commands = parser.add_subparsers(dest="name", required=True)

    export = commands.add_parser("export", help="pull whole resources into files (JSONL or CSV)")
    export.add_argument("resources", nargs="*", metavar="RESOURCE", help=f"some of {', '.join(RESOURCES)} (all)")
    export.add_argument("--out", required=True, type=Path, help="directory for <resource>.jsonl / .csv")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--team", action="append", default=[], metavar="TEAM_ID",
                        help="only this team's items (repeatable)")  # fmt: skip
    export.add_argument("--since", help="only items first seen after this ISO 8601 time (with an offset or Z)")
    export.add_argument("--until", help="only items first seen before this ISO 8601 time")
    export.add_argument("--shards", type=int, default=1, help="split each timed resource into N time windows")
    export.add_argument("--limit", type=int, default=1000, help="page size, 1..1000 (1000)")
    export.add_argument("--max-concurrency", type=int, default=16, help="requests in flight (16)")
    export.add_argument("--resume", action="store_true", help="continue an interrupted export in --out")
    export.add_argument("--quiet", action="store_true", help="no progress display")
    export.set_defaults(command=_export)

    add_sync_parser(commands)

    verify = commands.add_parser("verify", help="test the credentials and say what works")
    verify.set_defaults(command=_verify)
    return parser


# --- export ----------------------------------------------------------------------------------------------------


@attrs.define
class _Progress:
    """Items, pages and retries per resource; drawn on one line on a terminal, as plain lines otherwise."""

    resources: list[str]
    stream: IO[str]
    quiet: bool
    items: Counter[str] = attrs.field(factory=Counter)
    pages: Counter[str] = attrs.field(factory=Counter)
    retries: Counter[str] = attrs.field(factory=Counter)
    started: float = attrs.field(factory=time.monotonic)
    _last: float = 0.0

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        parts = [
            f"{r} {self.items[r]:,} items/{self.pages[r]} pages"
            + (f"/{self.retries[r]} retries" if self.retries[r] else "")
            for r in self.resources
        ]
        return " | ".join(parts) + f" | {sum(self.items.values()) / elapsed:,.0f} items/s"

    def update(self, *, final: bool = False) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        tty = self.stream.isatty()
        if not final and now - self._last < (0.2 if tty else 2.0):
            return
        self._last = now
        if tty:
            self.stream.write("\r\x1b[2K" + self.line() + ("\n" if final else ""))
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()


class _RetryCounter(logging.Handler):
    """Counts the SDK's retry log lines per resource (one INFO line per retry on logger ``detectify``)."""

    def __init__(self, progress: _Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("retrying "):
            path = message.split()[2] if len(message.split()) > 2 else ""
            self.progress.retries[path.removeprefix("/v3/").split("/")[0]] += 1


class _Writer:
    """One output file per resource; lines are flushed before the checkpoint names their end offset."""

    def __init__(self, out: Path, resource: str, fmt: str, offset: int | None) -> None:
        self.path = out / f"{resource}.{fmt}"
        self.fmt = fmt
        model = adapter.LIST_OPERATIONS[resource].item_model
        self.columns = [f.name for f in attrs.fields(model) if f.name != "additional_properties"]
        if offset is None:
            self.file = self.path.open("w", encoding="utf-8", newline="")
            if fmt == "csv":
                self.file.write(self._csv_row([*self.columns, "extra"]))
        else:
            self.file = self.path.open("r+", encoding="utf-8", newline="")
            self.file.seek(offset)
            self.file.truncate()  # lines written after the last checkpoint are written again

    def write(self, items: list[dict[str, Any]]) -> None:
        if self.fmt == "jsonl":
            encode = _ENCODE
            self.file.write("".join([encode(item) + "\n" for item in items]))
        else:
            self.file.write("".join(self._csv_item(item) for item in items))

    def _csv_item(self, item: dict[str, Any]) -> str:
        cells = [_cell(item.get(column)) for column in self.columns]
        extra = {key: value for key, value in item.items() if key not in self.columns}
        return self._csv_row([*cells, json.dumps(extra, ensure_ascii=False) if extra else ""])

    @staticmethod
    def _csv_row(cells: list[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(cells)
        return buffer.getvalue()

    def flush(self) -> int:
        self.file.flush()  # to the OS: survives the process being killed (not a power cut: no fsync, for speed)
        return self.file.tell()

    def close(self) -> None:
        self.file.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _fingerprint(args: argparse.Namespace, resources: list[str]) -> str:
    """What must not change between an export and its --resume."""
    settings = [resources, args.format, sorted(args.team), args.since, args.until, args.shards, args.limit,
                os.environ.get("DETECTIFY_BASE_URL", "")]  # fmt: skip
    return hashlib.sha256(json.dumps(settings).encode()).hexdigest()[:16]


def _export(args: argparse.Namespace) -> int:
    resources = list(dict.fromkeys(args.resources or RESOURCES))
    unknown = [r for r in resources if r not in RESOURCES]
    if unknown:
        raise UsageError(f"unknown resource(s) {', '.join(unknown)}; choose from {', '.join(RESOURCES)}")
    for flag, value, low, high in [("--limit", args.limit, 1, 1000), ("--shards", args.shards, 1, 64),
                                   ("--max-concurrency", args.max_concurrency, 1, 1024)]:  # fmt: skip
        if not low <= value <= high:
            raise UsageError(f"{flag} must be in {low}..{high}, got {value}")
    since, until = _when(args.since, "--since"), _when(args.until, "--until")
    if args.resume and args.shards > 1:
        raise UsageError("--resume cannot continue a sharded export (overlapping windows are de-duplicated in memory)")
    client = _client(args.max_concurrency)
    if args.team and client.team_ids and set(args.team) - set(client.team_ids):
        raise UsageError(f"--team: no key for {sorted(set(args.team) - set(client.team_ids))}")
    out: Path = args.out
    checkpoint_path = out / CHECKPOINT
    fingerprint = _fingerprint(args, resources)
    state: dict[str, Any] = {"fingerprint": fingerprint, "resume": {}, "completed": [], "offsets": {}}
    if args.resume:
        try:
            state = json.loads(checkpoint_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"--resume: no checkpoint in {out} (start without --resume)") from None
        except ValueError:
            raise UsageError(f"--resume: the checkpoint {checkpoint_path} is damaged") from None
        if state.get("fingerprint") != fingerprint:
            raise UsageError("--resume: the checkpoint was made with other resources or options; repeat them exactly")
    elif checkpoint_path.exists():
        raise UsageError(f"{out} holds an unfinished export: continue it with --resume, or choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    missing = [r for r in state["offsets"] if r in resources and not (out / f"{r}.{args.format}").exists()]
    if args.resume and missing:
        raise UsageError(f"--resume: {', '.join(missing)} output is gone from {out}; start the export again")

    progress = _Progress(resources, sys.stderr, args.quiet)
    counter = _RetryCounter(progress)
    sdk_logger = logging.getLogger("detectify")
    sdk_logger.addHandler(counter)
    previous_level = sdk_logger.level
    if sdk_logger.getEffectiveLevel() > logging.INFO:
        sdk_logger.setLevel(logging.INFO)
    writers = {r: _Writer(out, r, args.format, state["offsets"].get(r) if args.resume else None) for r in resources}

    async def run() -> None:
        async with client:
            for view in [client.for_team(team) for team in args.team] or [client]:
                await _export_view(view, args, since, until, writers, state, checkpoint_path, progress)

    try:
        anyio.run(run)
    except (AuthenticationError, PermissionDeniedError) as exc:
        progress.update(final=True)
        print(f"detectify: the API refused the credentials: {exc}", file=sys.stderr)
        return EXIT_CREDENTIALS
    except DetectifyError as exc:
        progress.update(final=True)
        where = f" ({exc.job})" if exc.job else ""
        print(f"detectify: export failed{where}: {exc}\ncontinue with the same command and --resume", file=sys.stderr)
        return EXIT_FAILED
    except (KeyboardInterrupt, anyio.get_cancelled_exc_class()):
        print("\ndetectify: interrupted; continue with the same command and --resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        for writer in writers.values():
            writer.close()
        sdk_logger.removeHandler(counter)
        sdk_logger.setLevel(previous_level)
    checkpoint_path.unlink(missing_ok=True)
    progress.update(final=True)
    elapsed = time.monotonic() - progress.started
    for resource in resources:
        print(f"{resource}\t{progress.items[resource]}\t{writers[resource].path}")
    print(f"exported {sum(progress.items.values()):,} items in {elapsed:.1f}s", file=sys.stderr)
    return EXIT_OK


async def _export_view(
    client: AsyncDetectify,
    args: argparse.Namespace,
    since: dt.datetime | None,
    until: dt.datetime | None,
    writers: dict[str, _Writer],
    state: dict[str, Any],
    checkpoint_path: Path,
    progress: _Progress,
) -> None:
    scope = client.scope_team or ""
    resume = {job.removeprefix(scope + "|"): c for job, c in state["resume"].items() if job.startswith(scope + "|")}
    completed = [job.removeprefix(scope + "|") for job in state["completed"] if job.startswith(scope + "|")]
    async with client.pull_all(
        list(writers),
        as_dicts=True,
        since=since,
        until=until,
        shards=args.shards,
        limit=args.limit,
        resume=resume,
        completed=completed,
    ) as pull:
        async for batch in pull.batches():
            _record(batch, scope, writers, state, checkpoint_path, progress)


def _record(
    batch: Batch,
    scope: str,
    writers: dict[str, _Writer],
    state: dict[str, Any],
    checkpoint_path: Path,
    progress: _Progress,
) -> None:
    """Write a page, then checkpoint where to continue: lines reach the disk before the checkpoint names them."""
    writer = writers[batch.resource]
    writer.write(batch.items)
    state["offsets"][batch.resource] = writer.flush()
    job = f"{scope}|{batch.job}"
    if batch.next_cursor is None:
        state["resume"].pop(job, None)
        state["completed"].append(job)
    else:
        state["resume"][job] = batch.next_cursor
    temporary = checkpoint_path.with_suffix(".tmp")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    temporary.replace(checkpoint_path)
    progress.items[batch.resource] += len(batch.items)
    progress.pages[batch.resource] += 1
    progress.update()


def _when(value: str | None, flag: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{flag}: {value!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        raise UsageError(f"{flag}: {value!r} needs a timezone offset (for example Z or +02:00)")
    return moment


def _client(max_concurrency: int = 16) -> AsyncDetectify:
    try:
        return AsyncDetectify(max_concurrency=max_concurrency)
    except (ValueError, TypeError) as exc:
        raise UsageError(str(exc)) from None


# --- verify ----------------------------------------------------------------------------------------------------


def _verify(args: argparse.Namespace) -> int:
    """Check each configured credential (v3 key; v2 key and secret when set) with one harmless read."""
    try:
        client = _client()
    except UsageError as exc:
        print(f"v3: {exc}")
        return EXIT_CREDENTIALS
    code: int = anyio.run(_verify_all, client)
    return code


async def _verify_all(client: AsyncDetectify) -> int:
    codes = []
    async with client.with_options(max_retries=1) as checked:
        if checked._config.api_key is not None or checked.team_ids:
            codes.append(await _check("v3", checked, _verify_v3))
        if checked._pool.v2 is not None:
            codes.append(await _check("v2", checked, _verify_v2))
    return max(codes, key=lambda code: (code != EXIT_OK, code))


async def _check(api: str, client: AsyncDetectify, probe: Any) -> int:
    try:
        message: str = await probe(client)
    except (AuthenticationError, PermissionDeniedError) as exc:
        print(f"{api}: the credentials were refused: {exc}")
        return EXIT_CREDENTIALS
    except APIStatusError as exc:
        print(f"{api}: the API answered {exc}")
        return EXIT_FAILED
    except DetectifyError as exc:
        print(f"{api}: could not reach {client.base_url}: {exc}")
        return EXIT_FAILED
    print(f"{api}: {message}")
    return EXIT_OK


async def _verify_v3(client: AsyncDetectify) -> str:
    try:
        answer = await client.connectors._external_id(None)
    except BadRequestError as exc:
        if needs_team(exc):
            return f"the key works at {client.base_url}; it reaches several teams (calls that need one take team_id=)"
        raise
    return f"the key works at {client.base_url}; its team: {answer.team_id}"


async def _verify_v2(client: AsyncDetectify) -> str:
    page = await client.v2.assets.list(page_size=1)  # the seed's "Test your credentials" reads the assets
    signed = "signed requests" if client._pool.v2 and client._pool.v2.secret else "unsigned requests"
    return f"the key works at {client.base_url} ({signed}); it sees {'assets' if page.items else 'no assets yet'}"


if __name__ == "__main__":
    raise SystemExit(main())

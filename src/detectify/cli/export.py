"""``detectify export``: pull whole resources into files (JSONL or CSV) or onto stdout, checkpointed for --resume."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio

from ..bulk import Batch
from ..client import AsyncDetectify
from ..errors import APIStatusError, AuthenticationError, DetectifyError, PermissionDeniedError
from .checkpoint import CHECKPOINT, Checkpoint, lock_directory
from .common import (
    EXIT_CREDENTIALS,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT,
    CliError,
    UsageError,
    add_command,
    add_selection,
    base_url_of,
    check_ranges,
    chosen_resources,
    make_client,
    without_userinfo,
)
from .display import ProgressDisplay
from .output import FileOutput, OutputError, StdoutOutput, prepare_directory
from .retries import resource_of, watch_retries

__all__ = ["register"]

EXAMPLES = [
    "detectify export ips ports --out ./surface         # ./surface/ips.jsonl and ./surface/ports.jsonl",
    "detectify export --out ./surface --resume          # continue an interrupted export (same arguments)",
    "detectify export ips --out - --quiet               # JSONL on stdout, for example into | jq .ip_address",
]
#: Statuses that, on the first page of a resumed job, mean the API no longer accepts the checkpoint's cursor.
_STALE_CURSOR_STATUSES = frozenset({400, 404, 410, 422})

Output = FileOutput | StdoutOutput
#: Seconds between checkpoints (each one fsyncs the files first); also at the end of each job and of the export.
COMMIT_INTERVAL = 1.0


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "export",
        help="pull whole resources into files (JSONL or CSV) or onto stdout",
        description="Pull every item of the named resources (all of them if none is named) into one file per "
        "resource in --out, checkpointing after every page so that --resume continues an interrupted export with "
        "nothing lost or repeated. Progress goes to stderr: a live table on a terminal, plain lines elsewhere.",
        examples=EXAMPLES,
        run=run,
    )
    add_selection(parser)
    parser.add_argument("--out", required=True, help="directory for <resource>.jsonl / .csv, or - for stdout (JSONL)")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--since", help="only items first seen after this ISO 8601 time (with an offset or Z)")
    parser.add_argument("--until", help="only items first seen before this ISO 8601 time")
    parser.add_argument("--shards", type=int, default=1, help="split each timed resource into N time windows")
    parser.add_argument("--limit", type=int, default=1000, help="page size, 1..1000 (1000)")
    parser.add_argument("--max-concurrency", type=int, default=16, help="requests in flight (16)")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted export in --out")
    parser.add_argument("--quiet", action="store_true", help="no progress display")


def run(args: argparse.Namespace) -> int:
    resources = _check_arguments(args)
    since, until = _when(args.since, "--since"), _when(args.until, "--until")
    if since is not None and until is not None and since >= until:
        raise UsageError(f"--since ({args.since}) must be before --until ({args.until})")
    client = make_client(args, max_concurrency=args.max_concurrency)
    if args.team and client.team_ids and set(args.team) - set(client.team_ids):
        raise UsageError(f"--team: no key for {sorted(set(args.team) - set(client.team_ids))}")
    export = _Export(args, resources, client, since, until)
    if args.out == "-":
        return export.run({resources[0]: StdoutOutput(sys.stdout.buffer)}, None)
    out = Path(args.out)
    if args.resume and not out.is_dir():
        raise UsageError(f"--resume: {out} is not a directory holding an export (run without --resume to start)")
    prepare_directory(out)
    with lock_directory(out):
        checkpoint_path = out / CHECKPOINT
        files = {resource: out / f"{resource}.{args.format}" for resource in resources}
        if args.resume:
            checkpoint = Checkpoint.load(
                checkpoint_path, fingerprint=export.fingerprint, jobs=export.jobs(), files=resources
            )
            marks = {name: (checkpoint.files[name], checkpoint.check_file(name, path)) for name, path in files.items()}
        elif checkpoint_path.exists():
            raise UsageError(f"{out} holds an unfinished export: continue it with --resume, or choose another --out")
        else:
            checkpoint, marks = Checkpoint(export.fingerprint), {}
        outputs: dict[str, Output] = {}
        try:
            for name, path in files.items():
                file = FileOutput(path, name, args.format, marks.get(name))
                outputs[name] = file
                checkpoint.files[name] = file.commit()
            try:
                checkpoint.save(checkpoint_path)  # from here on, --resume always has a checkpoint to continue from
            except OSError as exc:
                raise OutputError(checkpoint_path, exc) from None
            code = export.run(outputs, (checkpoint, checkpoint_path))
        finally:
            for output in outputs.values():
                output.close()
        if code == EXIT_OK:
            checkpoint_path.unlink(missing_ok=True)
            for name, path in files.items():
                print(f"{name}\t{export.display.rows[name].items}\t{path}")
        return code


def _check_arguments(args: argparse.Namespace) -> list[str]:
    resources = chosen_resources(args)
    check_ranges(("--limit", args.limit, 1, 1000), ("--shards", args.shards, 1, 64),
                 ("--max-concurrency", args.max_concurrency, 1, 1024))  # fmt: skip
    if args.resume and args.shards > 1:
        raise UsageError("--resume cannot continue a sharded export (overlapping windows are de-duplicated in memory)")
    if args.out == "-":
        if len(resources) != 1:
            raise UsageError("--out - writes one resource to stdout: name exactly one (for example: export ips)")
        if args.format != "jsonl":
            raise UsageError("--out - writes JSONL; --format csv needs an --out directory")
        if args.resume:
            raise UsageError("--resume needs an --out directory (stdout has no checkpoint)")
    return resources


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


class _Export:
    """One export run: the pull, the display, and (for files) the checkpoint after every page."""

    def __init__(
        self,
        args: argparse.Namespace,
        resources: list[str],
        client: AsyncDetectify,
        since: dt.datetime | None,
        until: dt.datetime | None,
    ) -> None:
        self.args = args
        self.resources = resources
        self.client = client
        self.since, self.until = since, until
        # With --out - the reader of stdout (jq, ...) likely prints to the same terminal: a table redrawn in place
        # would overwrite its lines, so the progress comes as plain lines.
        self.display = ProgressDisplay(resources, enabled=not args.quiet, live=args.out != "-")
        self.fingerprint = self._fingerprint()
        self.scopes: list[str] = list(args.team) or [""]
        self.pages_seen: set[str] = set()
        self.outputs: dict[str, Output] = {}
        self.checkpoint: tuple[Checkpoint, Path] | None = None
        self._consistent = True
        self._committed = time.monotonic()

    def _fingerprint(self) -> str:
        """What must not change between an export and its --resume."""
        a = self.args
        settings = [self.resources, a.format, sorted(a.team), a.since, a.until, a.shards, a.limit,
                    without_userinfo(base_url_of(a))]  # fmt: skip
        return hashlib.sha256(json.dumps(settings).encode()).hexdigest()[:16]

    def jobs(self) -> set[str]:
        """The checkpoint names of this export's jobs: ``<team view>|<job key>``."""
        names = set()
        for scope in self.scopes:
            teams = [f"@{team}" for team in self.client.team_ids] if not scope and self.client.team_ids else [""]
            names |= {f"{scope}|{resource}{team}" for resource in self.resources for team in teams}
        return names

    def run(self, outputs: dict[str, Output], checkpoint: tuple[Checkpoint, Path] | None) -> int:
        self.outputs, self.checkpoint = outputs, checkpoint

        async def pull() -> None:
            async with self.client:
                with watch_retries(self.client, lambda path: self.display.update(resource_of(path), retries=1)) as c:
                    for scope in self.scopes:
                        await self._pull_view(c.for_team(scope) if scope else c, scope)

        with self.display:
            try:
                try:
                    anyio.run(pull)
                finally:
                    if self._consistent:  # not stopped half-way through recording a page: save how far it got
                        with contextlib.suppress(OutputError):
                            self._commit()
            except (AuthenticationError, PermissionDeniedError) as exc:
                self._failed()
                raise CliError(f"the API refused the credentials: {exc}", EXIT_CREDENTIALS) from exc
            except DetectifyError as exc:
                self._failed()
                where = f" ({exc.job})" if exc.job else ""
                resume = "; continue with the same command and --resume" if checkpoint else ""
                raise CliError(f"export failed{where}: {exc}{resume}", EXIT_FAILED) from exc
            except OutputError as exc:
                self._failed()
                resume = "; fix that, then continue with the same command and --resume" if checkpoint else ""
                raise CliError(f"{exc}{resume}", EXIT_OUTPUT) from exc
            except CliError:
                self._failed()
                raise
            except KeyboardInterrupt:
                self.display.stop()
                self.display.summary()
                if checkpoint is None:
                    raise
                raise CliError(
                    "interrupted; the checkpoint is saved: continue with the same command and --resume",
                    EXIT_INTERRUPTED,
                ) from None
        self.display.summary()
        return EXIT_OK

    def _failed(self) -> None:
        for name, counters in self.display.rows.items():
            if counters.state != "done":
                self.display.finish(name, failed=True)
        self.display.summary()

    async def _pull_view(self, client: AsyncDetectify, scope: str) -> None:
        state = self.checkpoint[0] if self.checkpoint else None
        prefix = scope + "|"
        resume = {job[len(prefix) :]: c for job, c in (state.resume if state else {}).items() if job.startswith(prefix)}
        completed = [job[len(prefix) :] for job in (state.completed if state else []) if job.startswith(prefix)]
        for resource in self.resources:
            self.display.start(resource)
        with self._stale_cursor(scope, resume):
            async with client.pull_all(
                self.resources,
                as_dicts=True,
                since=self.since,
                until=self.until,
                shards=self.args.shards,
                limit=self.args.limit,
                resume=resume,
                completed=completed,
            ) as pull:
                last_view = scope == self.scopes[-1]
                jobs_left = {name: sum(job.resource == name for job in pull.jobs) for name in self.resources}
                for resource, left in jobs_left.items():
                    if not left and last_view:
                        self.display.finish(resource)
                async for batch in pull.batches():
                    self._record(batch, scope)
                    if batch.next_cursor is None:
                        jobs_left[batch.resource] -= 1
                        if not jobs_left[batch.resource] and last_view:
                            self.display.finish(batch.resource)

    @contextlib.contextmanager
    def _stale_cursor(self, scope: str, resume: dict[str, str]) -> Iterator[None]:
        """A resumed job whose first page the API refuses: the checkpoint's cursor is stale (exit 2, not a retry)."""
        try:
            yield
        except ValueError as exc:  # the SDK refused the pull's arguments (a cursor, a window) before sending
            if resume:
                raise UsageError(f"--resume: the checkpoint's cursors do not fit this export ({exc})") from None
            raise UsageError(str(exc)) from None
        except APIStatusError as exc:
            job = exc.job or ""
            stale = (
                exc.status_code in _STALE_CURSOR_STATUSES
                and job in resume
                and exc.cursor == resume[job]
                and f"{scope}|{job}" not in self.pages_seen
            )
            if not stale:
                raise
            raise UsageError(
                f"--resume: the API no longer accepts the checkpoint's cursor for {job} ({exc.status_code}): the "
                f"checkpoint is stale; to start over delete {self.args.out}/{CHECKPOINT} and run without --resume"
            ) from None

    def _record(self, batch: Batch, scope: str) -> None:
        """Write a page and note where its job continues; commit when one is due (see ``_commit``)."""
        self._consistent = False  # until the page's lines and its cursor are both recorded
        self.outputs[batch.resource].write(batch.items)
        job = f"{scope}|{batch.job}"
        self.pages_seen.add(job)
        if self.checkpoint is not None:
            state = self.checkpoint[0]
            if batch.next_cursor is None:
                state.resume.pop(job, None)
                state.completed.append(job)
            else:
                state.resume[job] = batch.next_cursor
        self._consistent = True
        self.display.update(batch.resource, items=len(batch.items), pages=1)
        if batch.next_cursor is None or time.monotonic() - self._committed >= COMMIT_INTERVAL:
            self._commit()

    def _commit(self) -> None:
        """Make every line written so far durable (fsync), then save the checkpoint naming them.

        A checkpoint only ever names lines on disk; lines written after it are dropped and pulled again by --resume.
        """
        if self.checkpoint is None:
            return
        state, path = self.checkpoint
        for name, output in self.outputs.items():
            mark = output.commit()
            if mark is not None:
                state.files[name] = mark
        try:
            state.save(path)
        except OSError as exc:
            raise OutputError(path, exc) from None
        self._committed = time.monotonic()

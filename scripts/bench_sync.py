"""`make bench`, part 6: `detectify sync` (issue 17), run by scripts/bench.py.

- a full sync of 200,000 IPs into SQLite, and into PostgreSQL, against `detectify export ips` to JSONL on the same
  precomputed-pages server (scripts/bench_server.py), each as a fresh process, alternating over the rounds;
- the PostgreSQL store alone (one statement per page), for its rows per second;
- a delta sync after 1% of the IPs changed (half new, half disappeared) on the bundled fake server, whose filters
  are real: its requests and wall time against the full sync's.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio

from detectify import AsyncDetectify
from detectify.sync import default_tables, sync
from detectify.testing import TEST_API_KEY
from detectify.testing.data import Dataset

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PAGES = 200
Record = Callable[[str, str, str, bool | None], None]


def run(fast_server: Callable[[dict[str, int]], Any], record: Record, rounds: int) -> None:
    from postgres_server import Unavailable, postgres_server

    print(f"6. `detectify sync` of {PAGES * 1000:,} IPs (SQLite, PostgreSQL) against `detectify export ips` "
          f"({rounds} rounds)")  # fmt: skip
    try:
        with postgres_server() as postgres:
            full_syncs(fast_server, record, rounds, postgres)
            write_paths(record, postgres)
    except Unavailable as exc:
        print(f"  PostgreSQL figures skipped: {exc}")
        full_syncs(fast_server, record, rounds, None)
    delta(record)


def _timed(command: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """The wall time of ``command``; its CPU time (user + system, the process only) is added to ``cpu``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return took


def full_syncs(fast_server: Callable[[dict[str, int]], Any], record: Record, rounds: int, postgres: str | None) -> None:
    with fast_server({"ips": PAGES}) as base, tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, DETECTIFY_API_KEY=TEST_API_KEY, DETECTIFY_BASE_URL=f"{base}/rest")
        cli = [PY, "-m", "detectify"]
        times: dict[str, list[float]] = {"export": [], "sqlite": [], "postgresql": []}
        cpu: dict[str, list[float]] = {kind: [] for kind in times}
        for index in range(rounds):
            export_command = [*cli, "export", "ips", "--out", f"{tmp}/e{index}", "--quiet"]
            times["export"].append(_timed(export_command, env, cpu["export"]))
            sqlite_command = [*cli, "sync", "ips", "--db", f"{tmp}/s{index}.db", "--quiet"]
            times["sqlite"].append(_timed(sqlite_command, env, cpu["sqlite"]))
            if postgres:
                postgres_command = [*cli, "sync", "ips", "--db", postgres, "--schema", f"bench_{index}", "--quiet"]
                times["postgresql"].append(_timed(postgres_command, env, cpu["postgresql"]))
        rows = _count_sqlite(f"{tmp}/s0.db")
        assert rows == PAGES * 1000, rows
    export = statistics.median(times["export"])
    for kind, target in (("sqlite", 1.3), ("postgresql", 1.5)):
        if times[kind]:
            took = statistics.median(times[kind])
            record(f"sync into {kind} / export", f"{took / export:.2f} ({took:.2f}s vs {export:.2f}s)",
                   f"<= {target}", took / export <= target)  # fmt: skip
    # The client process's CPU (the PostgreSQL server's is apart): the two cores are shared by the client, the
    # bench server and the database, so the sync's wall time follows the CPU everything spends (docs/benchmarks.md).
    spent = ", ".join(f"{kind} {statistics.median(cpu[kind]):.2f}s" for kind in cpu if cpu[kind])
    record("CPU of the command's process (medians)", spent, "info", None)


def _count_sqlite(path: str) -> int:
    import sqlite3

    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM ips").fetchone()[0])


def write_paths(record: Record, postgres: str) -> None:
    """The PostgreSQL store alone: 50 pages of 1000 IPs, one transaction each (no HTTP)."""
    from detectify.sync.postgres import PostgresStore
    from detectify.sync.store import PageWrite, encode_items
    from detectify.sync.target import parse_target

    data = Dataset(2, ("team-bench",), {"ips": 50_000})
    pages = [encode_items([data.item("ips", p) for p in range(at, at + 1000)]) for at in range(0, 50_000, 1000)]
    table = default_tables()["ips"]
    store = PostgresStore(parse_target(postgres), "paths")
    try:
        store.prepare({"ips": table})
        started = time.perf_counter()
        for items, count in pages:
            store.write([PageWrite(table, items, count, "ips", "{}")], dt.datetime.now(dt.UTC))
        took = time.perf_counter() - started
    finally:
        store.close()
    record("PostgreSQL store alone (a page per commit)", f"{50_000 / took:,.0f} rows/s ({took / 50:.4f}s a page)",
           "info", None)  # fmt: skip


def delta(record: Record) -> None:
    count = PAGES * 1000
    print(f"   delta after 1% of {count:,} IPs changed (bundled fake server, real filters)")
    server = subprocess.Popen([PY, "scripts/bench_sync_server.py", "--ips", str(count)], cwd=ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
    assert server.stdin is not None
    assert server.stdout is not None

    def ask(line: str) -> str:
        assert server.stdin is not None
        assert server.stdout is not None
        server.stdin.write(line + "\n")
        server.stdin.flush()
        return server.stdout.readline().strip()

    try:
        base = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            path = f"{tmp}/delta.db"

            async def once() -> tuple[float, Any]:
                async with AsyncDetectify(TEST_API_KEY, base_url=f"{base}/rest") as client:
                    started = time.perf_counter()
                    report = await sync(client, path, resources=["ips"])
                    return time.perf_counter() - started, report

            before = int(ask("requests"))
            full_time, full = anyio.run(once)
            full_requests = int(ask("requests")) - before
            ask(f"move {count // 100}")
            before = int(ask("requests"))
            delta_time, changed = anyio.run(once)
            delta_requests = int(ask("requests")) - before
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    counted = changed.resources["ips"]
    assert full.resources["ips"].inserted == count
    assert (counted.inserted, counted.updated) == (count // 200,) * 2
    requests, wall = delta_requests / full_requests, delta_time / full_time
    record("delta requests / full sync's", f"{requests:.3f} ({delta_requests} vs {full_requests})", "< 0.05",
           requests < 0.05)  # fmt: skip
    record("delta wall time / full sync's", f"{wall:.3f} ({delta_time:.2f}s vs {full_time:.2f}s)", "< 0.05",
           wall < 0.05)  # fmt: skip

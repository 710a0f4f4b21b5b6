"""`make demo`: pull a whole attack surface, concurrently, from the bundled fake Detectify server.

Two teams (an organisation holding one key per team), every resource, over loopback HTTP, through a gateway that
throttles and hiccups (429s with Retry-After, a 503 burst, a dropped connection). No API key needed: the fake server
has its own.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter

import anyio

from detectify import AsyncDetectify
from detectify.testing import FakeDetectify, Fault, serve

RESOURCES = ("ips", "ports", "technologies", "breaches", "connectors")
TEAMS = {"team-red": "11111111-1111-4111-8111-111111111111", "team-blue": "22222222-2222-4222-8222-222222222222"}
COUNTS = {"ips": 3000, "ports": 8000, "technologies": 2500, "breaches": 1000, "connectors": 6}  # per team


class RetryCounter(logging.Handler):
    """Counts the SDK's retry log lines (one INFO line per retry on logger `detectify`)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("retrying"):
            self.retries += 1


async def pull(
    client: AsyncDetectify,
    team: str,
    resource: str,
    counts: Counter[tuple[str, str]],
    done: Counter[str],
    ids: set[str],
) -> None:
    async for item in getattr(client, resource).list(limit=500):
        counts[resource, team] += 1
        done[resource] += 1
        ids.add(f"{resource}/{item.id}")


async def show_progress(done: Counter[str], total: int, started: float, tty: bool) -> None:
    while True:
        got = sum(done.values())
        line = "  ".join(f"{r} {done[r]:>6}" for r in RESOURCES)
        rate = got / max(time.monotonic() - started, 1e-9)
        text = f"{line}  | {got}/{total} items, {rate:,.0f}/s"
        if tty:
            print("\r" + text, end="", flush=True)
        else:
            print(text, flush=True)
        await anyio.sleep(0.1 if tty else 1.0)


async def main() -> None:
    app = FakeDetectify(
        seed=2026, teams=tuple(TEAMS), counts=COUNTS, api_keys={key: (team,) for team, key in TEAMS.items()}
    )
    app.faults += [
        Fault("request_rate", rate=10),  # the gateway's throttle: 429 + Retry-After beyond 10 requests/s
        Fault("server_error", status=503, path="/v3/ports", after=4, times=3),  # a burst of 503s
        Fault("drop_connection", path="/v3/technologies", after=2),  # a connection cut mid-response
        Fault("slow", delay=0.02, times=None),  # 20 ms of latency on every request
    ]
    expected = {f"{r}/{item['id']}" for r in RESOURCES for item in app.items(r)}
    total = len(expected)
    retry_counter = RetryCounter()
    logging.getLogger("detectify").addHandler(retry_counter)
    logging.getLogger("detectify").setLevel(logging.INFO)
    logging.getLogger("detectify").propagate = False

    counts: Counter[tuple[str, str]] = Counter()
    done: Counter[str] = Counter()
    ids: set[str] = set()
    tty = sys.stdout.isatty()
    print(f"Pulling {total:,} items ({', '.join(RESOURCES)}) for two teams from a fake Detectify server...")
    with serve(app) as base_url:
        started = time.monotonic()
        # One client, one pool, a key per team: each team's requests go with that team's key.
        client = AsyncDetectify(dict(TEAMS), base_url=f"{base_url}/rest", max_concurrency=8)
        async with client, anyio.create_task_group() as progress:
            progress.start_soon(show_progress, done, total, started, tty)
            async with anyio.create_task_group() as pulls:
                for team in TEAMS:
                    for resource in RESOURCES:
                        pulls.start_soon(pull, client.for_team(team), team, resource, counts, done, ids)
            progress.cancel_scope.cancel()
        elapsed = time.monotonic() - started

    print("\n" if tty else "", end="")
    print(f"\nDone in {elapsed:.2f}s: {sum(counts.values()):,} items.\n")
    teams = list(TEAMS)
    print(f"  {'resource':<14}" + "".join(f"{t:>12}" for t in teams) + f"{'total':>10}")
    for resource in RESOURCES:
        row = [counts[resource, t] for t in teams]
        print(f"  {resource:<14}" + "".join(f"{n:>12,}" for n in row) + f"{sum(row):>10,}")
    statuses = Counter(r.status for r in app.requests)
    print(
        f"\n  requests made: {len(app.requests):,}   retries absorbed: {retry_counter.retries}   "
        f"server answers: {', '.join(f'{s} x{n}' for s, n in sorted(statuses.items()))}"
    )
    if ids != expected or sum(counts.values()) != total:
        raise SystemExit(
            f"expected {total} distinct items exactly once, got {sum(counts.values())} ({len(ids)} distinct)"
        )
    print("  every item arrived exactly once")


if __name__ == "__main__":
    anyio.run(main)

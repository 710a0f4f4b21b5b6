"""`make bench`: the SDK's speed as ratios against a raw httpx + json loop measured in the same run.

Servers run in their own processes: scripts/bench_server.py (precomputed pages) for throughput, memory and export;
the bundled fake server (`python -m detectify.testing serve`) where filters, latency and a rate limit are needed.
Each throughput figure alternates the contenders over several rounds and reports medians. Name sections to run
only those: `python scripts/bench.py throughput fan-out rate memory export import`.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx
from detectify_v3.models import IpList, PortList

from detectify import AsyncDetectify
from detectify.testing import TEST_API_KEY, FakeDetectify
from detectify.testing.data import Dataset

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
KEY = TEST_API_KEY
ROUNDS = 3
ROWS: list[tuple[str, str, str, str]] = []


@contextmanager
def process(command: list[str], ready: Callable[[str], str | None]) -> Iterator[str]:
    """Start a server process; yields what ``ready`` extracts from the first line it accepts (its URL)."""
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        assert child.stdout is not None
        for line in child.stdout:
            found = ready(line)
            if found:
                break
        else:
            raise SystemExit(f"server did not start: {command}")
        # keep reading what the server prints (access logs), or it blocks once the pipe is full
        threading.Thread(target=child.stdout.read, daemon=True).start()
        yield found
    finally:
        child.terminate()
        child.wait(timeout=10)
        if child.stdout:
            child.stdout.close()


def fast_server(pages: dict[str, int], limit: int = 1000) -> Any:
    spec = [arg for name, n in pages.items() for arg in ("--pages", f"{name}={n}")]
    return process([PY, "scripts/bench_server.py", "--limit", str(limit), *spec], lambda line: line.strip() or None)


def fake_server(*options: str) -> Any:
    command = [PY, "-m", "detectify.testing", "serve", "--port", "0", "--no-validate", "--log-level", "info", *options]
    return process(command, lambda line: line.split("running on ")[1].split()[0] if "running on" in line else None)


def record(figure: str, value: str, target: str, verdict: bool | None) -> None:
    mark = "" if verdict is None else ("met" if verdict else "MISSED")
    ROWS.append((figure, value, target, mark))
    print(f"  {figure}: {value}   (target {target}) {mark}", flush=True)


async def timed(work: Callable[[], Awaitable[int]]) -> tuple[float, int]:
    started = time.perf_counter()
    count = await work()
    return time.perf_counter() - started, count


# --- 1. throughput -------------------------------------------------------------------------------------------


async def raw_loop(base: str, resource: str = "ips", limit: int = 1000) -> int:
    count = 0
    async with httpx.AsyncClient(headers={"Authorization": KEY}, timeout=30) as http:
        url: str | None = f"{base}/rest/v3/{resource}?limit={limit}"
        while url:
            body = json.loads((await http.get(url)).content)
            count += len(body["items"])
            url = body["pagination"].get("next")
    return count


async def sdk_loop(base: str, *, dicts: bool, resource: str = "ips") -> int:
    count = 0
    async with AsyncDetectify(KEY, base_url=f"{base}/rest") as client:
        pager = getattr(client, resource).list(limit=1000)
        async for _ in pager.as_dicts() if dicts else pager:
            count += 1
    return count


async def throughput() -> None:
    pages = 200
    print(f"1. items/s over {pages * 1000:,} IPs in pages of 1000 ({ROUNDS} alternating rounds, medians)")
    with fast_server({"ips": pages}) as base:
        runs: dict[str, list[float]] = {"raw": [], "models": [], "dicts": []}
        for _ in range(ROUNDS):
            for name, work in (("raw", lambda: raw_loop(base)), ("models", lambda: sdk_loop(base, dicts=False)),
                               ("dicts", lambda: sdk_loop(base, dicts=True))):  # fmt: skip
                seconds, count = await timed(work)
                assert count == pages * 1000, (name, count)
                runs[name].append(count / seconds)
    rate = {name: statistics.median(values) for name, values in runs.items()}
    print(f"  decoders: raw baseline json (stdlib); SDK {sdk_decoder()}")
    record("raw httpx + json", f"{rate['raw']:,.0f} items/s", "baseline", None)
    record("models / raw", f"{rate['models'] / rate['raw']:.2f} ({rate['models']:,.0f} items/s)", ">= 0.85",
           rate["models"] / rate["raw"] >= 0.85)  # fmt: skip
    record("dicts / raw", f"{rate['dicts'] / rate['raw']:.2f} ({rate['dicts']:,.0f} items/s)", ">= 1.2",
           rate["dicts"] / rate["raw"] >= 1.2)  # fmt: skip
    decoders()


def sdk_decoder() -> str:
    import orjson

    return f"orjson {orjson.__version__} (the stdlib reads what orjson refuses)"


def decoders() -> None:
    """Both decoders on a page the throughput server sends: what the SDK's choice of orjson buys per page."""
    import orjson
    from bench_server import MARK, templates

    page = b'{"items":' + templates("ips", 1000)[0].replace(MARK, b"%09d" % 7) + b',"pagination":{}}'  # as served
    timings = {}
    for name, loads in (("json", json.loads), ("orjson", orjson.loads)):
        best = float("inf")
        for _ in range(ROUNDS * 5):
            started = time.perf_counter()
            loads(page)
            best = min(best, time.perf_counter() - started)
        timings[name] = best
    value = f"json {timings['json'] * 1000:.2f} ms, orjson {timings['orjson'] * 1000:.2f} ms"
    record("decoding a page of 1000 IPs", f"{value} ({timings['json'] / timings['orjson']:.1f}x)", "info", None)


# --- 2. fan-out and sharding under latency -------------------------------------------------------------------

COUNTS = {"ips": 3000, "technologies": 1500, "ports": 4000, "breaches": 1000, "connectors": 5}


async def pull(base: str, resources: list[str], *, shards: int = 1, limit: int = 100, **bounds: Any) -> set[str]:
    ids: set[str] = set()
    client = AsyncDetectify(KEY, base_url=f"{base}/rest", max_concurrency=16)
    async with client, client.pull_all(resources, as_dicts=True, limit=limit, shards=shards, **bounds) as records:
        async for item in records:
            ids.add(f"{item.resource}/{item.item['id']}")
    return ids


async def fan_out() -> None:
    print("2. 50 ms latency per request, pages of 100: fan-out over five resources, and sharding one")
    counts = ",".join(f"{name}={n}" for name, n in COUNTS.items())
    expected = FakeDetectify(seed=0, counts=COUNTS)
    first_seen = sorted(p["first_seen_at"] for p in expected.items("ports"))
    with fake_server("--latency", "0.05", *[a for n, c in COUNTS.items() for a in ("--count", f"{n}={c}")]) as base:
        del counts
        await pull(base, list(COUNTS))  # warm-up: the server keeps the items it generated, for every run below
        alone: dict[str, float] = {}
        for name in COUNTS:
            alone[name], _ = await timed(lambda name=name: _count(pull(base, [name])))  # type: ignore[misc]
        critical = max(alone.values())
        wall, got = await timed(lambda: _count(pull(base, list(COUNTS))))
        assert got == sum(COUNTS.values()), got
        record("fan-out wall / critical path", f"{wall / critical:.2f} ({wall:.2f}s vs {critical:.2f}s)", "<= 1.05",
               wall / critical <= 1.05)  # fmt: skip
        plain_time, plain = await timed(lambda: _count(pull(base, ["ports"])))
        sharded_time, sharded = await timed(lambda: _count(pull(base, ["ports"], shards=8)))
        assert plain == sharded == COUNTS["ports"], (plain, sharded)
        ratio = sharded_time / plain_time
        value = f"{ratio:.2f} ({sharded_time:.2f}s vs {plain_time:.2f}s, 2013..now, same {sharded:,} items)"
        record("sharded (8) / plain pull of ports", value, "<= 0.3", ratio <= 0.3)
        bounds = {"since": "2021-01-01T00:00:00Z", "until": _after(first_seen[-1])}
        bounded_time, bounded = await timed(lambda: _count(pull(base, ["ports"], shards=8, **bounds)))
        assert bounded == COUNTS["ports"], bounded
        record("  the same within since/until", f"{bounded_time / plain_time:.2f} ({bounded_time:.2f}s)", "info", None)


async def _count(work: Awaitable[set[str]]) -> int:
    return len(await work)


def _after(stamp: str) -> str:
    return stamp[:-1] + ".5+00:00"  # just after the last item, still exclusive


# --- 3. under a server rate limit ------------------------------------------------------------------------------


LIMIT_RPS = 20
LIMITED = {"ips": 15000, "ports": 15000, "technologies": 10000}  # 400 pages of 100: 20 s at the limit


async def limited_pull(base: str, counts: dict[str, int], key: Any = KEY, **options: Any) -> tuple[float, list[str]]:
    async with AsyncDetectify(key, base_url=f"{base}/rest", **options) as client:
        ids: list[str] = []
        started = time.perf_counter()
        async with client.pull_all(list(counts), as_dicts=True, limit=100) as records:
            async for item in records:
                ids.append(f"{item.team_id}/{item.resource}/{item.item['id']}")
        return time.perf_counter() - started, ids


def token_bucket(*extra: str) -> list[str]:
    return ["--rate", str(LIMIT_RPS), "--burst", "4", *extra]


async def rate_limited() -> None:
    print(f"3. a gateway's token bucket: R = {LIMIT_RPS} requests/s, burst 4, 429 beyond it; pages of 100")
    expected = {f"None/{r}/{item['id']}" for r in LIMITED for item in FakeDetectify(seed=0, counts=LIMITED).items(r)}
    pages = sum(-(-n // 100) for n in LIMITED.values())
    for label, server, client_rate, target in (
        ("learned, Retry-After: 1", token_bucket("--retry-after", "1"), None, 0.85),
        ("learned, no Retry-After", token_bucket("--retry-after", "0"), None, 0.85),
        ("with rate_limit=R", token_bucket("--retry-after", "1"), float(LIMIT_RPS), 0.9),
    ):
        with fake_server(*server, *_counts(LIMITED)) as base:
            elapsed, ids = await limited_pull(base, LIMITED, rate_limit=client_rate)
        achieved = pages / elapsed
        exact = len(ids) == len(set(ids)) and {i.replace("team-a/", "None/", 1) for i in ids} == expected
        outcome = "exactly once" if exact else "ITEMS LOST OR REPEATED"
        value = f"{achieved / LIMIT_RPS:.2f} ({pages} pages in {elapsed:.1f}s, no errors, {outcome})"
        record(f"token bucket, {label}: achieved / R", value, f">= {target}", achieved / LIMIT_RPS >= target and exact)
    await team_keys()


TEAM_KEYS = {f"team-{n}": f"{n}{n}{n}{n}{n}{n}{n}{n}-0000-4000-8000-000000000000" for n in range(1, 5)}
PER_TEAM = LIMITED  # 400 pages a team: 20 s at each key's limit


async def team_keys() -> None:
    keys = [a for team, key in TEAM_KEYS.items() for a in ("--key", f"{key}={team}")]
    server = ["--teams", ",".join(TEAM_KEYS), "--per-key", "--retry-after", "1", *keys]
    teams = FakeDetectify(seed=0, teams=tuple(TEAM_KEYS), counts=PER_TEAM)
    expected = {f"{item['team_id']}/{r}/{item['id']}" for r in PER_TEAM for item in teams.items(r)}
    with fake_server(*token_bucket(*server), *_counts(PER_TEAM)) as base:
        elapsed, ids = await limited_pull(base, PER_TEAM, key=TEAM_KEYS)
    pages = len(TEAM_KEYS) * sum(-(-n // 100) for n in PER_TEAM.values())
    achieved = pages / elapsed / (len(TEAM_KEYS) * LIMIT_RPS)
    exact = len(ids) == len(set(ids)) and set(ids) == expected
    outcome = "exactly once" if exact else "ITEMS LOST OR REPEATED"
    value = f"{achieved:.2f} ({pages} pages in {elapsed:.1f}s, {outcome})"
    record("4 team keys, each limited to R: achieved / 4R", value, ">= 0.9", achieved >= 0.9 and exact)


def _counts(counts: dict[str, int]) -> list[str]:
    return [a for n, c in counts.items() for a in ("--count", f"{n}={c}")]


# --- 6. import cost --------------------------------------------------------------------------------------------

DEPENDENCIES = "import httpx, attrs, anyio, tenacity"


def import_cost() -> None:
    print("6. import cost (fresh processes, alternating, best of 15)")
    runs: dict[str, list[float]] = {"deps": [], "detectify": [], "help": []}
    commands = {
        "deps": [PY, "-c", DEPENDENCIES],
        "detectify": [PY, "-c", f"{DEPENDENCIES}; import detectify"],
        "help": [PY, "-m", "detectify", "--help"],
    }
    for _ in range(15):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            runs[name].append(time.perf_counter() - started)
    best = {name: min(times) for name, times in runs.items()}
    over = best["detectify"] - best["deps"]
    record("import detectify over its dependencies", f"{over:.3f}s (dependencies {best['deps']:.3f}s)", "<= 0.08s",
           over <= 0.08)  # fmt: skip
    record("detectify --help", f"{best['help']:.3f}s ({best['help'] - best['deps']:+.3f}s over the dependencies)",
           "info", None)  # fmt: skip


# --- 4. memory -------------------------------------------------------------------------------------------------

STREAM = """
import anyio, sys
sys.path.insert(0, "scripts")
import bench
async def main():
    kind, base = sys.argv[1], sys.argv[2]
    n = await (bench.raw_loop(base) if kind == "raw" else bench.sdk_loop(base, dicts=(kind == "dicts")))
    peak = next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]
    print(n, int(peak) // 1024)
anyio.run(main)
"""


def memory() -> None:
    pages = 1000
    print(f"4. peak RSS streaming {pages * 1000:,} items (each in a fresh process)")
    with fast_server({"ips": pages}) as base:
        peaks = {}
        for kind in ("raw", "dicts", "models"):
            out = subprocess.run([PY, "-c", STREAM, kind, base], capture_output=True, text=True, cwd=ROOT, check=True)
            count, peak = (int(x) for x in out.stdout.split())
            assert count == pages * 1000
            peaks[kind] = peak
    record("raw loop peak RSS", f"{peaks['raw']} MB", "baseline", None)
    for kind in ("dicts", "models"):
        extra = peaks[kind] - peaks["raw"]
        record(f"SDK {kind} peak RSS", f"{peaks[kind]} MB ({extra:+d} MB)", "<= +5 MB over raw", extra <= 5)


# --- 5. export -------------------------------------------------------------------------------------------------

RAW_EXPORT = """
import httpx, json, sys
base, out = sys.argv[1], sys.argv[2]
with httpx.Client(headers={"Authorization": sys.argv[3]}) as http, open(out, "w") as file:
    url = base + "/rest/v3/ips?limit=1000"
    while url:
        body = json.loads(http.get(url).content)
        file.write("".join(json.dumps(item) + "\\n" for item in body["items"]))
        url = body["pagination"].get("next")
"""


def export() -> None:
    pages = 200
    print(f"5. writing {pages * 1000:,} IPs as JSONL: `detectify export` against a raw loop ({ROUNDS} rounds)")
    with fast_server({"ips": pages}) as base, tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, DETECTIFY_API_KEY=KEY, DETECTIFY_BASE_URL=f"{base}/rest")
        raw_times, cli_times = [], []
        for index in range(ROUNDS):
            started = time.perf_counter()
            subprocess.run([PY, "-c", RAW_EXPORT, base, f"{tmp}/raw{index}.jsonl", KEY], check=True, cwd=ROOT)
            raw_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            subprocess.run([PY, "-m", "detectify", "export", "ips", "--out", f"{tmp}/cli{index}", "--quiet"],
                           env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
            cli_times.append(time.perf_counter() - started)
            lines = sum(1 for _ in open(f"{tmp}/cli{index}/ips.jsonl", encoding="utf-8"))  # noqa: SIM115
            assert lines == pages * 1000, lines
    raw, cli = statistics.median(raw_times), statistics.median(cli_times)
    record("export / raw loop", f"{cli / raw:.2f} ({cli:.2f}s vs {raw:.2f}s)", "<= 1.0", cli / raw <= 1.0)


# --- 6. model parsing ------------------------------------------------------------------------------------------


def model_parsing() -> None:
    """The generated from_dict per item against json.loads of the same page, in this process (no HTTP)."""
    rounds, size = 15, 1000
    print(f"6. from_dict per item, generated vs json.loads (pages of {size}, best of {rounds} rounds, gc on)")
    for resource, page_model in (("ips", IpList), ("ports", PortList)):
        data = Dataset(1, ("team-bench",), {resource: size})
        page = json.dumps({"items": [data.item(resource, i) for i in range(size)], "pagination": {}}).encode()
        decode, parse = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            body = json.loads(page)
            decoded = time.perf_counter()
            parsed = page_model.from_dict(body)
            decode.append(decoded - started)
            parse.append(time.perf_counter() - decoded)
            assert len(parsed.items) == size
        loads, from_dict = min(decode) / size * 1e6, min(parse) / size * 1e6
        record(f"{resource}: from_dict / json.loads per item", f"{from_dict / loads:.2f} ({from_dict:.2f} us vs "
               f"{loads:.2f} us)", "info", None)  # fmt: skip


def main() -> None:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")  # noqa: SIM115
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    sections = {
        "throughput": lambda: anyio.run(throughput),
        "fan-out": lambda: anyio.run(fan_out),
        "rate": lambda: anyio.run(rate_limited),
        "memory": memory,
        "export": export,
        "import": import_cost,
        "models": model_parsing,
        "sync": lambda: __import__("bench_sync").run(fast_server, record, ROUNDS),
    }
    chosen = sys.argv[1:] or list(sections)  # `python scripts/bench.py rate import`: some sections only
    for name in chosen:
        sections[name]()
    print("\nsummary")
    for figure, value, target, mark in ROWS:
        print(f"  {figure:<44} {value:<58} {target:<20} {mark}")


if __name__ == "__main__":
    main()

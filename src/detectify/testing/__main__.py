"""``python -m detectify.testing serve [--port N] ...``: a fake Detectify API on loopback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .app import TEST_API_KEY, FakeDetectify
from .data import RESOURCES
from .faults import Fault


def _count(text: str) -> tuple[str, int]:
    resource, _, number = text.partition("=")
    if resource not in RESOURCES or not number.isdigit():
        raise argparse.ArgumentTypeError(f"expected RESOURCE=N with RESOURCE one of {', '.join(RESOURCES)}")
    return resource, int(number)


def _key(text: str) -> tuple[str, tuple[str, ...]]:
    key, _, teams = text.partition("=")
    if not key or not teams:
        raise argparse.ArgumentTypeError("expected KEY=TEAM[,TEAM...]")
    return key, tuple(team for team in teams.split(",") if team)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m detectify.testing", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the fake API until interrupted")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--seed", type=int, default=0)
    serve.add_argument("--teams", default="team-a", help="comma-separated team ids (default: team-a)")
    serve.add_argument("--count", type=_count, action="append", default=[], metavar="RESOURCE=N",
                       help="items per team, for example --count ips=100000")  # fmt: skip
    serve.add_argument("--drift", action="store_true", help="serve enum values and fields newer than the spec")
    serve.add_argument("--no-validate", action="store_true", help="do not check requests against the spec")
    serve.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    serve.add_argument("--rate", type=float, help="requests per second beyond which it answers 429 + Retry-After")
    serve.add_argument("--burst", type=float, help="requests the --rate bucket holds (default: one second's worth)")
    serve.add_argument(
        "--retry-after", type=float, help="the Retry-After of --rate's 429s (0: none; default: the wait)"
    )
    serve.add_argument("--per-key", action="store_true", help="a --rate bucket for each API key")
    serve.add_argument("--key", action="append", default=[], type=_key, metavar="KEY=TEAM[,TEAM]",
                       help="an API key and the teams it reaches (default: the test key, every team)")  # fmt: skip
    serve.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    args = parser.parse_args(argv)

    import uvicorn

    app = FakeDetectify(
        seed=args.seed,
        teams=tuple(t for t in args.teams.split(",") if t),
        counts=dict(args.count),
        validate=not args.no_validate,
        drift=args.drift,
        api_keys=dict(args.key) or None,
    )
    if args.latency:
        app.faults.append(Fault("slow", delay=args.latency, times=None))
    if args.rate:
        app.faults.append(
            Fault("request_rate", rate=args.rate, burst=args.burst, retry_after=args.retry_after, per_key=args.per_key)
        )
    print(f"Fake Detectify API at http://{args.host}:{args.port}/rest  (API key: {TEST_API_KEY})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, lifespan="off", log_level=args.log_level)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The bundled fake server for the sync benchmark, with its world moved on command (one line on stdin each).

    python scripts/bench_sync_server.py --ips 200000
    move 2000       -> half new IPs, half disappearing, now; answers "moved"
    requests        -> answers the number of requests served so far

Prints its base URL first. Runs in its own process, so the client is what is measured.
"""

from __future__ import annotations

import argparse
import sys

from detectify.testing import FakeDetectify, serve


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ips", type=int, default=200_000)
    args = parser.parse_args()
    app = FakeDetectify(seed=1, teams=("team-bench",), counts={"ips": args.ips}, validate=False)
    with serve(app) as url:
        print(url, flush=True)
        for line in sys.stdin:
            command, *rest = line.split()
            if command == "move":
                changed = int(rest[0])
                app.move(new={"ips": changed // 2}, disappear={"ips": changed - changed // 2})
                print("moved", flush=True)
            elif command == "requests":
                print(len(app.requests), flush=True)


if __name__ == "__main__":
    main()

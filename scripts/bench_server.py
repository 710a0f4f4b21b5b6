"""A fast fake Detectify list server for `make bench`: every page is precomputed bytes, so the server is not what
is measured. Run in its own process; prints its base URL once it accepts connections.

    python scripts/bench_server.py --pages ips=200 --limit 1000 [--latency 0.05]

Page k of a resource is one of a few precomputed templates with the page number written into every item id, so
ids stay unique across a million items without building them all.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import uvicorn

from detectify.testing.data import Dataset

Scope = MutableMapping[str, Any]
TEMPLATES = 16
MARK = b"PAGE#####"  # replaced by the zero-padded page number (same width) in each served page


def templates(resource: str, limit: int) -> list[bytes]:
    """The items JSON of a few distinct pages, with MARK in every id."""
    data = Dataset(1, ("team-bench",), {resource: TEMPLATES * limit})
    pages = []
    for number in range(TEMPLATES):
        items = []
        for position in range(number * limit, (number + 1) * limit):
            item = data.item(resource, position)
            item["id"] = item["id"][:-9] + MARK.decode()
            items.append(item)
        pages.append(json.dumps(items, separators=(",", ":")).encode())
    return pages


class App:
    def __init__(self, pages: dict[str, int], limit: int, latency: float) -> None:
        self.pages = pages
        self.limit = limit
        self.latency = latency
        self.templates = {resource: templates(resource, limit) for resource in pages}

    async def __call__(
        self, scope: Scope, receive: Callable[[], Awaitable[Any]], send: Callable[[Any], Awaitable[None]]
    ) -> None:
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        resource = path.rsplit("/", 1)[-1]
        query = dict(pair.split("=", 1) for pair in scope["query_string"].decode().split("&") if "=" in pair)
        headers = dict(scope["headers"])
        if self.latency:
            await asyncio.sleep(self.latency)
        if resource not in self.pages or not headers.get(b"authorization") or query.get("limit") != str(self.limit):
            await self._send(send, 400, b'{"title": "Bad Request", "status": 400, "detail": "bench server"}')
            return
        page = int(query.get("cursor", "0"))
        items = self.templates[resource][page % TEMPLATES]
        body = b'{"items":' + items.replace(MARK, b"%09d" % page) + b',"pagination":{'
        if page + 1 < self.pages[resource]:
            host = headers.get(b"host", b"127.0.0.1").decode()
            body += f'"next":"http://{host}{path}?limit={self.limit}&cursor={page + 1}"'.encode()
        await self._send(send, 200, body + b"}}")

    @staticmethod
    async def _send(send: Callable[[Any], Awaitable[None]], status: int, body: bytes) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", action="append", default=[], help="RESOURCE=N pages")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    pages = {name: int(count) for name, count in (spec.split("=") for spec in args.pages)}
    app = App(pages, args.limit, args.latency)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    print(f"http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", access_log=False, log_level="warning"))
    server.run(sockets=[sock])
    sys.exit(0)


if __name__ == "__main__":
    main()

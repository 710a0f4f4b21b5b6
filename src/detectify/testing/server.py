"""Run a fake server on loopback: a context manager for tests, and ``python -m detectify.testing serve``."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

__all__ = ["serve"]


@contextmanager
def serve(app: Any, host: str = "127.0.0.1", port: int = 0, *, log_level: str = "critical") -> Iterator[str]:
    """Serve an ASGI app (a ``FakeDetectify``) over real HTTP in a background thread; yields its base URL.

    ``port=0`` picks a free port. The socket is listening before this returns, so no wait is needed. Faults that
    cut connections make uvicorn log errors, hence the quiet default ``log_level``.
    """
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    bound_port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, lifespan="off", access_log=False, log_level=log_level, timeout_graceful_shutdown=1, backlog=2048
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="fake-detectify", daemon=True)
    thread.start()
    try:
        yield f"http://{'[' + host + ']' if ':' in host else host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()

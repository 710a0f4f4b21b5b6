"""Counting a command's retries: the one place that knows how the client reports them.

Today the client reports a retry only as its INFO log line (``retrying GET /v3/ips (attempt 2 of 5) ...``), so this
reads those lines. When the client grows a retry hook (``client.with_options(on_retry=...)``, an event with
``.method`` and ``.path``), ``watch_retries`` becomes ``yield client.with_options(on_retry=lambda e: seen(e.path))``
and nothing else changes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator

from ..client import AsyncDetectify

__all__ = ["resource_of", "watch_retries"]


def resource_of(path: str) -> str:
    """The resource a request path belongs to: ``/v3/ips`` -> ``ips``, ``/v2/assets/x/`` -> ``assets``."""
    parts = [part for part in path.split("?", 1)[0].split("/") if part]
    if parts and parts[0] in ("v2", "v3"):
        parts = parts[1:]
    return parts[0] if parts else ""


@contextlib.contextmanager
def watch_retries(client: AsyncDetectify, seen: Callable[[str], None]) -> Iterator[AsyncDetectify]:
    """Call ``seen(path)`` for every retry the client makes while the block runs; use the client it yields."""
    handler = _RetryLogHandler(seen)
    sdk_logger = logging.getLogger("detectify")
    previous_level = sdk_logger.level
    sdk_logger.addHandler(handler)
    if sdk_logger.getEffectiveLevel() > logging.INFO:
        sdk_logger.setLevel(logging.INFO)
    try:
        yield client
    finally:
        sdk_logger.removeHandler(handler)
        sdk_logger.setLevel(previous_level)


class _RetryLogHandler(logging.Handler):
    """Reads the SDK's retry log lines (one INFO line per retry on logger ``detectify``)."""

    def __init__(self, seen: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.seen = seen

    def emit(self, record: logging.LogRecord) -> None:
        words = record.getMessage().split()
        if len(words) > 2 and words[0] == "retrying":
            self.seen(words[2])

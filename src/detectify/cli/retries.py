"""Counting a command's retries: the one place that knows how the client reports them (its ``on_retry`` hook)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from ..client import AsyncDetectify
from ..events import RetryEvent

__all__ = ["resource_of", "watch_retries"]


def resource_of(path: str) -> str:
    """The resource a request path belongs to: ``/v3/ips`` -> ``ips``, ``/v2/assets/x/`` -> ``assets``."""
    parts = [part for part in path.split("?", 1)[0].split("/") if part]
    if parts and parts[0] in ("v2", "v3"):
        parts = parts[1:]
    return parts[0] if parts else ""


@contextlib.contextmanager
def watch_retries(client: AsyncDetectify, seen: Callable[[str], None]) -> Iterator[AsyncDetectify]:
    """A view of ``client`` that calls ``seen(path)`` before each of its retries' waits."""

    def count(event: RetryEvent) -> None:
        seen(event.path)

    yield client.with_options(on_retry=count)

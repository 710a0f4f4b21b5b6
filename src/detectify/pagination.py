"""One pager for every list operation.

``client.ips.list(...)`` returns an ``AsyncPager`` at once (no request yet):

- ``async for item in pager`` yields every item of every page, exactly once;
- ``async for page in pager.pages()`` yields ``Page`` objects (``.items``, ``.next_cursor``, and the response's
  ``.headers`` and ``.request_id``) for checkpointing;
- ``await pager`` fetches just the first page.

A failure while fetching a page carries ``cursor``: pass it as ``cursor=`` to the same ``.list(...)`` call to resume
with none of the items lost or repeated.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Mapping
from typing import Any, Generic, TypeVar

import attrs

from .errors import APIResponseValidationError, DetectifyError

__all__ = ["AsyncPager", "Page"]

T = TypeVar("T")


@attrs.frozen
class Page(Generic[T]):
    """One page of a list. ``cursor`` fetched it (None for the first page); ``next_cursor`` fetches the next one and
    is None on the last page. ``headers`` and ``request_id`` are those of the response that carried it (rate-limit
    headers, for instance)."""

    items: list[T]
    next_cursor: str | None
    cursor: str | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict, repr=False, eq=False)
    request_id: str | None = attrs.field(default=None, eq=False)


FetchPage = Callable[[str | None], Awaitable[Page[T]]]


class AsyncPager(Generic[T]):
    """Iterates a list operation across its pages. Each pager can be iterated once."""

    def __init__(
        self,
        fetch: FetchPage[T],
        *,
        cursor: str | None = None,
        dicts: Callable[[], AsyncPager[dict[str, Any]]] | None = None,
    ) -> None:
        self._fetch = fetch
        self._start = cursor
        self._started = False
        self._dicts = dicts

    def as_dicts(self) -> AsyncPager[dict[str, Any]]:
        """The same list as plain dicts (the JSON objects the API sent, field names unchanged), skipping model
        parsing: the fast path for export pipelines. Use it instead of this pager, before iterating."""
        if self._dicts is None:
            raise TypeError("this pager has no plain-dict form")
        self._claim()
        return self._dicts()

    def pages(self) -> AsyncIterator[Page[T]]:
        """The pages, in order."""
        self._claim()
        return _Pages(self._fetch, self._start)

    def __aiter__(self) -> AsyncIterator[T]:
        self._claim()
        return _Items(_Pages(self._fetch, self._start))

    def __await__(self) -> Generator[Any, None, Page[T]]:
        """``await pager``: the first page only."""
        return self._fetch(self._start).__await__()

    def _claim(self) -> None:
        if self._started:
            raise RuntimeError("this pager has already been iterated; call .list(...) again for a new pass")
        self._started = True


class _Pages(Generic[T]):
    def __init__(self, fetch: FetchPage[T], cursor: str | None) -> None:
        self._fetch = fetch
        self._cursor = cursor
        self._seen: set[str] = set() if cursor is None else {cursor}
        self._done = False

    def __aiter__(self) -> _Pages[T]:
        return self

    async def __anext__(self) -> Page[T]:
        if self._done:
            raise StopAsyncIteration
        cursor = self._cursor
        try:
            page = await self._fetch(cursor)
        except DetectifyError as exc:
            exc.cursor = cursor  # where to resume
            self._done = True
            raise
        except BaseException:
            self._done = True
            raise
        nxt = page.next_cursor
        if not nxt:
            self._done = True
        elif nxt in self._seen:
            self._done = True
            raise APIResponseValidationError(
                f"the API returned the cursor {nxt!r} a second time; stopping, not looping"
            )
        else:
            self._seen.add(nxt)
            self._cursor = nxt
        return page


class _Items(Generic[T]):
    def __init__(self, pages: _Pages[T]) -> None:
        self._pages = pages
        self._buffer: list[T] = []
        self._index = 0

    def __aiter__(self) -> _Items[T]:
        return self

    async def __anext__(self) -> T:
        while self._index >= len(self._buffer):
            page = await self._pages.__anext__()  # StopAsyncIteration ends the items too
            self._buffer, self._index = page.items, 0
        item = self._buffer[self._index]
        self._index += 1
        return item

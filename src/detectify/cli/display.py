"""The progress display of long commands (``detectify export``, ``detectify sync``): one row per resource.

```python
with ProgressDisplay(["ips", "ports"], extra_columns=["inserted", "updated"]) as display:
    display.update("ips", items=1000, pages=1, inserted=990, updated=10)
    display.update("ips", retries=1)
    display.finish("ips")                  # or display.finish("ips", failed=True); display.stop() on Ctrl-C
display.summary()                          # the final table (or plain lines)
```

On a terminal (the display's stream is a TTY, ``TERM`` is not ``dumb`` and ``live`` is on) the rows are a live
table redrawn in place by ``rich``, each row one line whatever the width (the least useful columns go first, then
cells are cut with an ellipsis, never wrapped). Anywhere else it writes plain lines: one per row every
``plain_interval`` seconds and when a row finishes. ``NO_COLOR`` switches colour off. It draws on stderr by default,
so stdout carries only data.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import IO, Literal

import attrs
from rich import box
from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

__all__ = ["Counters", "ProgressDisplay", "is_interactive"]

State = Literal["waiting", "running", "done", "failed", "stopped"]
_STYLES = {"waiting": "dim", "running": "cyan", "done": "green", "failed": "bold red", "stopped": "yellow"}
_FINAL = ("done", "failed", "stopped")


@attrs.define
class Counters:
    """One row: what was counted for one resource, and where it stands."""

    items: int = 0
    pages: int = 0
    retries: int = 0
    extra: dict[str, int] = attrs.field(factory=dict)
    state: State = "waiting"
    started: float | None = None
    finished: float | None = None

    def elapsed(self, now: float) -> float:
        if self.started is None:
            return 0.0
        return (self.finished if self.finished is not None else now) - self.started

    def rate(self, now: float) -> float:
        elapsed = self.elapsed(now)
        return self.items / elapsed if elapsed > 0 else 0.0


def is_interactive(stream: IO[str]) -> bool:
    """Whether a live display can be drawn on ``stream``: a terminal that is not ``TERM=dumb``."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and os.environ.get("TERM", "").strip().lower() not in ("dumb", "unknown")


class ProgressDisplay:
    """Rows of counters, shown live on a terminal and as plain lines elsewhere (see the module's docstring)."""

    def __init__(
        self,
        rows: Sequence[str],
        *,
        stream: IO[str] | None = None,
        extra_columns: Sequence[str] = (),
        enabled: bool = True,
        live: bool = True,
        plain_interval: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.rows = {name: Counters(extra=dict.fromkeys(extra_columns, 0)) for name in rows}
        self.extra_columns = tuple(extra_columns)
        self.enabled = enabled
        self.interactive = enabled and live and is_interactive(self.stream)
        self.plain_interval = plain_interval
        self.clock = clock
        self.started = clock()
        self._last_plain = self.started
        self._live: Live | None = None
        self.console = Console(
            file=self.stream,
            force_terminal=self.interactive,
            no_color=os.environ.get("NO_COLOR", "") != "",
            highlight=False,
            soft_wrap=False,
        )

    # --- feeding it ---

    def update(self, row: str, *, items: int = 0, pages: int = 0, retries: int = 0, **extra: int) -> None:
        """Add to a row's counters (a row not shown is ignored, so callers need not filter)."""
        counters = self.rows.get(row)
        if counters is None:
            return
        if counters.state == "waiting":
            counters.state, counters.started = "running", self.clock()
        counters.items += items
        counters.pages += pages
        counters.retries += retries
        for name, value in extra.items():
            counters.extra[name] = counters.extra.get(name, 0) + value
        self._plain_tick()

    def start(self, row: str) -> None:
        """Mark a row running (its elapsed time starts now) before anything was counted."""
        self.update(row)

    def finish(self, row: str, *, failed: bool = False) -> None:
        """Mark a row done (or failed); a finished row stays as it is."""
        self._end(row, "failed" if failed else "done")

    def stop(self) -> None:
        """Mark every unfinished row stopped (the command was interrupted)."""
        for row in self.rows:
            self._end(row, "stopped")

    def _end(self, row: str, state: State) -> None:
        counters = self.rows.get(row)
        if counters is None or counters.state in _FINAL:
            return
        now = self.clock()
        if counters.started is None:
            counters.started = now
        counters.state, counters.finished = state, now
        if not self.interactive and self.enabled:
            self._write_plain([row])

    @property
    def total_items(self) -> int:
        return sum(counters.items for counters in self.rows.values())

    # --- showing it ---

    def __enter__(self) -> ProgressDisplay:
        if self.interactive:
            self._live = Live(
                console=self.console,
                get_renderable=self._table,
                refresh_per_second=5,
                transient=True,  # replaced by the summary table
                redirect_stdout=False,  # stdout is data
                redirect_stderr=False,
            )
            self._live.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        live, self._live = self._live, None
        if live is not None:
            live.stop()

    def summary(self, title: str | None = None) -> None:
        """The final table (a terminal) or one plain line per row and a total (elsewhere)."""
        if not self.enabled:
            return
        if self.interactive:
            self.console.print(self._table(summary=True, title=title))
            return
        self._write_plain([name for name, c in self.rows.items() if c.state not in _FINAL])
        self.stream.write((title or self._total_line()) + "\n")
        self.stream.flush()

    def _total_line(self) -> str:
        elapsed = self.clock() - self.started
        return f"total: {self.total_items:,} items in {elapsed:.1f}s"

    def _table(self, summary: bool = False, title: str | None = None) -> Table:
        """The rows as a table that fits the console: the least useful columns go first when it is narrow, then
        cells are cut with an ellipsis (a row is always one line)."""
        now = self.clock()
        columns = ["resource", "items", "pages", "retries", *self.extra_columns, "rate", "elapsed", "state"]
        cells = [self._cells(name, counters, now) for name, counters in self.rows.items()]
        if summary:
            cells.append(self._total_cells(now))
        shown = self._fitting(columns, cells)
        table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False, show_edge=False)
        for column in shown:
            justify: Literal["left", "right"] = "left" if column in ("resource", "state") else "right"
            table.add_column(column, justify=justify, no_wrap=True, overflow="ellipsis", min_width=3)
        for index, row in enumerate(cells):
            if summary and index == len(cells) - 1:
                table.add_section()
            values = [row[columns.index(column)] for column in shown]
            table.add_row(
                *[Text(v, style=_STYLES.get(v, "")) if c == "state" else v for c, v in zip(shown, values, strict=True)],
                style="bold" if summary and index == len(cells) - 1 else None,
            )
        return table

    def _fitting(self, columns: list[str], cells: list[list[str]]) -> list[str]:
        """The columns to show at the console's width, dropping the least useful first."""
        drop_order = ["rate", "pages", "elapsed", "retries", *reversed(self.extra_columns), "state"]
        widths = {
            column: max([len(column), *(len(row[index]) for row in cells)]) for index, column in enumerate(columns)
        }
        shown = list(columns)
        for column in drop_order:
            if sum(widths[c] for c in shown) + 3 * (len(shown) - 1) <= self.console.width:
                break
            shown.remove(column)
        return shown

    def _cells(self, name: str, c: Counters, now: float) -> list[str]:
        return [
            name,
            f"{c.items:,}",
            f"{c.pages:,}",
            f"{c.retries:,}",
            *(f"{c.extra.get(column, 0):,}" for column in self.extra_columns),
            f"{c.rate(now):,.0f}/s",
            f"{c.elapsed(now):.1f}s",
            c.state,
        ]

    def _total_cells(self, now: float) -> list[str]:
        rows = self.rows.values()
        elapsed = now - self.started
        return [
            "total",
            f"{self.total_items:,}",
            f"{sum(c.pages for c in rows):,}",
            f"{sum(c.retries for c in rows):,}",
            *(f"{sum(c.extra.get(column, 0) for c in rows):,}" for column in self.extra_columns),
            f"{self.total_items / elapsed if elapsed > 0 else 0:,.0f}/s",
            f"{elapsed:.1f}s",
            "",
        ]

    def _plain_tick(self) -> None:
        if self.interactive or not self.enabled:
            return
        now = self.clock()
        if now - self._last_plain >= self.plain_interval:
            self._last_plain = now
            self._write_plain([name for name, c in self.rows.items() if c.state == "running"])

    def _write_plain(self, rows: Sequence[str]) -> None:
        now = self.clock()
        lines = []
        for name in rows:
            c = self.rows[name]
            extra = "".join(f", {c.extra.get(column, 0):,} {column}" for column in self.extra_columns)
            lines.append(
                f"{name}: {c.items:,} items, {c.pages:,} pages, {c.retries:,} retries{extra}, "
                f"{c.rate(now):,.0f} items/s, {c.elapsed(now):.1f}s, {c.state}\n"
            )
        self.stream.write("".join(lines))
        self.stream.flush()

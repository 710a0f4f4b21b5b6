"""The progress display (issue 18): live in a pseudo-terminal, read through a terminal emulator (pyte); plain lines
into a pipe; NO_COLOR and TERM=dumb; and the display class a ``sync`` command reuses, with extra columns."""

from __future__ import annotations

import fcntl
import io
import os
import re
import select
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pyte
import pytest

from detectify.cli.display import ProgressDisplay
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, serve

DETECTIFY = Path(sys.executable).parent / "detectify"
RESOURCES = ("ips", "technologies", "ports", "breaches", "connectors")
COLOUR = re.compile(rb"\x1b\[([0-9;]*)m")
CURSOR_UP = re.compile(rb"\x1b\[\d*A")
PLAIN_ROW = re.compile(r"^(\w+): [\d,]+ items, [\d,]+ pages, [\d,]+ retries, [\d,]+ items/s, [\d.]+s, (done|failed)$")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    app = FakeDetectify(seed=3, counts={"ips": 600, "ports": 200, "technologies": 50, "breaches": 20})
    app.faults.append(Fault("slow", delay=0.05, times=None, path="/v3/ips"))  # about 1.5 s: several redraws
    with serve(app) as url:
        yield f"{url}/rest"


def environment(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    env = {k: v for k, v in env.items() if not k.startswith("DETECTIFY_")}
    env.update(DETECTIFY_API_KEY=TEST_API_KEY, TERM="xterm-256color")
    env.update(changes)
    return env


def run_in_terminal(
    argv: list[str], env: dict[str, str], columns: int = 80, rows: int = 24, stdout: int | None = None
) -> tuple[bytes, int]:
    """Run the command on a pseudo-terminal of that size; returns every byte it drew and its exit code."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        argv, stdin=follower, stdout=follower if stdout is None else stdout, stderr=follower, env=env, close_fds=True
    )
    os.close(follower)
    drawn = bytearray()
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            assert ready, "the command stopped drawing for 30 s"
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the command closed the terminal
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
        code = process.wait(timeout=30)
    return bytes(drawn), code


def screens(drawn: bytes, columns: int = 80, rows: int = 24) -> Iterator[pyte.HistoryScreen]:
    """The emulated screen after each piece of output (a piece per escape-led redraw)."""
    screen = pyte.HistoryScreen(columns, rows, history=10_000)
    stream = pyte.ByteStream(screen)
    for piece in re.split(rb"(?=\x1b\[\?25l|\r)", drawn):  # rich starts each refresh with a carriage return
        stream.feed(piece)
        yield screen


def table_rows(lines: list[str]) -> list[str]:
    """The display's rows (not the data lines ``ips<TAB>600<TAB>/path`` that go to stdout, here the same terminal)."""
    return [line for line in lines if line.split()[:1] and not any(word.startswith("/") for word in line.split())]


def header_lines(lines: list[str]) -> int:
    return sum(1 for line in lines if line.split()[:2] == ["resource", "items"])


def history_lines(screen: pyte.HistoryScreen) -> list[str]:
    return ["".join(char.data for char in line.values()) for line in screen.history.top]


def test_the_live_table_is_redrawn_in_place_and_fits_80_columns(base: str, tmp_path: Path) -> None:
    argv = [str(DETECTIFY), "export", "--out", str(tmp_path), "--limit", "20", "--base-url", base]
    drawn, code = run_in_terminal(argv, environment())
    assert code == 0, drawn.decode(errors="replace")
    assert len(CURSOR_UP.findall(drawn)) >= 3  # the table was redrawn several times ...
    seen_running = False
    for screen in screens(drawn):
        lines = [line.rstrip() for line in screen.display]
        assert header_lines(lines) <= 1  # ... in place: never two copies on screen
        seen_running |= any(line.startswith("ips ") and line.endswith("running") for line in lines)
    assert seen_running
    assert header_lines(history_lines(screen)) == 0  # and no copy scrolled away
    lines = [line.rstrip() for line in screen.display]
    assert header_lines(lines) == 1
    for resource in RESOURCES:  # the summary: each row on one line, whole, within 80 columns
        (row,) = [line for line in table_rows(lines) if line.startswith(resource + " ")]
        assert row.endswith("done") and len(row) <= 80
        assert re.search(r"\d+\.\ds", row) and re.search(r"/s\b", row)
    assert any(line.startswith("total ") for line in lines)


def test_a_narrow_terminal_keeps_every_row_on_one_line(base: str, tmp_path: Path) -> None:
    argv = [str(DETECTIFY), "export", "--out", str(tmp_path), "--limit", "200", "--base-url", base]
    drawn, code = run_in_terminal(argv, environment(), columns=36)
    assert code == 0
    for screen in screens(drawn, columns=36):
        lines = [line.rstrip() for line in screen.display]
        rows = [line for line in table_rows(lines) if line.split()[0] in RESOURCES]
        assert len(rows) <= len(RESOURCES)
    assert all(re.match(r"^\S+ +[\d,]+ ", row) for row in rows)  # resource and items survive any width


def test_no_color_switches_colour_off(base: str, tmp_path: Path) -> None:
    def colours(drawn: bytes) -> set[int]:
        codes = {int(code) for params in COLOUR.findall(drawn) for code in params.split(b";") if code}
        return {code for code in codes if 30 <= code <= 49 or 90 <= code <= 107}

    argv = [str(DETECTIFY), "export", "connectors", "ports", "--out", str(tmp_path), "--base-url", base]
    coloured, code = run_in_terminal(argv, environment())
    assert code == 0 and colours(coloured)  # green "done" and friends
    plain, code = run_in_terminal(argv, environment(NO_COLOR="1"))
    assert code == 0 and not colours(plain)
    assert b"done" in plain


def test_term_dumb_gets_plain_lines(base: str, tmp_path: Path) -> None:
    argv = [str(DETECTIFY), "export", "connectors", "ports", "--out", str(tmp_path), "--base-url", base]
    drawn, code = run_in_terminal(argv, environment(TERM="dumb"))
    assert code == 0
    assert b"\x1b" not in drawn
    text = drawn.decode().replace("\r\n", "\n")
    assert {m.group(1) for line in text.splitlines() if (m := PLAIN_ROW.match(line))} == {"connectors", "ports"}


def test_out_dash_on_a_terminal_gets_plain_progress_lines(base: str) -> None:
    """The reader of stdout (jq) likely prints on the same terminal: a table redrawn in place would overwrite it."""
    argv = [str(DETECTIFY), "export", "ports", "--out", "-", "--base-url", base]
    drawn, code = run_in_terminal(argv, environment(), stdout=subprocess.DEVNULL)
    assert code == 0
    assert not CURSOR_UP.findall(drawn) and b"\x1b" not in drawn
    assert PLAIN_ROW.match(drawn.decode().splitlines()[0])


def test_plain_lines_into_a_pipe(base: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(DETECTIFY), "export", "--out", str(tmp_path), "--base-url", base],
        env=environment(), capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr
    lines = result.stderr.splitlines()
    assert {m.group(1) for line in lines if (m := PLAIN_ROW.match(line))} == set(RESOURCES)
    assert re.fullmatch(r"total: 873 items in [\d.]+s", lines[-1])
    assert [line.split("\t")[:2] for line in result.stdout.splitlines()] == [
        ["ips", "600"], ["technologies", "50"], ["ports", "200"], ["breaches", "20"], ["connectors", "3"],
    ]  # fmt: skip


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_display_takes_extra_columns_for_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``detectify sync`` feeds it: per-resource counters with inserted/updated/missing, done or failed."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    clock = FakeClock()
    plain = io.StringIO()
    display = ProgressDisplay(["ips", "ports"], stream=plain, extra_columns=["inserted", "updated"], clock=clock)
    with display:
        display.update("ips", items=10, pages=1, inserted=7, updated=3)
        clock.now += 2.5
        display.update("ips", items=10, pages=1, retries=2, inserted=10)  # a plain line every 2 s
        display.update("unknown", items=5)  # ignored
        display.finish("ips")
        display.finish("ports", failed=True)
    display.summary()
    lines = plain.getvalue().splitlines()
    assert lines[0] == "ips: 20 items, 2 pages, 2 retries, 17 inserted, 3 updated, 8 items/s, 2.5s, running"
    assert lines[1] == "ips: 20 items, 2 pages, 2 retries, 17 inserted, 3 updated, 8 items/s, 2.5s, done"
    assert lines[2] == "ports: 0 items, 0 pages, 0 retries, 0 inserted, 0 updated, 0 items/s, 0.0s, failed"
    assert lines[3] == "total: 20 items in 2.5s"

    for width in (100, 30):
        monkeypatch.setenv("COLUMNS", str(width))
        terminal = Terminal()
        table = ProgressDisplay(["ips", "ports"], stream=terminal, extra_columns=["inserted", "updated"], clock=clock)
        assert table.interactive
        table.update("ips", items=1234, inserted=1000, updated=234)
        table.finish("ips")
        table.summary()
        rows = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", terminal.getvalue()).splitlines()
        assert all(len(row) <= width for row in rows)
        (ips,) = [row for row in rows if row.startswith("ips")]
        assert "1,234" in ips
        if width == 100:
            assert ips.split() == ["ips", "1,234", "0", "0", "1,000", "234", "0/s", "0.0s", "done"]

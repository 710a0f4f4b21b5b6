"""The console script as a user runs it: a subprocess against the fake server on loopback (issues 15 and 18).

Interrupts, crashes, a full disk, a locked or unusable --out and damaged checkpoints each end in one line on stderr
and a documented exit code, and a resume after any of them ends with every line exactly once (byte for byte the
clean export's file).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detectify.cli import CHECKPOINT
from detectify.cli.checkpoint import LOCK
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, serve

DETECTIFY = Path(sys.executable).parent / "detectify"
COUNTS = {"ips": 1200, "ports": 300, "technologies": 120, "breaches": 40}


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[FakeDetectify, str]]:
    app = FakeDetectify(seed=5, counts=COUNTS)
    with serve(app) as url:
        yield app, f"{url}/rest"


@pytest.fixture
def app(server: tuple[FakeDetectify, str]) -> Iterator[FakeDetectify]:
    """The module's fake server, without faults and with an empty request log for each test."""
    app = server[0]
    app.faults.clear()
    app.requests.clear()
    yield app
    app.faults.clear()


@pytest.fixture
def base(server: tuple[FakeDetectify, str]) -> str:
    return server[1]


def environment(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETECTIFY_")}
    env["DETECTIFY_API_KEY"] = TEST_API_KEY
    env.update(changes)
    return env


def detectify(*argv: str, env: dict[str, str] | None = None, **options: Any) -> subprocess.CompletedProcess[str]:
    options.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [str(DETECTIFY), *argv], stderr=subprocess.PIPE, text=True, env=env or environment(), check=False, timeout=60,
        **options,
    )  # fmt: skip


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The run's stderr, checked to be exactly one line of ours, without a traceback."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("detectify: ") and "Traceback" not in result.stderr
    return lines[0]


@contextlib.contextmanager
def default_sigint() -> Iterator[None]:
    """Children inherit an ignored SIGINT (as under a non-interactive shell); give them the default instead."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def wait_for(predicate: Any, process: subprocess.Popen[str], what: str) -> None:
    """Poll (the output of a running export) until ``predicate()``; fail if the process ends first."""
    deadline = time.monotonic() + 30
    while not predicate():
        assert process.poll() is None, f"the export ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)


def written(out: Path) -> int:
    """How many bytes of ips the running export has written (pages of 100 ips bypass the write buffer)."""
    try:
        return (out / "ips.jsonl").stat().st_size
    except FileNotFoundError:
        return 0


@pytest.fixture(scope="module")
def clean_ips(server: tuple[FakeDetectify, str], tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The ips file of an uninterrupted export with the options the tests use."""
    out = tmp_path_factory.mktemp("clean")
    result = detectify("export", "ips", "--out", str(out), "--limit", "100", "--quiet", "--base-url", server[1])
    assert result.returncode == 0, result.stderr
    return (out / "ips.jsonl").read_bytes()


def start_slow_export(app: FakeDetectify, base: str, out: Path, *flags: str) -> subprocess.Popen[str]:
    app.faults.append(Fault("slow", delay=0.05, times=None))
    with default_sigint():
        process = subprocess.Popen(
            [str(DETECTIFY), "export", "ips", "--out", str(out), "--limit", "100", *flags, "--base-url", base],
            env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
    wait_for(lambda: written(out) > 0, process, "a page was written")
    return process


def test_sigint_exits_130_with_one_line_and_resume_finishes_exactly_once(
    app: FakeDetectify, base: str, tmp_path: Path, clean_ips: bytes
) -> None:
    out = tmp_path / "out"
    process = start_slow_export(app, base, out, "--quiet")
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert stdout == ""
    result = subprocess.CompletedProcess(process.args, 130, stdout, stderr)
    assert "interrupted" in one_line_error(result) and "--resume" in stderr
    assert 0 < len((out / "ips.jsonl").read_bytes()) < len(clean_ips)

    app.faults.clear()
    resumed = detectify("export", "ips", "--out", str(out), "--limit", "100", "--quiet", "--resume", "--base-url", base)
    assert resumed.returncode == 0, resumed.stderr
    assert (out / "ips.jsonl").read_bytes() == clean_ips
    assert not (out / CHECKPOINT).exists()


def test_an_interrupted_display_says_where_it_stopped(app: FakeDetectify, base: str, tmp_path: Path) -> None:
    process = start_slow_export(app, base, tmp_path / "out")
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    lines = stderr.splitlines()
    assert re.match(r"^ips: [\d,]+ items, [\d,]+ pages, 0 retries, .*, stopped$", lines[-3]), stderr
    assert lines[-2].startswith("total: ") and lines[-1].startswith("detectify: interrupted; the checkpoint is saved")


def test_a_killed_export_leaves_no_stuck_lock_and_resumes_exactly_once(
    app: FakeDetectify, base: str, tmp_path: Path, clean_ips: bytes
) -> None:
    out = tmp_path / "out"
    process = start_slow_export(app, base, out, "--quiet")
    process.kill()  # no handler runs: only the OS releases the lock
    process.communicate(timeout=30)
    with (out / "ips.jsonl").open("ab") as file:
        file.write(b'{"id": "a line written after the last checkpoint"')  # cut mid-line by the kill
    app.faults.clear()
    resumed = detectify("export", "ips", "--out", str(out), "--limit", "100", "--quiet", "--resume", "--base-url", base)
    assert resumed.returncode == 0, resumed.stderr
    assert (out / "ips.jsonl").read_bytes() == clean_ips


def test_a_second_export_into_a_locked_directory_fails_at_once(app: FakeDetectify, base: str, tmp_path: Path) -> None:
    (tmp_path / LOCK).write_text("4242\n")
    with (tmp_path / LOCK).open("r+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another export holds it
        result = detectify("export", "ips", "--out", str(tmp_path), "--base-url", base)
    assert result.returncode == 2
    line = one_line_error(result)
    assert "another export is writing to" in line and "pid 4242" in line
    assert app.requests == [] and not (tmp_path / "ips.jsonl").exists()
    again = detectify("export", "connectors", "--out", str(tmp_path), "--quiet", "--base-url", base)  # released
    assert again.returncode == 0, again.stderr


def test_a_full_disk_is_one_line_exit_4_then_resume_finishes(
    app: FakeDetectify, base: str, tmp_path: Path, clean_ips: bytes
) -> None:
    (tmp_path / "ips.jsonl").symlink_to("/dev/full")
    argv = ["export", "ips", "--out", str(tmp_path), "--limit", "100", "--quiet", "--base-url", base]
    result = detectify(*argv)
    assert result.returncode == 4
    line = one_line_error(result)
    assert "ips.jsonl failed: No space left on device" in line and "--resume" in line

    (tmp_path / "ips.jsonl").unlink()  # space is back
    (tmp_path / "ips.jsonl").write_bytes(b"")
    resumed = detectify(*argv, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert (tmp_path / "ips.jsonl").read_bytes() == clean_ips


def test_a_full_disk_on_stdout_is_exit_4(base: str) -> None:
    with open("/dev/full", "w") as full:
        result = detectify("export", "ips", "--out", "-", "--quiet", "--base-url", base, stdout=full)
    assert result.returncode == 4
    assert "writing stdout failed: No space left on device" in one_line_error(result)


def make_bad_out(kind: str, root: Path) -> tuple[Path, str]:
    if kind == "a file":
        (root / "file").write_text("x")
        return root / "file", "is not a directory"
    if kind == "parent is a file":
        (root / "file").write_text("x")
        return root / "file" / "out", "a part of its path is a file"
    (root / "out").mkdir()
    (root / "out" / "ips.jsonl").mkdir()
    return root / "out", "ips.jsonl is a directory"


@pytest.mark.parametrize("kind", ["a file", "parent is a file", "ips.jsonl is a directory"])
def test_a_bad_out_is_one_line_exit_2(kind: str, app: FakeDetectify, base: str, tmp_path: Path) -> None:
    out, expected = make_bad_out(kind, tmp_path)
    result = detectify("export", "ips", "--out", str(out), "--base-url", base)
    assert result.returncode == 2
    assert expected in one_line_error(result)
    assert app.requests == []


def test_an_out_without_permission_is_one_line_exit_2(app: FakeDetectify, base: str, tmp_path: Path) -> None:
    (tmp_path / "read-only").mkdir(mode=0o555)
    prefix: list[str] = []
    if os.geteuid() == 0:  # root ignores file modes: run it without the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux) to drop CAP_DAC_OVERRIDE")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    for out, expected in [("read-only", "cannot write in"), ("read-only/new", "cannot create")]:
        result = subprocess.run(
            [*prefix, str(DETECTIFY), "export", "ips", "--out", str(tmp_path / out), "--base-url", base],
            capture_output=True, text=True, env=environment(), check=False, timeout=60,
        )  # fmt: skip
        assert result.returncode == 2, result.stderr
        line = one_line_error(result)
        assert expected in line and "Permission denied" in line
    assert app.requests == []


@pytest.fixture(scope="module")
def interrupted_once(server: tuple[FakeDetectify, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An out directory holding an export of ips that failed after two pages (so it has a real checkpoint)."""
    app, base = server
    out = tmp_path_factory.mktemp("interrupted")
    app.faults.append(Fault("server_error", status=400, path="/v3/ips", after=2))
    result = detectify("export", "ips", "--out", str(out), "--limit", "100", "--quiet", "--base-url", base)
    app.faults.clear()
    assert result.returncode == 1, result.stderr
    assert "export failed (ips)" in one_line_error(result)
    return out


@pytest.fixture
def interrupted(interrupted_once: Path, tmp_path: Path) -> Path:
    """A copy of ``interrupted_once`` for one test to change."""
    return Path(shutil.copytree(interrupted_once, tmp_path / "out"))


def resume(out: Path, base: str) -> subprocess.CompletedProcess[str]:
    return detectify("export", "ips", "--out", str(out), "--limit", "100", "--quiet", "--resume", "--base-url", base)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda state: [], "expected a JSON object, found list"),
        (lambda state: None, "expected a JSON object, found null"),
        (lambda state: {k: v for k, v in state.items() if k != "resume"}, "missing ['resume']"),
        (lambda state: {**state, "files": {"ips": {"offset": -1, "tail": state["files"]["ips"]["tail"]}}}, "offset"),
        (lambda state: {**state, "files": {"ips": {"offset": 1.5, "tail": state["files"]["ips"]["tail"]}}}, "offset"),
        (lambda state: {**state, "fingerprint": "0" * 16}, "other resources or options"),
    ],  # every other shape: tests/test_cli_checkpoint.py (in-process, hypothesis)
)
def test_a_checkpoint_of_the_wrong_shape_is_one_line_exit_2(
    interrupted: Path, base: str, app: FakeDetectify, change: Any, expected: str
) -> None:
    checkpoint = interrupted / CHECKPOINT
    checkpoint.write_text(json.dumps(change(json.loads(checkpoint.read_text()))))
    before = (interrupted / "ips.jsonl").read_bytes()
    requests = len(app.requests)
    result = resume(interrupted, base)
    assert result.returncode == 2
    assert expected in one_line_error(result)
    assert (interrupted / "ips.jsonl").read_bytes() == before  # untouched
    assert len(app.requests) == requests  # refused before sending anything


def test_a_checkpoint_that_is_not_json_is_one_line_exit_2(interrupted: Path, base: str) -> None:
    (interrupted / CHECKPOINT).write_bytes(b"[" * 100_000)
    result = resume(interrupted, base)
    assert result.returncode == 2 and "cannot be trusted (it is not JSON)" in one_line_error(result)


@pytest.mark.parametrize("name", [CHECKPOINT, "ips.jsonl"])
def test_a_fifo_in_place_of_a_file_is_refused_at_once(interrupted: Path, base: str, name: str) -> None:
    (interrupted / name).unlink()
    os.mkfifo(interrupted / name)  # reading it would block for ever
    result = resume(interrupted, base)
    assert result.returncode == 2 and "not a regular file" in one_line_error(result)


@pytest.mark.parametrize("damage", ["trimmed", "nuls", "rewritten"])
def test_resume_refuses_a_file_that_disagrees_with_its_checkpoint(
    interrupted: Path, base: str, app: FakeDetectify, damage: str
) -> None:
    """An offset past the end (lines lost after the checkpoint) must not be filled with NULs."""
    output = interrupted / "ips.jsonl"
    data = output.read_bytes()
    if damage == "trimmed":
        output.write_bytes(data[: len(data) // 2])
        expected = "is shorter"
    elif damage == "nuls":  # what a lost write can leave behind
        output.write_bytes(data[:-100] + b"\0" * 100)
        expected = "does not end where its checkpoint says"
    else:
        output.write_bytes(data.replace(b'"ip_address":"', b'"ip_address":"x', 1))
        expected = "does not end where its checkpoint says"
    damaged = output.read_bytes()
    requests = len(app.requests)
    result = resume(interrupted, base)
    assert result.returncode == 2
    line = one_line_error(result)
    assert expected in line and f"delete {interrupted / CHECKPOINT}" in line
    assert output.read_bytes() == damaged and b"\0" * 101 not in output.read_bytes()
    assert len(app.requests) == requests


def test_a_cursor_the_api_rejects_says_the_checkpoint_is_stale(interrupted: Path, base: str) -> None:
    checkpoint = interrupted / CHECKPOINT
    state = json.loads(checkpoint.read_text())
    state["resume"]["|ips"] = "bm90LWEtY3Vyc29y"
    checkpoint.write_text(json.dumps(state))
    result = resume(interrupted, base)
    assert result.returncode == 2
    line = one_line_error(result)
    assert "the checkpoint is stale" in line and "run without --resume" in line


def test_out_dash_is_jsonl_on_stdout_and_nothing_else(app: FakeDetectify, base: str) -> None:
    result = detectify("export", "ips", "--out", "-", "--limit", "500", "--base-url", base)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == list(app.items("ips"))
    assert "ips: 1,200 items" in result.stderr  # progress goes to stderr


def test_out_dash_pipes_into_a_json_parser(app: FakeDetectify, base: str) -> None:
    """``detectify export ips --out - | <a JSON parser>``: every line parses, and they are the API's items."""
    parser = "import json,sys; print(sum(1 for line in sys.stdin if json.loads(line)['id']))"
    with default_sigint():
        export = subprocess.Popen(
            [str(DETECTIFY), "export", "ips", "--out", "-", "--base-url", base], env=environment(),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert export.stdout is not None
        counted = subprocess.run(
            [sys.executable, "-c", parser], stdin=export.stdout, capture_output=True, text=True, check=True
        )
        export.stdout.close()
        _, stderr = export.communicate(timeout=30)
    assert export.returncode == 0, stderr
    assert counted.stdout.strip() == str(COUNTS["ips"])


def test_a_reader_that_leaves_early_ends_the_export_quietly(base: str) -> None:
    export = subprocess.Popen(
        [str(DETECTIFY), "export", "ips", "--out", "-", "--limit", "100", "--quiet", "--base-url", base],
        env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert export.stdout is not None
    export.stdout.readline()
    export.stdout.close()  # like `| head -1`
    _, stderr = export.communicate(timeout=30)
    assert export.returncode == 141
    assert stderr == b""


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["export", "ips", "ports", "--out", "-"], "name exactly one"),
        (["export", "ips", "--out", "-", "--format", "csv"], "writes JSONL"),
        (["export", "ips", "--out", "-", "--resume"], "needs an --out directory"),
    ],
)
def test_out_dash_refuses_what_stdout_cannot_do(argv: list[str], expected: str, base: str) -> None:
    result = detectify(*argv, "--base-url", base)
    assert result.returncode == 2 and expected in one_line_error(result)
    assert result.stdout == ""


def test_base_url_flag_wins_over_the_environment(app: FakeDetectify, base: str) -> None:
    env = environment(DETECTIFY_BASE_URL="http://127.0.0.1:9/rest")  # nothing listens there
    verify = detectify("verify", "--base-url", base, env=env)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert f"v3: the key works at {base}" in verify.stdout
    export = detectify("export", "connectors", "--out", "-", "--base-url", base, env=env)
    assert export.returncode == 0 and len(export.stdout.splitlines()) == 3
    unreachable = detectify("verify", env=env)  # the environment is still used without the flag
    assert unreachable.returncode == 1 and "127.0.0.1:9" in unreachable.stdout


def test_a_password_in_the_base_url_is_never_echoed(base: str, tmp_path: Path) -> None:
    password = "hunter2-very-secret"
    with_password = base.replace("http://", f"http://user:{password}@")
    unreachable = f"http://user:{password}@127.0.0.1:9/rest"
    refused, debug = environment(DETECTIFY_API_KEY="refused"), environment(DETECTIFY_LOG="debug")
    runs = [
        detectify("verify", "--base-url", with_password),
        detectify("verify", "--base-url", unreachable),
        detectify("export", "ips", "--out", str(tmp_path), "--base-url", with_password, env=refused),
        detectify("export", "ips", "--out", str(tmp_path / "x"), "--base-url", f"ftp://user:{password}@h/"),
        detectify("verify", env=environment(DETECTIFY_BASE_URL=unreachable)),
        detectify("verify", "--base-url", unreachable, env=environment(DETECTIFY_LOG="debug")),  # retry log lines
        detectify("export", "ips", "--out", str(tmp_path / "y"), "--base-url", f"ftp://user:{password}@h/", env=debug),
    ]
    # The SDK refuses a base URL carrying credentials (before any request); verify reports it as a v3 problem.
    assert [run.returncode for run in runs] == [3, 3, 2, 2, 3, 3, 2]
    assert all("must not carry credentials" in run.stdout + run.stderr for run in runs)
    assert "Traceback" in runs[-1].stderr
    for run in runs:
        assert password not in run.stdout + run.stderr, run
        assert "user:" not in run.stdout + run.stderr


def test_version_and_debug_traceback(base: str, tmp_path: Path) -> None:
    version = detectify("--version")
    assert version.returncode == 0 and version.stdout.startswith("detectify ")
    (tmp_path / "file").write_text("x")
    argv = ["export", "ips", "--out", str(tmp_path / "file"), "--base-url", base]
    quiet = detectify(*argv)
    assert quiet.returncode == 2 and "Traceback" not in quiet.stderr
    debug = detectify(*argv, env=environment(DETECTIFY_LOG="debug"))
    assert debug.returncode == 2 and "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.splitlines()[-1] == one_line_error(quiet)

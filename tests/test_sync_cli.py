"""``detectify sync`` from the shell, over loopback: exit codes, the lock, and SIGKILL at several points (issue 17)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sync_helpers import Database, assert_matches_api

from detectify.cli import main
from detectify.sync.lock import FileLock
from detectify.sync.target import parse_target
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, serve

RESOURCES = ("ips", "technologies", "ports", "breaches", "connectors")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    return Database.make(request.param, tmp_path, url)


@pytest.fixture
def app() -> FakeDetectify:
    return FakeDetectify(seed=23, teams=("team-a",), counts={"ips": 1500, "ports": 600, "technologies": 200,
                                                               "breaches": 150})  # fmt: skip


@pytest.fixture
def url(app: FakeDetectify, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with serve(app) as base:
        monkeypatch.setenv("DETECTIFY_API_KEY", TEST_API_KEY)
        monkeypatch.setenv("DETECTIFY_BASE_URL", f"{base}/rest")
        monkeypatch.delenv("DETECTIFY_TEAM_ID", raising=False)
        monkeypatch.delenv("DETECTIFY_DB", raising=False)
        yield base


def test_sync_prints_a_summary_and_exits_0(
    app: FakeDetectify, url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", *db.cli, "--limit", "500"]) == 0
    out, err = capsys.readouterr()
    assert "ips\tfull\t1500\t1500\t0\t0\tok" in out.splitlines()
    assert "ips: 1,500 items, 3 pages, 0 retries, 1,500 inserted, 0 updated, 0 missing" in err
    assert "synced 2,453 items" in err
    for resource in RESOURCES:
        assert_matches_api(db, app, resource)
    app.move(new={"ips": 4})
    assert main(["sync", "ips", *db.cli, "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "ips\tdelta\t4\t4\t0\t0\tok" in out.splitlines() and "ips:" not in err


def test_the_database_defaults_to_the_environment_then_detectify_db(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["sync", "connectors", "--quiet"]) == 0
    assert (tmp_path / "detectify.db").exists()
    monkeypatch.setenv("DETECTIFY_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert main(["sync", "connectors", "--quiet"]) == 0
    assert (tmp_path / "env.db").exists()


@pytest.mark.parametrize(
    "arguments",
    [["hosts"], ["--db", "mysql://h/db"], ["--limit", "0"], ["--lookback", "-5"], ["--team", ""]],
)
def test_bad_usage_exits_2_before_anything_is_sent(
    app: FakeDetectify, url: str, arguments: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["sync", "--db", str(tmp_path / "x.db"), *arguments]) == 2
    assert "detectify:" in capsys.readouterr().err
    assert not app.requests


def test_missing_or_refused_credentials_exit_3(
    app: FakeDetectify, url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DETECTIFY_API_KEY", "11111111-1111-4111-8111-111111111111")
    assert main(["sync", "--db", str(tmp_path / "x.db"), "--quiet"]) == 3
    assert "refused the credentials" in capsys.readouterr().err
    monkeypatch.delenv("DETECTIFY_API_KEY")
    assert main(["sync", "--db", str(tmp_path / "x.db")]) == 3
    assert "no API key" in capsys.readouterr().err


def test_a_failing_resource_exits_1_and_says_what_stays(
    app: FakeDetectify, url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    app.faults.append(Fault("server_error", status=400, path="/v3/breaches", times=None))
    assert main(["sync", *db.cli, "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "breaches failed" in err and "nothing was marked missing" in err
    assert_matches_api(db, app, "ips")


def test_a_second_sync_fails_at_once_while_the_lock_is_held(
    url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    if db.kind == "sqlite":
        holder = FileLock(Path(db.url + ".lock"), db.url)
    else:
        from detectify.sync.postgres import PostgresStore

        holder = PostgresStore(parse_target(db.url), db.schema)  # type: ignore[assignment]
    holder.acquire() if isinstance(holder, FileLock) else holder.lock()
    try:
        assert main(["sync", "connectors", *db.cli, "--quiet"]) == 1
        assert "another sync is running" in capsys.readouterr().err
    finally:
        holder.release() if isinstance(holder, FileLock) else holder.close()
    assert main(["sync", "connectors", *db.cli, "--quiet"]) == 0  # released: no trace left


def test_a_password_in_the_db_url_is_never_echoed(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", "--db", "postgresql://scott:tiger-pw-42@127.0.0.1:1/surface", "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert "tiger-pw-42" not in out + err and "postgresql://<redacted>@127.0.0.1:1" in err


# --- SIGKILL ----------------------------------------------------------------------------------------------------


def count_rows(db: Database, table: str) -> int:
    try:
        return int(db.query(f"SELECT count(*) FROM {db.table(table)}")[0][0])
    except Exception:  # the table does not exist yet, or the file is being created
        return 0


def command(db: Database, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "detectify", "sync", *db.cli, "--quiet", *arguments]


def start(db: Database, *arguments: str) -> subprocess.Popen[bytes]:
    """A sync in small pages (many commits to be killed between)."""
    return subprocess.Popen(command(db, "--limit", "50", *arguments), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


def finish(db: Database, *arguments: str) -> int:
    return subprocess.run(command(db, *arguments), capture_output=True, check=False).returncode


def kill_when(child: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    """SIGKILL the child as soon as ``ready()`` holds (polled), and make sure it died of it, mid-run."""
    deadline = time.monotonic() + 60
    while not ready():
        assert child.poll() is None, "the sync ended before the kill point"
        assert time.monotonic() < deadline, "the kill point never came"
        time.sleep(0.002)  # polling interval, not synchronisation
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL


def wait_for_the_killed_session_to_end(db: Database) -> None:
    """PostgreSQL drops a killed client's session (and its advisory lock) once it reads the closed socket."""
    if db.kind != "postgresql":
        return
    deadline = time.monotonic() + 30
    query = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'detectify-sync'"
    while db.query(query)[0][0]:
        assert time.monotonic() < deadline
        time.sleep(0.01)


KILL_POINTS = {
    "first run, 3 pages of ips committed": ("first", lambda db, app: count_rows(db, "ips") >= 150),
    "first run, the 9th request arrived": ("first", lambda db, app: len(app.requests) >= 9),
    "full run after moves, 6 requests in": ("full", lambda db, app: len(app.requests) >= 6),
    "delta run after moves, 2 requests in": ("delta", lambda db, app: len(app.requests) >= 2),
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_sync_killed_at_any_point_then_run_again_equals_a_clean_run(
    app: FakeDetectify, url: str, db: Database, point: str
) -> None:
    run, ready = KILL_POINTS[point]
    removed: dict[str, list[str]] = {}
    if run != "first":
        assert finish(db) == 0
        removed = app.move(new={"ips": 60, "breaches": 5}, disappear={"ips": 30, "ports": 8}, status={"breaches": 9},
                           remove={"ports": 6, "ips": 3}).removed  # fmt: skip
    app.requests.clear()
    slow = Fault("slow", delay=0.05, times=None)  # the run lasts long enough to be killed mid-way
    app.faults.append(slow)
    child = start(db, *(["--full"] if run == "full" else []))
    kill_when(child, lambda: ready(db, app))
    app.faults.remove(slow)
    wait_for_the_killed_session_to_end(db)

    assert finish(db, *(["--full"] if run == "full" else [])) == 0  # the killed sync left no lock behind

    for resource in RESOURCES:
        # a delta cannot see items removed from the lists; a full pass marks them missing
        assert_matches_api(db, app, resource, extra=set(removed.get(resource, [])) if run == "delta" else set())
    statuses = [s for (s,) in db.query(f"SELECT status FROM {db.table('sync_runs')} ORDER BY id")]
    assert "aborted" in statuses and statuses[-1] == "ok"
    if run == "full":
        missing = {i for i, r in db.rows("ports").items() if r["missing_since"] is not None}
        assert len(missing) == 6

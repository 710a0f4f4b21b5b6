"""``detectify export`` and ``detectify verify`` against the fake server over loopback (issue 7)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import RecordingServer, Reply

from detectify.cli import CHECKPOINT, main
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, serve

RESOURCES = ("ips", "technologies", "ports", "breaches", "connectors")


@pytest.fixture
def app() -> FakeDetectify:
    return FakeDetectify(seed=9, counts={"ips": 2300, "ports": 1500, "technologies": 400, "breaches": 120})


@pytest.fixture
def url(app: FakeDetectify, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with serve(app) as base:
        monkeypatch.setenv("DETECTIFY_API_KEY", TEST_API_KEY)
        monkeypatch.setenv("DETECTIFY_BASE_URL", f"{base}/rest")
        monkeypatch.delenv("DETECTIFY_TEAM_ID", raising=False)
        yield base


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_writes_every_resource_as_the_api_sent_it(
    app: FakeDetectify, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--out", str(tmp_path), "--limit", "500"]) == 0
    for resource in RESOURCES:
        assert lines(tmp_path / f"{resource}.jsonl") == list(app.items(resource))
    out, err = capsys.readouterr()
    assert "ips\t2300\t" in out and "total: 4,323 items" in err
    assert "ips: 2,300 items, 5 pages, 0 retries" in err  # the progress display, as plain lines when not a terminal
    assert not (tmp_path / CHECKPOINT).exists()


def test_export_csv_keeps_every_field(app: FakeDetectify, url: str, tmp_path: Path) -> None:
    assert main(["export", "ips", "--out", str(tmp_path), "--format", "csv", "--quiet"]) == 0
    with (tmp_path / "ips.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    expected = list(app.items("ips"))
    assert [row["id"] for row in rows] == [item["id"] for item in expected]
    first = expected[0]
    assert rows[0]["ip_address"] == first["ip_address"] and rows[0]["active"] == str(first["active"]).lower()
    assert json.loads(rows[0]["autonomous_system"] or "null") == first["autonomous_system"]


def test_since_and_team_filter_the_export(url: str, tmp_path: Path, app: FakeDetectify) -> None:
    since = sorted(i["first_seen_at"] for i in app.items("ports"))[700]
    assert main(["export", "ports", "--out", str(tmp_path), "--since", since, "--team", "team-a", "--quiet"]) == 0
    assert lines(tmp_path / "ports.jsonl") == [p for p in app.items("ports") if p["first_seen_at"] > since]


def test_an_export_that_fails_resumes_with_nothing_lost_or_repeated(
    app: FakeDetectify, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app.faults.append(Fault("server_error", status=400, path="/v3/ips", after=2))  # not retryable: fails for good
    assert main(["export", "--out", str(tmp_path), "--limit", "300", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "export failed (ips)" in err and "--resume" in err
    checkpoint = json.loads((tmp_path / CHECKPOINT).read_text())
    assert checkpoint["resume"]["|ips"]
    assert len(lines(tmp_path / "ips.jsonl")) == 600  # two pages made it before the failure

    assert main(["export", "--out", str(tmp_path), "--limit", "300", "--quiet"]) == 2  # unfinished: refuse to clobber
    assert "--resume" in capsys.readouterr().err
    assert main(["export", "ips", "--out", str(tmp_path), "--limit", "300", "--resume"]) == 2  # other options
    assert main(["export", "--out", str(tmp_path), "--limit", "300", "--quiet", "--resume"]) == 0
    for resource in RESOURCES:
        assert lines(tmp_path / f"{resource}.jsonl") == list(app.items(resource)), resource
    assert not (tmp_path / CHECKPOINT).exists()


def test_a_checkpoint_never_names_lines_that_are_not_written(app: FakeDetectify, url: str, tmp_path: Path) -> None:
    """Lines written after the last checkpoint (a kill between the two) are dropped on resume, then re-pulled."""
    app.faults.append(Fault("server_error", status=400, path="/v3/ports", after=1))
    assert main(["export", "ports", "--out", str(tmp_path), "--limit", "500", "--quiet"]) == 1
    with (tmp_path / "ports.jsonl").open("a", encoding="utf-8") as file:
        file.write('{"id": "half-written line from a killed run"}\n')
    assert main(["export", "ports", "--out", str(tmp_path), "--limit", "500", "--quiet", "--resume"]) == 0
    assert lines(tmp_path / "ports.jsonl") == list(app.items("ports"))


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["export", "domains", "--out", "x"], "domains"),
        (["export", "--out", "x", "--since", "yesterday"], "--since"),
        (["export", "--out", "x", "--since", "2024-01-01T00:00:00"], "timezone"),
        (["export", "--out", "x", "--shards", "2", "--resume"], "sharded"),
        (["export", "--out", "x", "--limit", "5000"], "limit"),
        (["export", "--out", "x", "--since", "2024-02-01T00:00:00Z", "--until", "2024-01-01T00:00:00Z"], "before"),
    ],
)
def test_bad_arguments_exit_2_naming_the_problem(
    url: str, argv: list[str], word: str, capsys: pytest.CaptureFixture[str], app: FakeDetectify, tmp_path: Path
) -> None:
    assert main([str(tmp_path / "out") if arg == "x" else arg for arg in argv]) == 2
    assert word in capsys.readouterr().err
    assert app.requests == [] and not (tmp_path / "out").exists()


def test_a_refused_key_exits_3(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETECTIFY_API_KEY", "wrong")
    assert main(["export", "ips", "--out", str(tmp_path), "--quiet"]) == 3
    assert main(["verify"]) == 3
    monkeypatch.delenv("DETECTIFY_API_KEY")
    assert main(["verify"]) == 3


def test_verify_says_what_works(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify"]) == 0
    out = capsys.readouterr().out
    assert "v3: the key works" in out and "team-a" in out


def test_verify_a_multi_team_key(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with serve(FakeDetectify(teams=("t1", "t2"))) as base:
        monkeypatch.setenv("DETECTIFY_API_KEY", TEST_API_KEY)
        monkeypatch.setenv("DETECTIFY_BASE_URL", f"{base}/rest")
        assert main(["verify"]) == 0
    assert "several teams" in capsys.readouterr().out


def test_verify_an_unreachable_api_exits_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DETECTIFY_API_KEY", TEST_API_KEY)
    monkeypatch.setenv("DETECTIFY_BASE_URL", "http://127.0.0.1:9/rest")
    assert main(["verify"]) == 1
    assert "could not reach" in capsys.readouterr().out


def test_the_console_script_and_python_m(url: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "detectify", "export", "connectors", "--out", str(tmp_path), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("connectors\t3\t")


def test_an_export_absorbs_retryable_faults_exactly_once(
    app: FakeDetectify, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app.faults += [
        Fault("rate_limit", retry_after=0, path="/v3/ips", after=1),
        Fault("drop_connection", path="/v3/ports", after=1),
    ]
    assert main(["export", "ips", "ports", "--out", str(tmp_path), "--limit", "500"]) == 0
    assert lines(tmp_path / "ips.jsonl") == list(app.items("ips"))
    assert lines(tmp_path / "ports.jsonl") == list(app.items("ports"))
    err = capsys.readouterr().err  # the retries are shown in the progress
    assert "ips: 2,300 items, 5 pages, 1 retries" in err and "ports: 1,500 items, 3 pages, 1 retries" in err


V2_KEY = "10840b0f938942feafb7186de74b9682"
V2_SECRET = "0vyTnawJRFn0Q9tWLTM188Olizc72JczHSXoIlsPQIc="


def test_verify_checks_v2_credentials_when_given(
    recording_server: RecordingServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DETECTIFY_API_KEY", raising=False)
    monkeypatch.setenv("DETECTIFY_BASE_URL", f"{recording_server.url}/rest")
    monkeypatch.setenv("DETECTIFY_V2_API_KEY", V2_KEY)
    monkeypatch.setenv("DETECTIFY_V2_SECRET_KEY", V2_SECRET)
    recording_server.replies += [
        Reply(body=b'{"assets": [{"token": "t", "name": "example.com"}], "has_more": false}'),
        Reply(status=401, body=b'{"error": {"code": 1001, "message": "Unauthorized"}}'),
    ]
    assert main(["verify"]) == 0
    assert "v2: the key works" in capsys.readouterr().out
    request = recording_server.requests[0]
    assert request.path.startswith("/rest/v2/assets/") and request.headers["X-Detectify-Signature"]
    assert main(["verify"]) == 3
    out = capsys.readouterr().out
    assert "v2: the credentials were refused" in out and V2_KEY not in out


def test_a_csv_export_resumes_byte_for_byte(app: FakeDetectify, url: str, tmp_path: Path) -> None:
    argv = ["export", "ips", "--format", "csv", "--limit", "500", "--quiet"]
    assert main([*argv, "--out", str(tmp_path / "clean")]) == 0
    app.faults.append(Fault("server_error", status=400, path="/v3/ips", after=2))
    assert main([*argv, "--out", str(tmp_path / "out")]) == 1
    partial = (tmp_path / "out" / "ips.csv").read_bytes()
    assert partial.count(b"\n") == 1001  # the header and two pages
    assert main([*argv, "--out", str(tmp_path / "out"), "--resume"]) == 0
    assert (tmp_path / "out" / "ips.csv").read_bytes() == (tmp_path / "clean" / "ips.csv").read_bytes()


def test_a_team_export_resumes_with_nothing_lost_or_repeated(app: FakeDetectify, url: str, tmp_path: Path) -> None:
    argv = ["export", "ports", "ips", "--team", "team-a", "--limit", "400", "--quiet", "--out", str(tmp_path)]
    app.faults.append(Fault("server_error", status=400, path="/v3/ips", after=3))
    assert main(argv) == 1
    state = json.loads((tmp_path / CHECKPOINT).read_text())
    assert set(state["resume"]) | set(state["completed"]) <= {"team-a|ips", "team-a|ports"} and state["resume"]
    assert main([*argv, "--resume"]) == 0
    assert lines(tmp_path / "ips.jsonl") == list(app.items("ips"))
    assert lines(tmp_path / "ports.jsonl") == list(app.items("ports"))

"""A checkpoint is hostile input (issue 15): whatever bytes it holds, ``--resume`` either resumes or refuses with one
line and exit code 2, leaving the output untouched; it never crashes, and never pads a file with NULs.

Runs ``detectify.cli.main`` in-process (hundreds of examples against the fake server on loopback); the console
script itself meets each kind of damage in tests/test_cli_process.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectify.cli import CHECKPOINT, main
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault, serve

ARGS = ["export", "ips", "ports", "--limit", "50", "--quiet"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def setup() -> Iterator[tuple[Path, bytes, bytes, dict[str, Any]]]:
    """An interrupted export (ips failed after two pages, ports done), the clean files, and its checkpoint."""
    app = FakeDetectify(seed=2, counts={"ips": 300, "ports": 60})
    saved = dict(os.environ)
    with serve(app) as url, tempfile.TemporaryDirectory() as scratch:
        os.environ.update(DETECTIFY_API_KEY=TEST_API_KEY, DETECTIFY_BASE_URL=f"{url}/rest")
        os.environ.pop("DETECTIFY_LOG", None)
        try:
            clean, template = Path(scratch) / "clean", Path(scratch) / "interrupted"
            assert main([*ARGS, "--out", str(clean)]) == 0
            app.faults.append(Fault("server_error", status=400, path="/v3/ips", after=2))
            with contextlib.redirect_stderr(io.StringIO()):
                assert main([*ARGS, "--out", str(template)]) == 1
            app.faults.clear()
            state = json.loads((template / CHECKPOINT).read_text())
            assert state["resume"] and state["completed"]
            yield template, (clean / "ips.jsonl").read_bytes(), (clean / "ports.jsonl").read_bytes(), state
        finally:
            os.environ.clear()
            os.environ.update(saved)


def resume_with(template: Path, checkpoint: bytes) -> tuple[int, str, Path, tempfile.TemporaryDirectory[str]]:
    scratch = tempfile.TemporaryDirectory()
    out = Path(shutil.copytree(template, Path(scratch.name) / "out"))
    (out / CHECKPOINT).write_bytes(checkpoint)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = main([*ARGS, "--out", str(out), "--resume"])
    return code, stderr.getvalue(), out, scratch


def check_outcome(template: Path, checkpoint: bytes, clean: tuple[bytes, bytes] | None = None) -> int:
    """Resume from ``checkpoint``: it resumes (exit 0), or refuses in one line with exit 2, files untouched."""
    code, stderr, out, scratch = resume_with(template, checkpoint)
    with scratch:
        if code == 0:
            if clean is not None:
                assert (out / "ips.jsonl").read_bytes() == clean[0]
                assert (out / "ports.jsonl").read_bytes() == clean[1]
            assert not (out / CHECKPOINT).exists()
        else:
            assert code == 2, stderr
            lines = stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("detectify: --resume: "), stderr
            for name in ("ips.jsonl", "ports.jsonl"):
                assert (out / name).read_bytes() == (template / name).read_bytes()
        for name in ("ips.jsonl", "ports.jsonl"):
            assert b"\0" not in (out / name).read_bytes()
    return code


def test_the_genuine_checkpoint_resumes_exactly_once(setup: tuple[Path, bytes, bytes, dict[str, Any]]) -> None:
    template, ips, ports, state = setup
    assert check_outcome(template, json.dumps(state).encode(), (ips, ports)) == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200) | json_values.map(lambda value: json.dumps(value).encode()))
def test_arbitrary_bytes_or_json_never_crash(setup: tuple[Path, bytes, bytes, dict[str, Any]], data: bytes) -> None:
    check_outcome(setup[0], data)


def near_valid(state: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The genuine checkpoint with some fields replaced by arbitrary values, or dropped."""
    ips = state["files"]["ips"]
    job = next(iter(state["resume"]))
    field = st.sampled_from(["version", "fingerprint", "resume", "completed", "files", "offset", "tail", "cursor"])

    def mutate(changes: list[tuple[str, Any, bool]]) -> dict[str, Any]:
        result = json.loads(json.dumps(state))
        for name, value, drop in changes:
            files, resume = result.get("files"), result.get("resume")
            ips_mark = files.get("ips") if isinstance(files, dict) else None
            if name in ("offset", "tail") and not isinstance(ips_mark, dict):
                continue  # an earlier change replaced the object this one would change
            if name == "offset":
                ips_mark["offset"] = value if not isinstance(value, bool) else ips["offset"] + value  # off by one
            elif name == "tail":
                ips_mark["tail"] = value
            elif name == "cursor":
                if isinstance(resume, dict):
                    resume[job] = value
            elif drop:
                result.pop(name, None)
            else:
                result[name] = value
        return result

    values = json_values | st.integers(min_value=-(2**70), max_value=2**70) | st.text()
    return st.lists(st.tuples(field, values, st.booleans()), min_size=1, max_size=3).map(mutate)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_checkpoint_resumes_or_refuses(
    setup: tuple[Path, bytes, bytes, dict[str, Any]], data: st.DataObject
) -> None:
    template, _, _, state = setup
    checkpoint = data.draw(near_valid(state))
    check_outcome(template, json.dumps(checkpoint).encode())


@pytest.mark.parametrize("cursor", ["¡", "bm90LWEtY3Vyc29y", "aXBzOng"])
def test_a_cursor_the_api_refuses_is_a_stale_checkpoint(
    setup: tuple[Path, bytes, bytes, dict[str, Any]], cursor: str
) -> None:
    template, _, _, state = setup
    changed = {**state, "resume": dict.fromkeys(state["resume"], cursor)}
    code, stderr, _, scratch = resume_with(template, json.dumps(changed).encode())
    scratch.cleanup()
    assert code == 2 and "the checkpoint is stale" in stderr, stderr

"""The README's runnable examples run as written."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT


def runnable_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"<!-- runnable[^>]*-->\n```python\n(.*?)```", text, flags=re.DOTALL)


def test_the_testing_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = runnable_blocks()
    assert blocks, "README lost its runnable example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    assert "failed as expected: 500" in capsys.readouterr().out

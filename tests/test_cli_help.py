"""Help that teaches (issue 18): every command's --help shows examples that parse, and the exit codes."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from detectify.cli import COMMANDS, parser
from detectify.cli.common import EXIT_CODES

DETECTIFY = Path(sys.executable).parent / "detectify"
NAMES = [command.__name__.rsplit(".", 1)[-1] for command in COMMANDS]


def help_of(name: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        parser().parse_args([name, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", NAMES)
def test_each_command_shows_examples_that_parse_and_the_exit_codes(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = help_of(name, capsys)
    examples = text.split("examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert 2 <= len(examples) <= 3
    for example in examples:
        words = shlex.split(example, comments=True)
        assert words[:2] == ["detectify", name], example
        args = parser().parse_args(words[1:])  # exits (and fails the test) if the example does not parse
        assert args.run is not None
    assert EXIT_CODES.strip() in text
    for code in ("0", "1", "2", "3", "4", "130"):
        assert f"\n  {code} " in text


def test_the_top_level_help_lists_every_command_and_the_version() -> None:
    result = subprocess.run([str(DETECTIFY), "--help"], capture_output=True, text=True, check=True)
    for name in NAMES:
        assert f"    {name} " in result.stdout
    assert "exit codes:" in result.stdout
    version = subprocess.run([str(DETECTIFY), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("detectify 0.") and "detectify-sdk" in version.stdout


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "detectify: the following arguments are required: COMMAND (see detectify --help)"),
        (["export"], "detectify export: the following arguments are required: --out (see detectify export --help)"),
        (["export", "--out", "x", "--limit", "many"], "detectify export: argument --limit: invalid int value: 'many'"),
        (["verify", "--bogus"], "detectify: unrecognized arguments: --bogus (see detectify --help)"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(argv: list[str], expected: str) -> None:
    result = subprocess.run([str(DETECTIFY), *argv], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(expected), result.stderr

"""What every ``detectify`` command shares: exit codes, one-line errors, redaction, the common options, the client.

A command module has ``register(commands)``, which adds its parser with ``add_command`` and sets ``run``: a
function taking the parsed arguments and returning an exit code (or raising ``CliError``).
"""

from __future__ import annotations

import argparse
import os
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import unquote

import httpx

from ..adapter import RESOURCES
from ..client import AsyncDetectify
from ..config import DEFAULT_BASE_URL, ENV_API_KEY, ENV_BASE_URL, ENV_V2_API_KEY, ENV_V2_SECRET_KEY

__all__ = [
    "EXIT_CODES",
    "CliError",
    "UsageError",
    "add_command",
    "add_selection",
    "base_url_of",
    "check_ranges",
    "chosen_resources",
    "make_client",
    "one_line",
    "redact",
    "without_userinfo",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_CREDENTIALS = 3
EXIT_OUTPUT = 4
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

#: The exit codes, as every command's --help shows them (stable: scripts depend on them).
EXIT_CODES = f"""\
exit codes:
  {EXIT_OK}    success
  {EXIT_FAILED}    the API or the network failed for good (an export continues with --resume)
  {EXIT_USAGE}    bad usage: arguments, an --out that cannot be used or is in use, a checkpoint that cannot be trusted
  {EXIT_CREDENTIALS}    the credentials were refused (401/403) or are missing
  {EXIT_OUTPUT}    writing the output failed (disk full, I/O error): fix it, then continue with --resume
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C): the checkpoint is saved, continue with --resume
  {EXIT_BROKEN_PIPE}  the reader of --out - went away (a closed pipe)
"""

_MAX_MESSAGE = 400


class CliError(Exception):
    """A failure the command reports as one line on stderr, ending the command with ``code``."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


class UsageError(CliError):
    """Bad arguments or an unusable --out or checkpoint (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, EXIT_USAGE)


Run = Callable[[argparse.Namespace], int]


def add_command(
    commands: Any,
    name: str,
    *,
    help: str,
    description: str,
    examples: Sequence[str],
    run: Run,
) -> argparse.ArgumentParser:
    """Add a subcommand with the options every command has (``--base-url``) and a help ending in its examples and
    the exit codes. ``examples`` are command lines (each starting with ``detectify``), optionally followed by
    ``  # what it does``; a test parses every one."""
    lines = "\n".join(f"  {example}" for example in examples)
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help,
        description=textwrap.fill(description, 100),
        epilog=f"examples:\n{lines}\n\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help=f"the API's base URL (default: ${ENV_BASE_URL}, else {DEFAULT_BASE_URL})",
    )
    parser.set_defaults(run=run)
    return parser


def add_selection(parser: argparse.ArgumentParser) -> None:
    """The options of a command that pulls resources: which ones (all when none is named) and ``--team``."""
    parser.add_argument("resources", nargs="*", metavar="RESOURCE", help=f"some of {', '.join(RESOURCES)} (all)")
    parser.add_argument("--team", action="append", default=[], metavar="TEAM_ID",
                        help="only this team's items (repeatable)")  # fmt: skip


def chosen_resources(args: argparse.Namespace) -> list[str]:
    """The resources ``add_selection``'s arguments name, each once, in order; UsageError for an unknown one."""
    resources = list(dict.fromkeys(args.resources or RESOURCES))
    unknown = [r for r in resources if r not in RESOURCES]
    if unknown:
        raise UsageError(f"unknown resource(s) {', '.join(unknown)}; choose from {', '.join(RESOURCES)}")
    return resources


def check_ranges(*checks: tuple[str, int, int, int]) -> None:
    """UsageError for the first ``(flag, value, low, high)`` whose value is outside ``low..high``."""
    for flag, value, low, high in checks:
        if not low <= value <= high:
            raise UsageError(f"{flag} must be in {low}..{high}, got {value}")


def base_url_of(args: argparse.Namespace) -> str:
    """The base URL the command uses: --base-url, else DETECTIFY_BASE_URL, else the default."""
    value: str | None = getattr(args, "base_url", None)
    return value or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL


def make_client(args: argparse.Namespace, **options: Any) -> AsyncDetectify:
    """The client for a command; settings the SDK refuses are a usage error naming them."""
    try:
        return AsyncDetectify(base_url=base_url_of(args), **options)
    except (ValueError, TypeError) as exc:
        raise UsageError(str(exc)) from None


def without_userinfo(url: str) -> str:
    """``url`` with any ``user:password@`` removed (for messages and fingerprints)."""
    try:
        parsed = httpx.URL(url)
    except (TypeError, httpx.InvalidURL):
        return re.sub(r"//[^/@]*@", "//", url)
    if not parsed.userinfo:
        return url
    return str(parsed.copy_with(username=None, password=None))


def _secrets(environ: dict[str, str], extra: Iterable[str]) -> list[str]:
    found = [environ.get(name, "") for name in (ENV_API_KEY, ENV_V2_API_KEY, ENV_V2_SECRET_KEY)]
    for url in (environ.get(ENV_BASE_URL, ""), *extra):
        match = re.search(r"//([^/@]*)@", url)
        if match:
            password = match.group(1).partition(":")[2]
            found += [match.group(1), password, unquote(password)]
    return sorted({secret for secret in found if len(secret) >= 4}, key=len, reverse=True)


def redact(text: str, *, base_url: str | None = None) -> str:
    """``text`` without any credential the CLI knows of: the API keys and secret from the environment and the
    password of the base URL (from --base-url or the environment)."""
    for secret in _secrets(dict(os.environ), [base_url] if base_url else []):
        text = text.replace(secret, "<redacted>")
    return re.sub(r"//[^/@\s]*@", "//<redacted>@", text)


def one_line(text: str) -> str:
    """A message on one line, of bounded length."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= _MAX_MESSAGE else flat[: _MAX_MESSAGE - 1] + "…"

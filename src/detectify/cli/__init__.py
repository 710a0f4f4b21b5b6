"""The ``detectify`` command: ``detectify export`` pulls resources to files, ``detectify sync`` keeps a database
current, ``detectify verify`` tests credentials.

Each command is a module with ``register(commands)`` (see ``common.add_command``); ``COMMANDS`` lists them. A new
command is one module and one entry there. Errors are one line on stderr, without a traceback unless
``DETECTIFY_LOG=debug``; the exit codes are in ``common.EXIT_CODES``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import textwrap
import traceback
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from . import export, sync, verify
from .checkpoint import CHECKPOINT
from .common import (
    EXIT_BROKEN_PIPE,
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CliError,
    base_url_of,
    one_line,
    redact,
)

__all__ = ["CHECKPOINT", "COMMANDS", "main"]

#: The subcommands, in the order --help lists them.
COMMANDS: tuple[ModuleType, ...] = (export, sync, verify)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("detectify-sdk")
    except Exception:  # pragma: no cover - not installed
        return "unknown"


class _Parser(argparse.ArgumentParser):
    """Bad arguments are one line too: the problem and where the help is (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    """The ``detectify`` argument parser, with every command of ``COMMANDS``."""
    root = _Parser(
        prog="detectify",
        description=textwrap.fill(
            "The Detectify API from the shell. The key comes from DETECTIFY_API_KEY, the base URL from --base-url or "
            "DETECTIFY_BASE_URL (default https://api.detectify.com/rest). Each command's --help shows examples.",
            100,
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXIT_CODES,
    )
    root.add_argument("--version", action="version", version=f"detectify {_version()} (detectify-sdk)")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    debug = os.environ.get("DETECTIFY_LOG", "").strip().lower() == "debug"
    redacting = _RedactLogs(base_url_of(args))
    sdk_logger = logging.getLogger("detectify")
    sdk_logger.addFilter(redacting)
    try:
        code: int = args.run(args)
    except CliError as exc:
        return _fail(exc, str(exc), exc.code, args, debug)
    except KeyboardInterrupt as exc:  # an export with a checkpoint says more (a CliError with the same code)
        return _fail(exc, "interrupted", EXIT_INTERRUPTED, args, debug)
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        hint = "" if debug else " (DETECTIFY_LOG=debug shows the traceback)"
        return _fail(exc, f"unexpected error: {type(exc).__name__}: {exc}{hint}", EXIT_FAILED, args, debug)
    finally:
        sdk_logger.removeFilter(redacting)
    return code


class _RedactLogs(logging.Filter):
    """The SDK's log lines (DETECTIFY_LOG=info|debug) without the credentials the CLI knows of."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage(), base_url=self.base_url), None
        return True


def _fail(exc: BaseException, message: str, code: int, args: argparse.Namespace, debug: bool) -> int:
    if debug:
        sys.stderr.write(redact("".join(traceback.format_exception(exc)), base_url=base_url_of(args)))
    print(f"detectify: {redact(one_line(message), base_url=base_url_of(args))}", file=sys.stderr, flush=True)
    return code


def _quiet_stdout() -> None:
    """After the reader of stdout left, make the interpreter's final flush go nowhere instead of failing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

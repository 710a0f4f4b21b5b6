"""``detectify verify``: check each configured credential with one harmless read."""

from __future__ import annotations

import argparse
from typing import Any

import anyio

from ..client import AsyncDetectify
from ..errors import APIStatusError, AuthenticationError, DetectifyError, PermissionDeniedError, TeamResolutionError
from .common import EXIT_CREDENTIALS, EXIT_FAILED, EXIT_OK, UsageError, add_command, make_client, redact

__all__ = ["register"]

EXAMPLES = [
    "detectify verify                                   # the key from $DETECTIFY_API_KEY",
    "detectify verify --base-url http://127.0.0.1:8000/rest   # against detectify.testing serve",
]


def register(commands: Any) -> None:
    add_command(
        commands,
        "verify",
        help="test the credentials and say what works",
        description="Check the v3 key (and the v2 key and secret, when set) with one harmless read each, and say "
        "which team(s) the key reaches. The result goes to stdout, one line per API.",
        examples=EXAMPLES,
        run=run,
    )


def run(args: argparse.Namespace) -> int:
    """Check each configured credential (v3 key; v2 key and secret when set) with one harmless read."""
    try:
        client = make_client(args)
    except UsageError as exc:
        print(f"v3: {redact(str(exc), base_url=args.base_url)}")
        return EXIT_CREDENTIALS
    code: int = anyio.run(_verify_all, client)
    return code


async def _verify_all(client: AsyncDetectify) -> int:
    codes = []
    async with client.with_options(max_retries=1) as checked:
        if checked.has_v3_key:
            codes.append(await _check("v3", checked, _verify_v3))
        if checked.v2_signed is not None:
            codes.append(await _check("v2", checked, _verify_v2))
    return max(codes, key=lambda code: (code != EXIT_OK, code))


async def _check(api: str, client: AsyncDetectify, probe: Any) -> int:
    try:
        message: str = await probe(client)
    except (AuthenticationError, PermissionDeniedError) as exc:
        _say(f"{api}: the credentials were refused: {exc}", client)
        return EXIT_CREDENTIALS
    except APIStatusError as exc:
        _say(f"{api}: the API answered {exc}", client)
        return EXIT_FAILED
    except DetectifyError as exc:
        _say(f"{api}: could not reach {client.base_url}: {exc}", client)
        return EXIT_FAILED
    _say(f"{api}: {message}", client)
    return EXIT_OK


def _say(line: str, client: AsyncDetectify) -> None:
    print(redact(" ".join(line.split()), base_url=client.base_url))


async def _verify_v3(client: AsyncDetectify) -> str:
    try:
        answer = await client.connectors.external_id()
    except TeamResolutionError as exc:
        teams = f" ({', '.join(exc.team_ids)})" if exc.team_ids else ""
        return (
            f"the key works at {client.base_url}; it reaches several teams{teams} (calls that need one take team_id=)"
        )
    return f"the key works at {client.base_url}; its team: {answer.team_id}"


async def _verify_v2(client: AsyncDetectify) -> str:
    page = await client.v2.assets.list(page_size=1)  # the seed's "Test your credentials" reads the assets
    signed = "signed requests" if client.v2_signed else "unsigned requests"
    return f"the key works at {client.base_url} ({signed}); it sees {'assets' if page.items else 'no assets yet'}"

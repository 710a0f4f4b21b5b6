"""Response bodies decoded with orjson (issue 16): hostile bodies end as a correct result or our typed error on
both paths (models and plain dicts), exactly as with the stdlib decoder, and error bodies still fill the error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import RecordingServer, Reply
from hypothesis import given, settings
from hypothesis import strategies as st

from detectify import APIResponseValidationError, AsyncDetectify, BadRequestError
from detectify.errors import decode_body
from detectify.jsoncodec import dumps, dumps_line
from detectify.jsoncodec import loads as json_body

pytestmark = pytest.mark.anyio

ITEM = (
    b'{"id":"i-1","team_id":"t","asset_id":"a","domain_name":"example.com","ip_address":"10.0.0.1",'
    b'"ip_version":"IPv4","active":true,"enriched":false,"first_seen_at":"2021-01-04T08:00:00Z"}'
)
PAGE = b'{"items":[' + ITEM + b'],"pagination":{}}'
HOSTILE = {
    "invalid UTF-8": b'{"items":[{"id":"\xff\xfe"}],"pagination":{}}',
    "nested 5000 deep": b"[" * 5000 + b"]" * 5000,
    "nested 1025 deep in items": b'{"items":' + b"[" * 1025 + b"]" * 1025 + b"}",
    "an integer of 5000 digits": b'{"items":[{"id":"i","n":1' + b"0" * 5000 + b"}]}",
    "NaN": b'{"items":[{"id":"i","n":NaN}],"pagination":{}}',
    "a lone surrogate": b'{"items":[{"id":"\\ud800"}],"pagination":{}}',
    "truncated": PAGE[:-7],
    "not JSON": b"<html>502</html>",
    "empty": b"",
}


async def list_once(url: str, dicts: bool) -> list[Any]:
    async with AsyncDetectify("k", base_url=url, max_retries=0) as client:
        pager = client.ips.list()
        return [item async for item in (pager.as_dicts() if dicts else pager)]


@pytest.mark.parametrize("dicts", [False, True], ids=["models", "dicts"])
@pytest.mark.parametrize("body", list(HOSTILE.values()), ids=list(HOSTILE))
async def test_a_hostile_page_is_a_result_or_our_typed_error(
    recording_server: RecordingServer, dicts: bool, body: bytes
) -> None:
    recording_server.replies.append(Reply(body=body))
    outcome: list[Any] | APIResponseValidationError
    try:
        outcome = await list_once(recording_server.url, dicts)
    except APIResponseValidationError as exc:
        outcome = exc
    if isinstance(outcome, APIResponseValidationError):
        assert outcome.body == body  # the raw body is kept for the report
    else:  # read as the stdlib reads it, or refused: never another exception, never items made up
        assert len(outcome) <= 1


@pytest.mark.parametrize("dicts", [False, True], ids=["models", "dicts"])
async def test_a_good_page_reads_the_same_on_both_paths(recording_server: RecordingServer, dicts: bool) -> None:
    recording_server.replies.append(Reply(body=PAGE))
    [item] = await list_once(recording_server.url, dicts)
    assert (item["ip_address"] if dicts else item.ip_address) == "10.0.0.1"


BODIES = [PAGE, b"\xef\xbb\xbf" + PAGE, PAGE.decode().encode("utf-16"), b"[1.5, -0, 1e400, 12345678901234567890]",
          b'{"a": 1, "a": 2}', b'"\\u0000"', b"[NaN]"]  # fmt: skip


@pytest.mark.parametrize("body", BODIES)
def test_what_orjson_refuses_is_read_as_the_stdlib_reads_it(body: bytes) -> None:
    assert repr(json_body(body)) == repr(json.loads(body))


def test_an_integer_beyond_64_bits_reads_as_a_float() -> None:
    assert json_body(b"[123456789012345678901, 18446744073709551615]") == [1.2345678901234568e20, 2**64 - 1]


@pytest.mark.parametrize("body", [b"\xff\xfe{", b"[" * 5000, b'{"detail": "\xff bad byte"}', b"", b"NaN"])
def test_error_bodies_decode_to_json_or_text(body: bytes) -> None:
    decoded = decode_body(body)
    assert isinstance(decoded, str | dict | float)


async def test_an_error_body_with_a_bad_byte_still_fills_the_error(recording_server: RecordingServer) -> None:
    body = b'{"title": "Bad Request", "status": 400, "detail": "bad \xff limit"}'
    recording_server.replies.append(Reply(status=400, body=body, content_type="application/problem+json"))
    with pytest.raises(BadRequestError) as info:
        await list_once(recording_server.url, dicts=True)
    assert info.value.title == "Bad Request" and "bad" in (info.value.detail or "")


# --- encoding: the CLI's JSONL lines (jsoncodec.dumps_line) ------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_a_jsonl_line_reads_back_as_the_value(value: Any) -> None:
    # integers beyond 64 bits and lone surrogates (from the stdlib's reader) take the stdlib's path; same result
    line = dumps_line(value)
    assert line.endswith(b"\n") and b"\n" not in line[:-1]
    assert json.loads(line) == value
    assert dumps(value) == line[:-1].decode()


def test_a_jsonl_line_keeps_what_orjson_cannot_write() -> None:
    value = json.loads('{"id":"\\ud800","n":123456789012345678901234567890,"t":"\\u00e9"}')
    line = dumps_line(value)
    assert line == b'{"id":"\\ud800","n":123456789012345678901234567890,"t":"\\u00e9"}\n'
    assert json.loads(line) == value


def test_nan_and_infinities_are_written_as_null() -> None:
    assert dumps_line(json.loads('{"a":NaN,"b":[Infinity,-Infinity,1.5]}')) == b'{"a":null,"b":[null,null,1.5]}\n'
    assert dumps_line({"a": float("nan"), "n": 2**70}) == b'{"a":null,"n":1180591620717411303424}\n'

"""The generated layer (generated/detectify_v3) as shaped by the custom templates, over real HTTP on loopback."""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import json
import re
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
import pytest
import yaml
from conftest import ROOT, RecordingServer, Reply
from detectify_v2 import models as v2_models
from detectify_v3 import AuthenticatedClient, models
from detectify_v3.api.connectors import create_connector, get_connector
from detectify_v3.api.ips import list_ips
from detectify_v3.api.ports import list_ports
from detectify_v3.types import UNSET, InvalidModelData, Unset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectify import APIResponseValidationError, AsyncDetectify

pytestmark = pytest.mark.anyio

SEED = json.loads((ROOT / "tests" / "fixtures" / "seed_examples.json").read_text(encoding="utf-8"))
PORT = SEED["listPorts"]["payload"]["items"][0]


def _client(server: RecordingServer) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.url, token="test-key", prefix="")


def _json(payload: Any, status: int = 200) -> Reply:
    return Reply(status=status, body=json.dumps(payload).encode())


async def test_list_query_parameters_go_on_the_wire_comma_separated(recording_server: RecordingServer) -> None:
    recording_server.replies.append(_json({"items": [], "pagination": {}}))
    async with _client(recording_server) as client:
        response = await list_ports.asyncio_detailed(
            client=client, status=[models.PortStatus.OPEN, models.PortStatus.CLOSED], port=[80, 443], limit=20
        )
    assert response.status_code == 200
    query = urlsplit(recording_server.requests[0].path).query
    assert query == "limit=20&status=OPEN%2CCLOSED&port=80%2C443"  # one parameter each, not status=OPEN&status=...


async def test_key_is_sent_raw_in_the_authorization_header(recording_server: RecordingServer) -> None:
    recording_server.replies.append(_json({"items": []}))
    async with _client(recording_server) as client:
        await list_ips.asyncio_detailed(client=client)
    assert recording_server.requests[0].headers["Authorization"] == "test-key"


async def test_datetimes_go_on_the_wire_with_an_offset_and_utc_as_z(recording_server: RecordingServer) -> None:
    recording_server.replies.append(_json({"items": []}))
    plus_two = dt.timezone(dt.timedelta(hours=2))
    async with _client(recording_server) as client:
        await list_ips.asyncio_detailed(
            client=client,
            first_seen_after=dt.datetime(2023, 9, 18, 12, 12, tzinfo=dt.UTC),
            first_seen_before=dt.datetime(2023, 9, 18, 14, 12, 0, 5, tzinfo=plus_two),
        )
    query = urlsplit(recording_server.requests[0].path).query
    assert "first_seen_after=2023-09-18T12%3A12%3A00Z" in query
    assert "first_seen_before=2023-09-18T14%3A12%3A00.000005%2B02%3A00" in query  # "+" encoded, never a space


def test_an_unknown_enum_value_is_kept_as_its_string() -> None:
    port = models.Port.from_dict({**PORT, "status": "FILTERED"})
    assert port.status == "FILTERED"
    assert isinstance(port.status, models.PortStatus) and isinstance(port.status, str)
    assert port.to_dict()["status"] == "FILTERED"
    assert models.PortStatus("OPEN") is models.PortStatus.OPEN  # known values are still the members


async def test_a_page_with_unknown_enum_values_and_extra_fields_parses(recording_server: RecordingServer) -> None:
    items = [
        {**PORT, "status": "FILTERED", "new_field": {"x": 1}},
        {**SEED["listPorts"]["payload"]["items"][0], "id": "2", "disappeared_at": None},
    ]
    recording_server.replies.append(_json({"items": items, "pagination": {"next": "http://x/v3/ports?cursor=c2"}}))
    async with _client(recording_server) as client:
        response = await list_ports.asyncio_detailed(client=client)
    page = response.parsed
    assert isinstance(page, models.PortList)
    assert [p.status for p in page.items] == ["FILTERED", "OPEN"]
    assert page.items[0].additional_properties == {"new_field": {"x": 1}}
    assert page.items[1].disappeared_at is None
    assert not isinstance(page.pagination, type(UNSET)) and page.pagination.next_ == "http://x/v3/ports?cursor=c2"


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (520, b"<html><body>Web server is returning an unknown error</body></html>", "text/html"),
        (502, b'{"message": "Internal server error"}', "application/json"),
        (499, b"", "text/plain"),
        (503, b"[1, 2]", "application/json"),
    ],
)
async def test_unusual_statuses_and_bodies_do_not_crash_the_parser(
    recording_server: RecordingServer, status: int, body: bytes, content_type: str
) -> None:
    recording_server.replies.append(Reply(status=status, body=body, content_type=content_type))
    async with _client(recording_server) as client:
        response = await get_connector.asyncio_detailed("abc", client=client)
    assert response.status_code == status
    assert response.content == body
    if status == 502:  # a gateway's {"message"} body still parses, with the field kept
        assert isinstance(response.parsed, models.Problem)
        assert response.parsed.additional_properties == {"message": "Internal server error"}
    else:
        assert response.parsed is None


async def test_problem_details_error_bodies_parse(recording_server: RecordingServer) -> None:
    problem = SEED["deleteConnector.error"]["payload"]
    recording_server.replies.append(_json({**problem, "status": 404}, status=404))
    async with _client(recording_server) as client:
        response = await get_connector.asyncio_detailed("missing", client=client)
    assert isinstance(response.parsed, models.Problem)
    assert (response.parsed.status, response.parsed.title) == (404, problem["title"])


async def test_the_seed_create_connector_example_round_trips_over_http(recording_server: RecordingServer) -> None:
    request = SEED["createConnector.request"]["payload"]
    recording_server.replies.append(_json(SEED["createConnector.response"]["payload"], status=201))
    body = models.ConnectorCreateInput.from_dict(request)
    assert isinstance(body.options, models.ConnectorCreateAwsCredBasedInput)
    async with _client(recording_server) as client:
        response = await create_connector.asyncio_detailed(client=client, body=body)
    sent = recording_server.requests[0]
    assert sent.method == "POST" and sent.path == "/v3/connectors"
    assert json.loads(sent.body) == request
    assert isinstance(response.parsed, models.Connector)
    assert response.parsed.to_dict() == SEED["createConnector.response"]["payload"]


@pytest.mark.parametrize("key", [k for k in SEED if not k.startswith("_")])
def test_every_seed_example_parses_and_serialises_back_to_the_same_json(key: str) -> None:
    model = getattr(models, SEED[key]["schema"])
    payload = SEED[key]["payload"]
    parsed = model.from_dict(payload)
    assert parsed.to_dict() == payload
    assert json.loads(json.dumps(parsed.to_dict())) == payload


def test_parsed_datetimes_are_timezone_aware() -> None:
    naive = "2019-08-24T14:15:22"  # no offset: taken as UTC
    ip = models.Ip.from_dict({"id": "1", "first_seen_at": "2019-08-24T14:15:22Z", "disappeared_at": naive})
    assert ip.first_seen_at == dt.datetime(2019, 8, 24, 14, 15, 22, tzinfo=dt.UTC)
    assert isinstance(ip.disappeared_at, dt.datetime) and ip.disappeared_at.tzinfo is not None


@pytest.mark.parametrize(
    ("options", "variant"),
    [
        ({"access_key": "a", "secret_key": "b"}, "ConnectorCreateAwsCredBasedInput"),
        ({"role_arn": "arn:aws:iam::1:role/x"}, "ConnectorCreateAwsRoleBasedInput"),
        ({"token": "t"}, "ConnectorCreateDigitalOceanInput"),
        ({"service_account_key": "{}"}, "ConnectorCreateGCPInput"),
        ({"api_token": "t"}, "ConnectorCreateCloudflareInput"),
        ({"access_key_id": "a", "access_key_secret": "b"}, "ConnectorCreateAlibabaInput"),
        ({"tenant_id": "t", "client_id": "c", "client_secret": "s"}, "ConnectorCreateAzureInput"),
        ({"api_key": "k", "api_secret": "s"}, "ConnectorCreateGodaddyInput"),
        ({"api_key": "k"}, "ConnectorCreateNS1Input"),
    ],
)
def test_each_provider_input_parses_to_its_own_model(options: dict[str, str], variant: str) -> None:
    payload = {"name": "n", "provider": "GCP", "options": options}
    parsed = models.ConnectorCreateInput.from_dict(payload)
    assert type(parsed.options).__name__ == variant
    assert parsed.to_dict() == payload


async def test_a_raw_body_goes_on_the_wire_as_its_bytes(recording_server: RecordingServer) -> None:
    """File.payload may be bytes (types.py template): the zone upload's body is sent as it is, readable for signing."""
    from detectify_v2 import AuthenticatedClient as V2Client
    from detectify_v2.api.zones import upload_zone_file
    from detectify_v2.types import File

    zone = b"$ORIGIN example.org.\r\nwww IN A 192.0.2.1\n\xc3\xa9"
    recording_server.replies.append(Reply(status=202, body=b""))
    async with V2Client(base_url=recording_server.url, token="k", prefix="") as client:
        response = await upload_zone_file.asyncio_detailed(client=client, body=File(payload=zone))
    assert response.status_code == 202
    sent = recording_server.requests[0]
    assert (sent.method, sent.body, sent.headers["Content-Type"]) == ("POST", zone, "text/plain")


# --- the model template: what from_dict accepts, keeps and refuses ---------------------------------------------------

IP = SEED["listIps"]["payload"]["items"][0]


def test_every_model_parses_eagerly_into_slotted_instances_with_nested_models() -> None:
    ip = models.Ip.from_dict(IP)
    assert isinstance(ip.autonomous_system, models.AutonomousSystem)
    assert isinstance(ip.geolocation, models.Geolocation)
    assert isinstance(ip.ip_version, models.IpVersion) and ip.ip_version is models.IpVersion.IPV4
    assert isinstance(ip.first_seen_at, dt.datetime) and ip.first_seen_at.tzinfo is not None
    assert not hasattr(ip, "__dict__")  # attrs slots: nothing can set an attribute the model does not declare
    page = models.IpList.from_dict({"items": [IP, IP], "pagination": {}})
    assert [type(item) for item in page.items] == [models.Ip, models.Ip]
    assert page.items[0] == page.items[1] == ip  # equality is attrs' field by field


def test_unknown_enum_values_are_kept_with_their_value_and_not_remembered() -> None:
    page = models.PortList.from_dict({"items": [{**PORT, "status": "FILTERED"}, {**PORT, "status": "FILTERED"}]})
    first, second = (port.status for port in page.items)
    assert isinstance(first, models.PortStatus) and first == second == "FILTERED" and first.value == "FILTERED"
    assert list(models.PortStatus) == [models.PortStatus.CLOSED, models.PortStatus.OPEN]  # no member was added
    breach = models.PolicyBreach.from_dict({"id": "b", "severity": "SEVERE", "status": "SNOOZED"})
    assert (breach.severity, breach.status) == ("SEVERE", "SNOOZED")
    assert breach.to_dict() == {"id": "b", "severity": "SEVERE", "status": "SNOOZED"}


def test_fields_the_spec_does_not_list_are_kept_at_every_level_and_written_back() -> None:
    payload = {**IP, "risk": {"score": 3}, "geolocation": {**IP["geolocation"], "city": "Lund"}}
    ip = models.Ip.from_dict(payload)
    assert ip.additional_properties == {"risk": {"score": 3}}
    assert not isinstance(ip.geolocation, Unset | None) and ip.geolocation.additional_properties == {"city": "Lund"}
    assert ip.to_dict() == payload
    assert models.Ip.from_dict(IP).additional_properties == {}  # a fresh dict per model, empty without extras


def test_null_is_none_where_the_spec_says_nullable_and_refused_elsewhere() -> None:
    ip = models.Ip.from_dict({"id": "1", "disappeared_at": None, "autonomous_system": None, "geolocation": None})
    assert (ip.disappeared_at, ip.autonomous_system, ip.geolocation) == (None, None, None)
    assert ip.to_dict() == {"id": "1", "disappeared_at": None, "autonomous_system": None, "geolocation": None}
    assert models.Technology.from_dict({"id": "t", "version": None}).version is None
    with pytest.raises(ValueError, match=r"^Port\.status: expected a string, got null$"):
        models.Port.from_dict({"id": "1", "status": None})
    with pytest.raises(ValueError, match=r"^Ip\.ip_address: expected a string, got null$"):
        models.Ip.from_dict({"id": "1", "ip_address": None})


def test_a_missing_optional_field_stays_unset_and_is_not_written_back() -> None:
    port = models.Port.from_dict({"id": "1"})
    assert port.port is UNSET and port.status is UNSET
    assert port.to_dict() == {"id": "1"}


@pytest.mark.parametrize(
    ("model", "payload", "message"),
    [
        (models.Port, {**PORT, "port": "80"}, "Port.port: expected an integer in 0..65535, got '80'"),
        (models.Port, {**PORT, "port": True}, "Port.port: expected an integer in 0..65535, got True"),
        (models.Port, {**PORT, "port": 80.0}, "Port.port: expected an integer in 0..65535, got 80.0"),
        (models.Port, {**PORT, "port": -1}, "Port.port: expected an integer in 0..65535, got -1"),
        (models.Port, {**PORT, "port": 65536}, "Port.port: expected an integer in 0..65535, got 65536"),
        (models.Port, {**PORT, "id": 17}, "Port.id: expected a string, got 17"),
        (models.Port, {"port": 80}, "Port.id: required field missing"),
        (models.Port, {**PORT, "status": ["OPEN"]}, "Port.status: expected a string, got an array"),
        (models.Ip, {**IP, "active": "yes"}, "Ip.active: expected a boolean, got 'yes'"),
        (models.Ip, {**IP, "first_seen_at": "yesterday"}, "Ip.first_seen_at: expected an ISO 8601 date-time, got"),
        (models.Ip, {**IP, "first_seen_at": "2019-08-24"}, "Ip.first_seen_at: expected an ISO 8601 date-time, got"),
        (models.Ip, {**IP, "first_seen_at": 1566656122}, "Ip.first_seen_at: expected an ISO 8601 date-time, got"),
        (models.Ip, {**IP, "disappeared_at": "2019-13-01T00:00:00Z"}, "Ip.disappeared_at: expected an ISO 8601"),
        (models.Ip, {**IP, "geolocation": "SE"}, "Ip.geolocation: expected a JSON object, got 'SE'"),
        (models.Ip, {**IP, "geolocation": {"country": 46}}, "Ip.geolocation.country: expected a string, got 46"),
        (models.Technology, {"id": "t", "categories": ["a", 2]}, "Technology.categories[1]: expected a string, got 2"),
        (models.Technology, {"id": "t", "categories": "a"}, "Technology.categories: expected an array, got 'a'"),
        (models.IpList, {"items": {}}, "IpList.items: expected an array, got an object"),
        (models.IpList, {"items": [IP, {"id": 2}]}, "IpList.items[1].id: expected a string, got 2"),
        (models.IpList, {"items": [], "pagination": {"next": 5}}, "IpList.pagination.next: expected a string, got 5"),
        (models.IpList, [IP], "IpList: expected a JSON object, got an array"),
        (models.Ip, "1.2.3.4", "Ip: expected a JSON object, got '1.2.3.4'"),
        (models.Ip, None, "Ip: expected a JSON object, got null"),
        (models.ConnectorCreateInput, {"name": "n", "provider": "GCP", "options": {"token": 1}},
         "ConnectorCreateInput.options: expected an object matching one of ConnectorCreateAwsCredBasedInput"),
        (v2_models.Report, {"cvss": float("nan")}, "Report.cvss: expected a finite number or null, got nan"),
        (v2_models.Report, {"cvss": "9.8"}, "Report.cvss: expected a finite number or null, got '9.8'"),
        (v2_models.AssetPage, {"assets": [], "has_more": "false"}, "AssetPage.has_more: expected a boolean, got"),
        (v2_models.AssetCreate, {"name": ""}, "AssetCreate.name: expected a string of at least 1 character, got ''"),
        (v2_models.FullReport, {"findings": [{"uuid": "u", "created_at": "x"}]},
         "FullReport.findings[0].created_at: expected an ISO 8601 date-time or null, got 'x'"),
    ],
)  # fmt: skip
def test_what_the_spec_forbids_is_refused_naming_the_model_and_field(model: Any, payload: Any, message: str) -> None:
    # the contract: a ValueError (the SDK turns ValueError/TypeError into its own error) whose message names the field
    with pytest.raises(ValueError, match=f"^{re.escape(message)}"):
        model.from_dict(payload)


def test_a_refusal_says_where_in_its_attributes() -> None:
    with pytest.raises(InvalidModelData) as info:
        models.PortList.from_dict({"items": [PORT, {**PORT, "port": "80"}]})
    assert (info.value.model, info.value.field) == ("PortList", "items[1].port")
    assert info.value.reason == "expected an integer in 0..65535, got '80'"


def test_a_huge_value_is_described_not_echoed() -> None:
    with pytest.raises(InvalidModelData, match=r"got an integer of \d+ bits$"):
        models.Port.from_dict({**PORT, "port": 10**5000})  # repr() of it would itself raise
    with pytest.raises(InvalidModelData) as info:
        models.Port.from_dict({**PORT, "id": ["x" * 10_000]})
    assert len(str(info.value)) < 100


async def test_a_page_the_spec_forbids_raises_the_sdks_error_with_the_body(recording_server: RecordingServer) -> None:
    body = json.dumps({"items": [{**PORT, "port": "80"}], "pagination": {}}).encode()
    recording_server.replies.append(Reply(body=body))
    async with AsyncDetectify("k", base_url=recording_server.url, max_retries=0) as client:
        with pytest.raises(APIResponseValidationError, match=r"PortList\.items\[0\]\.port") as info:
            [port async for port in client.ports.list()]
    assert info.value.body == body


async def test_a_v2_page_the_spec_forbids_raises_the_sdks_error_with_the_body(
    recording_server: RecordingServer,
) -> None:
    body = b'{"assets": [{"token": "1"}], "has_more": "false"}'  # a string where the spec says boolean
    recording_server.replies.append(Reply(body=body))
    async with AsyncDetectify(v2_api_key="v2-key", base_url=recording_server.url, max_retries=0) as client:
        with pytest.raises(APIResponseValidationError, match=r"AssetPage\.has_more: expected a boolean") as info:
            [asset async for asset in client.v2.assets.list()]
    assert info.value.body == body


# --- the model template under arbitrary JSON (hypothesis) -------------------------------------------------------------


def _schemas(spec: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / spec).read_text(encoding="utf-8"))["components"]["schemas"]  # type: ignore[no-any-return]


def _example(schema: dict[str, Any], schemas: dict[str, Any]) -> Any:
    """A value of the schema with every property present: what a real item looks like."""
    while "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in schema:
        return {k: v for part in schema["allOf"] for k, v in _example(part, schemas).items()}
    if "oneOf" in schema or "anyOf" in schema:
        return _example((schema.get("oneOf") or schema["anyOf"])[0], schemas)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "object")
    if kind == "object":
        return {name: _example(prop, schemas) for name, prop in schema.get("properties", {}).items()}
    if kind == "array":
        return [_example(schema["items"], schemas)]
    if kind == "string":
        return "2024-05-06T07:08:09Z" if schema.get("format") == "date-time" else "x" * schema.get("minLength", 3)
    if kind == "integer":
        return int(schema.get("minimum", 7))
    return {"number": 1.5, "boolean": True}[kind]


def _inline_objects(name: str, schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The schema and the inline object schemas under it, by the class name the generator gives them."""
    yield name, schema
    for prop, sub in schema.get("properties", {}).items():
        if sub.get("type") == "object":
            yield from _inline_objects(name + "".join(part.title() for part in prop.split("_")), sub)


def _model_examples() -> list[tuple[type[Any], Any]]:
    cases = []
    for spec, package in (("openapi.yaml", models), ("openapi-v2.yaml", v2_models)):
        schemas = _schemas(spec)
        examples = {
            cls: _example(sub, schemas)
            for name, schema in schemas.items()
            for cls, sub in _inline_objects(name, schema)
        }
        for name in package.__all__:
            model = getattr(package, name)
            if attrs.has(model):
                assert name in examples, f"no example for the generated model {name}"
                cases.append((model, examples[name]))
    return cases


MODEL_EXAMPLES = _model_examples()
MODEL_IDS = [f"{model.__module__.split('.')[0]}.{model.__name__}" for model, _ in MODEL_EXAMPLES]
FIELD_NAMES = sorted({f.name for model, _ in MODEL_EXAMPLES for f in attrs.fields(model)} | {"next", "items"})

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-2, max_value=70_000)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["", "80", "IPv4", "OPEN", "2024-05-06", "2024-05-06T07:08:09Z", "2024-02-30T00:00:00+01:00",
                       "2024-05-06T07:08:09", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+00:00", "\ud800"])
)  # fmt: skip
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=6), children, max_size=5)
    ),
    max_leaves=12,
)
PROPERTY_SETTINGS = settings(
    max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def _parses_or_refuses(model: Any, value: Any) -> None:
    """The contract: a model (that writes back what it read) or a ValueError naming the model; nothing else."""
    try:
        parsed = model.from_dict(value)
    except ValueError as exc:
        refusal = str(exc)
    else:
        refusal = None
    if refusal is not None:
        assert refusal.startswith((f"{model.__name__}.", f"{model.__name__}:")), refusal
        return
    assert isinstance(parsed, model)
    written = parsed.to_dict()
    assert _canonical(model.from_dict(written).to_dict()) == _canonical(written)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=repr)


@st.composite
def _mutated(draw: st.DrawFn, example: Any) -> Any:
    """The example with one field somewhere in it (nested objects and array items too) replaced, added or removed."""
    document = copy.deepcopy(example)
    objects = []
    pending = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            objects.append(node)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    target = draw(st.sampled_from(objects))
    key = draw(st.sampled_from(sorted(target)) | st.text(max_size=6)) if target else draw(st.text(max_size=6))
    if key in target and draw(st.integers(0, 4)) == 0:
        del target[key]
    else:
        target[key] = draw(JSON_VALUES)
    return document


@pytest.mark.parametrize(("model", "example"), MODEL_EXAMPLES, ids=MODEL_IDS)
def test_every_generated_model_reads_a_full_example_and_writes_it_back(model: Any, example: Any) -> None:
    assert model.from_dict(example).to_dict() == example


@pytest.mark.parametrize(("model", "example"), MODEL_EXAMPLES, ids=MODEL_IDS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_every_generated_model_parses_or_refuses_arbitrary_json(model: Any, example: Any, data: st.DataObject) -> None:
    _parses_or_refuses(model, data.draw(JSON_VALUES))
    _parses_or_refuses(model, data.draw(_mutated(example)))


# --- the model template on property kinds the Detectify specs do not use (yet) ------------------------------------

SYNTHETIC_SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "synthetic", "version": "1"},
    "paths": {
        "/things": {
            "get": {
                "operationId": "getThing",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Level": {"type": "integer", "enum": [1, 2, 3]},
            "Colour": {"type": "string", "enum": ["red", "green"]},
            "Leaf": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}},
            "Other": {"type": "object", "required": ["s"], "properties": {"s": {"type": "string"}}},
            "Thing": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "day": {"type": "string", "format": "date"},
                    "level": {"$ref": "#/components/schemas/Level"},
                    "colours": {"type": "array", "items": {"$ref": "#/components/schemas/Colour"}},
                    "stamps": {"type": "array", "items": {"type": "string", "format": "date-time"}},
                    "grid": {"type": "array", "items": {"type": "array", "items": {"type": "integer", "minimum": 0}}},
                    "ratio": {"type": "number", "exclusiveMinimum": True, "minimum": 0, "maximum": 1},
                    "code": {"type": "string", "maxLength": 3},
                    "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                    "node": {
                        "nullable": True,
                        "oneOf": [{"$ref": "#/components/schemas/Leaf"}, {"$ref": "#/components/schemas/Other"}],
                    },
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "counts": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Leaf"}},
                    "closed": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {"a": {"type": "boolean"}},
                    },
                    "anything": {},
                },
            },
        }
    },
}
SYNTHETIC_CONFIG = """
project_name_override: synthetic-models
package_name_override: synthetic_models
literal_enums: false
field_prefix: field_
post_hooks:
  - "ruff check . --isolated --no-cache --fix-only --extend-select=I --target-version py311"
  - "ruff format . --isolated --no-cache --target-version py311"
"""
THING = {
    "id": "6b1c2d8e-0e8f-4c4e-9a59-1a2b3c4d5e6f",
    "day": "2024-01-02",
    "level": 2,
    "colours": ["red", "blue"],
    "stamps": ["2024-01-02T03:04:05Z"],
    "grid": [[1, 2], [3]],
    "ratio": 0.5,
    "code": "abc",
    "either": 3,
    "node": {"s": "x"},
    "labels": {"a": "b"},
    "counts": {"k": {"n": 2}},
    "closed": {"a": True},
    "anything": [1, {"b": None}],
}


@pytest.fixture(scope="module")
def synthetic() -> Iterator[Any]:
    """A package generated by the project's templates from a spec using the kinds above."""
    import generate  # scripts/generate.py: the project's own generation step

    with tempfile.TemporaryDirectory() as tmp:
        spec, config = Path(tmp) / "spec.yaml", Path(tmp) / "config.yaml"
        spec.write_text(yaml.safe_dump(SYNTHETIC_SPEC), encoding="utf-8")
        config.write_text(SYNTHETIC_CONFIG, encoding="utf-8")
        target = generate.Target(spec=str(spec), config=str(config), package="synthetic_models")
        generate.generate_package(target, Path(tmp), Path(tmp) / "out")
        sys.path.insert(0, str(Path(tmp) / "out"))
        try:
            yield importlib.import_module("synthetic_models.models")
        finally:
            sys.path.remove(str(Path(tmp) / "out"))


def test_the_template_parses_every_kind_and_writes_it_back(synthetic: Any) -> None:
    thing = synthetic.Thing.from_dict(THING)
    assert thing.id == uuid.UUID(THING["id"]) and thing.day == dt.date(2024, 1, 2)
    assert thing.level is synthetic.Level.VALUE_2 and thing.colours == ["red", "blue"]  # "blue": kept, unknown
    assert thing.stamps == [dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)]
    assert isinstance(thing.node, synthetic.Other) and thing.counts["k"] == synthetic.Leaf(n=2)
    assert thing.to_dict() == THING
    closed = synthetic.Thing.from_dict({**THING, "closed": {"a": False, "new": 1}}).closed
    assert closed.to_dict() == {"a": False}  # additionalProperties: false leaves nowhere to keep a new field


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "nope"}, "Thing.id: expected a UUID string, got 'nope'"),
        ({"day": "2024-13-01"}, "Thing.day: expected an ISO 8601 date, got '2024-13-01'"),
        ({"level": 4}, "Thing.level: expected one of 1, 2, 3, got 4"),
        ({"level": "2"}, "Thing.level: expected an integer, got '2'"),
        ({"colours": [1]}, "Thing.colours[0]: expected a string, got 1"),
        ({"stamps": ["x"]}, "Thing.stamps[0]: expected an ISO 8601 date-time, got 'x'"),
        ({"grid": [[1, -1]]}, "Thing.grid[0][1]: expected an integer >= 0, got -1"),
        ({"ratio": 0}, "Thing.ratio: expected a finite number > 0 and <= 1, got 0"),
        ({"ratio": float("inf")}, "Thing.ratio: expected a finite number > 0 and <= 1, got inf"),
        ({"code": "abcd"}, "Thing.code: expected a string of at most 3 characters, got 'abcd'"),
        ({"either": 1.5}, "Thing.either: expected a string or an integer, got 1.5"),
        ({"node": {"q": 1}}, "Thing.node: expected an object matching one of Leaf, Other or null, got an object"),
        ({"labels": {"a": 1}}, "Thing.labels.a: expected a string, got 1"),
        ({"counts": {"k": {"n": "x"}}}, "Thing.counts.k.n: expected an integer, got 'x'"),
    ],
)
def test_the_template_refuses_what_each_kind_forbids(synthetic: Any, change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        synthetic.Thing.from_dict({**THING, **change})


@PROPERTY_SETTINGS
@given(data=st.data())
def test_the_template_parses_or_refuses_arbitrary_json_for_every_kind(synthetic: Any, data: st.DataObject) -> None:
    _parses_or_refuses(synthetic.Thing, data.draw(_mutated(THING)))

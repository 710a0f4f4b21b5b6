"""The generated layer (generated/detectify_v3) as shaped by the custom templates, over real HTTP on loopback."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, RecordingServer, Reply
from detectify_v3 import AuthenticatedClient, models
from detectify_v3.api.connectors import create_connector, get_connector
from detectify_v3.api.ips import list_ips
from detectify_v3.api.ports import list_ports
from detectify_v3.types import UNSET

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

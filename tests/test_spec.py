"""openapi.yaml reproduces the v3 reference page (seed 001) and the facts file."""

from __future__ import annotations

import json
from typing import Any

import pytest
import spectools
from conftest import ROOT
from openapi_spec_validator import validate

SPEC = spectools.parse((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
OPS = spectools.operations(SPEC)
SCHEMAS = spectools.schemas(SPEC)
SEED = json.loads((ROOT / "tests" / "fixtures" / "seed_examples.json").read_text(encoding="utf-8"))

EXPECTED_OPERATIONS = {
    "GET /v3/ips": "listIps",
    "GET /v3/technologies": "listTechnologies",
    "GET /v3/ports": "listPorts",
    "GET /v3/breaches": "listPolicyBreaches",
    "GET /v3/connectors": "listConnectors",
    "POST /v3/connectors": "createConnector",
    "GET /v3/connectors/{id}": "getConnector",
    "DELETE /v3/connectors/{id}": "deleteConnector",
    "GET /v3/connectors/external-id": "getConnectorExternalId",
}
TIME_FILTERS = ["first_seen_before", "first_seen_after", "disappeared_before", "disappeared_after"]
LIST_PARAMS = {
    "listIps": ["cursor", "limit", *TIME_FILTERS],
    "listTechnologies": ["cursor", "limit", *TIME_FILTERS],
    "listPorts": ["cursor", "limit", *TIME_FILTERS, "status", "port"],
    "listPolicyBreaches": ["cursor", "limit", *TIME_FILTERS, "status_updated_before", "status_updated_after"],
    "listConnectors": ["cursor", "limit"],
}


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return SCHEMAS[ref.rsplit("/", 1)[1]] if ref else node


def _params(op_id: str) -> dict[str, dict[str, Any]]:
    op = next(op for op in OPS.values() if op["operationId"] == op_id)
    return {p["name"]: p for p in op.get("parameters", [])}


def test_spec_is_valid_openapi() -> None:
    validate(SPEC)


def test_the_nine_operations_with_their_paths_ids_and_tags() -> None:
    assert {key: op["operationId"] for key, op in OPS.items()} == EXPECTED_OPERATIONS
    assert all(len(op["tags"]) == 1 for op in OPS.values())


@pytest.mark.parametrize("op_id", sorted(LIST_PARAMS))
def test_list_operations_take_exactly_the_seed_filters(op_id: str) -> None:
    params = _params(op_id)
    assert list(params) == LIST_PARAMS[op_id]
    assert all(p["in"] == "query" and not p["required"] for p in params.values())
    limit = params["limit"]["schema"]
    assert (limit["type"], limit["format"], limit["minimum"], limit["maximum"]) == ("integer", "int32", 1, 1000)
    for name, param in params.items():
        if name.endswith(("_before", "_after")):
            assert param["schema"] == {"type": "string", "format": "date-time"}
            assert "(exclusive)" in param["description"]


def test_port_filters_are_comma_separated_lists_with_bounds() -> None:
    params = _params("listPorts")
    port_items = params["port"]["schema"]["items"]
    assert (port_items["minimum"], port_items["maximum"]) == (0, 65535)
    assert _resolve(params["status"]["schema"]["items"])["enum"] == ["OPEN", "CLOSED"]


def test_every_list_query_parameter_declares_the_style_the_template_implements() -> None:
    # The custom endpoint template joins list query parameters with commas (style=form, explode=false) unless the
    # name ends in "[]"; this keeps the spec and the template in agreement.
    for op in OPS.values():
        for param in op.get("parameters", []):
            if param["in"] == "query" and param["schema"].get("type") == "array":
                explode = param.get("explode", param.get("style", "form") == "form")
                assert explode is param["name"].endswith("[]"), (op["operationId"], param["name"])


def test_security_is_the_raw_key_in_the_authorization_header() -> None:
    assert SPEC["security"] == [{"ApiKeyAuth": []}]
    scheme = SPEC["components"]["securitySchemes"]["ApiKeyAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert "Bearer" in scheme["description"]  # documents that there is no prefix


def test_every_operation_documents_problem_details_errors() -> None:
    for key, op in OPS.items():
        errors = {code: r for code, r in op["responses"].items() if code[0] in "45"}
        assert {"400", "401", "403", "429", "5XX"} <= errors.keys(), key
        for response in errors.values():
            assert response["content"]["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
    assert set(SCHEMAS["Problem"]["properties"]) == {"type", "title", "status", "detail", "instance"}


def test_enums_from_the_seed() -> None:
    assert SCHEMAS["ConnectorProvider"]["enum"] == [
        "AWS_ROLE_BASED", "AWS_CRED_BASED", "DIGITAL_OCEAN", "GCP", "CLOUDFLARE", "ALIBABA", "AZURE", "GODADDY", "NS1",
    ]  # fmt: skip
    assert "IPv4" in SCHEMAS["IpVersion"]["enum"]
    assert "INFO" in SCHEMAS["BreachSeverity"]["enum"]
    assert "NEW" in SCHEMAS["BreachStatus"]["enum"]
    assert "SUCCESS" in SCHEMAS["ConnectorRunStatus"]["enum"]


def test_list_envelope_and_nullability() -> None:
    for name in ["IpList", "TechnologyList", "PortList", "PolicyBreachList", "ConnectorList"]:
        schema = SCHEMAS[name]
        assert schema["required"] == ["items"]
        assert schema["properties"]["pagination"] == {"$ref": "#/components/schemas/Pagination"}
    assert set(SCHEMAS["Pagination"]["properties"]) == {"next"}
    for name in ["Ip", "Technology", "Port", "PolicyBreach"]:
        assert SCHEMAS[name]["properties"]["disappeared_at"]["nullable"] is True


def test_create_connector_input_is_one_schema_per_provider() -> None:
    options = SCHEMAS["ConnectorCreateInput"]["properties"]["options"]
    variants = [ref["$ref"].rsplit("/", 1)[1] for ref in options["oneOf"]]
    assert len(variants) == len(SCHEMAS["ConnectorProvider"]["enum"]) == 9
    assert SCHEMAS["ConnectorCreateAwsCredBasedInput"]["required"] == ["access_key", "secret_key"]
    assert set(SCHEMAS["ConnectorCreateInput"]["required"]) == {"name", "provider", "options"}


def test_what_the_seed_does_not_show_is_marked_reconstructed_with_a_reason() -> None:
    assert isinstance(OPS["GET /v3/connectors/external-id"]["x-reconstructed"], str)
    shown_on_the_page = {"ConnectorCreateInput", "ConnectorCreateAwsCredBasedInput"}
    for name, schema in SCHEMAS.items():
        if name.startswith("ConnectorCreate") and name not in shown_on_the_page:
            assert len(schema["x-reconstructed"]) > 20, name


def _spec_examples(node: Any) -> list[Any]:
    """Every `example` value anywhere in the spec."""
    if isinstance(node, dict):
        found = [node["example"]] if "example" in node else []
        return found + [e for key, value in node.items() if key != "example" for e in _spec_examples(value)]
    if isinstance(node, list):
        return [e for item in node for e in _spec_examples(item)]
    return []


@pytest.mark.parametrize("key", [k for k in SEED if not k.startswith("_")])
def test_the_spec_carries_every_seed_example(key: str) -> None:
    assert SEED[key]["payload"] in _spec_examples(SPEC)


def test_normalised_form_is_stable() -> None:
    text = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    assert spectools.dump(spectools.parse(text)) == text

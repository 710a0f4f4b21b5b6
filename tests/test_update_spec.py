"""`make update-spec`: a changed spec is validated, normalised, regenerated and reported, each change classified as
breaking for users of the SDK or additive, and the adapter's imports checked against the regenerated package."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import adapter_imports
import pytest
import spec_diff
import spectools
import yaml
from conftest import ROOT, RecordingServer, Reply

SCRIPT = ROOT / "scripts" / "update_spec.py"
BASE = spectools.parse((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
Spec = dict[str, Any]


def _checkout(tmp_path: Path) -> Path:
    """A project directory holding a copy of openapi.yaml, generated/ and the adapter."""
    root = tmp_path / "project"
    (root / "generated").mkdir(parents=True)
    shutil.copy(ROOT / "openapi.yaml", root / "openapi.yaml")
    shutil.copytree(ROOT / "generated" / "detectify_v3", root / "generated" / "detectify_v3")
    (root / "src" / "detectify").mkdir(parents=True)
    shutil.copy(ROOT / "src" / "detectify" / "adapter.py", root / "src" / "detectify" / "adapter.py")
    return root


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


def _run_all(*runs: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
    """Several runs of the script at once (each spends a second or so validating specs)."""
    procs = [
        (args, subprocess.Popen([sys.executable, str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        for args in runs
    ]
    done = []
    for args, proc in procs:
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(args, proc.returncode, out.decode(), err.decode()))
    return done


def _op(spec: Spec, path: str, method: str = "get") -> dict[str, Any]:
    op: dict[str, Any] = spec["paths"][path][method]
    return op


def _param(spec: Spec, path: str, name: str) -> dict[str, Any]:
    (param,) = [p for p in _op(spec, path)["parameters"] if p["name"] == name]
    return param


def _schema(spec: Spec, name: str) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"][name]
    return schema


def _copy(spec: Spec) -> Spec:
    copied: Spec = json.loads(json.dumps(spec))  # much faster than copy.deepcopy; the spec is plain JSON
    return copied


def _changed(change: Callable[[Spec], object], before: Callable[[Spec], object] | None = None) -> spec_diff.Report:
    """The report between openapi.yaml (changed by ``before`` when given) and a copy changed by ``change``."""
    old = BASE
    if before:
        old = _copy(BASE)
        before(old)
    new = _copy(old)
    change(new)
    return spec_diff.diff(old, new)


def _found(report: spec_diff.Report) -> dict[tuple[str, str, str], bool]:
    """(subject, where, what) -> breaking, for every change in the report."""
    return {
        (subject.name, change.where, change.what): change.breaking
        for subject in (*report.operations, *report.schemas)
        for change in subject.changes
    }


IPS = "GET /v3/ips (listIps)"
IP = "Ip (used in responses)"
CREATE_INPUT = "ConnectorCreateInput (used in requests)"


def _rename_first_seen(spec: Spec) -> None:
    props = _schema(spec, "Ip")["properties"]
    props["first_seen"] = props.pop("first_seen_at")


def _remove_external_id(spec: Spec) -> None:
    del spec["paths"]["/v3/connectors/external-id"]
    del spec["components"]["schemas"]["ExternalId"]


# Each case: a hand-made change of openapi.yaml (and optionally of the old side), then the one change the report
# must hold, as (subject, where, what) and whether it is breaking.
CASES: dict[str, tuple[Callable[[Spec], object], Callable[[Spec], object] | None, tuple[str, str, str], bool]] = {
    # response side (Ip is only read)
    "response field removed": (
        lambda s: _schema(s, "Ip")["properties"].pop("asset_id"),
        None,
        (IP, "field `asset_id`", "removed"),
        True,
    ),
    "response field renamed": (
        _rename_first_seen,
        None,
        (IP, "field `first_seen_at`", "looks renamed to `first_seen` (string (date-time))"),
        True,
    ),
    "response field added, required": (
        lambda s: (
            _schema(s, "Ip")["properties"].update(tags={"type": "array", "items": {"type": "string"}}),
            _schema(s, "Ip")["required"].append("tags"),
        ),
        None,
        (IP, "field `tags`", "added (required)"),
        False,
    ),
    "response field became optional": (
        lambda s: _schema(s, "Port").__setitem__("required", ["id"]),
        lambda s: _schema(s, "Port").__setitem__("required", ["id", "port"]),
        ("Port (used in responses)", "field `port`", "became optional"),
        True,
    ),
    "response field became required": (
        lambda s: _schema(s, "Ip")["required"].append("ip_address"),
        None,
        (IP, "field `ip_address`", "became required"),
        False,
    ),
    "response field became nullable": (
        lambda s: _schema(s, "Ip")["properties"]["domain_name"].update(nullable=True),
        None,
        (IP, "field `domain_name`", "became nullable"),
        True,
    ),
    "response field no longer nullable": (
        lambda s: _schema(s, "Ip")["properties"]["disappeared_at"].pop("nullable"),
        None,
        (IP, "field `disappeared_at`", "no longer nullable"),
        False,
    ),
    "response type widened integer -> number": (
        lambda s: _schema(s, "AutonomousSystem")["properties"]["number"].update(type="number"),
        None,
        ("AutonomousSystem (used in responses)", "field `number`", "type integer -> number"),
        True,
    ),
    "response type narrowed number -> integer": (
        lambda s: _schema(s, "AutonomousSystem")["properties"]["number"].update(type="integer"),
        lambda s: _schema(s, "AutonomousSystem")["properties"]["number"].update(type="number"),
        ("AutonomousSystem (used in responses)", "field `number`", "type number -> integer"),
        False,
    ),
    "response format added string -> date-time": (
        lambda s: _schema(s, "Ip")["properties"]["ip_address"].update(format="date-time"),
        None,
        (IP, "field `ip_address`", "type string -> string (date-time)"),
        True,
    ),
    "response enum value added": (
        lambda s: _schema(s, "IpVersion")["enum"].append("IPv8"),
        None,
        ("IpVersion (used in responses)", "", "enum value IPv8 added"),
        False,
    ),
    "response enum value removed": (
        lambda s: _schema(s, "IpVersion")["enum"].remove("IPv6"),
        None,
        ("IpVersion (used in responses)", "", "enum value IPv6 removed"),
        True,
    ),
    # request side: query parameters
    "query parameter added, optional": (
        lambda s: _op(s, "/v3/ips")["parameters"].append(
            {"name": "active", "in": "query", "required": False, "schema": {"type": "boolean"}}
        ),
        None,
        (IPS, "query parameter `active`", "added (optional)"),
        False,
    ),
    "query parameter added, required": (
        lambda s: _op(s, "/v3/ips")["parameters"].append(
            {"name": "active", "in": "query", "required": True, "schema": {"type": "boolean"}}
        ),
        None,
        (IPS, "query parameter `active`", "added (required)"),
        True,
    ),
    "query parameter removed": (
        lambda s: _op(s, "/v3/ips")["parameters"].remove(_param(s, "/v3/ips", "cursor")),
        None,
        (IPS, "query parameter `cursor`", "removed"),
        True,
    ),
    "query parameter renamed": (
        lambda s: _param(s, "/v3/ips", "first_seen_after").update(name="first_seen_since"),
        None,
        (IPS, "query parameter `first_seen_after`", "looks renamed to `first_seen_since`"),
        True,
    ),
    "query parameter became required": (
        lambda s: _param(s, "/v3/ips", "limit").update(required=True),
        None,
        (IPS, "query parameter `limit`", "became required"),
        True,
    ),
    "query parameter became optional": (
        lambda s: _param(s, "/v3/ips", "limit").update(required=False),
        lambda s: _param(s, "/v3/ips", "limit").update(required=True),
        (IPS, "query parameter `limit`", "became optional"),
        False,
    ),
    "query parameter type narrowed number -> integer": (
        lambda s: _param(s, "/v3/ips", "limit")["schema"].update(type="integer"),
        lambda s: _param(s, "/v3/ips", "limit")["schema"].update(type="number", format="double"),
        (IPS, "query parameter `limit`", "type number (double) -> integer (double)"),
        True,
    ),
    "query parameter type widened integer -> number": (
        lambda s: _param(s, "/v3/ips", "limit")["schema"].update(type="number", format="double"),
        None,
        (IPS, "query parameter `limit`", "type integer (int32) -> number (double)"),
        False,
    ),
    "query parameter format widened int32 -> int64": (
        lambda s: _param(s, "/v3/ips", "limit")["schema"].update(format="int64"),
        None,
        (IPS, "query parameter `limit`", "type integer (int32) -> integer (int64)"),
        False,
    ),
    "query parameter format added that restricts": (
        lambda s: _param(s, "/v3/ips", "cursor")["schema"].update(format="uuid"),
        None,
        (IPS, "query parameter `cursor`", "type string -> string (uuid)"),
        True,
    ),
    "query parameter format dropped": (
        lambda s: _param(s, "/v3/ips", "cursor")["schema"].pop("format"),
        lambda s: _param(s, "/v3/ips", "cursor")["schema"].update(format="email"),
        (IPS, "query parameter `cursor`", "type string (email) -> string"),
        False,
    ),
    "query parameter type changed string -> integer": (
        lambda s: _param(s, "/v3/ips", "cursor")["schema"].update(type="integer"),
        None,
        (IPS, "query parameter `cursor`", "type string -> integer"),
        True,
    ),
    # request side: the body (ConnectorCreateInput is only sent)
    "body field added, required": (
        lambda s: (
            _schema(s, "ConnectorCreateInput")["properties"].update(region={"type": "string"}),
            _schema(s, "ConnectorCreateInput")["required"].append("region"),
        ),
        None,
        (CREATE_INPUT, "field `region`", "added (required)"),
        True,
    ),
    "body field added, optional": (
        lambda s: _schema(s, "ConnectorCreateInput")["properties"].update(region={"type": "string"}),
        None,
        (CREATE_INPUT, "field `region`", "added (optional)"),
        False,
    ),
    "body field became required": (
        lambda s: _schema(s, "ConnectorCreateInput")["required"].append("team_id"),
        None,
        (CREATE_INPUT, "field `team_id`", "became required"),
        True,
    ),
    "body field became optional": (
        lambda s: _schema(s, "ConnectorCreateInput")["required"].remove("name"),
        None,
        (CREATE_INPUT, "field `name`", "became optional"),
        False,
    ),
    "body field became nullable": (
        lambda s: _schema(s, "ConnectorCreateInput")["properties"]["team_id"].update(nullable=True),
        None,
        (CREATE_INPUT, "field `team_id`", "became nullable"),
        False,
    ),
    "body field removed": (
        lambda s: _schema(s, "ConnectorCreateInput")["properties"].pop("team_id"),
        None,
        (CREATE_INPUT, "field `team_id`", "removed"),
        True,
    ),
    "body oneOf variant added": (
        lambda s: _schema(s, "ConnectorCreateInput")["properties"]["options"]["oneOf"].append(
            {"type": "object", "properties": {"token": {"type": "string"}}}
        ),
        None,
        (CREATE_INPUT, "field `options`", "variant #10 added"),
        False,
    ),
    "request body became optional": (
        lambda s: _op(s, "/v3/connectors", "post")["requestBody"].update(required=False),
        None,
        ("POST /v3/connectors (createConnector)", "request body", "became optional"),
        False,
    ),
    "request body removed": (
        lambda s: _op(s, "/v3/connectors", "post").pop("requestBody"),
        None,
        ("POST /v3/connectors (createConnector)", "request body", "removed"),
        True,
    ),
    # both sides: ConnectorProvider is sent and read, so a removed value breaks and an added one does not
    "enum value added on both sides": (
        lambda s: _schema(s, "ConnectorProvider")["enum"].append("OCI"),
        None,
        ("ConnectorProvider (used in requests and responses)", "", "enum value OCI added"),
        False,
    ),
    "enum value removed on both sides": (
        lambda s: _schema(s, "ConnectorProvider")["enum"].remove("NS1"),
        None,
        ("ConnectorProvider (used in requests and responses)", "", "enum value NS1 removed"),
        True,
    ),
    "response type changed string -> integer": (
        lambda s: _schema(s, "Connector")["properties"]["name"].update(type="integer"),
        None,
        ("Connector (used in responses)", "field `name`", "type string -> integer"),
        True,
    ),
    # operations
    "operation removed": (
        lambda s: s["paths"].pop("/v3/technologies"),
        None,
        ("GET /v3/technologies (listTechnologies)", "", "removed"),
        True,
    ),
    "operation added": (
        lambda s: s["paths"].update(
            {"/v3/domains": {"get": {"operationId": "listDomains", "responses": {"204": {"description": "none"}}}}}
        ),
        None,
        ("GET /v3/domains (listDomains)", "", "added"),
        False,
    ),
    "operationId renamed": (
        lambda s: _op(s, "/v3/ips").update(operationId="listIpAddresses"),
        None,
        ("GET /v3/ips (listIpAddresses)", "", "operationId listIps -> listIpAddresses"),
        True,
    ),
    "tag changed": (
        lambda s: _op(s, "/v3/ips").update(tags=["addresses"]),
        None,
        (IPS, "", "tag ips -> addresses"),
        True,
    ),
    "operation moved, same operationId": (
        lambda s: s["paths"].__setitem__("/v3/ip-addresses", s["paths"].pop("/v3/ips")),
        None,
        ("GET /v3/ip-addresses (listIps)", "", "moved from GET /v3/ips"),
        False,
    ),
    "success response removed": (
        lambda s: _op(s, "/v3/connectors", "post")["responses"].pop("201"),
        None,
        ("POST /v3/connectors (createConnector)", "response 201", "removed"),
        True,
    ),
    "error response removed": (
        lambda s: _op(s, "/v3/ips")["responses"].pop("403"),
        None,
        (IPS, "response 403", "removed"),
        False,
    ),
    "response schema replaced by an inline one with a field fewer (refs followed)": (
        lambda s: _op(s, "/v3/ips")["responses"]["200"]["content"]["application/json"].update(
            schema={
                "type": "object",
                "required": ["items"],
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Ip"}}},
            }
        ),
        None,
        (IPS, "response 200 field `pagination`", "removed"),
        True,
    ),
    "schema removed": (_remove_external_id, None, ("ExternalId", "", "removed"), True),
    "schema added": (
        lambda s: s["components"]["schemas"].update(Domain={"type": "object", "properties": {}}),
        None,
        ("Domain", "", "added"),
        False,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_of_change_is_reported_and_classified(case: str) -> None:
    change, before, key, breaking = CASES[case]

    found = _found(_changed(change, before))

    assert key in found, f"{key} not in {sorted(found)}"
    assert found[key] is breaking


def test_a_rename_of_a_schema_is_named_and_breaks_the_models_that_refer_to_it() -> None:
    def rename(spec: Spec) -> None:
        schemas = spec["components"]["schemas"]
        schemas["IpAddress"] = schemas.pop("Ip")
        schemas["IpList"]["properties"]["items"]["items"]["$ref"] = "#/components/schemas/IpAddress"

    report = _changed(rename)
    found = _found(report)

    assert found[("Ip", "", "removed")] is True
    assert found[("IpAddress", "", "added")] is False
    assert found[("IpList (used in responses)", "field `items[]`", "model Ip -> IpAddress")] is True
    lines = list(report.lines())
    assert "  BREAKING  - Ip; looks renamed to IpAddress: its model is renamed" in lines


def test_a_changed_schema_is_reported_once_and_named_by_the_operations_reaching_it() -> None:
    report = _changed(_rename_first_seen)

    assert len(report.breaking) == 1  # under Ip, not again under every operation returning it
    (ips,) = [s for s in report.operations if s.name == IPS]
    assert ips.changes == []
    assert ips.notes == ["response 200 reaches changed schemas: Ip (breaking)"]


def test_descriptions_alone_are_no_change_that_affects_the_sdk() -> None:
    report = _changed(lambda s: _schema(s, "Ip").update(description="Another description."))

    assert report.changes() == []
    assert "      no change that affects the SDK (descriptions, examples or the like)" in "\n".join(report.lines())


def test_the_report_lists_breaking_and_additive_changes_with_their_tags() -> None:
    def change(spec: Spec) -> None:
        _rename_first_seen(spec)
        _schema(spec, "PortStatus")["enum"].append("FILTERED")

    lines = list(_changed(change).lines())

    assert lines[0] == "operations: 0 added, 0 removed, 2 changed"
    renamed = "field `first_seen_at`: looks renamed to `first_seen` (string (date-time)); code using the old name fails"
    assert f"  BREAKING      {renamed}" in lines
    assert "  additive      enum value FILTERED added" in lines
    assert "schemas: 0 added, 0 removed, 2 changed" in lines


def _write(tmp_path: Path, name: str, spec: Spec) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(spec), encoding="utf-8")
    return str(path)


def test_report_only_exits_3_on_a_breaking_change_and_0_on_additive_ones(tmp_path: Path) -> None:
    breaking, additive = copy.deepcopy(BASE), copy.deepcopy(BASE)
    _rename_first_seen(breaking)
    _schema(additive, "PortStatus")["enum"].append("FILTERED")
    old = str(ROOT / "openapi.yaml")

    broken, fine = _run_all(
        ("--report-only", old, _write(tmp_path, "breaking.json", breaking)),
        ("--report-only", old, _write(tmp_path, "additive.json", additive)),
    )

    assert broken.returncode == 3, broken.stderr
    assert broken.stdout.startswith("1 breaking, 0 additive changes (exit status 3)\n")
    assert "looks renamed to `first_seen`" in broken.stdout
    assert fine.returncode == 0, fine.stderr
    assert fine.stdout.startswith("no breaking changes, 1 additive\n")
    assert "  additive      enum value FILTERED added" in fine.stdout.splitlines()
    assert fine.stdout.rstrip().endswith("adapter: not checked (--report-only does not regenerate)")


def test_report_only_refuses_an_invalid_spec(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.3\ninfo: {title: x}\npaths: {}\n")

    result = _run("--report-only", str(ROOT / "openapi.yaml"), str(bad))

    assert result.returncode == 1
    assert result.stderr.startswith("update-spec failed:")


ADAPTER_SOURCE = """
import detectify_v3.api.ips
from detectify_v3 import AuthenticatedClient
from detectify_v3.api.ips import list_ips as renamed_alias
from detectify_v3.api.gone import something
from detectify_v3.models import Ip, NoSuchModel
from detectify_v2.models import Asset
from .relative import ignored
import httpx


def later() -> None:
    from detectify_v3.types import UNSET, NotThere
"""


def test_the_adapters_imports_are_read_from_its_source() -> None:
    names = adapter_imports.imported_names(ADAPTER_SOURCE, {"detectify_v3"})

    assert names == [
        ("detectify_v3.api.ips", None),
        ("detectify_v3", "AuthenticatedClient"),
        ("detectify_v3.api.ips", "list_ips"),
        ("detectify_v3.api.gone", "something"),
        ("detectify_v3.models", "Ip"),
        ("detectify_v3.models", "NoSuchModel"),
        ("detectify_v3.types", "UNSET"),
        ("detectify_v3.types", "NotThere"),
    ]


def test_adapter_names_missing_from_a_generated_tree_are_listed(tmp_path: Path) -> None:
    adapter = tmp_path / "adapter.py"
    adapter.write_text(ADAPTER_SOURCE)

    missing = adapter_imports.unresolved(adapter, ROOT / "generated", {"detectify_v3"})

    assert [(m.name, m.reason) for m in missing] == [
        ("detectify_v3.api.gone.something", "missing (module detectify_v3.api.gone is gone)"),
        ("detectify_v3.models.NoSuchModel", "missing"),
        ("detectify_v3.types.NotThere", "missing"),
    ]


def test_the_real_adapters_imports_all_resolve_in_the_committed_package() -> None:
    adapter = ROOT / "src" / "detectify" / "adapter.py"

    assert adapter_imports.imported_names(adapter.read_text(), {"detectify_v3"})  # it does import from there
    assert adapter_imports.unresolved(adapter, ROOT / "generated", {"detectify_v3", "detectify_v2"}) == []


def _breaking_spec() -> Spec:
    """openapi.yaml with additive changes and renames the adapter must follow."""
    new = copy.deepcopy(BASE)
    # added: an operation and its schema
    domain = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    new["components"]["schemas"]["Domain"] = domain
    new["paths"]["/v3/domains/{id}"] = {
        "get": {
            "operationId": "getDomain",
            "tags": ["domains"],
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Domain"}}},
                }
            },
        }
    }
    # additive: a new port status value and a new optional parameter
    new["components"]["schemas"]["PortStatus"]["enum"].append("FILTERED")
    _op(new, "/v3/ips")["parameters"].append(
        {"name": "active", "in": "query", "required": False, "schema": {"type": "boolean"}}
    )
    # breaking: listIps and the Ip schema renamed
    _op(new, "/v3/ips")["operationId"] = "listIpAddresses"
    schemas = new["components"]["schemas"]
    schemas["IpAddress"] = schemas.pop("Ip")
    schemas["IpList"]["properties"]["items"]["items"]["$ref"] = "#/components/schemas/IpAddress"
    return new


def test_a_breaking_spec_from_a_url_is_swapped_in_regenerated_and_reported_with_exit_3(
    tmp_path: Path, recording_server: RecordingServer
) -> None:
    root = _checkout(tmp_path)
    new = _breaking_spec()
    recording_server.replies.append(Reply(body=json.dumps(new).encode()))  # served as JSON

    result = _run(f"{recording_server.url}/openapi.json", "--root", str(root))

    assert result.returncode == 3, result.stderr
    report = result.stdout.splitlines()
    assert report[1].endswith("breaking, 5 additive changes (exit status 3)")  # 3 in the spec, 2+ in the adapter
    assert "operations: 1 added, 0 removed, 2 changed" in report
    assert "  additive  + GET /v3/domains/{id} (getDomain)" in report
    assert "  BREAKING      operationId listIps -> listIpAddresses; the generated function is renamed" in report
    assert "  additive      query parameter `active`: added (optional)" in report
    assert "  additive      enum value FILTERED added" in report
    assert "  BREAKING  - Ip; looks renamed to IpAddress: its model is renamed" in report
    # the report ends with the adapter's imports that the regenerated package no longer has
    adapter = root / "src" / "detectify" / "adapter.py"
    header = next(i for i, line in enumerate(report) if line.startswith(f"adapter {adapter}: "))
    tail = report[header + 1 :]
    # exactly these two today; the lead may import more from the renamed module, so check the names, not the count
    assert "  BREAKING  detectify_v3.api.ips.list_ips: missing" in tail
    assert "  BREAKING  detectify_v3.models.Ip: missing" in tail
    assert report[header].endswith(
        f"{len(tail)} imported names no longer resolve in the regenerated detectify_v3; fix the adapter"
    )
    assert all(line.startswith("  BREAKING  detectify_v3.") for line in tail)

    written = (root / "openapi.yaml").read_text(encoding="utf-8")
    assert spectools.parse(written) == new
    assert spectools.dump(spectools.parse(written)) == written  # normalised YAML, not the JSON it came as
    package = root / "generated" / "detectify_v3"
    assert (package / "api" / "domains" / "get_domain.py").exists()
    assert (package / "api" / "ips" / "list_ip_addresses.py").exists()
    assert not (package / "api" / "ips" / "list_ips.py").exists()
    assert 'FILTERED = "FILTERED"' in (package / "models" / "port_status.py").read_text()


def test_a_yaml_file_with_no_changes_reports_none_and_exits_0(tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    source = tmp_path / "downloaded.yml"
    source.write_text(yaml.safe_dump({key: BASE[key] for key in reversed(BASE)}, sort_keys=False))

    result = _run(str(source), "--root", str(root))

    assert result.returncode == 0, result.stderr
    assert "operations: no changes" in result.stdout and "schemas: no changes" in result.stdout
    adapter = root / "src" / "detectify" / "adapter.py"
    assert result.stdout.rstrip().endswith(f"adapter {adapter}: every name it imports from detectify_v3 resolves")
    assert (root / "openapi.yaml").read_bytes() == (ROOT / "openapi.yaml").read_bytes()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("openapi: 3.0.3\ninfo: {title: x}\npaths: {}\n", "OpenAPIValidationError: 'version' is a required property"),
        ("{not json", "JSONDecodeError"),
        ("- just\n- a list\n", "the spec is not a JSON/YAML object"),
        (
            "openapi: 3.0.3\ninfo: &i {title: x, version: '1', x-self: *i}\npaths: {}\n",
            "the spec contains itself through a YAML alias",
        ),
        (  # ten lists of ten aliases of the one before: 10**8 nodes from a few lines
            "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\nx-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
            + "".join(f"x-{i}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(7)),
            "the spec expands to more than 2000000 nodes",
        ),
    ],
)
def test_an_invalid_spec_is_refused_and_nothing_changes(tmp_path: Path, text: str, reason: str) -> None:
    root = _checkout(tmp_path)
    source = tmp_path / "bad.yaml"
    source.write_text(text)

    result = _run(str(source), "--root", str(root))

    assert result.returncode == 1
    assert result.stderr.startswith("update-spec failed:")
    assert reason in result.stderr
    assert (root / "openapi.yaml").read_bytes() == (ROOT / "openapi.yaml").read_bytes()


def _structural_changes(spec: Spec) -> list[tuple[str, Callable[[dict[str, Any]], object]]]:
    """Every compared kind of change applied to every property of the main request and response schemas."""
    kinds: list[tuple[str, Callable[[dict[str, Any]], object]]] = [
        ("nullable toggled", lambda p: p.update(nullable=not p.get("nullable"))),
        ("type changed", lambda p: p.update(type="boolean" if p.get("type") != "boolean" else "string")),
        ("format added", lambda p: p.update(format="other" if p.get("format") != "other" else "uuid")),
        ("enum added", lambda p: p.update(enum=[*p.get("enum", []), "NEW"])),
    ]
    found = []
    for name in ("Ip", "Port", "PolicyBreach", "Connector", "ConnectorCreateInput"):
        schema = _schema(spec, name)
        for prop in schema["properties"]:
            found.append((f"{name}.{prop} removed", lambda s, n=name, q=prop: _schema(s, n)["properties"].pop(q)))
            found.append(
                (
                    f"{name}.{prop} required toggled",
                    lambda s, n=name, q=prop: _schema(s, n).update(
                        required=sorted(set(_schema(s, n).get("required", [])) ^ {q}) or ["__other"]
                    ),
                )
            )
            for kind, mutate in kinds:
                if "type" in schema["properties"][prop]:  # a $ref or a oneOf is changed where it points
                    found.append(
                        (f"{name}.{prop} {kind}", lambda s, n=name, q=prop, m=mutate: m(_schema(s, n)["properties"][q]))
                    )
    return found


def test_no_structural_change_of_any_property_goes_unreported() -> None:
    cases = _structural_changes(BASE)
    assert len(cases) > 150

    silent = [label for label, change in cases if not _changed(change).changes()]

    assert silent == []
    assert spec_diff.diff(BASE, BASE).changes() == []


def test_recursive_schemas_and_reference_loops_end() -> None:
    def recursive(spec: Spec) -> None:
        ip = _schema(spec, "Ip")
        ip["properties"]["parent"] = {"$ref": "#/components/schemas/Ip"}
        ip["properties"]["children"] = {
            "type": "array",
            "items": {"type": "object", "properties": {"me": copy.deepcopy(ip)}},
        }

    def loop(spec: Spec) -> None:
        spec["components"]["schemas"]["A"] = {"$ref": "#/components/schemas/B"}
        spec["components"]["schemas"]["B"] = {"$ref": "#/components/schemas/A"}
        _op(spec, "/v3/ips")["responses"]["200"]["content"]["application/json"]["schema"] = {
            "$ref": "#/components/schemas/A"
        }

    def changed_inside(spec: Spec) -> None:
        recursive(spec)
        _schema(spec, "Ip")["properties"]["active"]["type"] = "string"

    report = _changed(changed_inside, before=recursive)
    looped = _changed(loop)

    assert _found(report)[(IP, "field `active`", "type boolean -> string")] is True
    assert ("A", "", "added") in _found(looped)


def _readme_change(spec: Spec) -> None:
    """The hand-made change whose report the README shows."""
    _rename_first_seen(spec)
    _schema(spec, "Ip")["properties"]["domain_name"]["nullable"] = True
    _schema(spec, "PortStatus")["enum"].append("FILTERED")
    _op(spec, "/v3/ips")["parameters"].append(
        {"name": "active", "in": "query", "required": False, "schema": {"type": "boolean"}}
    )
    _param(spec, "/v3/ips", "limit")["required"] = True
    _op(spec, "/v3/technologies")["operationId"] = "getTechnologies"


def test_the_readmes_sample_report_is_what_the_report_says() -> None:
    report = _changed(_readme_change)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert f"\n{len(report.breaking) + 1} breaking, {len(report.additive)} additive changes" in readme  # +1: adapter
    assert "\n".join(report.lines()) in readme
    assert "  BREAKING  detectify_v3.api.technologies.list_technologies: missing\n" in readme


def test_a_widened_response_format_that_keeps_the_python_type_is_additive() -> None:
    found = _found(
        _changed(
            lambda s: _schema(s, "AutonomousSystem")["properties"]["number"].update(format="int64"),
            before=lambda s: _schema(s, "AutonomousSystem")["properties"]["number"].update(format="int32"),
        )
    )

    key = ("AutonomousSystem (used in responses)", "field `number`", "type integer (int32) -> integer (int64)")
    assert found[key] is False

"""`make update-spec`: a changed spec served from loopback is validated, normalised, regenerated and reported."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spectools
import yaml
from conftest import ROOT, RecordingServer, Reply

SCRIPT = ROOT / "scripts" / "update_spec.py"


def _checkout(tmp_path: Path) -> Path:
    """A project directory holding a copy of openapi.yaml and generated/."""
    root = tmp_path / "project"
    (root / "generated").mkdir(parents=True)
    shutil.copy(ROOT / "openapi.yaml", root / "openapi.yaml")
    shutil.copytree(ROOT / "generated" / "detectify_v3", root / "generated" / "detectify_v3")
    return root


def _changed_spec() -> dict[str, Any]:
    spec = spectools.parse((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    new = copy.deepcopy(spec)
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
    # removed: the external-ID operation and the ExternalId schema
    del new["paths"]["/v3/connectors/external-id"]
    del new["components"]["schemas"]["ExternalId"]
    # changed: a new port status value and a new parameter on listIps
    new["components"]["schemas"]["PortStatus"]["enum"].append("FILTERED")
    new["paths"]["/v3/ips"]["get"]["parameters"].append(
        {"name": "active", "in": "query", "required": False, "schema": {"type": "boolean"}}
    )
    return new


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


def test_a_changed_spec_from_a_url_is_swapped_in_regenerated_and_reported(
    tmp_path: Path, recording_server: RecordingServer
) -> None:
    root = _checkout(tmp_path)
    new = _changed_spec()
    recording_server.replies.append(Reply(body=json.dumps(new).encode()))  # served as JSON

    result = _run(f"{recording_server.url}/openapi.json", "--root", str(root))

    assert result.returncode == 0, result.stderr
    report = result.stdout.splitlines()
    assert "operations: 1 added, 1 removed, 1 changed" in report
    assert "  + GET /v3/domains/{id} (getDomain)" in report
    assert "  - GET /v3/connectors/external-id (getConnectorExternalId)" in report
    assert "  ~ GET /v3/ips (listIps)" in report
    assert "schemas: 1 added, 1 removed, 1 changed" in report
    assert "  + Domain" in report and "  - ExternalId" in report and "  ~ PortStatus" in report

    written = (root / "openapi.yaml").read_text(encoding="utf-8")
    assert spectools.parse(written) == new
    assert spectools.dump(spectools.parse(written)) == written  # normalised YAML, not the JSON it came as

    package = root / "generated" / "detectify_v3"
    assert (package / "api" / "domains" / "get_domain.py").exists()
    assert not (package / "api" / "connectors" / "get_connector_external_id.py").exists()
    assert 'FILTERED = "FILTERED"' in (package / "models" / "port_status.py").read_text()
    assert "active: bool | Unset = UNSET" in (package / "api" / "ips" / "list_ips.py").read_text()


def test_a_yaml_file_with_no_changes_reports_none(tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    source = tmp_path / "downloaded.yml"
    current = spectools.parse((ROOT / "openapi.yaml").read_text())
    source.write_text(yaml.safe_dump({key: current[key] for key in reversed(current)}, sort_keys=False))

    result = _run(str(source), "--root", str(root))

    assert result.returncode == 0, result.stderr
    assert "operations: no changes" in result.stdout and "schemas: no changes" in result.stdout
    assert (root / "openapi.yaml").read_bytes() == (ROOT / "openapi.yaml").read_bytes()


@pytest.mark.parametrize(
    "text",
    [
        "openapi: 3.0.3\ninfo: {title: x}\npaths: {}\n",  # info.version missing
        "{not json",
        "- just\n- a list\n",
    ],
)
def test_an_invalid_spec_is_refused_and_nothing_changes(tmp_path: Path, text: str) -> None:
    root = _checkout(tmp_path)
    source = tmp_path / "bad.yaml"
    source.write_text(text)

    result = _run(str(source), "--root", str(root))

    assert result.returncode == 1
    assert result.stderr.startswith("update-spec failed:")
    assert (root / "openapi.yaml").read_bytes() == (ROOT / "openapi.yaml").read_bytes()

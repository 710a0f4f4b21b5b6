"""Import cost (issue 16): ``import detectify`` leaves the v2 half, the testing package and package metadata for
when they are first used, and the v2 models stay importable from ``detectify``."""

from __future__ import annotations

import subprocess
import sys

import pytest

LAZY = (
    "detectify_v2",
    "detectify.adapter_v2",
    "detectify.v2",
    "detectify.testing",
    "detectify.sync",
    "detectify.cli",
    "importlib.metadata",
    "csv",
    "sqlite3",
    "yaml",
)


def modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_import_detectify_loads_neither_v2_nor_testing() -> None:
    loaded = modules_after("import detectify\nfrom detectify import AsyncDetectify, Ip\nAsyncDetectify('k')")
    assert "detectify_v3" in loaded
    assert loaded.isdisjoint(LAZY), sorted(loaded & set(LAZY))


def test_the_v2_half_loads_on_first_use() -> None:
    loaded = modules_after("import detectify\ndetectify.AsyncDetectify('k', v2_api_key='v').v2.assets")
    assert {"detectify_v2", "detectify.adapter_v2"} <= loaded


@pytest.mark.parametrize("name", ["Asset", "AssetSettings", "FullReport", "Vulnerability", "ScanProfile"])
def test_v2_models_are_still_exported_from_detectify(name: str) -> None:
    import detectify_v2.models

    import detectify

    assert getattr(detectify, name) is getattr(detectify_v2.models, name)
    assert name in detectify.__all__


def test_unknown_names_still_raise_attribute_error() -> None:
    import detectify

    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        detectify.Nope  # noqa: B018
    assert detectify.__version__.count(".") >= 2


@pytest.mark.parametrize("name", ["SyncReport", "ResourceReport", "SyncProgress", "SyncLockedError"])
def test_the_sync_names_are_exported_from_detectify_and_load_on_first_use(name: str) -> None:
    import detectify
    import detectify.sync

    assert getattr(detectify, name) is getattr(detectify.sync, name) and name in detectify.__all__

"""Async Python SDK for the Detectify API.

The generated low-level client lives in the ``detectify_v3`` package; this package is the hand-written layer.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("detectify-sdk")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
    __version__ = "0.0.0"

__all__ = ["__version__"]

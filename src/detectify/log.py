"""Logger ``detectify``; ``DETECTIFY_LOG=debug|info|warning`` switches on output to stderr."""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("detectify")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


def configure_from_env() -> None:
    """Honour ``DETECTIFY_LOG`` once; an application's own logging configuration is left alone otherwise."""
    level = _LEVELS.get(os.environ.get("DETECTIFY_LOG", "").strip().lower())
    if level is None or getattr(logger, "_detectify_configured", False):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger._detectify_configured = True  # type: ignore[attr-defined]

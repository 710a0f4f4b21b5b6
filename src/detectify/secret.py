"""``Secret``: a credential that keeps itself out of reprs, logs and tracebacks."""

from __future__ import annotations

import attrs

__all__ = ["Secret"]


@attrs.frozen(repr=False)
class Secret:
    """A credential that never shows itself in ``repr``/``str`` (and so not in logs or tracebacks)."""

    value: str

    def __repr__(self) -> str:
        return "Secret('<redacted>')"

    __str__ = __repr__

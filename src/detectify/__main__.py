"""``python -m detectify``: the same as the ``detectify`` command."""

from .cli import main

raise SystemExit(main())

"""``detectify sync``: keep a database (SQLite, or PostgreSQL with the ``postgres`` extra) current with the API.

```python
from detectify import AsyncDetectify
from detectify.sync import sync

async with AsyncDetectify() as client:
    report = await sync(client, "surface.db")            # or "postgresql://user:pass@host/db"
    print(report.resources["ips"].inserted)
```

The first sync pulls everything; later ones ask only for what changed (new, disappeared, breach status updated)
since the last complete one, minus a lookback; ``full=True`` also marks rows the API no longer lists as missing.
Each page is committed with the state that records it, so a killed sync resumes where it stopped. See
``docs/sync.md`` for the tables and queries.
"""

from .engine import DEFAULT_LOOKBACK, DEFAULT_SCHEMA, DELTA_FILTERS, sync
from .errors import SyncDatabaseError, SyncError, SyncLockedError
from .report import ResourceReport, SyncProgress, SyncReport
from .schema import Column, Table, default_tables, tables_from_spec

__all__ = [
    "DEFAULT_LOOKBACK",
    "DEFAULT_SCHEMA",
    "DELTA_FILTERS",
    "Column",
    "ResourceReport",
    "SyncDatabaseError",
    "SyncError",
    "SyncLockedError",
    "SyncProgress",
    "SyncReport",
    "Table",
    "default_tables",
    "sync",
    "tables_from_spec",
]

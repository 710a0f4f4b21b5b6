"""A fake Detectify API for tests, demos and benchmarks: no key, no network.

```python
import httpx
from detectify import AsyncDetectify
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault

app = FakeDetectify(teams=("team-a",), counts={"ips": 500})
app.faults.append(Fault("rate_limit", retry_after=1))
client = AsyncDetectify(TEST_API_KEY, base_url="http://fake/rest", transport=httpx.ASGITransport(app=app))
```

Or over real HTTP: ``with serve(app) as url: AsyncDetectify(TEST_API_KEY, base_url=url + "/rest")``, or from a shell:
``python -m detectify.testing serve --port 8000``. Needs the ``testing`` extra (``pip install detectify-sdk[testing]``).
"""

from .app import TEST_API_KEY, ConnectionDropped, FakeDetectify, RecordedRequest
from .clock import VirtualClock
from .data import DEFAULT_COUNTS, RESOURCES
from .faults import Fault, FaultKind
from .server import serve
from .v2 import TEST_V2_API_KEY, TEST_V2_SECRET, TEST_V2_SIGNED_KEY
from .world import Moved

__all__ = [
    "DEFAULT_COUNTS",
    "RESOURCES",
    "TEST_API_KEY",
    "TEST_V2_API_KEY",
    "TEST_V2_SECRET",
    "TEST_V2_SIGNED_KEY",
    "ConnectionDropped",
    "FakeDetectify",
    "Fault",
    "FaultKind",
    "Moved",
    "RecordedRequest",
    "VirtualClock",
    "serve",
]

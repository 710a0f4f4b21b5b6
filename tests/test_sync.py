"""``detectify.sync.sync`` into SQLite and PostgreSQL against the fake server's moving world (issue 17)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import yaml
from conftest import RecordingServer, Reply
from sync_helpers import Database, assert_matches_api

from detectify import AsyncDetectify, SyncDatabaseError, SyncLockedError
from detectify.adapter import openapi_document
from detectify.sync import Column, Table, sync, tables_from_spec
from detectify.testing import TEST_API_KEY, FakeDetectify, Fault

pytestmark = pytest.mark.anyio
RESOURCES = ("ips", "technologies", "ports", "breaches", "connectors")
TIMED = ("ips", "technologies", "ports", "breaches")
LOOKBACK = 300


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    return Database.make(request.param, tmp_path, url)


@pytest.fixture
def app() -> FakeDetectify:
    return FakeDetectify(seed=17, teams=("team-a", "team-b"), counts={"ips": 700, "ports": 450, "breaches": 160})


@pytest.fixture
async def client(app: FakeDetectify) -> AsyncIterator[AsyncDetectify]:
    transport = httpx.ASGITransport(app=app)
    async with AsyncDetectify(TEST_API_KEY, base_url="http://fake/rest", transport=transport, max_retries=0) as c:
        yield c


async def run(client: AsyncDetectify, db: Database, **options: Any) -> Any:
    options.setdefault("limit", 250)
    return await client.sync(db.url, schema=db.schema, lookback=LOOKBACK, **options)  # client.sync -> detectify.sync


def since_last(app: FakeDetectify, mark: int) -> list[Any]:
    return [r for r in app.requests[mark:] if r.path.startswith("/rest/v3/")]


def boundary(report: Any) -> dt.datetime:
    """The earliest moment the next delta still sees: the run's start minus the lookback, in whole seconds."""
    return (report.started_at - dt.timedelta(seconds=LOOKBACK)).replace(microsecond=0)


async def test_a_first_sync_stores_every_item_field_by_field(
    client: AsyncDetectify, app: FakeDetectify, db: Database
) -> None:
    report = await run(client, db)
    assert report.ok and report.full is False
    for resource in RESOURCES:
        assert_matches_api(db, app, resource)
        counted = report.resources[resource]
        total = len(list(app.items(resource)))
        assert (counted.mode, counted.seen, counted.inserted, counted.updated, counted.missing) == (
            "full", total, total, 0, 0)  # fmt: skip
    runs = db.query(f"SELECT status, counts FROM {db.table('sync_runs')}")
    assert [status for status, _ in runs] == ["ok"]
    counts = runs[0][1] if isinstance(runs[0][1], dict) else json.loads(runs[0][1])
    assert counts["ips"]["inserted"] == 1400


async def test_a_delta_sees_what_moved_at_the_boundaries_and_sends_only_filtered_requests(
    client: AsyncDetectify, app: FakeDetectify, db: Database
) -> None:
    first = await run(client, db)
    edge = boundary(first)
    # Late arrivals stamped exactly at the boundary, and changes after it.
    at_edge = app.move(edge, new={"ips": 2, "ports": 1}, disappear={"ips": 2, "technologies": 1},
                       status={"breaches": 2})  # fmt: skip
    later = app.move(new={"ips": 3, "breaches": 2, "technologies": 1}, disappear={"ports": 3}, status={"breaches": 1})
    removed = app.move(remove={"ips": 2})  # only a complete pass can see this
    mark = len(app.requests)

    second = await run(client, db)

    assert second.ok
    for resource in ("technologies", "ports", "breaches", "connectors"):
        assert_matches_api(db, app, resource)
    assert_matches_api(db, app, "ips", extra=set(removed.removed["ips"]))  # a delta cannot see removals
    for resource in TIMED:
        new = {i for moved in (at_edge, later) for i in moved.new.get(resource, [])}
        changed = {i for moved in (at_edge, later) for i in [*moved.disappeared.get(resource, []),
                                                              *moved.status.get(resource, [])]} - new  # fmt: skip
        counted = second.resources[resource]
        assert (counted.mode, counted.inserted, counted.updated) == ("delta", len(new), len(changed)), resource
    assert second.resources["ips"].inserted == 5 and second.resources["breaches"].updated >= 2

    requests = since_last(app, mark)
    filters = {"first_seen_after", "disappeared_after", "status_updated_after"}
    for request in requests:
        resource = request.path.rsplit("/", 1)[1]
        if resource == "connectors":
            assert not set(request.params) & filters
        else:
            assert len(set(request.params) & filters) == 1, request.query
            (value,) = [v for k, v in request.params.items() if k in filters]
            assert dt.datetime.fromisoformat(value[0]) == edge - dt.timedelta(seconds=1)
    assert len(requests) == 4 * 2 + 1 + 1  # two filters per timed resource, a third for breaches, connectors whole


async def test_full_marks_rows_the_api_no_longer_lists_and_clears_them_when_listed_again(
    client: AsyncDetectify, app: FakeDetectify, db: Database
) -> None:
    await run(client, db)
    removed = app.move(remove={"ports": 3, "ips": 1}, new={"connectors": 1})
    back = next(iter(app.items("technologies")))["id"]
    db.query(f"UPDATE {db.table('technologies')} SET missing_since = synced_at WHERE id = %s", (back,))

    report = await run(client, db, full=True)

    assert report.ok and report.full
    assert report.resources["ports"].missing == 3 and report.resources["ips"].missing == 1
    assert report.resources["technologies"].updated == 1 and report.resources["technologies"].missing == 0
    assert report.resources["connectors"].inserted == 1
    ports = db.rows("ports")
    assert {i for i, r in ports.items() if r["missing_since"] is not None} == set(removed.removed["ports"])
    assert db.rows("technologies")[back]["missing_since"] is None
    for resource in RESOURCES:
        assert_matches_api(db, app, resource)

    again = await run(client, db, full=True)  # already marked: nothing new to mark
    assert again.resources["ports"].missing == 0
    assert len([r for r in db.rows("ports").values() if r["missing_since"] is not None]) == 3


async def test_connectors_are_pulled_whole_and_reconciled_on_every_sync(
    client: AsyncDetectify, app: FakeDetectify, db: Database
) -> None:
    await run(client, db, resources=["connectors"])
    gone = app.move(remove={"connectors": 1})
    report = await run(client, db, resources=["connectors"])
    assert report.resources["connectors"].missing == 1
    assert db.rows("connectors")[gone.removed["connectors"][0]]["missing_since"] is not None


async def test_a_failing_resource_leaves_the_others_synced_and_marks_nothing_missing(
    client: AsyncDetectify, app: FakeDetectify, db: Database
) -> None:
    await run(client, db)
    app.move(remove={"ips": 2, "technologies": 1})
    app.faults.append(Fault("server_error", status=400, path="/v3/ports", after=1, times=None))

    report = await run(client, db, full=True)

    assert not report.ok and report.failed == ["ports"]
    assert "400" in (report.resources["ports"].error or "")
    assert all(r.missing == 0 for r in report.resources.values())
    assert all(r["missing_since"] is None for r in db.rows("ips").values())
    assert db.query(f"SELECT status FROM {db.table('sync_runs')} ORDER BY id")[-1] == ("failed",)

    app.faults.clear()
    mark = len(app.requests)
    healed = await run(client, db)  # finishes the full passes (ports from its cursor), then reconciles
    assert healed.ok
    assert healed.resources["ips"].missing == 2 and healed.resources["technologies"].missing == 1
    port_pages = [r for r in since_last(app, mark) if r.path.endswith("/ports")]
    committed = report.resources["ports"].pages  # pages of ports the failed run wrote before the failure
    assert ("cursor" in port_pages[0].params) == bool(committed)  # continued from there, or nothing to continue
    for resource in RESOURCES:
        assert_matches_api(db, app, resource)


class Gate(httpx.AsyncBaseTransport):
    """Holds requests for one path until opened (and says when one is waiting): a sync paused mid-run, exactly."""

    def __init__(self, inner: httpx.AsyncBaseTransport, path: str) -> None:
        self.inner, self.path = inner, path
        self.waiting, self.opened = anyio.Event(), anyio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(self.path) and not self.opened.is_set():
            self.waiting.set()
            await self.opened.wait()
        return await self.inner.handle_async_request(request)


async def test_one_sync_per_database_a_second_fails_at_once_and_the_first_is_unaffected(
    app: FakeDetectify, db: Database
) -> None:
    gate = Gate(httpx.ASGITransport(app=app), "/v3/ports")
    async with AsyncDetectify(TEST_API_KEY, base_url="http://fake/rest", transport=gate, max_retries=0) as client:
        reports = []

        async def first() -> None:
            reports.append(await run(client, db))

        async with anyio.create_task_group() as group:
            group.start_soon(first)
            await gate.waiting.wait()  # the first sync holds the lock and waits for a page of ports
            with pytest.raises(SyncLockedError, match="another sync is running"):
                await run(client, db, resources=["connectors"])
            gate.opened.set()
    assert reports[0].ok
    for resource in RESOURCES:
        assert_matches_api(db, app, resource)
    assert len(db.query(f"SELECT id FROM {db.table('sync_runs')}")) == 1  # the refused one logged nothing


async def test_a_new_field_after_a_spec_change_gets_its_column_filled_from_raw(tmp_path: Path, db: Database) -> None:
    drifting = FakeDetectify(seed=5, counts={"ips": 300}, drift=True)  # items carry risk_score and labels
    transport = httpx.ASGITransport(app=drifting)
    async with AsyncDetectify(TEST_API_KEY, base_url="http://fake/rest", transport=transport, max_retries=0) as c:
        await sync(c, db.url, schema=db.schema, resources=["ips"])
        document = yaml.safe_load(openapi_document())
        ip = document["components"]["schemas"]["Ip"]["properties"]
        ip["risk_score"] = {"type": "integer"}
        ip["labels"] = {"type": "object"}
        newer = tables_from_spec(document)
        assert newer["ips"].field_names[-2:] == ("risk_score", "labels")

        report = await sync(c, db.url, schema=db.schema, resources=["ips"], tables=newer)

    assert report.ok
    rows = db.rows("ips", newer["ips"])
    items = {item["id"]: item for item in drifting.items("ips")}
    assert [rows[i]["risk_score"] for i in items] == [item.get("risk_score") for item in items.values()]
    assert [rows[i]["labels"] for i in items] == [item.get("labels") for item in items.values()]
    assert sum(1 for item in items.values() if "risk_score" in item) == 75


async def test_drift_an_unknown_enum_value_is_stored_as_text_and_new_fields_stay_in_raw(db: Database) -> None:
    drifting = FakeDetectify(seed=6, counts={"ips": 40, "ports": 40, "breaches": 40}, drift=True)
    transport = httpx.ASGITransport(app=drifting)
    async with AsyncDetectify(TEST_API_KEY, base_url="http://fake/rest", transport=transport, max_retries=0) as c:
        report = await sync(c, db.url, schema=db.schema)
    assert report.ok
    assert {r["ip_version"] for r in db.rows("ips").values()} >= {"IPv8"}
    assert {r["status"] for r in db.rows("ports").values()} >= {"FILTERED"}
    assert {r["severity"] for r in db.rows("breaches").values()} >= {"URGENT"}
    assert any(r["raw"].get("labels") == {"source": "drift", "new_in": "v3.1"} for r in db.rows("ips").values())
    for resource in RESOURCES:
        assert_matches_api(db, drifting, resource)


@pytest.mark.parametrize("damage", ["{not json", '{"version": 1, "current": {"kind": "full", "started_at": 5}}',
                                    '{"version": 1, "complete_at": "yesterday"}', "[]"])  # fmt: skip
async def test_a_damaged_state_row_means_a_full_pass_and_a_correct_result(
    client: AsyncDetectify, app: FakeDetectify, db: Database, damage: str
) -> None:
    await run(client, db)
    app.move(new={"ips": 2}, remove={"ips": 1})
    db.query(f"UPDATE {db.table('sync_state')} SET state = %s WHERE key = 'ips'", (damage,))
    report = await run(client, db)
    assert report.ok and report.resources["ips"].mode == "full" and report.resources["ips"].missing == 1
    assert report.resources["ports"].mode == "delta"
    assert_matches_api(db, app, "ips")


async def test_a_stored_cursor_the_api_refuses_starts_that_pass_again(
    client: AsyncDetectify, app: FakeDetectify, db: Database
) -> None:
    await run(client, db)
    state = json.loads(db.state("ports") or "")
    since = (dt.datetime.fromisoformat(state["complete_at"]) - dt.timedelta(hours=1)).isoformat()
    state["current"] = {"kind": "delta", "started_at": state["complete_at"], "since": since,
                        "resume": {"first_seen_after": "bm90LWEtY3Vyc29y"}, "completed": []}  # fmt: skip
    db.query(f"UPDATE {db.table('sync_state')} SET state = %s WHERE key = 'ports'", (json.dumps(state),))
    app.move(new={"ports": 2})
    report = await run(client, db)
    assert report.ok
    assert_matches_api(db, app, "ports")


@pytest.mark.parametrize("item", [{"name": "no id"}, {"id": 5, "name": "a number"}, {"id": "", "name": "empty"}])
async def test_items_without_a_string_id_fail_their_resource_loudly(
    recording_server: RecordingServer, db: Database, item: dict[str, Any]
) -> None:
    recording_server.replies.append(Reply(body=json.dumps({"items": [item], "pagination": {}}).encode()))
    async with AsyncDetectify(TEST_API_KEY, base_url=recording_server.url, max_retries=0) as c:
        report = await sync(c, db.url, schema=db.schema, resources=["connectors"])
    error = report.resources["connectors"].error or ""
    assert report.failed == ["connectors"]
    assert "without a string id" in error or "each with an id" in error  # ours, or the pager's own check
    assert db.rows("connectors") == {}


async def test_a_page_repeating_an_id_writes_and_counts_it_once(
    recording_server: RecordingServer, db: Database
) -> None:
    twice = {"id": "c1", "name": "one", "provider": "GCP"}
    body = json.dumps({"items": [twice, {**twice, "name": "two"}], "pagination": {}}).encode()
    recording_server.replies.append(Reply(body=body))
    async with AsyncDetectify(TEST_API_KEY, base_url=recording_server.url, max_retries=0) as c:
        report = await sync(c, db.url, schema=db.schema, resources=["connectors"])
    assert report.resources["connectors"].inserted == 1
    assert db.rows("connectors")["c1"]["name"] == "two"


async def test_a_password_in_the_database_url_is_never_shown(client: AsyncDetectify, app: FakeDetectify) -> None:
    with pytest.raises(SyncDatabaseError) as caught:
        await sync(client, "postgresql://scott:s3cr%40t-pw@127.0.0.1:1/surface")
    assert "s3cr" not in str(caught.value) and "***" in str(caught.value)
    assert not app.requests  # nothing was sent


async def test_a_file_that_is_not_a_database_is_our_error(client: AsyncDetectify, tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(SyncDatabaseError, match="not a database"):
        await sync(client, str(path))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"resources": ["ips", "hosts"]}, "resources"),
        ({"lookback": -1}, "lookback"),
        ({"lookback": float("nan")}, "lookback"),
        ({"limit": 0}, "limit"),
        ({"schema": "Robert'); DROP"}, "schema"),
        ({"teams": "team-a"}, "teams"),
    ],
)
async def test_bad_arguments_fail_before_anything_is_sent(
    client: AsyncDetectify, app: FakeDetectify, tmp_path: Path, options: dict[str, Any], message: str
) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        await sync(client, str(tmp_path / "x.db"), **options)
    for bad in ("mysql://host/db", "sqlite://relative"):
        with pytest.raises(ValueError, match="db"):
            await sync(client, bad)
    assert not app.requests and not (tmp_path / "x.db").exists()


async def test_a_team_sync_only_touches_that_teams_rows(
    client: AsyncDetectify, app: FakeDetectify, db: Database
) -> None:
    report = await run(client, db, resources=["ips", "ports"], teams=["team-b"])
    assert report.ok
    assert_matches_api(db, app, "ips", team_id="team-b")
    stored = set(db.rows("ips"))
    removed = app.move(remove={"ips": 6}).removed["ips"]
    assert stored & set(removed) and set(removed) - stored  # some of each team
    await run(client, db, resources=["ips"], teams=["team-b"], full=True)
    missing = {i for i, r in db.rows("ips").items() if r["missing_since"] is not None}
    assert missing == stored & set(removed)
    assert all(r["team_id"] == "team-b" for r in db.rows("ips").values())


async def test_the_sqlite_queries_in_docs_sync_md_run_and_find_what_they_describe(tmp_path: Path) -> None:
    import re
    import sqlite3

    from conftest import ROOT

    app = FakeDetectify(seed=8, counts={"ips": 50, "ports": 60, "breaches": 30})
    transport = httpx.ASGITransport(app=app)
    path = str(tmp_path / "docs.db")
    async with AsyncDetectify(TEST_API_KEY, base_url="http://fake/rest", transport=transport, max_retries=0) as c:
        await sync(c, path)
        moved = app.move(disappear={"ports": 2}, remove={"ips": 1})
        await sync(c, path, full=True)
    blocks = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "sync.md").read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 4
    with sqlite3.connect(path) as db:
        results = [db.execute(block).fetchall() for block in blocks]
    open_ports, by_severity, disappeared, runs = results
    assert sum(count for *_, count in by_severity) == sum(
        1 for b in app.items("breaches") if b["disappeared_at"] is None
    )
    kinds = [row[0] for row in disappeared]
    assert kinds.count("port") == 2 and kinds.count("ip") == 1 and len(moved.removed["ips"]) == 1
    assert len(runs) == 2 and open_ports is not None


def test_dumps_with_orjson_and_with_the_stdlib_write_the_same_json() -> None:
    from detectify.jsoncodec import dumps, stdlib_dumps

    odd = {"nan": float("nan"), "inf": [float("inf")], "big": 2**80, "lone": "\ud800", "nul": "a\x00b", "é": "ü"}
    assert json.loads(dumps(odd)) == json.loads(stdlib_dumps(odd))
    assert json.loads(dumps(odd))["nan"] is None and json.loads(dumps(odd))["big"] == 2**80
    for item in FakeDetectify(seed=3, counts={"ips": 30}, drift=True).items("ips"):
        assert json.loads(dumps(item)) == json.loads(stdlib_dumps(item)) == item


async def test_hostile_values_are_stored_or_nulled_never_a_crash(
    recording_server: RecordingServer, db: Database
) -> None:
    # NUL, a lone surrogate escape, NaN, a 70-bit integer, a date that is not one, an object where text belongs
    body = (b'{"items": [{"id": "c1", "name": "nul\\u0000 and \\ud800", "provider": {"not": "text"}, '
            b'"created_at": "2021-13-45T99:00:00Z", "updated_at": "2023-09-18T12:12:00Z", "last_run": NaN, '
            b'"extra": 1180591620717411303424}], "pagination": {}}')  # fmt: skip
    recording_server.replies.append(Reply(body=body))
    async with AsyncDetectify(TEST_API_KEY, base_url=recording_server.url, max_retries=0) as c:
        report = await sync(c, db.url, schema=db.schema, resources=["connectors"])
    assert report.ok, report.resources["connectors"].error
    row = db.rows("connectors")["c1"]
    assert row["raw"]["extra"] == 2**70 and row["raw"]["last_run"] is None
    assert row["updated_at"] == "2023-09-18T12:12:00Z" and row["name"].startswith("nul")
    if db.kind == "postgresql":  # typed columns: what does not fit is NULL there, and kept in raw
        assert row["created_at"] is None and row["provider"] is None


async def test_values_that_do_not_fit_their_column_are_null_there_and_kept_in_raw(
    recording_server: RecordingServer, db: Database
) -> None:
    item = {"id": "c2", "name": "ok", "provider": {"not": "text"}, "created_at": 5,
            "updated_at": "2023-09-18T12:12:00+02:00", "last_run": "a string", "team_id": 7}  # fmt: skip
    body = json.dumps({"items": [item], "pagination": {}}).encode()
    recording_server.replies.append(Reply(body=body))
    async with AsyncDetectify(TEST_API_KEY, base_url=recording_server.url, max_retries=0) as c:
        report = await sync(c, db.url, schema=db.schema, resources=["connectors"])
    assert report.ok, report.resources["connectors"].error
    row = db.rows("connectors")["c2"]
    assert row["raw"]["provider"] == {"not": "text"} and row["raw"]["team_id"] == 7
    if db.kind == "postgresql":
        assert (row["provider"], row["created_at"], row["team_id"]) == (None, None, None)
        assert row["last_run"] == "a string" and row["updated_at"] == "2023-09-18T10:12:00Z"


async def test_timestamps_postgresql_cannot_read_are_null_there_and_the_page_is_written(
    recording_server: RecordingServer, db: Database
) -> None:
    stamps = {"leap": "2024-02-29T00:00:00Z", "not leap": "2023-02-29T00:00:00Z", "april 31": "2021-04-31T10:00:00Z",
              "year 0": "0000-01-01T00:00:00Z", "offset 15:59": "2021-01-01T00:00:00+15:59",
              "offset 16:00": "2021-01-01T00:00:00+16:00", "no seconds": "2021-01-01T10:00Z",
              "fraction": "2021-01-01 10:00:00.123456-05:30", "text": "soon"}  # fmt: skip
    items = [{"id": f"c{i}", "name": name, "created_at": value} for i, (name, value) in enumerate(stamps.items())]
    recording_server.replies.append(Reply(body=json.dumps({"items": items, "pagination": {}}).encode()))
    async with AsyncDetectify(TEST_API_KEY, base_url=recording_server.url, max_retries=0) as c:
        report = await sync(c, db.url, schema=db.schema, resources=["connectors"])
    assert report.ok, report.resources["connectors"].error
    rows = {row["name"]: row for row in db.rows("connectors").values()}
    assert {name: row["raw"]["created_at"] for name, row in rows.items()} == stamps  # raw keeps every one
    if db.kind == "postgresql":
        kept = {name for name, row in rows.items() if row["created_at"] is not None}
        assert kept == {"leap", "offset 15:59", "no seconds", "fraction"}
        assert rows["fraction"]["created_at"] == "2021-01-01T15:30:00Z"  # the test helper drops the fraction


async def test_integers_and_numbers_that_do_not_fit_are_null_in_postgresql(
    recording_server: RecordingServer, db: Database
) -> None:
    columns = (Column("id", "text"), Column("port", "integer"), Column("score", "number"), Column("note", "text"))
    table = Table("connectors", columns)
    values = {"int": (443, 0.5), "float in an integer": (443.0, 1), "int64 max": (2**63 - 1, 1e300),
              "beyond int64": (2**63, 10**400), "boolean": (True, False), "text": ("443", "0.5")}  # fmt: skip
    items = [{"id": f"c{i}", "note": note, "port": port, "score": score} for i, (note, (port, score)) in
             enumerate(values.items())]  # fmt: skip
    recording_server.replies.append(Reply(body=json.dumps({"items": items, "pagination": {}}).encode()))
    async with AsyncDetectify(TEST_API_KEY, base_url=recording_server.url, max_retries=0) as c:
        report = await sync(c, db.url, schema=db.schema, resources=["connectors"], tables={"connectors": table})
    assert report.ok, report.resources["connectors"].error
    rows = {row["note"]: row for row in db.rows("connectors", table).values()}
    assert rows["beyond int64"]["raw"]["score"] == 10**400
    if db.kind == "postgresql":
        assert {note: (row["port"], row["score"]) for note, row in rows.items()} == {
            "int": (443, 0.5), "float in an integer": (None, 1.0), "int64 max": (2**63 - 1, 1e300),
            "beyond int64": (None, None), "boolean": (None, None), "text": (None, None)}  # fmt: skip


def test_pages_written_together_count_as_if_each_were_written_alone(db: Database, tmp_path: Path) -> None:
    from detectify.sync.store import PageWrite, encode_items
    from detectify.sync.target import parse_target

    table = tables_from_spec(yaml.safe_load(openapi_document()))["connectors"]
    if db.kind == "sqlite":
        from detectify.sync.sqlite import SQLiteStore

        store: Any = SQLiteStore(tmp_path / "surface.db")
    else:
        from detectify.sync.postgres import PostgresStore

        store = PostgresStore(parse_target(db.url), db.schema)
    try:
        store.prepare({"connectors": table})

        def page(*items: dict[str, Any], key: str = "connectors") -> PageWrite:
            return PageWrite(table, *encode_items(items), key, f"state after {items[-1]['id'] if items else '-'}")

        one, changed = {"id": "x", "name": "one"}, {"id": "x", "name": "two"}
        now = dt.datetime.now(dt.UTC)
        written = store.write([page(one, {"id": "y"}), page(changed), page(), page(changed, key="other")], now)
        totals = [sum(getattr(w, name) for w in written) for name in ("inserted", "updated", "missing")]
        assert len(written) == 4 and totals == [2, 1, 0]  # x inserted, then changed; the same again: unchanged
        assert dict(store.load_states()) == {"connectors": "state after -", "other": "state after x"}
        again = store.write([page(changed, {"id": "y"})], now)
        assert (again[0].inserted, again[0].updated) == (0, 0)
        states = dict(store.load_states())
        assert states == {"connectors": "state after y", "other": "state after x"}  # the last of each key
    finally:
        store.close()
    assert db.rows("connectors", table)["x"]["name"] == "two"
    if db.kind == "sqlite":
        assert db.query("PRAGMA page_size") == [(16384,)]  # a new database gets larger pages


async def test_an_id_on_two_pages_of_a_first_sync_is_inserted_then_updated(
    recording_server: RecordingServer, db: Database
) -> None:
    # PostgreSQL writes a first sync's pages as plain inserts: the repeated id must fall back to the upsert
    first = {
        "items": [{"id": "c1", "name": "one"}, {"id": "c2"}],
        "pagination": {"next": "http://x/v3/connectors?cursor=2"},
    }
    second = {"items": [{"id": "c1", "name": "two"}, {"id": "c3"}], "pagination": {}}
    recording_server.replies += [Reply(body=json.dumps(first).encode()), Reply(body=json.dumps(second).encode())]
    async with AsyncDetectify(TEST_API_KEY, base_url=recording_server.url, max_retries=0) as c:
        report = await sync(c, db.url, schema=db.schema, resources=["connectors"])
    counted = report.resources["connectors"]
    assert report.ok and (counted.seen, counted.inserted, counted.updated) == (4, 3, 1)
    assert {i: r["name"] for i, r in db.rows("connectors").items()} == {"c1": "two", "c2": None, "c3": None}

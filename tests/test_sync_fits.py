"""``schema.fits`` and the PostgreSQL store's page without per-value checks: a page whose values all fit their
columns is typed exactly as the checked statement types it (property-based, against the real server)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectify.sync import Column, Table
from detectify.sync.schema import fits
from detectify.sync.store import PageWrite, encode_items

TABLE = Table(
    "connectors",
    (Column("id", "text"), Column("name", "text"), Column("flag", "boolean"), Column("port", "integer"),
     Column("score", "number"), Column("seen", "timestamp"), Column("meta", "json")),
)  # fmt: skip
TYPED = [column.name for column in TABLE.columns[1:]]
INT64 = st.integers(-(2**63), 2**63 - 1)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def date_times(draw: st.DrawFn) -> str:
    """ISO 8601 date-times in every shape ``schema.ISO_8601`` takes, on days that exist (29-31 included)."""
    moment = draw(st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)))
    separator = draw(st.sampled_from("T "))
    text = f"{moment.year:04d}" + moment.strftime(f"-%m-%d{separator}%H:%M")  # %Y does not pad years before 1000
    if draw(st.booleans()):
        text += moment.strftime(":%S") + draw(st.sampled_from(["", ".5", ".123", ".123456"]))
    hours, minutes = draw(st.integers(0, 15)), draw(st.sampled_from([0, 30, 59]))
    zone = draw(st.sampled_from(["Z", f"+{hours:02d}:{minutes:02d}", f"-{hours:02d}", f"-{hours:02d}:{minutes:02d}"]))
    return text + zone


FITTING: dict[str, Any] = {
    "name": st.text(),
    "flag": st.booleans(),
    "port": INT64,
    "score": st.floats(allow_nan=False, allow_infinity=False) | INT64,
    "seen": date_times(),
    "meta": JSON,
}
ANYTHING = JSON | date_times() | st.sampled_from(
    ["2023-02-29T00:00:00Z", "2021-04-31T10:00:00Z", "0000-01-01T00:00:00Z", "2021-01-01T24:00:00Z", "now", "1e2"]
) | st.integers(min_value=2**63) | st.just(-(2**63) - 1)  # fmt: skip


def items_of(values: st.SearchStrategy[Any]) -> st.SearchStrategy[list[dict[str, Any]]]:
    item = st.fixed_dictionaries({}, optional={name: values(name) for name in TYPED})  # type: ignore[operator]
    return st.lists(item, min_size=1, max_size=8)


fitting_items = items_of(lambda name: st.none() | FITTING[name])  # type: ignore[arg-type]
mixed_items = items_of(lambda name: st.none() | FITTING[name] | ANYTHING)  # type: ignore[arg-type]
ids = itertools.count()


@pytest.fixture(scope="module")
def stores(postgres_url: str) -> Iterator[tuple[Any, Any, Any]]:
    """Two stores on the session's server (one writes pages as fitting, the other with every check), and a
    connection to read back what they wrote."""
    import psycopg

    from detectify.sync.postgres import PostgresStore
    from detectify.sync.target import parse_target

    fast, checked = (PostgresStore(parse_target(postgres_url), f"fits_{kind}") for kind in ("fast", "checked"))
    try:
        for store in (fast, checked):
            store.prepare({"connectors": TABLE})
        with psycopg.connect(postgres_url, autocommit=True) as reader:
            yield fast, checked, reader
    finally:
        fast.close()
        checked.close()


def write_and_read(store: Any, reader: Any, items: list[dict[str, Any]], fitting: bool) -> list[tuple[Any, ...]]:
    store.write([PageWrite(TABLE, *encode_items(items), "k", "{}", fits=fitting)], dt.datetime.now(dt.UTC))
    columns = ", ".join(f'"{name}"' for name in ["id", *TYPED])
    query = f"SELECT {columns} FROM {store.schema}.connectors WHERE id = ANY(%s) ORDER BY id"
    return list(reader.execute(query, ([item["id"] for item in items],)).fetchall())


def with_ids(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    batch = next(ids)
    return [{"id": f"{batch}-{n}", **item} for n, item in enumerate(items)]


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(items=fitting_items)
def test_values_of_their_columns_kind_fit(items: list[dict[str, Any]]) -> None:
    assert fits(TABLE, with_ids(items))


@PROPERTY
@given(items=fitting_items | mixed_items)
def test_a_page_that_fits_is_typed_as_the_checked_statement_types_it(
    stores: tuple[Any, Any, Any], items: list[dict[str, Any]]
) -> None:
    fast, checked, reader = stores
    items = with_ids(items)
    expected = write_and_read(checked, reader, items, fitting=False)
    if not fits(TABLE, items):
        return
    assert write_and_read(fast, reader, items, fitting=True) == expected
    for item, row in zip(items, expected, strict=True):  # and a fitting value is never NULL in its column
        nulled = [name for name, value in zip(TYPED, row[1:], strict=True) if value is None]
        assert all(item.get(name) is None for name in nulled), (item, row)


@pytest.mark.parametrize(
    ("column", "value"),
    [("name", 7), ("name", True), ("flag", 1), ("flag", "true"), ("port", 1.0), ("port", True), ("port", 2**63),
     ("port", "443"), ("score", 2**64), ("score", "0.5"), ("seen", "2023-02-29T00:00:00Z"),
     ("seen", "0000-01-01T00:00:00Z"), ("seen", "2021-01-01T24:00:00Z"), ("seen", "2021-01-01T10:00:00+16:00"),
     ("seen", "2021-01-01"), ("seen", "2021-01-01T10:00:00Z\n"), ("seen", "now"), ("seen", 1609459200)],
)  # fmt: skip
def test_a_value_its_column_would_refuse_does_not_fit(column: str, value: Any) -> None:
    good = {"id": "a", "name": "x", "flag": True, "port": 443, "score": 0.5, "seen": "2021-01-31T10:00:00Z"}
    assert fits(TABLE, [good, {"id": "b"}])
    assert not fits(TABLE, [good, {**good, "id": "b", column: value}])


@pytest.mark.parametrize("resource", ["ips", "technologies", "ports", "breaches", "connectors"])
def test_the_items_the_api_sends_fit_so_postgresql_takes_them_without_checks(resource: str) -> None:
    from detectify.sync import default_tables
    from detectify.testing import FakeDetectify

    items = list(FakeDetectify(seed=5, counts={resource: 300}, drift=True).items(resource))
    assert len(items) >= 6
    assert fits(default_tables()[resource], items)

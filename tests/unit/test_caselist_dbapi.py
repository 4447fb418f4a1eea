"""The case list read over a plain DB-API connection: importing it loads neither SQLAlchemy nor
Alembic nor Qt, and a read-only ``sqlite3`` connection (the window's first rows), a session's
connection and PostgreSQL's psycopg connection give the same rows as the case's own details."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coetracker.domain.levels import urgency
from coetracker.domain.model import Level
from coetracker.services.case_rows import fold_search_texts
from coetracker.services.caselist import list_cases, read_case_list, row_urgency, sort_by_urgency
from coetracker.services.cases import get_case
from coetracker.services.demo import fill_demo
from coetracker.services.records import CaseRow, sort_in_urgency_order
from coetracker.storage.engine import LENIENT_TEXT, Database, open_database
from tests.helpers.db import TODAY, read_only_conn
from tests.pgserver import TEMPLATE, PostgresServer

DAYS = (TODAY - dt.timedelta(days=40), TODAY, TODAY + dt.timedelta(days=23))


def test_importing_the_case_list_loads_no_sqlalchemy_alembic_nor_qt() -> None:
    probe = (
        "import json, sys\n"
        "import coetracker.services.caselist\n"
        "print(json.dumps(sorted({n.split('.')[0] for n in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(json.loads(result.stdout))
    assert "coetracker" in loaded
    assert not loaded & {"sqlalchemy", "alembic", "PySide6", "shiboken6", "psycopg"}


@pytest.fixture
def demo_connection(demo_database: Database) -> Iterator[sqlite3.Connection]:
    """A read-only ``sqlite3`` connection to the sample database (as at start-up)."""
    assert demo_database.path is not None
    conn = read_only_conn(demo_database.path)
    conn.text_factory = LENIENT_TEXT
    yield conn
    conn.close()


def _by_id(rows: list[CaseRow]) -> dict[int, CaseRow]:
    return {row.id: row for row in rows}


def _same_as_details(db: Database, rows: list[CaseRow], today: dt.date) -> None:
    for row in rows:
        detail = get_case(db, row.id, today=today)
        assert row.assessment == detail.assessment, row.reference
        assert row.filing_date == detail.values.filing_date
        assert row.coe_issued_date == detail.values.coe_issued_date
        assert row.planned_entry_date == detail.values.planned_entry_date
        assert row.version_id == detail.version_id


def test_a_read_only_sqlite3_connection_gives_the_rows_the_session_gives(
    demo_database: Database, demo_connection: sqlite3.Connection
) -> None:
    for today in DAYS:
        plain = read_case_list(demo_connection, today=today, explain=True)
        assert len(plain) == 44
        assert _by_id(plain) == _by_id(list_cases(demo_database, today=today, explain=True))
        _same_as_details(demo_database, plain, today)
        dates = [r.filing_date for r in plain if r.filing_date is not None]
        assert dates and all(type(value) is dt.date for value in dates)
        assert any(r.last_inquiry is not None for r in plain)
        assert len({r.assessment.level for r in plain}) >= 5


def test_rows_read_unfolded_and_folded_later_are_the_rows_read_folded(
    demo_connection: sqlite3.Connection,
) -> None:
    folded = read_case_list(demo_connection, today=TODAY)
    unfolded = read_case_list(demo_connection, today=TODAY, fold_search=False)
    assert unfolded != folded  # the search texts differ until they are folded
    raw = {row.id: row.search_text for row in unfolded}
    assert any(raw[row.id] != row.search_text for row in folded)
    fold_search_texts(unfolded[:10])
    fold_search_texts(unfolded[10:])
    assert _by_id(unfolded) == _by_id(folded)
    assert all(row.search_text for row in unfolded)


def test_the_list_sorts_in_the_urgency_order_every_other_list_uses(
    demo_connection: sqlite3.Connection,
) -> None:
    for today in DAYS:
        rows = read_case_list(demo_connection, today=today)
        for row, other in itertools.product(rows, rows):  # every pair, both ways
            assert (row_urgency(row) < row_urgency(other)) == (
                urgency(row.assessment, row.reference, row.id)
                < urgency(other.assessment, other.reference, other.id)
            )
        ordered = sort_by_urgency(rows)
        assert [r.id for r in ordered] == [
            r.id for r in sorted(rows, key=lambda r: urgency(r.assessment, r.reference, r.id))
        ]
        assert len({r.assessment.level for r in ordered}) >= 5


def test_the_fast_urgency_sort_is_the_sort_on_the_whole_key(
    demo_connection: sqlite3.Connection,
) -> None:
    rows = read_case_list(demo_connection, today=TODAY)
    rng = random.Random(7)
    for attempt in range(20):
        shuffled = rows[:]
        rng.shuffle(shuffled)
        for row in rng.sample(shuffled, 5):  # ties on level and day, blank references
            row.reference = None if attempt % 2 else row.reference
        expected = sorted(shuffled, key=row_urgency)
        sort_in_urgency_order(shuffled)
        assert [r.id for r in shuffled] == [r.id for r in expected]
    assert [r.id for r in sort_by_urgency(reversed(rows))] == [
        r.id for r in sorted(rows, key=row_urgency)
    ]


def test_client_status_and_bureau_names_are_those_the_case_refers_to(
    demo_connection: sqlite3.Connection,
) -> None:
    joined = {
        row[0]: row[1:]
        for row in demo_connection.execute(
            'SELECT c.id, o.name, o.name_kana, rs.name_ja, b.short_name_ja FROM "case" AS c'
            " JOIN organization AS o ON o.id = c.organization_id"
            " LEFT JOIN residence_status AS rs ON rs.id = c.residence_status_id"
            " LEFT JOIN bureau AS b ON b.id = c.bureau_id"
        )
    }
    for chosen in (None, sorted(joined)[5:12]):  # every case, and a few by id
        rows = read_case_list(demo_connection, today=TODAY, case_ids=chosen, fold_search=False)
        assert len(rows) == (len(joined) if chosen is None else len(chosen))
        for row in rows:
            client, client_kana, status_name, bureau_name = joined[row.id]
            assert (row.client, row.status_name, row.bureau_name) == (
                client,
                status_name,
                bureau_name,
            )
            assert row.search_text.split("\x1f")[-2:] == [client, client_kana]
    assert len({names[0] for names in joined.values()}) > 3
    assert all(names[2] and names[3] for names in joined.values())


def test_filters_by_id_and_leave_closed_cases_out_over_sqlite3(
    demo_database: Database, demo_connection: sqlite3.Connection
) -> None:
    every = _by_id(read_case_list(demo_connection, today=TODAY))
    some = sorted(every)[3:9]
    chosen = read_case_list(demo_connection, today=TODAY, case_ids=some)
    assert _by_id(chosen) == {key: every[key] for key in some}
    assert read_case_list(demo_connection, today=TODAY, case_ids=[]) == []
    # More ids than one statement binds: every row is read and the wanted ones kept.
    many = [*some, *range(10_000, 11_000)]
    assert _by_id(read_case_list(demo_connection, today=TODAY, case_ids=many)) == _by_id(chosen)
    open_only = read_case_list(demo_connection, today=TODAY, include_closed=False)
    assert open_only and len(open_only) < len(every)
    assert {r.id for r in open_only} == {
        r.id for r in list_cases(demo_database, today=TODAY, include_closed=False)
    }
    left_out = [every[key] for key in every.keys() - {r.id for r in open_only}]
    assert all(r.archived or r.assessment.level is Level.CLOSED for r in left_out)


def test_a_postgresql_session_connection_gives_the_rows_of_the_same_cases(
    pg_server: PostgresServer, demo_database: Database
) -> None:
    name = pg_server.create_database(template=TEMPLATE)
    try:
        server, _report = open_database(pg_server.url(name))
        try:
            fill_demo(server, today=TODAY)
            for today in DAYS:
                rows = list_cases(server, today=today, explain=True)
                local = {r.reference: r for r in list_cases(demo_database, today=today)}
                assert len(rows) == len(local) == 44
                for row in rows:
                    twin = local[row.reference]
                    assert row.assessment.level == twin.assessment.level, row.reference
                    assert row.assessment.next_check == twin.assessment.next_check
                    assert row.filing_date == twin.filing_date
                    assert row.last_inquiry == twin.last_inquiry
                    assert row.open_requests == twin.open_requests
                _same_as_details(server, rows, today)
            some = sorted(r.id for r in rows)[:5]
            assert {r.id for r in list_cases(server, today=TODAY, case_ids=some)} == set(some)
        finally:
            server.dispose()
    finally:
        pg_server.drop_database(name)


def test_text_that_is_not_utf8_is_replaced_not_raised(
    demo_database: Database, tmp_path: Path
) -> None:
    assert demo_database.path is not None
    conn = sqlite3.connect(demo_database.path)
    conn.execute(
        "UPDATE applicant SET family_name = CAST(X'4E475559FF454E' AS TEXT) "
        "WHERE id = (SELECT min(id) FROM applicant)"
    )
    conn.commit()
    conn.close()
    reader = read_only_conn(demo_database.path)
    reader.text_factory = LENIENT_TEXT
    try:
        names = [r.family_name for r in read_case_list(reader, today=TODAY)]
        # The first read decodes in C and fails on the damaged value; the connection keeps its
        # own lenient decoder for whatever reads it next.
        assert reader.text_factory is LENIENT_TEXT
        assert read_case_list(reader, today=TODAY)[0] is not None
    finally:
        reader.close()
    assert "NGUY\ufffdEN" in names

"""The persisted assessment store gives exactly what a fresh ``assess()`` gives: on a 10,000-case
synthetic database over a series of days, after edits through the services (inquiry, document
request, stage, residence card), a policy change, a benchmark change and a bulk import, on SQLite
and PostgreSQL; a damaged, missing or foreign row is recomputed, never trusted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.synthetic import build_database
from coetracker.domain.model import Assessment, Level, Stage
from coetracker.domain.workdays import business_days_between
from coetracker.services.assessment_store import refresh_assessment_store
from coetracker.services.cards import CardInput, get_card, save_card
from coetracker.services.caselist import list_cases, read_case_list, stale_case_ids
from coetracker.services.cases import get_case, update_case
from coetracker.services.csv_import import apply_import, read_import
from coetracker.services.demo import fill_demo
from coetracker.services.documents import add_request, mark_submitted
from coetracker.services.inquiries import log_inquiry
from coetracker.services.records import DocumentRequestInput, InquiryInput
from coetracker.services.settings import policy_of, save_policy
from coetracker.storage.dbapi import raw_connection
from coetracker.storage.engine import LENIENT_TEXT, Database, open_database
from tests.helpers.db import TODAY, read_only_conn
from tests.pgserver import TEMPLATE, PostgresServer
from tests.unit.test_import_bulk import synthetic_sheet

STORE_REVISION = "0010_assessment_store"
"""The revision that adds the store (the lead may re-chain it)."""

DAYS = (0, 0, 1, 2, 3, 4, 9, 31, 45, 80, 81, 200, 365)


def _fresh(db: Database, today: dt.date) -> dict[int, Assessment]:
    """Every case assessed from its facts, the store left aside."""
    with db.read_session() as session:
        rows = read_case_list(raw_connection(session), today=today, use_store=False)
    return {row.id: row.assessment for row in rows}


def _copy_of(synthetic_file: Path, tmp_path: Path) -> tuple[Path, Database]:
    """A copy of the synthetic database in ``tmp_path``, opened (the caller disposes of it)."""
    path = tmp_path / "copy.sqlite3"
    path.write_bytes(synthetic_file.read_bytes())
    db, _report = open_database(f"sqlite:///{path}")
    return path, db


def _from_store(path: Path, today: dt.date) -> dict[int, Assessment]:
    """Every case as the window's first read gives it on ``today``, the store used."""
    reader = read_only_conn(path)
    reader.text_factory = LENIENT_TEXT
    try:
        return {r.id: r.assessment for r in read_case_list(reader, today=today)}
    finally:
        reader.close()


def _listed(db: Database, today: dt.date) -> dict[int, Assessment]:
    return {row.id: row.assessment for row in list_cases(db, today=today)}


def _stored_count(db: Database) -> int:
    with db.read_session() as session:
        rows = raw_connection(session).cursor().execute("SELECT count(*) FROM assessment_store")
        return int(rows.fetchone()[0])


@pytest.fixture(scope="module")
def synthetic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "synthetic.sqlite3"
    build_database(path, 10_000, today=TODAY).dispose()
    return path


def test_the_store_matches_fresh_assessments_on_10000_cases_over_a_series_of_days(
    synthetic_file: Path, tmp_path: Path
) -> None:
    path, db = _copy_of(synthetic_file, tmp_path)
    try:
        reassessed = []
        for offset in DAYS:
            today = TODAY + dt.timedelta(days=offset)
            reassessed.append(refresh_assessment_store(db, today=today))
            from_store = _from_store(path, today)
            assert from_store == _fresh(db, today), today
        # The first day fills the store; the same day again assesses nothing; a new day only
        # the cases whose result (or a day count in its text) can have changed.
        assert reassessed[0] == 10_000
        assert reassessed[1] == 0
        next_days = reassessed[2:6]  # the days after one another (1, 2, 3, 4)
        assert all(0 < count < 10_000 * 0.05 for count in next_days), next_days
    finally:
        db.dispose()


def test_a_case_ready_since_its_filing_is_assessed_once_and_counts_its_days_when_read(
    synthetic_file: Path, tmp_path: Path
) -> None:
    path, db = _copy_of(synthetic_file, tmp_path)
    try:
        refresh_assessment_store(db, today=TODAY)
        filed_ago: dict[int, object] = {
            case_id: assessment.headline.params["days"]
            for case_id, assessment in _fresh(db, TODAY).items()
            if assessment.level is Level.READY and "filed" in assessment.headline.source
        }
        assert len(filed_ago) > 500
        with db.read_session() as session:
            stale = stale_case_ids(raw_connection(session), today=TODAY + dt.timedelta(days=1))
        assert not filed_ago.keys() & set(stale)
        later = TODAY + dt.timedelta(days=60)  # read without a refresh in between
        from_store = _from_store(path, later)
        assert from_store == _fresh(db, later)
        for case_id, days in filed_ago.items():
            assert isinstance(days, int)
            assert from_store[case_id].headline.params["days"] == days + 60
    finally:
        db.dispose()


def test_a_document_request_counts_its_business_days_when_read_not_reassessed_each_day(
    synthetic_file: Path, tmp_path: Path
) -> None:
    path, db = _copy_of(synthetic_file, tmp_path)
    try:
        refresh_assessment_store(db, today=TODAY)
        counting = {
            case_id: assessment
            for case_id, assessment in _fresh(db, TODAY).items()
            if assessment.level in (Level.DOCS_DUE, Level.DOCS_OVERDUE)
            and assessment.business_days_left is not None
        }
        assert sum(a.level is Level.DOCS_OVERDUE for a in counting.values()) > 50
        assert sum(a.level is Level.DOCS_DUE for a in counting.values()) > 200
        later = TODAY + dt.timedelta(days=3)  # a Friday, then a Monday: the counts move
        with db.read_session() as session:
            stale = set(stale_case_ids(raw_connection(session), today=later))
        kept = counting.keys() - stale
        # Only the requests whose headline turns on the way (due soon, overdue) are re-assessed;
        # an overdue one stays overdue, whatever its count.
        assert len(kept) > 0.6 * len(counting), (len(kept), len(counting))
        overdue = {key for key, found in counting.items() if found.level is Level.DOCS_OVERDUE}
        assert not overdue & stale
        from_store = _from_store(path, later)
        fresh = _fresh(db, later)
        moved = 0
        for case_id in kept:
            assert from_store[case_id] == fresh[case_id], case_id
            left, deadline = from_store[case_id].business_days_left, counting[case_id].deadline
            assert deadline is not None
            assert left == business_days_between(later, deadline)
            moved += left != counting[case_id].business_days_left
        assert moved > 0.8 * len(kept)
    finally:
        db.dispose()


def _edit_everything(db: Database, today: dt.date) -> None:
    """One edit of each kind the rules read, each through its service."""
    rows = sorted(list_cases(db, today=today), key=lambda r: r.id)
    waiting = next(r for r in rows if r.stage is Stage.FILED and r.open_requests == 0)
    log_inquiry(
        db,
        waiting.id,
        InquiryInput(made_at=dt.datetime.combine(today, dt.time(10)), channel="phone"),
        actor="test",
    )
    requested = next(r for r in rows if r.stage is Stage.FILED and r.id != waiting.id)
    request_id = add_request(
        db,
        requested.id,
        DocumentRequestInput(notice_date=today, deadline=today + dt.timedelta(days=10)),
        actor="test",
    )
    mark_submitted(db, request_id, on=today, method="post", expected_version=1, actor="test")
    staged = next(
        r for r in rows if r.stage is Stage.FILED and r.id not in {waiting.id, requested.id}
    )
    detail = get_case(db, staged.id, today=today)
    update_case(
        db,
        staged.id,
        dataclasses.replace(detail.values, stage=Stage.ISSUED, coe_issued_date=today),
        expected_version=detail.version_id,
        actor="test",
    )
    entered = next(r for r in rows if r.stage is Stage.ENTERED and not r.archived)
    person = get_case(db, entered.id, today=today).applicant.id
    card = get_card(db, person)
    save_card(
        db,
        person,
        CardInput(period_months=12, expiry_date=today + dt.timedelta(days=40)),
        expected_version=None if card is None else card.version_id,
        actor="test",
        case_id=entered.id,
    )


def test_edits_through_the_services_void_what_they_change_and_nothing_else(
    demo_database: Database,
) -> None:
    db = demo_database
    assert refresh_assessment_store(db, today=TODAY) == 44
    before = _stored_count(db)
    _edit_everything(db, TODAY)
    assert _listed(db, TODAY) == _fresh(db, TODAY)
    voided = before - _stored_count(db)
    assert 4 <= voided < 20  # the edited cases and their people's
    assert refresh_assessment_store(db, today=TODAY) == voided
    assert _stored_count(db) == before
    assert _listed(db, TODAY) == _fresh(db, TODAY)


def test_policy_benchmark_and_bulk_import_void_the_rows_they_change(
    demo_database: Database,
) -> None:
    db = demo_database
    refresh_assessment_store(db, today=TODAY)
    policy = policy_of(db)
    save_policy(db, dataclasses.replace(policy, ready_factor=policy.ready_factor + 0.5), actor="t")
    assert _listed(db, TODAY) == _fresh(db, TODAY)
    assert refresh_assessment_store(db, today=TODAY) == 44

    with db.write_session() as session:
        connection = raw_connection(session)
        connection.cursor().execute(
            "UPDATE processing_benchmark SET average_days = average_days + 30"
        )
    assert _listed(db, TODAY) == _fresh(db, TODAY)
    assert refresh_assessment_store(db, today=TODAY) == 44

    apply_import(db, read_import(db, synthetic_sheet(30)), actor="test")
    assert _listed(db, TODAY) == _fresh(db, TODAY)
    assert refresh_assessment_store(db, today=TODAY) >= 30


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE assessment_store SET body = 'garbage'",
        "UPDATE assessment_store SET body = replace(body, '2026', '2031')",
        "UPDATE assessment_store SET stamp = 'not ours'",
        "UPDATE assessment_store SET valid_until = '2099-01-01'",
        "UPDATE assessment_store SET assessed_on = '1999-01-01', digest = 'x'",
        "UPDATE assessment_store SET digest = substr(digest, 1, 24) || '00000000'",
        "UPDATE assessment_store SET digest ="
        " CASE substr(digest, 1, 1) WHEN '0' THEN '1' ELSE '0' END || substr(digest, 2)",
        "UPDATE assessment_store SET assessed_on = date(assessed_on, '-1 day')",
        "DELETE FROM assessment_store WHERE case_id % 3 = 0",
        "DROP TABLE assessment_store",
    ],
)
def test_a_damaged_or_missing_store_is_recomputed_never_trusted(
    demo_database: Database, damage: str
) -> None:
    db = demo_database
    refresh_assessment_store(db, today=TODAY)
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(damage)
    conn.commit()
    conn.close()
    for offset in (0, 1, 40):
        today = TODAY + dt.timedelta(days=offset)
        assert _listed(db, today) == _fresh(db, today)
    if "UPDATE" in damage and "replace(" not in damage:  # every row damaged: none is used
        with db.read_session() as session:
            assert len(stale_case_ids(raw_connection(session), today=TODAY)) == 44
    if "DROP" not in damage:
        refresh_assessment_store(db, today=TODAY)
        assert _stored_count(db) == 44


def test_reading_never_writes(demo_database: Database) -> None:
    assert demo_database.path is not None
    reader = read_only_conn(demo_database.path)
    try:
        assert len(read_case_list(reader, today=TODAY)) == 44
    finally:
        reader.close()
    assert _stored_count(demo_database) == 0


@pytest.fixture
def server_db(pg_server: PostgresServer) -> Iterator[Database]:
    name = pg_server.create_database(template=TEMPLATE)
    database, _report = open_database(pg_server.url(name))
    try:
        fill_demo(database, today=TODAY)
        yield database
    finally:
        database.dispose()
        pg_server.drop_database(name)


def test_the_store_on_postgresql_matches_and_its_triggers_void_edited_cases(
    server_db: Database,
) -> None:
    db = server_db
    assert refresh_assessment_store(db, today=TODAY) == 44
    assert refresh_assessment_store(db, today=TODAY) == 0
    assert _listed(db, TODAY) == _fresh(db, TODAY)
    before = _stored_count(db)
    _edit_everything(db, TODAY)
    assert before - _stored_count(db) >= 4
    assert _listed(db, TODAY) == _fresh(db, TODAY)
    policy = policy_of(db)
    save_policy(db, dataclasses.replace(policy, inquiry_cooldown_days=5), actor="t")
    assert _stored_count(db) == 0
    for offset in (0, 1, 31):
        today = TODAY + dt.timedelta(days=offset)
        refresh_assessment_store(db, today=today)
        assert _listed(db, today) == _fresh(db, today)


PREVIOUS_REVISION = "0009_certificate_delivery"


def _all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    raw = sqlite3.connect(path)
    try:
        tables = [
            str(name)
            for (name,) in raw.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT IN ('alembic_version', 'assessment_store')"
            )
        ]
        return {t: raw.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        raw.close()


def test_the_migration_keeps_every_row_and_value_and_starts_with_an_empty_store(
    tmp_path: Path,
) -> None:
    from alembic import command

    from coetracker.storage import migrate
    from coetracker.storage.engine import create_database_engine

    path = tmp_path / "old.sqlite3"
    engine = create_database_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), PREVIOUS_REVISION)
    old = Database(engine, path=path)
    fill_demo(old, today=TODAY)
    engine.dispose()
    before = _all_rows(path)
    assert len(before["case"]) == 44

    database, report = open_database(f"sqlite:///{path}", backup=lambda p, r: None)
    try:
        assert report.revision_before == PREVIOUS_REVISION
        assert STORE_REVISION in migrate.revision_graph()
        assert _all_rows(path) == before
        assert _stored_count(database) == 0
        assert _listed(database, TODAY) == _fresh(database, TODAY)
        assert refresh_assessment_store(database, today=TODAY) == 44
    finally:
        database.dispose()


def test_a_refresh_in_small_chunks_stores_every_case_and_an_edit_between_chunks_is_seen(
    demo_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coetracker.services import assessment_store, caselist

    db = demo_database
    monkeypatch.setattr(assessment_store, "REFRESH_CHUNK", 5)
    rows = sorted(list_cases(db, today=TODAY), key=lambda r: r.id)
    filed = next(r for r in rows[30:] if r.stage is Stage.FILED)
    found = caselist.stale_case_ids

    def edit_after_finding(connection: object, *, today: dt.date) -> list[int]:
        stale = found(connection, today=today)  # type: ignore[arg-type]
        log_inquiry(  # another user's edit, after the stale cases were found
            db,
            filed.id,
            InquiryInput(made_at=dt.datetime.combine(TODAY, dt.time(9)), channel="phone"),
            actor="other",
        )
        return stale

    monkeypatch.setattr(caselist, "stale_case_ids", edit_after_finding)
    assert refresh_assessment_store(db, today=TODAY) == 44
    assert _stored_count(db) == 44
    assert _listed(db, TODAY) == _fresh(db, TODAY)

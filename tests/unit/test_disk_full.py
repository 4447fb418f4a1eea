"""Disk full while saving, simulated with ``PRAGMA max_page_count`` on every connection: the save
raises :class:`~coetracker.errors.DiskFullError` (one clear sentence, no SQL, no parameters), the
database is unchanged and intact, and saving works again once there is room. A lock held too
long is classified at the same place (``Database.write_session``)."""

from __future__ import annotations

import dataclasses
import sqlite3
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import ConnectionPoolEntry

from coetracker.errors import DatabaseLockedError, DiskFullError
from coetracker.paths import AppPaths
from coetracker.services.cases import create_case, get_case, update_case
from coetracker.services.records import ApplicantInput
from coetracker.storage.engine import Database
from coetracker.storage.models import Case
from tests.helpers.db import TODAY, add_cases, app_paths, case_input, open_db

CANARY_NAME = "CANARYNAME"
CANARY_PASSPORT = "ZZ9876543"
BIG_NOTES = "資料の控え。" * 1_600  # 9,600 characters (the cap is 10,000), about 29 KB: far more
# pages than the limit allows


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def on_every_connection(db: Database, statement: str) -> None:
    """Run ``statement`` on each new connection of ``db`` (existing ones are closed first)."""

    def run(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.execute(statement)

    event.listen(db.engine, "connect", run)
    db.dispose()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return app_paths(tmp_path)


@pytest.fixture
def full(paths: AppPaths) -> Iterator[Database]:
    """A database with three cases whose file may not grow by more than two pages."""
    db = open_db(paths)
    add_cases(db, 3)
    with db.engine.connect() as connection:
        pages = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    on_every_connection(db, f"PRAGMA max_page_count={pages + 2}")
    yield db
    db.dispose()


def canary_input(index: int) -> Any:
    data = case_input(index)
    return dataclasses.replace(
        data,
        applicant=ApplicantInput(
            family_name=CANARY_NAME, given_name="HANAKO", passport_number=CANARY_PASSPORT
        ),
        notes=BIG_NOTES,
    )


def assert_clean(error: BaseException) -> None:
    shown = "".join(traceback.format_exception(error))
    for secret in (CANARY_NAME, CANARY_PASSPORT, "INSERT", "UPDATE", "[parameters"):
        assert secret not in str(error)
        assert secret not in shown, shown
    assert error.__cause__ is None and error.__suppress_context__


def test_a_new_case_on_a_full_disk_is_refused_and_nothing_changes(paths: AppPaths, full: Database):
    assert paths.db_path is not None
    before = dump(paths.db_path)

    with pytest.raises(DiskFullError) as caught:
        create_case(full, canary_input(10), actor="test")

    assert "disk is full" in str(caught.value) and "unchanged" in str(caught.value)
    assert "SQLITE_FULL" in caught.value.detail
    assert_clean(caught.value)
    full.dispose()
    assert integrity(paths.db_path) == ["ok"]
    assert dump(paths.db_path) == before


def test_an_edit_on_a_full_disk_is_refused_and_the_stored_case_is_unchanged(
    paths: AppPaths, full: Database
):
    assert paths.db_path is not None
    with full.read_session() as session:
        case_id = session.query(Case.id).order_by(Case.id).limit(1).scalar()
    assert case_id is not None
    detail = get_case(full, case_id, today=TODAY)
    before = dump(paths.db_path)

    with pytest.raises(DiskFullError) as caught:
        update_case(
            full,
            case_id,
            canary_input(0),
            expected_version=detail.version_id,
            actor="test",
        )

    assert_clean(caught.value)
    full.dispose()
    assert integrity(paths.db_path) == ["ok"]
    assert dump(paths.db_path) == before
    assert get_case(full, case_id, today=TODAY).version_id == detail.version_id


def test_after_room_is_made_the_same_save_succeeds(paths: AppPaths, full: Database):
    with pytest.raises(DiskFullError):
        create_case(full, canary_input(20), actor="test")
    full.dispose()
    roomy = open_db(paths)  # a new engine: no page limit
    try:
        case_id = create_case(roomy, canary_input(20), actor="test")
        assert get_case(roomy, case_id, today=TODAY).values.notes == BIG_NOTES
    finally:
        roomy.dispose()
    assert paths.db_path is not None
    assert integrity(paths.db_path) == ["ok"]


def test_a_lock_held_too_long_is_classified_without_parameters(paths: AppPaths):
    db = open_db(paths)
    add_cases(db, 1)
    on_every_connection(db, "PRAGMA busy_timeout=0")
    assert paths.db_path is not None
    holder = sqlite3.connect(paths.db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError) as caught:
            create_case(db, canary_input(30), actor="test")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        db.dispose()
    assert "busy" in str(caught.value)
    assert_clean(caught.value)


def test_a_programming_error_is_not_disguised(paths: AppPaths):
    db = open_db(paths)
    try:
        with pytest.raises(IntegrityError), db.write_session() as session:
            session.add(Case(organization_id=9999, applicant_id=9999, stage="preparing"))
            session.flush()
    finally:
        db.dispose()

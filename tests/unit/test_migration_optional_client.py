"""Migration 0011: a case's client company becomes optional; every row keeps every value."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from coetracker.storage import migrate
from coetracker.storage.engine import create_database_engine
from tests.pgserver import PostgresServer

REVISION = "0011_optional_client"
PREVIOUS = "0010_assessment_store"  # the revision this one follows
APPLICATION_ID = 0x434F4554  # any value: the rebuild must not touch the file header


def _upgrade(url: str, target: str, *, foreign_keys_off: bool = True) -> None:
    engine = create_database_engine(url)
    try:
        with engine.connect() as connection:
            if foreign_keys_off:
                with migrate.foreign_keys_off(connection), connection.begin():
                    command.upgrade(migrate.alembic_config(connection), target)
            else:
                with connection.begin():
                    command.upgrade(migrate.alembic_config(connection), target)
    finally:
        engine.dispose()


FILL = [
    "UPDATE bureau SET phone = '03-5796-7111', version_id = 4 WHERE code = 'tokyo'",
    "INSERT INTO organization (id, name, prefecture, version_id)"
    " VALUES (1, '株式会社テスト', '埼玉県', 3)",
    "INSERT INTO applicant (id, family_name, given_name, passport_number, version_id)"
    " VALUES (1, 'SANTOS', 'MARIA', 'P1234567', 2)",
    'INSERT INTO "case" (id, reference, organization_id, applicant_id, bureau_id, channel,'
    " filing_date, application_number, stage, notes, archived, version_id, procedure,"
    " agent_name, agent_prefecture, coe_receipt_registered_on)"
    " VALUES (1, 'R-1', 1, 1, (SELECT id FROM bureau WHERE code = 'tokyo'), 'counter',"
    " '2026-10-01', '東永認T26-1', 'filed', '配偶者は佐藤', false, 5, 'coe', '佐藤 一郎', '埼玉県',"
    " '2026-11-02')",
    "INSERT INTO inquiry (id, case_id, made_at, channel, outcome, reason, imported, version_id)"
    " VALUES (1, 1, '2026-11-01 10:00:00', 'phone', 'under_review', 'other', false, 1)",
    "INSERT INTO document_request (id, case_id, notice_date, deadline, imported, version_id)"
    " VALUES (1, 1, '2026-10-20', '2026-11-03', false, 1)",
]


def _at_previous_revision(path: Path) -> None:
    _upgrade(f"sqlite:///{path}", PREVIOUS)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys=ON")
    raw.execute(f"PRAGMA application_id={APPLICATION_ID}")
    for statement in FILL:
        raw.execute(statement)
    raw.commit()
    raw.close()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


USER_TABLES = ("case", "organization", "applicant", "inquiry", "document_request", "bureau")


def _snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return {table: _rows(path, f'SELECT * FROM "{table}" ORDER BY id') for table in USER_TABLES}


def _not_null(path: Path, column: str) -> bool:
    for row in _rows(path, 'PRAGMA table_info("case")'):
        if row[1] == column:
            return bool(row[3])
    raise AssertionError(column)


def _indexes(path: Path) -> set[str]:
    return {str(row[1]) for row in _rows(path, 'PRAGMA index_list("case")')}


def test_sqlite_rows_indexes_and_header_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _at_previous_revision(path)
    before = _snapshot(path)
    indexes_before = _indexes(path)
    assert _not_null(path, "organization_id")

    _upgrade(f"sqlite:///{path}", REVISION)

    assert not _not_null(path, "organization_id")
    after = _snapshot(path)
    assert {t: after[t] for t in USER_TABLES if t != "bureau"} == {
        t: before[t] for t in USER_TABLES if t != "bureau"
    }
    assert after["bureau"][: len(before["bureau"])] == before["bureau"]
    assert _indexes(path) == indexes_before
    assert {"ix_case_organization_id", "ix_case_application_number"} <= indexes_before
    assert _rows(path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert _rows(path, "PRAGMA foreign_key_check") == []
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    # the rebuilt table has the assessment store's triggers again: an edit still invalidates
    case_triggers = {
        name
        for (name,) in _rows(
            path, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'case'"
        )
    }
    assert case_triggers == {
        f"trg_assessment_store_case_{event}" for event in ("insert", "update", "delete")
    }
    # the foreign keys still hold after the rebuild
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute('UPDATE "case" SET organization_id = 99')
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute(
            "INSERT INTO inquiry (case_id, made_at, channel, imported)"
            " VALUES (7, '2026-11-01', 'x', 0)"
        )
    raw.execute('UPDATE "case" SET organization_id = NULL')  # now allowed
    raw.rollback()
    raw.close()


def test_sqlite_upgrade_with_foreign_keys_on_refuses_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _at_previous_revision(path)
    before = _snapshot(path)
    with pytest.raises(RuntimeError, match="foreign keys off"):
        _upgrade(f"sqlite:///{path}", REVISION, foreign_keys_off=False)
    assert _snapshot(path) == before
    assert _rows(path, "SELECT version_num FROM alembic_version") == [(PREVIOUS,)]


def test_the_app_upgrade_keeps_inquiries_and_leaves_foreign_keys_on(tmp_path: Path) -> None:
    from coetracker.storage.engine import open_database

    path = tmp_path / "old.sqlite3"
    _at_previous_revision(path)
    before = _snapshot(path)
    database, report = open_database(f"sqlite:///{path}")
    try:
        assert report.revision_before == PREVIOUS
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        database.dispose()
    after = _snapshot(path)
    assert after["inquiry"] == before["inquiry"]
    assert after["document_request"] == before["document_request"]
    assert after["case"] == before["case"]


def test_downgrade_refuses_while_a_case_has_no_client(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _at_previous_revision(path)
    _upgrade(f"sqlite:///{path}", REVISION)
    raw = sqlite3.connect(path)
    raw.execute('UPDATE "case" SET organization_id = NULL')
    raw.commit()
    raw.close()
    with pytest.raises(RuntimeError, match="no client company"):
        _upgrade_down(path)
    raw = sqlite3.connect(path)
    raw.execute('UPDATE "case" SET organization_id = 1')
    raw.commit()
    raw.close()
    _upgrade_down(path)
    assert _not_null(path, "organization_id")
    assert _rows(path, "SELECT count(*) FROM inquiry") == [(1,)]


def _upgrade_down(path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{path}")
    try:
        with (
            engine.connect() as connection,
            migrate.foreign_keys_off(connection),
            connection.begin(),
        ):
            command.downgrade(migrate.alembic_config(connection), PREVIOUS)
    finally:
        engine.dispose()


def test_postgresql_drops_the_constraint_and_keeps_rows(pg_server: PostgresServer) -> None:
    url = pg_server.url(pg_server.create_database())
    _upgrade(url, PREVIOUS)
    engine = create_database_engine(url)
    try:
        with engine.begin() as connection:
            for statement in FILL:
                connection.exec_driver_sql(statement)
        with engine.connect() as connection:
            before = {
                t: connection.exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY id').all()
                for t in USER_TABLES
            }
        _upgrade(url, REVISION)
        with engine.connect() as connection:
            after = {
                t: connection.exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY id').all()
                for t in USER_TABLES
            }
            nullable = connection.execute(
                sa.text(
                    "SELECT is_nullable FROM information_schema.columns"
                    " WHERE table_name = 'case' AND column_name = 'organization_id'"
                )
            ).scalar_one()
        assert nullable == "YES"
        assert {t: after[t] for t in USER_TABLES if t != "bureau"} == {
            t: before[t] for t in USER_TABLES if t != "bureau"
        }
        assert after["bureau"][: len(before["bureau"])] == before["bureau"]
    finally:
        engine.dispose()


def test_a_reference_already_dangling_is_kept_and_does_not_block_the_upgrade(
    tmp_path: Path,
) -> None:
    path = tmp_path / "damaged.sqlite3"
    _at_previous_revision(path)
    raw = sqlite3.connect(path)  # foreign keys off: what a damaged file may hold
    raw.execute(
        "INSERT INTO inquiry (id, case_id, made_at, channel, imported)"
        " VALUES (9, 42, '2026-11-02 09:00:00', 'phone', 0)"
    )
    raw.commit()
    raw.close()
    dangling = _rows(path, "PRAGMA foreign_key_check")
    assert dangling
    _upgrade(f"sqlite:///{path}", REVISION)
    assert _rows(path, "PRAGMA foreign_key_check") == dangling  # for `coetracker check`
    assert _rows(path, "SELECT id FROM inquiry ORDER BY id") == [(1,), (9,)]


def test_foreign_keys_come_back_on_after_a_failed_migration(tmp_path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.connect() as connection:
            with (
                pytest.raises(RuntimeError, match="boom"),
                migrate.foreign_keys_off(connection),
                connection.begin(),
            ):
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
                raise RuntimeError("boom")
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()

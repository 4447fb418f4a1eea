"""Migration 0006: existing COE cases keep every value; procedures and residence cards arrive."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from coetracker.storage import migrate
from coetracker.storage.engine import create_database_engine, open_database


def _at_previous_revision(path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0006_advice")
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys=ON")
    raw.execute("INSERT INTO organization (id, name, version_id) VALUES (1, '株式会社テスト', 3)")
    raw.execute(
        "INSERT INTO applicant (id, family_name, given_name, passport_number, birth_date,"
        " version_id) VALUES (1, 'NGUYEN', 'VAN AN', 'C1234567', '1995-04-01', 2)"
    )
    raw.execute(
        'INSERT INTO "case" (id, reference, organization_id, applicant_id, channel, filing_date,'
        " application_number, stage, coe_issued_date, entry_date, notes, archived, version_id)"
        " VALUES (1, 'R-1', 1, 1, 'counter', '2025-01-10', '東就T12-345', 'entered',"
        " '2025-03-01', '2025-04-02', 'メモ', 0, 7)"
    )
    raw.execute(
        "INSERT INTO inquiry (case_id, made_at, channel, answer, imported, version_id)"
        " VALUES (1, '2025-02-20 10:00:00', 'phone', '審査中', 0, 1)"
    )
    raw.commit()
    raw.close()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


def test_existing_cases_keep_every_value_and_become_coe_cases(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _at_previous_revision(path)
    case_before = _rows(path, 'SELECT * FROM "case"')
    inquiries_before = _rows(path, "SELECT * FROM inquiry")
    applicants_before = _rows(path, "SELECT * FROM applicant")

    database, report = open_database(f"sqlite:///{path}", backup=lambda p, r: None)
    database.dispose()
    assert report.revision_after == migrate.head_revision()

    columns = [row[1] for row in _rows(path, 'PRAGMA table_info("case")')]
    after = _rows(path, 'SELECT * FROM "case"')
    assert len(after) == 1
    by_name = dict(zip(columns, after[0], strict=True))
    assert by_name["procedure"] == "coe"
    old_columns = columns[: len(case_before[0])]
    assert tuple(by_name[c] for c in old_columns) == case_before[0]
    assert _rows(path, "SELECT * FROM inquiry") == inquiries_before
    assert _rows(path, "SELECT * FROM applicant") == applicants_before
    assert _rows(path, "SELECT count(*) FROM residence_card") == [(0,)]
    assert _rows(path, "PRAGMA foreign_key_check") == []

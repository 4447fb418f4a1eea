"""Migration 0008: branch offices and the 代理人 arrive; every existing row keeps every value."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from coetracker.storage import migrate
from coetracker.storage.engine import create_database_engine

REVISION = "0008_offices_agents"
PREVIOUS = "0007_procedures"  # the revision this one follows (re-chained at merge if needed)


def _engine_upgrade(path: Path, target: str) -> None:
    engine = create_database_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), target)
    engine.dispose()


def _at_previous_revision(path: Path) -> None:
    _engine_upgrade(path, PREVIOUS)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys=ON")
    raw.execute("UPDATE bureau SET phone = '03-5796-7111', version_id = 4 WHERE code = 'tokyo'")
    raw.execute(
        "INSERT INTO organization (id, name, prefecture, version_id)"
        " VALUES (1, '株式会社テスト', '埼玉県', 3)"
    )
    raw.execute(
        "INSERT INTO applicant (id, family_name, given_name, passport_number, version_id)"
        " VALUES (1, 'SANTOS', 'MARIA', 'P1234567', 2)"
    )
    raw.execute(
        'INSERT INTO "case" (id, reference, organization_id, applicant_id, bureau_id, channel,'
        " filing_date, application_number, stage, notes, archived, version_id, procedure)"
        " VALUES (1, 'R-1', 1, 1, (SELECT id FROM bureau WHERE code = 'tokyo'), 'counter',"
        " '2026-10-01', '東永認T26-1', 'filed', '配偶者は佐藤', 0, 5, 'coe')"
    )
    raw.commit()
    raw.close()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


def _columns(path: Path, table: str) -> list[str]:
    return [str(row[1]) for row in _rows(path, f'PRAGMA table_info("{table}")')]


def test_existing_rows_keep_every_value_and_branches_are_added(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _at_previous_revision(path)
    cases_before = _rows(path, 'SELECT * FROM "case"')
    bureaus_before = _rows(path, "SELECT * FROM bureau ORDER BY id")
    prefectures_before = _rows(path, "SELECT * FROM prefecture ORDER BY id")

    _engine_upgrade(path, REVISION)

    columns = _columns(path, "case")
    (after,) = _rows(path, 'SELECT * FROM "case"')
    by_name = dict(zip(columns, after, strict=True))
    assert tuple(by_name[c] for c in columns[: len(cases_before[0])]) == cases_before[0]
    assert [by_name[c] for c in columns[len(cases_before[0]) :]] == [None] * 4
    assert set(columns[len(cases_before[0]) :]) == {
        "agent_name",
        "agent_relationship",
        "agent_prefecture",
        "agent_address",
    }

    bureaus_after = _rows(path, "SELECT * FROM bureau ORDER BY id")
    width = len(bureaus_before[0])
    assert [row[:width] for row in bureaus_after[: len(bureaus_before)]] == bureaus_before
    assert all(row[width] is None for row in bureaus_after[: len(bureaus_before)])
    added = _rows(
        path,
        "SELECT b.code, b.kind, p.code, b.accepts_coe, b.inquiry_policy, b.area_served"
        " FROM bureau b JOIN bureau p ON p.id = b.parent_id WHERE b.kind = 'branch' ORDER BY b.id",
    )
    assert added == [
        ("saitama", "branch", "tokyo", 1, "specific_matters", "埼玉県"),
        ("tachikawa", "branch", "tokyo", 1, "specific_matters", "東京都"),
        ("kawasaki", "branch", "yokohama", 1, "specific_matters", "神奈川県"),
        ("otsu", "branch", "osaka", 1, "specific_matters", "滋賀県"),
        ("oita", "branch", "fukuoka", 1, "specific_matters", None),
    ]
    assert _rows(path, "SELECT * FROM prefecture ORDER BY id") == prefectures_before
    assert _rows(path, "PRAGMA foreign_key_check") == []


def test_downgrade_keeps_a_branch_a_case_names(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _at_previous_revision(path)
    _engine_upgrade(path, REVISION)
    raw = sqlite3.connect(path)
    raw.execute(
        "UPDATE \"case\" SET bureau_id = (SELECT id FROM bureau WHERE code = 'saitama'),"
        " agent_name = '佐藤 一郎'"
    )
    raw.commit()
    raw.close()
    engine = create_database_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), PREVIOUS)
    engine.dispose()
    assert "agent_name" not in _columns(path, "case")
    assert "area_served" not in _columns(path, "bureau")
    assert _rows(path, "SELECT code FROM bureau WHERE kind = 'branch'") == [("saitama",)]
    assert _rows(path, 'SELECT b.code FROM "case" c JOIN bureau b ON b.id = c.bureau_id') == [
        ("saitama",)
    ]

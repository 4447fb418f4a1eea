"""Migration 0006_advice on a database made at the previous revision (0005): every row and value
kept; "phone" policies become specific-matter ones; existing inquiries get the reason "other"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from coetracker.storage import migrate
from coetracker.storage.engine import create_database_engine

PREVIOUS = "0005_ledger"
WINDOW = "policy.urgency_window_days"


def _make_previous(path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), PREVIOUS)
    engine.dispose()
    con = sqlite3.connect(path)
    con.executescript(
        """
        INSERT INTO organization (id, name) VALUES (1, '株式会社さくら');
        INSERT INTO applicant (id, family_name, name_kanji) VALUES (1, 'NGUYEN', '阮');
        INSERT INTO "case" (id, organization_id, applicant_id, stage, archived, filing_date,
                            application_number, planned_entry_date)
            VALUES (1, 1, 1, 'filed', 0, '2026-01-10', '阪永認T12-345', '2026-06-01');
        INSERT INTO inquiry (id, case_id, made_at, channel, imported, outcome, follow_up_date,
                             question)
            VALUES (1, 1, '2026-03-02 10:30:00.000000', 'phone', 0, 'not_reached', '2026-03-09',
                    '提出資料の到着確認'),
                   (2, 1, '2026-03-09 11:00:00.000000', 'counter', 1, NULL, NULL, NULL);
        UPDATE bureau SET inquiry_policy = 'counter_only' WHERE id = 2;
        UPDATE bureau SET inquiry_policy = 'none' WHERE id = 3;
        """
    )
    con.commit()
    con.close()


def _dump(path: Path) -> dict[str, list[dict[str, object]]]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    tables = [
        name
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    dump = {
        table: [dict(row) for row in con.execute(f'SELECT * FROM "{table}" ORDER BY rowid')]
        for table in tables
        if table != "alembic_version"
    }
    con.close()
    return dump


def test_migration_keeps_every_row_and_value(tmp_path: Path) -> None:
    path = tmp_path / "previous.sqlite3"
    _make_previous(path)
    before = _dump(path)
    engine = create_database_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # this revision's own effect; later ones add rows
        command.upgrade(migrate.alembic_config(connection), "0006_advice")
    engine.dispose()
    after = _dump(path)

    expected_policy = {"phone": "specific_matters", "counter_only": "counter_only", "none": "none"}
    for table, rows in before.items():
        if table == "processing_benchmark":  # newer months are added after the existing rows
            assert len(after[table]) == len(rows) + 6
        else:
            assert len(after[table]) == len(rows), table
        for old, new in zip(rows, after[table], strict=False):
            for column, value in old.items():
                if table == "bureau" and column == "inquiry_policy":
                    assert new[column] == expected_policy[str(value)]
                elif table == "setting" and column == "value" and old["key"] == WINDOW:
                    assert (value, new[column]) == ("30", "45")  # the seeded default only
                else:
                    assert new[column] == value, (table, column)
    assert [row["reason"] for row in after["inquiry"]] == ["other", "other"]
    assert {row["procedure"] for row in after["processing_benchmark"]} == {"在留資格認定"}
    added = {(row["period"], row["average_days"]) for row in after["processing_benchmark"][-6:]}
    assert ("2025-12", 64.1) in added and ("2025-06", 124.8) in added
    assert {row["inquiry_policy"] for row in after["bureau"]} == {
        "specific_matters",
        "counter_only",
        "none",
    }


def test_an_edited_urgency_window_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "previous.sqlite3"
    _make_previous(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE setting SET value = '60' WHERE key = 'policy.urgency_window_days'")
    con.commit()
    con.close()
    engine = create_database_engine(f"sqlite:///{path}")
    with (
        engine.connect() as connection,
        migrate.foreign_keys_off(connection),
        connection.begin(),
    ):
        migrate.upgrade_to_head(connection)
    engine.dispose()
    con = sqlite3.connect(path)
    window = con.execute("SELECT value FROM setting WHERE key = 'policy.urgency_window_days'")
    assert window.fetchone() == ("60",)
    con.close()

"""Erasing a person: personal data out of the applicant row and the audit trail, the case kept,
refused while the ledger must still be kept. Real SQLite files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from coetracker.services.erasure import ERASED, ErasureRefusedError, erase_applicant
from coetracker.services.opening import open_app_database
from tests.helpers.db import add_cases, app_paths


def test_erasure_waits_for_the_retention_then_clears_the_person_and_the_history(
    tmp_path: Path,
):
    paths = app_paths(tmp_path)
    db = open_app_database(paths).database
    try:
        add_cases(db, 2)
        assert paths.db_path is not None
        with sqlite3.connect(paths.db_path) as conn:
            applicant = conn.execute('SELECT applicant_id FROM "case" ORDER BY id').fetchone()[0]
            conn.execute(
                "UPDATE applicant SET passport_number='TK1234567', birth_date='1990-01-02' "
                "WHERE id=?",
                (applicant,),
            )
            conn.execute(
                "INSERT INTO audit_event (at, action, entity, entity_id, field, old_value, "
                "new_value, created_at, updated_at) VALUES ('2020-01-01', 'update', "
                "'applicant', ?, 'passport_number', 'OLD9999', 'TK1234567', '2020-01-01', "
                "'2020-01-01')",
                (applicant,),
            )
        conn.close()
        today = dt.date(2026, 11, 27)
        with pytest.raises(ErasureRefusedError):  # the case is open
            erase_applicant(db, applicant, today=today)

        with sqlite3.connect(paths.db_path) as conn:
            conn.execute(
                "UPDATE \"case\" SET stage='entered', updated_at='2024-06-01' WHERE applicant_id=?",
                (applicant,),
            )
        conn.close()
        with pytest.raises(ErasureRefusedError):  # closed less than two years ago
            erase_applicant(db, applicant, today=dt.date(2026, 5, 31))

        result = erase_applicant(db, applicant, today=today)
        assert result.audit_values_cleared >= 1
    finally:
        db.dispose()
    raw = paths.db_path.read_bytes()
    assert b"TK1234567" not in raw and b"OLD9999" not in raw  # secure_delete zeroes the pages
    wal = paths.db_path.with_name(paths.db_path.name + "-wal")
    assert not wal.exists() or b"OLD9999" not in wal.read_bytes()
    with sqlite3.connect(paths.db_path) as conn:
        row = conn.execute(
            "SELECT family_name, passport_number, birth_date FROM applicant WHERE id=?",
            (applicant,),
        ).fetchone()
        assert row == (ERASED, None, None)
        assert conn.execute('SELECT count(*) FROM "case"').fetchone()[0] == 2
    conn.close()

"""One invalid UTF-8 byte in a text column (a flipped bit) is shown with a replacement
character and reported by ``check``: never a traceback, never the value in an error."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from coetracker.paths import AppPaths
from coetracker.services.caselist import list_cases
from coetracker.services.csv_export import export_cases
from coetracker.services.opening import check_database, open_app_database
from tests.helpers.db import add_cases, app_paths

TODAY = dt.date(2026, 11, 27)


def flip_a_name(paths: AppPaths) -> None:
    assert paths.db_path is not None
    conn = sqlite3.connect(paths.db_path)
    conn.execute(
        "UPDATE applicant SET family_name = CAST(X'4E475559FF454E' AS TEXT) "
        "WHERE id = (SELECT min(id) FROM applicant)"
    )
    conn.commit()
    conn.close()


def test_undecodable_text_is_shown_replaced_exported_and_reported(tmp_path: Path):
    paths = app_paths(tmp_path)
    db = open_app_database(paths).database
    add_cases(db, 3)
    db.dispose()
    flip_a_name(paths)

    db = open_app_database(paths).database
    try:
        names = [row.applicant_name for row in list_cases(db, today=TODAY, include_closed=True)]
        assert any("NGUY\ufffdEN" in name for name in names)
        export_cases(db, tmp_path / "out.csv", today=TODAY)
    finally:
        db.dispose()
    assert "NGUY\ufffdEN" in (tmp_path / "out.csv").read_bytes().decode("utf-8-sig")

    report = check_database(paths)
    assert not report.ok
    text = "\n".join(line.render() for line in report.lines)
    assert "Unreadable text: 1 values in applicant" in text
    assert "NGUY" not in text

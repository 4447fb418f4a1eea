"""The ledger revision on a database made at the revision before it: every row stays."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command

from coetracker.services import ledger
from coetracker.storage import migrate
from coetracker.storage.engine import create_database_engine, open_database

LEDGER = next(
    script
    for script in migrate.script_directory().walk_revisions()
    if script.revision.endswith("_ledger")
)


def test_upgrade_keeps_existing_cases_and_adds_empty_books(tmp_path: Path) -> None:
    path = tmp_path / "before.sqlite3"
    engine = create_database_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), str(LEDGER.down_revision))
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO organization (id, name) VALUES (1, '株式会社さくら精工')")
    raw.execute("INSERT INTO applicant (id, family_name) VALUES (1, 'NGUYEN')")
    raw.execute(
        'INSERT INTO "case" (id, reference, organization_id, applicant_id, stage, archived) '
        "VALUES (1, '25-0007', 1, 1, 'filed', 0)"
    )
    raw.commit()
    before = raw.execute('SELECT * FROM "case"').fetchall()
    raw.close()

    database, report = open_database(f"sqlite:///{path}")
    try:
        assert report.revision_after == migrate.head_revision()
        check = sqlite3.connect(path)
        assert check.execute('SELECT * FROM "case"').fetchall()[0][: len(before[0])] == before[0]
        for table in ("ledger_entry", "fee_line", "payment", "ledger_counter", "ledger_closing"):
            assert check.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        check.close()
        # A case from before keeps the number typed in the sheet when it is entered in the book.
        number = ledger.accept_case(
            database, 1, accepted_on=dt.date(2025, 4, 1), actor="t", keep_reference=True
        )
        assert number == "25-0007"
    finally:
        database.dispose()

"""The assessment store after a bulk import on SQLite: the store's triggers are set aside for the
bulk write and their effect applied once at its end, so the store must end exactly as the
row-by-row writer (whose every row fires the triggers) leaves it, never holding a stale
assessment, and the triggers must be back, as they were, whether the import is written,
cancelled or refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coetracker.services import import_bulk, import_rows
from coetracker.services.assessment_store import refresh_assessment_store
from coetracker.services.caselist import list_cases, read_case_list
from coetracker.services.csv_import import apply_import, read_import
from coetracker.services.import_bulk import ImportCancelledError
from coetracker.services.import_store import DEFERRED_TRIGGERS
from coetracker.storage.assessment_triggers import TRIGGER_NAMES
from coetracker.storage.dbapi import raw_connection
from coetracker.storage.engine import Database, open_database
from tests.helpers.db import TODAY
from tests.unit.test_import_bulk import synthetic_sheet, updating_sheet


@pytest.fixture
def stored_twice(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    """Two databases holding the same imported cases, every one of them in a full store."""
    opened = []
    for index in range(2):
        db, _report = open_database(f"sqlite:///{tmp_path / f'db{index}.sqlite3'}")
        apply_import(db, read_import(db, synthetic_sheet(80)), actor="test")
        assert refresh_assessment_store(db, today=TODAY) >= 80
        opened.append(db)
    yield opened[0], opened[1]
    for db in opened:
        db.dispose()


def _store(db: Database) -> set[int]:
    with db.read_session() as session:
        cursor = raw_connection(session).cursor()
        return {row[0] for row in cursor.execute("SELECT case_id FROM assessment_store")}


def _triggers(db: Database) -> list[tuple[str, str, str]]:
    with db.read_session() as session:
        cursor = raw_connection(session).cursor()
        rows = cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        )
        return [tuple(row) for row in rows]


def _fresh(db: Database) -> dict[int, object]:
    with db.read_session() as session:
        rows = read_case_list(raw_connection(session), today=TODAY, use_store=False)
    return {row.id: row.assessment for row in rows}


def test_the_deferred_triggers_are_the_stores_on_what_the_bulk_writer_writes() -> None:
    assert set(DEFERRED_TRIGGERS) <= TRIGGER_NAMES
    assert {name.removeprefix("trg_assessment_store_") for name in DEFERRED_TRIGGERS} == {
        "case_insert", "case_update", "inquiry_insert", "inquiry_update",
        "document_request_insert", "document_request_update", "residence_card_insert",
        "residence_card_update", "applicant_update",
    }  # fmt: skip


def test_an_update_import_leaves_the_store_as_the_triggers_row_by_row_leave_it(
    stored_twice: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk, rows = stored_twice
    triggers, before = _triggers(bulk), _store(bulk)
    monkeypatch.setattr(import_bulk, "CHUNK", 16)
    data = updating_sheet(80)
    plan = read_import(bulk, data, update=True)
    assert plan.ok and plan.updates > 40 and plan.creates == 5
    apply_import(bulk, plan, actor="test")
    other = read_import(rows, data, update=True)
    import_rows.apply_row_by_row(rows, other, actor="test", backup_path=None)

    assert _store(bulk) == _store(rows)
    assert 0 < len(_store(bulk)) < len(before)  # some voided, some kept: the check can fail
    assert _triggers(bulk) == triggers
    listed = {row.id: row.assessment for row in list_cases(bulk, today=TODAY)}
    assert listed == _fresh(bulk)  # no stale assessment is shown


def test_a_new_import_voids_the_stored_cases_of_the_people_it_adds_to(
    stored_twice: tuple[Database, Database],
) -> None:
    bulk, rows = stored_twice
    # New cases (other 受託番号) for some of the same people: their stored cases are voided.
    text = synthetic_sheet(20).decode("utf-8-sig")
    sheet = text.replace("\r\nR-", "\r\nX-").replace("東就認T26-", "東就認X26-").encode()
    for db in stored_twice:
        plan = read_import(db, sheet)
        assert plan.ok, plan.problems[:3]
        if db is bulk:
            apply_import(db, plan, actor="test")
        else:
            import_rows.apply_row_by_row(db, plan, actor="test", backup_path=None)
    assert _store(bulk) == _store(rows)
    assert 0 < len(_store(bulk)) < 80


@pytest.mark.parametrize("last", [20, 80], ids=["half-way", "after-the-last-chunk"])
def test_a_cancelled_import_keeps_the_store_and_its_triggers(
    stored_twice: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch, last: int
) -> None:
    db, _other = stored_twice
    triggers, before = _triggers(db), _store(db)
    monkeypatch.setattr(import_bulk, "CHUNK", 10)
    plan = read_import(db, updating_sheet(80), update=True)
    seen: list[int] = []

    def cancel(done: int, total: int) -> None:
        seen.append(done)
        if done >= min(last, total):
            raise ImportCancelledError()

    with pytest.raises(ImportCancelledError):
        apply_import(db, plan, actor="test", progress=cancel)
    assert seen[-1] >= min(last, len(plan.rows))
    assert _triggers(db) == triggers
    assert _store(db) == before


def test_the_triggers_void_edits_after_an_import(stored_twice: tuple[Database, Database]) -> None:
    db, _other = stored_twice
    apply_import(db, read_import(db, updating_sheet(80), update=True), actor="test")
    refresh_assessment_store(db, today=TODAY)
    case_id = min(_store(db))
    with db.write_session() as session:
        raw_connection(session).cursor().execute(
            'UPDATE "case" SET notes = ? WHERE id = ?', ("edited", case_id)
        )
    assert case_id not in _store(db)

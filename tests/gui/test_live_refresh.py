"""Live refresh: a change committed by another process shows in the open window within 2 s,
the selection and the scroll position staying where they were; on SQLite and on a server."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from coetracker.app import build_window, open_database_now
from coetracker.paths import AppPaths, resolve_paths
from coetracker.services.demo import fill_demo
from coetracker.services.opening import open_app_database
from coetracker.storage.models import AuditEvent
from coetracker.ui.models.case_table_model import ID_ROLE
from tests.pgserver import SUPERUSER, PostgresServer

REPO = Path(__file__).resolve().parents[2]

EDIT = """
import dataclasses, datetime, sys
from coetracker.services import cases
from coetracker.storage.engine import open_database

db, _ = open_database(sys.argv[1], migrate_schema=False)
case_id = int(sys.argv[2])
detail = cases.get_case(db, case_id, today=datetime.date(2026, 11, 27))
data = dataclasses.replace(detail.values, application_number=sys.argv[3])
cases.update_case(db, case_id, data, expected_version=detail.version_id, actor="colleague")
db.dispose()
"""


def _edit_elsewhere(url: str, case_id: int, number: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", EDIT, url, str(case_id), number],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_paths(request: pytest.FixtureRequest, tmp_path: Path, today: dt.date) -> AppPaths:
    if request.param == "sqlite":
        paths = resolve_paths(data_dir=tmp_path / "data", environ={})
    else:
        server: PostgresServer = request.getfixturevalue("pg_server")
        url = server.url(server.create_database())
        paths = resolve_paths(data_dir=tmp_path / "data", db=url, environ={})
    database = open_app_database(paths).database
    try:
        fill_demo(database, today=today)
    finally:
        database.dispose()
    return paths


def test_change_from_another_process_appears_keeping_selection(
    qtbot, answers, shared_paths: AppPaths, today: dt.date
) -> None:
    database = open_database_now(shared_paths, None)
    window = build_window(shared_paths, database, today=today)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
            window.show()
        window.resize(900, 300)  # fewer rows than cases: the table scrolls
        proxy = window.proxy
        selected_row = proxy.rowCount() // 2
        window.table.selectRow(selected_row)
        selected_id = window.current_case_id()
        window.table.verticalScrollBar().setValue(5)
        scroll = window.table.verticalScrollBar().value()
        other_id = next(
            proxy.index(r, 0).data(ID_ROLE)
            for r in range(proxy.rowCount())
            if proxy.index(r, 0).data(ID_ROLE) != selected_id
        )
        qtbot.waitUntil(lambda: window.live.timer.isActive(), timeout=5_000)

        _edit_elsewhere(shared_paths.db_url, other_id, "LIVE-12345")

        def shows_it() -> None:
            row = window.model.case(other_id)
            assert row is not None and row.application_number == "LIVE-12345"

        qtbot.waitUntil(shows_it, timeout=2_000)
        assert window.current_case_id() == selected_id
        assert window.table.verticalScrollBar().value() == scroll

        # An editor open on a case someone else then saves warns before anything is overwritten.
        window.select_case(other_id, clear_filters=False)
        editor = window.commands.edit_case()
        assert editor is not None
        assert editor.banner.isHidden()
        _edit_elsewhere(shared_paths.db_url, other_id, "LIVE-67890")
        qtbot.waitUntil(lambda: not editor.banner.isHidden(), timeout=2_000)
        assert "Someone else has saved this case" in editor.banner.text()
        editor.reject()
    finally:
        window.close()
        window.worker.wait()
        database.close()


def test_server_gone_mid_edit_keeps_the_input_and_saves_when_back(
    qtbot, answers, pg_server: PostgresServer, tmp_path: Path, today: dt.date
) -> None:
    from PySide6.QtCore import Qt

    from coetracker.services import cases

    url = pg_server.url(pg_server.create_database())
    paths = resolve_paths(data_dir=tmp_path / "data", db=url, environ={})
    seeded = open_app_database(paths).database
    try:
        fill_demo(seeded, today=today)
    finally:
        seeded.dispose()
    database = open_database_now(paths, None)
    window = build_window(paths, database, today=today)
    qtbot.addWidget(window)
    resumed = False
    try:
        with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
            window.show()
        case_id = window.model.row_at(0).id
        window.select_case(case_id)
        editor = window.commands.edit_case()
        assert editor is not None
        editor.notes.setPlainText("入管に電話済み")

        pg_server.pause()
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert editor.isVisible()  # nothing typed is lost
        assert editor.notes.toPlainText() == "入管に電話済み"
        assert any("office server cannot be reached" in text for text in answers.errors)
        qtbot.waitUntil(lambda: "unreachable" in window.statusBar().currentMessage(), timeout=5_000)

        pg_server.resume()
        resumed = True
        with qtbot.waitSignal(window.caseReloaded, timeout=10_000):
            qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert window.active_editor is None
        detail = cases.get_case(database.db, case_id, today=today)
        assert detail.values.notes == "入管に電話済み"
        # The change is recorded under the person and the server role the app logged in as.
        with database.db.read_session() as session:
            actor = session.scalar(
                select(AuditEvent.actor).where(
                    AuditEvent.case_id == case_id, AuditEvent.field == "notes"
                )
            )
        assert actor is not None and actor.endswith(f" ({SUPERUSER})")
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=5_000)
    finally:
        if not resumed:
            pg_server.resume()
        window.close()
        window.worker.wait()
        database.close()


def test_office_backup_and_restore_from_the_window(
    qtbot, answers, pg_server: PostgresServer, tmp_path: Path, today: dt.date, monkeypatch
) -> None:
    from coetracker.services import cases
    from coetracker.ui.features import backup_actions

    url = pg_server.url(pg_server.create_database())
    paths = resolve_paths(data_dir=tmp_path / "data", db=url, environ={})
    seeded = open_app_database(paths).database
    try:
        count = fill_demo(seeded, today=today)
    finally:
        seeded.dispose()
    database = open_database_now(paths, None)
    window = build_window(paths, database, today=today)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
            window.show()
        assert window.chrome.backup_label.text() == "No backup yet"
        window.file_actions["backup"].trigger()  # made in the background
        qtbot.waitUntil(
            lambda: window.chrome.backup_label.text().startswith("Last backup: "), timeout=20_000
        )
        snapshot = sorted(paths.backup_dir.glob("coetracker-*-manual.sqlite3"))[-1]

        first = window.model.row_at(0).id
        detail = cases.get_case(database.db, first, today=today)
        cases.set_archived(
            database.db, first, archived=True, expected_version=detail.version_id, actor="x"
        )
        monkeypatch.setattr(backup_actions, "choose_backup_file", lambda *_a: snapshot)
        with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
            window.file_actions["restore"].trigger()
        assert answers.errors == []
        assert any("for everyone" in q for q in answers.questions)
        restored = cases.get_case(database.db, first, today=today)
        assert not restored.archived and len(window.model.rows()) == count
        assert list(paths.backup_dir.glob("*pre-restore*.sqlite3"))
    finally:
        window.close()
        window.worker.wait()
        database.close()

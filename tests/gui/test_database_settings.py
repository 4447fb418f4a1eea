"""Settings › Database: choosing the office server, testing the connection, keeping the
password out of the settings file, and the name this computer user records changes under."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt

from coetracker.services.connection import KEYRING_SERVICE
from coetracker.ui.dialogs.database_settings import database_url_at_start, saved_server
from coetracker.ui.dialogs.settings_dialog import SettingsDialog
from tests.pgserver import SUPERUSER, TEMPLATE, PostgresServer

pytestmark = pytest.mark.gui


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict (the test's "operating system keyring")."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's base class is unannotated
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_office_server_is_tested_and_saved_without_the_password(
    qtbot, window, answers, pg_server: PostgresServer, memory_keyring: MemoryKeyring
) -> None:
    dialog = SettingsDialog(window.context, window, user_settings=window.settings)
    qtbot.addWidget(dialog)
    tab = dialog.database_tab
    assert tab is not None
    dialog.tabs.setCurrentWidget(tab)
    assert tab.file_choice.isChecked() and not tab.host.isEnabled()
    tab.server_choice.setChecked(True)
    assert tab.host.isEnabled()
    tab.host.setText(str(pg_server.socket_dir))
    tab.database.setText("no_such_db")
    tab.user.setText(SUPERUSER)
    tab.tls_mode.setCurrentIndex(tab.tls_mode.findData("disable"))
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    assert "no database of that name" in tab.result.text()
    assert tab.result.textFormat() == Qt.TextFormat.PlainText
    current = pg_server.create_database(template=TEMPLATE)
    tab.database.setText(current)
    tab.password.setText("pa55word")
    tab.remember.setChecked(True)
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    assert tab.result.text() == "Connected."
    tab.user_name.setText("佐藤")
    dialog.accept()

    server = saved_server(window.settings)
    assert server is not None and server.database == current
    window.settings.sync()
    with open(window.settings.fileName(), encoding="utf-8") as saved:
        assert "pa55word" not in saved.read()
    assert memory_keyring.items[(KEYRING_SERVICE, server.keyring_key())] == "pa55word"
    url = database_url_at_start(window.settings)
    assert url is not None and ":pa55word@" in url

    # Changes are now recorded under this computer user's name.
    assert window.context.actor() == "佐藤"


def test_an_older_office_database_is_upgraded_only_when_agreed(
    answers, pg_server: PostgresServer, tmp_path
) -> None:
    from alembic import command

    from coetracker.app import _upgrade_agreed
    from coetracker.paths import resolve_paths
    from coetracker.storage import migrate
    from coetracker.storage.engine import create_database_engine

    url = pg_server.url(pg_server.create_database())
    engine = create_database_engine(url)
    with engine.connect() as connection, connection.begin():
        command.upgrade(migrate.alembic_config(connection), "0002_reference_data")
    engine.dispose()
    paths = resolve_paths(data_dir=tmp_path / "d", db=url, environ={})
    answers.confirm = False
    assert not _upgrade_agreed(paths)
    assert "older version" in answers.questions[-1]
    answers.confirm = True
    assert _upgrade_agreed(paths)
    current_url = pg_server.url(pg_server.create_database(template=TEMPLATE))
    current = resolve_paths(data_dir=tmp_path / "d", db=current_url, environ={})
    asked = len(answers.questions)
    assert _upgrade_agreed(current) and len(answers.questions) == asked  # nothing to ask

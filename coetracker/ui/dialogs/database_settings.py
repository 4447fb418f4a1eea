"""Settings › Database: this computer's file or the office server, and who you are.

The choice and the server's details are kept in this computer user's settings file (never the
password: that goes to the system keyring, or is asked at each start). "Test connection" says
in one sentence what is wrong. :func:`database_url_at_start` turns the saved choice into the URL
the window opens (``--db`` and ``COETRACKER_DB`` still win).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from coetracker.services.connection import (
    DEFAULT_PORT,
    TLS_MODES,
    ServerSettings,
    forget_password,
    remember_password,
    stored_password,
    test_connection,
)
from coetracker.ui.common.text import plain_label, render

_GROUP = "database"


def saved_server(settings: QSettings) -> ServerSettings | None:
    """The office server chosen in Settings, or None for this computer's file."""
    if settings.value(f"{_GROUP}/mode", "file") != "server":
        return None
    try:
        port = int(str(settings.value(f"{_GROUP}/port", DEFAULT_PORT)))
    except ValueError:
        port = DEFAULT_PORT
    return ServerSettings(
        host=str(settings.value(f"{_GROUP}/host", "")),
        port=port,
        database=str(settings.value(f"{_GROUP}/database", "coetracker")),
        user=str(settings.value(f"{_GROUP}/user", "")),
        tls_mode=str(settings.value(f"{_GROUP}/tls_mode", "require")),
        ca_file=str(settings.value(f"{_GROUP}/ca_file", "")),
    )


def save_server(settings: QSettings, server: ServerSettings | None) -> None:
    """Keep the choice (no password) in this computer user's settings."""
    settings.setValue(f"{_GROUP}/mode", "server" if server is not None else "file")
    if server is not None:
        for key in ("host", "port", "database", "user", "tls_mode", "ca_file"):
            settings.setValue(f"{_GROUP}/{key}", getattr(server, key))


def saved_user_name(settings: QSettings) -> str:
    """The name this computer user records changes under ("" = not set)."""
    return str(settings.value("user/name", "")).strip()


def database_url_at_start(settings: QSettings, parent: QWidget | None = None) -> str | None:
    """The office server's URL when Settings chose one (password from the keyring, else asked);
    None for the file, or when the user cancelled the password question."""
    server = saved_server(settings)
    if server is None:
        return None
    password = stored_password(server)
    if password is None and settings.value(f"{_GROUP}/ask_password", False) in (True, "true"):
        text, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("DatabaseSettings", "Office server"),
            QCoreApplication.translate("DatabaseSettings", "Password for %1:").replace(
                "%1", server.user or server.host
            ),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        password = text
    return server.url(password).render_as_string(hide_password=False)


class DatabaseTab(QWidget):
    """The Database page of Settings (a plain widget: the dialog saves it with the rest)."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseTab")
        self.settings = settings
        form = QFormLayout(self)
        self.user_name = QLineEdit()
        self.user_name.setObjectName("userName")
        form.addRow(self.tr("Your name (this computer user)"), self.user_name)
        self.file_choice = QRadioButton(self.tr("This computer (file)"))
        self.file_choice.setObjectName("databaseFile")
        self.server_choice = QRadioButton(self.tr("Office server (PostgreSQL)"))
        self.server_choice.setObjectName("databaseServer")
        group = QButtonGroup(self)
        group.addButton(self.file_choice)
        group.addButton(self.server_choice)
        form.addRow(self.file_choice)
        form.addRow(self.server_choice)
        self.host = QLineEdit()
        self.host.setObjectName("serverHost")
        self.port = QSpinBox()
        self.port.setObjectName("serverPort")
        self.port.setRange(1, 65535)
        self.database = QLineEdit()
        self.database.setObjectName("serverDatabase")
        self.user = QLineEdit()
        self.user.setObjectName("serverUser")
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Keep the password in the system keyring"))
        self.remember.setObjectName("rememberPassword")
        self.tls_mode = QComboBox()
        self.tls_mode.setObjectName("tlsMode")
        captions = {
            "disable": self.tr("No encryption (only inside the office network)"),
            "require": self.tr("Encrypted"),
            "verify-full": self.tr("Encrypted, server certificate checked"),
        }
        for mode in TLS_MODES:
            self.tls_mode.addItem(captions[mode], mode)
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("caFile")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        form.addRow(self.tr("Connection security"), self.tls_mode)
        form.addRow(self.tr("CA certificate"), ca_row)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test)
        self.result = plain_label("", self, wrap=True)
        self.result.setObjectName("connectionResult")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.test_button, self.result)
        form.addRow(
            plain_label(
                self.tr(
                    "A change of database is used from the next start. Leave a field empty to "
                    "use the server's PGSERVICE or .pgpass settings."
                ),
                self,
                wrap=True,
            )
        )
        self._server_widgets = (
            self.host,
            self.port,
            self.database,
            self.user,
            self.password,
            self.remember,
            self.tls_mode,
            self.ca_file,
            browse,
            self.test_button,
        )
        self.server_choice.toggled.connect(self._enable)
        self.tls_mode.currentIndexChanged.connect(lambda _i: self._enable())
        self.load()

    def load(self) -> None:
        self.user_name.setText(saved_user_name(self.settings))
        server = saved_server(self.settings)
        shown = server or ServerSettings()
        (self.server_choice if server is not None else self.file_choice).setChecked(True)
        self.host.setText(shown.host)
        self.port.setValue(shown.port)
        self.database.setText(shown.database)
        self.user.setText(shown.user)
        self.tls_mode.setCurrentIndex(max(0, self.tls_mode.findData(shown.tls_mode)))
        self.ca_file.setText(shown.ca_file)
        self.remember.setChecked(server is None or stored_password(shown) is not None)
        self._enable()

    def _enable(self) -> None:
        server = self.server_choice.isChecked()
        for widget in self._server_widgets:
            widget.setEnabled(server)
        self.ca_file.setEnabled(server and self.tls_mode.currentData() == "verify-full")

    def _choose_ca(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("CA certificate"))
        if chosen:
            self.ca_file.setText(chosen)

    def server_value(self) -> ServerSettings:
        return ServerSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            tls_mode=str(self.tls_mode.currentData()),
            ca_file=self.ca_file.text().strip(),
        )

    def test(self) -> bool:
        """Connect with what is typed; show the one-sentence result; True when connected."""
        ok, sentence = test_connection(self.server_value(), self.password.text() or None)
        self.result.setText(render(sentence))
        return ok

    def save(self) -> None:
        """Keep the choice in the settings file and the password in the keyring (or ask it at
        each start when there is no keyring or "keep" is unticked)."""
        self.settings.setValue("user/name", self.user_name.text().strip())
        if not self.server_choice.isChecked():
            save_server(self.settings, None)
            return
        server = self.server_value()
        save_server(self.settings, server)
        password = self.password.text()
        kept = False
        if self.remember.isChecked() and password:
            kept = remember_password(server, password)
        elif not self.remember.isChecked():
            forget_password(server)
        ask = bool(password) and not kept
        if self.remember.isChecked() and not password:
            ask = stored_password(server) is None and self.settings.value(
                f"{_GROUP}/ask_password", False
            ) in (True, "true")
        self.settings.setValue(f"{_GROUP}/ask_password", ask)

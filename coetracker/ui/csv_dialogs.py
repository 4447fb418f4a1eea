"""CSV export and import for the main window's File menu (issue 5, DESIGN.md §8).

Entry points — each runs a whole flow (its dialogs are modal) and returns when it is done:

``run_export(parent, db, rows, today, settings_dir) -> Path | None``
    Asks what to export (the ``rows`` shown, in their order, or every case), the encoding
    (UTF-8 with BOM, or CP932) and the header language, then where to save. When a CP932
    export meets characters CP932 cannot hold, nothing is written and a dialog lists every row
    and column concerned, offering to save as UTF-8 instead. Returns the file written, or None.
    The last choices and folder are remembered in ``settings_dir / "settings.ini"`` (group
    ``csv``), the file the window's own settings use.

``run_import(parent, db, paths, today) -> bool``
    Asks for a file, then shows the :class:`ImportPreviewDialog`: the detected encoding (with a
    way to choose another), how each column was mapped, every row with its problems by row and
    column, the duplicates (same 受託番号 or 申請番号 as an existing case) marked, and a choice to
    update those cases instead. Nothing is written until the user presses Import; then, after
    a backup into ``paths.backup_dir``, all rows are written in one transaction, or none.
    Returns True when the database changed (the window should reload).

``install_actions(window, paths) -> tuple[QAction, QAction]``
    Convenience for the start-up code: adds File › Import… and File › Export… (Ctrl+E) through
    ``window.add_file_action`` and wires them to the two flows with ``window.visible_rows()``,
    ``window.context`` and ``window.reload()``.

Client data is shown as plain text everywhere (labels fixed to plain text, tool tips escaped,
message boxes built by :mod:`coetracker.ui.dialogs`). The preview table's model,
:class:`ImportPreviewModel`, holds plain :class:`~coetracker.services.csv_import.PlannedRow`
values and never opens a session.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.jpdates import DateStyle
from coetracker.i18n import SETTINGS_DATE_STYLE_KEY, translator_for
from coetracker.io.csv_codec import (
    MAX_FILE_BYTES,
    CsvEncodingError,
    CsvReadError,
    HeaderStyle,
    ParsedSheet,
)
from coetracker.io.xlsx_read import read_xlsx
from coetracker.paths import AppPaths
from coetracker.services.csv_export import case_rows_for_export, export_cases
from coetracker.services.csv_import import (
    ImportPlan,
    ImportRefusedError,
    ImportResult,
    PlannedRow,
    RowAction,
    apply_import,
    plan_import,
    problem_text,
    read_import,
)
from coetracker.services.records import CaseRow
from coetracker.services.xlsx_export import export_workbook
from coetracker.storage.engine import Database
from coetracker.ui import dialogs
from coetracker.ui.context import AppContext
from coetracker.ui.text import date_text, plain_label, plain_tooltip, render
from coetracker.ui.window_state import open_settings

if TYPE_CHECKING:
    from coetracker.ui.main_window import MainWindow

__all__ = [
    "EncodingProblemsDialog",
    "ExportDialog",
    "ImportPreviewDialog",
    "ImportPreviewModel",
    "install_actions",
    "run_export",
    "run_import",
]

CONTEXT = "Csv"
SETTINGS_FILE = "settings.ini"
KEY_FOLDER = "csv/folder"
KEY_ENCODING = "csv/encoding"
KEY_HEADERS = "csv/headers"
KEY_SCOPE = "csv/scope"
KEY_FORMAT = "csv/format"
FORMAT_XLSX = "xlsx"
FORMAT_CSV = "csv"


def tr(source: str) -> str:
    """Translate a source string marked with ``QT_TRANSLATE_NOOP("Csv", …)``."""
    return QCoreApplication.translate(CONTEXT, source)


@contextlib.contextmanager
def _busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _settings(settings_dir: Path) -> QSettings:
    return open_settings(Path(settings_dir) / SETTINGS_FILE)


def _folder(settings: QSettings) -> Path:
    value = settings.value(KEY_FOLDER)
    folder = Path(str(value)) if value else Path.home()
    return folder if folder.is_dir() else Path.home()


# --- export ------------------------------------------------------------------------------------

_ENCODINGS = (
    ("utf-8-sig", QT_TRANSLATE_NOOP("Csv", "UTF-8 with BOM — Excel and LibreOffice (recommended)")),
    ("cp932", QT_TRANSLATE_NOOP("Csv", "Shift_JIS (CP932) — older software")),
)
_FORMATS = (
    (FORMAT_XLSX, QT_TRANSLATE_NOOP("Csv", "Excel workbook (.xlsx) — to open in Excel")),
    (FORMAT_CSV, QT_TRANSLATE_NOOP("Csv", "CSV (.csv) — for other programs")),
)
_HEADER_STYLES = (
    (HeaderStyle.JA, QT_TRANSLATE_NOOP("Csv", "Japanese (受託番号, 所属機関, …)")),
    (HeaderStyle.EN, QT_TRANSLATE_NOOP("Csv", "English keys (reference, client, …)")),
)


class ExportDialog(QDialog):
    """What to export: the rows shown or all, the encoding and the header language."""

    def __init__(
        self, parent: QWidget | None, *, shown: int, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("csvExportDialog")
        self.setWindowTitle(tr(QT_TRANSLATE_NOOP("Csv", "Export the case list")))
        layout = QVBoxLayout(self)

        scope = QGroupBox(tr(QT_TRANSLATE_NOOP("Csv", "Cases")), self)
        scope_layout = QVBoxLayout(scope)
        self.shown_radio = QRadioButton(
            tr(
                QT_TRANSLATE_NOOP("Csv", "The {count} cases shown (filters and order applied)")
            ).format(count=shown),
            scope,
        )
        self.shown_radio.setObjectName("shownRadio")
        self.all_radio = QRadioButton(
            tr(QT_TRANSLATE_NOOP("Csv", "Every case, closed and archived ones included")), scope
        )
        self.all_radio.setObjectName("allRadio")
        group = QButtonGroup(self)
        group.addButton(self.shown_radio)
        group.addButton(self.all_radio)
        scope_layout.addWidget(self.shown_radio)
        scope_layout.addWidget(self.all_radio)
        layout.addWidget(scope)

        form = QFormLayout()
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("formatCombo")
        for value, label in _FORMATS:
            self.format_combo.addItem(tr(label), value)
        form.addRow(tr(QT_TRANSLATE_NOOP("Csv", "Format:")), self.format_combo)
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setObjectName("encodingCombo")
        for value, label in _ENCODINGS:
            self.encoding_combo.addItem(tr(label), value)
        self.headers_combo = QComboBox(self)
        self.headers_combo.setObjectName("headersCombo")
        for style, label in _HEADER_STYLES:
            self.headers_combo.addItem(tr(label), style.value)
        form.addRow(tr(QT_TRANSLATE_NOOP("Csv", "Encoding:")), self.encoding_combo)
        form.addRow(tr(QT_TRANSLATE_NOOP("Csv", "Headers:")), self.headers_combo)
        layout.addLayout(form)
        advice = plain_label(
            tr(
                QT_TRANSLATE_NOOP(
                    "Csv",
                    "To open the list in Excel, choose the Excel workbook: identifiers such as "
                    "0012 stay as typed, dates are dates and no cell is ever run as a formula. "
                    "Choose CSV for other programs (another case tracker, a mail merge).",
                )
            ),
            self,
            wrap=True,
        )
        advice.setObjectName("formatAdvice")
        layout.addWidget(advice)
        note = plain_label(
            tr(
                QT_TRANSLATE_NOOP(
                    "Csv",
                    "Shift_JIS cannot hold Vietnamese letters with diacritics, many simplified "
                    "Chinese characters or emoji; if a case has one, nothing is written and you "
                    "are told which cells.",
                )
            ),
            self,
            wrap=True,
        )
        self.encoding_note = note
        layout.addWidget(note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr(QT_TRANSLATE_NOOP("Csv", "Choose file…")))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.shown_radio.setEnabled(shown > 0)
        every = settings is not None and settings.value(KEY_SCOPE) == "all"
        (self.all_radio if every or shown == 0 else self.shown_radio).setChecked(True)
        if settings is not None:
            self._select(self.format_combo, settings.value(KEY_FORMAT))
            self._select(self.encoding_combo, settings.value(KEY_ENCODING))
            self._select(self.headers_combo, settings.value(KEY_HEADERS))
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _format_changed(self) -> None:
        csv_chosen = self.file_format == FORMAT_CSV
        self.encoding_combo.setEnabled(csv_chosen)
        self.encoding_note.setVisible(csv_chosen)

    @property
    def file_format(self) -> str:
        """``xlsx`` or ``csv``."""
        return str(self.format_combo.currentData())

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    @property
    def every_case(self) -> bool:
        """Whether every case is exported rather than the rows shown."""
        return self.all_radio.isChecked()

    @property
    def encoding(self) -> str:
        """``utf-8-sig`` or ``cp932``."""
        return str(self.encoding_combo.currentData())

    @property
    def header_style(self) -> HeaderStyle:
        """Japanese headers or English keys."""
        return HeaderStyle(self.headers_combo.currentData())

    def remember(self, settings: QSettings) -> None:
        """Store the choices for next time."""
        settings.setValue(KEY_SCOPE, "all" if self.every_case else "shown")
        settings.setValue(KEY_FORMAT, self.file_format)
        settings.setValue(KEY_ENCODING, self.encoding)
        settings.setValue(KEY_HEADERS, self.header_style.value)


class EncodingProblemsDialog(QDialog):
    """Lists every cell a CP932 export cannot write; offers to export as UTF-8 instead.

    ``result()`` is :data:`USE_UTF8` when the user chose UTF-8, else Rejected.
    """

    USE_UTF8 = 2
    USE_XLSX = 3

    def __init__(
        self, parent: QWidget | None, error: CsvEncodingError, references: Sequence[str | None]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("csvEncodingProblems")
        self.setWindowTitle(tr(QT_TRANSLATE_NOOP("Csv", "Cannot export as Shift_JIS")))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(render(error.message), self, wrap=True))
        self.list = QPlainTextEdit(self)
        self.list.setObjectName("problemList")
        self.list.setReadOnly(True)
        self.list.setPlainText("\n".join(self.lines(error, references)))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.utf8_button = QPushButton(tr(QT_TRANSLATE_NOOP("Csv", "Export as UTF-8 instead")))
        self.utf8_button.setObjectName("utf8Button")
        buttons.addButton(self.utf8_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button = QPushButton(tr(QT_TRANSLATE_NOOP("Csv", "Copy list")))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.xlsx_button = QPushButton(
            tr(QT_TRANSLATE_NOOP("Csv", "Save as an Excel workbook instead"))
        )
        self.xlsx_button.setObjectName("xlsxButton")
        buttons.addButton(self.xlsx_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.xlsx_button.clicked.connect(lambda: self.done(self.USE_XLSX))
        self.utf8_button.clicked.connect(lambda: self.done(self.USE_UTF8))
        self.copy_button.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360)

    @staticmethod
    def lines(error: CsvEncodingError, references: Sequence[str | None]) -> list[str]:
        """One line per cell, with the case's 受託番号 when it has one."""
        result = []
        for cell in error.cells:
            text = render(cell.message)
            index = cell.row - 2  # row 1 is the header
            reference = references[index] if 0 <= index < len(references) else None
            if reference and not cell.case:
                text += " " + tr(QT_TRANSLATE_NOOP("Csv", "(受託番号 {reference})")).format(
                    reference=reference
                )
            result.append(text)
        return result

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.list.toPlainText())


def run_export(
    parent: QWidget | None,
    db: Database,
    rows: Sequence[CaseRow],
    today: dt.date,
    settings_dir: Path,
) -> Path | None:
    """Export the ``rows`` shown (or every case) to a CSV file; see the module documentation."""
    settings = _settings(settings_dir)
    choice = ExportDialog(parent, shown=len(rows), settings=settings)
    if choice.exec() != QDialog.DialogCode.Accepted:
        return None
    choice.remember(settings)
    file_format = choice.file_format
    target = _save_name(parent, settings, today, file_format)
    if target is None:
        return None
    settings.setValue(KEY_FOLDER, str(target.parent))
    chosen = None if choice.every_case else list(rows)
    encoding = choice.encoding
    # The file's values (状況, 理由) follow its headers' language, whatever the interface's.
    values = translator_for("ja" if choice.header_style == HeaderStyle.JA else "en")
    date_style = _date_style(settings)
    while True:
        try:
            with _busy():
                if file_format == FORMAT_XLSX:
                    count = export_workbook(
                        db,
                        target,
                        today=today,
                        rows=chosen,
                        header_style=choice.header_style,
                        translate=values,
                        date_style=date_style,
                        filter_text=None if chosen is None else _shown_text(len(chosen)),
                    )
                else:
                    count = export_cases(
                        db,
                        target,
                        today=today,
                        rows=chosen,
                        encoding="cp932" if encoding == "cp932" else "utf-8-sig",
                        header_style=choice.header_style,
                        translate=values,
                    )
        except CsvEncodingError as error:
            listed = chosen
            if listed is None:  # rare: list every case again to name each row's 受託番号
                with _busy():
                    listed = case_rows_for_export(db, today=today, include_closed=True)
            references = [r.reference for r in listed]
            problems = EncodingProblemsDialog(parent, error, references)
            problems.xlsx_button.setVisible(file_format == FORMAT_CSV)
            problems.utf8_button.setVisible(file_format == FORMAT_CSV)
            answer = problems.exec()
            if answer == EncodingProblemsDialog.USE_UTF8:
                encoding = "utf-8-sig"
                continue
            if answer == EncodingProblemsDialog.USE_XLSX:
                file_format = FORMAT_XLSX
                target = target.with_suffix(".xlsx")
                continue
            return None
        except OSError as error:
            dialogs.error(
                parent,
                tr(QT_TRANSLATE_NOOP("Csv", "The file could not be written: {reason}")).format(
                    reason=error.strerror or type(error).__name__
                ),
            )
            return None
        except Exception as error:  # a classified database error, or a bug (re-raised)
            dialogs.report(parent, error)
            return None
        break
    dialogs.inform(
        parent,
        tr(QT_TRANSLATE_NOOP("Csv", "Export the case list")),
        tr(QT_TRANSLATE_NOOP("Csv", "Exported {count} cases to {path}.")).format(
            count=count, path=str(target)
        ),
    )
    return target


def _save_name(
    parent: QWidget | None, settings: QSettings, today: dt.date, file_format: str
) -> Path | None:
    """Ask where to save; the suffix follows the format chosen."""
    suffix = ".xlsx" if file_format == FORMAT_XLSX else ".csv"
    suggested = _folder(settings) / f"coetracker-{today.isoformat()}{suffix}"
    filters = (
        tr(QT_TRANSLATE_NOOP("Csv", "Excel workbooks (*.xlsx)"))
        if file_format == FORMAT_XLSX
        else tr(QT_TRANSLATE_NOOP("Csv", "CSV files (*.csv)"))
    )
    name, _filter = QFileDialog.getSaveFileName(
        parent, tr(QT_TRANSLATE_NOOP("Csv", "Export the case list")), str(suggested), filters
    )
    if not name:
        return None
    target = Path(name)
    return target if target.suffix.casefold() == suffix else target.with_suffix(suffix)


def _date_style(settings: QSettings) -> DateStyle:
    """The date display style chosen in Settings (ISO when none)."""
    try:
        return DateStyle(str(settings.value(SETTINGS_DATE_STYLE_KEY) or DateStyle.ISO.value))
    except ValueError:
        return DateStyle.ISO


def _shown_text(count: int) -> str:
    return tr(
        QT_TRANSLATE_NOOP("Csv", "The {count} cases shown in the window (filters applied)")
    ).format(count=count)


# --- import: the preview model ---------------------------------------------------------------

COL_ROW, COL_STATUS, COL_REFERENCE, COL_CLIENT, COL_APPLICANT = range(5)
COL_NUMBER, COL_FILED, COL_RESIDENCE, COL_BUREAU, COL_STAGE, COL_PROBLEMS = range(5, 11)
_PREVIEW_HEADERS = (
    QT_TRANSLATE_NOOP("Csv", "Row"),
    QT_TRANSLATE_NOOP("Csv", "Import as"),
    QT_TRANSLATE_NOOP("Csv", "受託番号"),
    QT_TRANSLATE_NOOP("Csv", "Client"),
    QT_TRANSLATE_NOOP("Csv", "Applicant"),
    QT_TRANSLATE_NOOP("Csv", "申請番号"),
    QT_TRANSLATE_NOOP("Csv", "Filed"),
    QT_TRANSLATE_NOOP("Csv", "Status of residence"),
    QT_TRANSLATE_NOOP("Csv", "Bureau"),
    QT_TRANSLATE_NOOP("Csv", "Stage"),
    QT_TRANSLATE_NOOP("Csv", "Problems"),
)
PLANNED_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, PLANNED_ROW_ROLE)`` is the row's :class:`PlannedRow`."""
PROBLEM_COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
"""``data(index, PROBLEM_COUNT_ROLE)`` is how many problems the row has (an int)."""

_PROBLEM_COLOUR = QColor("#b3261e")
_PROBLEM_BACKGROUND = QColor("#fde7e4")
_DUPLICATE_BACKGROUND = QColor("#fff4d6")


def status_text(row: PlannedRow) -> str:
    """What importing the row does, in words: New case, Updates 26-0001, Duplicate of …"""
    if row.action == RowAction.UPDATE:
        return tr(QT_TRANSLATE_NOOP("Csv", "Updates {case}")).format(case=row.case_label)
    if row.duplicate:
        return tr(QT_TRANSLATE_NOOP("Csv", "Duplicate of {case}")).format(case=row.case_label)
    if row.problems:
        return tr(QT_TRANSLATE_NOOP("Csv", "Not importable"))
    return tr(QT_TRANSLATE_NOOP("Csv", "New case"))


def _problems_text(row: PlannedRow, separator: str) -> str:
    return separator.join(
        f"{p.column}: {render(p.message)}" if p.column else render(p.message) for p in row.problems
    )


class ImportPreviewModel(QAbstractTableModel):
    """Every data row of a file and what importing it does, with its problems.

    Display text is plain; problem rows are drawn in red, duplicates on a yellow background;
    :data:`PLANNED_ROW_ROLE` gives the :class:`PlannedRow`.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[PlannedRow, ...] = ()

    def set_plan(self, plan: ImportPlan | None) -> None:
        """Show the rows of ``plan`` (none for ``None``)."""
        self.beginResetModel()
        self._rows = plan.rows if plan is not None else ()
        self.endResetModel()

    def planned_row(self, row: int) -> PlannedRow:
        """The planned row shown at ``row``."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_PREVIEW_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_PREVIEW_HEADERS):
            return tr(_PREVIEW_HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(self._rows[section].row)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(_PREVIEW_HEADERS):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (COL_PROBLEMS, COL_STATUS) and row.problems:
                return plain_tooltip(_problems_text(row, "\n"))
            text = self._display(row, column)
            return plain_tooltip(text) if isinstance(text, str) and text else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_PROBLEM_COLOUR) if row.problems else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.problems and column in (COL_STATUS, COL_PROBLEMS):
                return QBrush(_PROBLEM_BACKGROUND)
            return QBrush(_DUPLICATE_BACKGROUND) if row.duplicate else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == PLANNED_ROW_ROLE:
            return row
        if role == PROBLEM_COUNT_ROLE:
            return len(row.problems)
        return None

    @staticmethod
    def _display(row: PlannedRow, column: int) -> str | int:
        record = row.record
        if column == COL_ROW:
            return row.row
        if column == COL_STATUS:
            return status_text(row)
        if column == COL_REFERENCE:
            return record.raw.get("reference", "")
        if column == COL_CLIENT:
            return record.client
        if column == COL_APPLICANT:
            romanised = " ".join(p for p in (record.family_name, record.given_name) if p.strip())
            return " / ".join(p for p in (romanised, record.name_kanji.strip()) if p)
        if column == COL_NUMBER:
            return record.raw.get("application_number", "")
        if column == COL_FILED:
            return (
                date_text(record.filing_date)
                if record.filing_date
                else record.raw.get("filing_date", "")
            )
        if column == COL_RESIDENCE:
            return record.residence_status
        if column == COL_BUREAU:
            return record.bureau
        if column == COL_STAGE:
            return record.raw.get("stage", "")
        return _problems_text(row, "; ")


class ColumnMappingModel(QAbstractTableModel):
    """How each header of the file was read: the column it fills, or why it is ignored."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []

    def set_sheet(self, sheet: ParsedSheet | None) -> None:
        """Show the mapping of ``sheet`` (nothing for ``None``)."""
        self.beginResetModel()
        self._rows = []
        if sheet is not None:
            ignored = set(sheet.ignored_columns)
            for header, column in zip(sheet.headers, sheet.columns, strict=True):
                if column is not None:
                    target = column.header_ja
                elif header in ignored:
                    target = tr(QT_TRANSLATE_NOOP("Csv", "ignored: computed on export"))
                elif header.strip():
                    target = tr(QT_TRANSLATE_NOOP("Csv", "ignored: unknown column"))
                else:
                    target = tr(QT_TRANSLATE_NOOP("Csv", "ignored: no header"))
                self._rows.append((header, target))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return tr(QT_TRANSLATE_NOOP("Csv", "Column in the file"))
        if section == 1:
            return tr(QT_TRANSLATE_NOOP("Csv", "Read as"))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= index.column() < 2:
            return self._rows[index.row()][index.column()]
        return None


# --- import: the preview dialog --------------------------------------------------------------

_ENCODING_CHOICES = (
    (None, QT_TRANSLATE_NOOP("Csv", "Detect")),
    ("utf-8", QT_TRANSLATE_NOOP("Csv", "UTF-8")),
    ("cp932", QT_TRANSLATE_NOOP("Csv", "Shift_JIS (CP932)")),
)
_ENCODING_NAMES = {
    "utf-8-sig": QT_TRANSLATE_NOOP("Csv", "UTF-8 with BOM"),
    "utf-8": QT_TRANSLATE_NOOP("Csv", "UTF-8"),
    "cp932": QT_TRANSLATE_NOOP("Csv", "Shift_JIS (CP932)"),
    "xlsx": QT_TRANSLATE_NOOP("Csv", "an Excel workbook"),
}


class ImportPreviewDialog(QDialog):
    """The import preview: nothing is written until Import is pressed (see the module docs).

    ``plan`` is what the import would do now; :meth:`import_now` writes it (all rows or none)
    and accepts the dialog; ``result_summary`` then holds what was written.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        db: Database,
        data: bytes,
        file_name: str,
        actor: str | None,
        backup: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("csvImportPreview")
        self.setWindowTitle(tr(QT_TRANSLATE_NOOP("Csv", "Import cases")))
        self._db = db
        self._data = data
        self._actor = actor
        self._backup = backup
        self.plan: ImportPlan | None = None
        self.read_error: str | None = None
        self.result_summary: ImportResult | None = None

        layout = QVBoxLayout(self)
        self.file_label = plain_label(file_name, self)
        self.file_label.setObjectName("fileLabel")
        layout.addWidget(self.file_label)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr(QT_TRANSLATE_NOOP("Csv", "Encoding:")), self))
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setObjectName("encodingCombo")
        for value, label in _ENCODING_CHOICES:
            self.encoding_combo.addItem(tr(label), value)
        top.addWidget(self.encoding_combo)
        self.detected_label = plain_label("", self)
        self.detected_label.setObjectName("detectedLabel")
        top.addWidget(self.detected_label, 1)
        self.sheet_label = QLabel(tr(QT_TRANSLATE_NOOP("Csv", "Sheet:")), self)
        top.addWidget(self.sheet_label)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheetCombo")
        top.addWidget(self.sheet_combo)
        self._workbook = data.startswith(b"PK\x03\x04")
        for widget in (self.sheet_label, self.sheet_combo):
            widget.setVisible(self._workbook)
        self.encoding_combo.setEnabled(not self._workbook)
        self.update_check = QCheckBox(
            tr(
                QT_TRANSLATE_NOOP(
                    "Csv", "Update the existing cases with the same 受託番号 or 申請番号"
                )
            ),
            self,
        )
        self.update_check.setObjectName("updateCheck")
        top.addWidget(self.update_check)
        layout.addLayout(top)

        self.summary_label = plain_label("", self, wrap=True)
        self.summary_label.setObjectName("summaryLabel")
        layout.addWidget(self.summary_label)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        upper = QSplitter(Qt.Orientation.Horizontal, splitter)
        self.mapping_model = ColumnMappingModel(self)
        self.mapping_view = QTableView(upper)
        self.mapping_view.setObjectName("mappingView")
        self.mapping_view.setModel(self.mapping_model)
        self.model = ImportPreviewModel(self)
        self.table = QTableView(upper)
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        for view in (self.mapping_view, self.table):
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
            view.setWordWrap(False)
        upper.setStretchFactor(1, 3)
        upper.setSizes([320, 880])
        self.problem_list = QPlainTextEdit(splitter)
        self.problem_list.setObjectName("problemList")
        self.problem_list.setReadOnly(True)
        self.problem_list.setPlaceholderText(tr(QT_TRANSLATE_NOOP("Csv", "No problems.")))
        splitter.setStretchFactor(0, 3)
        splitter.setSizes([440, 140])
        layout.addWidget(splitter, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(tr(QT_TRANSLATE_NOOP("Csv", "Import")), self)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.import_now)
        layout.addWidget(buttons)

        self.encoding_combo.currentIndexChanged.connect(self.reload)
        self.sheet_combo.activated.connect(self.reload)
        self.update_check.toggled.connect(self.reload)
        self.resize(1100, 680)
        self.reload()

    @property
    def encoding(self) -> str | None:
        """The encoding chosen (None: detected)."""
        value = self.encoding_combo.currentData()
        return None if value is None else str(value)

    @property
    def sheet(self) -> str | None:
        """The workbook sheet chosen (None: the first with case-list headers)."""
        value = self.sheet_combo.currentData()
        return None if value is None else str(value)

    def _list_sheets(self, sheet: ParsedSheet) -> None:
        """Offer the workbook's sheets, the one read selected."""
        blocked = self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for name in sheet.sheet_names:
            self.sheet_combo.addItem(name, name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(sheet.sheet_name)))
        self.sheet_combo.setEnabled(len(sheet.sheet_names) > 1)
        self.sheet_combo.blockSignals(blocked)

    def reload(self) -> None:
        """Read the file again with the chosen encoding and update choice."""
        self.read_error = None
        try:
            with _busy():
                if self._workbook:
                    sheet = read_xlsx(self._data, self.sheet)
                    self.plan = plan_import(self._db, sheet, update=self.update_check.isChecked())
                    self._list_sheets(sheet)
                else:
                    self.plan = read_import(
                        self._db,
                        self._data,
                        encoding=self.encoding,
                        update=self.update_check.isChecked(),
                    )
        except CsvReadError as error:
            self.plan = None
            self.read_error = render(error.message)
        self._show()

    def _show(self) -> None:
        plan = self.plan
        self.model.set_plan(plan)
        self.mapping_model.set_sheet(plan.sheet if plan else None)
        self.table.resizeColumnsToContents()
        self.mapping_view.resizeColumnsToContents()
        if plan is None:
            self.detected_label.setText("")
            self.summary_label.setText(self.read_error or "")
            self.problem_list.setPlainText("")
            self.import_button.setEnabled(False)
            return
        encoding = tr(_ENCODING_NAMES.get(plan.sheet.encoding, plan.sheet.encoding))
        self.detected_label.setText(
            tr(QT_TRANSLATE_NOOP("Csv", "Read as {encoding}")).format(encoding=encoding)
        )
        self.problem_list.setPlainText(
            "\n".join(problem_text(p, QCoreApplication.translate) for p in plan.problems)
        )
        self.summary_label.setText(self._summary(plan))
        self.import_button.setEnabled(plan.ok)
        self.import_button.setText(
            tr(QT_TRANSLATE_NOOP("Csv", "Import {count} rows")).format(count=len(plan.rows))
            if plan.ok
            else tr(QT_TRANSLATE_NOOP("Csv", "Import"))
        )

    def _summary(self, plan: ImportPlan) -> str:
        importable = [r for r in plan.rows if r.ok]
        parts = [
            tr(
                QT_TRANSLATE_NOOP(
                    "Csv",
                    "Rows: {rows}. New cases: {creates}. Updates: {updates}. Rows with "
                    "problems: {bad}.",
                )
            ).format(
                rows=len(plan.rows),
                creates=sum(1 for r in importable if r.action == RowAction.CREATE),
                updates=sum(1 for r in importable if r.action == RowAction.UPDATE),
                bad=len(plan.rows) - len(importable),
            )
        ]
        if plan.duplicates and not plan.update:
            parts.append(
                tr(
                    QT_TRANSLATE_NOOP(
                        "Csv",
                        "Duplicates (受託番号 or 申請番号 of an existing case): {count}; tick "
                        "“Update” to update those cases instead.",
                    )
                ).format(count=plan.duplicates)
            )
        if plan.sheet.unknown_columns:
            parts.append(
                tr(QT_TRANSLATE_NOOP("Csv", "Unknown columns are ignored: {columns}.")).format(
                    columns=", ".join(plan.sheet.unknown_columns)
                )
            )
        if plan.problems:
            parts.append(
                tr(
                    QT_TRANSLATE_NOOP(
                        "Csv",
                        "Nothing can be imported until every problem listed below is corrected "
                        "in the file ({count} in all).",
                    )
                ).format(count=len(plan.problems))
            )
        elif not plan.rows:
            parts.append(tr(QT_TRANSLATE_NOOP("Csv", "The file has no rows to import.")))
        else:
            parts.append(
                tr(
                    QT_TRANSLATE_NOOP(
                        "Csv", "Nothing has been written yet: press Import to write every row."
                    )
                )
            )
        return " ".join(parts)

    def import_now(self) -> bool:
        """Write the plan (all rows or none); accept the dialog on success."""
        plan = self.plan
        if plan is None or not plan.ok:
            return False
        try:
            with _busy():
                self.result_summary = apply_import(
                    self._db, plan, actor=self._actor, backup=self._backup
                )
        except ImportRefusedError as error:
            # The database changed since the check: show the rows as they now are.
            dialogs.error(self, render(error.message))
            self.reload()
            return False
        except Exception as error:  # a classified database error, or a bug (re-raised)
            dialogs.report(self, error)
            return False
        self.accept()
        return True


def _backup_for(db: Database, paths: AppPaths) -> Any:
    """A callable taking the pre-import backup of ``db`` (None when it is not the app's file)."""
    from coetracker.services.opening import backup_hook

    path = db.path
    if path is None or paths.db_path is None or Path(path).resolve() != paths.db_path.resolve():
        return None
    hook = backup_hook(paths)

    def take() -> Path | None:
        return hook(Path(path), "pre-import")

    return take


def run_import(parent: QWidget | None, db: Database, paths: AppPaths, today: dt.date) -> bool:
    """Import a CSV file after a preview; True when the database changed (reload the list)."""
    settings = open_settings(paths.settings_file)
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        tr(QT_TRANSLATE_NOOP("Csv", "Import cases")),
        str(_folder(settings)),
        tr(
            QT_TRANSLATE_NOOP(
                "Csv",
                "Case lists (*.xlsx *.csv *.txt);;Excel workbooks (*.xlsx);;"
                "CSV files (*.csv *.txt);;All files (*)",
            )
        ),
    )
    if not name:
        return False
    source = Path(name)
    settings.setValue(KEY_FOLDER, str(source.parent))
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            dialogs.error(
                parent,
                tr(
                    QT_TRANSLATE_NOOP("Csv", "The file is too large (the limit is {limit} MB).")
                ).format(limit=MAX_FILE_BYTES // 1024**2),
            )
            return False
        data = source.read_bytes()
    except OSError as error:
        dialogs.error(
            parent,
            tr(QT_TRANSLATE_NOOP("Csv", "The file could not be read: {reason}")).format(
                reason=error.strerror or type(error).__name__
            ),
        )
        return False
    preview = ImportPreviewDialog(
        parent,
        db=db,
        data=data,
        file_name=str(source),
        actor=AppContext(db, today).actor(),
        backup=_backup_for(db, paths),
    )
    if preview.read_error is not None and preview.encoding is None and preview.sheet is None:
        # Not readable in any encoding: say why instead of showing an empty preview.
        dialogs.error(parent, preview.read_error)
        return False
    if preview.exec() != QDialog.DialogCode.Accepted or preview.result_summary is None:
        return False
    result = preview.result_summary
    dialogs.inform(
        parent,
        tr(QT_TRANSLATE_NOOP("Csv", "Import cases")),
        tr(
            QT_TRANSLATE_NOOP(
                "Csv",
                "Imported: {created} cases added, {updated} updated, {inquiries} inquiries and "
                "{requests} document requests recorded.",
            )
        ).format(
            created=result.created,
            updated=result.updated,
            inquiries=result.inquiries,
            requests=result.document_requests,
        ),
    )
    return True


def install_actions(window: MainWindow, paths: AppPaths) -> tuple[QAction, QAction]:
    """Add File › Import… and File › Export… to ``window`` (see the module documentation)."""
    import_action = QAction(tr(QT_TRANSLATE_NOOP("Csv", "&Import from Excel or CSV…")), window)
    export_action = QAction(tr(QT_TRANSLATE_NOOP("Csv", "&Export to Excel or CSV…")), window)

    def do_import() -> None:
        context = window.context
        if context is not None and run_import(window, context.db, paths, context.today):
            window.reload()

    def do_export() -> None:
        context = window.context
        if context is not None:
            run_export(window, context.db, window.visible_rows(), context.today, paths.data_dir)

    import_action.triggered.connect(do_import)
    export_action.triggered.connect(do_export)
    window.add_file_action("import", import_action)
    window.add_file_action("export", export_action)
    return import_action, export_action

"""The export flow of File › Export: which cases, Excel workbook or CSV (with advice on which to
pick), encoding and header language; then where to save.

``run_export(parent, db, rows, today, settings_dir) -> Path | None`` asks what to export (the
``rows`` shown, in their order, or every case), the format (.xlsx to open in Excel, CSV for
other programs), for CSV the encoding (UTF-8 with BOM, or CP932), and the header language, then
where to save. When a CP932 export meets characters CP932 cannot hold, nothing is written and a
dialog lists every case and column concerned, offering UTF-8 or a workbook instead. The values
written (状況, 理由) follow the headers' language; a workbook's dates follow the display style
chosen in Settings. Returns the file written, or None. The last choices and folder are
remembered in ``settings_dir / "settings.ini"`` (group ``csv``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QSettings,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.jpdates import DateStyle
from coetracker.domain.messages import QT_TRANSLATE_NOOP
from coetracker.i18n import translator_for
from coetracker.io.csv_codec import (
    CsvEncodingError,
    HeaderStyle,
)
from coetracker.services.csv_export import case_rows_for_export, export_cases
from coetracker.services.records import CaseRow
from coetracker.storage.engine import Database
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common import text
from coetracker.ui.common.operations import Task, op
from coetracker.ui.common.text import plain_label, render
from coetracker.ui.features.transfer_common import (
    FORMAT_CSV,
    FORMAT_XLSX,
    KEY_ENCODING,
    KEY_FOLDER,
    KEY_FORMAT,
    KEY_HEADERS,
    KEY_SCOPE,
    _folder,
    _settings,
    tr,
)

__all__ = ["EncodingProblemsDialog", "ExportDialog", "run_export"]


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
    date_style = text.date_style()  # the display style chosen in Settings
    while True:
        try:
            count = _write_in_background(
                parent,
                db,
                target,
                file_format=file_format,
                today=today,
                rows=chosen,
                encoding=encoding,
                header_style=choice.header_style,
                translate=values,
                date_style=date_style,
            )
        except CsvEncodingError as error:
            listed = chosen
            if listed is None:  # rare: list every case again to name each row's 受託番号
                listed = op(
                    parent,
                    lambda _task: case_rows_for_export(db, today=today, include_closed=True),
                    label=tr(QT_TRANSLATE_NOOP("Csv", "Reading the cases…")),
                ).wait()
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


def _write_in_background(
    parent: QWidget | None,
    db: Database,
    target: Path,
    *,
    file_format: str,
    today: dt.date,
    rows: list[CaseRow] | None,
    encoding: str,
    header_style: HeaderStyle,
    translate: Callable[[str, str], str],
    date_style: DateStyle,
) -> int:
    """Write the file on a worker thread while the window stays live; the number of cases."""
    filter_text = None if rows is None else _shown_text(len(rows))

    def work(_task: Task) -> int:
        if file_format == FORMAT_XLSX:
            # openpyxl loads here, not at every start of the program.
            from coetracker.services.xlsx_export import export_workbook

            return export_workbook(
                db,
                target,
                today=today,
                rows=rows,
                header_style=header_style,
                translate=translate,
                date_style=date_style,
                filter_text=filter_text,
            )
        return export_cases(
            db,
            target,
            today=today,
            rows=rows,
            encoding="cp932" if encoding == "cp932" else "utf-8-sig",
            header_style=header_style,
            translate=translate,
        )

    label = tr(QT_TRANSLATE_NOOP("Csv", "Writing {path}…")).format(path=target.name)
    count: int = op(parent, work, label=label).wait()
    return count


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


def _shown_text(count: int) -> str:
    return tr(
        QT_TRANSLATE_NOOP("Csv", "The {count} cases shown in the window (filters applied)")
    ).format(count=count)

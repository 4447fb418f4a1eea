"""The import flow of File › Import: choose a workbook or CSV file, preview, then import.

``run_import(parent, db, paths, today) -> bool`` asks for a file (.xlsx, .csv), then shows the
:class:`ImportPreviewDialog`: for a CSV file the detected encoding (with a way to choose
another), for a workbook the sheet read (with a chooser when it has several), how each column
was mapped, every row with its problems by row and column, the duplicates (same 受託番号 or
申請番号 as an existing case) marked, and a choice to update those cases instead. Nothing is
written until the user presses Import; then, after a backup into ``paths.backup_dir``, all rows
are written in one transaction, or none. Returns True when the database changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.messages import QT_TRANSLATE_NOOP
from coetracker.io.csv_codec import (
    MAX_FILE_BYTES,
    CsvReadError,
    ParsedSheet,
)
from coetracker.io.xlsx_read import read_xlsx
from coetracker.paths import AppPaths
from coetracker.services.csv_import import (
    ImportPlan,
    ImportRefusedError,
    ImportResult,
    apply_import,
    plan_import,
    problem_text,
    read_import,
)
from coetracker.services.import_bulk import ImportCancelledError
from coetracker.services.import_row_plan import RowAction
from coetracker.storage.engine import Database
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.operations import OperationCancelledError, Task, op
from coetracker.ui.common.text import plain_label, render
from coetracker.ui.common.window_state import open_settings
from coetracker.ui.features.transfer_common import (
    KEY_FOLDER,
    _folder,
    tr,
)
from coetracker.ui.models.import_models import (
    ColumnMappingModel,
    ImportPreviewModel,
)

__all__ = ["ImportPreviewDialog", "run_import"]


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
        self.encoding_label = QLabel(tr(QT_TRANSLATE_NOOP("Csv", "Encoding:")), self)
        top.addWidget(self.encoding_label)
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
        for widget in (self.encoding_label, self.encoding_combo):
            widget.setVisible(not self._workbook)  # a workbook has no encoding to choose
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
        db, data, encoding = self._db, self._data, self.encoding
        sheet_name, update, workbook = self.sheet, self.update_check.isChecked(), self._workbook

        def work(_task: Task) -> tuple[ImportPlan, ParsedSheet | None]:
            if workbook:
                sheet = read_xlsx(data, sheet_name)
                return plan_import(db, sheet, update=update), sheet
            return read_import(db, data, encoding=encoding, update=update), None

        try:
            self.plan, sheet = op(
                self, work, label=tr(QT_TRANSLATE_NOOP("Csv", "Reading the file…"))
            ).wait()
            if sheet is not None:
                self._list_sheets(sheet)
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
            "\n".join(
                problem_text(p, QCoreApplication.translate)
                for p in (*plan.problems, *plan.sheet.notices)
            )
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
        db, actor, backup = self._db, self._actor, self._backup

        def work(task: Task) -> ImportResult:
            def advance(done: int, total: int) -> None:
                task.report(done, total)
                if task.cancelled:
                    raise ImportCancelledError()

            return apply_import(db, plan, actor=actor, backup=backup, progress=advance)

        try:
            self.result_summary = op(
                self,
                work,
                label=tr(QT_TRANSLATE_NOOP("Csv", "Writing the imported cases…")),
                cancellable=True,
            ).wait()
        except (ImportCancelledError, OperationCancelledError):
            dialogs.inform(self, self.windowTitle(), render(ImportCancelledError().message))
            return False
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
    if path is None and paths.db_path is None:  # the office server: a snapshot first
        from coetracker.services.office import snapshot_backup
        from coetracker.services.opening import local_now

        return lambda: snapshot_backup(db, paths.backup_dir, now=local_now(), reason="pre-import")
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

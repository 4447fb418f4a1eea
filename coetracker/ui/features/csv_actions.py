"""File › Import and File › Export: the menu actions, and the one import point of both flows.

``install_actions(window, paths) -> tuple[QAction, QAction]`` adds File › Import… and
File › Export… (Ctrl+E) through ``window.add_file_action`` and wires them to the two flows with
``window.visible_rows()``, ``window.context`` and ``window.reload()``. The flows themselves are
in :mod:`coetracker.ui.dialogs.export_dialog` and :mod:`coetracker.ui.dialogs.import_dialog`
(Excel workbooks and CSV files alike); their names are re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from coetracker.domain.messages import QT_TRANSLATE_NOOP
from coetracker.paths import AppPaths
from coetracker.ui.dialogs.export_dialog import EncodingProblemsDialog, ExportDialog, run_export
from coetracker.ui.dialogs.import_dialog import ImportPreviewDialog, run_import
from coetracker.ui.features.transfer_common import _settings, tr
from coetracker.ui.models.import_models import (
    COL_PROBLEMS,
    COL_REFERENCE,
    COL_STATUS,
    PLANNED_ROW_ROLE,
    PROBLEM_COUNT_ROLE,
    ColumnMappingModel,
    ImportPreviewModel,
)

if TYPE_CHECKING:
    from coetracker.ui.window.main_window import MainWindow

__all__ = [
    "COL_PROBLEMS",
    "COL_REFERENCE",
    "COL_STATUS",
    "PLANNED_ROW_ROLE",
    "PROBLEM_COUNT_ROLE",
    "ColumnMappingModel",
    "EncodingProblemsDialog",
    "ExportDialog",
    "ImportPreviewDialog",
    "ImportPreviewModel",
    "_settings",
    "install_actions",
    "run_export",
    "run_import",
]


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

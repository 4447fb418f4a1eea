"""The main window's case commands: new, edit, log inquiry, document requests, archive, copy,
settings — an object that receives the window, as qutebrowser's ``CommandDispatcher`` does.

The window's actions call these methods; so can tests and other features. Dialogs open with
``open()`` (window-modal, non-blocking) and are returned, so a caller can drive them; their
modules load on first use (they import the services).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.text import translate
from coetracker.ui.panes.detail_tabs import DetailTabs

if TYPE_CHECKING:
    from coetracker.ui.dialogs.card_dialog import CardDialog
    from coetracker.ui.dialogs.case_editor import CaseEditor
    from coetracker.ui.dialogs.inquiry_dialog import InquiryDialog
    from coetracker.ui.dialogs.request_dialog import RequestDialog
    from coetracker.ui.dialogs.settings_dialog import SettingsDialog
    from coetracker.ui.window.main_window import MainWindow


class CaseCommands:
    """Commands on the window's selected case (see the module documentation)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _assignees(self) -> list[str]:
        return sorted({row.assignee for row in self.window.model.rows() if row.assignee})

    def new_case(self) -> CaseEditor | None:
        """Open the case editor for a new case (non-blocking); returns it."""
        from coetracker.ui.dialogs.case_editor import CaseEditor

        if self.window.context is None:
            return None
        editor = CaseEditor(self.window.context, assignees=self._assignees(), parent=self.window)
        return self._open_editor(editor)

    def edit_case(self) -> CaseEditor | None:
        """Open the case editor on the selected case (non-blocking); returns it."""
        from coetracker.ui.dialogs.case_editor import CaseEditor

        detail = self.window.details.detail
        if detail is None or self.window.context is None:
            return None
        editor = CaseEditor(
            self.window.context, detail, assignees=self._assignees(), parent=self.window
        )
        return self._open_editor(editor)

    def _open_editor(self, editor: CaseEditor) -> CaseEditor:
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.window.case_saved)
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        self.window.active_editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: CaseEditor) -> None:
        if self.window.active_editor is editor:
            self.window.active_editor = None

    def log_inquiry(self) -> InquiryDialog | None:
        if self.window.details.detail is None:
            return None
        self.window.details.show_tab(DetailTabs.INQUIRIES)
        return self.window.details.inquiries.log_inquiry()

    def add_request(self) -> RequestDialog | None:
        if self.window.details.detail is None:
            return None
        self.window.details.show_tab(DetailTabs.REQUESTS)
        return self.window.details.requests.add_request()

    def record_extension(self) -> RequestDialog | None:
        self.window.details.show_tab(DetailTabs.REQUESTS)
        return self.window.details.requests.record_extension()

    def mark_submitted(self) -> RequestDialog | None:
        self.window.details.show_tab(DetailTabs.REQUESTS)
        return self.window.details.requests.mark_submitted()

    def toggle_archive(self) -> bool:
        from coetracker.services import cases

        detail = self.window.details.detail
        if detail is None or self.window.context is None:
            return False
        archive = not detail.archived
        name = detail.values.reference or detail.applicant.display_name
        if archive:
            question = translate(
                "CaseActions",
                "Archive case %1? It will be listed as closed; you can bring it back later.",
            ).replace("%1", name)
            title = translate("CaseActions", "Archive case")
        else:
            question = translate("CaseActions", "Bring case %1 back from the archive?").replace(
                "%1", name
            )
            title = translate("CaseActions", "Bring back case")
        if not dialogs.confirm(self.window, title, question):
            return False
        try:
            cases.set_archived(
                self.window.context.db,
                detail.id,
                archived=archive,
                expected_version=detail.version_id,
                actor=self.window.context.actor(),
                today=self.window.context.today,
            )
        except Exception as problem:
            dialogs.report(self.window, problem)
            self.window.case_changed(detail.id)
            return False
        self.window.case_changed(detail.id)
        return True

    def edit_card(self) -> CardDialog | None:
        """Open the residence card of the selected case's person (non-blocking); returns it."""
        from coetracker.services import cards, reference
        from coetracker.ui.dialogs.card_dialog import CardDialog

        detail = self.window.details.detail
        context = self.window.context
        if detail is None or context is None:
            return None
        person = detail.applicant.id
        card = cards.get_card(context.db, person)
        case_id = detail.id

        def save(value: cards.CardInput) -> bool:
            cards.save_card(
                context.db,
                person,
                value,
                expected_version=card.version_id if card else None,
                actor=context.actor(),
                case_id=case_id,
            )
            self.window.reload()
            self.window.details.show_case(case_id)
            return True

        dialog = CardDialog(
            save,
            reference.list_statuses(context.db),
            card,
            detail.applicant.display_name,
            self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def start_renewal(self) -> int | None:
        """Create the extension-of-stay case for the selected case's person and show it."""
        from coetracker.services import cards

        detail = self.window.details.detail
        if detail is None or self.window.context is None:
            return None
        try:
            new_id = cards.start_renewal_case(
                self.window.context.db, detail.id, actor=self.window.context.actor()
            )
        except Exception as problem:
            dialogs.report(self.window, problem)
            return None
        self.window.reload_case(detail.id)
        self.window.case_saved(new_id)
        self.window.statusBar().showMessage(
            translate("CaseActions", "Renewal case started: fill in the filing when it is filed"),
            6000,
        )
        return new_id

    def copy_number(self) -> None:
        detail = self.window.details.detail
        if detail is None:
            return
        text = detail.values.application_number or detail.values.reference or ""
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(
            translate("CaseActions", "Copied: %1").replace("%1", text), 4000
        )

    def open_settings(self) -> SettingsDialog | None:
        """Open the Settings dialog (non-blocking); returns it."""
        from coetracker.ui.dialogs.settings_dialog import SettingsDialog

        if self.window.context is None:
            return None
        dialog = SettingsDialog(
            self.window.context, self.window, user_settings=self.window.settings
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._settings_changed)
        self.window.active_settings = dialog
        dialog.finished.connect(lambda _r: self._settings_closed(dialog))
        dialog.open()
        return dialog

    def _settings_closed(self, dialog: SettingsDialog) -> None:
        if self.window.active_settings is dialog:
            self.window.active_settings = None

    def _settings_changed(self) -> None:
        self.window.reload()
        if self.window.details.case_id is not None:
            self.window.details.show_case(self.window.details.case_id)

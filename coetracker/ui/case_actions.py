"""The main window's case commands: new, edit, log inquiry, document requests, archive, copy,
settings. A mixin of :class:`~coetracker.ui.main_window.MainWindow`.

Dialogs open with ``open()`` (window-modal, non-blocking) and are returned, so tests and other
features can drive them; their modules load on first use (they import the services).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from coetracker.ui import dialogs
from coetracker.ui.detail_tabs import DetailTabs
from coetracker.ui.text import translate

if TYPE_CHECKING:
    from coetracker.ui.card_dialog import CardDialog
    from coetracker.ui.case_editor import CaseEditor
    from coetracker.ui.settings_dialog import SettingsDialog


class CaseActions:
    """Commands on the selected case (a mixin; see the module documentation)."""

    # -- case actions -----------------------------------------------------------------------

    def _assignees(self) -> list[str]:
        return sorted({row.assignee for row in self.model.rows() if row.assignee})

    def new_case(self) -> CaseEditor | None:
        """Open the case editor for a new case (non-blocking); returns it."""
        from coetracker.ui.case_editor import CaseEditor

        if self.context is None:
            return None
        editor = CaseEditor(self.context, assignees=self._assignees(), parent=self)
        return self._open_editor(editor)

    def edit_case(self) -> CaseEditor | None:
        """Open the case editor on the selected case (non-blocking); returns it."""
        from coetracker.ui.case_editor import CaseEditor

        detail = self.details.detail
        if detail is None or self.context is None:
            return None
        editor = CaseEditor(self.context, detail, assignees=self._assignees(), parent=self)
        return self._open_editor(editor)

    def _open_editor(self, editor: CaseEditor) -> CaseEditor:
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._case_saved)
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        self.active_editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: CaseEditor) -> None:
        if self.active_editor is editor:
            self.active_editor = None

    def _case_saved(self, case_id: int) -> None:
        self._pending_select = case_id
        self.details.show_case(case_id)
        self.reload_case(case_id)

    def log_inquiry(self) -> object:
        if self.details.detail is None:
            return None
        self.details.show_tab(DetailTabs.INQUIRIES)
        return self.details.inquiries.log_inquiry()

    def add_request(self) -> object:
        if self.details.detail is None:
            return None
        self.details.show_tab(DetailTabs.REQUESTS)
        return self.details.requests.add_request()

    def record_extension(self) -> object:
        self.details.show_tab(DetailTabs.REQUESTS)
        return self.details.requests.record_extension()

    def mark_submitted(self) -> object:
        self.details.show_tab(DetailTabs.REQUESTS)
        return self.details.requests.mark_submitted()

    def toggle_archive(self) -> bool:
        from coetracker.services import cases

        detail = self.details.detail
        if detail is None or self.context is None:
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
        if not dialogs.confirm(self, title, question):
            return False
        try:
            cases.set_archived(
                self.context.db,
                detail.id,
                archived=archive,
                expected_version=detail.version_id,
                actor=self.context.actor(),
                today=self.context.today,
            )
        except Exception as problem:
            dialogs.report(self, problem)
            self.case_changed(detail.id)
            return False
        self.case_changed(detail.id)
        return True

    def edit_card(self) -> CardDialog | None:
        """Open the residence card of the selected case's person (non-blocking); returns it."""
        from coetracker.services import cards, reference
        from coetracker.ui.card_dialog import CardDialog

        detail = self.details.detail
        context = self.context
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
            self.reload()
            self.details.show_case(case_id)
            return True

        dialog = CardDialog(
            save, reference.list_statuses(context.db), card, detail.applicant.display_name, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def start_renewal(self) -> int | None:
        """Create the extension-of-stay case for the selected case's person and show it."""
        from coetracker.services import cards

        detail = self.details.detail
        if detail is None or self.context is None:
            return None
        try:
            new_id = cards.start_renewal_case(
                self.context.db, detail.id, actor=self.context.actor()
            )
        except Exception as problem:
            dialogs.report(self, problem)
            return None
        self.reload_case(detail.id)
        self._case_saved(new_id)
        self.statusBar().showMessage(
            translate("CaseActions", "Renewal case started: fill in the filing when it is filed"),
            6000,
        )
        return new_id

    def copy_number(self) -> None:
        detail = self.details.detail
        if detail is None:
            return
        text = detail.values.application_number or detail.values.reference or ""
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(
            translate("CaseActions", "Copied: %1").replace("%1", text), 4000
        )

    def open_settings(self) -> SettingsDialog | None:
        """Open the Settings dialog (non-blocking); returns it."""
        from coetracker.ui.settings_dialog import SettingsDialog

        if self.context is None:
            return None
        dialog = SettingsDialog(self.context, self, user_settings=self.settings)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._settings_changed)
        self.active_settings = dialog
        dialog.finished.connect(lambda _r: setattr(self, "active_settings", None))
        dialog.open()
        return dialog

    def _settings_changed(self) -> None:
        self.reload()
        if self.details.case_id is not None:
            self.details.show_case(self.details.case_id)

"""The ledger's settings: 受託番号 pattern, calendar or fiscal years, office form, 登録番号.

Saved through :func:`~coetracker.services.ledger.save_ledger_settings`, which refuses a pattern
without ``{seq}`` and a malformed registration number with one sentence; the dialog then stays
open with what was typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from coetracker.domain.ledger import OfficeForm, YearBasis
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.text import plain_label


class LedgerSettingsDialog(QDialog):
    """Edit and save the ledger settings of the open database."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        from coetracker.services.ledger import ledger_settings_of

        super().__init__(parent)
        self.context = context
        self.setObjectName("ledgerSettingsDialog")
        self.setWindowTitle(self.tr("Ledger settings"))
        settings = ledger_settings_of(context.db)
        form = QFormLayout(self)
        self.pattern = QLineEdit(settings.pattern)
        self.pattern.setObjectName("ledgerPattern")
        self.basis = QComboBox()
        self.basis.addItem(self.tr("Calendar year (January–December)"), YearBasis.CALENDAR)
        self.basis.addItem(self.tr("Fiscal year (April–March)"), YearBasis.FISCAL)
        self.basis.setCurrentIndex(self.basis.findData(settings.basis))
        self.office_form = QComboBox()
        self.office_form.setObjectName("ledgerOfficeForm")
        self.office_form.addItem(self.tr("Sole practitioner"), OfficeForm.SOLE)
        self.office_form.addItem(
            self.tr("Administrative scrivener corporation"), OfficeForm.CORPORATION
        )
        self.office_form.setCurrentIndex(self.office_form.findData(settings.form))
        self.registration = QLineEdit(settings.registration_number)
        self.registration.setObjectName("ledgerRegistrationNumber")
        self.registration.setPlaceholderText("T1234567890123")
        form.addRow(self.tr("Numbering pattern"), self.pattern)
        form.addRow(
            "",
            plain_label(
                self.tr("{era_year}: era year, {year}: year, {seq:03}: number with 3 digits"),
                wrap=True,
            ),
        )
        form.addRow(self.tr("Ledger year"), self.basis)
        form.addRow(self.tr("Office form"), self.office_form)
        form.addRow(self.tr("Invoice registration number"), self.registration)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        from coetracker.services.ledger import LedgerSettings, save_ledger_settings

        settings = LedgerSettings(
            pattern=self.pattern.text().strip(),
            basis=YearBasis(self.basis.currentData()),
            form=OfficeForm(self.office_form.currentData()),
            registration_number=self.registration.text(),
        )
        try:
            save_ledger_settings(self.context.db, settings, actor=self.context.actor())
        except Exception as problem:
            dialogs.report(self, problem)
            return
        self.accept()

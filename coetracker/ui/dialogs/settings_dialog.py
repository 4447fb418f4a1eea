"""Settings: office details, display, policy numbers, processing benchmarks, bureaus.

Office details, policy, benchmarks and bureaus are stored in the database (shared by every user
of it) through ``services.settings`` and ``services.reference``. The display choices — the
interface language and how dates are shown — are the user's own, kept in their QSettings
(:mod:`coetracker.ui.common.preferences`): the date style applies at once, the language at the next
start (the tab says so). Office details, policy and display are saved with "Save"; a benchmark
figure and a bureau's phone and inquiry policy are saved with their own buttons, at once.

Signals:
    changed(): something that affects the readiness of cases was saved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QSettings, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.jpdates import DateStyle, format_date
from coetracker.domain.model import InquiryPolicy, Policy
from coetracker.i18n import system_language
from coetracker.services import reference, settings
from coetracker.services.errors import ConflictError, ValidationError
from coetracker.services.settings import OfficeDetails
from coetracker.ui.common import labels, preferences, window_state
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.forms import Field
from coetracker.ui.common.text import bilingual, date_style, plain_label, render
from coetracker.ui.dialogs.database_settings import DatabaseTab
from coetracker.ui.dialogs.office_form import AddOfficeBox
from coetracker.ui.models.settings_models import BenchmarkTableModel, BureauTableModel

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}
"""Each language by its own name: a list to choose a language from is not translated."""


def _table(model: QAbstractItemModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


class SettingsDialog(QDialog):
    """Office, policy, benchmarks and bureaus in four tabs."""

    changed = Signal()

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        user_settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.context = context
        self.user_settings = user_settings
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._office_tab(), self.tr("Office"))
        self.tabs.addTab(self._display_tab(), self.tr("Display"))
        self.tabs.addTab(self._policy_tab(), self.tr("Rules"))
        self.tabs.addTab(self._benchmark_tab(), self.tr("Processing times"))
        self.tabs.addTab(self._bureau_tab(), self.tr("Bureaus"))
        self.database_tab: DatabaseTab | None = None
        if user_settings is not None:  # this computer user's: the database and their name
            self.database_tab = DatabaseTab(user_settings)
            self.tabs.addTab(self.database_tab, self.tr("Database"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.load()
        window_state.resize_within_screen(self, 860, 600)

    # -- tabs -------------------------------------------------------------------------------

    def _office_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        intro = plain_label(
            self.tr("Printed on call sheets and summaries as the filer (申請取次者)."), wrap=True
        )
        form.addRow(intro)
        self.office_fields: dict[str, QLineEdit] = {}
        captions = {
            "scrivener_name": self.tr("Scrivener (行政書士)"),
            "office_name": self.tr("Office"),
            "registration_number": self.tr("Registration number"),
            "phone": self.tr("Phone"),
            "address": self.tr("Address"),
            "user_name": self.tr("Your name (for “made by” and the history)"),
        }
        for name, caption in captions.items():
            edit = QLineEdit()
            edit.setObjectName(f"office_{name}")
            self.office_fields[name] = edit
            form.addRow(caption, edit)
        self.ledger_settings_button = QPushButton(self.tr("Ledger and invoice settings…"))
        self.ledger_settings_button.setObjectName("ledgerSettingsButton")
        self.ledger_settings_button.setToolTip(
            self.tr(
                "受託番号 numbering, ledger year, office form, invoice registration number (T…)"
            )
        )
        self.ledger_settings_button.clicked.connect(self.open_ledger_settings)
        form.addRow(self.tr("Ledger (事件簿)"), self.ledger_settings_button)
        return page

    def open_ledger_settings(self) -> None:
        """The ledger's own settings (numbering, year, office form, registration number)."""
        from coetracker.ui.dialogs.ledger_settings_dialog import LedgerSettingsDialog

        LedgerSettingsDialog(self.context, self).exec()

    def _display_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        system = LANGUAGE_NAMES[system_language()]
        self.language_combo.addItem(self.tr("Same as the system (%1)").replace("%1", system), "")
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(
            "",
            plain_label(self.tr("A new language is used from the next start."), wrap=True),
        )
        self.date_style_combo = QComboBox()
        self.date_style_combo.setObjectName("dateStyleCombo")
        sample = dt.date.today()
        choices = (
            (DateStyle.ISO, self.tr("Western, ISO (%1)")),
            (DateStyle.WESTERN_JA, self.tr("Western (%1)")),
            (DateStyle.ERA, self.tr("Japanese era (%1)")),
            (DateStyle.ERA_SHORT, self.tr("Japanese era, short (%1)")),
        )
        for style, caption in choices:
            self.date_style_combo.addItem(
                caption.replace("%1", format_date(sample, style)), style.value
            )
        form.addRow(self.tr("Dates"), self.date_style_combo)
        form.addRow(
            "",
            plain_label(
                self.tr(
                    "Dates are shown and printed this way as soon as you save. Dates can be "
                    "typed in any of these forms."
                ),
                wrap=True,
            ),
        )
        return page

    def _policy_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(
            plain_label(
                self.tr(
                    "The numbers the readiness rules use. A case is ready for a status check "
                    "when the average processing time × the ready factor has passed since filing."
                ),
                wrap=True,
            )
        )
        captions = {
            "fallback_benchmark_days": self.tr("Average days when none is published"),
            "ready_factor": self.tr("Ready factor (× average)"),
            "urgent_factor": self.tr("Urgent factor (× average, entry near)"),
            "urgency_window_days": self.tr("Entry is near within (days)"),
            "inquiry_cooldown_days": self.tr("Days between inquiries"),
            "submission_cooldown_days": self.tr("Days after documents were sent"),
            "default_deadline_days": self.tr("Document deadline when none printed (days)"),
            "due_soon_business_days": self.tr("Documents due soon within (business days)"),
            "coe_validity_months": self.tr("Certificate valid for (months)"),
            "expiry_warning_days": self.tr("Warn before expiry (days)"),
            "visa_working_days": self.tr("Visa takes (working days)"),
            "renewal_window_months": self.tr("Renewal can be filed from (months before expiry)"),
            "renewal_urgent_days": self.tr("Renewal urgent in the last (days)"),
            "special_period_months": self.tr("Special period after expiry (months)"),
            "special_period_warning_days": self.tr("Warn before the special period ends (days)"),
            "renewal_benchmark_days": self.tr(
                "Average days for an extension of stay when none is published"
            ),
            "change_benchmark_days": self.tr(
                "Average days for a change of status when none is published"
            ),
        }
        self.policy_fields: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for field in dataclasses.fields(Policy):
            if field.name not in captions:
                continue
            spin: QSpinBox | QDoubleSpinBox
            if field.type in ("float", float):
                spin = QDoubleSpinBox()
                spin.setDecimals(2)
                spin.setRange(0.0, 1000.0)
                spin.setSingleStep(0.05 if "factor" in field.name else 1.0)
            else:
                spin = QSpinBox()
                spin.setRange(0, 1000)
            spin.setObjectName(f"policy_{field.name}")
            self.policy_fields[field.name] = spin
            form.addRow(captions[field.name], spin)
        reset = QPushButton(self.tr("Restore defaults"))
        reset.setObjectName("restorePolicyDefaults")
        reset.clicked.connect(lambda: self._show_policy(Policy()))
        form.addRow("", reset)
        return page

    def _benchmark_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Average processing times published by the Immigration Services Agency "
                    "(在留審査処理期間). The newest figure of each status is used."
                ),
                wrap=True,
            )
        )
        self.benchmark_model = BenchmarkTableModel(self)
        self.benchmark_table = _table(self.benchmark_model, "benchmarkTable")
        layout.addWidget(self.benchmark_table, 1)
        box = QGroupBox(self.tr("Add a published figure"))
        form = QFormLayout(box)
        self.bench_status = QComboBox()
        self.bench_status.setObjectName("benchmarkStatus")
        for status in reference.list_statuses(self.context.db, coe_only=True):
            self.bench_status.addItem(bilingual(status.name_ja, status.name_en), status.id)
        form.addRow(self.tr("Status of residence"), self.bench_status)
        self.bench_period = QLineEdit()
        self.bench_period.setObjectName("benchmarkPeriod")
        self.bench_period.setPlaceholderText(self.tr("2025-11 or 2025年11月"))
        self.bench_period_field = Field(self.bench_period)
        form.addRow(self.tr("Period"), self.bench_period_field)
        self.bench_days = QDoubleSpinBox()
        self.bench_days.setObjectName("benchmarkDays")
        self.bench_days.setRange(0.0, 999.9)
        self.bench_days.setDecimals(1)
        self.bench_days_field = Field(self.bench_days)
        form.addRow(self.tr("Average days"), self.bench_days_field)
        self.bench_source = QLineEdit()
        self.bench_source.setObjectName("benchmarkSource")
        form.addRow(self.tr("Source"), self.bench_source)
        self.bench_add = QPushButton(self.tr("Add figure"))
        self.bench_add.setObjectName("addBenchmark")
        self.bench_add.clicked.connect(self.add_benchmark)
        form.addRow("", self.bench_add)
        layout.addWidget(box)
        return page

    def _bureau_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.bureau_model = BureauTableModel(self)
        self.bureau_table = _table(self.bureau_model, "bureauTable")
        self.bureau_table.selectionModel().selectionChanged.connect(self._bureau_selected)
        layout.addWidget(self.bureau_table, 1)
        box = QGroupBox(self.tr("Selected bureau"))
        form = QFormLayout(box)
        self.bureau_name = plain_label("")
        form.addRow(self.tr("Bureau"), self.bureau_name)
        self.bureau_phone = QLineEdit()
        self.bureau_phone.setObjectName("bureauPhone")
        form.addRow(self.tr("Phone"), self.bureau_phone)
        self.bureau_policy = QComboBox()
        self.bureau_policy.setObjectName("bureauPolicy")
        for policy in InquiryPolicy:
            self.bureau_policy.addItem(labels.label(labels.INQUIRY_POLICIES, policy), policy.value)
        form.addRow(self.tr("Progress inquiries"), self.bureau_policy)
        self.bureau_area = QLineEdit()
        self.bureau_area.setObjectName("bureauArea")
        self.bureau_area.setPlaceholderText(self.tr("Branch offices: the area as published"))
        form.addRow(self.tr("Area served"), self.bureau_area)
        row = QHBoxLayout()
        self.bureau_save = QPushButton(self.tr("Save bureau"))
        self.bureau_save.setObjectName("saveBureau")
        self.bureau_save.clicked.connect(self.save_bureau)
        row.addWidget(self.bureau_save)
        row.addStretch(1)
        form.addRow("", row)
        layout.addWidget(box)
        self.add_office_box = AddOfficeBox(self.context)
        self.add_office_box.added.connect(self._office_added)
        layout.addWidget(self.add_office_box)
        self._bureau_selected()
        return page

    def _office_added(self, office_id: int) -> None:
        self._load_bureaus(office_id)
        self.changed.emit()

    # -- loading ----------------------------------------------------------------------------

    def load(self) -> None:
        self._show_display()
        office = self.context.office()
        for name, edit in self.office_fields.items():
            edit.setText(getattr(office, name))
        self._show_policy(self.context.policy())
        self.benchmark_model.set_rows(reference.list_benchmarks(self.context.db))
        self.benchmark_table.resizeColumnsToContents()
        self._load_bureaus()

    def _load_bureaus(self, select_id: int | None = None) -> None:
        bureaus = reference.list_bureaus(self.context.db)
        self.bureau_model.set_rows(bureaus)
        self.add_office_box.set_bureaus(bureaus)
        self.bureau_table.resizeColumnsToContents()
        self.bureau_table.setColumnWidth(1, min(self.bureau_table.columnWidth(1), 220))
        self.bureau_table.setColumnWidth(2, max(self.bureau_table.columnWidth(2), 110))
        for row, record in enumerate(self.bureau_model.rows()):
            if record.id == select_id:
                self.bureau_table.selectRow(row)

    def _show_display(self) -> None:
        language = preferences.saved_language(self.user_settings) if self.user_settings else ""
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(language), 0))
        style = (
            preferences.saved_date_style(self.user_settings) if self.user_settings else date_style()
        )
        self.date_style_combo.setCurrentIndex(max(self.date_style_combo.findData(style.value), 0))

    def display_value(self) -> tuple[str, DateStyle]:
        """The language ("" for the system's) and date style chosen in the Display tab."""
        return str(self.language_combo.currentData()), DateStyle(
            self.date_style_combo.currentData()
        )

    def _save_display(self) -> None:
        language, style = self.display_value()
        if self.user_settings is not None:
            preferences.save_language(self.user_settings, language)
            preferences.save_date_style(self.user_settings, style)
            self.user_settings.sync()
        else:
            preferences.set_date_style(style)

    def _show_policy(self, policy: Policy) -> None:
        for name, spin in self.policy_fields.items():
            spin.setValue(getattr(policy, name))

    def office_value(self) -> OfficeDetails:
        return OfficeDetails(
            **{name: edit.text().strip() for name, edit in self.office_fields.items()}
        )

    def policy_value(self) -> Policy:
        values: dict[str, float | int] = {}
        for name, spin in self.policy_fields.items():
            values[name] = spin.value()
        return Policy(**values)  # type: ignore[arg-type]

    # -- saving -----------------------------------------------------------------------------

    def accept(self) -> None:
        actor = self.context.actor()
        try:
            settings.save_office(self.context.db, self.office_value(), actor=actor)
            settings.save_policy(self.context.db, self.policy_value(), actor=actor)
        except Exception as problem:
            dialogs.report(self, problem)
            return
        self._save_display()
        if self.database_tab is not None:
            self.database_tab.save()
        self.changed.emit()
        super().accept()

    def add_benchmark(self) -> bool:
        self.bench_period_field.set_error(None)
        self.bench_days_field.set_error(None)
        try:
            reference.add_benchmark(
                self.context.db,
                residence_status_id=int(self.bench_status.currentData()),
                period=self.bench_period.text(),
                average_days=self.bench_days.value(),
                source=self.bench_source.text(),
                actor=self.context.actor(),
            )
        except ValidationError as problem:
            for name, message in problem.problems.items():
                field = self.bench_period_field if name == "period" else self.bench_days_field
                field.set_error(render(message))
            return False
        except Exception as problem:
            dialogs.report(self, problem)
            return False
        self.benchmark_model.set_rows(reference.list_benchmarks(self.context.db))
        self.bench_period.clear()
        self.bench_source.clear()
        self.changed.emit()
        return True

    def selected_bureau(self) -> reference.BureauRecord | None:
        rows = self.bureau_table.selectionModel().selectedRows()
        return self.bureau_model.row_at(rows[0].row()) if rows else None

    def _bureau_selected(self, *_args: object) -> None:
        record = self.selected_bureau()
        enabled = record is not None
        for widget in (self.bureau_phone, self.bureau_policy, self.bureau_save):
            widget.setEnabled(enabled)
        self.bureau_area.setEnabled(record is not None and record.is_branch)
        if record is None:
            self.bureau_name.setText("–")
            self.bureau_phone.clear()
            self.bureau_area.clear()
            return
        self.bureau_name.setText(record.name_ja)
        self.bureau_phone.setText(record.phone or "")
        self.bureau_area.setText(record.area_served or "")
        self.bureau_policy.setCurrentIndex(
            max(self.bureau_policy.findData(record.inquiry_policy.value), 0)
        )

    def save_bureau(self) -> bool:
        record = self.selected_bureau()
        if record is None:
            return False
        try:
            reference.update_bureau(
                self.context.db,
                record.id,
                phone=self.bureau_phone.text(),
                inquiry_policy=InquiryPolicy(self.bureau_policy.currentData()),
                expected_version=record.version_id,
                actor=self.context.actor(),
                area_served=self.bureau_area.text(),
            )
        except ConflictError as conflict:
            dialogs.error(
                self,
                render(conflict.message)
                + "\n\n"
                + self.tr("The list now shows the stored values; your entry is still in the form."),
            )
            phone, policy = self.bureau_phone.text(), self.bureau_policy.currentIndex()
            area = self.bureau_area.text()
            self._load_bureaus(record.id)
            self.bureau_phone.setText(phone)
            self.bureau_policy.setCurrentIndex(policy)
            self.bureau_area.setText(area)
            return False
        except Exception as problem:
            dialogs.report(self, problem)
            return False
        self._load_bureaus(record.id)
        self.changed.emit()
        return True

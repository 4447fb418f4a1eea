"""The case editor: client, applicant, application, dates and notes of one case.

The client is picked from the existing ones (type to search) or, when the name typed is new,
entered with its prefecture; the bureau is then suggested from that prefecture. Dates accept
every form ``parse_date`` reads and have a calendar. Problems are shown at the field; a save
that meets a newer version shows both versions and lets the user choose (``saving``). Nothing
typed is lost.

Signals:
    saved(int): the case with this id was created or updated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.jpdates import DateParseError, Toward
from coetracker.domain.jurisdiction import Basis, basis_for, client_is_optional
from coetracker.domain.model import FilingChannel, Stage
from coetracker.domain.nationalities import NATIONALITIES, lookup
from coetracker.domain.procedures import Procedure
from coetracker.domain.stage_rules import inferred_stage
from coetracker.domain.text import search_key
from coetracker.services import cases, reference
from coetracker.services.errors import ConflictError
from coetracker.services.records import (
    CASE_FIELDS,
    ApplicantInput,
    CaseDetail,
    CaseInput,
    OrganizationInput,
    OrganizationRecord,
    as_dict,
)
from coetracker.ui.common import labels, window_state
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.forms import Field
from coetracker.ui.common.operations import op
from coetracker.ui.common.saving import differences
from coetracker.ui.common.text import bilingual, date_text, plain_label, render
from coetracker.ui.dialogs import conflict_dialog
from coetracker.ui.dialogs.conflict_dialog import Resolution
from coetracker.ui.dialogs.record_dialog import RecordDialog

_PAREN = "{ja} ({en})"  # 台湾 (Taiwan) in the English interface


def _text(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


def _combo(name: str, choices: Sequence[tuple[str, object]], blank: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    # Long entries (bureau and status names) must not widen the form: the popup shows them.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    if blank is not None:
        combo.addItem(blank, None)
    for text, data in choices:
        combo.addItem(text, data)
    return combo


def _select(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))


def _searchable(combo: QComboBox) -> None:
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    if completer is not None:  # an editable combo box always has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    line_edit = combo.lineEdit()
    if line_edit is not None:
        # A long name chosen shows its beginning, not its tail.
        combo.currentIndexChanged.connect(lambda _i: line_edit.setCursorPosition(0))


class CaseEditor(RecordDialog[CaseInput]):
    """Create or edit a case (see the module documentation)."""

    saved = Signal(int)

    def __init__(
        self,
        context: AppContext,
        detail: CaseDetail | None = None,
        *,
        assignees: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self._store, parent)
        self.setObjectName("caseEditor")
        self.context = context
        self.case_id = detail.id if detail else None
        self.case_version = detail.version_id if detail else 0
        self.applicant_version = detail.applicant.version_id if detail else None
        self.applicant_id = detail.applicant.id if detail else None
        self.setWindowTitle(self.tr("Edit case") if detail else self.tr("New case"))
        self._bureau_touched = False
        self._suggesting = False

        db = context.db
        lists: reference.CaseFormLists = op(
            parent, lambda _task: reference.case_form_lists(db)
        ).wait()
        self.organizations: list[OrganizationRecord] = list(lists.organizations)
        self.statuses = list(lists.statuses)
        self.bureaus = list(lists.bureaus)
        self.prefectures = list(lists.prefectures)
        self._org_by_id = {o.id: o for o in self.organizations}

        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        host = QWidget()
        host.setLayout(columns)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(host)
        self.outer.addWidget(scroll, 1)

        # Client.
        _client_box, client_form = self._group(self.tr("Client (所属機関)"), left)
        self.client = _combo("clientCombo", [(o.name, o.id) for o in self.organizations], "")
        _searchable(self.client)
        client_line = self.client.lineEdit()
        if client_line is not None:
            client_line.setPlaceholderText(self.tr("Type to find a client, or a new name"))
        self.client.editTextChanged.connect(self._client_changed)
        self.client.currentIndexChanged.connect(lambda _i: self._client_changed())
        self.add_field("organization", self.tr("Client"), self.client, client_form)
        self.client_note = plain_label("", wrap=True)
        self.client_note.setObjectName("clientNote")
        self.client_note.hide()
        client_form.addRow("", self.client_note)
        self.new_client = QWidget()
        new_form = QFormLayout(self.new_client)
        new_form.setContentsMargins(0, 0, 0, 0)
        self.org_kana = QLineEdit()
        self.org_kana.setObjectName("clientKana")
        self.add_field("organization_kana", self.tr("Reading (kana)"), self.org_kana, new_form)
        self.org_number = QLineEdit()
        self.org_number.setObjectName("corporateNumber")
        self.org_number.setPlaceholderText(self.tr("13 digits (法人番号)"))
        self.add_field("corporate_number", self.tr("Corporate number"), self.org_number, new_form)
        self.org_prefecture = _combo("clientPrefecture", [(p, p) for p in self.prefectures], "")
        self.org_prefecture.currentIndexChanged.connect(lambda _i: self._suggest_bureau())
        self.add_field("prefecture", self.tr("Prefecture"), self.org_prefecture, new_form)
        self.org_address = QLineEdit()
        self.org_address.setObjectName("clientAddress")
        self.add_field("address", self.tr("Address"), self.org_address, new_form)
        self.org_contact = QLineEdit()
        self.org_contact.setObjectName("clientContact")
        self.add_field("contact_person", self.tr("Contact person"), self.org_contact, new_form)
        self.org_phone = QLineEdit()
        self.org_phone.setObjectName("clientPhone")
        self.add_field("phone", self.tr("Phone"), self.org_phone, new_form)
        client_form.addRow(self.new_client)

        # Applicant.
        _box, applicant_form = self._group(self.tr("Applicant (申請人)"), left)
        self.family_name = QLineEdit()
        self.family_name.setObjectName("familyName")
        self.family_name.setPlaceholderText(self.tr("As in the passport, e.g. NGUYEN"))
        self.add_field("family_name", self.tr("Family name"), self.family_name, applicant_form)
        self.given_name = QLineEdit()
        self.given_name.setObjectName("givenName")
        self.add_field("given_name", self.tr("Given names"), self.given_name, applicant_form)
        self.name_kanji = QLineEdit()
        self.name_kanji.setObjectName("nameKanji")
        self.add_field("name_kanji", self.tr("Name in kanji"), self.name_kanji, applicant_form)
        self.name_kana = QLineEdit()
        self.name_kana.setObjectName("nameKana")
        self.add_field("name_kana", self.tr("Name in kana"), self.name_kana, applicant_form)
        self.nationality = _combo(
            "nationality",
            [
                (f"{n.code}  {bilingual(n.name_ja, n.name_en, _PAREN)}", n.code)
                for n in NATIONALITIES
            ],
            "",
        )
        _searchable(self.nationality)
        self.add_field("nationality_code", self.tr("Nationality"), self.nationality, applicant_form)
        self.birth_date = self.add_date("birth_date", self.tr("Date of birth"), applicant_form)
        self.birth_date.date_edit.western = True  # as in the passport and on the form
        self.birth_date.date_edit.yearless = False  # "12/3" is no date of birth
        self.sex = _combo(
            "sex", [(labels.label(labels.SEXES, code), code) for code in labels.SEXES], ""
        )
        self.add_field("sex", self.tr("Sex"), self.sex, applicant_form)
        self.passport = QLineEdit()
        self.passport.setObjectName("passportNumber")
        self.add_field("passport_number", self.tr("Passport number"), self.passport, applicant_form)

        # Application.
        _box, app_form = self._group(self.tr("Application"), right)
        self.procedure = _combo(
            "procedureCombo", [(labels.label(labels.PROCEDURES, p), p.value) for p in Procedure]
        )
        self.add_field("procedure", self.tr("Procedure"), self.procedure, app_form)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(self.tr("Your office's file number (受託番号)"))
        self.add_field("reference", self.tr("Reference"), self.reference, app_form)
        # Only the statuses valid on the filing date (today before filing) are offered; a stored
        # case's status is always shown (see _refresh_statuses).
        self._stored_status_id = detail.values.residence_status_id if detail else None
        self.status = _combo("statusCombo", [], "")
        _searchable(self.status)
        self.add_field("residence_status_id", self.tr("Status of residence"), self.status, app_form)
        self.status_note = plain_label("", wrap=True)
        self.status_note.setObjectName("statusValidity")
        self.status_note.hide()
        app_form.addRow("", self.status_note)
        self.status.currentIndexChanged.connect(lambda _i: self._status_note())
        self.bureau = _combo(
            "bureauCombo",
            [
                (bilingual(b.name_ja, b.name_en, _PAREN), b.id)
                for b in self.bureaus
                if b.accepts_coe
            ],
            "",
        )
        self.bureau.currentIndexChanged.connect(self._bureau_changed)
        self.add_field("bureau_id", self.tr("Bureau"), self.bureau, app_form)
        self.bureau_note = plain_label("", wrap=True)
        self.bureau_note.setObjectName("bureauSuggestion")
        self.bureau_note.hide()
        app_form.addRow("", self.bureau_note)
        self.department = QLineEdit()
        self.department.setObjectName("reviewDepartment")
        self.department.setPlaceholderText(self.tr("As on the receipt slip, e.g. 就労審査第一部門"))
        self.add_field("review_department", self.tr("Review department"), self.department, app_form)
        self.department_phone = QLineEdit()
        self.department_phone.setObjectName("departmentPhone")
        self.department_phone.setPlaceholderText(self.tr("From the receipt slip (申請受付票)"))
        self.add_field(
            "department_phone", self.tr("Department phone"), self.department_phone, app_form
        )
        self.phone_note = plain_label(
            self.tr(
                "Filed: enter the department's phone number from the receipt slip (申請受付票); "
                "the call sheet shows it."
            ),
            wrap=True,
        )
        self.phone_note.setObjectName("departmentPhoneNote")
        self.phone_note.hide()
        app_form.addRow("", self.phone_note)
        self.department_phone.textChanged.connect(lambda _t: self._update_phone_note())
        self.channel = _combo(
            "channelCombo",
            [(labels.label(labels.FILING_CHANNELS, c), c.value) for c in FilingChannel],
            self.tr("(not filed yet)"),
        )
        self.add_field("channel", self.tr("Filed via"), self.channel, app_form)
        self.stage = _combo(
            "stageCombo", [(labels.label(labels.STAGES, s), s.value) for s in Stage]
        )
        self.add_field("stage", self.tr("Stage"), self.stage, app_form)
        self.stage_note = plain_label("", wrap=True)
        self.stage_note.setObjectName("stageNote")
        self.stage_note.hide()
        app_form.addRow("", self.stage_note)
        self.stage.currentIndexChanged.connect(lambda _i: self._update_phone_note())
        self.filing_date = self.add_date("filing_date", self.tr("Filing date"), app_form)
        self.application_number = QLineEdit()
        self.application_number.setObjectName("applicationNumber")
        self.application_number.setPlaceholderText(
            self.tr("Exactly as on the slip, e.g. 東就認T26-12345")
        )
        self.add_field(
            "application_number", self.tr("Application no."), self.application_number, app_form
        )
        self.assignee = QLineEdit()
        self.assignee.setObjectName("assignee")
        if assignees:
            completer = QCompleter(sorted(set(assignees)), self.assignee)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.assignee.setCompleter(completer)
        self.add_field("assignee", self.tr("Assignee"), self.assignee, app_form)

        # Dates after filing.
        _box, dates_form = self._group(self.tr("Dates"), right)
        self.planned_entry = self.add_date(
            "planned_entry_date", self.tr("Planned entry"), dates_form, Toward.FUTURE
        )
        self.issued = self.add_date("coe_issued_date", self.tr("COE issued (作成日)"), dates_form)
        self.delivery = _combo(
            "deliveryCombo",
            [(labels.label(labels.COE_DELIVERY, k), k) for k in labels.COE_DELIVERY],
            "",
        )
        self.add_field("coe_delivery", self.tr("COE delivery"), self.delivery, dates_form)
        self.receipt_registered = self.add_date(
            "coe_receipt_registered_on", self.tr("Receipt registered (受領登録)"), dates_form
        )
        self.receipt_registered.setToolTip(
            self.tr(
                "An electronic certificate can be used only after the applicant registers receipt through the URL in the e-mail"  # noqa: E501
            )
        )
        self.delivery.currentIndexChanged.connect(lambda _i: self._delivery_changed())
        self.sent = self.add_date(
            "sent_to_applicant_date", self.tr("Sent to applicant"), dates_form
        )
        self.visa = self.add_date("visa_applied_date", self.tr("Visa applied"), dates_form)
        self.entry = self.add_date("entry_date", self.tr("Entered Japan"), dates_form)
        self.decision = self.add_date("decision_date", self.tr("Decision"), dates_form)

        self._build_agent_group(left)

        _box, notes_form = self._group(self.tr("Notes"), left)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.fields["notes"] = Field(self.notes)
        notes_form.addRow(self.fields["notes"])
        left.addStretch(1)
        right.addStretch(1)
        for date_field in (self.filing_date, self.issued, self.sent, self.visa, self.entry):
            date_field.date_edit.dateChanged.connect(self._dates_changed)
        self.filing_date.date_edit.dateChanged.connect(self._refresh_statuses)
        self._refresh_statuses()

        self.finish_layout()
        if detail is not None:
            self.load(detail)
        else:
            self._client_changed()
        self._update_phone_note()
        self.mark_clean()
        (self.family_name if detail else self.client).setFocus()
        window_state.resize_within_screen(self, 1040, 760)

    def _build_agent_group(self, column: QVBoxLayout) -> None:
        """代理人: the relative in Japan for family statuses, whose residence decides the bureau."""
        self.agent_box, form = self._group(self.tr("Representative (代理人)"), column)
        self.agent_box.setObjectName("agentGroup")
        self.agent_name = QLineEdit()
        self.agent_name.setObjectName("agentName")
        self.agent_name.setPlaceholderText(self.tr("For family statuses: the relative in Japan"))
        self.add_field("agent_name", self.tr("Name"), self.agent_name, form)
        self.agent_relationship = QComboBox()
        self.agent_relationship.setObjectName("agentRelationship")
        self.agent_relationship.setEditable(True)
        self.agent_relationship.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agent_relationship.addItems(["", "配偶者", "父", "母", "子", "親族", "所属機関の職員"])
        self.add_field("agent_relationship", self.tr("Relationship"), self.agent_relationship, form)
        self.agent_prefecture = _combo("agentPrefecture", [(p, p) for p in self.prefectures], "")
        self.agent_prefecture.currentIndexChanged.connect(lambda _i: self._suggest_bureau())
        self.add_field("agent_prefecture", self.tr("Prefecture"), self.agent_prefecture, form)
        self.agent_address = QLineEdit()
        self.agent_address.setObjectName("agentAddress")
        self.add_field("agent_address", self.tr("Home address"), self.agent_address, form)
        self.agent_note = plain_label(
            self.tr(
                "For 日本人の配偶者等, 永住者の配偶者等, 定住者 and 家族滞在 the office is the one "
                "covering this person's residence; with this name given, the client company "
                "may be left empty."
            ),
            wrap=True,
        )
        self.agent_note.setObjectName("agentNote")
        form.addRow("", self.agent_note)
        self.status.currentIndexChanged.connect(lambda _i: self._suggest_bureau())
        self.status.currentIndexChanged.connect(lambda _i: self._update_client_hint())
        self.agent_name.textChanged.connect(lambda _t: self._update_client_hint())

    def _update_client_hint(self) -> None:
        """The client field's placeholder says when it may stay empty (a family case whose
        代理人 is named)."""
        line = self.client.lineEdit()
        if line is None:  # pragma: no cover - the combo is editable
            return
        if client_is_optional(self._status_code(), self.agent_name.text()):
            line.setPlaceholderText(self.tr("Optional: the 代理人 files this family case"))
        else:
            line.setPlaceholderText(self.tr("Type to find a client, or a new name"))

    def _agent_values(self) -> dict[str, str | None]:
        relationship = self.agent_relationship.currentText().strip() or None
        prefecture = self.agent_prefecture.currentData()
        return {
            "agent_name": _text(self.agent_name),
            "agent_relationship": relationship,
            "agent_prefecture": str(prefecture) if prefecture else None,
            "agent_address": _text(self.agent_address),
        }

    def _load_agent(self, values: CaseInput) -> None:
        self.agent_name.setText(values.agent_name or "")
        self.agent_relationship.setCurrentText(values.agent_relationship or "")
        if values.agent_prefecture and self.agent_prefecture.findData(values.agent_prefecture) < 0:
            self.agent_prefecture.addItem(values.agent_prefecture, values.agent_prefecture)
        _select(self.agent_prefecture, values.agent_prefecture)
        self.agent_address.setText(values.agent_address or "")

    def _status_code(self) -> str | None:
        status_id = self.status.currentData()
        return next((s.code for s in self.statuses if s.id == status_id), None)

    @staticmethod
    def _note(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _group(self, title: str, column: QVBoxLayout) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addWidget(box)
        return box, form

    # -- loading ----------------------------------------------------------------------------

    def load(self, detail: CaseDetail) -> None:
        """Show a stored case (also after "discard mine, show theirs")."""
        v, a = detail.values, detail.applicant
        self.case_version = detail.version_id
        self.applicant_version = a.version_id
        self.applicant_id = a.id
        organization = detail.organization  # None: a family case filed by its 代理人
        if organization is not None and organization.id not in self._org_by_id:
            self.organizations.append(organization)
            self._org_by_id[organization.id] = organization
            self.client.addItem(organization.name, organization.id)
        self._suggesting = True
        _select(self.client, organization.id if organization is not None else None)
        self._suggesting = False
        self.family_name.setText(a.family_name or "")
        self.given_name.setText(a.given_name or "")
        self.name_kanji.setText(a.name_kanji or "")
        self.name_kana.setText(a.name_kana or "")
        _select(self.nationality, a.nationality_code)
        self.birth_date.set_date(a.birth_date)
        _select(self.sex, a.sex)
        self.passport.setText(a.passport_number or "")
        self.reference.setText(v.reference or "")
        _select(self.procedure, Procedure(v.procedure).value)
        self.filing_date.set_date(v.filing_date)
        self._stored_status_id = v.residence_status_id
        self._refresh_statuses()
        _select(self.status, v.residence_status_id)
        self._status_note()
        self._suggesting = True
        if self.bureau.findData(v.bureau_id) < 0 and v.bureau_id is not None:
            name = detail.bureau_name or str(v.bureau_id)
            self.bureau.addItem(name, v.bureau_id)
        _select(self.bureau, v.bureau_id)
        self._suggesting = False
        self._bureau_touched = v.bureau_id is not None
        self._note(self.bureau_note, "")
        self.department.setText(v.review_department or "")
        self.department_phone.setText(v.department_phone or "")
        _select(self.channel, v.channel.value if v.channel else None)
        _select(self.stage, Stage(v.stage).value)
        self.filing_date.set_date(v.filing_date)
        self.application_number.setText(v.application_number or "")
        self.assignee.setText(v.assignee or "")
        self.planned_entry.set_date(v.planned_entry_date)
        self.issued.set_date(v.coe_issued_date)
        _select(self.delivery, v.coe_delivery)
        self.receipt_registered.set_date(v.coe_receipt_registered_on)
        self._delivery_changed()
        self.sent.set_date(v.sent_to_applicant_date)
        self.visa.set_date(v.visa_applied_date)
        self.entry.set_date(v.entry_date)
        self.decision.set_date(v.decision_date)
        self.notes.setPlainText(v.notes or "")
        self._load_agent(v)
        self._note(self.stage_note, "")
        self._client_changed()
        self._update_phone_note()

    # -- client and bureau ------------------------------------------------------------------

    def selected_client(self) -> OrganizationRecord | None:
        """The existing client named in the combo, or None when the name is new (or blank)."""
        text = self.client.currentText().strip()
        if not text:
            return None
        data = self.client.currentData()
        if data is not None and self.client.itemText(self.client.currentIndex()) == text:
            return self._org_by_id.get(int(data))
        key = search_key(text)
        for organization in self.organizations:
            if search_key(organization.name) == key:
                return organization
        return None

    def _client_changed(self, *_args: object) -> None:
        existing = self.selected_client()
        text = self.client.currentText().strip()
        is_new = bool(text) and existing is None
        self.new_client.setVisible(is_new)
        if existing is not None:
            where = existing.prefecture or self.tr("prefecture not recorded")
            self._note(self.client_note, self.tr("Existing client, %1").replace("%1", where))
        elif is_new:
            self._note(self.client_note, self.tr("New client: enter its details below."))
        else:
            self._note(self.client_note, "")
        if not self._suggesting:
            self._suggest_bureau()

    def client_prefecture(self) -> str | None:
        existing = self.selected_client()
        if existing is not None:
            return existing.prefecture
        value = self.org_prefecture.currentData()
        return str(value) if value else None

    def client_address(self) -> str | None:
        existing = self.selected_client()
        return existing.address if existing is not None else _text(self.org_address)

    def _suggest_bureau(self) -> None:
        """Propose the office for the client's prefecture (the 代理人's for family statuses)
        unless the user chose one, and name the branch offices that also accept it."""
        if self._bureau_touched or not hasattr(self, "agent_prefecture"):
            return
        agent = self._agent_values()
        basis = basis_for(
            self._status_code(),
            client_prefecture=self.client_prefecture(),
            client_address=self.client_address(),
            agent_prefecture=agent["agent_prefecture"],
            agent_address=agent["agent_address"],
        )
        if basis is None:
            return
        offices = [
            o
            for o in reference.offices_for(self.context.db, basis.prefecture, basis.address)
            if self.bureau.findData(o.id) >= 0
        ]
        if not offices:
            return
        self._suggesting = True
        _select(self.bureau, offices[0].id)
        self._suggesting = False
        if basis.basis is Basis.AGENT:
            text = self.tr("Suggested from the representative's prefecture (%1).")
        else:
            text = self.tr("Suggested from the client's prefecture (%1).")
        text = text.replace("%1", basis.prefecture)
        if len(offices) > 1:
            also = self.tr("Also accepted at: %1.").replace(
                "%1", "、".join(o.short_name_ja for o in offices[1:])
            )
            text += also if text.endswith("。") else " " + also
        self._note(self.bureau_note, text)

    def _bureau_changed(self, _index: int) -> None:
        if not self._suggesting:
            self._bureau_touched = self.bureau.currentData() is not None
            self._note(self.bureau_note, "")

    # -- stage and filing ------------------------------------------------------------------

    def _typed_dates(self) -> dict[str, Any]:
        dates: dict[str, Any] = {}
        for name, field in self.fields.items():
            date_edit = getattr(field, "date_edit", None)
            if date_edit is None:
                continue
            try:
                dates[name] = date_edit.date()
            except DateParseError:
                dates[name] = None
        return dates

    def _dates_changed(self) -> None:
        """A date implies a later stage: move the stage there and say why, before saving."""
        current = Stage(self.stage.currentData())
        stage, reason = inferred_stage(current, self._typed_dates())
        if reason is None:
            return
        _select(self.stage, stage.value)
        caption = self._case_captions().get(reason, reason)
        self._note(
            self.stage_note,
            self.tr("Stage set to “%1” (%2 entered).")
            .replace("%1", labels.label(labels.STAGES, stage.value))
            .replace("%2", caption),
        )
        self._update_phone_note()

    def _status_day(self) -> dt.date:
        """The day whose statuses are offered: the filing date, or today before filing."""
        try:
            filed = self.filing_date.date()
        except DateParseError:
            filed = None
        return filed or self.context.today

    def _refresh_statuses(self) -> None:
        """Offer the statuses valid on the filing date (today before filing), keeping the stored
        case's status and the one chosen now, so nothing chosen disappears."""
        day = self._status_day()
        chosen = self.status.currentData()
        keep = {self._stored_status_id, chosen}
        offered = reference.statuses_offered(self.statuses, day, keep=keep)
        wanted = [s.id for s in offered]
        shown = [self.status.itemData(i) for i in range(1, self.status.count())]
        if shown != wanted:
            blocked = self.status.blockSignals(True)
            try:
                while self.status.count() > 1:
                    self.status.removeItem(self.status.count() - 1)
                for s in offered:
                    self.status.addItem(bilingual(s.name_ja, s.name_en), s.id)
                _select(self.status, chosen)
            finally:
                self.status.blockSignals(blocked)
        self._status_note()

    def _status_note(self) -> None:
        """Say so when the chosen status cannot be applied for on the filing date."""
        chosen = self.status.currentData()
        record = next((s for s in self.statuses if s.id == chosen), None)
        day = self._status_day()
        if record is None or record.valid_on(day):
            self._note(self.status_note, "")
            return
        if record.valid_from is not None and day < record.valid_from:
            text = self.tr("%1 can be applied for from %2.").replace(
                "%2", date_text(record.valid_from)
            )
        else:
            text = self.tr("%1 could be applied for until %2.").replace(
                "%2", date_text(record.valid_to)
            )
        self._note(self.status_note, text.replace("%1", record.name_ja))

    def _delivery_changed(self) -> None:
        """受領登録 applies to an electronic certificate only: the date is editable for e-mail."""
        self.receipt_registered.setEnabled(self.delivery.currentData() == "email")

    def _update_phone_note(self) -> None:
        """Once a case is filed, ask for the review department's phone until it is entered."""
        try:
            filed = self.filing_date.date() is not None
        except DateParseError:
            filed = False
        filed = filed or Stage(self.stage.currentData()) != Stage.PREPARING
        self.phone_note.setVisible(filed and not self.department_phone.text().strip())

    # -- value and saving -------------------------------------------------------------------

    def extra_checks(self) -> bool:
        ok = True
        text = self.nationality.currentText().strip()
        if text and self.nationality.currentData() is None and lookup(text) is None:
            self.fields["nationality_code"].set_error(
                self.tr("Unknown nationality: choose one from the list (type to search).")
            )
            ok = False
        if not self.client.currentText().strip():
            problem = cases.client_problem(self._status_code(), self.agent_name.text())
            if problem is not None:
                self.fields["organization"].set_error(render(problem))
                ok = False
        return ok

    def _nationality_code(self) -> str | None:
        text = self.nationality.currentText().strip()
        if not text:
            return None
        data = self.nationality.currentData()
        if data is not None and self.nationality.itemText(self.nationality.currentIndex()) == text:
            return str(data)
        found = lookup(text)
        return found.code if found else None

    def value(self) -> CaseInput:
        existing = self.selected_client()
        organization = None
        if existing is None:
            organization = OrganizationInput(
                name=self.client.currentText().strip(),
                name_kana=_text(self.org_kana),
                corporate_number=_text(self.org_number),
                prefecture=self.org_prefecture.currentData(),
                address=_text(self.org_address),
                contact_person=_text(self.org_contact),
                phone=_text(self.org_phone),
            )
        channel = self.channel.currentData()
        notes = self.notes.toPlainText()
        return CaseInput(
            applicant=ApplicantInput(
                family_name=self.family_name.text().strip(),
                given_name=_text(self.given_name),
                name_kanji=_text(self.name_kanji),
                name_kana=_text(self.name_kana),
                nationality_code=self._nationality_code(),
                birth_date=self.birth_date.date(),
                sex=self.sex.currentData(),
                passport_number=_text(self.passport),
            ),
            organization_id=existing.id if existing else None,
            organization=organization,
            applicant_id=self.applicant_id,
            reference=_text(self.reference),
            residence_status_id=self.status.currentData(),
            bureau_id=self.bureau.currentData(),
            review_department=_text(self.department),
            department_phone=_text(self.department_phone),
            channel=FilingChannel(channel) if channel else None,
            filing_date=self.filing_date.date(),
            application_number=self.application_number.text().strip() or None,
            planned_entry_date=self.planned_entry.date(),
            stage=Stage(self.stage.currentData()),
            assignee=_text(self.assignee),
            coe_issued_date=self.issued.date(),
            coe_delivery=self.delivery.currentData(),
            coe_receipt_registered_on=(
                self.receipt_registered.date() if self.delivery.currentData() == "email" else None
            ),
            sent_to_applicant_date=self.sent.date(),
            visa_applied_date=self.visa.date(),
            entry_date=self.entry.date(),
            decision_date=self.decision.date(),
            notes=notes if notes.strip() else None,
            procedure=Procedure(self.procedure.currentData()),
            **self._agent_values(),
        )

    def _store(self, value: CaseInput) -> bool:
        context = self.context
        try:
            if self.case_id is None:
                self.case_id = cases.create_case(context.db, value, actor=context.actor())
            else:
                self.case_version = cases.update_case(
                    context.db,
                    self.case_id,
                    value,
                    expected_version=self.case_version,
                    expected_applicant_version=self.applicant_version,
                    actor=context.actor(),
                )
                self.applicant_version = None  # the applicant was saved with the case
        except ConflictError as conflict:
            return self._resolve(conflict, value)
        self.saved.emit(self.case_id)
        return True

    def _resolve(self, conflict: ConflictError, value: CaseInput) -> bool:
        stored = dict(conflict.current)
        if conflict.entity == "applicant":
            yours: dict[str, object] = as_dict(value.applicant)
            captions = self._applicant_captions()
        else:
            yours = {name: getattr(value, name) for name in CASE_FIELDS}
            captions = self._case_captions()
        choice = conflict_dialog.ask_resolution(
            self,
            render(conflict.message),
            differences(self._named(stored), self._named(yours), captions),
        )
        stored_version = stored.get("version_id")
        if choice is Resolution.OVERWRITE and isinstance(stored_version, int):
            if conflict.entity == "applicant":
                self.applicant_version = stored_version
            else:
                self.case_version = stored_version
            return self._store(value)
        if choice is Resolution.RELOAD and self.case_id is not None:
            self.load(cases.get_case(self.context.db, self.case_id, today=self.context.today))
            self.mark_clean()
        return False

    def _named(self, values: Mapping[str, object]) -> dict[str, Any]:
        """Ids and codes replaced by the names the form shows, for the comparison."""
        named = dict(values)
        statuses: dict[object, str] = {s.id: s.name_ja for s in self.statuses}
        bureaus: dict[object, str] = {b.id: b.name_ja for b in self.bureaus}
        if "residence_status_id" in named:
            named["residence_status_id"] = statuses.get(named["residence_status_id"])
        if "bureau_id" in named:
            named["bureau_id"] = bureaus.get(named["bureau_id"])
        if "organization_id" in named:
            org_id = named["organization_id"]
            org = self._org_by_id.get(org_id) if isinstance(org_id, int) else None
            named["organization_id"] = org.name if org else org_id
        if named.get("stage"):
            named["stage"] = labels.label(labels.STAGES, str(named["stage"]))
        if named.get("procedure"):
            named["procedure"] = labels.label(labels.PROCEDURES, str(named["procedure"]))
        if named.get("channel"):
            named["channel"] = labels.label(labels.FILING_CHANNELS, str(named["channel"]))
        return named

    def _case_captions(self) -> dict[str, str]:
        return {
            "reference": self.tr("Reference"),
            "organization_id": self.tr("Client"),
            "residence_status_id": self.tr("Status of residence"),
            "bureau_id": self.tr("Bureau"),
            "review_department": self.tr("Review department"),
            "department_phone": self.tr("Department phone"),
            "channel": self.tr("Filed via"),
            "filing_date": self.tr("Filing date"),
            "application_number": self.tr("Application no."),
            "planned_entry_date": self.tr("Planned entry"),
            "stage": self.tr("Stage"),
            "assignee": self.tr("Assignee"),
            "coe_issued_date": self.tr("COE issued (作成日)"),
            "coe_delivery": self.tr("COE delivery"),
            "coe_receipt_registered_on": self.tr("Receipt registered (受領登録)"),
            "sent_to_applicant_date": self.tr("Sent to applicant"),
            "visa_applied_date": self.tr("Visa applied"),
            "entry_date": self.tr("Entered Japan"),
            "decision_date": self.tr("Decision"),
            "notes": self.tr("Notes"),
            "procedure": self.tr("Procedure"),
            "agent_name": self.tr("Representative"),
            "agent_relationship": self.tr("Relationship"),
            "agent_prefecture": self.tr("Representative's prefecture"),
            "agent_address": self.tr("Representative's address"),
        }

    def _applicant_captions(self) -> dict[str, str]:
        return {
            "family_name": self.tr("Family name"),
            "given_name": self.tr("Given names"),
            "name_kanji": self.tr("Name in kanji"),
            "name_kana": self.tr("Name in kana"),
            "nationality_code": self.tr("Nationality"),
            "birth_date": self.tr("Date of birth"),
            "sex": self.tr("Sex"),
            "passport_number": self.tr("Passport number"),
        }

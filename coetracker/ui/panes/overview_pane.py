"""The Overview tab: the readiness conclusion and why, the call-sheet facts, the case fields.

Everything shown comes from a :class:`CaseDetail` (a plain value); every label is plain text.

Signals:
    editRequested(): the user pressed "Edit…".
    renewalRequested(): the user pressed "Start the renewal case" (shown for RENEWAL_DUE).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.model import Level, Reason
from coetracker.domain.residence import period_label
from coetracker.services.records import CaseDetail, CaseInput
from coetracker.ui.common import labels
from coetracker.ui.common.icons import level_icon, mark_icon
from coetracker.ui.common.palette import level_colours, placeholder_colour
from coetracker.ui.common.text import bilingual, date_text, or_dash, plain_label, render

if TYPE_CHECKING:
    from coetracker.services.settings import OfficeDetails


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    label.setObjectName(_CAPTION)
    _paint_caption(label, label.palette())
    return label


_CAPTION = "factCaption"


def _paint_caption(label: QLabel, palette: QPalette) -> None:
    """A caption in the quieter text colour of ``palette`` (the window's, light or dark)."""
    own = label.palette()
    own.setColor(QPalette.ColorRole.WindowText, placeholder_colour(palette))
    label.setPalette(own)


def _nationality(code: str | None) -> str:
    """中国 for CN (中国 (China) in the English interface); an unknown code as stored."""
    from coetracker.domain.nationalities import by_code

    found = by_code(code) if code else None
    if found is None:
        return code or ""
    return bilingual(found.name_ja, found.name_en, "{ja} ({en})")


def _agent_text(values: CaseInput) -> str:
    """佐藤 一郎（配偶者）, 埼玉県さいたま市…: the 代理人 on one line, or empty."""
    name = values.agent_name or ""
    if values.agent_relationship:
        name = f"{name}（{values.agent_relationship}）" if name else values.agent_relationship
    prefecture, address = values.agent_prefecture or "", values.agent_address or ""
    if not address.startswith(prefecture):
        address = prefecture + address
    return ", ".join(part for part in (name, address) if part)


class _Facts(QWidget):
    """A two-column list of caption → plain-text value, rows set by name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(4)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}

    def add(self, name: str, caption: str, *, big: bool = False) -> QLabel:
        value = plain_label("", self, wrap=True)
        value.setObjectName(f"fact_{name}")
        value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        if big:
            font = QFont(value.font())
            font.setPointSizeF(font.pointSizeF() * 1.5)
            font.setBold(True)
            value.setFont(font)
        self.form.addRow(_caption(caption), value)
        self.values[name] = value
        return value

    def set(self, name: str, text: str | None) -> None:
        self.values[name].setText(or_dash(text))


class OverviewPane(QScrollArea):
    """Readiness headline, reasons with pass/fail marks, next step, call sheet, case fields."""

    editRequested = Signal()  # noqa: N815 - Qt signal naming
    inquiriesRequested = Signal()  # noqa: N815 - Qt signal naming
    renewalRequested = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPane")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)

        # Conclusion: badge, headline, action, dates.
        self.conclusion = QFrame(body)
        self.conclusion.setObjectName("conclusion")
        self.conclusion.setFrameShape(QFrame.Shape.StyledPanel)
        self.conclusion.setAutoFillBackground(True)
        top = QVBoxLayout(self.conclusion)
        badge_row = QHBoxLayout()
        self.badge_icon = QLabel()
        self.badge_icon.setFixedSize(24, 24)
        self.badge_text = plain_label("")
        self.badge_text.setObjectName("levelBadge")
        bold = QFont(self.badge_text.font())
        bold.setBold(True)
        self.badge_text.setFont(bold)
        badge_row.addWidget(self.badge_icon)
        badge_row.addWidget(self.badge_text, 1)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editCaseButton")
        self.edit_button.setToolTip(self.tr("Change the case's fields (Ctrl+Return)"))
        self.edit_button.clicked.connect(self.editRequested)
        badge_row.addWidget(self.edit_button)
        self.renewal_button = QPushButton(self.tr("Start the renewal case"))
        self.renewal_button.setObjectName("startRenewalButton")
        self.renewal_button.setToolTip(
            self.tr("Create the extension-of-stay case with this person, client and status")
        )
        self.renewal_button.clicked.connect(self.renewalRequested)
        self.renewal_button.hide()
        badge_row.addWidget(self.renewal_button)
        top.addLayout(badge_row)
        self.headline = plain_label("", wrap=True)
        self.headline.setObjectName("headline")
        big = QFont(self.headline.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.headline.setFont(big)
        top.addWidget(self.headline)
        self.action = plain_label("", wrap=True)
        self.action.setObjectName("suggestedAction")
        top.addWidget(self.action)
        self.when = plain_label("", wrap=True)
        self.when.setObjectName("nextCheck")
        top.addWidget(self.when)
        layout.addWidget(self.conclusion)

        # Why: every rule evaluated.
        self.reasons_box = QGroupBox(self.tr("Why"), body)
        self.reasons_box.setObjectName("reasons")
        self.reasons_layout = QVBoxLayout(self.reasons_box)
        self.reasons_layout.setSpacing(4)
        layout.addWidget(self.reasons_box)

        # The last inquiries: what the bureau said, before calling again.
        self.recent_box = QGroupBox(self.tr("Recent inquiries"), body)
        self.recent_box.setObjectName("recentInquiries")
        recent_layout = QVBoxLayout(self.recent_box)
        recent_layout.setSpacing(4)
        self.recent = plain_label("", wrap=True)
        self.recent.setObjectName("recentText")
        recent_layout.addWidget(self.recent)
        self.all_inquiries = QPushButton(self.tr("All inquiries…"))
        self.all_inquiries.setObjectName("allInquiriesButton")
        self.all_inquiries.setFlat(True)
        self.all_inquiries.clicked.connect(self.inquiriesRequested)
        recent_layout.addWidget(self.all_inquiries, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.recent_box)

        # Call sheet.
        call_box = QGroupBox(self.tr("Call sheet"), body)
        call_box.setObjectName("callSheet")
        call_layout = QVBoxLayout(call_box)
        self.call = _Facts(call_box)
        self.call.add("application_number", self.tr("Application no."), big=True)
        self.call.add("filed", self.tr("Filed"))
        self.call.add("bureau", self.tr("Bureau"))
        self.call.add("bureau_phone", self.tr("Bureau phone"))
        self.call.add("department", self.tr("Department"))
        self.call.add("department_phone", self.tr("Department phone"))
        self.call.add("applicant", self.tr("Applicant"))
        self.call.add("applicant_other", self.tr("Kanji / kana"))
        self.call.add("birth", self.tr("Nationality, born"))
        self.call.add("client", self.tr("Client"))
        self.call.add("agent", self.tr("Representative (代理人)"))
        self.call.add("filer", self.tr("Filer"))
        call_layout.addWidget(self.call)
        layout.addWidget(call_box)

        # Case fields.
        case_box = QGroupBox(self.tr("Case"), body)
        case_box.setObjectName("caseFields")
        case_layout = QVBoxLayout(case_box)
        self.fields = _Facts(case_box)
        self.fields.add("reference", self.tr("Reference"))
        self.fields.add("procedure", self.tr("Procedure"))
        self.fields.add("stage", self.tr("Stage"))
        self.fields.add("status", self.tr("Status of residence"))
        self.fields.add("channel", self.tr("Filed via"))
        self.fields.add("assignee", self.tr("Assignee"))
        self.fields.add("planned_entry", self.tr("Planned entry"))
        self.fields.add("issued", self.tr("COE issued"))
        self.fields.add("delivery", self.tr("COE delivery"))
        self.fields.add("sent", self.tr("Sent to applicant"))
        self.fields.add("visa", self.tr("Visa applied"))
        self.fields.add("entry", self.tr("Entered Japan"))
        self.fields.add("decision", self.tr("Decision"))
        self.fields.add("passport", self.tr("Passport"))
        self.fields.add("card", self.tr("Residence card"))
        self.fields.add("notes", self.tr("Notes"))
        case_layout.addWidget(self.fields)
        layout.addWidget(case_box)
        layout.addStretch(1)
        self._detail: CaseDetail | None = None

    def show_detail(self, detail: CaseDetail, office: OfficeDetails) -> None:
        """Show one case."""
        self._detail = detail
        a = detail.assessment
        v = detail.values
        applicant = detail.applicant
        self._paint_level()
        self.badge_icon.setPixmap(level_icon(a.level).pixmap(24, 24))
        self.badge_text.setText(labels.assessment_label(a))
        self.badge_text.setToolTip(labels.level_tooltip(a.level))
        self.headline.setText(render(a.headline))
        self.action.setText("→ " + render(a.action))
        self.renewal_button.setVisible(a.level == Level.RENEWAL_DUE)
        self.when.setText(self._when_text(detail))
        self.when.setVisible(bool(self.when.text()))
        self._show_reasons(a.reasons)
        self._show_recent(detail)

        bureau = detail.bureau_name
        self.call.set("application_number", v.application_number)
        filed = date_text(v.filing_date)
        if filed and v.channel:
            filed = f"{filed} ({labels.label(labels.FILING_CHANNELS, v.channel)})"
        self.call.set("filed", filed)
        self.call.set("bureau", bureau)
        self.call.set("bureau_phone", detail.bureau_phone)
        self.call.set("department", v.review_department)
        self.call.set("department_phone", v.department_phone)
        self.call.set("applicant", applicant.display_name)
        self.call.set(
            "applicant_other",
            " / ".join(p for p in (applicant.name_kanji, applicant.name_kana) if p),
        )
        self.call.set(
            "birth",
            ", ".join(
                p
                for p in (
                    _nationality(applicant.nationality_code),
                    # Western, as in the passport and on the application form.
                    applicant.birth_date.isoformat() if applicant.birth_date else "",
                    labels.label(labels.SEXES, applicant.sex),
                )
                if p
            ),
        )
        self.call.set("client", detail.company_name)
        self.call.set("agent", _agent_text(v))
        self.call.set("filer", self._filer_text(office))

        self.fields.set("reference", v.reference)
        stage = labels.label(labels.STAGES, v.stage)
        if detail.archived:
            stage = self.tr("%1 (archived)").replace("%1", stage)
        self.fields.set("stage", stage)
        self.fields.set("status", detail.status_name)
        self.fields.set("channel", labels.label(labels.FILING_CHANNELS, v.channel))
        self.fields.set("assignee", v.assignee)
        self.fields.set("planned_entry", date_text(v.planned_entry_date))
        self.fields.set("issued", date_text(v.coe_issued_date))
        self.fields.set(
            "delivery", self._delivery_text(v.coe_delivery, v.coe_receipt_registered_on)
        )
        self.fields.set("sent", date_text(v.sent_to_applicant_date))
        self.fields.set("visa", date_text(v.visa_applied_date))
        self.fields.set("entry", date_text(v.entry_date))
        self.fields.set("decision", date_text(v.decision_date))
        self.fields.set("passport", applicant.passport_number)
        self.fields.set("procedure", labels.label(labels.PROCEDURES, v.procedure))
        self.fields.set("card", self._card_text(detail))
        self.fields.set("notes", v.notes)

    def _paint_level(self) -> None:
        """The conclusion box in the shown case's level colours for the current palette."""
        detail: CaseDetail | None = getattr(self, "_detail", None)  # None while being built
        if detail is None:
            return
        colours = level_colours(detail.assessment.level, self.palette())
        palette = self.conclusion.palette()
        palette.setColor(QPalette.ColorRole.Window, colours.background)
        self.conclusion.setPalette(palette)
        badge_palette = self.badge_text.palette()
        badge_palette.setColor(QPalette.ColorRole.WindowText, colours.foreground)
        self.badge_text.setPalette(badge_palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # Colours set on the children are their own: a switch between light and dark
            # would otherwise leave a light box under light text.
            self._paint_level()
            for caption in self.findChildren(QLabel, _CAPTION):
                _paint_caption(caption, self.palette())
        super().changeEvent(event)

    def _delivery_text(self, delivery: str | None, registered: dt.date | None) -> str:
        """Paper / E-mail, and for e-mail whether the applicant registered receipt (受領登録)."""
        text = labels.label(labels.COE_DELIVERY, delivery)
        if delivery != "email":
            return text
        if registered is None:
            return self.tr("%1, receipt not registered yet (受領登録)").replace("%1", text)
        return (
            self.tr("%1, receipt registered %2 (受領登録)")
            .replace("%1", text)
            .replace("%2", date_text(registered))
        )

    def _when_text(self, detail: CaseDetail) -> str:
        a = detail.assessment
        parts = []
        if a.next_check is not None:
            parts.append(self.tr("Next check: %1").replace("%1", date_text(a.next_check)))
        if a.deadline is not None:
            text = self.tr("Deadline: %1").replace("%1", date_text(a.deadline))
            if a.business_days_left is not None and a.business_days_left >= 0:
                text += " " + self.tr("(%n business day(s) left)", "", a.business_days_left)
            parts.append(text)
        if a.coe_expiry is not None and a.level != Level.CLOSED:
            parts.append(self.tr("Certificate expires: %1").replace("%1", date_text(a.coe_expiry)))
        special = a.extra.get("special_period_end")
        if isinstance(special, dt.date):
            parts.append(
                self.tr("Special period (特例期間) until: %1").replace("%1", date_text(special))
            )
        return "    ".join(parts)

    def _card_text(self, detail: CaseDetail) -> str:
        """Expiry, period and number of the person's residence card ("" when none)."""
        parts = []
        if detail.card_expiry is not None:
            parts.append(self.tr("expires %1").replace("%1", date_text(detail.card_expiry)))
        if detail.card_period_months:
            parts.append(render(period_label(detail.card_period_months)))
        if detail.card_number:
            parts.append(detail.card_number)
        return ", ".join(parts)

    def _filer_text(self, office: OfficeDetails) -> str:
        name = office.scrivener_name.strip()
        parts = [name] if name else []
        if office.office_name.strip():
            parts.append(office.office_name.strip())
        if office.registration_number.strip():
            parts.append(
                self.tr("registration no. %1").replace("%1", office.registration_number.strip())
            )
        if office.phone.strip():
            parts.append(office.phone.strip())
        if not parts:
            return self.tr("(enter the office details in Settings)")
        return ", ".join(parts)

    def _show_recent(self, detail: CaseDetail) -> None:
        recent = detail.inquiries[:3]  # newest first
        if not recent:
            self.recent.setText(self.tr("No inquiry recorded yet."))
        else:
            lines = []
            for inquiry in recent:
                head = " · ".join(
                    part
                    for part in (
                        date_text(inquiry.made_at),
                        labels.label(labels.INQUIRY_CHANNELS, inquiry.channel),
                        labels.label(labels.OUTCOMES, inquiry.outcome),
                        inquiry.made_by,
                    )
                    if part
                )
                said = " ".join((inquiry.answer or inquiry.question or "").split())
                lines.append(f"{head}\n    {said}" if said else head)
            self.recent.setText("\n".join(lines))
        more = len(detail.inquiries) - len(recent)
        self.all_inquiries.setText(
            self.tr("All inquiries (%1 more)…").replace("%1", str(more))
            if more > 0
            else self.tr("All inquiries…")
        )

    def _show_reasons(self, reasons: Sequence[Reason]) -> None:
        while self.reasons_layout.count():
            item = self.reasons_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for position, reason in enumerate(reasons):
            row = QWidget()
            row.setObjectName(f"reason_{position}")
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            mark = QLabel()
            mark.setObjectName("passed" if reason.passed else "failed")
            mark.setPixmap(mark_icon(reason.passed).pixmap(16, 16))
            mark.setFixedSize(18, 18)
            mark.setAlignment(Qt.AlignmentFlag.AlignTop)
            mark.setToolTip(self.tr("Met") if reason.passed else self.tr("Not met"))
            mark.setAccessibleName(mark.toolTip())
            text = plain_label(render(reason.text), wrap=True)
            text.setObjectName("reasonText")
            line.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(text, 1)
            self.reasons_layout.addWidget(row)

    def reason_texts(self) -> list[tuple[bool, str]]:
        """The reasons shown, as (passed, text): for tests and accessibility checks."""
        result = []
        for position in range(self.reasons_layout.count()):
            item = self.reasons_layout.itemAt(position)
            row = item.widget() if item is not None else None
            if row is None:
                continue
            mark = row.findChild(QLabel, "passed") or row.findChild(QLabel, "failed")
            text = row.findChild(QLabel, "reasonText")
            if mark is not None and text is not None:
                result.append((mark.objectName() == "passed", text.text()))
        return result

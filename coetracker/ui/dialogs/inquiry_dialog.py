"""Logging or editing one inquiry made to the bureau about a case."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QTimeEdit, QWidget

from coetracker.domain.jpdates import Toward
from coetracker.domain.model import InquiryChannel
from coetracker.services.records import InquiryInput
from coetracker.ui.common import labels
from coetracker.ui.common.forms import DateField
from coetracker.ui.dialogs.record_dialog import RecordDialog, Saver


def _text(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


def _plain(edit: QPlainTextEdit) -> str | None:
    text = edit.toPlainText()
    return text if text.strip() else None


class InquiryDialog(RecordDialog[InquiryInput]):
    """When, channel, department and staff, who asked, question, answer, outcome, follow-up."""

    def __init__(
        self,
        save: Saver,
        *,
        initial: InquiryInput,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setObjectName("inquiryDialog")
        self.setWindowTitle(title)

        when_host = QWidget()
        when_row = QHBoxLayout(when_host)
        when_row.setContentsMargins(0, 0, 0, 0)
        self.when_date = DateField()
        self.when_date.date_edit.setObjectName("inquiryDate")
        self.when_time = QTimeEdit()
        self.when_time.setObjectName("inquiryTime")
        self.when_time.setDisplayFormat("HH:mm")
        when_row.addWidget(self.when_date, 1)
        when_row.addWidget(self.when_time)
        self.add_field("made_at", self.tr("When"), when_host)
        self.fields["made_at_date"] = self.when_date

        self.channel = QComboBox()
        self.channel.setObjectName("inquiryChannel")
        for channel in InquiryChannel:
            self.channel.addItem(labels.label(labels.INQUIRY_CHANNELS, channel), channel.value)
        self.add_field("channel", self.tr("Channel"), self.channel)

        self.department = QLineEdit()
        self.department.setObjectName("inquiryDepartment")
        self.add_field("department", self.tr("Department"), self.department)
        self.staff = QLineEdit()
        self.staff.setObjectName("inquiryStaff")
        self.staff.setPlaceholderText(self.tr("Who answered at the bureau"))
        self.add_field("staff", self.tr("Bureau staff"), self.staff)
        self.made_by = QLineEdit()
        self.made_by.setObjectName("inquiryMadeBy")
        self.add_field("made_by", self.tr("Made by"), self.made_by)

        self.reason = QComboBox()
        self.reason.setObjectName("inquiryReason")
        for code in labels.INQUIRY_REASONS:
            self.reason.addItem(labels.label(labels.INQUIRY_REASONS, code), str(code))
        self.reason.setToolTip(
            self.tr(
                "The bureau answers questions about a specific matter only, not about progress or"
                " timing. A call from the bureau starts no pause between inquiries."
            )
        )
        self.add_field("reason", self.tr("Reason"), self.reason)

        self.question = QPlainTextEdit()
        self.question.setObjectName("inquiryQuestion")
        self.question.setTabChangesFocus(True)
        self.question.setPlaceholderText(self.tr("e.g. 3月5日提出の資料は届いていますか"))
        self.question.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.add_field("question", self.tr("Question"), self.question)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("inquiryAnswer")
        self.answer.setTabChangesFocus(True)
        self.answer.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.add_field("answer", self.tr("Answer"), self.answer)

        self.outcome = QComboBox()
        self.outcome.setObjectName("inquiryOutcome")
        self.outcome.addItem(self.tr("(not recorded)"), None)
        for code in labels.OUTCOMES:
            self.outcome.addItem(labels.label(labels.OUTCOMES, code), str(code))
        self.add_field("outcome", self.tr("Outcome"), self.outcome)
        self.follow_up = self.add_date(
            "follow_up_date", self.tr("Follow up on"), toward=Toward.FUTURE
        )

        self.finish_layout()
        self.load(initial)
        self.mark_clean()
        self.resize(560, self.sizeHint().height())

    def load(self, value: InquiryInput) -> None:
        """Show ``value`` in the fields."""
        self.when_date.set_date(value.made_at.date())
        self.when_time.setTime(QTime(value.made_at.hour, value.made_at.minute))
        index = self.channel.findData(value.channel)
        self.channel.setCurrentIndex(max(index, 0))
        self.department.setText(value.department or "")
        self.staff.setText(value.staff or "")
        self.made_by.setText(value.made_by or "")
        self.question.setPlainText(value.question or "")
        self.answer.setPlainText(value.answer or "")
        self.outcome.setCurrentIndex(max(self.outcome.findData(value.outcome), 0))
        self.reason.setCurrentIndex(max(self.reason.findData(value.reason), 0))
        self.follow_up.set_date(value.follow_up_date)

    def extra_checks(self) -> bool:
        ok = True
        day = self.when_date.date()
        if day is None:
            self.when_date.set_error(self.tr("Enter the day of the inquiry."))
            ok = False
        empty = not (
            self.question.toPlainText().strip()
            or self.answer.toPlainText().strip()
            or self.outcome.currentData()
        )
        if empty:
            self.fields["question"].set_error(
                self.tr("Write the question, the answer or the outcome: the inquiry is empty.")
            )
            ok = False
        follow_up = self.follow_up.date()
        if day is not None and follow_up is not None and follow_up < day:
            self.follow_up.set_error(
                self.tr("The follow-up date is before the inquiry: check the year.")
            )
            ok = False
        return ok

    def value(self) -> InquiryInput:
        day = self.when_date.date() or dt.date.today()
        time = self.when_time.time()
        return InquiryInput(
            made_at=dt.datetime.combine(day, dt.time(time.hour(), time.minute())),
            channel=str(self.channel.currentData()),
            department=_text(self.department),
            staff=_text(self.staff),
            made_by=_text(self.made_by),
            question=_plain(self.question),
            answer=_plain(self.answer),
            outcome=self.outcome.currentData(),
            follow_up_date=self.follow_up.date(),
            reason=str(self.reason.currentData()),
        )

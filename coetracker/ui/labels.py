"""Words for the stored codes (stages, channels, outcomes …) as the interface shows them.

The sources are marked with ``QT_TRANSLATE_NOOP`` so that lupdate collects them; they are
translated when shown, so a language change needs no restart of this module.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP

from coetracker.domain.levels import assessment_short_label, level_meaning, level_short_label
from coetracker.domain.model import (
    Assessment,
    FilingChannel,
    InquiryChannel,
    InquiryPolicy,
    InquiryReason,
    Level,
    OutcomeCode,
    Stage,
)
from coetracker.domain.procedures import Procedure
from coetracker.ui.text import render, translate

CONTEXT = "Labels"

STAGES: Mapping[Stage, str] = {
    Stage.PREPARING: QT_TRANSLATE_NOOP("Labels", "Preparing"),
    Stage.FILED: QT_TRANSLATE_NOOP("Labels", "Filed"),
    Stage.DOCUMENTS_REQUESTED: QT_TRANSLATE_NOOP("Labels", "Documents requested"),
    Stage.DOCUMENTS_SUBMITTED: QT_TRANSLATE_NOOP("Labels", "Documents submitted"),
    Stage.ISSUED: QT_TRANSLATE_NOOP("Labels", "Certificate issued"),
    Stage.SENT: QT_TRANSLATE_NOOP("Labels", "Sent to applicant"),
    Stage.VISA_APPLIED: QT_TRANSLATE_NOOP("Labels", "Visa applied for"),
    Stage.ENTERED: QT_TRANSLATE_NOOP("Labels", "Entered Japan"),
    Stage.DENIED: QT_TRANSLATE_NOOP("Labels", "Denied"),
    Stage.WITHDRAWN: QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    Stage.EXPIRED: QT_TRANSLATE_NOOP("Labels", "Expired unused"),
}

FILING_CHANNELS: Mapping[FilingChannel, str] = {
    FilingChannel.COUNTER: QT_TRANSLATE_NOOP("Labels", "Counter"),
    FilingChannel.ONLINE: QT_TRANSLATE_NOOP("Labels", "Online system"),
    FilingChannel.MAIL: QT_TRANSLATE_NOOP("Labels", "Post"),  # the same word as submissions
}

INQUIRY_CHANNELS: Mapping[InquiryChannel, str] = {
    InquiryChannel.PHONE: QT_TRANSLATE_NOOP("Labels", "Phone"),
    InquiryChannel.COUNTER: QT_TRANSLATE_NOOP("Labels", "Counter"),
    InquiryChannel.ONLINE_SYSTEM: QT_TRANSLATE_NOOP("Labels", "Online system"),
    InquiryChannel.EMAIL: QT_TRANSLATE_NOOP("Labels", "E-mail"),
}

OUTCOMES: Mapping[OutcomeCode, str] = {
    OutcomeCode.UNDER_REVIEW: QT_TRANSLATE_NOOP("Labels", "Under review (審査中)"),
    OutcomeCode.DOCUMENTS_ARRIVED: QT_TRANSLATE_NOOP("Labels", "Documents arrived (資料到着確認)"),
    OutcomeCode.REQUEST_COMING: QT_TRANSLATE_NOOP(
        "Labels", "Documents to be requested (資料提出通知予定)"
    ),
    OutcomeCode.RESULT_SENT: QT_TRANSLATE_NOOP("Labels", "Result sent (結果発送済)"),
    OutcomeCode.NO_ANSWER: QT_TRANSLATE_NOOP("Labels", "No answer given (回答不可)"),
    OutcomeCode.NOT_REACHED: QT_TRANSLATE_NOOP("Labels", "Could not get through (つながらず)"),
    OutcomeCode.OTHER: QT_TRANSLATE_NOOP("Labels", "Other (その他)"),
}

INQUIRY_REASONS: Mapping[InquiryReason, str] = {
    InquiryReason.DOCUMENTS_ARRIVED: QT_TRANSLATE_NOOP("Labels", "Did the documents arrive?"),
    InquiryReason.RESULT_SENT: QT_TRANSLATE_NOOP("Labels", "Has the result been sent?"),
    InquiryReason.START_DATE_NEAR: QT_TRANSLATE_NOOP("Labels", "Start date near"),
    InquiryReason.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
    InquiryReason.INCOMING: QT_TRANSLATE_NOOP("Labels", "Call from the bureau"),
}

INQUIRY_POLICIES: Mapping[InquiryPolicy, str] = {
    InquiryPolicy.SPECIFIC_MATTERS: QT_TRANSLATE_NOOP("Labels", "Specific matters only"),
    InquiryPolicy.COUNTER_ONLY: QT_TRANSLATE_NOOP("Labels", "At the counter only"),
    InquiryPolicy.NO_PROGRESS_INQUIRIES: QT_TRANSLATE_NOOP("Labels", "No progress inquiries"),
}

SUBMISSION_METHODS: Mapping[str, str] = {
    "post": QT_TRANSLATE_NOOP("Labels", "Post"),
    "counter": QT_TRANSLATE_NOOP("Labels", "Counter"),
    "online": QT_TRANSLATE_NOOP("Labels", "Online system (追完)"),
}

PROCEDURES: Mapping[Procedure, str] = {
    Procedure.COE: QT_TRANSLATE_NOOP("Labels", "COE (在留資格認定)"),
    Procedure.RENEWAL: QT_TRANSLATE_NOOP("Labels", "Extension of stay (在留期間更新)"),
    Procedure.CHANGE: QT_TRANSLATE_NOOP("Labels", "Change of status (在留資格変更)"),
}

COE_DELIVERY: Mapping[str, str] = {
    "paper": QT_TRANSLATE_NOOP("Labels", "Paper"),
    "email": QT_TRANSLATE_NOOP("Labels", "E-mail"),
}

SEXES: Mapping[str, str] = {
    "M": QT_TRANSLATE_NOOP("Labels", "Male"),
    "F": QT_TRANSLATE_NOOP("Labels", "Female"),
    "X": QT_TRANSLATE_NOOP("Labels", "Unspecified"),
}


def label(table: Mapping[str, str], value: str | None) -> str:
    """The translated word for a stored code; unknown codes are shown as stored."""
    if value is None or value == "":
        return ""
    source = table.get(value)  # StrEnum keys compare equal to their text
    return translate(CONTEXT, source) if source is not None else str(value)


def level_label(level: Level) -> str:
    """The short translated name of a readiness level ("Docs due")."""
    return render(level_short_label(level))


def assessment_label(assessment: Assessment) -> str:
    """The short translated level of an assessment; "COE expired" when the certificate's
    validity has already ended."""
    return render(assessment_short_label(assessment))


def level_tooltip(level: Level) -> str:
    """What a readiness level means, in one sentence."""
    return render(level_meaning(level))

"""The one catalogue of words for stored codes (stages, channels, outcomes, procedures …).

The window, the printouts and the command line all name a code through this module, so a case's
stage reads the same on screen, on paper and in a terminal. Each table maps a code to its English
source text in the ``Labels`` translation context; the functions return :class:`Message` values
that the caller renders with its translator.
"""

from __future__ import annotations

from collections.abc import Mapping

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import (
    FilingChannel,
    InquiryChannel,
    InquiryPolicy,
    InquiryReason,
    OutcomeCode,
    Stage,
)
from coetracker.domain.procedures import Procedure

CONTEXT = "Labels"

STAGES: Mapping[str, str] = {
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

FILING_CHANNELS: Mapping[str, str] = {
    FilingChannel.COUNTER: QT_TRANSLATE_NOOP("Labels", "Counter"),
    FilingChannel.ONLINE: QT_TRANSLATE_NOOP("Labels", "Online system"),
    FilingChannel.MAIL: QT_TRANSLATE_NOOP("Labels", "Post"),  # the same word as submissions
}

INQUIRY_CHANNELS: Mapping[str, str] = {
    InquiryChannel.PHONE: QT_TRANSLATE_NOOP("Labels", "Phone"),
    InquiryChannel.COUNTER: QT_TRANSLATE_NOOP("Labels", "Counter"),
    InquiryChannel.ONLINE_SYSTEM: QT_TRANSLATE_NOOP("Labels", "Online system"),
    InquiryChannel.EMAIL: QT_TRANSLATE_NOOP("Labels", "E-mail"),
}

OUTCOMES: Mapping[str, str] = {
    OutcomeCode.UNDER_REVIEW: QT_TRANSLATE_NOOP("Labels", "Under review (審査中)"),
    OutcomeCode.REQUEST_COMING: QT_TRANSLATE_NOOP(
        "Labels", "Documents to be requested (資料提出通知予定)"
    ),
    OutcomeCode.RESULT_SENT: QT_TRANSLATE_NOOP("Labels", "Result sent (結果発送済)"),
    OutcomeCode.NO_ANSWER: QT_TRANSLATE_NOOP("Labels", "No answer given (回答不可)"),
    OutcomeCode.NOT_REACHED: QT_TRANSLATE_NOOP("Labels", "Could not get through (つながらず)"),
    OutcomeCode.OTHER: QT_TRANSLATE_NOOP("Labels", "Other (その他)"),
}

INQUIRY_REASONS: Mapping[str, str] = {
    InquiryReason.DOCUMENTS_ARRIVED: QT_TRANSLATE_NOOP("Labels", "Did the documents arrive?"),
    InquiryReason.RESULT_SENT: QT_TRANSLATE_NOOP("Labels", "Has the result been sent?"),
    InquiryReason.START_DATE_NEAR: QT_TRANSLATE_NOOP("Labels", "Start date near"),
    InquiryReason.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
    InquiryReason.INCOMING: QT_TRANSLATE_NOOP("Labels", "Call from the bureau"),
}

INQUIRY_POLICIES: Mapping[str, str] = {
    InquiryPolicy.SPECIFIC_MATTERS: QT_TRANSLATE_NOOP("Labels", "Specific matters only"),
    InquiryPolicy.COUNTER_ONLY: QT_TRANSLATE_NOOP("Labels", "At the counter only"),
    InquiryPolicy.NO_PROGRESS_INQUIRIES: QT_TRANSLATE_NOOP("Labels", "No progress inquiries"),
}

SUBMISSION_METHODS: Mapping[str, str] = {
    "post": QT_TRANSLATE_NOOP("Labels", "Post"),
    "counter": QT_TRANSLATE_NOOP("Labels", "Counter"),
    "online": QT_TRANSLATE_NOOP("Labels", "Online system (追完)"),
}

PROCEDURES: Mapping[str, str] = {
    Procedure.COE: QT_TRANSLATE_NOOP("Labels", "Certificate of Eligibility (在留資格認定)"),
    Procedure.RENEWAL: QT_TRANSLATE_NOOP("Labels", "Extension of period of stay (在留期間更新)"),
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

_AS_STORED = "{value}"
"""A code the catalogue does not know is shown as stored (never translated, never hidden)."""


def code_label(table: Mapping[str, str], value: str | None) -> Message:
    """The word for a stored code; unknown codes as stored, an empty code as empty text."""
    if value is None or value == "":
        return message(CONTEXT, _AS_STORED, value="")
    source = table.get(value)  # StrEnum keys compare equal to their text
    if source is None:
        return message(CONTEXT, _AS_STORED, value=str(value))
    return message(CONTEXT, source)


def stage_label(stage: str) -> Message:
    """The name of a case's stage ("Documents requested")."""
    return code_label(STAGES, stage)


def filing_channel_label(channel: str | None) -> Message:
    """How the application was filed ("Counter", "Online system", "Post")."""
    return code_label(FILING_CHANNELS, channel)


def inquiry_channel_label(channel: str | None) -> Message:
    """How the bureau was asked ("Phone", "Online system" …)."""
    return code_label(INQUIRY_CHANNELS, channel)


def outcome_label(outcome: str | None) -> Message:
    """What an inquiry found out; free text recorded by older versions shows as stored."""
    return code_label(OUTCOMES, outcome)


def procedure_label(procedure: str) -> Message:
    """Which procedure a case is (在留資格認定, 在留期間更新, 在留資格変更)."""
    return code_label(PROCEDURES, procedure)

"""The one catalogue of words for stored codes (stages, channels, outcomes, procedures …).

The window, the printouts and the command line all name a code through this module, so a case's
stage reads the same on screen, on paper and in a terminal. Each table maps a code to its English
source text in the ``Labels`` translation context; the functions return :class:`Message` values
that the caller renders with its translator.
"""

from __future__ import annotations

from collections.abc import Mapping

from coetracker.domain.messages import N_, Message, message
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
    Stage.PREPARING: N_("Labels", "Preparing"),
    Stage.FILED: N_("Labels", "Filed"),
    Stage.DOCUMENTS_REQUESTED: N_("Labels", "Documents requested"),
    Stage.DOCUMENTS_SUBMITTED: N_("Labels", "Documents submitted"),
    Stage.ISSUED: N_("Labels", "Certificate issued"),
    Stage.SENT: N_("Labels", "Sent to applicant"),
    Stage.VISA_APPLIED: N_("Labels", "Visa applied for"),
    Stage.ENTERED: N_("Labels", "Entered Japan"),
    Stage.DENIED: N_("Labels", "Denied"),
    Stage.WITHDRAWN: N_("Labels", "Withdrawn"),
    Stage.EXPIRED: N_("Labels", "Expired unused"),
}

FILING_CHANNELS: Mapping[str, str] = {
    FilingChannel.COUNTER: N_("Labels", "Counter"),
    FilingChannel.ONLINE: N_("Labels", "Online system"),
    FilingChannel.MAIL: N_("Labels", "Post"),  # the same word as submissions
}

INQUIRY_CHANNELS: Mapping[str, str] = {
    InquiryChannel.PHONE: N_("Labels", "Phone"),
    InquiryChannel.COUNTER: N_("Labels", "Counter"),
    InquiryChannel.ONLINE_SYSTEM: N_("Labels", "Online system"),
    InquiryChannel.EMAIL: N_("Labels", "E-mail"),
}

OUTCOMES: Mapping[str, str] = {
    OutcomeCode.UNDER_REVIEW: N_("Labels", "Under review (審査中)"),
    OutcomeCode.DOCUMENTS_ARRIVED: N_("Labels", "Documents arrived (資料到着確認)"),
    OutcomeCode.REQUEST_COMING: N_("Labels", "Documents to be requested (資料提出通知予定)"),
    OutcomeCode.RESULT_SENT: N_("Labels", "Result sent (結果発送済)"),
    OutcomeCode.NO_ANSWER: N_("Labels", "No answer given (回答不可)"),
    OutcomeCode.NOT_REACHED: N_("Labels", "Could not get through (つながらず)"),
    OutcomeCode.OTHER: N_("Labels", "Other (その他)"),
}

INQUIRY_REASONS: Mapping[str, str] = {
    InquiryReason.DOCUMENTS_ARRIVED: N_("Labels", "Did the documents arrive?"),
    InquiryReason.RESULT_SENT: N_("Labels", "Has the result been sent?"),
    InquiryReason.START_DATE_NEAR: N_("Labels", "Start date near"),
    InquiryReason.OTHER: N_("Labels", "Other"),
    InquiryReason.INCOMING: N_("Labels", "Call from the bureau"),
}

INQUIRY_POLICIES: Mapping[str, str] = {
    InquiryPolicy.SPECIFIC_MATTERS: N_("Labels", "Specific matters only"),
    InquiryPolicy.COUNTER_ONLY: N_("Labels", "At the counter only"),
    InquiryPolicy.NO_PROGRESS_INQUIRIES: N_("Labels", "No progress inquiries"),
}

SUBMISSION_METHODS: Mapping[str, str] = {
    "post": N_("Labels", "Post"),
    "counter": N_("Labels", "Counter"),
    "online": N_("Labels", "Online system (追完)"),
}

PROCEDURES: Mapping[str, str] = {
    Procedure.COE: N_("Labels", "Certificate of Eligibility (在留資格認定)"),
    Procedure.RENEWAL: N_("Labels", "Extension of period of stay (在留期間更新)"),
    Procedure.CHANGE: N_("Labels", "Change of status (在留資格変更)"),
}

PROCEDURE_NAMES: Mapping[str, str] = {
    Procedure.COE: N_("Labels", "Certificate of Eligibility"),
    Procedure.RENEWAL: N_("Labels", "Extension of period of stay"),
    Procedure.CHANGE: N_("Labels", "Change of status"),
}
"""The procedure's name inside a sentence (a reason: "… (Extension of period of stay) is …")."""

PROCEDURES_SHORT: Mapping[str, str] = {
    Procedure.COE: N_("Labels", "COE"),
    Procedure.RENEWAL: N_("Labels", "Extension"),
    Procedure.CHANGE: N_("Labels", "Change"),
}
"""One word per procedure for narrow columns (認定 / 更新 / 変更)."""

COE_DELIVERY: Mapping[str, str] = {
    "paper": N_("Labels", "Paper"),
    "email": N_("Labels", "E-mail"),
}

SEXES: Mapping[str, str] = {
    "M": N_("Labels", "Male"),
    "F": N_("Labels", "Female"),
    "X": N_("Labels", "Unspecified"),
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


def procedure_name(procedure: str) -> Message:
    """The procedure's name inside a sentence (在留資格認定, 在留期間更新, 在留資格変更)."""
    return code_label(PROCEDURE_NAMES, procedure)


def procedure_short_label(procedure: str) -> Message:
    """The procedure in one word for narrow columns (認定, 更新, 変更)."""
    return code_label(PROCEDURES_SHORT, procedure)

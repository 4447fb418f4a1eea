"""Names of the case stages, as translatable messages shared by printouts and the command line."""

from __future__ import annotations

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import Stage

_NAMES: dict[Stage, str] = {
    Stage.PREPARING: QT_TRANSLATE_NOOP("Printing", "Preparing"),
    Stage.FILED: QT_TRANSLATE_NOOP("Printing", "Filed"),
    Stage.DOCUMENTS_REQUESTED: QT_TRANSLATE_NOOP("Printing", "Documents requested"),
    Stage.DOCUMENTS_SUBMITTED: QT_TRANSLATE_NOOP("Printing", "Documents submitted"),
    Stage.ISSUED: QT_TRANSLATE_NOOP("Printing", "Issued"),
    Stage.SENT: QT_TRANSLATE_NOOP("Printing", "Sent to applicant"),
    Stage.VISA_APPLIED: QT_TRANSLATE_NOOP("Printing", "Visa applied"),
    Stage.ENTERED: QT_TRANSLATE_NOOP("Printing", "Entered Japan"),
    Stage.DENIED: QT_TRANSLATE_NOOP("Printing", "Denied"),
    Stage.WITHDRAWN: QT_TRANSLATE_NOOP("Printing", "Withdrawn"),
    Stage.EXPIRED: QT_TRANSLATE_NOOP("Printing", "Expired unused"),
}


def stage_name(stage: Stage) -> Message:
    """The name of ``stage`` ("Documents requested"), to be rendered in the current language."""
    return message("Printing", _NAMES[stage])

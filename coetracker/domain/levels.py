"""Names and colours of the readiness levels for people: a short label for badges and chips, a
sentence that says what the level means, each level's hue; and the order of urgency every list
of cases sorts by.

The hues are the one source of the levels' colours: the window's palette (``ui/palette.py``)
blends them into the widget palette in force, and a workbook's readiness cells use
:func:`level_tint`, the same hue as a light fill.
"""

from __future__ import annotations

import colorsys
import datetime as dt

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import Assessment, Level

_FAR = dt.date.max


def urgency(
    assessment: Assessment, reference: str | None, case_id: int
) -> tuple[int, dt.date, str, int]:
    """The sort key of "most urgent first": level, then next check (or deadline), then
    reference, then id."""
    return (
        assessment.level,
        assessment.next_check or assessment.deadline or _FAR,
        reference or "",
        case_id,
    )


_SHORT = {
    Level.DOCS_OVERDUE: QT_TRANSLATE_NOOP("Level", "Docs overdue"),
    Level.COE_EXPIRING: QT_TRANSLATE_NOOP("Level", "COE expiring"),
    Level.RENEWAL_DUE: QT_TRANSLATE_NOOP("Level", "Renewal due"),
    Level.DOCS_DUE: QT_TRANSLATE_NOOP("Level", "Docs due"),
    Level.READY: QT_TRANSLATE_NOOP("Level", "Ready to check"),
    Level.MISSING_INFO: QT_TRANSLATE_NOOP("Level", "Missing info"),
    Level.WAITING: QT_TRANSLATE_NOOP("Level", "Waiting"),
    Level.ISSUED: QT_TRANSLATE_NOOP("Level", "Issued"),
    Level.PREPARING: QT_TRANSLATE_NOOP("Level", "Preparing"),
    Level.CLOSED: QT_TRANSLATE_NOOP("Level", "Closed"),
}

_EXPIRED = QT_TRANSLATE_NOOP("Level", "COE expired")
"""COE_EXPIRING for a certificate whose validity has already run out: 期限切れ, not 期限間近."""

_MEANING = {
    Level.DOCS_OVERDUE: QT_TRANSLATE_NOOP(
        "Level", "A document request is past its deadline (or extended deadline)."
    ),
    Level.COE_EXPIRING: QT_TRANSLATE_NOOP(
        "Level", "The certificate expires soon, has expired, or expires before the planned entry."
    ),
    Level.RENEWAL_DUE: QT_TRANSLATE_NOOP(
        "Level", "A residence card expires within the renewal window and no renewal is filed."
    ),
    Level.DOCS_DUE: QT_TRANSLATE_NOOP(
        "Level", "A document request is open: submit the documents; do not call."
    ),
    Level.READY: QT_TRANSLATE_NOOP("Level", "A status check with the bureau is appropriate now."),
    Level.MISSING_INFO: QT_TRANSLATE_NOOP(
        "Level", "Something needed is missing (application number, filing date, bureau, name)."
    ),
    Level.WAITING: QT_TRANSLATE_NOOP("Level", "Filed and nothing due; not yet time to inquire."),
    Level.ISSUED: QT_TRANSLATE_NOOP("Level", "Certificate issued and valid, not yet used."),
    Level.PREPARING: QT_TRANSLATE_NOOP("Level", "Not filed yet."),
    Level.CLOSED: QT_TRANSLATE_NOOP(
        "Level", "Entered, denied, withdrawn, expired unused, or archived."
    ),
}


def level_short_label(level: Level) -> Message:
    """A two- or three-word label ("Docs due") for badges, chips and printouts."""
    return message("Level", _SHORT[level])


def level_meaning(level: Level) -> Message:
    """One sentence saying what the level means (tool tips, legends)."""
    return message("Level", _MEANING[level])


LEVEL_HUES: dict[Level, tuple[int, float]] = {
    Level.DOCS_OVERDUE: (0, 0.78),  # red
    Level.COE_EXPIRING: (14, 0.85),  # red/orange
    Level.RENEWAL_DUE: (330, 0.70),  # rose (the overdue red in its last days)
    Level.DOCS_DUE: (34, 0.92),  # orange
    Level.READY: (132, 0.62),  # green
    Level.MISSING_INFO: (278, 0.55),  # purple
    Level.WAITING: (212, 0.70),  # blue
    Level.ISSUED: (176, 0.70),  # teal
    Level.PREPARING: (40, 0.12),  # neutral (warm grey)
    Level.CLOSED: (220, 0.05),  # grey
}
"""Hue (degrees) and saturation (0–1) of each level's colour role (DESIGN.md §5 table)."""

_TINT_LIGHTNESS = 0.86


def level_tint(level: Level) -> str:
    """The level's hue as a light fill behind black text, as RGB hex (``"F7BFBF"``)."""
    hue, saturation = LEVEL_HUES[level]
    red, green, blue = colorsys.hls_to_rgb(hue / 360, _TINT_LIGHTNESS, saturation)
    return f"{round(red * 255):02X}{round(green * 255):02X}{round(blue * 255):02X}"


def certificate_expired(assessment: Assessment) -> bool:
    """True when the assessment is about a certificate whose validity has already ended."""
    return assessment.extra.get("certificate_expired") is True


def expired_label() -> Message:
    """The short label for a certificate whose validity has ended ("COE expired", 期限切れ)."""
    return message("Level", _EXPIRED)


def assessment_short_label(assessment: Assessment) -> Message:
    """The short label of an assessment's level, saying "COE expired" (期限切れ) rather than
    "COE expiring" when the certificate's validity has already ended."""
    if certificate_expired(assessment):
        return expired_label()
    return level_short_label(assessment.level)

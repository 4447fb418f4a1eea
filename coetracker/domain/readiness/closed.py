"""Rules 1 and 2: results that depend on the stage alone (closed, preparing), built once."""

from __future__ import annotations

from typing import Final

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import (
    Assessment,
    Level,
    Stage,
)
from coetracker.domain.readiness.build import CONTEXT, new_assessment, new_reason

# --- rules 1 and 2: closed, preparing (constant results) -------------------------------------

_NOTHING_TO_DO: Final = message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Nothing to do"))


def _fixed(level: Level, headline: Message, action: Message) -> Assessment:
    """A result that depends on the stage alone; its one reason is the headline."""
    return new_assessment(level, headline, (new_reason("stage", False, headline),), action)


_CLOSED_ARCHIVED: Final = _fixed(
    Level.CLOSED,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: archived")),
    _NOTHING_TO_DO,
)
_CLOSED_BY_STAGE: Final[dict[Stage, Assessment]] = {
    Stage.ENTERED: _fixed(
        Level.CLOSED,
        message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: the applicant has entered Japan")),
        _NOTHING_TO_DO,
    ),
    Stage.DENIED: _fixed(
        Level.CLOSED,
        message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: denied")),
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Nothing to do; the reasons can be asked in person, and a new application is possible",  # noqa: E501
            ),
        ),
    ),
    Stage.WITHDRAWN: _fixed(
        Level.CLOSED,
        message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: withdrawn")),
        _NOTHING_TO_DO,
    ),
    Stage.EXPIRED: _fixed(
        Level.CLOSED,
        message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: certificate expired unused")),
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Nothing to do; if the applicant still means to come, file anew"
            ),
        ),
    ),
}
_PREPARING: Final = _fixed(
    Level.PREPARING,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Not filed yet")),
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "File the application, then record the filing date and the application number",
        ),
    ),
)

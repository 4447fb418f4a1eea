"""Rules 6 and 7, the texts: the bureau's inquiry policy, the concrete matter a status check
may be about, and how to make it (online system first, counter, or the review department).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import (
    CaseFacts,
)
from coetracker.domain.readiness.build import _COUNTER_ONLY, _ONLINE, CONTEXT, new_reason

# --- rules 6 and 7: inquiry policy, benchmark, cool-downs ------------------------------------

_SPECIFIC_MATTERS: Final = new_reason(
    "inquiry_policy",
    True,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "The bureau answers questions about a specific matter only (documents arrived, result sent, a near start date); it does not answer questions about progress or timing",  # noqa: E501
        ),
    ),
)
_AT_COUNTER: Final = new_reason(
    "inquiry_policy",
    True,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "The bureau answers questions about a specific matter at the counter only; it does not answer questions about progress or timing",  # noqa: E501
        ),
    ),
)
_ASSUMED: Final = new_reason(
    "inquiry_policy",
    True,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "No inquiry policy recorded for the bureau: assuming questions about a specific matter only, as ISA asks",  # noqa: E501
        ),
    ),
)
_NO_INQUIRIES_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "Wait for the result by post or e-mail; contact the department only about a specific matter",  # noqa: E501
    ),
)
_NO_INQUIRIES_ACTION_ONLINE: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness", "Check the online system for the status; the result comes by e-mail or post"
    ),
)
_NO_PLANNED_ENTRY_URGENCY: Final = new_reason(
    "urgency",
    False,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No planned entry date: no urgency")),
)
_NO_INQUIRY: Final = new_reason(
    "inquiry_cooldown", True, message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No inquiry logged"))
)
_NO_ANSWERED_INQUIRY: Final = new_reason(
    "inquiry_cooldown",
    True,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No inquiry that reached the bureau")),
)
_WAIT_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness", "Nothing to do yet; results and document requests arrive by post or e-mail"
    ),
)
_WAIT_ACTION_ONLINE: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "Nothing to do yet; the online system shows the progress and any document request (追完待ち)",  # noqa: E501
    ),
)
_MATTER_RESULT: Final = message(
    CONTEXT, QT_TRANSLATE_NOOP("Readiness", "whether the result has been sent")
)


def _matter(urgent_entry: dt.date | None, last_submitted: dt.date | None) -> Message:
    """The concrete matter a status check may be about: a near start date, documents submitted,
    else whether the result has been sent."""
    if urgent_entry is not None:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "the start date {date} that is near (ask whether a result can be expected before it)",  # noqa: E501
            ),
            date=urgent_entry,
        )
    if last_submitted is not None:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "whether the documents submitted on {date} have arrived"
            ),
            date=last_submitted,
        )
    return _MATTER_RESULT


def ready_action(
    facts: CaseFacts, urgent_entry: dt.date | None, last_submitted: dt.date | None
) -> Message:
    """How to make the status check and about which matter: online system first for online
    filings, else the counter or the department on the receipt slip."""
    matter = _matter(urgent_entry, last_submitted)
    if facts.channel == _ONLINE:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Check the online system first (free, not counted as an inquiry); if it does not settle it, ask the review department about one matter only: {matter}. Progress and timing are not answered",  # noqa: E501
            ),
            matter=matter,
        )
    if facts.inquiry_policy == _COUNTER_ONLY:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "At the bureau's counter, with the application number, filing date and applicant's name, ask about one matter only: {matter}. Progress and timing are not answered",  # noqa: E501
            ),
            matter=matter,
        )
    return message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "Contact the review department on the receipt slip, with the application number, filing date and applicant's name, about one matter only: {matter}. Progress and timing are not answered",  # noqa: E501
        ),
        matter=matter,
    )

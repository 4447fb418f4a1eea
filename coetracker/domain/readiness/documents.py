"""Rule 4: open document requests (資料提出通知書): the effective deadline, overdue or due, and
the last counter day when a deadline falls on a closed day.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.model import (
    Assessment,
    CaseFacts,
    DocumentRequestFacts,
    Policy,
    Reason,
)
from coetracker.domain.readiness.build import (
    _DOCS_DUE,
    _DOCS_OVERDUE,
    _ONLINE,
    CONTEXT,
    _day_after,
    _fromordinal,
    new_assessment,
    new_reason,
)
from coetracker.domain.workdays import (
    add_business_days,
    business_days_between,
    first_day_within,
    is_business_day,
)

# --- rule 4: document requests ---------------------------------------------------------------


def effective_deadline(request: DocumentRequestFacts, policy: Policy) -> dt.date | None:
    """The deadline that counts for ``request``: the agreed extension if any, else the deadline
    printed on the notice, else the notice date + ``policy.default_deadline_days``; ``None``
    when neither a deadline nor a notice date is recorded."""
    if request.extended_deadline is not None:
        return request.extended_deadline
    if request.deadline is not None:
        return request.deadline
    if request.notice_date is not None:
        return _fromordinal(request.notice_date.toordinal() + policy.default_deadline_days)
    return None


_NO_REQUEST: Final = new_reason(
    "documents", True, message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No document request"))
)
_ALL_ANSWERED: Final = new_reason(
    "documents",
    True,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Every document request has been answered")),
)
_REQUEST_WITHOUT_DEADLINE: Final = new_reason(
    "document_request",
    False,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness", "Open document request: no deadline or notice date recorded"
        ),
    ),
)
_NO_DEADLINE_HEADLINE: Final = message(
    CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Documents requested: no deadline recorded")
)
_NO_DEADLINE_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness", "Enter the deadline printed on the notice, and submit the documents by then"
    ),
)
_OVERDUE_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "Contact the examiner named on the notice today, agree a new date and submit the documents",
    ),
)
_OVERDUE_ACTION_ONLINE: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "Contact the examiner named on the notice today, agree a new date and submit the documents online (追完)",  # noqa: E501
    ),
)


def _request_reason(request: DocumentRequestFacts, deadline: dt.date | None) -> Reason:
    """Where the effective deadline of an open request comes from."""
    if deadline is None:
        return _REQUEST_WITHOUT_DEADLINE
    if request.extended_deadline is not None:
        if request.deadline is not None:
            text = message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Open document request: deadline extended from {printed} to {deadline}",
                ),
                printed=request.deadline,
                deadline=deadline,
            )
        else:
            text = message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness", "Open document request: deadline extended to {deadline}"
                ),
                deadline=deadline,
            )
    elif request.deadline is not None or request.notice_date is None:
        text = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Open document request: deadline {deadline} as printed"),
            deadline=deadline,
        )
    else:
        text = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Open document request: no deadline printed; notice of {notice} + {days} days → {deadline}",  # noqa: E501
            ),
            notice=request.notice_date,
            days=(deadline - request.notice_date).days,
            deadline=deadline,
        )
    return new_reason("document_request", False, text)


def assess_documents(
    facts: CaseFacts,
    open_requests: list[DocumentRequestFacts],
    today: dt.date,
    policy: Policy,
    explain: bool,
) -> Assessment:
    reasons: list[Reason] = []
    nearest: dt.date | None = None
    for request in open_requests:
        deadline = effective_deadline(request, policy)
        if explain:
            reasons.append(_request_reason(request, deadline))
        if deadline is not None and (nearest is None or deadline < nearest):
            nearest = deadline
    if nearest is None:
        return new_assessment(_DOCS_DUE, _NO_DEADLINE_HEADLINE, tuple(reasons), _NO_DEADLINE_ACTION)
    online = facts.channel == _ONLINE
    left = business_days_between(today, nearest)
    if nearest < today:
        if explain:
            reasons.append(
                new_reason(
                    "documents_overdue",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness", "Deadline {deadline} passed {days} days ago"
                        ),
                        deadline=nearest,
                        days=(today - nearest).days,
                    ),
                )
            )
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Documents overdue: the deadline was {deadline}"),
            deadline=nearest,
        )
        action = _OVERDUE_ACTION_ONLINE if online else _OVERDUE_ACTION
        return new_assessment(
            _DOCS_OVERDUE, headline, tuple(reasons), action, None, None, nearest, left
        )
    soon = policy.due_soon_business_days
    if left <= soon:
        if explain:
            reasons.append(
                new_reason(
                    "documents_due",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "{days} business days left until {deadline}: due soon (within {soon})",
                        ),
                        days=left,
                        deadline=nearest,
                        soon=soon,
                    ),
                )
            )
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Documents due soon: {deadline}, {days} business days left"
            ),
            deadline=nearest,
            days=left,
        )
        changes_on = _day_after(nearest)
    else:
        changes_on = first_day_within(nearest, soon)
        if explain:
            reasons.append(
                new_reason(
                    "documents_due",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "{days} business days left until {deadline}; due soon from {date}",
                        ),
                        days=left,
                        deadline=nearest,
                        date=changes_on,
                    ),
                )
            )
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Documents due {deadline}: {days} business days left"),
            deadline=nearest,
            days=left,
        )
    if online:
        action = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Submit the requested documents online (追完) by {deadline}"
            ),
            deadline=nearest,
        )
    elif not is_business_day(nearest):  # at the counter or by post: the bureau must be open
        last_open = add_business_days(nearest, -1)
        if explain:
            reasons.append(
                new_reason(
                    "last_counter_day",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "The deadline {deadline} falls on a day the bureau is closed: the last counter day is {date}",  # noqa: E501
                        ),
                        deadline=nearest,
                        date=last_open,
                    ),
                )
            )
        action = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Submit the requested documents by {date}, the last counter day before the deadline {deadline} (a closed day); if you cannot, agree a new date with the examiner before then",  # noqa: E501
            ),
            date=last_open,
            deadline=nearest,
        )
    else:
        action = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Submit the requested documents by {deadline}; if you cannot, agree a new date with the examiner before then",  # noqa: E501
            ),
            deadline=nearest,
        )
    return new_assessment(
        _DOCS_DUE, headline, tuple(reasons), action, None, changes_on, nearest, left
    )

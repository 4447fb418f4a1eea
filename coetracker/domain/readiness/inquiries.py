"""Rule 7, the pauses after inquiries: only answered inquiries start one (not つながらず, not
calls from the bureau, not online checks); a second one without a new reason doubles it; a
follow-up date is the earliest next check; a 資料到着確認 settles the documents.
"""

from __future__ import annotations

import datetime as dt

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.model import (
    CaseFacts,
    InquiryFacts,
    Policy,
    Reason,
)
from coetracker.domain.readiness.build import (
    _DOCUMENTS_ARRIVED,
    _ONLINE_SYSTEM,
    CONTEXT,
    _fromordinal,
    new_reason,
)
from coetracker.domain.readiness.texts import _NO_ANSWERED_INQUIRY
from coetracker.domain.workdays import (
    first_open_ordinal,
)


def inquiry_cooldown(
    facts: CaseFacts,
    today_ordinal: int,
    policy: Policy,
    next_ordinal: int,
    reasons: list[Reason],
    explain: bool,
) -> int:
    """``next_ordinal`` pushed past the pause after the last answered inquiry (doubled when it
    gave no new reason) and to the latest follow-up date; online checks, calls that did not get
    through and calls from the bureau start no pause (see the module docstring)."""
    last: InquiryFacts | None = None
    previous: InquiryFacts | None = None
    online_checks = 0
    last_online: dt.date | None = None
    unanswered = 0
    follow_up: InquiryFacts | None = None
    for inquiry in sorted(facts.inquiries, key=_inquiry_day):
        if inquiry.follow_up is not None:
            follow_up = inquiry
        if inquiry.channel == _ONLINE_SYSTEM:
            online_checks += 1
            last_online = inquiry.on
        elif inquiry.answered:
            previous, last = last, inquiry
        else:
            unanswered += 1
    if last is not None:
        doubled = previous is not None and previous.reason == last.reason
        cooldown = policy.inquiry_cooldown_days * (2 if doubled else 1)
        until = last.on.toordinal() + cooldown
        next_ordinal = max(next_ordinal, until)
        if explain:
            until = first_open_ordinal(until)  # the first day a new inquiry is proposed
            text = (
                message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "Readiness",
                        "Last answered inquiry {last} gave no new reason since the one on {previous}: {days} days' pause (doubled) → no new inquiry before {date}",  # noqa: E501
                    ),
                    last=last.on,
                    previous=previous.on,
                    days=cooldown,
                    date=_fromordinal(until),
                )
                if previous is not None and doubled
                else message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "Readiness",
                        "Last inquiry {last} + {days} days' cool-down → no new inquiry before {date}",  # noqa: E501
                    ),
                    last=last.on,
                    days=cooldown,
                    date=_fromordinal(until),
                )
            )
            reasons.append(new_reason("inquiry_cooldown", today_ordinal >= until, text))
    elif explain:
        reasons.append(_NO_ANSWERED_INQUIRY)
    if follow_up is not None and follow_up.follow_up is not None:
        follow_ordinal = follow_up.follow_up.toordinal()
        next_ordinal = max(next_ordinal, follow_ordinal)
        if explain:
            reasons.append(
                new_reason(
                    "follow_up",
                    today_ordinal >= follow_ordinal,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "The inquiry of {on} set a follow-up date: no new inquiry before {date}",  # noqa: E501
                        ),
                        on=follow_up.on,
                        date=follow_up.follow_up,
                    ),
                )
            )
    if explain and unanswered:
        reasons.append(
            new_reason(
                "unanswered_inquiries",
                True,
                message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "Readiness",
                        "Calls that did not get through and calls from the bureau: {count}; they start no pause",  # noqa: E501
                    ),
                    count=unanswered,
                ),
            )
        )
    if explain and last_online is not None:
        reasons.append(
            new_reason(
                "online_checks",
                True,
                message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "Readiness",
                        "Online-system checks logged: {count}, the last on {last}; they cost the examiners nothing and start no cool-down",  # noqa: E501
                    ),
                    count=online_checks,
                    last=last_online,
                ),
            )
        )
    return next_ordinal


def arrival_confirmed(facts: CaseFacts, last_submitted: dt.date) -> InquiryFacts | None:
    """The latest inquiry, on or after the last submission, in which the bureau confirmed that
    the submitted documents arrived (outcome 資料到着確認); ``None`` if there is none."""
    found: InquiryFacts | None = None
    for inquiry in facts.inquiries:
        if (
            inquiry.outcome is _DOCUMENTS_ARRIVED
            and inquiry.on >= last_submitted
            and (found is None or inquiry.on > found.on)
        ):
            found = inquiry
    return found


def _inquiry_day(inquiry: InquiryFacts) -> dt.date:
    return inquiry.on

"""Residence-card dates after arrival: the proposed expiry (在留期限), the renewal window,
the special period (特例期間), and the RENEWAL_DUE assessment of a person whose card runs out.

Periods are counted by 初日不算入 (民法 140–143): the day an event happens is not counted, the
period runs from the next day and ends on the day before the corresponding day that many months
later, or on the last day of the final month when that month has no corresponding day. In
practice:

- landing 2017-01-16 with 1 year → 在留期限 2018-01-16 (the period starts on the day after landing);
- landing 2024-02-29 with 1 year → 2025-02-28; landing 2023-02-28 with 1 year → 2024-02-29;
- a granted renewal counts from the day after the old expiry (old expiry + period, same rule);
- a change of status counts from the day after it is granted;
- renewal window: an extension can be filed from ``renewal_window_months`` (3) months before the
  expiry (the same day number, clamped to the month's end);
- special period: an application filed before the expiry lets the person stay until the decision
  or until two months after the old expiry have passed, whichever is earlier.

The date printed on the card, typed by the user, always wins over a proposal: these functions only
suggest. Nothing here knows about Qt or SQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from coetracker.domain.calendar_math import add_months, days_in_month
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import Assessment, CaseFacts, Level, Policy, Reason
from coetracker.domain.workdays import first_open_ordinal

__all__ = [
    "CLOSED_GRANTED",
    "assess_card",
    "period_end",
    "period_label",
    "proposed_expiry",
    "renewal_window_opens",
    "special_period_end",
]

CONTEXT: Final = "Residence"


def period_end(first_counted_day: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` that starts on ``first_counted_day`` (民法 143)."""
    year, month0 = divmod(first_counted_day.year * 12 + first_counted_day.month - 1 + months, 12)
    month = month0 + 1
    if first_counted_day.day > days_in_month(year, month):
        return dt.date(year, month, days_in_month(year, month))
    return dt.date(year, month, first_counted_day.day) - dt.timedelta(days=1)


def proposed_expiry(event_day: dt.date, months: int) -> dt.date:
    """The expiry for a period of ``months`` granted on an event day that is not counted.

    ``event_day`` is the landing date (entry with a COE), the old expiry (a granted renewal), or
    the day a change of status was granted.
    """
    return period_end(event_day + dt.timedelta(days=1), months)


def renewal_window_opens(expiry: dt.date, window_months: int) -> dt.date:
    """First day on which an extension can be filed: ``window_months`` before the expiry."""
    return add_months(expiry, -window_months)


def special_period_end(
    old_expiry: dt.date, decision: dt.date | None = None, months: int = 2
) -> dt.date:
    """Last day the person may stay while an application filed before ``old_expiry`` is pending:
    the decision day, or the end of ``months`` after the old expiry, whichever is earlier."""
    end = proposed_expiry(old_expiry, months)
    if decision is not None and decision < end:
        return decision
    return end


def period_label(months: int) -> Message:
    """A period of stay for people: "1 year", "3 years", "6 months"."""
    if months % 12 == 0:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Residence", "{years} years"), years=months // 12)
    return message(CONTEXT, QT_TRANSLATE_NOOP("Residence", "{months} months"), months=months)


# --- RENEWAL_DUE -----------------------------------------------------------------------------

_START_RENEWAL: Final = message(CONTEXT, QT_TRANSLATE_NOOP("Residence", "Start the renewal case"))
_FILE_PREPARED: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Residence", "File the renewal or change-of-status case already started for this person"
    ),
)
_EXPIRED_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Residence",
        "Ask the client at once whether the person is still in Japan: an extension can no longer be filed",  # noqa: E501
    ),
)
_NOTHING_TO_DO: Final = message(CONTEXT, QT_TRANSLATE_NOOP("Residence", "Nothing to do"))
_GRANTED: Final = message(CONTEXT, QT_TRANSLATE_NOOP("Residence", "Closed: granted"))
CLOSED_GRANTED: Final = Assessment(
    Level.CLOSED, _GRANTED, (Reason("stage", False, _GRANTED),), None, _NOTHING_TO_DO
)
"""A granted extension or change with no current card recorded on it."""


def _one(rule: str, passed: bool, text: Message, explain: bool) -> tuple[Reason, ...]:
    return (Reason(rule, passed, text),) if explain else ()


def assess_card(
    facts: CaseFacts, today: dt.date, policy: Policy, *, explain: bool = True
) -> Assessment:
    """The assessment of the case that holds a person's current residence card.

    RENEWAL_DUE from the day the renewal window opens until a renewal or change-of-status case is
    filed for the person (a case only being prepared keeps it, with an action to file it); CLOSED
    before the window opens (``changes_on`` is the opening day) and once such a case is filed.
    ``deadline`` is the card's expiry; ``extra["renewal_urgent"]`` says the last
    ``renewal_urgent_days`` have come (the list shows it in the overdue red).
    """
    expiry = facts.card_expiry
    assert expiry is not None
    opens = renewal_window_opens(expiry, policy.renewal_window_months)
    # The window opens on its legal day; the texts propose filing on the first day the bureau
    # is open from then.
    filing_from = dt.date.fromordinal(first_open_ordinal(opens.toordinal()))
    if facts.renewal_filed:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Residence", "Closed: renewal or change of status filed"),
        )
        return Assessment(
            Level.CLOSED, headline, _one("renewal", True, headline, explain), None, _NOTHING_TO_DO
        )
    if today < opens:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Residence", "Closed: residence card valid until {expiry}; renewal from {opens}"
            ),
            expiry=expiry,
            opens=filing_from,
        )
        return Assessment(
            Level.CLOSED,
            headline,
            _one("renewal_window", True, headline, explain),
            None,
            _NOTHING_TO_DO,
            changes_on=opens,
            deadline=expiry,
        )
    days_left = (expiry - today).days
    urgent_from = expiry - dt.timedelta(days=policy.renewal_urgent_days)
    if days_left < 0:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Residence", "Residence card expired on {expiry}; no renewal filed"),
            expiry=expiry,
        )
        action = _EXPIRED_ACTION
        changes_on = None
    else:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Residence", "Residence card expires {expiry} ({days} days left); no renewal filed"
            ),
            expiry=expiry,
            days=days_left,
        )
        action = _FILE_PREPARED if facts.renewal_preparing else _START_RENEWAL
        changes_on = urgent_from if today < urgent_from else expiry + dt.timedelta(days=1)
    reason = message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Residence",
            "Card expires {expiry}; an extension can be filed from {opens} ({months} months before)",  # noqa: E501
        ),
        expiry=expiry,
        opens=filing_from,
        months=policy.renewal_window_months,
    )
    return Assessment(
        Level.RENEWAL_DUE,
        headline,
        _one("renewal_window", False, reason, explain),
        None,
        action,
        changes_on=changes_on,
        deadline=expiry,
        extra={"card_expiry": expiry, "renewal_urgent": today >= urgent_from},
    )


def special_period_reason(old_expiry: dt.date, end: dt.date) -> Message:
    """The special period of a pending renewal or change of status, in words."""
    return message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Residence",
            "Special period (特例期間): card expired or expires {expiry}; the person may stay until the decision, at the latest {end}",  # noqa: E501
        ),
        expiry=old_expiry,
        end=end,
    )

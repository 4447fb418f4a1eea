"""Japanese government business-day calendar.

Government offices (and so the immigration bureaus) are closed on Saturdays, Sundays, national
holidays — including substitute holidays (振替休日) and citizens' holidays (国民の休日) — and from
29 December to 3 January (行政機関の休日に関する法律). Holidays come from :mod:`jpholiday`, read
through a table generated from it for the years most cases fall in
(:mod:`coetracker.domain.holiday_table`: asking jpholiday takes about 0.3 s a year, paid at every
start); other years are computed. Each year's closures are cached, because the readiness rules
count business days for every case with an open document request.

Conventions (all functions take and return :class:`datetime.date`):

- :func:`business_days_between` ``(start, end)`` counts the business days ``d`` with
  ``start < d <= end``: the days "left" from ``start`` until ``end``. It is 0 when ``start == end``
  or when only closed days lie in between, and antisymmetric: ``between(a, b) == -between(b, a)``,
  so a deadline already passed gives a negative count. It is additive:
  ``between(a, b) + between(b, c) == between(a, c)``.
- :func:`add_business_days` ``(d, n)`` is the ``n``-th business day after ``d`` (``n > 0``), the
  ``|n|``-th business day before ``d`` (``n < 0``), or ``d`` itself (``n == 0``). For ``n > 0``,
  and for any ``n`` when ``d`` is a business day, ``business_days_between(d, result) == n``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from functools import lru_cache

from coetracker.domain import holiday_table

__all__ = [
    "add_business_days",
    "business_days_between",
    "closed_weekdays",
    "computed_closed_weekdays",
    "first_day_within",
    "first_open_ordinal",
    "is_business_day",
]

_YEAR_END_CLOSURE = ((1, 1), (1, 2), (1, 3), (12, 29), (12, 30), (12, 31))


@lru_cache(maxsize=256)
def closed_weekdays(year: int) -> tuple[int, ...]:
    """Ordinals (``date.toordinal()``), sorted, of the weekdays (Mon–Fri) of ``year`` on which
    offices are closed: national and substitute holidays, and 12/29–1/3.

    Weekends are left out: they are counted arithmetically.
    """
    listed = holiday_table.CLOSED.get(year)
    if listed is None:
        return computed_closed_weekdays(year)
    return tuple(dt.date(year, int(day[:2]), int(day[2:])).toordinal() for day in listed.split())


def computed_closed_weekdays(year: int) -> tuple[int, ...]:
    """:func:`closed_weekdays` asked of jpholiday (what the generated table holds)."""
    import jpholiday

    closed = {day for day, _name in jpholiday.year_holidays(year)}
    closed.update(dt.date(year, month, day) for month, day in _YEAR_END_CLOSURE)
    return tuple(sorted(day.toordinal() for day in closed if day.weekday() < 5))


@lru_cache(maxsize=256)
def _closed_weekday_set(year: int) -> frozenset[int]:
    return frozenset(closed_weekdays(year))


def is_business_day(day: dt.date) -> bool:
    """True when government offices are open on ``day``."""
    return day.weekday() < 5 and day.toordinal() not in _closed_weekday_set(day.year)


def first_open_ordinal(ordinal: int) -> int:
    """The ordinal of the first business day on or after the day with ``ordinal``."""
    day = dt.date.fromordinal(ordinal)
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day.toordinal()


def _weekdays_up_to(ordinal: int) -> int:
    """Number of Mondays–Fridays among ordinals 1..``ordinal`` (ordinal 1, 0001-01-01, is a
    Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _closed_up_to(ordinal: int, year: int) -> int:
    """Closed weekdays of ``year`` with an ordinal ``<= ordinal``."""
    return bisect_right(closed_weekdays(year), ordinal)


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after ``start`` up to and including ``end``; negative when ``end`` is
    earlier (see the module docstring)."""
    if end < start:
        return -business_days_between(end, start)
    first, last = start.toordinal(), end.toordinal()
    count = _weekdays_up_to(last) - _weekdays_up_to(first)
    for year in range(start.year, end.year + 1):
        count -= _closed_up_to(last, year) - _closed_up_to(first, year)
    return count


def add_business_days(day: dt.date, n: int) -> dt.date:
    """The ``n``-th business day after ``day`` (before it when ``n`` is negative); ``day``
    itself when ``n == 0``."""
    if n == 0:
        return day
    step = 1 if n > 0 else -1
    remaining = abs(n)
    ordinal = day.toordinal()
    year = day.year
    first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    closed = _closed_weekday_set(year)
    while remaining:
        ordinal += step
        if not first <= ordinal <= last:
            year += step
            first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
            closed = _closed_weekday_set(year)
        # Ordinal 1 (0001-01-01) is a Monday: (ordinal - 1) % 7 is the weekday, 5 and 6 the weekend.
        if (ordinal - 1) % 7 < 5 and ordinal not in closed:
            remaining -= 1
    return dt.date.fromordinal(ordinal)


def first_day_within(deadline: dt.date, n: int) -> dt.date:
    """The earliest date ``t`` with ``business_days_between(t, deadline) <= n`` (``n >= 0``).

    This is the day a deadline enters an "``n`` business days left" window: on it and on every
    later day at most ``n`` business days remain until ``deadline``; on the day before, ``n + 1``
    remain.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    # The (n+1)-th business day counting back from the deadline, the deadline included.
    return add_business_days(deadline, -(n + 1) if not is_business_day(deadline) else -n)

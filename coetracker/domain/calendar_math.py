"""Calendar arithmetic the rules need and :mod:`datetime` lacks: adding whole months.

A Certificate of Eligibility is valid for three months from its issue (作成) date: the same day
number three months later, or the last day of that month when it has no such day
(2025-11-30 → 2026-02-28; 2023-11-30 → 2024-02-29). :func:`add_months` runs once per issued case
on every assessment, so it avoids :func:`calendar.monthrange` (which also computes a weekday).
"""

from __future__ import annotations

import datetime as dt

__all__ = ["add_months", "days_in_month", "is_leap_year"]

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap_year(year: int) -> bool:
    """Gregorian leap year."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Number of days in ``month`` (1–12) of ``year``."""
    if month == 2 and is_leap_year(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (negative moves back), keeping the day
    number, clamped to the last day of the target month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    number = day.day
    if number > 28:
        number = min(number, days_in_month(year, month0 + 1))
    return dt.date(year, month0 + 1, number)

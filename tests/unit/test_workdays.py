"""The Japanese government business-day calendar (coetracker.domain.workdays).

Fixed dates checked against the published holiday calendar, then properties checked against an
independent day-by-day oracle built on ``jpholiday.is_holiday``.
"""

from __future__ import annotations

import datetime as dt

import jpholiday
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coetracker.domain.calendar_math import add_months, days_in_month, is_leap_year
from coetracker.domain.workdays import (
    add_business_days,
    business_days_between,
    closed_weekdays,
    first_day_within,
    is_business_day,
)

D = dt.date


def oracle_is_business_day(day: dt.date) -> bool:
    year_end = (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)
    return day.weekday() < 5 and not jpholiday.is_holiday(day) and not year_end


def oracle_between(start: dt.date, end: dt.date) -> int:
    if end < start:
        return -oracle_between(end, start)
    days = (end - start).days
    return sum(oracle_is_business_day(start + dt.timedelta(days=i)) for i in range(1, days + 1))


@pytest.mark.parametrize(
    ("day", "open_", "why"),
    [
        (D(2026, 4, 1), True, "an ordinary Wednesday"),
        (D(2026, 4, 4), False, "Saturday"),
        (D(2026, 4, 5), False, "Sunday"),
        (D(2026, 2, 11), False, "建国記念の日 (national holiday, Wednesday)"),
        (D(2026, 1, 12), False, "成人の日 (second Monday of January)"),
        (D(2025, 2, 24), False, "振替休日 for 天皇誕生日 on Sunday 2025-02-23"),
        (D(2026, 5, 6), False, "振替休日 for 憲法記念日 on Sunday 2026-05-03"),
        (D(2026, 9, 22), False, "国民の休日 between 敬老の日 and 秋分の日"),
        (D(2026, 5, 7), True, "the Thursday after Golden Week"),
        (D(2025, 12, 26), True, "the last business day of 2025"),
        (D(2025, 12, 29), False, "year-end closure (Monday)"),
        (D(2025, 12, 30), False, "year-end closure"),
        (D(2025, 12, 31), False, "year-end closure"),
        (D(2026, 1, 1), False, "元日"),
        (D(2026, 1, 2), False, "new-year closure (Friday, not a national holiday)"),
        (D(2027, 1, 3), False, "new-year closure (Sunday anyway)"),
        (D(2026, 1, 5), True, "the first business day of 2026"),
    ],
)
def test_is_business_day(day: dt.date, open_: bool, why: str) -> None:
    assert is_business_day(day) is open_, why


def test_year_end_closure_is_not_a_jpholiday_holiday() -> None:
    # 1/2 and 12/29 come from the closure rule, not from jpholiday: prove the rule is ours.
    assert not jpholiday.is_holiday(D(2026, 1, 2))
    assert D(2026, 1, 2).toordinal() in closed_weekdays(2026)
    assert D(2025, 12, 29).toordinal() in closed_weekdays(2025)
    assert D(2025, 12, 27).toordinal() not in closed_weekdays(2025)  # Saturday: counted apart


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 4, 1), D(2026, 4, 1), 0),  # same day: nothing left
        (D(2026, 4, 1), D(2026, 4, 2), 1),  # Wed → Thu
        (D(2026, 4, 3), D(2026, 4, 5), 0),  # Fri → Sun: only the weekend
        (D(2026, 4, 3), D(2026, 4, 6), 1),  # Fri → Mon
        (D(2026, 4, 6), D(2026, 4, 3), -1),  # backwards: the Monday, negative
        # Golden Week 2026: 4/29 昭和の日, 5/3–5/5, 5/6 振替休日.
        # Left after 4/28: 4/30, 5/1, 5/7, 5/8.
        (D(2026, 4, 28), D(2026, 5, 8), 4),
        (D(2026, 5, 1), D(2026, 5, 7), 1),
        # New Year: 12/29–1/3 closed, 1/4 Sunday. Left after Fri 12/26: 1/5, 1/6.
        (D(2025, 12, 26), D(2026, 1, 6), 2),
        (D(2026, 1, 6), D(2025, 12, 26), -2),
        (D(2025, 12, 28), D(2026, 1, 4), 0),
        # The whole of 2026: 261 weekdays, 17 of them holidays, 4 more closed (1/2, 12/29–31).
        (D(2025, 12, 31), D(2026, 12, 31), 261 - 17 - 4),
    ],
)
def test_business_days_between(start: dt.date, end: dt.date, expected: int) -> None:
    assert business_days_between(start, end) == expected
    assert business_days_between(start, end) == oracle_between(start, end)


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (D(2026, 4, 1), 0, D(2026, 4, 1)),
        (D(2026, 4, 4), 0, D(2026, 4, 4)),  # n == 0 never moves, even off a closed day
        (D(2026, 4, 3), 1, D(2026, 4, 6)),  # Fri + 1 → Mon
        (D(2026, 4, 28), 2, D(2026, 5, 1)),  # skips 昭和の日
        (D(2026, 5, 1), 1, D(2026, 5, 7)),  # skips 5/2–5/6
        (D(2025, 12, 26), 1, D(2026, 1, 5)),  # skips the year end
        (D(2026, 1, 5), -1, D(2025, 12, 26)),
        (D(2026, 4, 4), -1, D(2026, 4, 3)),  # Sat − 1 → Fri
        (D(2025, 2, 21), 1, D(2025, 2, 25)),  # skips the weekend and 振替休日 2/24
    ],
)
def test_add_business_days(day: dt.date, n: int, expected: dt.date) -> None:
    assert add_business_days(day, n) == expected


def test_first_day_within_around_golden_week() -> None:
    deadline = D(2026, 5, 8)
    # Within 3 business days from 4/30 (left: 5/1, 5/7, 5/8); on 4/29 4 remain (4/30 too).
    assert first_day_within(deadline, 3) == D(2026, 4, 30)
    assert business_days_between(D(2026, 4, 30), deadline) == 3
    assert business_days_between(D(2026, 4, 29), deadline) == 4
    # A deadline on a closed day: the last business day before it already has 0 left.
    assert first_day_within(D(2026, 5, 6), 0) == D(2026, 5, 1)
    assert first_day_within(D(2026, 5, 7), 0) == D(2026, 5, 7)
    with pytest.raises(ValueError, match="negative"):
        first_day_within(deadline, -1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
        (D(2023, 11, 30), 3, D(2024, 2, 29)),  # leap year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 2, 1), 3, D(2026, 5, 1)),
        (D(2025, 12, 15), 3, D(2026, 3, 15)),  # across the year
        (D(2026, 5, 31), 0, D(2026, 5, 31)),
        (D(2026, 11, 30), 14, D(2028, 1, 30)),
    ],
)
def test_add_months_clamps_to_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_days_in_month_and_leap_years() -> None:
    assert [days_in_month(2026, m) for m in range(1, 13)] == [
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    ]  # fmt: skip
    assert days_in_month(2028, 2) == 29
    assert is_leap_year(2000)
    assert not is_leap_year(2100)


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=-120, max_value=120))
def test_calendar_matches_a_day_by_day_oracle(start: dt.date, span: int) -> None:
    end = start + dt.timedelta(days=span)
    assert is_business_day(start) == oracle_is_business_day(start)
    assert business_days_between(start, end) == oracle_between(start, end)


@settings(max_examples=200, deadline=None)
@given(dates, dates, dates)
def test_between_is_antisymmetric_and_additive(a: dt.date, b: dt.date, c: dt.date) -> None:
    ab, bc = business_days_between(a, b), business_days_between(b, c)
    assert ab == -business_days_between(b, a)
    assert ab + bc == business_days_between(a, c)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=-40, max_value=40))
def test_add_then_count_round_trips(day: dt.date, n: int) -> None:
    result = add_business_days(day, n)
    if n != 0:
        assert is_business_day(result)
    if n > 0 or is_business_day(day):
        assert business_days_between(day, result) == n


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=0, max_value=10))
def test_first_day_within_is_the_earliest(deadline: dt.date, n: int) -> None:
    start = first_day_within(deadline, n)
    assert business_days_between(start, deadline) <= n
    assert business_days_between(start - dt.timedelta(days=1), deadline) == n + 1


def test_the_generated_table_is_what_jpholiday_says() -> None:
    # The table spares start-up the slow holiday computation; it must say exactly the same.
    from coetracker.domain import holiday_table, workdays

    for year in range(holiday_table.FIRST_YEAR, holiday_table.LAST_YEAR + 1):
        assert closed_weekdays(year) == workdays.computed_closed_weekdays(year), year
    assert closed_weekdays(holiday_table.LAST_YEAR + 1) == workdays.computed_closed_weekdays(
        holiday_table.LAST_YEAR + 1
    )

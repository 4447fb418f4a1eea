"""Japanese and Western date parsing and formatting (issue 8, DOMAIN.md "Japanese conventions")."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coetracker.domain.jpdates import (
    ERAS,
    MIN_DATE,
    DateParseError,
    DateStyle,
    Toward,
    era_of,
    format_date,
    parse_date,
)

NOV_3 = dt.date(2025, 11, 3)


@pytest.mark.parametrize(
    "text",
    [
        "2025-11-03",
        "2025/11/03",
        "2025/11/3",
        "2025.11.3",
        "20251103",
        "2025年11月3日",
        "2025年11月03日",
        "2025年11月3",
        "令和7年11月3日",
        "R7.11.3",
        "R7/11/3",
        "R07.11.03",
        "r7.11.3",
        "R7-11-3",
        "R7年11月3日",
        "令和7.11.3",
        "２０２５／１１／０３",
        "２０２５－１１－０３",
        "令和７年１１月３日",
        "Ｒ７．１１．３",
        "㋿7年11月3日",
        " 2025-11-03 ",
        "令和 7年 11月 3日",
        "2025 / 11 / 3",
        "R 7.11.3",
        "令和\u30007年11月3日",
    ],
)
def test_accepts_every_listed_form(text: str) -> None:
    assert parse_date(text) == NOV_3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("R1.5.1", dt.date(2019, 5, 1)),
        ("R元.5.1", dt.date(2019, 5, 1)),
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        ("平成30年4月1日", dt.date(2018, 4, 1)),
        ("H30.4.1", dt.date(2018, 4, 1)),
        ("h30/4/1", dt.date(2018, 4, 1)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("昭和64年1月7日", dt.date(1989, 1, 7)),
        ("S64.1.7", dt.date(1989, 1, 7)),
        ("昭和60年12月31日", dt.date(1985, 12, 31)),
        ("S1.12.25", dt.date(1926, 12, 25)),
        ("大正15年12月25日", dt.date(1926, 12, 25)),  # the changeover day is in both eras
        ("T1.7.30", dt.date(1912, 7, 30)),
        ("大正元年8月1日", dt.date(1912, 8, 1)),
        ("明治45年7月30日", dt.date(1912, 7, 30)),
        ("M6.1.1", dt.date(1873, 1, 1)),
        ("㍻31年4月30日", dt.date(2019, 4, 30)),
        ("㍼50年1月1日", dt.date(1975, 1, 1)),
        ("2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_era_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "\t\n"])
def test_blank_is_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2023-02-29", "month 2 of 2023 has no day 29"),
        ("2025-04-31", "has no day 31"),
        ("2025-13-01", "no month 13"),
        ("2025/00/10", "no month 0"),
        ("令和7年13月1日", "no month 13"),
        ("平成31年5月1日", "ended on 2019-04-30"),
        ("H31.5.1", "ended on 2019-04-30"),
        ("令和1年4月30日", "began on 2019-05-01"),
        ("令和元年4月30日", "began on 2019-05-01"),
        ("昭和64年1月8日", "ended on 1989-01-07"),
        ("平成元年1月7日", "began on 1989-01-08"),
        ("R0.1.1", "no year 0"),
        ("M5.12.31", "before 1873-01-01"),
        ("1872-12-31", "before 1873-01-01"),
        ("明治元年1月1日", "before"),
        ("tomorrow", "is not a date"),
        ("2025-11", "is not a date"),
        ("2025/11-03", "is not a date"),
        ("11/3/2025", "is not a date"),
        ("X7.11.3", "is not a date"),
        ("令和7年11月3日です", "is not a date"),
        ("2025113", "is not a date"),
    ],
)
def test_rejects_impossible_dates_with_a_message(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.message.context == "Dates"
    rendered = error.message.render()
    assert fragment in rendered
    assert text.strip() in rendered  # the user sees what they typed
    assert str(error) == rendered


def test_error_message_is_translatable() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date("平成31年5月1日")
    translated = caught.value.message.render(
        translate=lambda context, source: "{text}は存在しません（{era}は{end}まで）",
        format_date=lambda d: format_date(d, DateStyle.ERA),
    )
    assert translated == "平成31年5月1日は存在しません（平成は平成31年4月30日まで）"


@pytest.mark.parametrize(
    ("day", "style", "expected"),
    [
        (dt.date(2026, 11, 27), DateStyle.ISO, "2026-11-27"),
        (dt.date(2026, 11, 27), DateStyle.WESTERN_JA, "2026年11月27日"),
        (dt.date(2026, 11, 27), DateStyle.ERA, "令和8年11月27日"),
        (dt.date(2026, 11, 27), DateStyle.ERA_SHORT, "R8.11.27"),
        (dt.date(2019, 5, 1), DateStyle.ERA, "令和元年5月1日"),
        (dt.date(2019, 5, 1), DateStyle.ERA_SHORT, "R1.5.1"),
        (dt.date(2019, 4, 30), DateStyle.ERA, "平成31年4月30日"),
        (dt.date(1989, 1, 8), DateStyle.ERA, "平成元年1月8日"),
        (dt.date(1989, 1, 7), DateStyle.ERA, "昭和64年1月7日"),
        (dt.date(1926, 12, 25), DateStyle.ERA, "昭和元年12月25日"),
        (dt.date(1912, 7, 30), DateStyle.ERA_SHORT, "T1.7.30"),
        (dt.date(2005, 1, 9), DateStyle.ISO, "2005-01-09"),
        (dt.date(1850, 1, 1), DateStyle.ERA, "1850年1月1日"),  # before MIN_DATE: Western
    ],
)
def test_format_date(day: dt.date, style: DateStyle, expected: str) -> None:
    assert format_date(day, style) == expected


def test_format_defaults_to_iso() -> None:
    assert format_date(dt.date(2026, 11, 27)) == "2026-11-27"


def test_era_table_is_contiguous() -> None:
    for older, newer in itertools.pairwise(ERAS):
        assert older.end is not None
        assert newer.start - older.end in (dt.timedelta(0), dt.timedelta(days=1))
    assert ERAS[-1].end is None
    assert era_of(dt.date(2019, 4, 30)) is not None
    assert era_of(dt.date(2019, 4, 30)).name == "平成"  # type: ignore[union-attr]
    assert era_of(dt.date(1800, 1, 1)) is None


_DAYS = st.dates(min_value=MIN_DATE, max_value=dt.date(2200, 12, 31))


@given(_DAYS, st.sampled_from(list(DateStyle)))
def test_every_style_parses_back(day: dt.date, style: DateStyle) -> None:
    assert parse_date(format_date(day, style)) == day


@given(_DAYS)
def test_era_year_matches_western_year(day: dt.date) -> None:
    era = era_of(day)
    assert era is not None
    assert era.contains(day)
    assert era.start.year + era.year_of(day) - 1 == day.year


class TestWithoutAYear:
    """``12/3`` and ``11月3日``: the nearest year in the field's direction."""

    TODAY = dt.date(2026, 12, 4)

    @pytest.mark.parametrize(
        ("text", "toward", "expected"),
        [
            ("12/3", Toward.PAST, dt.date(2026, 12, 3)),
            ("12/3", Toward.FUTURE, dt.date(2027, 12, 3)),
            ("12/15", Toward.FUTURE, dt.date(2026, 12, 15)),
            ("12/15", Toward.PAST, dt.date(2025, 12, 15)),
            ("12/4", Toward.FUTURE, dt.date(2026, 12, 4)),
            ("12/4", Toward.PAST, dt.date(2026, 12, 4)),
            ("11月3日", Toward.PAST, dt.date(2026, 11, 3)),
            ("１月５日", Toward.FUTURE, dt.date(2027, 1, 5)),
            ("1-5", Toward.FUTURE, dt.date(2027, 1, 5)),
            ("2/29", Toward.FUTURE, dt.date(2028, 2, 29)),
            ("2/29", Toward.PAST, dt.date(2024, 2, 29)),
        ],
    )
    def test_nearest_year(self, text: str, toward: Toward, expected: dt.date) -> None:
        assert parse_date(text, today=self.TODAY, toward=toward) == expected

    @pytest.mark.parametrize("text", ["13/1", "4/31", "2/30"])
    def test_impossible_days_are_refused(self, text: str) -> None:
        with pytest.raises(DateParseError):
            parse_date(text, today=self.TODAY, toward=Toward.FUTURE)

    def test_without_today_a_year_is_required(self) -> None:
        with pytest.raises(DateParseError):
            parse_date("12/3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年11月3日(月)", dt.date(2025, 11, 3)),
        ("2025年11月3日（月）", dt.date(2025, 11, 3)),
        ("令和7年11月3日(月)", dt.date(2025, 11, 3)),
        ("2025/11/3 0:00", dt.date(2025, 11, 3)),
        ("2025/11/3 00:00:00", dt.date(2025, 11, 3)),
        ("2025/11/3(月) 0:00", dt.date(2025, 11, 3)),
        ("2025-11-03 (Mon)", dt.date(2025, 11, 3)),
    ],
)
def test_excel_display_forms(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2025/11/3 10:00", "2025/11/3 0:30", "2025年11月3日(祝)"])
def test_other_times_and_words_are_not_dates(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_date(text)

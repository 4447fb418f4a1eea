"""Japanese and Western dates: one parser for every input field and CSV import, one formatter.

Accepted input (after NFKC normalisation, so full-width digits, ``／`` and the one-character era
signs such as ``㋿`` work, and with all spaces ignored):

* Western: ``2025-11-03``, ``2025/11/03``, ``2025/11/3``, ``2025.11.3`` (one separator
  throughout), ``20251103`` and ``2025年11月3日``.
* Japanese era, by name or by initial (any case): ``令和7年11月3日``, ``令和元年5月1日``,
  ``R7.11.3``, ``R7/11/3``, ``R07.11.03``, ``r7-11-3``, ``H30.4.1``, ``S64.1.7``, ``T15.12.25``,
  ``M45.7.30``, and the mixed forms ``R7年11月3日`` and ``令和7.11.3``. The final ``日`` may be left
  out.
* Without a year, when the caller says which way to look (``today`` and ``toward``): ``12/3``,
  ``12-15``, ``11月3日``. The year is the one that puts the date nearest ``today`` in that
  direction: on or after today for deadlines and planned dates, on or before today for filing,
  issue and receipt dates. Without ``today`` (CSV import) a date must name its year.
* As Japanese Excel displays a date: any of the above followed by a weekday in brackets
  (``2025年11月3日(月)``, ``2025/11/3 (Mon)``) and/or a midnight time (``2025/11/3 0:00``).
  Any other time of day is not a date.

Blank text means "no date" (``None``). Anything else that is not a real date raises
:class:`DateParseError`, which carries a translatable :class:`Message` saying what is wrong:
a month 13, 2023-02-29, 平成31年5月1日 (Heisei ended on 2019-04-30), 令和1年4月30日 (Reiwa began
on 2019-05-01).

The era table uses the Gregorian dates on which each era began; the first day of an era is
also the last day of the previous one for Meiji→Taisho (1912-07-30) and Taisho→Shōwa
(1926-12-25), so both spellings of those days are accepted and the formatter uses the new era.
Japan kept the lunisolar calendar until 明治5年12月2日, and the following day became
1873-01-01 (明治6年1月1日); converting earlier era dates needs a lunisolar table, so
:data:`MIN_DATE` (1873-01-01) is the earliest date this module parses in any form, and earlier
dates are formatted in Western style even when an era style is asked for.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message

__all__ = [
    "ERAS",
    "MIN_DATE",
    "DateParseError",
    "DateStyle",
    "Era",
    "Toward",
    "era_of",
    "format_date",
    "parse_date",
]

MIN_DATE = dt.date(1873, 1, 1)
"""Japan's first Gregorian day (明治6年1月1日): the earliest date :func:`parse_date` accepts."""


class DateStyle(StrEnum):
    """How :func:`format_date` writes a date."""

    ISO = "iso"  # 2026-11-27
    WESTERN_JA = "western_ja"  # 2026年11月27日
    ERA = "era"  # 令和8年11月27日 (元年 for the first year)
    ERA_SHORT = "era_short"  # R8.11.27


class Toward(StrEnum):
    """Which year a date typed without one falls in, seen from today."""

    FUTURE = "future"  # deadlines, planned dates: today or later
    PAST = "past"  # filing, issue, receipt dates: today or earlier


@dataclass(frozen=True, slots=True)
class Era:
    """A Japanese era (元号): its name, initial, first and last Gregorian day."""

    name: str  # 令和
    initial: str  # R
    romaji: str  # Reiwa
    start: dt.date
    end: dt.date | None  # the last day; None for the current era

    def year_of(self, day: dt.date) -> int:
        """The era year of ``day`` (1 for 元年); ``day`` must lie in the era."""
        return day.year - self.start.year + 1

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` is a day of this era."""
        return self.start <= day and (self.end is None or day <= self.end)


ERAS: tuple[Era, ...] = (
    Era("明治", "M", "Meiji", dt.date(1868, 1, 25), dt.date(1912, 7, 30)),
    Era("大正", "T", "Taisho", dt.date(1912, 7, 30), dt.date(1926, 12, 25)),
    Era("昭和", "S", "Showa", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", "Heisei", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", "Reiwa", dt.date(2019, 5, 1), None),
)
"""The eras in order, oldest first."""

_ERA_BY_KEY: dict[str, Era] = {}
for _era in ERAS:
    _ERA_BY_KEY[_era.name] = _era
    _ERA_BY_KEY[_era.initial.casefold()] = _era

_ERA_NAMES = "|".join(era.name for era in ERAS)
_ERA_INITIALS = "".join(era.initial for era in ERAS)

# All patterns run on NFKC-normalised, case-folded text with every space removed.
_ISO_LIKE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_WESTERN_KANJI = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?")
_ERA_FORM = re.compile(
    rf"(?P<era>{_ERA_NAMES}|[{_ERA_INITIALS.casefold()}])"
    r"(?P<year>元|\d{1,3})"
    r"(?:年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日?"
    r"|(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2}))"
)
_NO_YEAR = re.compile(r"(\d{1,2})([-/])(\d{1,2})|(\d{1,2})月(\d{1,2})日?")
_SPACES = re.compile(r"\s+")
_MIDNIGHT = re.compile(r"\s+0?0:00(?::00)?\s*$")
_WEEKDAY = re.compile(r"\s*\((?:[月火水木金土日]|mon|tue|wed|thu|fri|sat|sun)\)$")


class DateParseError(ValueError):
    """Text that is not a valid date; ``message`` says why, ready to translate."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render())
        self.message = message


def parse_date(
    text: str, *, today: dt.date | None = None, toward: Toward = Toward.PAST
) -> dt.date | None:
    """Read a Western or Japanese-era date; blank text gives ``None``.

    With ``today``, a month and day without a year (``12/3``, ``11月3日``) fall in the year that
    puts them nearest ``today`` in the direction ``toward``.

    Raises :class:`DateParseError` for text that is not a date or names a day that does not
    exist (see the module documentation for the accepted forms).
    """
    shown = text.strip()
    if not shown:
        return None
    normal = unicodedata.normalize("NFKC", shown).casefold()
    # Excel's Japanese displays: a midnight time and a weekday after the date.
    normal = _MIDNIGHT.sub("", normal)
    normal = _WEEKDAY.sub("", normal.rstrip())
    normal = _SPACES.sub("", normal)

    if match := _ISO_LIKE.fullmatch(normal):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
    elif (match := _COMPACT.fullmatch(normal)) or (match := _WESTERN_KANJI.fullmatch(normal)):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _ERA_FORM.fullmatch(normal):
        return _era_date(shown, match)
    elif today is not None and (match := _NO_YEAR.fullmatch(normal)):
        month, day = int(match[1] or match[4]), int(match[3] or match[5])
        return _nearest(shown, month, day, today, toward)
    else:
        raise DateParseError(
            message(
                "Dates",
                QT_TRANSLATE_NOOP(
                    "Dates",
                    "“{text}” is not a date: write e.g. 2025-11-03, 2025/11/3 or 令和7年11月3日.",
                ),
                text=shown,
            )
        )
    return _checked(shown, year, month, day)


def _era_date(shown: str, match: re.Match[str]) -> dt.date:
    era = _ERA_BY_KEY[match["era"]]
    era_year = 1 if match["year"] == "元" else int(match["year"])
    month = int(match["m1"] or match["m2"])
    day = int(match["d1"] or match["d2"])
    if era_year == 0:
        raise DateParseError(
            message(
                "Dates",
                QT_TRANSLATE_NOOP(
                    "Dates", "“{text}”: there is no year 0 in an era; the first year is 元年 (1)."
                ),
                text=shown,
            )
        )
    value = _checked(shown, era.start.year + era_year - 1, month, day)
    if value < era.start:
        raise DateParseError(
            message(
                "Dates",
                QT_TRANSLATE_NOOP("Dates", "“{text}” is before the {era} era began on {start}."),
                text=shown,
                era=era.name,
                start=era.start,
            )
        )
    if era.end is not None and value > era.end:
        raise DateParseError(
            message(
                "Dates",
                QT_TRANSLATE_NOOP(
                    "Dates", "“{text}” does not exist: the {era} era ended on {end}."
                ),
                text=shown,
                era=era.name,
                end=era.end,
            )
        )
    return value


def _checked(shown: str, year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise DateParseError(
            message(
                "Dates",
                QT_TRANSLATE_NOOP("Dates", "“{text}”: there is no month {month}."),
                text=shown,
                month=month,
            )
        )
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise DateParseError(
            message(
                "Dates",
                QT_TRANSLATE_NOOP("Dates", "“{text}”: month {month} of {year} has no day {day}."),
                text=shown,
                year=year,
                month=month,
                day=day,
            )
        ) from None
    if value < MIN_DATE:
        raise DateParseError(
            message(
                "Dates",
                QT_TRANSLATE_NOOP(
                    "Dates", "“{text}” is too early: dates before {earliest} are not supported."
                ),
                text=shown,
                earliest=MIN_DATE,
            )
        )
    return value


def _nearest(shown: str, month: int, day: int, today: dt.date, toward: Toward) -> dt.date:
    """The date with this month and day nearest ``today`` on the side ``toward``."""
    step = 1 if toward == Toward.FUTURE else -1
    year = today.year
    for _ in range(8):  # 29 February recurs within eight years
        try:
            value = dt.date(year, month, day)
        except ValueError:
            if not 1 <= month <= 12 or day > 29 or (month, day) != (2, 29):
                return _checked(shown, today.year, month, day)  # raises with the reason
            year += step
            continue
        if (value >= today) if step > 0 else (value <= today):
            return _checked(shown, value.year, month, day)
        year += step
    return _checked(shown, year, month, day)


def era_of(day: dt.date) -> Era | None:
    """The era of ``day`` (the newer one on a changeover day); ``None`` before Meiji."""
    for era in reversed(ERAS):
        if era.contains(day):
            return era
    return None


def format_date(day: dt.date, style: DateStyle = DateStyle.ISO) -> str:
    """Write ``day`` in ``style``.

    Era styles fall back to 2026年11月27日 form for dates before :data:`MIN_DATE`, which have no
    reliable era spelling (see the module documentation).
    """
    if style == DateStyle.ISO:
        return day.isoformat()
    era = era_of(day) if day >= MIN_DATE else None
    if style == DateStyle.WESTERN_JA or era is None:
        return f"{day.year}年{day.month}月{day.day}日"
    year = era.year_of(day)
    if style == DateStyle.ERA:
        year_text = "元" if year == 1 else str(year)
        return f"{era.name}{year_text}年{day.month}月{day.day}日"
    return f"{era.initial}{year}.{day.month}.{day.day}"

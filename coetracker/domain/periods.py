"""Publication periods of processing times: "2025-11" (monthly) or "2024-Q2" (quarterly, before
October 2024), as translatable month texts (2025年11月, never "Q2") and month arithmetic."""

from __future__ import annotations

import datetime as dt
import re

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message

__all__ = ["CONTEXT", "months_between", "parse_period", "period_label", "period_start"]

CONTEXT = "Periods"
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_JA_MONTH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月$")


def parse_period(text: str) -> str | None:
    """The stored form ("2025-11") of a month typed as 2025-11, 2025/11 or 2025年11月; ``None``
    when it is not a month."""
    value = text.strip().replace("/", "-")
    match = _MONTH.match(value) or _JA_MONTH.match(value)
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        return None
    return f"{year:04d}-{month:02d}"


def period_start(period: str) -> dt.date | None:
    """The first day of a period ("2024-Q2" → 2024-04-01); ``None`` for an unreadable one."""
    quarter = _QUARTER.match(period)
    if quarter is not None:
        return dt.date(int(quarter.group(1)), 3 * int(quarter.group(2)) - 2, 1)
    month = _MONTH.match(period)
    if month is not None and 1 <= int(month.group(2)) <= 12:
        return dt.date(int(month.group(1)), int(month.group(2)), 1)
    return None


def period_end_month(period: str) -> dt.date | None:
    """The first day of the last month a period covers ("2024-Q2" → 2024-06-01)."""
    start = period_start(period)
    if start is None or _QUARTER.match(period) is None:
        return start
    return dt.date(start.year, start.month + 2, 1)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier``'s month to ``later``'s (2025-11 → 2026-03: 4)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def period_label(period: str) -> Message:
    """The period as a translatable text: 11/2025 (2025年11月), 4–6/2024 (2024年4月～6月)."""
    quarter = _QUARTER.match(period)
    if quarter is not None:
        last = 3 * int(quarter.group(2))
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Periods", "{first}–{last}/{year}"),
            first=last - 2,
            last=last,
            year=int(quarter.group(1)),
        )
    start = period_start(period)
    if start is None:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Periods", "{text} (as published)"), text=period)
    return message(
        CONTEXT, QT_TRANSLATE_NOOP("Periods", "{month}/{year}"), month=start.month, year=start.year
    )

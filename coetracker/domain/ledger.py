"""The office's books in pure Python: 受託番号 patterns, ledger years, invoice tax, payments.

- **受託番号** come from a pattern such as ``R{era_year}-{seq:03}``; :func:`format_reference`
  fills it, :func:`check_pattern` refuses a pattern that would not number uniquely.
- **Ledger years** are calendar years or Japanese fiscal years (April to March), as chosen in
  Settings; :func:`ledger_year` says which year a date belongs to.
- **Qualified invoices** (適格請求書): the consumption tax is computed per tax rate over the sum of
  that rate's lines and rounded down once per invoice (never per line); 立替金 (expenses paid on
  the client's behalf) carry no tax and are shown apart. :func:`invoice_totals` does the sums.
- **Registration numbers** (登録番号): "T" and 13 digits. For a corporation (行政書士法人) the 13
  digits are its 法人番号, whose first digit is a check digit over the other twelve, and that
  digit is checked. A sole practitioner's number is a 13-digit number the tax office assigns with
  no published check-digit meaning, so only its form is checked.
- **Payment state**: unpaid, part paid or paid, from the invoice total and the payments.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from coetracker.domain.jpdates import era_of
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message

DEFAULT_PATTERN = "R{era_year}-{seq:03}"
DEFAULT_TAX_RATE = 10
TAX_RATES = (10, 8, 0)
FISCAL_START_MONTH = 4
REVENUE_STAMP_THRESHOLD = 50_000
"""A 行政書士法人's receipt of this amount or more needs a revenue stamp (収入印紙)."""

PLACEHOLDERS = frozenset({"seq", "year", "era_year", "era"})
_REGISTRATION = re.compile(r"T\d{13}")


class YearBasis(StrEnum):
    """How ledger years run: calendar years or fiscal years starting in April."""

    CALENDAR = "calendar"
    FISCAL = "fiscal"


class LineKind(StrEnum):
    """A fee line: the fee (報酬), a taxable expense (実費), or 立替金 (untaxed, shown apart)."""

    FEE = "fee"
    EXPENSE = "expense"
    ADVANCE = "advance"


class OfficeForm(StrEnum):
    """Whether the office is a sole practitioner or a 行政書士法人 (a corporation)."""

    SOLE = "sole"
    CORPORATION = "corporation"


class PaymentState(StrEnum):
    """Whether a case's invoice total has been received."""

    NO_FEE = "no_fee"
    UNPAID = "unpaid"
    PART_PAID = "part_paid"
    PAID = "paid"


@dataclass(frozen=True, slots=True)
class FeeLine:
    """One line of a case's fees: amount in yen excluding tax, and its tax rate in percent."""

    kind: LineKind
    description: str
    amount: int
    tax_rate: int = DEFAULT_TAX_RATE


@dataclass(frozen=True, slots=True)
class RateTotal:
    """The lines of one tax rate: their sum (excluding tax) and the tax on it."""

    rate: int
    taxable: int
    tax: int


@dataclass(frozen=True, slots=True)
class InvoiceTotals:
    """What an invoice adds up to; ``total`` = ``net`` + ``tax`` + ``advances``."""

    by_rate: tuple[RateTotal, ...]
    fees: int  # 報酬 lines, excluding tax
    net: int  # every taxed or tax-free line except 立替金, excluding tax
    tax: int
    advances: int  # 立替金
    total: int


def ledger_year(day: dt.date, basis: YearBasis) -> int:
    """The ledger year ``day`` belongs to (a fiscal year is named by the year it starts in)."""
    if basis is YearBasis.FISCAL and day.month < FISCAL_START_MONTH:
        return day.year - 1
    return day.year


def year_bounds(year: int, basis: YearBasis) -> tuple[dt.date, dt.date]:
    """The first and last day of ledger year ``year``."""
    if basis is YearBasis.FISCAL:
        return dt.date(year, FISCAL_START_MONTH, 1), dt.date(year + 1, FISCAL_START_MONTH, 1) - (
            dt.timedelta(days=1)
        )
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def check_pattern(pattern: str) -> Message | None:
    """None when ``pattern`` can number matters, else why not."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
        format_reference(pattern, seq=1, year=2026, era_initial="R", era_year=8)
    except (ValueError, KeyError, IndexError):
        fields = ["?"]
    unknown = [name for name in fields if name not in PLACEHOLDERS]
    if unknown or "seq" not in fields:
        return message(
            "Ledger",
            QT_TRANSLATE_NOOP(
                "Ledger",
                "The numbering pattern must contain {{seq}} and may use only {{year}}, "
                "{{era_year}} and {{era}}, for example R{{era_year}}-{{seq:03}}.",
            ),
        )
    return None


def format_reference(pattern: str, *, seq: int, year: int, era_initial: str, era_year: int) -> str:
    """Fill a numbering pattern: ``R{era_year}-{seq:03}`` → ``R8-001``."""
    return pattern.format(seq=seq, year=year, era=era_initial, era_year=era_year)


def reference_for(pattern: str, *, seq: int, year: int, basis: YearBasis) -> str:
    """The 受託番号 of the ``seq``-th matter of ledger ``year`` (era from the year's first day)."""
    start, end = year_bounds(year, basis)
    era = era_of(end) or era_of(start)
    initial = era.initial if era is not None else ""
    era_year = max(1, era.year_of(start)) if era is not None else year
    return format_reference(pattern, seq=seq, year=year, era_initial=initial, era_year=era_year)


def invoice_totals(lines: Iterable[FeeLine]) -> InvoiceTotals:
    """Sum the lines as a qualified invoice does: tax per rate, rounded down once per rate."""
    taxable: dict[int, int] = {}
    fees = advances = 0
    for line in lines:
        if line.kind is LineKind.ADVANCE:
            advances += line.amount
            continue
        if line.kind is LineKind.FEE:
            fees += line.amount
        taxable[line.tax_rate] = taxable.get(line.tax_rate, 0) + line.amount
    by_rate = tuple(
        RateTotal(rate, amount, amount * rate // 100)
        for rate, amount in sorted(taxable.items(), reverse=True)
    )
    net = sum(item.taxable for item in by_rate)
    tax = sum(item.tax for item in by_rate)
    return InvoiceTotals(by_rate, fees, net, tax, advances, net + tax + advances)


def payment_state(total: int, paid: int) -> PaymentState:
    """Unpaid, part paid or paid (no fee when nothing is charged)."""
    if total <= 0:
        return PaymentState.PAID if paid > 0 else PaymentState.NO_FEE
    if paid <= 0:
        return PaymentState.UNPAID
    return PaymentState.PAID if paid >= total else PaymentState.PART_PAID


def normalize_registration_number(text: str) -> str:
    """Full-width letters and digits made ASCII, spaces and hyphens dropped, "t" upper-cased."""
    folded = unicodedata.normalize("NFKC", text).strip().upper()
    return re.sub(r"[\s\-‐－ー]", "", folded)


def corporate_check_digit_ok(digits: str) -> bool:
    """Whether the first of 13 digits is the 法人番号 check digit of the other twelve."""
    body = [int(ch) for ch in digits[1:]]
    total = sum(d * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(body)))
    return int(digits[0]) == 9 - total % 9


def check_registration_number(text: str, form: OfficeForm) -> Message | None:
    """None when ``text`` (normalised) is a valid 登録番号 for the office's form, else why not."""
    number = normalize_registration_number(text)
    if not _REGISTRATION.fullmatch(number):
        return message(
            "Ledger",
            QT_TRANSLATE_NOOP(
                "Ledger",
                "A registration number is T followed by 13 digits, for example T1234567890123.",
            ),
        )
    if form is OfficeForm.CORPORATION and not corporate_check_digit_ok(number[1:]):
        return message(
            "Ledger",
            QT_TRANSLATE_NOOP(
                "Ledger",
                "The 13 digits of a corporation's registration number are its corporate number; "
                "its check digit does not match. Please check the number.",
            ),
        )
    return None


def needs_revenue_stamp(form: OfficeForm, received: int) -> bool:
    """Whether a receipt needs a revenue stamp box: only a 行政書士法人's, from ¥50,000."""
    return form is OfficeForm.CORPORATION and received >= REVENUE_STAMP_THRESHOLD


def default_matter_name(status_name: str | None) -> str:
    """The matter's default name: 在留資格認定証明書交付申請（<status of residence>）."""
    base = "在留資格認定証明書交付申請"
    return f"{base}（{status_name}）" if status_name else base


def yen(amount: int) -> str:
    """An amount as printed: ¥1,234,567 (negative with a minus sign)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,}"

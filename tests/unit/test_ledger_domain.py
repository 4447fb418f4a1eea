"""The pure ledger rules: numbering patterns, ledger years, invoice tax, registration numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from coetracker.domain.ledger import (
    FeeLine,
    LineKind,
    OfficeForm,
    PaymentState,
    RateTotal,
    YearBasis,
    check_pattern,
    check_registration_number,
    invoice_totals,
    ledger_year,
    needs_revenue_stamp,
    payment_state,
    reference_for,
)


def test_default_pattern_numbers_in_the_era_year() -> None:
    assert reference_for("R{era_year}-{seq:03}", seq=1, year=2026, basis=YearBasis.CALENDAR) == (
        "R8-001"
    )
    assert reference_for("R{era_year}-{seq:03}", seq=12, year=2019, basis=YearBasis.CALENDAR) == (
        "R1-012"
    )
    assert reference_for("{year}-{seq:04}", seq=7, year=2027, basis=YearBasis.FISCAL) == "2027-0007"


def test_fiscal_year_runs_april_to_march() -> None:
    assert ledger_year(dt.date(2027, 3, 31), YearBasis.FISCAL) == 2026
    assert ledger_year(dt.date(2027, 4, 1), YearBasis.FISCAL) == 2027
    assert ledger_year(dt.date(2027, 3, 31), YearBasis.CALENDAR) == 2027


@pytest.mark.parametrize("pattern", ["R{era_year}", "{seq:03}-{name}", "{seq", "plain"])
def test_patterns_without_seq_or_with_unknown_fields_are_refused(pattern: str) -> None:
    assert check_pattern(pattern) is not None


def test_good_patterns_are_accepted() -> None:
    assert check_pattern("R{era_year}-{seq:03}") is None
    assert check_pattern("{era}{era_year}受{seq}") is None


def test_tax_is_rounded_once_per_rate_and_advances_are_apart() -> None:
    # Hand-computed. 10 %: 33,333 + 10,001 = 43,334 → 4,333.4 → ¥4,333.
    # 8 %: 1,999 + 1,999 = 3,998 → 319.84 → ¥319 (rounding each line would give 159 + 159 = 318).
    # 立替金 ¥4,000 carries no tax even though the line says 10 %.
    lines = [
        FeeLine(LineKind.FEE, "報酬", 33_333, 10),
        FeeLine(LineKind.EXPENSE, "翻訳料", 10_001, 10),
        FeeLine(LineKind.EXPENSE, "資料A", 1_999, 8),
        FeeLine(LineKind.EXPENSE, "資料B", 1_999, 8),
        FeeLine(LineKind.ADVANCE, "収入印紙（立替金）", 4_000, 10),
    ]
    totals = invoice_totals(lines)
    assert totals.by_rate == (RateTotal(10, 43_334, 4_333), RateTotal(8, 3_998, 319))
    assert totals.fees == 33_333
    assert totals.net == 47_332
    assert totals.tax == 4_652
    assert totals.advances == 4_000
    assert totals.total == 47_332 + 4_652 + 4_000


def test_a_plain_fee_at_ten_percent() -> None:
    totals = invoice_totals(
        [FeeLine(LineKind.FEE, "報酬", 120_000), FeeLine(LineKind.ADVANCE, "郵送料", 460)]
    )
    assert (totals.tax, totals.total) == (12_000, 132_460)


@pytest.mark.parametrize(
    "number",
    ["", "1234567890123", "T123456789012", "T12345678901234", "TX234567890123", "U1234567890123"],
)
def test_malformed_registration_numbers_are_refused(number: str) -> None:
    assert check_registration_number(number, OfficeForm.SOLE) is not None
    assert check_registration_number(number, OfficeForm.CORPORATION) is not None


def test_corporation_numbers_carry_the_corporate_check_digit() -> None:
    # 7000012050002 is the National Tax Agency's own 法人番号 (check digit 7).
    assert check_registration_number("T7000012050002", OfficeForm.CORPORATION) is None
    assert (
        check_registration_number("Ｔ７０００－０１２０５０００２", OfficeForm.CORPORATION) is None
    )
    assert check_registration_number("T6000012050002", OfficeForm.CORPORATION) is not None
    # A sole practitioner's number is checked for its form only.
    assert check_registration_number("T6000012050002", OfficeForm.SOLE) is None


def test_payment_state() -> None:
    assert payment_state(0, 0) is PaymentState.NO_FEE
    assert payment_state(132_460, 0) is PaymentState.UNPAID
    assert payment_state(132_460, 50_000) is PaymentState.PART_PAID
    assert payment_state(132_460, 132_460) is PaymentState.PAID


def test_revenue_stamp_only_for_a_corporation_from_50000_yen() -> None:
    assert needs_revenue_stamp(OfficeForm.CORPORATION, 50_000)
    assert not needs_revenue_stamp(OfficeForm.CORPORATION, 49_999)
    assert not needs_revenue_stamp(OfficeForm.SOLE, 1_000_000)

"""Residence-card dates and the after-arrival rules, with dates worked out by hand (初日不算入)."""

from __future__ import annotations

import datetime as dt

import pytest

from coetracker.domain.model import Benchmark, CaseFacts, Level, Policy, Stage
from coetracker.domain.procedures import Procedure, parse_procedure
from coetracker.domain.readiness import assess
from coetracker.domain.residence import (
    proposed_expiry,
    renewal_window_opens,
    special_period_end,
)

D = dt.date
POLICY = Policy()


@pytest.mark.parametrize(
    ("event", "months", "expected"),
    [
        # The ISA example: landed 2017-01-16 with 1 year → 2018-01-16.
        (D(2017, 1, 16), 12, D(2018, 1, 16)),
        # Landing on the 31st: the period starts on the 1st, ends the day before the 1st.
        (D(2025, 3, 31), 6, D(2025, 9, 30)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 12, 31), 12, D(2026, 12, 31)),
        # Landing on 29 February: 1 year later has no 29 February.
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        # The day before a leap day: the period starts on 1 March, ends on 29 February.
        (D(2023, 2, 28), 12, D(2024, 2, 29)),
        # Start day with no corresponding day: the last day of that month.
        (D(2026, 1, 30), 1, D(2026, 2, 28)),
        # 3- and 5-year periods.
        (D(2026, 4, 1), 36, D(2029, 4, 1)),
        (D(2024, 2, 29), 60, D(2029, 2, 28)),
        (D(2025, 10, 15), 60, D(2030, 10, 15)),
    ],
)
def test_proposed_expiry_counts_from_the_day_after(
    event: dt.date, months: int, expected: dt.date
) -> None:
    assert proposed_expiry(event, months) == expected


def test_renewal_granted_early_counts_from_the_day_after_the_old_expiry() -> None:
    old_expiry = D(2026, 6, 30)
    # Granted on 2026-05-20, weeks before the old card ran out: the new period starts on
    # 2026-07-01 regardless, so three years end on 2029-06-30.
    assert proposed_expiry(old_expiry, 36) == D(2029, 6, 30)


def test_change_of_status_counts_from_the_day_after_it_is_granted() -> None:
    granted = D(2026, 5, 20)  # old card to 2026-06-30 plays no part
    assert proposed_expiry(granted, 12) == D(2027, 5, 20)
    assert proposed_expiry(granted, 60) == D(2031, 5, 20)


@pytest.mark.parametrize(
    ("expiry", "opens"),
    [
        (D(2026, 7, 15), D(2026, 4, 15)),
        (D(2026, 5, 31), D(2026, 2, 28)),
        (D(2028, 5, 29), D(2028, 2, 29)),
    ],
)
def test_renewal_window_opens_three_months_before(expiry: dt.date, opens: dt.date) -> None:
    assert renewal_window_opens(expiry, 3) == opens


@pytest.mark.parametrize(
    ("old_expiry", "decision", "end"),
    [
        (D(2026, 1, 16), None, D(2026, 3, 16)),
        (D(2026, 3, 31), None, D(2026, 5, 31)),
        (D(2025, 12, 30), None, D(2026, 2, 28)),  # no 30 February
        (D(2026, 1, 16), D(2026, 2, 10), D(2026, 2, 10)),  # decided first
        (D(2026, 1, 16), D(2026, 4, 1), D(2026, 3, 16)),  # two months end first
    ],
)
def test_special_period_end(old_expiry: dt.date, decision: dt.date | None, end: dt.date) -> None:
    assert special_period_end(old_expiry, decision) == end


# --- RENEWAL_DUE ---------------------------------------------------------------------------

CARD_EXPIRY = D(2026, 7, 15)  # window opens 2026-04-15; urgent from 2026-06-15


def _entered(**changes: object) -> CaseFacts:
    base = CaseFacts(stage=Stage.ENTERED, entry_date=D(2025, 7, 15), card_expiry=CARD_EXPIRY)
    return CaseFacts(**{**{f: getattr(base, f) for f in base.__slots__}, **changes})


def test_renewal_due_appears_exactly_when_the_window_opens() -> None:
    before = assess(_entered(), D(2026, 4, 14), POLICY)
    assert before.level is Level.CLOSED
    assert before.changes_on == D(2026, 4, 15)
    on = assess(_entered(), D(2026, 4, 15), POLICY)
    assert on.level is Level.RENEWAL_DUE
    assert on.deadline == CARD_EXPIRY
    assert str(on.action) == "Start the renewal case"
    assert on.extra["renewal_urgent"] is False
    assert on.changes_on == D(2026, 6, 15)


def test_renewal_due_turns_urgent_in_the_last_30_days_and_after_expiry() -> None:
    assert assess(_entered(), D(2026, 6, 14), POLICY).extra["renewal_urgent"] is False
    last = assess(_entered(), D(2026, 6, 15), POLICY)
    assert last.level is Level.RENEWAL_DUE and last.extra["renewal_urgent"] is True
    assert last.changes_on == D(2026, 7, 16)
    expired = assess(_entered(), D(2026, 7, 16), POLICY)
    assert expired.level is Level.RENEWAL_DUE
    assert "expired" in str(expired.headline)


def test_renewal_due_leaves_when_a_renewal_case_is_filed() -> None:
    filed = assess(_entered(renewal_filed=True), D(2026, 5, 1), POLICY)
    assert filed.level is Level.CLOSED
    preparing = assess(_entered(renewal_preparing=True), D(2026, 5, 1), POLICY)
    assert preparing.level is Level.RENEWAL_DUE
    assert "File the renewal" in str(preparing.action)


def test_renewal_due_sorts_with_the_urgent_levels() -> None:
    assert Level.COE_EXPIRING < Level.RENEWAL_DUE < Level.DOCS_DUE < Level.READY


def test_a_coe_case_without_a_card_stays_closed_when_entered() -> None:
    assert assess(_entered(card_expiry=None), D(2026, 5, 1), POLICY).level is Level.CLOSED


def _renewal(**changes: object) -> CaseFacts:
    base = CaseFacts(
        stage=Stage.FILED,
        procedure=Procedure.RENEWAL,
        filing_date=D(2026, 5, 1),
        application_number="東更T26-1",
        bureau_name="東京",
        status_name="技術・人文知識・国際業務",
        benchmark=Benchmark("技術・人文知識・国際業務 (更新)", 40.0, "2025-12"),
        card_expiry=CARD_EXPIRY,
    )
    return CaseFacts(**{**{f: getattr(base, f) for f in base.__slots__}, **changes})


def test_renewal_readiness_uses_its_own_figure() -> None:
    # 40 days × 1.2 = 48 → ready from 2026-06-18; a COE figure (63.2) would give 2026-07-18.
    assert assess(_renewal(), D(2026, 6, 17), POLICY).next_check == D(2026, 6, 18)
    assert assess(_renewal(), D(2026, 6, 18), POLICY).level is Level.READY


def test_pending_renewal_shows_the_special_period() -> None:
    a = assess(_renewal(), D(2026, 6, 1), POLICY)
    assert a.extra["special_period_end"] == D(2026, 9, 15)
    assert any(r.rule == "special_period" for r in a.reasons)
    late = assess(_renewal(filing_date=D(2026, 7, 20)), D(2026, 7, 21), POLICY)
    assert "special_period_end" not in late.extra


@pytest.mark.parametrize("procedure", [Procedure.RENEWAL, Procedure.CHANGE])
@pytest.mark.parametrize("stage", [Stage.ISSUED, Stage.SENT, Stage.VISA_APPLIED])
def test_certificate_validity_never_applies_to_stay_procedures(
    procedure: Procedure, stage: Stage
) -> None:
    # Granted long ago with no issue date: a COE would be MISSING_INFO or COE_EXPIRING.
    facts = _renewal(procedure=procedure, stage=stage, card_expiry=None, coe_issued_date=None)
    a = assess(facts, D(2027, 1, 1), POLICY)
    assert a.level is Level.CLOSED
    assert a.coe_expiry is None
    coe = _renewal(procedure=Procedure.COE, stage=stage, coe_issued_date=D(2026, 6, 1))
    assert assess(coe, D(2027, 1, 1), POLICY).level is Level.COE_EXPIRING


def test_granted_renewal_holding_the_card_becomes_renewal_due() -> None:
    facts = _renewal(stage=Stage.ISSUED, card_expiry=D(2027, 7, 15))
    assert assess(facts, D(2027, 4, 15), POLICY).level is Level.RENEWAL_DUE
    assert assess(facts, D(2027, 4, 14), POLICY).level is Level.CLOSED


@pytest.mark.parametrize(
    ("text", "procedure"),
    [
        ("", Procedure.COE),
        (None, Procedure.COE),
        ("在留資格認定", Procedure.COE),
        ("在留期間更新", Procedure.RENEWAL),
        ("更新", Procedure.RENEWAL),
        ("在留資格変更許可申請", Procedure.CHANGE),
        ("change", Procedure.CHANGE),
        ("永住", None),
    ],
)
def test_parse_procedure(text: str | None, procedure: Procedure | None) -> None:
    assert parse_procedure(text) == procedure


# --- which case holds the card (services.residence.contexts_from_rows) ----------------------


def test_the_latest_grant_holds_the_card_and_a_denied_renewal_leaves_it_due() -> None:
    from coetracker.services.residence import contexts_from_rows

    expiry = D(2027, 7, 15)
    coe = (1, 7, "coe", "entered", False, None, D(2025, 7, 15), D(2025, 4, 1), expiry)
    granted = (2, 7, "renewal", "issued", False, D(2026, 7, 1), None, D(2026, 5, 1), expiry)
    contexts = contexts_from_rows([coe, granted])
    assert contexts[2].applies and contexts[2].rule_expiry == expiry
    assert not contexts[1].applies and contexts[1].rule_expiry is None
    assert contexts[1].card_expiry == expiry  # the person's card, for the filters

    denied = (3, 7, "renewal", "denied", False, D(2027, 6, 1), None, D(2027, 5, 1), expiry)
    filed = (4, 7, "change", "documents_requested", False, None, None, D(2027, 6, 5), expiry)
    assert not contexts_from_rows([coe, granted, denied])[2].renewal_filed
    with_change = contexts_from_rows([coe, granted, denied, filed])
    assert with_change[2].renewal_filed
    assert with_change[4].applies and with_change[4].rule_expiry == expiry  # special period
    archived = (5, 7, "renewal", "filed", True, None, None, D(2027, 6, 5), expiry)
    assert not contexts_from_rows([coe, granted, archived])[2].renewal_filed

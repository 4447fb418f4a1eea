"""Properties of the readiness rules that must hold for any facts (hypothesis).

- ``next_check`` is exact: READY on it, WAITING the day before;
- with the facts fixed, a filed case that became READY stays READY;
- an open document request is never READY; a closed case is always CLOSED;
- ``changes_on`` is honest: the level holds on every day before it, and where the design says
  what happens on it (next check, deadline, expiry window), that happens;
- ``explain=False`` changes nothing but the reasons; levels sort in the design's order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coetracker.domain.model import (
    CLOSED_STAGES,
    FILED_STAGES,
    ISSUED_STAGES,
    Assessment,
    Benchmark,
    CaseFacts,
    DocumentRequestFacts,
    FilingChannel,
    InquiryChannel,
    InquiryFacts,
    InquiryPolicy,
    Level,
    Policy,
    Stage,
)
from coetracker.domain.readiness import assess
from coetracker.domain.workdays import is_business_day

ONE_DAY = dt.timedelta(days=1)
FIRST, LAST = dt.date(2024, 1, 1), dt.date(2027, 12, 31)
dates = st.dates(min_value=FIRST, max_value=LAST)
maybe_dates = st.none() | dates

requests = st.builds(
    DocumentRequestFacts,
    notice_date=maybe_dates,
    deadline=maybe_dates,
    extended_deadline=st.none() | dates,
    submitted_on=st.none() | dates,
)
inquiries = st.builds(InquiryFacts, on=dates, channel=st.sampled_from(InquiryChannel))
benchmarks = st.builds(
    Benchmark,
    status_name=st.sampled_from(["技術・人文知識・国際業務", "特定技能1号", "経営・管理"]),
    days=st.floats(min_value=10.0, max_value=200.0, allow_nan=False),
    period=st.just("2025-11"),
)
facts_strategy = st.builds(
    CaseFacts,
    stage=st.sampled_from(Stage),
    archived=st.booleans() | st.just(False),
    channel=st.none() | st.sampled_from(FilingChannel),
    filing_date=maybe_dates,
    application_number=st.sampled_from([None, "", "阪永認T12-345", "東就T1-1"]),
    applicant_name_present=st.booleans(),
    bureau_name=st.sampled_from([None, "東京出入国在留管理局", "横浜支局"]),
    inquiry_policy=st.none() | st.sampled_from(InquiryPolicy),
    status_name=st.none() | st.just("特定技能1号"),
    benchmark=st.none() | benchmarks,
    planned_entry_date=maybe_dates,
    document_requests=st.lists(requests, max_size=3).map(tuple),
    inquiries=st.lists(inquiries, max_size=3).map(tuple),
    coe_issued_date=maybe_dates,
)
# Filed cases that reach rule 7 often: identifiers present, requests answered.
complete_filed = st.builds(
    dataclasses.replace,
    facts_strategy,
    stage=st.sampled_from(sorted(FILED_STAGES)),
    archived=st.just(False),
    filing_date=dates,
    application_number=st.just("阪永認T12-345"),
    applicant_name_present=st.just(True),
    bureau_name=st.just("大阪出入国在留管理局"),
    document_requests=st.lists(
        st.builds(DocumentRequestFacts, notice_date=maybe_dates, deadline=maybe_dates,
                  submitted_on=dates),
        max_size=2,
    ).map(tuple),
)  # fmt: skip
policies = st.builds(
    Policy,
    fallback_benchmark_days=st.floats(min_value=1.0, max_value=200.0),
    ready_factor=st.floats(min_value=0.5, max_value=2.0),
    urgent_factor=st.floats(min_value=0.1, max_value=1.0),
    urgency_window_days=st.integers(min_value=0, max_value=90),
    inquiry_cooldown_days=st.integers(min_value=0, max_value=60),
    submission_cooldown_days=st.integers(min_value=0, max_value=60),
    default_deadline_days=st.integers(min_value=1, max_value=30),
    due_soon_business_days=st.integers(min_value=0, max_value=10),
    coe_validity_months=st.integers(min_value=1, max_value=6),
    expiry_warning_days=st.integers(min_value=0, max_value=90),
) | st.just(Policy())
# Certificates issued, and open requests with deadlines: the levels whose changes_on matter.
issued_cases = st.builds(
    dataclasses.replace,
    facts_strategy,
    stage=st.sampled_from(sorted(ISSUED_STAGES)),
    archived=st.just(False),
    coe_issued_date=dates,
)
requested_cases = st.builds(
    dataclasses.replace,
    complete_filed,
    document_requests=st.lists(
        st.builds(DocumentRequestFacts, notice_date=maybe_dates, deadline=dates,
                  extended_deadline=st.none() | dates),
        min_size=1,
        max_size=2,
    ).map(tuple),
)  # fmt: skip
any_facts = facts_strategy | complete_filed | issued_cases | requested_cases
DEFAULT = settings(max_examples=200, deadline=None)


@DEFAULT
@given(any_facts, dates, policies)
def test_next_check_is_exact(facts: CaseFacts, today: dt.date, policy: Policy) -> None:
    result = assess(facts, today, policy)
    if result.level is not Level.WAITING:
        assert result.next_check is None
        return
    if result.next_check is None:  # a bureau that takes no progress inquiries
        assert facts.inquiry_policy is InquiryPolicy.NO_PROGRESS_INQUIRIES
        return
    check = result.next_check
    assert check > today
    assert is_business_day(check)
    assert assess(facts, check, policy).level is Level.READY
    assert assess(facts, check - ONE_DAY, policy).level is Level.WAITING
    assert result.changes_on == check


@DEFAULT
@given(complete_filed, dates, policies, st.integers(min_value=1, max_value=800))
def test_ready_stays_ready(facts: CaseFacts, today: dt.date, policy: Policy, later: int) -> None:
    result = assess(facts, today, policy)
    if result.level is Level.WAITING and result.next_check is not None:
        today = result.next_check  # move to the day it became ready, rather than filter
        result = assess(facts, today, policy)
    assume(result.level is Level.READY)
    if result.changes_on is not None:  # only the near entry's texts change, on that day
        assert result.headline.source.endswith("is near")
        last_day = assess(facts, result.changes_on - dt.timedelta(days=1), policy)
        assert (last_day.headline, last_day.action) == (result.headline, result.action)
        then = assess(facts, result.changes_on, policy)
        assert then.level is Level.READY and then.changes_on is None
        assert then.headline.source.startswith("Ready for a status check: filed")
    for days in (1, later):
        assert assess(facts, today + dt.timedelta(days=days), policy).level is Level.READY


@DEFAULT
@given(any_facts, dates, policies, requests)
def test_an_open_request_is_never_ready(
    facts: CaseFacts, today: dt.date, policy: Policy, request: DocumentRequestFacts
) -> None:
    open_request = dataclasses.replace(request, submitted_on=None)
    facts = dataclasses.replace(facts, document_requests=(*facts.document_requests, open_request))
    result = assess(facts, today, policy)
    assert result.level is not Level.READY
    if facts.stage in FILED_STAGES and not facts.archived:
        assert result.level in (Level.DOCS_DUE, Level.DOCS_OVERDUE)
        if result.deadline is not None:
            assert (result.level is Level.DOCS_OVERDUE) == (result.deadline < today)
            assert result.business_days_left is not None


@DEFAULT
@given(any_facts, dates, policies, st.sampled_from(sorted(CLOSED_STAGES)), st.booleans())
def test_a_closed_case_is_always_closed(
    facts: CaseFacts, today: dt.date, policy: Policy, stage: Stage, by_archive: bool
) -> None:
    closed = (
        dataclasses.replace(facts, archived=True)
        if by_archive
        else dataclasses.replace(facts, stage=stage)
    )
    result = assess(closed, today, policy)
    assert result.level is Level.CLOSED
    assert result.next_check is None and result.changes_on is None


@DEFAULT
@given(any_facts, dates, policies, st.integers(min_value=1, max_value=400))
def test_changes_on_is_honest(facts: CaseFacts, today: dt.date, policy: Policy, span: int) -> None:
    result = assess(facts, today, policy)
    change = result.changes_on
    if change is None:
        # Never changes: sample the future.
        for days in (1, span, 3 * span):
            assert assess(facts, today + dt.timedelta(days=days), policy).level is result.level
        return
    assert change > today
    last_same = change - ONE_DAY
    probes = {today + ONE_DAY, last_same, today + (change - today) // 2}
    probes.add(min(today + dt.timedelta(days=span), last_same))
    for day in probes:
        if today < day < change:
            assert assess(facts, day, policy).level is result.level, day
    then = assess(facts, change, policy).level
    if result.level is Level.WAITING:
        assert then is Level.READY
    elif result.level is Level.ISSUED:
        assert then is Level.COE_EXPIRING
    elif result.level is Level.DOCS_DUE and result.business_days_left is not None:
        if result.business_days_left <= policy.due_soon_business_days:
            assert then is Level.DOCS_OVERDUE  # the day after the deadline
        else:
            assert then is Level.DOCS_DUE  # entering the due-soon window
            left = assess(facts, change, policy).business_days_left
            assert left == policy.due_soon_business_days


@DEFAULT
@given(any_facts, dates, policies)
def test_explain_false_changes_only_the_reasons(
    facts: CaseFacts, today: dt.date, policy: Policy
) -> None:
    full = assess(facts, today, policy)
    quick = assess(facts, today, policy, explain=False)
    assert quick == dataclasses.replace(full, reasons=quick.reasons)
    assert full.reasons
    assert quick.reasons in ((), full.reasons)
    assert full == assess(facts, today, policy)  # deterministic


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(any_facts, dates), min_size=2, max_size=6))
def test_levels_sort_in_the_design_order(cases: list[tuple[CaseFacts, dt.date]]) -> None:
    design_order = [
        Level.DOCS_OVERDUE,
        Level.COE_EXPIRING,
        Level.RENEWAL_DUE,
        Level.DOCS_DUE,
        Level.READY,
        Level.MISSING_INFO,
        Level.WAITING,
        Level.ISSUED,
        Level.PREPARING,
        Level.CLOSED,
    ]
    assert sorted(Level, key=lambda level: level.value) == design_order
    assert sorted(Level) == design_order
    results = [assess(facts, today, Policy()) for facts, today in cases]
    ordered = sorted(results, key=lambda result: result.level)
    assert [r.level.value for r in ordered] == sorted(r.level.value for r in results)
    for a in results:
        for b in results:
            assert sum((a.level < b.level, a.level == b.level, a.level > b.level)) == 1


def test_next_check_is_an_open_day_for_every_date_of_a_year() -> None:
    """Whatever day the rules give (weekends, Golden Week, 12/29–1/3 included), the next check is
    the first day the bureau is open on or after it."""
    today = dt.date(2026, 4, 1)
    bench = Benchmark("特定技能1号", 100.0, "2025-11")
    policy = Policy(ready_factor=1.0)
    for offset in range(1, 366):
        given_day = today + dt.timedelta(days=offset)
        facts = CaseFacts(
            stage=Stage.FILED,
            filing_date=given_day - dt.timedelta(days=100),
            application_number="A-1",
            bureau_name="東京出入国在留管理局",
            benchmark=bench,
        )
        check = assess(facts, today, policy).next_check
        assert check is not None and check >= given_day
        assert is_business_day(check), check
        gap = (check - given_day).days
        assert all(not is_business_day(given_day + dt.timedelta(days=d)) for d in range(gap))
    golden_week = CaseFacts(
        stage=Stage.FILED,
        filing_date=dt.date(2026, 5, 3) - dt.timedelta(days=100),
        application_number="A-1",
        bureau_name="東京出入国在留管理局",
        benchmark=bench,
    )
    assert assess(golden_week, today, policy).next_check == dt.date(2026, 5, 7)
    year_end = dataclasses.replace(
        golden_week, filing_date=dt.date(2026, 12, 29) - dt.timedelta(100)
    )
    assert assess(year_end, today, policy).next_check == dt.date(2027, 1, 4)


PROPOSED = {
    "benchmark": "date",  # ready from
    "urgency": "date",  # a check is justified from
    "inquiry_cooldown": "date",  # no new inquiry before
    "submission_cooldown": "date",
    "renewal_window": "opens",  # an extension can be filed from
}
"""Reason rules whose date is a day the app proposes to act on, and the parameter holding it."""


def _proposed_dates(result: Assessment) -> list[dt.date]:
    days = [result.next_check] if result.next_check else []
    for reason in result.reasons:
        name = PROPOSED.get(reason.rule)
        if name is not None and isinstance(reason.text.params.get(name), dt.date):
            days.append(reason.text.params[name])  # type: ignore[arg-type]
    for text in (result.headline, result.action):
        for name in ("date", "opens"):
            if isinstance(text.params.get(name), dt.date):
                days.append(text.params[name])  # type: ignore[arg-type]
    return days


def test_every_date_the_rules_propose_is_an_open_day_over_a_year() -> None:
    """For every day of a year (Golden Week 2026 and 12/29–1/3 included) taken as the day a rule
    lands on — ready from, urgency, pause after an inquiry or a submission, sending an issued
    certificate, filing a renewal — the date the texts propose is the first open day on or after
    it (send-by: on or before it, never in the past)."""
    today = dt.date(2026, 4, 1)
    bench = Benchmark("特定技能1号", 100.0, "2025-11")
    policy = Policy(ready_factor=1.0, urgent_factor=0.5)
    base = CaseFacts(
        stage=Stage.FILED,
        application_number="A-1",
        bureau_name="東京出入国在留管理局",
        inquiry_policy=InquiryPolicy.SPECIFIC_MATTERS,
        benchmark=bench,
    )
    checked = 0
    for offset in range(0, 366):
        day = today + dt.timedelta(days=offset)
        long_ago = dt.date(2025, 1, 6)
        shapes = [
            dataclasses.replace(base, filing_date=day - dt.timedelta(days=100)),
            dataclasses.replace(
                base, filing_date=long_ago, planned_entry_date=day + dt.timedelta(days=45)
            ),
            dataclasses.replace(
                base,
                filing_date=long_ago,
                inquiries=(InquiryFacts(day - dt.timedelta(days=21), InquiryChannel.PHONE),),
            ),
            dataclasses.replace(
                base,
                filing_date=long_ago,
                document_requests=(
                    DocumentRequestFacts(None, None, None, day - dt.timedelta(days=14)),
                ),
            ),
            dataclasses.replace(
                base,
                stage=Stage.ISSUED,
                filing_date=long_ago,
                coe_issued_date=today - dt.timedelta(days=1),
                coe_delivery="paper",
                planned_entry_date=day if day < today + dt.timedelta(days=80) else None,
            ),
            dataclasses.replace(
                base,
                stage=Stage.ENTERED,
                filing_date=long_ago,
                card_expiry=day + dt.timedelta(days=92),
            ),
        ]
        for facts in shapes:
            for proposed in _proposed_dates(assess(facts, today, policy)):
                assert is_business_day(proposed), (facts, proposed)
                checked += 1
    assert checked > 6 * 300
    golden_week = dataclasses.replace(base, filing_date=dt.date(2026, 5, 3) - dt.timedelta(100))
    benchmark_reason = next(
        r for r in assess(golden_week, today, policy).reasons if r.rule == "benchmark"
    )
    assert benchmark_reason.text.params["date"] == dt.date(2026, 5, 7)

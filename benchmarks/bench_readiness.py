"""Time the readiness rules over 100,000 synthetic cases (DESIGN.md §11).

Builds varied :class:`~coetracker.domain.model.CaseFacts` (every stage, document requests open and
answered, inquiries by every channel, planned entry dates, bureaus with each inquiry policy,
published and missing benchmarks), then assesses them all and prints the wall-clock time and the
time per case. The holiday tables are filled first and timed on their own; each mode then
reports its first pass and the best of the following ones. Nothing is asserted: this prints figures.

Three modes are timed: :func:`assess` called in a loop (every reason built, the garbage collector
running), :func:`assess_many` (the same, collector paused) and ``assess_many(explain=False)`` (no
reasons: what a case list needs).

Run: ``.venv/bin/python -m benchmarks.bench_readiness [--cases N] [--repeat R]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import platform
import random
import time
from collections import Counter
from collections.abc import Callable

from coetracker.domain.model import (
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
from coetracker.domain.readiness import assess, assess_many
from coetracker.domain.workdays import business_days_between

TODAY = dt.date(2026, 4, 1)
BENCHMARKS = (
    Benchmark("技術・人文知識・国際業務", 63.2, "2025-11"),
    Benchmark("特定技能1号", 75.1, "2025-11"),
    Benchmark("経営・管理", 137.5, "2025-11"),
    Benchmark("家族滞在", 86.4, "2025-11"),
    Benchmark("日本人の配偶者等", 84.5, "2025-11"),
    Benchmark("留学", 37.7, "2025-07"),
)
STAGE_WEIGHTS = {
    Stage.PREPARING: 5,
    Stage.FILED: 50,
    Stage.DOCUMENTS_REQUESTED: 10,
    Stage.DOCUMENTS_SUBMITTED: 7,
    Stage.ISSUED: 5,
    Stage.SENT: 4,
    Stage.VISA_APPLIED: 3,
    Stage.ENTERED: 10,
    Stage.DENIED: 2,
    Stage.WITHDRAWN: 2,
    Stage.EXPIRED: 2,
}
POLICIES = (
    InquiryPolicy.SPECIFIC_MATTERS,
    InquiryPolicy.SPECIFIC_MATTERS,
    InquiryPolicy.COUNTER_ONLY,
    None,
)


def _day(rng: random.Random, back: int, forward: int = 0) -> dt.date:
    return TODAY + dt.timedelta(days=rng.randint(-back, forward))


def make_case(rng: random.Random) -> CaseFacts:
    """One plausible case; roughly the mix of an office's list."""
    stage = rng.choices(list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()))[0]
    filed = _day(rng, 200)
    requests: tuple[DocumentRequestFacts, ...] = ()
    if stage in (Stage.DOCUMENTS_REQUESTED, Stage.DOCUMENTS_SUBMITTED) or rng.random() < 0.1:
        notice = filed + dt.timedelta(days=rng.randint(10, 60))
        printed = notice + dt.timedelta(days=14) if rng.random() < 0.8 else None
        extended = notice + dt.timedelta(days=30) if rng.random() < 0.1 else None
        submitted = None
        if stage is not Stage.DOCUMENTS_REQUESTED and rng.random() < 0.7:
            submitted = notice + dt.timedelta(days=rng.randint(3, 20))
        requests = (DocumentRequestFacts(notice, printed, extended, submitted),)
    inquiries = tuple(
        InquiryFacts(
            _day(rng, 60),
            rng.choice((InquiryChannel.PHONE, InquiryChannel.ONLINE_SYSTEM, InquiryChannel.EMAIL)),
        )
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2, 3)))
    )
    issued = _day(rng, 120) if rng.random() < 0.95 else None
    return CaseFacts(
        stage=stage,
        archived=rng.random() < 0.02,
        channel=rng.choice((FilingChannel.COUNTER, FilingChannel.COUNTER, FilingChannel.ONLINE)),
        filing_date=filed if rng.random() < 0.98 else None,
        application_number=f"阪永認T{rng.randint(10, 99)}-{rng.randint(1, 999)}"
        if rng.random() < 0.97
        else None,
        applicant_name_present=rng.random() < 0.99,
        bureau_name=rng.choice(("東京出入国在留管理局", "大阪出入国在留管理局", "横浜支局")),
        inquiry_policy=rng.choice(POLICIES)
        if rng.random() < 0.95
        else InquiryPolicy.NO_PROGRESS_INQUIRIES,
        status_name="技術・人文知識・国際業務",
        benchmark=rng.choice(BENCHMARKS) if rng.random() < 0.9 else None,
        planned_entry_date=_day(rng, 10, 150) if rng.random() < 0.5 else None,
        document_requests=requests,
        inquiries=inquiries,
        coe_issued_date=issued,
    )


def _time(run: Callable[[], list[Assessment]], repeat: int) -> tuple[float, float]:
    """(first pass, best pass) in seconds; each pass starts with the previous results freed."""
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        results = run()
        timings.append(time.perf_counter() - start)
        del results
    return timings[0], min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rng = random.Random(20260401)
    cases = [make_case(rng) for _ in range(args.cases)]
    policy = Policy()
    n = len(cases)
    print(f"cases: {n:,}  (today {TODAY}, default policy, Python {platform.python_version()})")

    start = time.perf_counter()
    business_days_between(dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    print(f"holiday tables 2025-2027 (once a process): {time.perf_counter() - start:.3f} s")

    modes: list[tuple[str, Callable[[], list[Assessment]]]] = [
        ("assess() in a loop, with reasons", lambda: [assess(c, TODAY, policy) for c in cases]),
        ("assess_many(), with reasons", lambda: assess_many(cases, TODAY, policy)),
        (
            "assess_many(explain=False) (list mode)",
            lambda: assess_many(cases, TODAY, policy, explain=False),
        ),
    ]
    for label, run in modes:
        first, best = _time(run, args.repeat)
        print(
            f"{label:<40} first {first:.3f} s; best of {args.repeat} {best:.3f} s"
            f" = {best / n * 1e6:.2f} µs a case"
        )

    full = assess_many(cases, TODAY, policy)
    levels = Counter(result.level for result in full)
    reasons = sum(len(result.reasons) for result in full)
    changing = sum(result.changes_on is not None for result in full)
    print("levels: " + ", ".join(f"{level.name} {levels[level]:,}" for level in Level))
    print(f"reasons per case: {reasons / n:.1f}; with a changes_on date: {changing:,}")


if __name__ == "__main__":
    main()

"""Rule 7, the processing time: the benchmark reason with its numbers (the status's figure,
the procedure's average across statuses, or the value in Settings) and the stale-figure
warning.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from coetracker.domain.labels import procedure_name
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import (
    Benchmark,
    CaseFacts,
    Policy,
    Reason,
)
from coetracker.domain.periods import months_between, period_end_month, period_label
from coetracker.domain.readiness.build import (
    _COE_PROCEDURE,
    CONTEXT,
    _fromordinal,
    _whole_if_integral,
    new_reason,
)

STALE_AFTER_MONTHS: Final = 4


def stale_figures(benchmark: Benchmark, today: dt.date) -> Reason | None:
    """A reason when the newest published month for the status is more than four months old."""
    newest = benchmark.newest_period or benchmark.period
    month = period_end_month(newest)
    if month is None or months_between(month, today) <= STALE_AFTER_MONTHS:
        return None
    return new_reason(
        "benchmark_stale",
        False,
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "The newest processing time for {status} is for {period}, more than {months} months ago: add the newer months in Settings (the date above may be too early or too late)",  # noqa: E501
            ),
            status=benchmark.status_name,
            period=period_label(newest),
            months=STALE_AFTER_MONTHS,
        ),
    )


def benchmark_reason(
    facts: CaseFacts, policy: Policy, filed: dt.date, elapsed: int, threshold: int, ready_from: int
) -> Message:
    """The benchmark rule with its numbers: filed, elapsed, average × factor → ready from."""
    benchmark = facts.benchmark
    if benchmark is not None and benchmark.statuses:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; no published figure for {status} ({procedure}): the average across {count} statuses is {average} days ({period}) × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            status=facts.status_name or "",
            procedure=procedure_name(benchmark.procedure),
            count=benchmark.statuses,
            average=round(benchmark.days, 1),
            period=period_label(benchmark.period),
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    if benchmark is not None and benchmark.procedure is not _COE_PROCEDURE:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; average for {status} ({procedure}) is {average} days ({period}) × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            status=benchmark.status_name,
            procedure=procedure_name(benchmark.procedure),
            average=benchmark.days,
            period=period_label(benchmark.period),
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    if benchmark is not None:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; average for {status} is {average} days ({period}) × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            status=benchmark.status_name,
            average=benchmark.days,
            period=period_label(benchmark.period),
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    average = _whole_if_integral(policy.fallback_benchmark_days)
    if facts.procedure is not _COE_PROCEDURE:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; no published figure for {procedure}, using the value in Settings, {average} days × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            procedure=procedure_name(facts.procedure),
            average=average,
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    if facts.status_name:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; no published figure for {status}, using {average} days × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            status=facts.status_name,
            average=average,
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    return message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "Filed {filed}, {elapsed} days ago; no status of residence recorded, no published figure, using {average} days × {factor} = {threshold} days → ready from {date}",  # noqa: E501
        ),
        filed=filed,
        elapsed=elapsed,
        average=average,
        factor=policy.ready_factor,
        threshold=threshold,
        date=_fromordinal(ready_from),
    )

"""The processing times the rules use, read once per list: for each procedure and status of
residence the largest of the three latest published months, and for an extension or a change of
status with no figure of its own the average across the statuses that have one.

ISA publishes national averages per status and per procedure (在留資格認定 / 在留期間更新 /
在留資格変更). A COE case uses its status's COE figure (or the policy's fallback); an extension or
a change uses its own procedure's figure for the status, else that procedure's average across
statuses, else the value in Settings — and its reasons say which.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from coetracker.domain.model import Benchmark
from coetracker.domain.periods import period_start
from coetracker.domain.procedures import Procedure, parse_procedure
from coetracker.storage.dbapi import fetch, raw_connection

__all__ = ["BENCHMARK_MONTHS", "BenchmarkTable", "benchmark_table"]

BENCHMARK_MONTHS = 3
"""The rule uses the largest of this many latest months (seasons differ; stay conservative)."""


@dataclass(frozen=True, slots=True)
class BenchmarkTable:
    """Benchmarks by procedure and status id, and each procedure's average across statuses."""

    by_status: dict[Procedure, dict[int, Benchmark]] = field(default_factory=dict)
    across: dict[Procedure, Benchmark] = field(default_factory=dict)

    def pick(self, status_id: int | None, procedure: Procedure) -> Benchmark | None:
        """The figure for a case of ``procedure`` with status ``status_id`` (see the module)."""
        own = self.by_status.get(procedure)
        if status_id is not None and own is not None:
            found = own.get(status_id)
            if found is not None:
                return found
        if procedure is Procedure.COE:
            return None
        return self.across.get(procedure)


BENCHMARKS_SQL = (
    "SELECT pb.procedure, pb.residence_status_id, rs.name_ja, pb.average_days, pb.period"
    " FROM processing_benchmark AS pb"
    " JOIN residence_status AS rs ON rs.id = pb.residence_status_id"
    " ORDER BY pb.period_start DESC, pb.id DESC"
)


def benchmark_table(source: Any) -> BenchmarkTable:
    """Read every published figure and keep, per (procedure, status), the largest of the
    ``BENCHMARK_MONTHS`` latest months with the newest month published (``source``: a session
    or a DB-API connection)."""
    rows = fetch(raw_connection(source), BENCHMARKS_SQL)
    procedures: dict[str, Procedure | None] = {}
    recent: dict[tuple[Procedure, int], list[tuple[str, float, str]]] = defaultdict(list)
    for procedure_text, status_id, name, days, period in rows:
        if procedure_text not in procedures:
            procedures[procedure_text] = parse_procedure(procedure_text)
        procedure = procedures[procedure_text]
        if procedure is None:  # a procedure the rules do not know (e.g. 永住許可)
            continue
        figures = recent[(procedure, status_id)]
        if len(figures) < BENCHMARK_MONTHS:
            figures.append((name, float(days), period))
    by_status: dict[Procedure, dict[int, Benchmark]] = defaultdict(dict)
    for (procedure, status_id), figures in recent.items():
        newest = figures[0][2]
        name, days, period = max(figures, key=_days)  # the first (newest) of equal figures
        by_status[procedure][status_id] = Benchmark(
            name, days, period, newest_period=newest, procedure=procedure
        )
    across: dict[Procedure, Benchmark] = {}
    for procedure, table in by_status.items():
        if procedure is Procedure.COE or not table:
            continue
        figures_of = list(table.values())
        newest = max(figures_of, key=_newest_month).newest_period
        average = sum(b.days for b in figures_of) / len(figures_of)
        across[procedure] = Benchmark(
            "",
            round(average, 1),
            newest,
            newest_period=newest,
            procedure=procedure,
            statuses=len(figures_of),
        )
    return BenchmarkTable(dict(by_status), across)


def _days(figure: tuple[str, float, str]) -> float:
    return figure[1]


def _newest_month(benchmark: Benchmark) -> dt.date:
    return period_start(benchmark.newest_period) or dt.date.min

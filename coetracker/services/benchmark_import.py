"""Processing times from a CSV the user saved from ISA's 在留審査処理期間 page.

Columns: 在留資格, 申請種別 (optional, default 在留資格認定), 対象月 (2025-11 or 2025年11月),
平均処理日数. Every row is checked before anything is written; the first bad row is reported by
row number and column, and nothing is written. A month already stored for the status and
procedure is replaced.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.periods import parse_period, period_start
from coetracker.services.audit import record_changes, record_create
from coetracker.storage.engine import Database
from coetracker.storage.models import ProcessingBenchmark, ResidenceStatus

__all__ = ["BenchmarkImportError", "BenchmarkLine", "import_benchmarks", "read_benchmark_csv"]

CONTEXT = "BenchmarkImport"
STATUS, PROCEDURE, MONTH, DAYS = "在留資格", "申請種別", "対象月", "平均処理日数"
DEFAULT_PROCEDURE = "在留資格認定"
SOURCE = "出入国在留管理庁「在留審査処理期間」全国平均（CSV取込）"


class BenchmarkImportError(Exception):
    """A bad file or row: ``text`` names the row and column; nothing was written."""

    def __init__(self, text: Message) -> None:
        super().__init__(text.source)
        self.text = text


@dataclass(frozen=True, slots=True)
class BenchmarkLine:
    """One checked row of the file."""

    row: int
    status: str
    procedure: str
    period: str
    days: float


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BenchmarkImportError(
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP("BenchmarkImport", "The file is neither UTF-8 nor Shift_JIS text."),
        )
    )


def _bad(row: int, column: str, problem: Message) -> BenchmarkImportError:
    return BenchmarkImportError(
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP("BenchmarkImport", "Row {row}, column {column}: {problem}"),
            row=row,
            column=column,
            problem=problem,
        )
    )


def read_benchmark_csv(path: Path) -> list[BenchmarkLine]:
    """The checked rows of the file; :class:`BenchmarkImportError` for the first problem."""
    reader = csv.DictReader(io.StringIO(_decode(path.read_bytes())))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in (STATUS, MONTH, DAYS) if name not in header]
    if missing:
        raise BenchmarkImportError(
            message(
                CONTEXT,
                QT_TRANSLATE_NOOP("BenchmarkImport", "Columns missing from the header: {columns}"),
                columns="、".join(missing),
            )
        )
    lines: list[BenchmarkLine] = []
    for number, raw in enumerate(reader, start=2):
        record = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        if not any(record.values()):
            continue
        status = record.get(STATUS, "")
        if not status:
            raise _bad(
                number, STATUS, message(CONTEXT, QT_TRANSLATE_NOOP("BenchmarkImport", "empty"))
            )
        period = parse_period(record.get(MONTH, ""))
        if period is None:
            raise _bad(
                number,
                MONTH,
                message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "BenchmarkImport", "write the month as 2025-11 or 2025年11月"
                    ),
                ),
            )
        try:
            days = float(record.get(DAYS, "").replace(",", ""))
        except ValueError:
            days = -1.0
        if not 0 < days < 1000:
            raise _bad(
                number,
                DAYS,
                message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP("BenchmarkImport", "not a positive number of days"),
                ),
            )
        procedure = record.get(PROCEDURE, "") or DEFAULT_PROCEDURE
        lines.append(BenchmarkLine(number, status, procedure, period, days))
    return lines


def import_benchmarks(
    db: Database, lines: list[BenchmarkLine], *, actor: str | None
) -> tuple[int, int]:
    """Write the rows in one transaction; return (added, replaced). An unknown status of
    residence is a :class:`BenchmarkImportError` and nothing is written."""
    with db.write_session() as session:
        found = session.execute(select(ResidenceStatus.name_ja, ResidenceStatus.id)).all()
        ids: dict[str, int] = {name: status_id for name, status_id in found}
        for line in lines:
            if line.status not in ids:
                raise _bad(
                    line.row,
                    STATUS,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "BenchmarkImport", "“{status}” is not a status of residence in the list"
                        ),
                        status=line.status,
                    ),
                )
        added = replaced = 0
        for line in lines:
            status_id = ids[line.status]
            existing = session.scalar(
                select(ProcessingBenchmark).where(
                    ProcessingBenchmark.residence_status_id == status_id,
                    ProcessingBenchmark.procedure == line.procedure,
                    ProcessingBenchmark.period == line.period,
                )
            )
            if existing is not None:
                before = {"average_days": existing.average_days, "source": existing.source}
                existing.average_days = line.days
                existing.source = SOURCE
                record_changes(
                    session,
                    actor=actor,
                    entity="processing_benchmark",
                    entity_id=existing.id,
                    case_id=None,
                    before=before,
                    after={"average_days": line.days, "source": SOURCE},
                )
                replaced += 1
                continue
            row = ProcessingBenchmark(
                residence_status_id=status_id,
                procedure=line.procedure,
                period=line.period,
                period_start=period_start(line.period) or dt.date(2000, 1, 1),
                average_days=line.days,
                source=SOURCE,
            )
            session.add(row)
            session.flush()
            record_create(
                session, actor=actor, entity="processing_benchmark", entity_id=row.id, case_id=None
            )
            added += 1
        return added, replaced

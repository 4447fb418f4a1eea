"""Time the CSV export of 100,000 cases against the sqlite3 shell (DESIGN.md §11).

Builds a synthetic database (by default 100,000 cases with their clients, applicants, about two
inquiries and half a document request each) with SQLAlchemy Core ``executemany`` inserts, then
times ``export_cases`` — what ``coetracker export FILE --all`` does — with the assessment store
empty, filled the day before (the cases whose assessment can have changed are re-assessed) and
filled today, and the export of the rows the window holds; each run is followed by a run of
``sqlite3 -csv`` writing the same rows and the same columns with an equivalent join (last
inquiry, the open document request with the nearest deadline, else the latest, residence card,
books, 代理人), so that a busy machine slows both alike: the 43 columns of the export but the
three that need the readiness rules (状況, 次回確認日, 理由), which the shell cannot make.

Figures are medians of ``--repeat`` runs of the wall-clock time (what the user waits for, the
target's) and of the CPU seconds (this process's for ours, all its threads; the child's user+sys
for the shell), each beside the shell's. Then one export is taken apart step by step (the
look-ups, the lines with the reading thread's share, encoding, writing).
``--baseline DIR`` also times the export of an earlier source tree (``git archive REV``) on the
same database, each run in a process of its own beside one of this tree.

The target is export within 2× of the shell's wall-clock time. Nothing is asserted: this
prints figures.

Run: ``.venv/bin/python -m benchmarks.bench_csv [--cases N] [--repeat R] [--keep DIR]
[--baseline DIR]`` (install the shell with ``apt-get install -y sqlite3`` if it is missing).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from coetracker.domain.jurisdiction import FAMILY_STATUS_CODES
from coetracker.domain.messages import no_translation
from coetracker.domain.model import FilingChannel, Stage
from coetracker.io.csv_codec import HeaderStyle
from coetracker.pacing import collector_paused
from coetracker.services.assessment_store import refresh_assessment_store
from coetracker.services.caselist import list_cases, sort_by_urgency
from coetracker.services.csv_export import export_cases
from coetracker.services.records import CaseRow
from coetracker.storage.engine import Database, open_database
from coetracker.storage.models import (
    Applicant,
    Bureau,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    ResidenceStatus,
)

TODAY = dt.date(2026, 11, 27)
NATIONALITIES = ("VN", "CN", "PH", "NP", "ID", "MM", "LK", "BD", "KR", "US", "IN", "TH")
FAMILY = ("NGUYEN", "TRAN", "LE", "WANG", "LI", "ZHANG", "SANTOS", "GURUNG", "TAMANG", "KIM")
GIVEN = ("VAN AN", "THI HOA", "XIAOMING", "NA", "MARIA", "RAM", "SITA", "MIN JUN", "ANH", "LAN")
KANJI = ("王小明", "李娜", "張偉", "金敏俊", None, None, None)
KANA = ("グエン・ヴァン・アン", "チャン・ティ・ホア", "ワン・シャオミン", "リー・ナー", "サントス")
STAGES = (
    [Stage.FILED] * 50
    + [Stage.DOCUMENTS_REQUESTED] * 10
    + [Stage.DOCUMENTS_SUBMITTED] * 7
    + [Stage.ISSUED] * 5
    + [Stage.SENT] * 4
    + [Stage.ENTERED] * 10
    + [Stage.PREPARING] * 5
    + [Stage.DENIED, Stage.WITHDRAWN, Stage.EXPIRED, Stage.VISA_APPLIED] * 2
)

_FAMILY = ", ".join(f"'{code}'" for code in sorted(FAMILY_STATUS_CODES))

SHELL_QUERY = f"""
WITH inq AS (
  SELECT case_id, max(made_at) AS last_inquiry FROM inquiry GROUP BY case_id
), req AS (
  SELECT case_id, coalesce(extended_deadline, deadline) AS deadline, submitted_on,
         CASE WHEN extended_deadline IS NOT NULL THEN deadline END AS original,
         row_number() OVER (
           PARTITION BY case_id
           ORDER BY submitted_on IS NOT NULL,
                    CASE WHEN submitted_on IS NULL
                         THEN coalesce(extended_deadline, deadline, '9999-12-31') END,
                    notice_date DESC, id
         ) AS n
  FROM document_request
), fee AS (
  SELECT case_id, sum(amount) AS fee FROM fee_line WHERE kind = 'fee' GROUP BY case_id
), paid AS (
  SELECT case_id, max(paid_on) AS paid_on, sum(amount) AS paid FROM payment GROUP BY case_id
)
SELECT c.reference AS 受託番号, o.name AS 所属機関, a.family_name AS "申請人(姓)",
       a.given_name AS "申請人(名)", a.name_kanji AS "申請人(漢字)", a.name_kana AS "申請人(カナ)",
       a.nationality_code AS 国籍・地域, a.birth_date AS 生年月日, s.name_ja AS 在留資格,
       b.name_ja AS 申請先, c.channel AS 申請方法, c.filing_date AS 申請日,
       c.application_number AS 申請番号, c.planned_entry_date AS 入国予定日, c.stage AS 進捗,
       c.coe_issued_date AS 交付日, c.entry_date AS 入国日,
       substr(inq.last_inquiry, 1, 10) AS 最終問合せ日, r.deadline AS 資料提出期限,
       r.submitted_on AS 資料提出日, r.original AS 延長前の提出期限, c.notes AS 備考,
       CASE WHEN c.archived THEN '○' ELSE '' END AS アーカイブ,
       date(c.coe_issued_date, '+3 months') AS 有効期限,
       CAST(round(julianday('now') - julianday(c.filing_date)) AS INTEGER) AS 経過日数,
       c.procedure AS 申請種別, rc.period_months AS 在留期間, rc.expiry_date AS 在留期限,
       c.department_phone AS 電話番号, le.accepted_on AS 受託日, fee.fee AS 報酬額,
       CASE WHEN c.agent_name <> '' AND s.code IN ({_FAMILY})
            THEN ifnull(c.agent_prefecture, '') || ifnull(c.agent_address, '')
            ELSE trim(ifnull('〒' || o.postal_code || ' ', '') || ifnull(o.prefecture || ' ', '')
                      || ifnull(o.address, ''))
       END AS 依頼者住所,
       paid.paid_on AS 入金日, paid.paid AS 入金額,
       c.agent_name AS 代理人氏名, c.agent_relationship AS 代理人続柄,
       c.agent_prefecture AS 代理人都道府県, c.agent_address AS 代理人住所,
       c.coe_delivery AS 証明書の受領方法, c.coe_receipt_registered_on AS 受領登録日
FROM "case" c
LEFT JOIN organization o ON o.id = c.organization_id
JOIN applicant a ON a.id = c.applicant_id
LEFT JOIN residence_status s ON s.id = c.residence_status_id
LEFT JOIN bureau b ON b.id = c.bureau_id
LEFT JOIN residence_card rc ON rc.applicant_id = c.applicant_id
LEFT JOIN ledger_entry le ON le.case_id = c.id
LEFT JOIN inq ON inq.case_id = c.id
LEFT JOIN req r ON r.case_id = c.id AND r.n = 1
LEFT JOIN fee ON fee.case_id = c.id
LEFT JOIN paid ON paid.case_id = c.id;
"""


def _chunks(rows: list[dict[str, Any]], size: int = 20_000) -> list[list[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def build_database(db: Database, cases: int, seed: int = 1127) -> dict[str, int]:
    """Fill an empty database with ``cases`` synthetic cases; return the row counts."""
    rng = random.Random(seed)
    with db.read_session() as session:
        status_ids = list(session.scalars(select(ResidenceStatus.id)))
        bureau_ids = list(session.scalars(select(Bureau.id)))
    organizations = [
        {"name": f"株式会社サンプル{i:04d}", "name_kana": f"サンプル{i:04d}", "category": 1 + i % 4}
        for i in range(max(1, cases // 500))
    ]
    applicants: list[dict[str, Any]] = []
    case_rows: list[dict[str, Any]] = []
    inquiries: list[dict[str, Any]] = []
    requests: list[dict[str, Any]] = []
    for i in range(1, cases + 1):
        stage = rng.choice(STAGES)
        filed = None if stage == Stage.PREPARING else TODAY - dt.timedelta(rng.randint(5, 400))
        issued = (
            filed + dt.timedelta(rng.randint(30, 90))
            if filed and stage in (Stage.ISSUED, Stage.SENT, Stage.VISA_APPLIED, Stage.ENTERED)
            else None
        )
        applicants.append(
            {
                "family_name": rng.choice(FAMILY),
                "given_name": rng.choice(GIVEN),
                "name_kanji": rng.choice(KANJI),
                "name_kana": rng.choice(KANA),
                "nationality_code": rng.choice(NATIONALITIES),
                "birth_date": dt.date(1975, 1, 1) + dt.timedelta(rng.randint(0, 10_000)),
                "passport_number": f"P{i:08d}",
            }
        )
        case_rows.append(
            {
                "reference": f"{i:07d}",
                "organization_id": 1 + rng.randrange(len(organizations)),
                "applicant_id": i,
                "residence_status_id": rng.choice(status_ids),
                "bureau_id": rng.choice(bureau_ids),
                "channel": rng.choice(list(FilingChannel)).value,
                "filing_date": filed,
                "application_number": f"東就認T{i:07d}" if filed and rng.random() < 0.95 else None,
                "planned_entry_date": TODAY + dt.timedelta(rng.randint(-30, 120))
                if rng.random() < 0.3
                else None,
                "stage": stage.value,
                "coe_issued_date": issued,
                "entry_date": issued + dt.timedelta(40)
                if issued and stage == Stage.ENTERED
                else None,
                "notes": "担当者へ確認済み。\n次回は電話で" if rng.random() < 0.2 else None,
                "archived": False,
            }
        )
        if filed is not None:
            for _ in range(rng.choice((0, 1, 2, 2, 3))):
                when = filed + dt.timedelta(rng.randint(1, max(1, (TODAY - filed).days)))
                inquiries.append(
                    {
                        "case_id": i,
                        "made_at": dt.datetime.combine(when, dt.time(10, 30)),
                        "channel": rng.choice(("phone", "phone", "online_system", "counter")),
                        "imported": False,
                    }
                )
            if (
                stage in (Stage.DOCUMENTS_REQUESTED, Stage.DOCUMENTS_SUBMITTED)
                or rng.random() < 0.1
            ):
                notice = filed + dt.timedelta(rng.randint(10, 40))
                submitted = None if stage == Stage.DOCUMENTS_REQUESTED else notice + dt.timedelta(9)
                requests.append(
                    {
                        "case_id": i,
                        "notice_date": notice,
                        "deadline": notice + dt.timedelta(14),
                        "submitted_on": submitted,
                        "imported": False,
                    }
                )
    with db.write_session() as session:
        for table, rows in (
            (Organization, organizations),
            (Applicant, applicants),
            (Case, case_rows),
            (Inquiry, inquiries),
            (DocumentRequest, requests),
        ):
            for chunk in _chunks(rows):
                session.execute(insert(table), chunk)
    with db.read_session() as session:
        return {
            "cases": session.scalar(select(func.count()).select_from(Case)) or 0,
            "inquiries": session.scalar(select(func.count()).select_from(Inquiry)) or 0,
            "document requests": session.scalar(select(func.count()).select_from(DocumentRequest))
            or 0,
        }


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.3f}" for v in values)


def time_export(
    db: Database, out: Path, rows: list[CaseRow] | None = None
) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, rows) of one ``export_cases``."""
    cpu, wall = time.process_time(), time.perf_counter()
    count = export_cases(db, out, today=TODAY, rows=rows)
    return time.process_time() - cpu, time.perf_counter() - wall, count


def time_phases(db: Database, out: Path) -> tuple[dict[str, float], int]:
    """One export of every case taken apart (CPU seconds per step, as ``export_cases`` runs
    them on a SQLite file; the lines' step on both threads, with the reading thread's share
    apart and the step's wall-clock time), and how many cases the store could not give."""
    from coetracker.fsutil import atomic_write_blocks
    from coetracker.io.csv_codec import EXPORT_COLUMNS
    from coetracker.io.csv_encode import utf8_blocks_with_bom
    from coetracker.services import export_lines
    from coetracker.services.export_cells import CellFormatter
    from coetracker.storage.dbapi import raw_connection

    phases: dict[str, float] = {}
    clock = time.process_time()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        phases[name] = now - clock
        clock = now

    assessed: list[int] = []
    reading: list[float] = []
    style = HeaderStyle.JA
    with collector_paused(), db.read_session() as session:
        connection = raw_connection(session)
        formatter = CellFormatter(session, style, no_translation)
        lap("look-ups (statuses, cards, books, 代理人)")
        wall = time.perf_counter()
        lines = export_lines.whole_export_lines(
            connection,
            formatter,
            today=TODAY,
            include_closed=True,
            style=style,
            assessed=assessed,
            reading_cpu=reading,
        )
        wall = time.perf_counter() - wall
        assert lines is not None
        lap(f"lines, both threads (wall {wall:.3f} s): NUL check, parts, store, lines, sort")
        phases["  of which the reading thread (SQLite making the parts)"] = reading[0]
        lines.insert(0, ",".join(c.header_ja for c in EXPORT_COLUMNS))
        data = utf8_blocks_with_bom(lines)
        assert data is not None
        lap("join and encode, in blocks of lines")
        atomic_write_blocks(out, data)
        lap("write")
    return phases, len(assessed)


_CHILD = """
import datetime as dt, sys, time
from pathlib import Path
from coetracker.storage.engine import open_database
from coetracker.services.csv_export import export_cases
db, _report = open_database("sqlite:///" + sys.argv[1])
cpu, wall = time.process_time(), time.perf_counter()
export_cases(db, Path(sys.argv[2]), today=dt.date.fromisoformat(sys.argv[3]))
print(time.process_time() - cpu, time.perf_counter() - wall)
"""


def time_child(source: Path, db_path: Path, out: Path) -> tuple[float, float]:
    """(CPU, wall) of one ``export_cases`` of every case by the source tree ``source``, in a
    process of its own (the import is not timed)."""
    env = dict(os.environ, PYTHONPATH=str(source))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(db_path), str(out), TODAY.isoformat()],
        env=env,
        cwd=source,
        capture_output=True,
        text=True,
        check=True,
    )
    cpu, wall = done.stdout.split()[-2:]
    return float(cpu), float(wall)


def time_shell(shell: str, db_path: Path, out: Path) -> tuple[float, float, int]:
    """(CPU, wall, rows) of the sqlite3 shell writing the same columns."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with out.open("wb") as handle:
        subprocess.run(
            [shell, "-readonly", "-csv", "-header", str(db_path), SHELL_QUERY],
            stdout=handle,
            check=True,
        )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = sum(1 for _ in csv.reader(handle)) - 1  # less the header
    return cpu, elapsed, rows


def _line(
    label: str, cpu: list[float], wall: list[float], shell: tuple[float, float] | None
) -> None:
    """A scenario's medians beside the shell's (CPU, wall): the wall-clock ratio is what the
    user waits for, the target's; the CPU ratio is the work done (the export reads on a second
    thread while it writes lines on the first, the shell on one)."""
    ratio = ""
    if shell:
        waited, work = _median(wall) / shell[1], _median(cpu) / shell[0]
        verdict = "within" if waited <= 2 else "NOT within"
        ratio = f"  wall {waited:.2f}x the shell ({verdict} 2x), CPU {work:.2f}x"
    print(
        f"{label}: wall median {_median(wall):.3f} s (runs {_runs(wall)}), "
        f"CPU median {_median(cpu):.3f} s (runs {_runs(cpu)}){ratio}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a source tree of an earlier revision (git archive) whose export is timed too",
    )
    args = parser.parse_args()
    shell = shutil.which("sqlite3")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-csv-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "bench.sqlite3"
    fresh = not db_path.exists()
    db, _report = open_database(f"sqlite:///{db_path}")
    try:
        if fresh:
            start = time.perf_counter()
            counts = build_database(db, args.cases)
            print(f"built {counts} in {time.perf_counter() - start:.1f} s")

        def checkpoint() -> None:
            """Fold the write-ahead log into the file: the shell reads one file, and a store
            just written whole (100,000 rows, which a day's refresh of a few hundred never
            does) does not leave a log that every read of the next scenario consults."""
            with db.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.commit()

        with db.engine.connect() as connection:
            connection.exec_driver_sql("DELETE FROM assessment_store")
            connection.commit()
        checkpoint()
        if shell is None:
            print("sqlite3 shell not found (apt-get install -y sqlite3): timing export only")
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
        print("CPU: this process's time for ours, the child's user+sys for the shell; medians")
        shells: tuple[list[float], list[float]] = ([], [])
        lines = 0

        def shell_once() -> None:
            nonlocal lines
            if shell is not None:
                cpu, wall, lines = time_shell(shell, db_path, folder / "shell.csv")
                shells[0].append(cpu)
                shells[1].append(wall)

        # Each export interleaved with a shell run, so that a busy machine slows both alike.
        scenarios: list[tuple[str, list[float], list[float]]] = []

        def scenario(label: str, rows: list[CaseRow] | None = None) -> None:
            cpus: list[float] = []
            walls: list[float] = []
            for _ in range(args.repeat):
                cpu, wall, _count = time_export(db, folder / "export.csv", rows)
                cpus.append(cpu)
                walls.append(wall)
                shell_once()
            scenarios.append((label, cpus, walls))

        scenario("every case, store empty (every case assessed)")
        refresh_assessment_store(db, today=TODAY - dt.timedelta(days=1))
        checkpoint()
        with db.read_session() as session:
            from coetracker.services.caselist import stale_case_ids
            from coetracker.storage.dbapi import raw_connection

            stale = len(stale_case_ids(raw_connection(session), today=TODAY))
        scenario(f"every case, store filled yesterday ({stale} to re-assess)")
        stored = refresh_assessment_store(db, today=TODAY)
        checkpoint()
        scenario(f"every case, store filled today (after {stored} re-assessed)")
        listed = sort_by_urgency(list_cases(db, today=TODAY))
        scenario("rows given (the window's loaded list)", listed)
        if args.baseline is not None:
            ours: tuple[list[float], list[float]] = ([], [])
            theirs: tuple[list[float], list[float]] = ([], [])
            for _ in range(args.repeat):
                for source, into in ((Path.cwd(), ours), (args.baseline, theirs)):
                    cpu, wall = time_child(source, db_path, folder / "child.csv")
                    into[0].append(cpu)
                    into[1].append(wall)
                shell_once()
            scenarios.append(("every case, store filled today, this tree", *ours))
            scenarios.append((f"every case, store filled today, {args.baseline}", *theirs))
        floor = (_median(shells[0]), _median(shells[1])) if shells[0] else None
        for label, cpus, walls in scenarios:
            _line(label, cpus, walls, floor)
        if shell is not None:
            print(
                f"sqlite3 -csv: {lines} rows, CPU median {_median(shells[0]):.3f} s "
                f"(runs {_runs(shells[0])}), wall median {_median(shells[1]):.3f} s"
            )
        for label, day in (("filled today", TODAY), ("filled yesterday", None)):
            if day is None:
                refresh_assessment_store(db, today=TODAY - dt.timedelta(days=1))
                with db.engine.connect() as connection:
                    connection.exec_driver_sql("DELETE FROM assessment_store WHERE case_id % 7 = 0")
                    connection.commit()
                checkpoint()
                label = "filled yesterday, a seventh of it gone"
            phases, assessed = time_phases(db, folder / "phases.csv")
            total = sum(seconds for name, seconds in phases.items() if not name.startswith(" "))
            print(f"one export of every case taken apart, store {label} ({assessed} assessed), "
                  f"CPU {total:.3f} s:")  # fmt: skip
            for name, seconds in phases.items():
                print(f"  {name:<55} {seconds:6.3f} s  {seconds / total:5.1%}")
    finally:
        db.dispose()
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

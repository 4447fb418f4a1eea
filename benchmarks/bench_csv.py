"""Time the CSV export of 100,000 cases against the sqlite3 shell (DESIGN.md §11).

Builds a synthetic database (by default 100,000 cases with their clients, applicants, about two
inquiries and half a document request each) with SQLAlchemy Core ``executemany`` inserts, then
times, best of ``--repeat`` runs each:

* ``export_cases``: what ``coetracker export FILE --all`` does — the case list query, the
  readiness assessment of every case, the extra columns, guarding, the encoding check and the
  atomic write of a UTF-8-with-BOM file;
* ``sqlite3 -csv``: the sqlite3 command-line shell exporting the same rows and the same 21 case
  columns with an equivalent join (last inquiry, the open document request with the nearest
  deadline, else the latest), written to a file. The shell has no readiness rules, so the five
  computed columns are not in its output.

The target is export within 2× of the shell. Nothing is asserted: this prints figures.

Run: ``.venv/bin/python -m benchmarks.bench_csv [--cases N] [--repeat R] [--keep DIR]``
(install the shell with ``apt-get install -y sqlite3`` if it is missing).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from coetracker.domain.model import FilingChannel, Stage
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

SHELL_QUERY = """
WITH inq AS (
  SELECT case_id, max(made_at) AS last_inquiry FROM inquiry GROUP BY case_id
), req AS (
  SELECT case_id, coalesce(extended_deadline, deadline) AS deadline, submitted_on,
         row_number() OVER (
           PARTITION BY case_id
           ORDER BY submitted_on IS NOT NULL,
                    CASE WHEN submitted_on IS NULL
                         THEN coalesce(extended_deadline, deadline, '9999-12-31') END,
                    notice_date DESC, id
         ) AS n
  FROM document_request
)
SELECT c.reference AS 受託番号, o.name AS 所属機関, a.family_name AS "申請人(姓)",
       a.given_name AS "申請人(名)", a.name_kanji AS "申請人(漢字)", a.name_kana AS "申請人(カナ)",
       a.nationality_code AS 国籍・地域, a.birth_date AS 生年月日, s.name_ja AS 在留資格,
       b.name_ja AS 申請先, c.channel AS 申請方法, c.filing_date AS 申請日,
       c.application_number AS 申請番号, c.planned_entry_date AS 入国予定日, c.stage AS 進捗,
       c.coe_issued_date AS 交付日, c.entry_date AS 入国日,
       substr(inq.last_inquiry, 1, 10) AS 最終問合せ日, r.deadline AS 資料提出期限,
       r.submitted_on AS 資料提出日, c.notes AS 備考
FROM "case" c
JOIN organization o ON o.id = c.organization_id
JOIN applicant a ON a.id = c.applicant_id
LEFT JOIN residence_status s ON s.id = c.residence_status_id
LEFT JOIN bureau b ON b.id = c.bureau_id
LEFT JOIN inq ON inq.case_id = c.id
LEFT JOIN req r ON r.case_id = c.id AND r.n = 1;
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


def time_export(db: Database, out: Path, rows: list[CaseRow] | None = None) -> tuple[float, int]:
    start = time.perf_counter()
    count = export_cases(db, out, today=TODAY, rows=rows)
    return time.perf_counter() - start, count


def time_phases(db: Database, out: Path) -> dict[str, float]:
    """One ``export_cases`` of every case taken apart: building the guarded rows (the query,
    the assessment and the cells), encoding them (the one CSV encoder) and the atomic write."""
    from coetracker.fsutil import atomic_write_bytes
    from coetracker.io.csv_codec import EXPORT_COLUMNS
    from coetracker.io.csv_encode import guarded_utf8
    from coetracker.services.csv_export import collector_paused, guarded_table

    start = time.perf_counter()
    table = guarded_table(db, today=TODAY)
    built = time.perf_counter()
    with collector_paused():
        data = guarded_utf8([c.header_ja for c in EXPORT_COLUMNS], table)
    encoded = time.perf_counter()
    assert data is not None
    atomic_write_bytes(out, data)
    written = time.perf_counter()
    return {"rows": built - start, "encode": encoded - built, "write": written - encoded}


def time_shell(shell: str, db_path: Path, out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with out.open("wb") as handle:
        subprocess.run(
            [shell, "-readonly", "-csv", "-header", str(db_path), SHELL_QUERY],
            stdout=handle,
            check=True,
        )
    elapsed = time.perf_counter() - start
    with out.open(encoding="utf-8", newline="") as handle:
        rows = sum(1 for _ in csv.reader(handle)) - 1  # less the header
    return elapsed, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
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
        with db.engine.connect() as connection:  # checkpoint so the shell reads one file
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        if shell is None:
            print("sqlite3 shell not found (apt-get install -y sqlite3): timing export only")
        # Interleaved, so that a busy machine slows both alike; the best run of each counts.
        start = time.perf_counter()
        listed = sort_by_urgency(list_cases(db, today=TODAY))
        listing = time.perf_counter() - start
        exports: list[float] = []
        shown: list[float] = []
        shells: list[float] = []
        rows = lines = 0
        for _ in range(args.repeat):
            elapsed, rows = time_export(db, folder / "export.csv")
            exports.append(elapsed)
            elapsed, _count = time_export(db, folder / "shown.csv", listed)
            shown.append(elapsed)
            if shell is not None:
                elapsed, lines = time_shell(shell, db_path, folder / "shell.csv")
                shells.append(elapsed)
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
        print(
            f"export_cases, every case (CLI --all: query, assess, write): {rows} rows, "
            f"best {min(exports):.3f} s (runs: {', '.join(f'{t:.3f}' for t in exports)})"
        )
        print(f"export_cases, rows given (the window's loaded list; listing it took "
              f"{listing:.3f} s once): best {min(shown):.3f} s "
              f"(runs: {', '.join(f'{t:.3f}' for t in shown)})")  # fmt: skip
        start = time.perf_counter()
        stored = refresh_assessment_store(db, today=TODAY)
        filling = time.perf_counter() - start
        from_store = [time_export(db, folder / "stored.csv")[0] for _ in range(args.repeat)]
        print(
            f"export_cases, every case, assessments from the store (filled once with {stored} "
            f"cases in {filling:.3f} s): best {min(from_store):.3f} s "
            f"(runs: {', '.join(f'{t:.3f}' for t in from_store)})"
        )
        phases = time_phases(db, folder / "phases.csv")
        print(
            "one export of every case, by phase: "
            + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in phases.items())
        )
        if shell is None:
            return
        print(f"sqlite3 -csv:  {lines} rows, best {min(shells):.3f} s "
              f"(runs: {', '.join(f'{t:.3f}' for t in shells)})")  # fmt: skip
        for label, best in (
            ("every case", min(exports)),
            ("every case, store filled", min(from_store)),
            ("rows given", min(shown)),
        ):
            ratio = best / min(shells)
            verdict = "within" if ratio <= 2 else "NOT within"
            print(f"{label}: export / shell = {ratio:.2f} ({verdict} the 2x target)")
    finally:
        db.dispose()
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

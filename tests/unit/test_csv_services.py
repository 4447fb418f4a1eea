"""CSV export and import services on real SQLite databases (issue 5).

Export: the rows given or every case, the export-only columns, extras read in a constant number
of statements, the UTF-8 BOM, CP932 refusals that name every row and column and leave no file,
and the fast writer giving exactly the codec's bytes. Import: each date form, names resolved as
offices write them, clients and applicants matched, inquiries and document requests recorded,
duplicates refused or updated, every problem by row and column, and all rows or none.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select

from coetracker.domain.model import FilingChannel, Level, Stage
from coetracker.domain.nationalities import NATIONALITIES
from coetracker.domain.text import clean
from coetracker.io.csv_codec import (
    EXPORT_COLUMNS,
    CsvEncodingError,
    CsvReadError,
    HeaderStyle,
    read_csv,
    unguard_cell,
)
from coetracker.services import csv_export, import_bulk, reference
from coetracker.services.caselist import list_cases, sort_by_urgency
from coetracker.services.cases import create_case_in
from coetracker.services.csv_export import export_cases, pick_request
from coetracker.services.csv_import import (
    ImportChangedError,
    ImportRefusedError,
    apply_import,
    plan_import,
    problem_text,
    read_import,
)
from coetracker.services.demo import fill_demo
from coetracker.services.documents import add_request_in
from coetracker.services.import_row_plan import RowAction, inferred_stage
from coetracker.services.inquiries import log_inquiry_in
from coetracker.services.records import (
    ApplicantInput,
    CaseInput,
    DocumentRequestInput,
    InquiryInput,
    OrganizationInput,
)
from coetracker.storage.engine import Database, open_database
from coetracker.storage.models import (
    Applicant,
    AuditEvent,
    Bureau,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    ResidenceStatus,
)
from tests.helpers.csv_sheets import add_case, problems, reference_ids, sheet

TODAY = dt.date(2026, 11, 27)
BOM = b"\xef\xbb\xbf"
HEADER = "受託番号,所属機関,申請人(姓),申請人(名),申請日,在留資格,申請先"


# --- fixtures: a migrated template copied for each database -----------------------------------


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    database, _report = open_database(f"sqlite:///{path}")
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


DatabaseFactory = Callable[[], Database]


def _fresh(template: Path, folder: Path) -> Database:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "db.sqlite3"
    shutil.copyfile(template, path)
    database, _report = open_database(f"sqlite:///{path}")
    return database


@pytest.fixture
def make_db(
    template: Path, tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> Iterator[DatabaseFactory]:
    """New migrated databases on the test's back end (a file, or the office server)."""
    opened: list[Database] = []
    server_names: list[str] = []

    def make() -> Database:
        if backend == "postgresql":
            from tests.pgserver import TEMPLATE

            server = request.getfixturevalue("pg_server")
            server_names.append(server.create_database(template=TEMPLATE))
            database, _report = open_database(server.url(server_names[-1]))
        else:
            database = _fresh(template, tmp_path / f"db{len(opened)}")
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.dispose()
    for name in server_names:
        request.getfixturevalue("pg_server").drop_database(name)


@pytest.fixture
def db(make_db: DatabaseFactory) -> Database:
    return make_db()


def counts(db: Database) -> dict[str, int]:
    with db.read_session() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Case, Organization, Applicant, Inquiry, DocumentRequest)
        }


def export_rows(path: Path) -> list[dict[str, str]]:
    """The exported file's data rows as {English key: cell text}, guards undone."""
    parsed = read_csv(path.read_bytes())
    keys = [c.key for c in EXPORT_COLUMNS]
    assert list(parsed.headers) in ([c.header_ja for c in EXPORT_COLUMNS], keys)
    text = path.read_bytes().decode(parsed.encoding)
    table = list(csv.reader(io.StringIO(text, newline="")))[1:]
    return [
        {c.key: unguard_cell(cell, c.kind) for c, cell in zip(EXPORT_COLUMNS, row, strict=True)}
        for row in table
    ]


# --- export -----------------------------------------------------------------------------------


def test_export_starts_with_bom_uses_crlf_and_writes_every_column(
    db: Database, tmp_path: Path
) -> None:
    add_case(
        db,
        notes="入社日に合わせて\n早めに",
        inquiry=dt.datetime(2026, 11, 2, 10, 30),
        request=DocumentRequestInput(
            notice_date=dt.date(2026, 10, 1), deadline=dt.date(2026, 10, 15)
        ),
    )
    out = tmp_path / "out.csv"
    assert export_cases(db, out, today=TODAY) == 1
    data = out.read_bytes()
    assert data.startswith(BOM)
    assert data.count(b"\r\n") == 2  # after the header and the row; the note keeps its "\n"
    header = data[len(BOM) :].split(b"\r\n", 1)[0].decode()
    assert header == ",".join(c.header_ja for c in EXPORT_COLUMNS)
    (row,) = export_rows(out)
    assert row["reference"] == "26-0001"
    assert row["client"] == "株式会社さくら精工"
    assert row["nationality"] == "ベトナム"
    assert row["birth_date"] == "1998-04-12"
    assert row["residence_status"] == "技術・人文知識・国際業務"
    assert row["bureau"] == "東京出入国在留管理局"
    assert row["channel"] == "窓口"
    assert row["stage"] == "資料提出通知"  # the open request moved the filed case on
    assert row["last_inquiry_date"] == "2026-11-02"
    assert row["document_deadline"] == "2026-10-15"
    assert row["documents_submitted_date"] == ""
    assert row["notes"] == "入社日に合わせて\n早めに"
    assert row["elapsed_days"] == str((TODAY - dt.date(2026, 9, 1)).days)
    assert row["readiness"] == "Docs overdue"
    assert row["reason"].startswith("Documents overdue")
    # The identifier is guarded in the file (Excel would read 26-0001 as a date).
    assert "\r\n'26-0001," in data.decode("utf-8-sig")


def test_english_headers_write_english_values(db: Database, tmp_path: Path) -> None:
    add_case(db)
    out = tmp_path / "en.csv"
    export_cases(db, out, today=TODAY, header_style=HeaderStyle.EN)
    (row,) = export_rows(out)
    assert row["stage"] == "filed"
    assert row["channel"] == "counter"
    assert row["nationality"] == "Viet Nam" or row["nationality"].startswith("Vi")
    assert row["residence_status"] == "Engineer/Specialist in Humanities/International Services"
    assert row["bureau"] == "Tokyo Regional Immigration Services Bureau"


def test_export_writes_the_rows_given_in_their_order(db: Database, tmp_path: Path) -> None:
    for index in range(5):
        add_case(
            db,
            reference=f"R-{index}",
            application_number=f"N-{index}",
            applicant=ApplicantInput(family_name=f"NAME{index}"),
        )
    rows = sorted(list_cases(db, today=TODAY), key=lambda r: r.reference or "", reverse=True)
    chosen = [rows[0], rows[3], rows[1]]
    out = tmp_path / "shown.csv"
    assert export_cases(db, out, today=TODAY, rows=chosen) == 3
    assert [r["reference"] for r in export_rows(out)] == ["R-4", "R-1", "R-3"]


def test_default_export_leaves_closed_cases_out(db: Database, tmp_path: Path) -> None:
    add_case(db, reference="OPEN")
    add_case(
        db,
        reference="DONE",
        application_number="X-2",
        stage=Stage.WITHDRAWN,
        applicant=ApplicantInput(family_name="OTHER"),
    )
    active, every = tmp_path / "active.csv", tmp_path / "all.csv"
    assert export_cases(db, active, today=TODAY, include_closed=False) == 1
    assert export_cases(db, every, today=TODAY) == 2
    assert [r["reference"] for r in export_rows(active)] == ["OPEN"]


def _statements(db: Database) -> tuple[list[str], Callable[[], None]]:
    seen: list[str] = []

    def listener(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", listener)
    return seen, lambda: event.remove(db.engine, "before_cursor_execute", listener)


@pytest.mark.parametrize("given_rows", [True, False])
def test_export_uses_a_constant_number_of_statements(
    make_db: DatabaseFactory, tmp_path: Path, given_rows: bool
) -> None:
    counted = []
    for number in (2, 12):
        database = make_db()
        for index in range(number):
            add_case(
                database,
                reference=f"R-{index}",
                application_number=f"N-{index}",
                applicant=ApplicantInput(
                    family_name=f"NAME{index}", birth_date=dt.date(1990, 1, 1)
                ),
                inquiry=dt.datetime(2026, 10, 1 + index),
                request=DocumentRequestInput(deadline=dt.date(2026, 12, 1 + index)),
            )
        rows = list_cases(database, today=TODAY) if given_rows else None
        seen, stop = _statements(database)
        try:
            written = export_cases(database, tmp_path / f"{number}.csv", today=TODAY, rows=rows)
        finally:
            stop()
        assert written == number
        counted.append(len([s for s in seen if s.lstrip().upper().startswith("SELECT")]))
    assert counted[0] == counted[1]
    # cases, requests, inquiries, cards, references, and the books (ledger entries, fees,
    # payments, the clients' and 代理人's addresses) and phones: never per case
    assert counted[0] <= 20


def test_a_large_selection_reads_the_table_once_with_the_same_result(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(4):
        add_case(
            db,
            reference=f"R-{index}",
            application_number=f"N-{index}",
            applicant=ApplicantInput(family_name=f"NAME{index}", birth_date=dt.date(1990, 1, 2)),
            notes=f"note {index}",
        )
    rows = list_cases(db, today=TODAY)[:3]
    by_id, whole = tmp_path / "by_id.csv", tmp_path / "whole.csv"
    export_cases(db, by_id, today=TODAY, rows=rows)
    monkeypatch.setattr(csv_export, "ID_FILTER_LIMIT", 1)
    export_cases(db, whole, today=TODAY, rows=rows)
    assert by_id.read_bytes() == whole.read_bytes()
    assert [r["notes"] for r in export_rows(whole)] == [
        f"note {(r.reference or '')[-1]}" for r in rows
    ]


@pytest.mark.parametrize("days_later", [0, 12, 45, 120])
def test_whole_database_export_equals_export_of_the_case_list(
    db: Database, tmp_path: Path, days_later: int
) -> None:
    fill_demo(db, today=TODAY)
    day = TODAY + dt.timedelta(days=days_later)
    fast, listed = tmp_path / "fast.csv", tmp_path / "listed.csv"
    export_cases(db, fast, today=day)
    export_cases(db, listed, today=day, rows=sort_by_urgency(list_cases(db, today=day)))
    assert fast.read_bytes() == listed.read_bytes()
    levels = {r.assessment.level for r in list_cases(db, today=day)}
    assert len(levels) >= 4 and Level.CLOSED in levels
    active, listed_active = tmp_path / "active.csv", tmp_path / "listed-active.csv"
    export_cases(db, active, today=day, include_closed=False)
    shown = [
        r for r in sort_by_urgency(list_cases(db, today=day)) if r.assessment.level != Level.CLOSED
    ]
    export_cases(db, listed_active, today=day, rows=shown)
    assert active.read_bytes() == listed_active.read_bytes()
    cp932 = [tmp_path / "fast-sjis.csv", tmp_path / "listed-sjis.csv"]
    with pytest.raises(CsvEncodingError) as fast_error:  # 陳郁婷 in the sample data
        export_cases(db, cp932[0], today=day, encoding="cp932")
    with pytest.raises(CsvEncodingError) as listed_error:
        export_cases(
            db,
            cp932[1],
            today=day,
            rows=sort_by_urgency(list_cases(db, today=day)),
            encoding="cp932",
        )
    assert fast_error.value.cells == listed_error.value.cells


def test_pick_request_prefers_the_open_one_with_the_nearest_deadline() -> None:
    d = dt.date
    assert pick_request([]) == (None, None)
    submitted = (d(2026, 1, 1), d(2026, 1, 15), None, d(2026, 1, 10), 1)
    later = (d(2026, 2, 1), d(2026, 3, 1), None, None, 2)
    nearer_extended = (d(2026, 2, 5), d(2026, 2, 10), d(2026, 2, 20), None, 3)
    assert pick_request([submitted]) == (d(2026, 1, 15), d(2026, 1, 10))
    assert pick_request([submitted, later, nearer_extended]) == (d(2026, 2, 20), None)
    older_submitted = (d(2025, 1, 1), d(2025, 1, 15), None, d(2025, 1, 14), 4)
    assert pick_request([older_submitted, submitted]) == (d(2026, 1, 15), d(2026, 1, 10))


def test_cp932_export_of_vietnamese_name_fails_naming_row_and_column(
    db: Database, tmp_path: Path
) -> None:
    add_case(db, reference="A-1", application_number="N-1")
    add_case(
        db,
        reference="A-2",
        application_number="N-2",
        applicant=ApplicantInput(family_name="NGUYEN", given_name="Nguyễn Thị", name_kana="グエン"),
        notes="担当: Trần",
    )
    rows = sorted(list_cases(db, today=TODAY), key=lambda r: r.reference or "")
    out = tmp_path / "sjis.csv"
    with pytest.raises(CsvEncodingError) as caught:
        export_cases(db, out, today=TODAY, rows=rows, encoding="cp932")
    cells = {(c.row, c.column): c.characters for c in caught.value.cells}
    assert cells == {(3, "申請人(名)"): "ễị", (3, "備考"): "ầ"}
    text = "\n".join(c.message.render() for c in caught.value.cells)
    # Named by the case (受託番号 and applicant), not by a row of a file that was never written.
    assert "A-2 NGUYEN Nguyễn Thị, column 申請人(名)" in text and "U+1EC5" in text
    assert "Row " not in text
    assert not out.exists()
    # No temporary file left either (only the database's folder, for a file database).
    assert [p for p in tmp_path.iterdir() if p.name != "db0"] == []
    out.write_bytes(b"earlier export")
    with pytest.raises(CsvEncodingError):
        export_cases(db, out, today=TODAY, rows=rows, encoding="cp932")
    assert out.read_bytes() == b"earlier export"


def test_cp932_export_of_japanese_text(db: Database, tmp_path: Path) -> None:
    add_case(db, notes="〜 追加資料は郵送 − 済")
    out = tmp_path / "sjis.csv"
    assert export_cases(db, out, today=TODAY, encoding="cp932") == 1
    data = out.read_bytes()
    assert not data.startswith(BOM)
    text = data.decode("cp932")
    assert "株式会社さくら精工" in text and "～ 追加資料は郵送 － 済" in text
    assert read_import(db, data).sheet.encoding == "cp932"


# --- import: dates, names, matching -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-11-03", dt.date(2025, 11, 3)),
        ("2025/11/03", dt.date(2025, 11, 3)),
        ("2025/11/3", dt.date(2025, 11, 3)),
        ("2025.11.3", dt.date(2025, 11, 3)),
        ("令和7年11月3日", dt.date(2025, 11, 3)),
        ("R7.11.3", dt.date(2025, 11, 3)),
        ("R7/11/3", dt.date(2025, 11, 3)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("平成30年4月1日", dt.date(2018, 4, 1)),
    ],
)
def test_import_accepts_each_date_form(db: Database, text: str, expected: dt.date) -> None:
    data = sheet(f"{HEADER}\nD-1,株式会社ABC,LI,WEI,{text},留学,東京\n")
    plan = read_import(db, data)
    assert plan.ok, problems(plan)
    apply_import(db, plan, actor="test")
    with db.read_session() as session:
        assert session.scalar(select(Case.filing_date)) == expected


@pytest.mark.parametrize("text", ["2023-02-29", "平成31年5月1日"])
def test_import_rejects_impossible_dates_and_writes_nothing(db: Database, text: str) -> None:
    add_case(db)
    before = counts(db)
    data = sheet(
        f"{HEADER}\nD-1,株式会社ABC,LI,WEI,2025-11-03,留学,東京\nD-2,株式会社ABC,WANG,FANG,{text},留学,東京\n"
    )
    plan = read_import(db, data)
    assert not plan.ok
    assert [(p.row, p.column) for p in plan.problems] == [(3, "申請日")]
    assert plan.rows[0].ok and not plan.rows[1].ok
    with pytest.raises(ImportRefusedError) as caught:
        apply_import(db, plan, actor="test")
    assert len(caught.value.problems) == 1
    assert counts(db) == before


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_written(
    db: Database,
) -> None:
    add_case(db)
    before = counts(db)
    data = sheet(
        "受託番号,所属機関,申請人(姓),国籍・地域,在留資格,申請先,進捗,申請日,交付日,メモ\n"
        "X-1,株式会社ABC,LI,中国,技術・人文知識・国際業務,東京,申請済,2025-11-03,,a\n"
        "X-2,株式会社ABC,KIM,韓国,宇宙飛行士,東京,申請済,2025-11-03,,b\n"
        "X-3,株式会社ABC,PARK,韓国,留学,月面支局,審査中,2025-11-03,,\n"
        "X-4,,SANTOS,アトランティス,留学,Tokyo,申請済,2025-13-01,,\n"
        "X-5,株式会社ABC,,タイ,留学,東京,交付,2025-11-03,2025-10-01,\n"
        "X-1,株式会社ABC,TRAN,ベトナム,留学,東京,申請済,2025-11-03,,\n"
    )
    plan = read_import(db, data)
    found = [(p.row, p.column) for p in plan.problems]
    assert found == [
        (3, "在留資格"),
        (4, "申請先"),
        (4, "進捗"),
        (5, "所属機関"),
        (5, "国籍・地域"),
        (5, "申請日"),
        (6, "申請人(姓)"),
        (7, "受託番号"),
    ]
    texts = [problem_text(p, lambda _c, s: s) for p in plan.problems]
    assert texts[0] == (
        "Row 3, 在留資格: Unknown status of residence “宇宙飛行士”: use its Japanese or English "
        "name (技術・人文知識・国際業務, Student …)."
    )
    assert texts[-1] == "Row 7, 受託番号: Row 2 has the same 受託番号 “X-1”."
    assert plan.sheet.unknown_columns == ("メモ",)
    with pytest.raises(ImportRefusedError):
        apply_import(db, plan, actor="test")
    assert counts(db) == before


def test_what_the_services_refuse_is_a_problem_before_writing(db: Database) -> None:
    data = sheet(
        "所属機関,申請人(姓),申請人(漢字),申請日,交付日\n"
        "株式会社ABC,,王小明,2025-11-03,\n"
        "株式会社ABC,WANG,,2025-11-03,2025-10-01\n"
    )
    plan = read_import(db, data)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "申請人(姓)"), (3, "交付日")]
    assert "family name" in plan.problems[0].message.render()
    assert counts(db)["case"] == 0


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("東京出入国在留管理局", "tokyo"),
        ("東京", "tokyo"),
        ("Tokyo", "tokyo"),
        ("ＴＯＫＹＯ", "tokyo"),
        ("東京入管", "tokyo"),
        ("横浜支局", "yokohama"),
        ("横浜", "yokohama"),
        ("東京出入国在留管理局横浜支局", "yokohama"),
        ("Yokohama District Immigration Services Office", "yokohama"),
        ("成田空港支局", "narita_airport"),
        ("大阪", "osaka"),
    ],
)
def test_bureau_by_full_short_or_english_name(db: Database, written: str, code: str) -> None:
    plan = read_import(db, sheet(f"所属機関,申請人(姓),申請先\nACME,SMITH,{written}\n"))
    assert plan.ok, problems(plan)
    _statuses, bureaus = reference_ids(db)
    assert plan.rows[0].bureau_id == bureaus[code]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("技術・人文知識・国際業務", "engineer_humanities"),
        ("技術･人文知識･国際業務", "engineer_humanities"),
        ("技人国", "engineer_humanities"),
        ("Engineer/Specialist in Humanities/International Services", "engineer_humanities"),
        ("特定技能1号", "ssw_1"),
        ("特定技能１号", "ssw_1"),
        ("specified skilled worker (ii)", "ssw_2"),
        ("留学", "student"),
        ("Student", "student"),
    ],
)
def test_status_by_japanese_or_english_name(db: Database, written: str, code: str) -> None:
    plan = read_import(db, sheet(f'所属機関,申請人(姓),在留資格\nACME,SMITH,"{written}"\n'))
    assert plan.ok, problems(plan)
    statuses, _bureaus = reference_ids(db)
    assert plan.rows[0].residence_status_id == statuses[code]


def test_ambiguous_status_is_a_problem(db: Database) -> None:
    plan = read_import(db, sheet("所属機関,申請人(姓),在留資格\nACME,SMITH,特定技能\n"))
    assert [(p.row, p.column) for p in plan.problems] == [(2, "在留資格")]


def test_clients_and_applicants_are_matched_not_duplicated(db: Database) -> None:
    add_case(db, client="株式会社ＡＢＣ")
    data = sheet(
        "所属機関,申請人(姓),申請人(名),生年月日,国籍・地域\n"
        "株式会社ABC,NGUYEN,VAN AN,1998-04-12,ベトナム\n"  # the existing applicant
        "株式会社 ABC,TRAN,THI HOA,2000-09-30,VN\n"
        "新規株式会社,TRAN,THI HOA,2000-09-30,Viet Nam\n"  # same person again
    )
    plan = read_import(db, data)
    assert plan.ok, problems(plan)
    apply_import(db, plan, actor="test")
    with db.read_session() as session:
        assert sorted(session.scalars(select(Organization.name))) == [
            "新規株式会社",
            "株式会社ＡＢＣ",
        ]
        assert session.scalar(select(func.count()).select_from(Applicant)) == 2
        assert set(session.scalars(select(Applicant.nationality_code))) == {"VN"}
        per_applicant = session.execute(
            select(Case.applicant_id, func.count()).group_by(Case.applicant_id)
        ).all()
    assert sorted(n for _id, n in per_applicant) == [2, 2]


def test_inquiry_and_document_request_are_recorded_as_imported(db: Database) -> None:
    data = sheet(
        "所属機関,申請人(姓),申請日,最終問合せ日,資料提出期限,資料提出日\n"
        "ACME,SMITH,2025-09-01,R7.10.20,令和7年11月3日,2025/11/1\n"
        "ACME,JONES,2025-09-01,,2025-12-01,\n"
    )
    plan = read_import(db, data)
    assert [r.record.stage for r in plan.rows] == [None, None]
    result = apply_import(db, plan, actor="test")
    assert (result.created, result.inquiries, result.document_requests) == (2, 1, 2)
    with db.read_session() as session:
        inquiry = session.scalars(select(Inquiry)).one()
        assert inquiry.made_at.date() == dt.date(2025, 10, 20) and inquiry.imported
        requests = session.execute(
            select(
                DocumentRequest.deadline, DocumentRequest.submitted_on, DocumentRequest.imported
            ).order_by(DocumentRequest.deadline)
        ).all()
        stages = dict(session.execute(select(Case.id, Case.stage)).all())
    assert requests == [
        (dt.date(2025, 11, 3), dt.date(2025, 11, 1), True),
        (dt.date(2025, 12, 1), None, True),
    ]
    assert sorted(stages.values()) == ["documents_requested", "documents_submitted"]


def test_inferred_stage() -> None:
    record = read_csv(sheet("所属機関,申請人(姓)\nA,B\n")).records[0]
    assert inferred_stage(record) == Stage.PREPARING
    assert inferred_stage(dataclasses.replace(record, application_number="X")) == Stage.FILED
    assert inferred_stage(dataclasses.replace(record, entry_date=TODAY)) == Stage.ENTERED
    assert inferred_stage(dataclasses.replace(record, coe_issued_date=TODAY)) == Stage.ISSUED


def test_cp932_sheet_with_japanese_headers_and_era_dates_imports(db: Database) -> None:
    text = (
        "受託番号,所属機関,申請人(姓),申請人(名),申請人(漢字),申請人(カナ),国籍・地域,生年月日,"
        "在留資格,申請先,申請方法,申請日,申請番号,進捗,最終問合せ日,備考\n"
        "0123,株式会社さくら精工,LI,WEI,李偉,リー・ウェイ,中国,1995/4/1,技術・人文知識・国際業務,"
        "東京,窓口,令和7年11月3日,0012345,申請済,R7.12.1,電話は午前中に\n"
        "0124,有限会社みなと食品,WANG,FANG,王芳,ワン・ファン,台湾,2001.2.3,特定技能１号,横浜支局,"
        "オンライン,R7/10/1,横就認T25-0001,資料提出通知,,～ 郵送済\n"
    )
    plan = read_import(db, sheet(text, "cp932"))
    assert plan.sheet.encoding == "cp932"
    assert plan.ok, problems(plan)
    apply_import(db, plan, actor="test")
    rows = {r.reference: r for r in list_cases(db, today=TODAY)}
    first, second = rows["0123"], rows["0124"]
    assert (first.name_kanji, first.application_number) == ("李偉", "0012345")
    assert first.filing_date == dt.date(2025, 11, 3)
    assert first.last_inquiry == dt.date(2025, 12, 1)
    assert (second.nationality_code, second.status_name, second.bureau_name) == (
        "TW",
        "特定技能1号",
        "横浜支局",
    )
    assert second.stage == Stage.DOCUMENTS_REQUESTED
    assert second.filing_date == dt.date(2025, 10, 1)


# --- import: duplicates and updates -------------------------------------------------------------


def test_duplicates_are_refused_by_default(db: Database) -> None:
    add_case(db)  # reference 26-0001, application number 東就認T26-00001
    before = counts(db)
    data = sheet(
        "受託番号,申請番号,所属機関,申請人(姓)\n"
        "26-0001,,ACME,SMITH\n"
        "NEW-1,東就認T26-00001,ACME,JONES\n"
        "NEW-2,,ACME,BROWN\n"
    )
    plan = read_import(db, data)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "受託番号"), (3, "申請番号")]
    assert "Duplicate: case 26-0001" in plan.problems[0].message.render()
    assert [r.duplicate for r in plan.rows] == [True, True, False]
    assert plan.duplicates == 2
    with pytest.raises(ImportRefusedError):
        apply_import(db, plan, actor="test")
    assert counts(db) == before


def test_update_changes_only_the_columns_in_the_file(db: Database) -> None:
    case_id = add_case(
        db,
        notes="残しておくメモ",
        applicant=ApplicantInput(
            family_name="NGUYEN", given_name="VAN AN", birth_date=dt.date(1998, 4, 12)
        ),
    )
    data = sheet(
        "受託番号,所属機関,申請人(姓),申請日,進捗,在留資格,最終問合せ日\n"
        "26-0001,株式会社さくら精工,NGUYEN,2026-09-15,,留学,2026-11-20\n"
    )
    refused = read_import(db, data)
    assert not refused.ok
    plan = read_import(db, data, update=True)
    assert plan.ok, problems(plan)
    assert [(r.action, r.case_id) for r in plan.rows] == [(RowAction.UPDATE, case_id)]
    before = counts(db)
    result = apply_import(db, plan, actor="importer")
    assert (result.created, result.updated, result.inquiries) == (0, 1, 1)
    after = counts(db)
    assert after["case"] == before["case"] and after["applicant"] == before["applicant"]
    (row,) = list_cases(db, today=TODAY)
    assert row.filing_date == dt.date(2026, 9, 15)
    assert row.status_name == "留学"
    assert row.stage == Stage.FILED  # blank stage keeps the stored one
    assert row.given_name == "VAN AN"  # no 申請人(名) column: unchanged
    assert row.application_number == "東就認T26-00001"
    assert row.last_inquiry == dt.date(2026, 11, 20)
    with db.read_session() as session:
        notes, birth = session.execute(
            select(Case.notes, Applicant.birth_date).join(Applicant)
        ).one()
        changed = set(
            session.scalars(
                select(AuditEvent.field).where(
                    AuditEvent.actor == "importer", AuditEvent.action == "update"
                )
            )
        )
    assert (notes, birth) == ("残しておくメモ", dt.date(1998, 4, 12))
    assert changed == {"filing_date", "residence_status_id"}
    # Importing the same file again changes nothing and adds no second inquiry.
    again = apply_import(db, read_import(db, data, update=True), actor="importer")
    assert again.inquiries == 0 and counts(db) == after


def test_update_marks_an_open_request_submitted(db: Database) -> None:
    add_case(db, request=DocumentRequestInput(deadline=dt.date(2026, 11, 30)))
    data = sheet(
        "受託番号,所属機関,申請人(姓),資料提出期限,資料提出日\n26-0001,株式会社さくら精工,NGUYEN,2026-11-30,2026-11-25\n"
    )
    result = apply_import(db, read_import(db, data, update=True), actor="test")
    assert result.document_requests == 0
    with db.read_session() as session:
        assert session.execute(
            select(DocumentRequest.deadline, DocumentRequest.submitted_on)
        ).all() == [(dt.date(2026, 11, 30), dt.date(2026, 11, 25))]


def test_rows_matching_two_cases_or_one_case_twice_are_problems(db: Database) -> None:
    add_case(db, reference="A", application_number="N-A")
    add_case(db, reference="B", application_number="N-B", applicant=ApplicantInput(family_name="X"))
    data = sheet(
        "受託番号,申請番号,所属機関,申請人(姓)\nA,N-B,ACME,SMITH\nB,,ACME,X\nC,N-B,ACME,Y\n"
    )
    plan = read_import(db, data, update=True)
    found = [(p.row, p.column, p.message.render()) for p in plan.problems]
    assert found[0][:2] == (2, "申請番号") and "two different cases (A and B)" in found[0][2]
    assert (4, "申請番号") in [f[:2] for f in found]  # same 申請番号 as row 2


# --- import: all or nothing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 20,
        '所属機関,申請人(姓)\r\nACME,"SMITH\r\n'.encode(),
        b"\xef\xbb\xbf\xe6\x89\x80\xe5\xb1\x9e\xe6\xa9\x9f\xe9\x96\xa2,family_name\r\nA,B\x00\r\n",
        "所属機関,申請人(姓),備考\r\nACME,SMITH,".encode() + b"x" * (10 * 1024 * 1024) + b"\r\n",
    ],
    ids=["random bytes", "unbalanced quotes", "NUL", "10 MB cell"],
)
def test_bad_files_give_a_clear_error_and_change_nothing(db: Database, data: bytes) -> None:
    add_case(db)
    before = counts(db)
    with pytest.raises(CsvReadError) as caught:
        read_import(db, data)
    assert caught.value.message.render().startswith(("The file", "A cell"))
    assert counts(db) == before


def test_backup_is_taken_before_anything_is_written(db: Database) -> None:
    add_case(db)
    seen: list[int] = []

    def backup() -> Path:
        seen.append(counts(db)["case"])
        return Path("/backups/b.sqlite3")

    plan = read_import(db, sheet("所属機関,申請人(姓)\nACME,SMITH\nACME,JONES\n"))
    result = apply_import(db, plan, actor="test", backup=backup)
    assert seen == [1] and result.backup == Path("/backups/b.sqlite3")
    assert counts(db)["case"] == 3
    refused = read_import(db, sheet("所属機関,申請人(姓)\n,SMITH\n"))
    with pytest.raises(ImportRefusedError):
        apply_import(db, refused, actor="test", backup=backup)
    assert seen == [1]  # no backup for a file that is refused


def test_a_failure_half_way_writes_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    add_case(db)
    before = counts(db)
    plan = read_import(
        db, sheet("所属機関,申請人(姓),最終問合せ日\nACME,A,2025-01-01\nACME,B,\nACME,C,\n")
    )
    monkeypatch.setattr(import_bulk, "CHUNK", 1)  # one row per bulk statement
    written: list[int] = []

    def failing(done: int, total: int) -> None:  # a failure (or a cancel) after two rows
        written.append(done)
        if done == 2:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        apply_import(db, plan, actor="test", progress=failing)
    assert written == [1, 2]
    assert counts(db) == before


def test_a_case_added_after_the_check_stops_the_import(db: Database) -> None:
    plan = read_import(db, sheet("受託番号,所属機関,申請人(姓)\nR-1,ACME,A\nR-2,ACME,B\n"))
    assert plan.ok
    add_case(db, reference="R-2", application_number=None)
    before = counts(db)
    with pytest.raises(ImportChangedError) as caught:
        apply_import(db, plan, actor="test")
    assert "changed" in caught.value.message.render()
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "受託番号")]
    assert counts(db) == before


def test_empty_sheet_is_not_importable(db: Database) -> None:
    plan = plan_import(db, read_csv(sheet("所属機関,申請人(姓)\n")))
    assert not plan.ok and plan.problems == ()


# --- the round trip: export → import into an empty database -----------------------------------

_PIECES = st.sampled_from(
    [
        "王", "小明", "髙橋", "𠮷野", "グエン", "ｸﾞｴﾝ", "😀", "👩‍💻", "e\u0301", "a\u0308\u0323",
        "Nguyễn", ",", '"', "\n", "\r\n", "\r", "'", "=", "+", "-", "@", "＝", "＋", "－", "＠",
        " ", "　", "\t", "Ｂ", "ß", "İ", "0", "SUM(A1)",
    ]
)  # fmt: skip
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ANY = st.text(
    alphabet=st.characters(
        exclude_categories=["Cs", "Cc", "Co", "Cn"],
        exclude_characters=_BIDI_CONTROLS,  # refused in names by the services
    ),
    min_size=1,
    max_size=4,
)
_NAME = st.lists(_PIECES | _ANY, min_size=1, max_size=5).map("".join)
_REQUIRED_NAME = _NAME.filter(lambda text: clean(text) is not None)
_PREFIXES = st.sampled_from(["", "0", "00", "=", "+", "-", "@", "'", "R7.", "2025-", "1/2 ", "＝"])
_DAY = st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31))
_NATIONALITY = st.sampled_from([n.code for n in NATIONALITIES])


@st.composite
def _cases(draw: st.DrawFn) -> list[dict[str, Any]]:
    result = []
    for index in range(draw(st.integers(1, 3))):
        filed = draw(st.none() | _DAY)
        issued = draw(st.none() | st.integers(0, 90)) if filed else None
        issued_on = filed + dt.timedelta(issued) if filed and issued is not None else None
        entered = draw(st.none() | st.integers(0, 60)) if issued_on else None
        result.append(
            {
                "reference": draw(_PREFIXES) + f"{index}-" + draw(st.sampled_from(["", "A", "漢"])),
                "number": draw(st.none() | _PREFIXES.map(f"{{}}東就認T{index}".format)),
                "client": draw(_REQUIRED_NAME),
                "family": draw(_REQUIRED_NAME),
                "given": draw(st.none() | _NAME),
                "kanji": draw(st.none() | _NAME),
                "kana": draw(st.none() | _NAME),
                "notes": draw(st.none() | _NAME),
                "nationality": draw(st.none() | _NATIONALITY),
                "birth": draw(st.none() | st.dates(dt.date(1950, 1, 1), dt.date(2010, 12, 31))),
                "status": draw(st.none() | st.integers(0, 36)),
                "bureau": draw(st.none() | st.integers(0, 14)),
                "channel": draw(st.none() | st.sampled_from(list(FilingChannel))),
                "stage": draw(st.sampled_from(list(Stage))),
                "filed": filed,
                "planned": draw(st.none() | _DAY),
                "issued": issued_on,
                "entered": issued_on + dt.timedelta(entered)
                if issued_on and entered is not None
                else None,
                "inquiries": draw(
                    st.lists(
                        st.tuples(_DAY, st.sampled_from(["phone", "online_system"])), max_size=2
                    )
                ),
                "requests": draw(
                    st.lists(st.tuples(st.none() | _DAY, st.none() | _DAY), max_size=2)
                ),
            }
        )
    return result


_TRICKY: dict[str, Any] = {
    "reference": "=0012",
    "number": "'00123",
    "client": '＝株式会社, "引用"\n改行',
    "family": "-NGUYỄN",
    "given": "@e\u0301 😀",
    "kanji": "+𠮷野",
    "kana": "'グエン",
    "notes": "  =SUM(A1)\r\n次回は\r電話 \t",
    "nationality": "VN",
    "birth": dt.date(1998, 4, 12),
    "status": 3,
    "bureau": 3,
    "channel": FilingChannel.MAIL,
    "stage": Stage.DOCUMENTS_SUBMITTED,
    "filed": dt.date(2026, 1, 2),
    "planned": dt.date(2026, 4, 1),
    "issued": None,
    "entered": None,
    "inquiries": [(dt.date(2026, 2, 3), "online_system"), (dt.date(2026, 2, 1), "phone")],
    "requests": [(dt.date(2026, 3, 1), dt.date(2026, 2, 27)), (dt.date(2026, 3, 15), None)],
}


def _create(db: Database, cases: list[dict[str, Any]]) -> None:
    with db.read_session() as session:
        statuses = list(session.scalars(select(ResidenceStatus.id).order_by(ResidenceStatus.id)))
        bureaus = list(session.scalars(select(Bureau.id).order_by(Bureau.id)))
    with db.write_session() as session:
        for case in cases:
            case_id = create_case_in(
                session,
                CaseInput(
                    applicant=ApplicantInput(
                        family_name=case["family"],
                        given_name=case["given"],
                        name_kanji=case["kanji"],
                        name_kana=case["kana"],
                        nationality_code=case["nationality"],
                        birth_date=case["birth"],
                    ),
                    organization=OrganizationInput(name=case["client"]),
                    reference=case["reference"],
                    residence_status_id=None
                    if case["status"] is None
                    else statuses[case["status"]],
                    bureau_id=None if case["bureau"] is None else bureaus[case["bureau"]],
                    channel=case["channel"],
                    filing_date=case["filed"],
                    application_number=case["number"],
                    planned_entry_date=case["planned"],
                    stage=case["stage"],
                    coe_issued_date=case["issued"],
                    entry_date=case["entered"],
                    notes=case["notes"],
                ),
                actor="test",
            )
            for day, channel in case["inquiries"]:
                log_inquiry_in(
                    session,
                    case_id,
                    InquiryInput(made_at=dt.datetime.combine(day, dt.time(9)), channel=channel),
                    actor="test",
                )
            for deadline, submitted in case["requests"]:
                add_request_in(
                    session,
                    case_id,
                    DocumentRequestInput(deadline=deadline, submitted_on=submitted),
                    actor="test",
                )


def snapshot(db: Database) -> dict[str | None, tuple[Any, ...]]:
    """Everything the CSV carries about each case, keyed by reference, as stored."""
    with db.read_session() as session:
        rows = session.execute(
            select(
                Case.id,
                Case.reference,
                Organization.name,
                Applicant.family_name,
                Applicant.given_name,
                Applicant.name_kanji,
                Applicant.name_kana,
                Applicant.nationality_code,
                Applicant.birth_date,
                ResidenceStatus.code,
                Bureau.code,
                Case.channel,
                Case.filing_date,
                Case.application_number,
                Case.planned_entry_date,
                Case.stage,
                Case.coe_issued_date,
                Case.entry_date,
                Case.notes,
            )
            .join(Organization, Organization.id == Case.organization_id)
            .join(Applicant, Applicant.id == Case.applicant_id)
            .outerjoin(ResidenceStatus, ResidenceStatus.id == Case.residence_status_id)
            .outerjoin(Bureau, Bureau.id == Case.bureau_id)
        ).all()
        inquiries = dict(
            session.execute(
                select(Inquiry.case_id, func.max(Inquiry.made_at)).group_by(Inquiry.case_id)
            ).all()
        )
        requests: dict[int, list[Any]] = {}
        for case_id, *request in session.execute(
            select(
                DocumentRequest.case_id,
                DocumentRequest.notice_date,
                DocumentRequest.deadline,
                DocumentRequest.extended_deadline,
                DocumentRequest.submitted_on,
                DocumentRequest.id,
            )
        ):
            requests.setdefault(case_id, []).append(tuple(request))
    result = {}
    for case_id, ref, *values in rows:
        last = inquiries.get(case_id)
        result[ref] = (
            *values,
            str(last)[:10] if last else None,
            pick_request(requests.get(case_id, [])),
        )
    return result


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cases=_cases())
@example(cases=[_TRICKY])
def test_export_then_import_into_an_empty_database_reproduces_every_case(
    template: Path, tmp_path_factory: pytest.TempPathFactory, cases: list[dict[str, Any]]
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    source = _fresh(template, folder / "source")
    target = _fresh(template, folder / "target")
    try:
        _create(source, cases)
        out = folder / "export.csv"
        assert export_cases(source, out, today=TODAY) == len(cases)
        plan = read_import(target, out.read_bytes())
        assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
        assert plan.creates == len(cases)
        apply_import(target, plan, actor="test")
        expected = snapshot(source)
        assert snapshot(target) == expected
        assert set(expected) == {clean(c["reference"]) for c in cases}
        # And exporting again gives the same case columns.
        again = folder / "again.csv"
        export_cases(target, again, today=TODAY)
        first = {r["reference"]: list(r.values())[:21] for r in export_rows(out)}
        second = {r["reference"]: list(r.values())[:21] for r in export_rows(again)}
        assert first == second
    finally:
        source.dispose()
        target.dispose()


def test_round_trip_of_the_sample_data(make_db: DatabaseFactory, tmp_path: Path) -> None:
    source, target = make_db(), make_db()
    fill_demo(source, today=TODAY)
    out = tmp_path / "demo.csv"
    export_cases(source, out, today=TODAY)
    result = apply_import(target, read_import(target, out.read_bytes()), actor="test")
    assert result.created == counts(source)["case"]
    assert snapshot(target) == snapshot(source)
    assert len(reference.list_bureaus(target)) == len(reference.list_bureaus(source))


@pytest.mark.sqlite_only
def test_an_import_waits_for_another_import_on_the_office_server(pg_server) -> None:
    """Two imports never interleave: the second waits for the first's advisory lock."""
    import threading
    import time

    from sqlalchemy import text

    from coetracker.storage.engine import open_database
    from coetracker.storage.postgres import AdvisoryLock, advisory_xact_lock
    from tests.pgserver import TEMPLATE

    url = pg_server.url(pg_server.create_database(template=TEMPLATE))
    office, _report = open_database(url)
    try:
        plan = read_import(
            office, sheet(f"{HEADER}\nD-9,株式会社ABC,LI,WEI,2025-11-03,留学,東京\n")
        )
        assert plan.ok, problems(plan)
        finished: list[float] = []

        def import_now() -> None:
            apply_import(office, plan, actor="test")
            finished.append(time.monotonic())

        with office.engine.connect() as first, first.begin():
            advisory_xact_lock(first, AdvisoryLock.IMPORT)  # another import is writing
            second = threading.Thread(target=import_now)
            second.start()
            second.join(1.0)
            assert second.is_alive() and not finished  # it waits for the lock
            first.execute(text("SELECT 1"))
            released = time.monotonic()
        second.join(30)
        assert finished and finished[0] >= released
        with office.read_session() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 1
    finally:
        office.dispose()

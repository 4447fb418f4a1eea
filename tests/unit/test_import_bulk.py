"""The bulk import writes exactly what the row-by-row writer writes.

A synthetic sheet with archived rows, extended deadlines, residence-card columns, Japanese
names, people and clients met twice (and already stored), inquiries and document requests is
imported into two copies of one database: once through ``apply_import`` (the bulk path) and
once through the services row by row. Every column of every table is compared (ids included;
time stamps aside), and the audit trail event by event. A cancel half-way writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coetracker.domain.model import FilingChannel, Stage
from coetracker.services import import_bulk, import_rows
from coetracker.services.cases import create_case_in
from coetracker.services.csv_import import ImportRefusedError, apply_import, read_import
from coetracker.services.import_bulk import ImportCancelledError
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage.engine import Database, open_database
from coetracker.storage.models import (
    Applicant,
    AuditEvent,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    ResidenceCard,
)

HEADER = (
    "受託番号,所属機関,申請人(姓),申請人(名),申請人(漢字),申請人(カナ),国籍・地域,生年月日,"
    "在留資格,申請先,申請方法,申請日,申請番号,進捗,交付日,入国日,最終問合せ日,資料提出期限,"
    "資料提出日,延長前の提出期限,備考,アーカイブ,在留期間,在留期限,旅券番号"
)
TABLES = (Organization, Applicant, Case, ResidenceCard, Inquiry, DocumentRequest)
STAMPS = {"created_at", "updated_at", "at"}


@pytest.fixture
def databases(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> Iterator[tuple[Database, Database]]:
    """Two databases holding the same stored client, applicant (with a card) and case."""
    opened: list[Database] = []
    names: list[str] = []
    for index in range(2):
        if backend == "postgresql":
            from tests.pgserver import TEMPLATE

            server = request.getfixturevalue("pg_server")
            names.append(server.create_database(template=TEMPLATE))
            database, _report = open_database(server.url(names[-1]))
        else:
            database, _report = open_database(f"sqlite:///{tmp_path / f'db{index}.sqlite3'}")
        opened.append(database)
        with database.write_session() as session:
            case_id = create_case_in(
                session,
                CaseInput(
                    applicant=ApplicantInput(
                        family_name="TRAN",
                        given_name="THI HOA",
                        birth_date=dt.date(1995, 3, 4),
                        passport_number="C1234567",
                    ),
                    organization=OrganizationInput(name="株式会社さくら精工"),
                    reference="OLD-1",
                    stage=Stage.FILED,
                    channel=FilingChannel.COUNTER,
                    filing_date=dt.date(2026, 8, 1),
                ),
                actor="test",
            )
            applicant_id = session.get_one(Case, case_id).applicant_id
            session.add(
                ResidenceCard(applicant_id=applicant_id, period_months=12, expiry_date=None)
            )
    yield opened[0], opened[1]
    for database in opened:
        database.dispose()
    for name in names:
        request.getfixturevalue("pg_server").drop_database(name)


def synthetic_sheet(rows: int, seed: int = 11) -> bytes:
    """A sheet exercising every step the writers take."""
    rng = random.Random(seed)
    clients = ["株式会社さくら精工", "株式会社ＡＢＣ", "株式会社abc", "有限会社みどり", "ACME"]
    stages = ["", "申請済", "資料提出通知", "交付", "入国済", "準備中"]
    lines = [HEADER]
    for i in range(rows):
        filed = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(200))
        deadline = original = submitted = inquiry = issued = entered = ""
        if rng.random() < 0.4:
            inquiry = (filed + dt.timedelta(days=20)).isoformat()
        if rng.random() < 0.4:
            deadline = (filed + dt.timedelta(days=40)).isoformat()
            if rng.random() < 0.5:
                original = (filed + dt.timedelta(days=30)).isoformat()
            if rng.random() < 0.4:
                submitted = (filed + dt.timedelta(days=35)).isoformat()
        stage = rng.choice(stages)
        if stage in ("交付", "入国済"):
            issued = (filed + dt.timedelta(days=60)).isoformat()
        if stage == "入国済":
            entered = (filed + dt.timedelta(days=90)).isoformat()
        period = expiry = ""
        if rng.random() < 0.3:
            period = rng.choice(["1年", "3年", "6か月"])
        if rng.random() < 0.2:
            expiry = (filed + dt.timedelta(days=500)).isoformat()
        person = rng.randrange(rows // 2 + 1)  # people met twice
        passport = f"P{person:07d}" if person % 3 else ""
        if i % 17 == 0:
            passport = "C1234567"  # the stored applicant, who has a card
        family, given = (f"NGUYEN{person}", "VAN AN") if person % 2 else (f"ＬＩ{person}", "Wei")
        kanji = "王小明" if person % 5 == 0 else ""
        birth = (dt.date(1990, 1, 1) + dt.timedelta(days=person)).isoformat()
        archived = "はい" if rng.random() < 0.15 else ""
        notes = rng.choice(["", "急ぎ", "=SUM(A1)", "line 1\nline 2"])
        cells = [
            f"R-{i:04d}",
            rng.choice(clients),
            family,
            given,
            kanji,
            "グエン・ヴァン・アン",
            rng.choice(["VN", "中国", "Philippines"]),
            birth,
            rng.choice(["技術・人文知識・国際業務", "特定技能1号", "留学"]),
            rng.choice(["東京", "横浜支局", "大阪"]),
            rng.choice(["", "窓口", "オンライン"]),
            filed.isoformat(),
            f"東就認T26-{i:05d}" if rng.random() < 0.8 else "",
            stage,
            issued,
            entered,
            inquiry,
            deadline,
            submitted,
            original,
            notes,
            archived,
            period,
            expiry,
            passport,
        ]
        lines.append(",".join(f'"{cell}"' if "\n" in cell else cell for cell in cells))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def stored(db: Database) -> dict[str, Any]:
    """Every row of every table the import writes (time stamps aside), and the audit trail."""
    found: dict[str, Any] = {}
    with db.read_session() as session:
        for model in TABLES:
            columns = [c for c in model.__table__.columns if c.name not in STAMPS]
            found[model.__tablename__] = [
                row._asdict() for row in session.execute(select(*columns).order_by(model.id))
            ]
        columns = [c for c in AuditEvent.__table__.columns if c.name not in {"id", *STAMPS}]
        found["audit_event"] = Counter(tuple(row) for row in session.execute(select(*columns)))
    return found


def test_bulk_and_row_by_row_store_the_same(databases: tuple[Database, Database]) -> None:
    bulk, rows = databases
    data = synthetic_sheet(120)
    plan = read_import(bulk, data)
    assert plan.ok, plan.problems[:3]
    assert all(row.prepared is not None for row in plan.rows)  # every row takes the bulk path
    result = apply_import(bulk, plan, actor="test")

    other = read_import(rows, data)
    expected = import_rows.apply_row_by_row(rows, other, actor="test", backup_path=None)

    assert (result.created, result.inquiries, result.document_requests) == (
        expected.created,
        expected.inquiries,
        expected.document_requests,
    )
    ours, theirs = stored(bulk), stored(rows)
    for table in theirs:
        assert ours[table] == theirs[table], table
    assert any(row["archived"] for row in theirs["case"])  # archived rows were in the sample …
    assert any(row["stage"] == "documents_requested" for row in theirs["case"])
    assert any(row["extended_deadline"] for row in theirs["document_request"])  # an extension …
    assert len(theirs["residence_card"]) > 2  # … and cards, one of them updated
    assert any(
        event[1] == "update" and event[2] == "residence_card" for event in theirs["audit_event"]
    )


def updating_sheet(rows: int, seed: int = 5) -> bytes:
    """A second sheet for an ``update`` import over :func:`synthetic_sheet`'s cases: names,
    stages, archive marks, cards, inquiries and deadlines changed for some, new cases too."""
    rng = random.Random(seed)
    header = HEADER.split(",")
    original = synthetic_sheet(rows).decode("utf-8-sig").split("\r\n")[1:-1]
    table = list(csv.reader(io.StringIO("\r\n".join(original))))
    lines = [HEADER]
    for cells in table:
        if rng.random() < 0.3:
            continue  # not in this file: unchanged
        row = dict(zip(header, cells, strict=True))
        if rng.random() < 0.3:
            row["申請人(名)"] = rng.choice(["VAN BINH", "Ｗｅｉ", row["申請人(名)"]])
        if rng.random() < 0.3:
            row["進捗"] = rng.choice(["申請済", "資料提出通知", "交付", ""])
            if row["進捗"] == "交付" and not row["交付日"]:
                row["交付日"] = "2026-12-01"
        if rng.random() < 0.3:
            row["アーカイブ"] = "" if row["アーカイブ"] else "はい"
        if rng.random() < 0.3:
            row["在留期間"] = rng.choice(["1年", "5年", ""])
            row["在留期限"] = rng.choice(["", "2029-03-31"])
        if rng.random() < 0.4:
            row["最終問合せ日"] = rng.choice([row["最終問合せ日"], "2026-10-10"])
        if row["資料提出期限"] and rng.random() < 0.5:
            row["資料提出日"] = row["資料提出日"] or "2026-09-30"
        elif rng.random() < 0.3:
            row["資料提出期限"] = "2026-11-20"
            row["延長前の提出期限"] = rng.choice(["", "2026-11-10"])
        if rng.random() < 0.1:
            row["受託番号"] = ""  # matched by its 申請番号 alone (when it has one)
            if not row["申請番号"]:
                row["受託番号"] = cells[0]
        lines.append(",".join(f'"{v}"' if "\n" in v else v for v in row.values()))
    for index in range(5):  # new cases beside the updates
        lines.append(
            f"NEW-{index},株式会社みどり,PARK{index},MIN,,,KR,1999-01-0{index + 1},留学,東京,,"
            f"2026-05-01,,申請済,,,2026-06-01,2026-07-01,,,,,,,"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def test_update_imports_store_the_same(
    databases: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk, rows = databases
    first, second = synthetic_sheet(80), updating_sheet(80)
    monkeypatch.setattr(import_bulk, "CHUNK", 16)
    for db in databases:
        apply_import(db, read_import(db, first), actor="test")
    plan = read_import(bulk, second, update=True)
    assert plan.ok, plan.problems[:3]
    assert plan.updates > 40 and plan.creates == 5
    result = apply_import(bulk, plan, actor="test")
    other = read_import(rows, second, update=True)
    expected = import_rows.apply_row_by_row(rows, other, actor="test", backup_path=None)
    assert result == expected
    ours, theirs = stored(bulk), stored(rows)
    for table in theirs:
        assert ours[table] == theirs[table], table
    changed = Counter((e[1], e[2], e[5]) for e in theirs["audit_event"])
    assert changed[("update", "applicant", "given_name")]  # the sample changed names …
    assert changed[("update", "case", "stage")] and changed[("unarchive", "case", "archived")]
    assert changed[("update", "residence_card", "period_months")]  # … cards …
    assert changed[("update", "document_request", "submitted_on")]  # … and requests


def test_small_chunks_store_the_same(
    databases: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk, rows = databases
    data = synthetic_sheet(40, seed=3)
    monkeypatch.setattr(import_bulk, "CHUNK", 7)
    apply_import(bulk, read_import(bulk, data), actor="test")
    import_rows.apply_row_by_row(rows, read_import(rows, data), actor="test", backup_path=None)
    assert stored(bulk) == stored(rows)


def test_an_extension_before_the_original_deadline_is_a_row_problem(
    databases: tuple[Database, Database],
) -> None:
    db, _other = databases
    plan = read_import(
        db,
        "所属機関,申請人(姓),資料提出期限,延長前の提出期限\r\nACME,A,2026-03-01,2026-03-10\r\n".encode(),
    )
    assert [(p.row, p.column) for p in plan.problems] == [(2, "資料提出期限")]
    before = stored(db)
    with pytest.raises(ImportRefusedError):
        apply_import(db, plan, actor="test")
    assert stored(db) == before


def test_a_cancel_half_way_leaves_nothing(
    databases: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _other = databases
    before = stored(db)
    monkeypatch.setattr(import_bulk, "CHUNK", 10)
    plan = read_import(db, synthetic_sheet(50))
    seen: list[int] = []

    def cancel(done: int, total: int) -> None:
        seen.append(done)
        if done >= 30:
            raise ImportCancelledError()

    with pytest.raises(ImportCancelledError):
        apply_import(db, plan, actor="test", progress=cancel)
    assert seen == [10, 20, 30]
    assert stored(db) == before


@pytest.mark.parametrize("chunk", [1, 16], ids=["own-chunks", "one-chunk"])
def test_a_person_renamed_by_an_update_is_found_by_the_new_name_only(
    databases: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    bulk, rows = databases
    monkeypatch.setattr(import_bulk, "CHUNK", chunk)
    sheet = (
        "受託番号,所属機関,申請人(姓),申請人(名),生年月日\r\n"
        "OLD-1,株式会社さくら精工,TRAN,THI LAN,1995-03-04\r\n"  # renames the stored person
        "NEW-1,株式会社さくら精工,TRAN,THI HOA,1995-03-04\r\n"  # the old name: someone new
        "NEW-2,株式会社さくら精工,ＴＲＡＮ,thi lan,1995-03-04\r\n"  # the new name: the same
    ).encode()
    plan = read_import(bulk, sheet, update=True)
    assert plan.ok and (plan.updates, plan.creates) == (1, 2), plan.problems[:3]
    apply_import(bulk, plan, actor="test")
    other = read_import(rows, sheet, update=True)
    import_rows.apply_row_by_row(rows, other, actor="test", backup_path=None)
    assert stored(bulk) == stored(rows)
    people = {row["id"]: row for row in stored(bulk)["applicant"]}
    cases = {row["reference"]: row["applicant_id"] for row in stored(bulk)["case"]}
    assert cases["NEW-2"] == cases["OLD-1"] != cases["NEW-1"]
    assert people[cases["OLD-1"]]["given_name"] == "THI LAN"

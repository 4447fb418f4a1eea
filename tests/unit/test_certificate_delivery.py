"""Issued certificates on a real SQLite file: the delivery (paper / e-mail) and the applicant's
receipt registration (受領登録) stored, checked, shown in the list's action, the case summary and
the JSON; an expired certificate labelled "COE expired" (期限切れ), never "COE expiring"; and
revision 0009 on a database made at 0008."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from coetracker.cli import row_object
from coetracker.domain.levels import assessment_short_label
from coetracker.domain.model import FilingChannel, Level, Stage
from coetracker.printing.documents import case_summary_for
from coetracker.services import cases, reference
from coetracker.services.caselist import list_cases
from coetracker.services.csv_export import export_cases
from coetracker.services.errors import ValidationError
from coetracker.services.print_documents import case_for_print
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage import migrate
from coetracker.storage.engine import Database, create_database_engine, open_database

D = dt.date
TODAY = D(2026, 4, 1)  # a Wednesday
PREVIOUS_REVISION = "0008_offices_agents"
REVISION = "0009_certificate_delivery"


def _issued_case(db: Database, **changes: object) -> int:
    bureau = reference.bureau_for_prefecture(db, "東京都")
    status = next(s.id for s in reference.list_statuses(db) if s.name_ja == "特定技能1号")
    data = CaseInput(
        applicant=ApplicantInput(family_name="NGUYEN", given_name="VAN AN"),
        organization=OrganizationInput(name="株式会社さくら精工", prefecture="東京都"),
        reference="26-0101",
        residence_status_id=status,
        bureau_id=bureau,
        channel=FilingChannel.ONLINE,
        filing_date=D(2026, 1, 5),
        application_number="東就認T26-00101",
        stage=Stage.ISSUED,
        coe_issued_date=D(2026, 3, 22),
    )
    return cases.create_case(db, dataclasses.replace(data, **changes), actor="tester")  # type: ignore[arg-type]


def test_receipt_registration_is_stored_and_read_back(db: Database) -> None:
    case_id = _issued_case(db, coe_delivery="email", coe_receipt_registered_on=D(2026, 3, 25))
    detail = cases.get_case(db, case_id, today=TODAY)
    assert detail.values.coe_delivery == "email"
    assert detail.values.coe_receipt_registered_on == D(2026, 3, 25)
    assert detail.assessment.action.render().startswith(
        "The applicant registered receipt (受領登録) on 2026-03-25: record the certificate as sent"
    )


def test_the_list_says_what_to_send_and_by_when(db: Database) -> None:
    email = _issued_case(db, coe_delivery="email")
    paper = _issued_case(
        db,
        reference="26-0102",
        application_number="東就認T26-00102",
        coe_delivery="paper",
        planned_entry_date=D(2026, 5, 7),  # 5 working days back over Golden Week: 2026-04-24
    )
    rows = {row.id: row for row in list_cases(db, today=TODAY)}
    assert (
        rows[email]
        .assessment.action.render()
        .startswith(
            "Forward the e-mail with the electronic certificate to the applicant now, at the latest"
            " by 2026-06-15; the"
            " applicant must register receipt (受領登録)"
        )
    )
    assert (
        rows[paper]
        .assessment.action.render()
        .startswith(
            "Send the applicant a copy or scan of the paper certificate now, at the latest by"
            " 2026-04-24 "
        )
    )


def test_registration_needs_an_electronic_certificate_issued_before_it(db: Database) -> None:
    with pytest.raises(ValidationError) as paper:
        _issued_case(db, coe_delivery="paper", coe_receipt_registered_on=D(2026, 3, 25))
    assert "coe_receipt_registered_on" in paper.value.problems
    with pytest.raises(ValidationError) as early:
        _issued_case(db, coe_delivery="email", coe_receipt_registered_on=D(2026, 3, 21))
    assert "coe_receipt_registered_on" in early.value.problems


def test_case_summary_prints_the_delivery_and_registration(db: Database, qapp: object) -> None:
    case_id = _issued_case(db, coe_delivery="email")
    summary = case_summary_for(
        case_for_print(db, case_id, today=TODAY), printed_at=dt.datetime(2026, 4, 1, 9)
    )
    assert "E-mail; receipt not registered yet (受領登録)" in summary.html
    cases.update_case(
        db,
        case_id,
        dataclasses.replace(
            cases.get_case(db, case_id, today=TODAY).values,
            coe_receipt_registered_on=D(2026, 3, 30),
        ),
        expected_version=cases.get_case(db, case_id, today=TODAY).version_id,
        actor="tester",
    )
    summary = case_summary_for(
        case_for_print(db, case_id, today=TODAY), printed_at=dt.datetime(2026, 4, 1, 9)
    )
    assert "E-mail; receipt registered 2026-03-30 (受領登録)" in summary.html


def test_an_expired_certificate_is_labelled_expired_everywhere(db: Database) -> None:
    expired = _issued_case(
        db, filing_date=D(2025, 10, 1), coe_issued_date=D(2025, 12, 1), stage=Stage.SENT
    )
    expiring = _issued_case(
        db,
        reference="26-0102",
        application_number="東就認T26-00102",
        coe_issued_date=D(2026, 1, 20),
        stage=Stage.SENT,
    )
    rows = {row.id: row for row in list_cases(db, today=TODAY)}
    assert rows[expired].assessment.level is Level.COE_EXPIRING  # sorts with the urgent ones
    assert assessment_short_label(rows[expired].assessment).render() == "COE expired"
    assert assessment_short_label(rows[expiring].assessment).render() == "COE expiring"
    assert row_object(rows[expired])["level_label"] == "COE expired"
    assert row_object(rows[expired])["certificate_expired"] is True
    assert row_object(rows[expiring])["certificate_expired"] is False
    json.dumps(row_object(rows[expired]))

    out = io.BytesIO()
    export_cases(db, out, today=TODAY)
    table = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    level_column = next(i for i, title in enumerate(table[0]) if title == "状況")
    by_reference = {line[0].lstrip("'"): line[level_column] for line in table[1:]}
    assert by_reference == {"26-0101": "COE expired", "26-0102": "COE expiring"}


def _at_previous_revision(path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), PREVIOUS_REVISION)
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO organization (id, name, version_id) VALUES (1, '株式会社テスト', 3)")
    raw.execute(
        "INSERT INTO applicant (id, family_name, given_name, version_id)"
        " VALUES (1, 'NGUYEN', 'VAN AN', 2)"
    )
    raw.execute(
        'INSERT INTO "case" (id, reference, organization_id, applicant_id, channel, filing_date,'
        " application_number, stage, coe_issued_date, coe_delivery, notes, archived, version_id,"
        " procedure) VALUES (1, 'R-1', 1, 1, 'online', '2026-01-05', '東就T12-345', 'issued',"
        " '2026-03-22', 'email', 'メモ', 0, 7, 'coe'),"
        " (2, 'R-2', 1, 1, 'counter', '2026-01-06', '東就T12-346', 'sent',"
        " '2026-03-20', 'paper', NULL, 0, 2, 'coe')"
    )
    # A date the user edited stays; the seeded 2027-03-31 moves.
    raw.execute("UPDATE residence_status SET valid_to = '2027-05-31' WHERE code = 'tit_1b'")
    raw.commit()
    raw.close()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


def test_migration_keeps_every_case_value_and_adds_an_empty_registration(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _at_previous_revision(path)
    before = _rows(path, 'SELECT * FROM "case" ORDER BY id')
    others = {t: _rows(path, f"SELECT * FROM {t}") for t in ("organization", "applicant")}
    statuses = "SELECT * FROM residence_status WHERE code NOT LIKE 'tit_%' ORDER BY id"
    statuses_before = _rows(path, statuses)

    database, report = open_database(f"sqlite:///{path}", backup=lambda p, r: None)
    database.dispose()
    assert report.revision_after == migrate.head_revision()

    columns = [row[1] for row in _rows(path, 'PRAGMA table_info("case")')]
    after = _rows(path, 'SELECT * FROM "case" ORDER BY id')
    assert len(after) == 2
    for old, new in zip(before, after, strict=True):
        by_name = dict(zip(columns, new, strict=True))
        assert tuple(by_name[c] for c in columns[: len(old)]) == old
        assert by_name["coe_receipt_registered_on"] is None
    assert {t: _rows(path, f"SELECT * FROM {t}") for t in others} == others
    assert _rows(path, statuses) == statuses_before
    ends = _rows(path, "SELECT code, valid_to FROM residence_status WHERE code LIKE 'tit_%'")
    assert {code: end for code, end in ends} == {
        "tit_1a": "2027-06-30",
        "tit_1b": "2027-05-31",
        "tit_3a": None,
        "tit_3b": None,
    }
    assert _rows(path, "PRAGMA foreign_key_check") == []

"""The case list's phone and books columns (電話番号, 受託日, 報酬額, 依頼者住所, 入金日, 入金額):
written by the CSV and workbook exports, read back by the import."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from coetracker.io.csv_codec import HeaderStyle
from coetracker.services.csv_export import export_cases
from coetracker.services.csv_import import apply_import, problem_text, read_import, read_import_file
from coetracker.services.demo import fill_demo
from coetracker.services.ledger_book import every_case_extras, ledger_extras
from coetracker.services.xlsx_export import export_workbook
from coetracker.storage.engine import Database, open_database
from coetracker.storage.models import AuditEvent, Case, Organization

TODAY = dt.date(2026, 11, 27)
BOOKS = ["電話番号", "受託日", "報酬額", "依頼者住所", "入金日", "入金額"]


@pytest.fixture
def databases(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    source, _ = open_database(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    target, _ = open_database(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    yield source, target
    source.dispose()
    target.dispose()


def _books(db: Database) -> dict[str | None, tuple[object, ...]]:
    """Each case's phone and books, by 受託番号."""
    with db.read_session() as session:
        cases = {
            case_id: (reference, phone)
            for case_id, reference, phone in session.execute(
                select(Case.id, Case.reference, Case.department_phone)
            )
        }
        extras = ledger_extras(session, list(cases))
    return {
        reference: (
            phone,
            extras[case_id].accepted_on,
            extras[case_id].fee,
            extras[case_id].client_address,
            extras[case_id].last_paid_on,
            extras[case_id].paid,
        )
        for case_id, (reference, phone) in cases.items()
    }


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_demo_books_survive_export_and_import_into_an_empty_database(
    databases: tuple[Database, Database], tmp_path: Path, suffix: str
) -> None:
    source, target = databases
    fill_demo(source, today=TODAY)
    out = tmp_path / f"demo{suffix}"
    if suffix == ".csv":
        export_cases(source, out, today=TODAY)
    else:
        export_workbook(source, out, today=TODAY)
    plan = read_import_file(target, out)
    assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
    apply_import(target, plan, actor="test")
    expected = _books(source)
    assert _books(target) == expected
    # The demo has fees, payments and phones, so the comparison compared something.
    values = list(expected.values())
    assert sum(1 for v in values if v[2]) >= 10 and sum(1 for v in values if v[5]) >= 5
    assert any(v[0] for v in values)


def test_english_headers_and_the_columns_written(
    databases: tuple[Database, Database], tmp_path: Path
) -> None:
    source, _target = databases
    fill_demo(source, today=TODAY)
    out = tmp_path / "en.csv"
    export_cases(source, out, today=TODAY, header_style=HeaderStyle.EN)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    # The books columns come before the 代理人 and delivery columns, which end the row.
    assert list(rows[0])[-12:-6] == [
        "department_phone",
        "accepted_on",
        "fee",
        "client_address",
        "paid_on",
        "paid_amount",
    ]
    paid = [r for r in rows if r["paid_amount"]]
    assert paid and all(r["paid_amount"].isdigit() and r["paid_on"] for r in paid)
    with source.read_session() as session:
        assert len(every_case_extras(session)) >= len(paid)


HEADER = "受託番号,所属機関,申請人(姓),申請人(名)," + ",".join(BOOKS)


def test_an_office_sheet_with_books_columns_is_imported(
    databases: tuple[Database, Database],
) -> None:
    _source, target = databases
    data = (
        f"{HEADER}\r\n"
        'R8-001,株式会社さくら,NGUYEN,AN,03-5796-7111,2026/4/1,"¥120,000",東京都港区1-2-3,'
        "令和8年5月1日,132000円\r\n"
    ).encode("utf-8-sig")
    plan = read_import(target, data)
    assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
    apply_import(target, plan, actor="test")
    assert _books(target) == {
        "R8-001": (
            "03-5796-7111",
            dt.date(2026, 4, 1),
            120_000,
            "東京都港区1-2-3",
            dt.date(2026, 5, 1),
            132_000,
        )
    }
    # Importing the same row again as an update adds no second payment or fee line.
    again = read_import(target, data, update=True)
    assert again.ok
    apply_import(target, again, actor="test")
    assert _books(target)["R8-001"][2:] == (
        120_000,
        "東京都港区1-2-3",
        dt.date(2026, 5, 1),
        132_000,
    )


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        (",,,,2026-05-01,", "入金額"),  # a date without an amount: the amount is missing
        (",,,,,5000", "入金日"),  # an amount without a date
        (",,十万円,,,", "報酬額"),
        (",,,,2026-05-01,0", "入金額"),
    ],
)
def test_a_payment_or_amount_that_cannot_be_recorded_is_a_row_problem(
    databases: tuple[Database, Database], cells: str, column: str
) -> None:
    _source, target = databases
    data = f"{HEADER}\r\nR8-002,株式会社さくら,LI,NA,{cells}\r\n".encode("utf-8-sig")
    plan = read_import(target, data)
    assert not plan.ok
    assert [(p.row, p.column) for p in plan.problems] == [(2, column)]


@pytest.mark.parametrize(
    "blanked",
    [
        [],
        ["UPDATE organization SET postal_code = NULL, prefecture = '', address = NULL"],
        [
            "UPDATE organization SET postal_code = NULL, prefecture = NULL, address = NULL",
            "DELETE FROM payment",
            "DELETE FROM fee_line WHERE kind = 'fee'",
        ],
        ["UPDATE \"case\" SET agent_name = ''"],
    ],
    ids=["demo", "no-client-addresses", "no-addresses-fees-or-payments", "no-agents"],
)
def test_every_case_extras_agrees_with_the_ledgers_extras_case_by_case(
    databases: tuple[Database, Database], blanked: list[str]
) -> None:
    source, _target = databases
    fill_demo(source, today=TODAY)
    with source.write_session() as session:
        for statement in blanked:
            session.execute(text(statement))
    with source.read_session() as session:
        every = every_case_extras(session)
        ids = list(session.scalars(select(Case.id)))
        one_by_one = ledger_extras(session, ids)
    assert every == {
        case_id: extras
        for case_id, extras in one_by_one.items()
        if extras.client_address or extras.accepted_on or extras.fee or extras.paid
    }


def test_clients_given_an_address_by_an_import_are_each_recorded_in_the_history(
    databases: tuple[Database, Database],
) -> None:
    """Many clients' addresses set by one import (written together, not a row at a time):
    each client has its address, its version moved once, and one history event naming it."""
    _source, target = databases
    rows = "".join(
        f"R8-{n:03d},株式会社{n:03d},NGUYEN,AN,,,,東京都港区{n}-1,,\r\n"
        f"R8-{n + 1000},株式会社{n:03d},TRAN,BINH,,,,東京都港区{n}-1,,\r\n"  # the same client
        for n in range(1, 601)
    )
    plan = read_import(target, f"{HEADER}\r\n{rows}".encode("utf-8-sig"))
    assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
    apply_import(target, plan, actor="test")
    with target.read_session() as session:
        clients = {
            name: (address, version)
            for name, address, version in session.execute(
                select(Organization.name, Organization.address, Organization.version_id)
            )
        }
        events = session.execute(
            select(AuditEvent.entity_id, AuditEvent.old_value, AuditEvent.new_value).where(
                AuditEvent.entity == "organization", AuditEvent.field == "address"
            )
        ).all()
    assert len(clients) == 600
    assert all(clients[f"株式会社{n:03d}"] == (f"東京都港区{n}-1", 2) for n in range(1, 601))
    assert len(events) == 600 and {new for _id, _old, new in events} == {
        f"東京都港区{n}-1" for n in range(1, 601)
    }

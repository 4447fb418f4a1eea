"""The case list's 代理人 and certificate-delivery columns (代理人氏名, 代理人続柄,
代理人都道府県, 代理人住所, 証明書の受領方法, 受領登録日): written last by the CSV and workbook
exports, read back by the import, left alone by a sheet without them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coetracker.io.csv_codec import HeaderStyle
from coetracker.services.cases import create_case
from coetracker.services.csv_export import export_cases
from coetracker.services.csv_import import (
    ImportRefusedError,
    apply_import,
    problem_text,
    read_import,
    read_import_file,
)
from coetracker.services.demo import fill_demo
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.services.xlsx_export import export_workbook
from coetracker.storage.engine import Database, open_database
from coetracker.storage.models import Case

TODAY = dt.date(2026, 11, 27)
AGENT = [
    "代理人氏名",
    "代理人続柄",
    "代理人都道府県",
    "代理人住所",
    "証明書の受領方法",
    "受領登録日",
]

Values = tuple[str | None, str | None, str | None, str | None, str | None, dt.date | None]


@pytest.fixture
def databases(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    source, _ = open_database(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    target, _ = open_database(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    yield source, target
    source.dispose()
    target.dispose()


def _agents(db: Database) -> dict[str | None, Values]:
    """Each case's 代理人 and delivery, by 受託番号."""
    with db.read_session() as session:
        return {
            reference: tuple(values)  # type: ignore[misc]
            for reference, *values in session.execute(
                select(
                    Case.reference,
                    Case.agent_name,
                    Case.agent_relationship,
                    Case.agent_prefecture,
                    Case.agent_address,
                    Case.coe_delivery,
                    Case.coe_receipt_registered_on,
                )
            )
        }


def _add_family_cases(db: Database) -> None:
    """Two spouse cases with a 代理人: one electronic certificate registered, one on paper; text
    that a spreadsheet would run as a formula included."""
    create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(family_name="TRAN", given_name="MAI"),
            organization=OrganizationInput(name="個人"),
            reference="K-001",
            coe_issued_date=dt.date(2026, 10, 1),
            coe_delivery="email",
            coe_receipt_registered_on=dt.date(2026, 10, 3),
            agent_name="山田 太郎",
            agent_relationship="夫",
            agent_prefecture="埼玉県",
            agent_address="さいたま市浦和区高砂1-2-3",
        ),
        actor="test",
    )
    create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(family_name="SANTOS", given_name="ANA"),
            organization=OrganizationInput(name="個人"),
            reference="K-002",
            coe_issued_date=dt.date(2026, 9, 1),
            coe_delivery="paper",
            agent_name="=HYPERLINK(1)",
            agent_relationship="@妻",
            agent_address="-1 丁目",
        ),
        actor="test",
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("style", [HeaderStyle.JA, HeaderStyle.EN])
def test_agent_and_delivery_survive_export_and_import_into_an_empty_database(
    databases: tuple[Database, Database], tmp_path: Path, suffix: str, style: HeaderStyle
) -> None:
    source, target = databases
    fill_demo(source, today=TODAY)
    _add_family_cases(source)
    out = tmp_path / f"cases{suffix}"
    if suffix == ".csv":
        export_cases(source, out, today=TODAY, header_style=style)
    else:
        export_workbook(source, out, today=TODAY, header_style=style)
    plan = read_import_file(target, out)
    assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
    apply_import(target, plan, actor="test")
    expected = _agents(source)
    assert _agents(target) == expected
    assert expected["K-001"] == (
        "山田 太郎",
        "夫",
        "埼玉県",
        "さいたま市浦和区高砂1-2-3",
        "email",
        dt.date(2026, 10, 3),
    )
    assert expected["K-002"][4] == "paper"
    # The demo's issued certificates carry a delivery too, so more than our two were compared.
    assert sum(1 for v in expected.values() if v[4]) > 2


@pytest.mark.parametrize(
    ("style", "headers", "words"),
    [
        (HeaderStyle.JA, AGENT, ("メール", "紙")),
        (
            HeaderStyle.EN,
            [
                "agent_name",
                "agent_relationship",
                "agent_prefecture",
                "agent_address",
                "coe_delivery",
                "coe_receipt_registered_on",
            ],
            ("email", "paper"),
        ),
    ],
)
def test_the_columns_end_the_row_guarded_after_the_books(
    databases: tuple[Database, Database],
    tmp_path: Path,
    style: HeaderStyle,
    headers: list[str],
    words: tuple[str, str],
) -> None:
    source, _target = databases
    _add_family_cases(source)
    out = tmp_path / "cases.csv"
    export_cases(source, out, today=TODAY, header_style=style)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0][-6:] == headers
    assert rows[0][-7] == ("入金額" if style == HeaderStyle.JA else "paid_amount")
    by_reference = {row[0]: row[-6:] for row in rows[1:]}
    assert by_reference["K-001"] == [
        "山田 太郎",
        "夫",
        "埼玉県",
        "さいたま市浦和区高砂1-2-3",
        words[0],
        "2026-10-03",
    ]
    # Formula triggers get the apostrophe, as in every other text column.
    assert by_reference["K-002"] == ["'=HYPERLINK(1)", "'@妻", "", "'-1 丁目", words[1], ""]


def _header(*columns: str) -> str:
    return ",".join(["受託番号", "所属機関", "申請人(姓)", *columns])


def _count(db: Database) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def test_a_sheet_without_the_columns_keeps_the_stored_values_on_update(
    databases: tuple[Database, Database],
) -> None:
    source, _target = databases
    _add_family_cases(source)
    before = _agents(source)
    data = f"{_header('備考')}\r\nK-001,個人,TRAN,更新しました\r\n".encode("utf-8-sig")
    plan = read_import(source, data, update=True)
    assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
    apply_import(source, plan, actor="test")
    assert _agents(source) == before
    with source.read_session() as session:
        assert session.scalar(select(Case.notes).where(Case.reference == "K-001")) == "更新しました"


def test_update_applies_the_columns_and_a_blank_cell_clears(
    databases: tuple[Database, Database],
) -> None:
    source, _target = databases
    _add_family_cases(source)
    data = (
        f"{_header(*AGENT)}\r\n"
        "K-001,個人,TRAN,山田 花子,妻,東京都,,紙,\r\n"
        "K-002,個人,SANTOS,,,,,メール,令和8年9月5日\r\n"
    ).encode("utf-8-sig")
    plan = read_import(source, data, update=True)
    assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
    apply_import(source, plan, actor="test")
    agents = _agents(source)
    assert agents["K-001"] == ("山田 花子", "妻", "東京都", None, "paper", None)
    assert agents["K-002"] == (None, None, None, None, "email", dt.date(2026, 9, 5))


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ("FAX,", "証明書の受領方法"),
        ("紙,2026-10-03", "受領登録日"),  # receipt is registered only for an electronic one
        ("メール,2026-13-01", "受領登録日"),
        ("メール,2026-08-01", "受領登録日"),  # before the certificate was issued
    ],
)
@pytest.mark.parametrize("update", [False, True])
def test_a_bad_delivery_cell_is_a_row_problem_and_nothing_is_written(
    databases: tuple[Database, Database], cells: str, column: str, update: bool
) -> None:
    source, _target = databases
    _add_family_cases(source)
    before, count = _agents(source), _count(source)
    reference = "K-002" if update else "K-003"
    data = (
        f"{_header('交付日', '証明書の受領方法', '受領登録日')}\r\n"
        f"{reference},個人,SANTOS,2026-09-01,{cells}\r\n"
    ).encode("utf-8-sig")
    plan = read_import(source, data, update=update)
    assert not plan.ok
    assert [(p.row, p.column) for p in plan.problems] == [(2, column)]
    with pytest.raises(ImportRefusedError):
        apply_import(source, plan, actor="test")
    assert _agents(source) == before
    assert _count(source) == count

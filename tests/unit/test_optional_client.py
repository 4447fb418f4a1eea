"""A family case filed by its 代理人 needs no client company; every other case still does.

Lists (window, CLI, expiry list) show its 代理人 in the client column; the ledger names the
代理人 as the client (依頼者); printouts and the detail pane leave the 所属機関 field blank beside
the 代理人's own rows; CSV and workbook leave the client cell blank (the 代理人 columns hold the
person), and imports accept a blank client cell on such a row only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from coetracker.domain.jurisdiction import client_is_optional
from coetracker.domain.model import FilingChannel, Stage
from coetracker.io.csv_codec import HeaderStyle
from coetracker.printing.documents import call_sheet_for, case_summary_for
from coetracker.services import reference
from coetracker.services.caselist import list_cases
from coetracker.services.cases import create_case, get_case, update_case
from coetracker.services.csv_export import export_cases
from coetracker.services.csv_import import (
    ImportRefusedError,
    apply_import,
    problem_text,
    read_import,
    read_import_file,
)
from coetracker.services.errors import ValidationError
from coetracker.services.ledger_book import client_of
from coetracker.services.print_documents import case_for_print
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.services.xlsx_export import export_workbook
from coetracker.storage.engine import Database, open_database
from coetracker.storage.models import Case, Organization
from tests.helpers.cli import run_cli

TODAY = dt.date(2026, 12, 4)
CLIENT_REQUIRED = "Choose or enter the client company."


def _status(db: Database, code: str) -> int:
    return next(s.id for s in reference.list_statuses(db) if s.code == code)


def _family(db: Database, **changes: object) -> CaseInput:
    values: dict[str, object] = {
        "applicant": ApplicantInput(family_name="SANTOS", given_name="MARIA"),
        "residence_status_id": _status(db, "spouse_of_japanese"),
        "reference": "F-001",
        "agent_name": "佐藤 一郎",
        "agent_relationship": "夫",
        "agent_prefecture": "埼玉県",
        "agent_address": "さいたま市浦和区高砂3-1-1",
        "stage": Stage.FILED,
        "channel": FilingChannel.COUNTER,
        "filing_date": dt.date(2026, 10, 1),
        "application_number": "東永認T26-00123",
    }
    values.update(changes)
    return CaseInput(**values)  # type: ignore[arg-type]


def _organizations(db: Database) -> int:
    with db.read_session() as session:
        return len(session.scalars(select(Organization.id)).all())


# -- the rule -----------------------------------------------------------------------------------


def test_only_a_family_status_with_a_named_agent_may_go_without_a_client() -> None:
    for code in ("spouse_of_japanese", "spouse_of_permanent_resident", "long_term_resident"):
        assert client_is_optional(code, "佐藤 一郎")
    assert client_is_optional("dependent", "佐藤 一郎")
    assert not client_is_optional("dependent", None)
    assert not client_is_optional("dependent", "  ")
    assert not client_is_optional("engineer_humanities", "佐藤 一郎")
    assert not client_is_optional(None, "佐藤 一郎")


def test_a_family_case_is_stored_without_a_client_company(db: Database) -> None:
    case_id = create_case(db, _family(db), actor="test")
    detail = get_case(db, case_id, today=TODAY)
    assert detail.organization is None
    assert detail.values.organization_id is None
    assert detail.client_name == "佐藤 一郎"
    assert _organizations(db) == 0  # no placeholder company was made


@pytest.mark.parametrize(
    "changes",
    [
        {"residence_status_id": None},  # no status: not known to be a family case
        {"agent_name": None},  # family, but nobody named
        {"agent_name": "   "},
    ],
)
def test_without_a_client_other_cases_are_refused_and_nothing_is_written(
    db: Database, changes: dict[str, object]
) -> None:
    with pytest.raises(ValidationError) as caught:
        create_case(db, _family(db, **changes), actor="test")
    assert CLIENT_REQUIRED in caught.value.problems["organization"].render()
    assert list_cases(db, today=TODAY) == []


def test_a_work_case_without_a_client_is_refused(db: Database) -> None:
    data = _family(db, residence_status_id=_status(db, "engineer_humanities"))
    with pytest.raises(ValidationError) as caught:
        create_case(db, data, actor="test")
    assert "family case" in caught.value.problems["organization"].render()


def test_an_edit_that_makes_the_case_a_work_case_needs_a_client(db: Database) -> None:
    case_id = create_case(db, _family(db), actor="test")
    detail = get_case(db, case_id, today=TODAY)
    work = _family(db, residence_status_id=_status(db, "engineer_humanities"))
    with pytest.raises(ValidationError):
        update_case(db, case_id, work, expected_version=detail.version_id, actor="test")
    with_client = _family(
        db,
        residence_status_id=_status(db, "engineer_humanities"),
        organization=OrganizationInput(name="株式会社テスト"),
    )
    update_case(db, case_id, with_client, expected_version=detail.version_id, actor="test")
    stored = get_case(db, case_id, today=TODAY)
    assert stored.organization is not None
    assert stored.client_name == "株式会社テスト"


# -- where the client is shown ------------------------------------------------------------------


def test_the_list_the_filters_and_the_cli_show_the_agent(db: Database, db_path: Path) -> None:
    create_case(db, _family(db), actor="test")
    create_case(
        db,
        _family(
            db,
            reference="W-001",
            applicant=ApplicantInput(family_name="NGUYEN", given_name="AN"),
            residence_status_id=_status(db, "engineer_humanities"),
            organization=OrganizationInput(name="株式会社さくら"),
            agent_name=None,
            application_number="東就認T26-1",
        ),
        actor="test",
    )
    rows = {row.reference: row for row in list_cases(db, today=TODAY, explain=True)}
    assert (rows["F-001"].client, rows["F-001"].organization_id) == ("佐藤 一郎", None)
    assert rows["W-001"].client == "株式会社さくら"
    result = run_cli("--db", db_path, "--today", TODAY.isoformat(), "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    by_reference = {item["reference"]: item for item in json.loads(result.stdout)}
    assert by_reference["F-001"]["client"] == "佐藤 一郎"
    due = run_cli("--db", db_path, "--today", TODAY.isoformat(), "due", "--reasons")
    assert due.returncode == 0, due.stderr


def test_printouts_leave_the_company_blank_and_name_the_agent_the_ledger_too(
    db: Database,
) -> None:
    case_id = create_case(db, _family(db, agent_name="佐藤 <b>一郎</b>"), actor="test")
    printable = case_for_print(db, case_id, today=TODAY)
    assert printable.case.company_name == ""
    for html in (case_summary_for(printable).html, call_sheet_for(printable).html):
        assert html.count("佐藤 &lt;b&gt;一郎&lt;/b&gt;") == 1  # the 代理人 row, not 所属機関
        assert "<b>一郎" not in html
    with db.read_session() as session:
        client = client_of(session.get_one(Case, case_id))
    assert client.name == "佐藤 <b>一郎</b>"
    assert client.address == "埼玉県さいたま市浦和区高砂3-1-1"


def _client_cells(data: bytes) -> dict[str, str]:
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    head = table[0]
    return {line[0].lstrip("'"): line[head.index("所属機関")] for line in table[1:]}


def test_the_csv_export_leaves_the_client_blank_beside_the_agent_columns(db: Database) -> None:
    create_case(db, _family(db), actor="test")
    for rows in (None, list_cases(db, today=TODAY)):  # every case, and the rows shown
        out = io.BytesIO()
        export_cases(db, out, today=TODAY, rows=rows)
        assert _client_cells(out.getvalue()) == {"F-001": ""}
        table = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
        assert table[1][table[0].index("代理人氏名")] == "佐藤 一郎"


# -- imports ------------------------------------------------------------------------------------

HEADER = "受託番号,所属機関,申請人(姓),在留資格,代理人氏名"


def test_import_accepts_a_blank_client_on_a_family_row_with_its_agent(db: Database) -> None:
    data = f"{HEADER}\r\nF-9,,TRAN,日本人の配偶者等,山田 太郎\r\n".encode("utf-8-sig")
    plan = read_import(db, data)
    assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
    apply_import(db, plan, actor="test")
    (row,) = list_cases(db, today=TODAY)
    assert (row.reference, row.organization_id, row.client) == ("F-9", None, "山田 太郎")
    assert _organizations(db) == 0


@pytest.mark.parametrize(
    "line",
    [
        "W-9,,TRAN,技術・人文知識・国際業務,山田 太郎",  # a work status
        "F-9,,TRAN,日本人の配偶者等,",  # a family status without its 代理人
        "F-9,,TRAN,,山田 太郎",  # no status
    ],
)
def test_import_refuses_a_blank_client_elsewhere_naming_row_and_column(
    db: Database, line: str
) -> None:
    plan = read_import(db, f"{HEADER}\r\n{line}\r\n".encode("utf-8-sig"))
    assert not plan.ok
    assert [(p.row, p.column) for p in plan.problems] == [(2, "所属機関")]
    text = problem_text(plan.problems[0], lambda _c, s: s)
    assert CLIENT_REQUIRED in text or "The client (所属機関) is blank." in text
    with pytest.raises(ImportRefusedError):
        apply_import(db, plan, actor="test")
    assert list_cases(db, today=TODAY) == []


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Database]:
    database, _ = open_database(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    yield database
    database.dispose()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_case_without_a_client_survives_export_and_import(
    db: Database, target: Database, tmp_path: Path, suffix: str
) -> None:
    create_case(db, _family(db), actor="test")
    out = tmp_path / f"cases{suffix}"
    if suffix == ".csv":
        export_cases(db, out, today=TODAY, header_style=HeaderStyle.JA)
    else:
        export_workbook(db, out, today=TODAY, header_style=HeaderStyle.JA)
    plan = read_import_file(target, out)
    assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
    apply_import(target, plan, actor="test")
    (row,) = list_cases(target, today=TODAY)
    assert (row.organization_id, row.client) == (None, "佐藤 一郎")
    detail = get_case(target, row.id, today=TODAY)
    assert detail.values.agent_name == "佐藤 一郎"
    assert detail.values.agent_address == "さいたま市浦和区高砂3-1-1"
    assert _organizations(target) == 0


def test_an_update_row_with_a_blank_client_clears_the_company_of_a_family_case(
    db: Database,
) -> None:
    case_id = create_case(
        db, _family(db, organization=OrganizationInput(name="個人依頼")), actor="test"
    )
    data = f"{HEADER}\r\nF-001,,SANTOS,日本人の配偶者等,佐藤 一郎\r\n".encode("utf-8-sig")
    plan = read_import(db, data, update=True)
    assert plan.ok, [problem_text(p, lambda _c, s: s) for p in plan.problems]
    apply_import(db, plan, actor="test")
    assert get_case(db, case_id, today=TODAY).organization is None


def test_the_printed_case_list_and_the_expiry_list_name_the_agent(db: Database) -> None:
    from coetracker.printing.documents import case_list_for
    from coetracker.services import cards
    from coetracker.services.settings import office_of

    case_id = create_case(db, _family(db, agent_name="佐藤 <i>一郎</i>"), actor="test")
    listed = case_list_for(list_cases(db, today=TODAY), office_of(db)).html
    assert "佐藤 &lt;i&gt;一郎&lt;/i&gt;" in listed and "<i>一郎" not in listed
    detail = get_case(db, case_id, today=TODAY)
    cards.save_card(
        db,
        detail.applicant.id,
        cards.CardInput(card_number="AB12345678CD", period_months=12, expiry_date=TODAY),
        expected_version=None,
        actor="test",
        case_id=case_id,
    )
    (row,) = cards.upcoming_expiries(db, today=TODAY)
    assert (row.case_id, row.organization_id, row.client) == (case_id, None, "佐藤 <i>一郎</i>")
    # A renewal started from it keeps the 代理人 as its client, so it can be saved again.
    renewal_id = cards.start_renewal_case(db, case_id, actor="test")
    renewal = get_case(db, renewal_id, today=TODAY)
    assert (renewal.organization, renewal.client_name) == (None, "佐藤 <i>一郎</i>")
    update_case(db, renewal_id, renewal.values, expected_version=renewal.version_id, actor="t")

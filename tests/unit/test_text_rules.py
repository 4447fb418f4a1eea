"""Names and identifiers: control characters and bidi overrides refused, lengths capped, and
width or case variants (ＳＭＩＴＨ / Smith, ２６－９００１ / 26-9001) found as duplicates on import
instead of creating a second applicant or case. Real SQLite files."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coetracker.domain.text_rules import CAPS, NOTES_CAP, text_problem
from coetracker.services import parties
from coetracker.services.csv_import import apply_import, read_import
from coetracker.services.errors import ValidationError
from coetracker.services.records import ApplicantInput
from coetracker.storage.engine import Database
from coetracker.storage.models import Applicant
from tests.helpers.csv_sheets import add_case, problems, sheet


@pytest.mark.parametrize(
    "name",
    ["EVIL\x1b[2J", "BELL\x07", "NUL\x00X", "ABC\u202eDEF", "X\u2066Y", "A" * 101],
)
def test_bad_names_are_refused_with_a_sentence(name: str):
    with pytest.raises(ValidationError) as caught:
        parties.applicant_values(ApplicantInput(family_name=name))
    assert "family_name" in caught.value.problems


def test_tab_and_line_breaks_pass_and_notes_have_a_larger_cap():
    assert text_problem("A\tB\nC\r\nD", limit=CAPS["family_name"]) is None
    assert text_problem("x" * NOTES_CAP, limit=NOTES_CAP, notes=True) is None
    too_long = text_problem("x" * (NOTES_CAP + 1), limit=NOTES_CAP, notes=True)
    assert too_long is not None and str(NOTES_CAP) in too_long.render()
    assert text_problem("مرحبا\u200f", limit=100, notes=True) is None  # notes may quote RTL


def test_a_100000_character_name_in_an_import_is_refused_by_row(db: Database):
    plan = read_import(db, sheet("所属機関,申請人(姓)\nACME," + "A" * 100_000 + "\n"))
    assert not plan.ok
    assert [(row, column) for row, column, _text in problems(plan)] == [(2, "申請人(姓)")]


def test_width_and_case_variants_are_duplicates_on_import(db: Database):
    add_case(db)  # reference 26-0001, NGUYEN VAN AN born 1998-04-12
    plan = read_import(
        db,
        sheet(
            "受託番号,所属機関,申請人(姓),申請人(名),生年月日\n"
            "２６－０００１,ACME,X,,\n"
            "N-1,ACME,ＮＧＵＹＥＮ,van an,1998-04-12\n"
            "n-1,ACME,Y,,\n"
        ),
    )
    assert [(row, column) for row, column, _text in problems(plan)] == [
        (2, "受託番号"),
        (4, "受託番号"),
    ]
    plan = read_import(
        db,
        sheet(
            "受託番号,所属機関,申請人(姓),申請人(名),生年月日\n"
            "N-1,ACME,ＮＧＵＹＥＮ,van an,1998-04-12\n"
        ),
    )
    assert plan.ok, problems(plan)
    apply_import(db, plan, actor="test")
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Applicant)) == 1

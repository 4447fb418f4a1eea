"""Branch offices (出張所) with the area they serve, and the 代理人 of a family case.

Jurisdiction: a work case is filed where the client is; a family case where the relative in
Japan (the 代理人) lives. Branch offices that accept COE applications are proposed beside the
office with jurisdiction when their published area covers the address.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from coetracker.domain.jurisdiction import Basis, basis_for, is_family_status, serves
from coetracker.domain.model import FilingChannel, InquiryPolicy, Stage
from coetracker.printing.documents import call_sheet_for, case_summary_for
from coetracker.printing.pdf import write_pdf
from coetracker.services import reference
from coetracker.services.cases import create_case, get_case, update_case
from coetracker.services.errors import ValidationError
from coetracker.services.print_documents import case_for_print
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage.engine import Database

TODAY = dt.date(2026, 12, 4)


def _status(db: Database, code: str) -> int:
    return next(s.id for s in reference.list_statuses(db) if s.code == code)


def _office(db: Database, code: str) -> reference.BureauRecord:
    return next(b for b in reference.list_bureaus(db) if b.code == code)


def _spouse_case(db: Database, **changes: object) -> CaseInput:
    values: dict[str, object] = {
        "applicant": ApplicantInput(family_name="SANTOS", given_name="MARIA"),
        "organization": OrganizationInput(name="個人依頼（佐藤家）", prefecture="東京都"),
        "residence_status_id": _status(db, "spouse_of_japanese"),
        "agent_name": "佐藤 一郎",
        "agent_relationship": "配偶者",
        "agent_prefecture": "埼玉県",
        "agent_address": "さいたま市浦和区高砂3-1-1",
    }
    values.update(changes)
    return CaseInput(**values)  # type: ignore[arg-type]


# -- domain ---------------------------------------------------------------------------------------


def test_family_statuses_are_the_relative_based_ones() -> None:
    for code in ("spouse_of_japanese", "spouse_of_permanent_resident", "long_term_resident"):
        assert is_family_status(code)
    assert is_family_status("dependent")
    assert not is_family_status("engineer_humanities")
    assert not is_family_status(None)


def test_family_case_follows_the_agent_work_case_the_client() -> None:
    family = basis_for("spouse_of_japanese", client_prefecture="東京都", agent_prefecture="埼玉県")
    assert family is not None
    assert (family.basis, family.prefecture) == (Basis.AGENT, "埼玉県")
    work = basis_for("engineer_humanities", client_prefecture="東京都", agent_prefecture="埼玉県")
    assert work is not None
    assert (work.basis, work.prefecture) == (Basis.CLIENT, "東京都")
    # A family case without the relative's prefecture falls back to the client's.
    fallback = basis_for("dependent", client_prefecture="大阪府", agent_prefecture=None)
    assert fallback is not None
    assert (fallback.basis, fallback.prefecture) == (Basis.CLIENT, "大阪府")
    assert basis_for("dependent", client_prefecture=None) is None


def test_area_matches_prefecture_with_or_without_suffix_and_named_cities() -> None:
    assert serves("埼玉県", "埼玉県")
    assert serves("埼玉県", "埼玉")
    assert serves("滋賀県、京都府", "京都府")
    assert serves("滋賀県、京都府", "京都")
    assert not serves("京都府", "東京都")  # 京都 is not a suffix-stripped 東京
    assert serves("大津市、草津市（一部）", "滋賀県", "滋賀県草津市野路1-1")
    assert not serves("大津市、草津市", "滋賀県", "滋賀県彦根市元町1")
    assert not serves(None, "埼玉県")
    assert not serves("", "埼玉県")


# -- seeded offices and the proposal ----------------------------------------------------------


def test_seeded_branch_offices_sit_under_their_bureau_and_take_coe(db: Database) -> None:
    bureaus = {b.code: b for b in reference.list_bureaus(db)}
    expected = {
        "saitama": ("tokyo", "埼玉県"),
        "tachikawa": ("tokyo", "東京都"),
        "kawasaki": ("yokohama", "神奈川県"),
        "otsu": ("osaka", "滋賀県"),
        "oita": ("fukuoka", None),
    }
    for code, (parent, area) in expected.items():
        office = bureaus[code]
        assert office.kind == "branch" and office.is_branch
        assert office.parent_id == bureaus[parent].id
        assert office.area_served == area
        assert office.accepts_coe
        assert office.inquiry_policy is InquiryPolicy.SPECIFIC_MATTERS
    # Listed after their regional bureau's own offices, never before the bureau.
    order = [b.code for b in reference.list_bureaus(db)]
    assert order.index("tokyo") < order.index("yokohama") < order.index("saitama")
    assert order.index("saitama") < order.index("nagoya")


def test_proposal_puts_jurisdiction_first_then_branches_serving_the_area(db: Database) -> None:
    assert [o.code for o in reference.offices_for(db, "埼玉県")] == ["tokyo", "saitama"]
    assert [o.code for o in reference.offices_for(db, "神奈川県")] == ["yokohama", "kawasaki"]
    assert [o.code for o in reference.offices_for(db, "滋賀県")] == ["osaka", "otsu"]
    assert [o.code for o in reference.offices_for(db, "京都府")] == ["osaka"]
    assert [o.code for o in reference.offices_for(db, "大分県")] == ["fukuoka"]  # area unknown
    assert reference.offices_for(db, None) == []


def test_an_added_office_is_stored_under_its_bureau_and_proposed(db: Database) -> None:
    osaka = _office(db, "osaka")
    office_id = reference.add_office(
        db,
        name_ja="大阪出入国在留管理局京都出張所",
        parent_id=osaka.id,
        area_served="京都府",
        inquiry_policy=InquiryPolicy.COUNTER_ONLY,
        actor="test",
    )
    added = next(b for b in reference.list_bureaus(db) if b.id == office_id)
    assert (added.short_name_ja, added.kind, added.parent_id) == ("京都出張所", "branch", osaka.id)
    assert added.inquiry_policy is InquiryPolicy.COUNTER_ONLY
    assert [o.id for o in reference.offices_for(db, "京都府")] == [osaka.id, office_id]
    # Its area can be corrected later; a regional bureau keeps its prefectures, not a text.
    reference.update_bureau(
        db,
        office_id,
        phone="075-000-0000",
        inquiry_policy=InquiryPolicy.SPECIFIC_MATTERS,
        expected_version=added.version_id,
        actor="test",
        area_served="京都府、滋賀県（一部）",
    )
    assert _office(db, added.code).area_served == "京都府、滋賀県（一部）"
    reference.update_bureau(
        db,
        osaka.id,
        phone=None,
        inquiry_policy=osaka.inquiry_policy,
        expected_version=osaka.version_id,
        actor="test",
        area_served="ignored",
    )
    assert _office(db, "osaka").area_served is None


def test_an_office_needs_a_new_name(db: Database) -> None:
    tokyo = _office(db, "tokyo")
    with pytest.raises(ValidationError) as blank:
        reference.add_office(
            db,
            name_ja="  ",
            parent_id=tokyo.id,
            area_served=None,
            inquiry_policy=InquiryPolicy.SPECIFIC_MATTERS,
            actor="test",
        )
    assert "name_ja" in blank.value.problems
    with pytest.raises(ValidationError) as taken:
        reference.add_office(
            db,
            name_ja="東京出入国在留管理局さいたま出張所",
            parent_id=tokyo.id,
            area_served="埼玉県",
            inquiry_policy=InquiryPolicy.SPECIFIC_MATTERS,
            actor="test",
        )
    assert "name_ja" in taken.value.problems
    assert sum(b.kind == "branch" for b in reference.list_bureaus(db)) == 5


# -- the 代理人 on a case ------------------------------------------------------------------------


def test_agent_is_stored_edited_and_audited(db: Database) -> None:
    case_id = create_case(db, _spouse_case(db, agent_name=" 佐藤 一郎 "), actor="test")
    detail = get_case(db, case_id, today=TODAY)
    values = detail.values
    assert (values.agent_name, values.agent_relationship) == ("佐藤 一郎", "配偶者")
    assert (values.agent_prefecture, values.agent_address) == (
        "埼玉県",
        "さいたま市浦和区高砂3-1-1",
    )
    update_case(
        db,
        case_id,
        _spouse_case(
            db,
            organization=None,
            organization_id=detail.organization.id if detail.organization else None,
            applicant_id=detail.applicant.id,
            agent_prefecture="千葉県",
            agent_address=None,
        ),
        expected_version=detail.version_id,
        expected_applicant_version=detail.applicant.version_id,
        actor="test",
    )
    after = get_case(db, case_id, today=TODAY).values
    assert (after.agent_prefecture, after.agent_address) == ("千葉県", None)
    with db.read_session() as session:
        from sqlalchemy import select

        from coetracker.storage.models import AuditEvent

        fields = set(
            session.scalars(
                select(AuditEvent.field).where(
                    AuditEvent.case_id == case_id, AuditEvent.action == "update"
                )
            )
        )
    assert {"agent_prefecture", "agent_address"} <= fields


def test_agent_name_too_long_is_refused_with_the_field_named(db: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        create_case(db, _spouse_case(db, agent_name="長" * 101), actor="test")
    assert "agent_name" in refused.value.problems


@pytest.fixture
def _gui_app(qapp: object) -> Iterator[None]:
    yield


def test_printouts_name_the_agent(db: Database, _gui_app: None, tmp_path: Path) -> None:
    case_id = create_case(
        db,
        _spouse_case(
            db,
            bureau_id=_office(db, "saitama").id,
            stage=Stage.FILED,
            channel=FilingChannel.COUNTER,
            filing_date=dt.date(2026, 10, 1),
            application_number="東永認T26-00123",
            agent_name="佐藤 <b>一郎</b>",
        ),
        actor="test",
    )
    summary = case_summary_for(case_for_print(db, case_id, today=TODAY)).html
    sheet = call_sheet_for(case_for_print(db, case_id, today=TODAY))
    for html in (summary, sheet.html):
        assert "佐藤 &lt;b&gt;一郎&lt;/b&gt;（配偶者）" in html
        assert "埼玉県さいたま市浦和区高砂3-1-1" in html
        assert "<b>一郎" not in html
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils (make test does)")
    out = tmp_path / "sheet.pdf"
    assert write_pdf(sheet, out) == 1
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "Representative" in flat
    assert "佐藤<b>一郎</b>（配偶者）" in flat  # printed as text, never as markup
    assert "埼玉県さいたま市浦和区高砂3-1-1" in flat
    assert "さいたま出張所" in flat


def test_a_case_without_agent_prints_no_agent_rows(db: Database) -> None:
    case_id = create_case(
        db,
        _spouse_case(
            db,
            residence_status_id=_status(db, "engineer_humanities"),
            agent_name=None,
            agent_relationship=None,
            agent_prefecture=None,
            agent_address=None,
        ),
        actor="test",
    )
    assert "代理人" not in case_summary_for(case_for_print(db, case_id, today=TODAY)).html

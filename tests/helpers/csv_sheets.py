"""Cases and sheets for the CSV tests: one filed case with changes applied, a sheet's bytes as
a spreadsheet saves them, and an import plan's problems as plain tuples."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select

from coetracker.domain.model import FilingChannel, Stage
from coetracker.services import csv_import
from coetracker.services.cases import create_case_in
from coetracker.services.documents import add_request_in
from coetracker.services.inquiries import log_inquiry_in
from coetracker.services.records import ApplicantInput, CaseInput, InquiryInput, OrganizationInput
from coetracker.storage.engine import Database
from coetracker.storage.models import Bureau, ResidenceStatus


def reference_ids(db: Database) -> tuple[dict[str, int], dict[str, int]]:
    """Residence status and bureau ids by code."""
    with db.read_session() as session:
        statuses = dict(session.execute(select(ResidenceStatus.code, ResidenceStatus.id)).all())
        bureaus = dict(session.execute(select(Bureau.code, Bureau.id)).all())
    return statuses, bureaus


def add_case(db: Database, **changes: Any) -> int:
    """One filed case (Tokyo, 技術・人文知識・国際業務), with ``changes`` applied."""
    statuses, bureaus = reference_ids(db)
    applicant = changes.pop("applicant", None) or ApplicantInput(
        family_name="NGUYEN",
        given_name="VAN AN",
        name_kana="グエン・ヴァン・アン",
        nationality_code="VN",
        birth_date=dt.date(1998, 4, 12),
    )
    data = CaseInput(
        applicant=applicant,
        organization=OrganizationInput(name=changes.pop("client", "株式会社さくら精工")),
        reference="26-0001",
        residence_status_id=statuses["engineer_humanities"],
        bureau_id=bureaus["tokyo"],
        channel=FilingChannel.COUNTER,
        filing_date=dt.date(2026, 9, 1),
        application_number="東就認T26-00001",
        stage=Stage.FILED,
    )
    inquiry = changes.pop("inquiry", None)
    request = changes.pop("request", None)
    data = dataclasses.replace(data, **changes)
    with db.write_session() as session:
        case_id = create_case_in(session, data, actor="test")
        if inquiry is not None:
            log_inquiry_in(session, case_id, InquiryInput(made_at=inquiry), actor="test")
        if request is not None:
            add_request_in(session, case_id, request, actor="test")
    return case_id


def sheet(text: str, encoding: str = "utf-8-sig") -> bytes:
    """``text`` with CRLF line ends in ``encoding`` (a BOM by default)."""
    return text.replace("\n", "\r\n").encode(encoding)


def problems(plan: csv_import.ImportPlan) -> list[tuple[int, str, str]]:
    """(row, column, message) of every problem in ``plan``."""
    return [(p.row, p.column, p.message.render()) for p in plan.problems]

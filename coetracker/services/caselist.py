"""The case list: every case with its client, applicant and readiness, in a constant number of
SQL statements whatever the number of cases.

One statement fetches the cases joined to their client, applicant, status and bureau, with the
inquiry and request aggregates the table shows; :class:`~coetracker.services.case_facts.FactsSource`
reads what else the rules need (requests, inquiries, cards, benchmarks, policy) in a few more.
The rows are assessed in Python, through the same facts as every other view of a case.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select

from coetracker.domain.model import InquiryChannel, Policy, Stage
from coetracker.domain.text import search_keys
from coetracker.services.case_facts import (
    FactsSource,
    StoredCase,
    inquiry_facts,
    latest_benchmarks,
    procedure_of,
)
from coetracker.services.records import CaseRow, row_urgency
from coetracker.storage.engine import Database
from coetracker.storage.models import (
    Applicant,
    Bureau,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    ResidenceStatus,
)

__all__ = [
    "ONLINE_SYSTEM",
    "inquiry_facts",
    "latest_benchmarks",
    "list_cases",
    "row_urgency",
    "sort_by_urgency",
]

ONLINE_SYSTEM = InquiryChannel.ONLINE_SYSTEM.value
_STAGE_OF = {stage.value: stage for stage in Stage}


def _case_list_query() -> Select[*tuple[Any, ...]]:
    inquiries = (
        select(
            Inquiry.case_id.label("case_id"),
            func.max(case((Inquiry.channel != ONLINE_SYSTEM, Inquiry.made_at))).label(
                "last_inquiry"
            ),
            func.max(case((Inquiry.channel == ONLINE_SYSTEM, Inquiry.made_at))).label(
                "last_online_check"
            ),
        )
        .group_by(Inquiry.case_id)
        .subquery("inquiries")
    )
    requests = (
        select(
            DocumentRequest.case_id.label("case_id"),
            func.max(DocumentRequest.submitted_on).label("last_submission"),
            func.count(case((DocumentRequest.submitted_on.is_(None), 1))).label("open_count"),
        )
        .group_by(DocumentRequest.case_id)
        .subquery("requests")
    )
    query: Select[*tuple[Any, ...]] = (
        select(
            Case.id,
            Case.reference,
            # no client company (a family case): its 代理人 stands where the client is
            func.coalesce(Organization.name, Case.agent_name, ""),
            Case.organization_id,
            Applicant.family_name,
            Applicant.given_name,
            Applicant.name_kanji,
            Applicant.name_kana,
            Applicant.nationality_code,
            Case.residence_status_id,
            ResidenceStatus.name_ja,
            Case.bureau_id,
            Bureau.short_name_ja,
            Bureau.inquiry_policy,
            Case.channel,
            Case.stage,
            Case.filing_date,
            Case.application_number,
            Case.planned_entry_date,
            Case.coe_issued_date,
            Case.entry_date,
            Case.assignee,
            Case.archived,
            Case.version_id,
            inquiries.c.last_inquiry,
            inquiries.c.last_online_check,
            requests.c.last_submission,
            requests.c.open_count,
            Organization.name_kana,
            Case.coe_delivery,
            Case.procedure,
            Case.coe_receipt_registered_on,
        )
        .outerjoin(Organization, Organization.id == Case.organization_id)
        .join(Applicant, Applicant.id == Case.applicant_id)
        .outerjoin(ResidenceStatus, ResidenceStatus.id == Case.residence_status_id)
        .outerjoin(Bureau, Bureau.id == Case.bureau_id)
        .outerjoin(inquiries, inquiries.c.case_id == Case.id)
        .outerjoin(requests, requests.c.case_id == Case.id)
    )
    return query


def list_cases(
    db: Database,
    *,
    today: dt.date,
    policy: Policy | None = None,
    include_closed: bool = True,
    case_ids: Sequence[int] | None = None,
    explain: bool = False,
) -> list[CaseRow]:
    """Every case (or those with ``case_ids``) with its assessment, unsorted.

    With ``explain`` each assessment lists its reasons (the CLI prints them); the window's table
    shows only the level and headline, and its detail pane asks for one case's reasons.
    """
    with db.read_session() as session:
        query = _case_list_query()
        if case_ids is not None:
            query = query.where(Case.id.in_(list(case_ids)))
        source = FactsSource.load(session, policy=policy, case_ids=case_ids)
        if not include_closed:
            # A closed-stage case that holds a residence card may be RENEWAL_DUE.
            query = query.where(
                or_(
                    and_(
                        Case.archived.is_(False),
                        Case.stage.not_in(["entered", "denied", "withdrawn", "expired"]),
                    ),
                    Case.id.in_([key for key, card in source.cards.items() if card.applies]),
                )
            )
        rows = session.connection().execute(query).all()  # Core: no ORM row processing
    # Rows and assessments hold no reference cycles: pausing the cyclic collector while a large
    # list is built halves the time (it would otherwise rescan every row made so far).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        # One fold for every row's search text; the unit separator keeps fields apart so that
        # a match cannot span two.
        texts = search_keys(
            [
                "\x1f".join(
                    part for part in (r[1], r[17], r[4], r[5], r[6], r[7], r[2], r[28]) if part
                )
                for r in rows
            ]
        )
        return [
            _case_row(row, text, today, source, explain)
            for row, text in zip(rows, texts, strict=True)
        ]
    finally:
        if was_enabled:
            gc.enable()


def _as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    # Aggregates over DateTime columns come back as text on SQLite.
    return dt.date.fromisoformat(str(value)[:10])


def _case_row(
    row: Any, search_text: str, today: dt.date, source: FactsSource, explain: bool
) -> CaseRow:
    (
        case_id,
        reference,
        client,
        organization_id,
        family_name,
        given_name,
        name_kanji,
        name_kana,
        nationality,
        status_id,
        status_name,
        bureau_id,
        bureau_name,
        inquiry_policy,
        channel,
        stage_text,
        filing_date,
        application_number,
        planned_entry,
        issued,
        entry,
        assignee,
        archived,
        version_id,
        last_inquiry_raw,
        last_online_raw,
        _last_submission_raw,
        open_count,
        _client_kana,
        coe_delivery,
        procedure_text,
        receipt_registered,
    ) = row
    stored = StoredCase(
        case_id,
        stage_text,
        bool(archived),
        channel,
        filing_date,
        application_number,
        bool(family_name or name_kanji),
        status_id,
        status_name,
        bureau_name,
        inquiry_policy,
        planned_entry,
        issued,
        entry,
        coe_delivery,
        procedure_text,
        receipt_registered,
    )
    assessment = source.assess(stored, today, explain=explain)
    last_inquiry = _as_date(last_inquiry_raw)
    last_online = _as_date(last_online_raw)
    elapsed = (today - filing_date).days if isinstance(filing_date, dt.date) else None
    return CaseRow(
        id=case_id,
        reference=reference,
        client=client,
        organization_id=organization_id,
        family_name=family_name,
        given_name=given_name,
        name_kanji=name_kanji,
        name_kana=name_kana,
        nationality_code=nationality,
        residence_status_id=status_id,
        status_name=status_name,
        bureau_id=bureau_id,
        bureau_name=bureau_name,
        channel=channel,
        stage=_STAGE_OF[stage_text],
        filing_date=filing_date,
        application_number=application_number,
        planned_entry_date=planned_entry,
        coe_issued_date=issued,
        entry_date=entry,
        assignee=assignee,
        last_inquiry=max(filter(None, (last_inquiry, last_online)), default=None),
        open_requests=int(open_count or 0),
        archived=bool(archived),
        version_id=version_id,
        assessment=assessment,
        search_text=search_text,
        elapsed_days=elapsed,
        procedure=procedure_of(procedure_text),
        card_expiry=source.card(case_id).card_expiry,
    )


def sort_by_urgency(rows: Iterable[CaseRow]) -> list[CaseRow]:
    """Most urgent first: level, then next check (or deadline), then reference."""
    return sorted(rows, key=row_urgency)

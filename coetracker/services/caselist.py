"""The case list: every case with its client, applicant and readiness, in a constant number of
SQL statements whatever the number of cases.

One statement fetches the cases joined to their client, applicant, status and bureau, with the
inquiry and submission aggregates the rules need; one more fetches the open document requests;
two small ones read the benchmarks and the policy. The rows are assessed in Python.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from coetracker.domain.model import (
    Benchmark,
    CaseFacts,
    DocumentRequestFacts,
    FilingChannel,
    InquiryChannel,
    InquiryFacts,
    InquiryPolicy,
    InquiryReason,
    OutcomeCode,
    Policy,
    Stage,
)
from coetracker.domain.procedures import Procedure
from coetracker.domain.readiness import assess
from coetracker.domain.text import search_key
from coetracker.services.benchmark_table import BenchmarkTable, benchmark_table
from coetracker.services.records import CaseRow
from coetracker.services.residence import CardContext, card_contexts, procedure_policy
from coetracker.services.settings import load_policy
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

ONLINE_SYSTEM = InquiryChannel.ONLINE_SYSTEM.value
# Enum look-ups by value through dicts: Stage(text) costs several times more per row.
_STAGES = {stage.value: stage for stage in Stage}
_CHANNELS = {channel.value: channel for channel in FilingChannel}
_POLICIES = {policy.value: policy for policy in InquiryPolicy}
_INQUIRY_CHANNELS = {channel.value: channel for channel in InquiryChannel}
_OUTCOMES = {outcome.value: outcome for outcome in OutcomeCode}
_REASONS = {reason.value: reason for reason in InquiryReason}


COE_PROCEDURE = "在留資格認定"
_PROCEDURES = {procedure.value: procedure for procedure in Procedure}
_COE = Procedure.COE
_PREPARING = Stage.PREPARING
_NO_CARD = CardContext(None)


def latest_benchmarks(session: Session) -> dict[int, Benchmark]:
    """For each status of residence (status id → benchmark): the COE figure the rules use, the
    largest of the three latest published months, with the newest month published."""
    return benchmark_table(session).by_status.get(Procedure.COE, {})


def open_requests_by_case(
    session: Session, case_ids: Iterable[int] | None = None
) -> dict[int, list[DocumentRequestFacts]]:
    """Open (not yet submitted) document requests, grouped by case."""
    query = select(
        DocumentRequest.case_id,
        DocumentRequest.notice_date,
        DocumentRequest.deadline,
        DocumentRequest.extended_deadline,
    ).where(DocumentRequest.submitted_on.is_(None))
    if case_ids is not None:
        query = query.where(DocumentRequest.case_id.in_(list(case_ids)))
    grouped: dict[int, list[DocumentRequestFacts]] = defaultdict(list)
    for case_id, notice, deadline, extended in session.execute(query):
        grouped[case_id].append(DocumentRequestFacts(notice, deadline, extended, None))
    return grouped


def inquiries_by_case(
    session: Session, case_ids: Sequence[int] | None
) -> dict[int, list[InquiryFacts]]:
    """The inquiries other than online-system checks, grouped by case (the pause rules need
    each one's outcome, reason and follow-up date)."""
    query = select(
        Inquiry.case_id,
        Inquiry.made_at,
        Inquiry.channel,
        Inquiry.outcome,
        Inquiry.reason,
        Inquiry.follow_up_date,
    ).where(Inquiry.channel != ONLINE_SYSTEM)
    if case_ids is not None:
        query = query.where(Inquiry.case_id.in_(list(case_ids)))
    grouped: dict[int, list[InquiryFacts]] = defaultdict(list)
    for case_id, made_at, channel, outcome, reason, follow_up in session.execute(query):
        grouped[case_id].append(inquiry_facts(made_at, channel, outcome, reason, follow_up))
    return grouped


def inquiry_facts(
    made_at: dt.datetime | dt.date,
    channel: str,
    outcome: str | None,
    reason: str | None,
    follow_up: dt.date | None,
) -> InquiryFacts:
    """One stored inquiry as the rules read it (unknown codes read as "not recorded"/"other")."""
    return InquiryFacts(
        made_at.date() if isinstance(made_at, dt.datetime) else made_at,
        _INQUIRY_CHANNELS.get(channel, InquiryChannel.PHONE),
        _OUTCOMES.get(outcome or ""),
        _REASONS.get(reason or "", InquiryReason.OTHER),
        follow_up,
    )


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
            Organization.name,
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
        .join(Organization, Organization.id == Case.organization_id)
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
        policy = policy or load_policy(session)
        benchmarks = benchmark_table(session)
        cards = card_contexts(session)
        query = _case_list_query()
        if case_ids is not None:
            query = query.where(Case.id.in_(list(case_ids)))
        if not include_closed:
            # A closed-stage case that holds a residence card may be RENEWAL_DUE.
            query = query.where(
                or_(
                    and_(
                        Case.archived.is_(False),
                        Case.stage.not_in(["entered", "denied", "withdrawn", "expired"]),
                    ),
                    Case.id.in_([key for key, card in cards.items() if card.applies]),
                )
            )
        rows = session.execute(query).all()
        open_requests = open_requests_by_case(session, case_ids)
        inquiries = inquiries_by_case(session, case_ids)
    # Rows and assessments hold no reference cycles: pausing the cyclic collector while a large
    # list is built halves the time (it would otherwise rescan every row made so far).
    was_enabled = gc.isenabled()
    gc.disable()
    policies = {procedure: procedure_policy(policy, procedure) for procedure in Procedure}
    try:
        return [
            _case_row(row, today, policies, benchmarks, open_requests, inquiries, cards, explain)
            for row in rows
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
    row: Any,
    today: dt.date,
    policies: dict[Procedure, Policy],
    benchmarks: BenchmarkTable,
    open_requests: dict[int, list[DocumentRequestFacts]],
    inquiries_by_id: dict[int, list[InquiryFacts]],
    cards: dict[int, CardContext],
    explain: bool,
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
        last_submission_raw,
        open_count,
        client_kana,
        coe_delivery,
        procedure_text,
        receipt_registered,
    ) = row
    # A stage code that is not one of ours (a flipped bit reads "sent" as "qent") lists the case
    # as being prepared rather than failing the whole list, as unknown procedure codes read as COE.
    stage = _STAGES.get(stage_text, _PREPARING)
    procedure = _PROCEDURES.get(procedure_text, _COE)
    card = cards.get(case_id, _NO_CARD)
    last_inquiry = _as_date(last_inquiry_raw)
    last_online = _as_date(last_online_raw)
    last_submission = _as_date(last_submission_raw)
    inquiries: list[InquiryFacts] = list(inquiries_by_id.get(case_id, ()))
    if last_online is not None:
        inquiries.append(InquiryFacts(last_online, InquiryChannel.ONLINE_SYSTEM))
    requests = list(open_requests.get(case_id, ()))
    if last_submission is not None:
        requests.append(DocumentRequestFacts(None, None, None, last_submission))
    facts = CaseFacts(
        stage=stage,
        archived=bool(archived),
        channel=_CHANNELS[channel] if channel else None,
        filing_date=filing_date,
        application_number=application_number,
        applicant_name_present=bool(family_name or name_kanji),
        bureau_name=bureau_name,
        inquiry_policy=_POLICIES[inquiry_policy] if inquiry_policy else None,
        status_name=status_name,
        benchmark=benchmarks.pick(status_id, procedure),
        planned_entry_date=planned_entry,
        document_requests=tuple(requests),
        inquiries=tuple(inquiries),
        coe_issued_date=issued,
        entry_date=entry,
        coe_delivery=coe_delivery,
        coe_receipt_registered_on=receipt_registered,
        procedure=procedure,
        card_expiry=card.rule_expiry,
        renewal_filed=card.renewal_filed,
        renewal_preparing=card.renewal_preparing,
    )
    assessment = assess(facts, today, policies[procedure], explain=explain)
    elapsed = (today - filing_date).days if isinstance(filing_date, dt.date) else None
    # One fold per row: the unit separator keeps fields apart so a match cannot span two.
    search_text = search_key(
        "\x1f".join(
            part
            for part in (
                reference,
                application_number,
                family_name,
                given_name,
                name_kanji,
                name_kana,
                client,
                client_kana,
            )
            if part
        )
    )
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
        stage=stage,
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
        procedure=procedure,
        card_expiry=card.card_expiry,
    )


def sort_by_urgency(rows: Iterable[CaseRow]) -> list[CaseRow]:
    """Most urgent first: level, then next check (or deadline), then reference."""
    far = dt.date.max
    return sorted(
        rows,
        key=lambda r: (
            r.assessment.level,
            r.assessment.next_check or r.assessment.deadline or far,
            r.reference or "",
            r.id,
        ),
    )

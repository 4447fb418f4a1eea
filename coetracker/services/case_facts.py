"""A stored case as the readiness rules read it (:class:`~coetracker.domain.model.CaseFacts`),
in one place (the order of urgency is :func:`coetracker.domain.levels.urgency`).

The case list, the export, a case's details, printing and the command line all assess cases
through :class:`FactsSource`, so one case cannot get two levels. A source is read once per
session (the policy, the benchmarks, the residence cards, every document request and inquiry
of the cases asked for: a constant number of statements whatever the number of cases) and then
turns each case's stored values (:class:`StoredCase`) into facts.

The facts hold every document request and every inquiry of the case, online checks included,
in the order they happened (ties by id), exactly as stored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from coetracker.domain.model import (
    Assessment,
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
from coetracker.services.benchmark_table import BenchmarkTable, benchmark_table
from coetracker.services.residence import CardContext, card_contexts, procedure_policy
from coetracker.services.settings import load_policy
from coetracker.storage.dbapi import (
    DBAPIConnection,
    as_date,
    fetch,
    ids_clause,
    raw_connection,
)

__all__ = [
    "FactsSource",
    "StoredCase",
    "inquiry_facts",
]

# Enum look-ups by value through dicts: Stage(text) costs several times more per row.
_STAGES = {stage.value: stage for stage in Stage}
_CHANNELS = {channel.value: channel for channel in FilingChannel}
_POLICIES = {policy.value: policy for policy in InquiryPolicy}
_INQUIRY_CHANNELS = {channel.value: channel for channel in InquiryChannel}
_OUTCOMES = {outcome.value: outcome for outcome in OutcomeCode}
_REASONS = {reason.value: reason for reason in InquiryReason}
_PROCEDURES = {procedure.value: procedure for procedure in Procedure}
_COE = Procedure.COE
_PREPARING = Stage.PREPARING
_NO_CARD = CardContext(None)


class StoredCase(NamedTuple):
    """The stored values of one case the rules read (codes as stored, names already joined)."""

    id: int
    stage: str
    archived: bool
    channel: str | None
    filing_date: dt.date | None
    application_number: str | None
    applicant_name_present: bool
    residence_status_id: int | None
    status_name: str | None
    bureau_name: str | None
    inquiry_policy: str | None
    planned_entry_date: dt.date | None
    coe_issued_date: dt.date | None
    entry_date: dt.date | None
    coe_delivery: str | None
    procedure: str
    coe_receipt_registered_on: dt.date | None = None


def procedure_of(value: str | None) -> Procedure:
    """The stored procedure code as a :class:`Procedure` (unknown codes read as COE)."""
    return _PROCEDURES.get(value or "", _COE)


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


def latest_benchmarks(source: Any) -> dict[int, Benchmark]:
    """For each status of residence (status id → benchmark): the COE figure the rules use, the
    largest of the three latest published months, with the newest month published."""
    return benchmark_table(source).by_status.get(Procedure.COE, {})


REQUESTS_SQL = (
    "SELECT case_id, notice_date, deadline, extended_deadline, submitted_on"
    " FROM document_request{where} ORDER BY case_id, id"
)
INQUIRIES_SQL = (
    "SELECT case_id, made_at, channel, outcome, reason, follow_up_date"
    " FROM inquiry{where} ORDER BY case_id, made_at, id"
)


def _wanted(case_ids: Sequence[int] | None, where: str) -> set[int] | None:
    """The cases to keep of every row read, when there were too many to name in the statement."""
    return None if case_ids is None or where else set(case_ids)


def requests_by_case(
    connection: DBAPIConnection, case_ids: Sequence[int] | None = None
) -> dict[int, tuple[DocumentRequestFacts, ...]]:
    """Every document request, grouped by case, in the order they were recorded."""
    where, params = ids_clause("case_id", case_ids)
    wanted = _wanted(case_ids, where)
    grouped: dict[int, list[DocumentRequestFacts]] = defaultdict(list)
    for case_id, notice, deadline, extended, submitted in fetch(
        connection, REQUESTS_SQL.format(where=where), params
    ):
        if wanted is not None and case_id not in wanted:
            continue
        grouped[case_id].append(
            DocumentRequestFacts(
                as_date(notice), as_date(deadline), as_date(extended), as_date(submitted)
            )
        )
    return {case_id: tuple(items) for case_id, items in grouped.items()}


def inquiries_by_case(
    connection: DBAPIConnection, case_ids: Sequence[int] | None = None
) -> dict[int, tuple[InquiryFacts, ...]]:
    """Every inquiry (online checks included), grouped by case, oldest first (ties by id)."""
    where, params = ids_clause("case_id", case_ids)
    wanted = _wanted(case_ids, where)
    grouped: dict[int, list[InquiryFacts]] = defaultdict(list)
    for case_id, made_at, channel, outcome, reason, follow_up in fetch(
        connection, INQUIRIES_SQL.format(where=where), params
    ):
        if wanted is not None and case_id not in wanted:
            continue
        when = as_date(made_at)
        assert when is not None
        grouped[case_id].append(inquiry_facts(when, channel, outcome, reason, as_date(follow_up)))
    return {case_id: tuple(items) for case_id, items in grouped.items()}


class FactsSource:
    """What the rules read besides a case's own columns, read once: the policy, benchmarks,
    residence cards, and the cases' document requests and inquiries."""

    def __init__(
        self,
        policy: Policy,
        benchmarks: BenchmarkTable,
        cards: dict[int, CardContext],
        requests: dict[int, tuple[DocumentRequestFacts, ...]],
        inquiries: dict[int, tuple[InquiryFacts, ...]],
    ) -> None:
        self.policy = policy
        self.benchmarks = benchmarks
        self.cards = cards
        self.requests = requests
        self.inquiries = inquiries
        self.policies = {procedure: procedure_policy(policy, procedure) for procedure in Procedure}

    @classmethod
    def load(
        cls,
        source: Any,
        *,
        policy: Policy | None = None,
        case_ids: Sequence[int] | None = None,
        applicant_id: int | None = None,
    ) -> FactsSource:
        """Read for every case, or only for ``case_ids`` (of the person ``applicant_id``), over
        a DB-API connection or a session's (the same statements either way)."""
        connection = raw_connection(source)
        return cls(
            policy or load_policy(connection),
            benchmark_table(connection),
            card_contexts(connection, applicant_id),
            requests_by_case(connection, case_ids),
            inquiries_by_case(connection, case_ids),
        )

    def card(self, case_id: int) -> CardContext:
        return self.cards.get(case_id, _NO_CARD)

    def facts(self, case: StoredCase) -> CaseFacts:
        """The facts of one stored case."""
        procedure = _PROCEDURES.get(case.procedure, _COE)
        card = self.cards.get(case.id, _NO_CARD)
        status_id = case.residence_status_id
        return CaseFacts(
            # A stage code that is not one of ours (a flipped bit reads "sent" as "qent") reads
            # as being prepared rather than failing the list (unknown procedures read as COE).
            stage=_STAGES.get(case.stage, _PREPARING),
            archived=bool(case.archived),
            channel=_CHANNELS[case.channel] if case.channel else None,
            filing_date=case.filing_date,
            application_number=case.application_number,
            applicant_name_present=case.applicant_name_present,
            bureau_name=case.bureau_name,
            inquiry_policy=_POLICIES[case.inquiry_policy] if case.inquiry_policy else None,
            status_name=case.status_name,
            benchmark=self.benchmarks.pick(status_id, procedure),
            planned_entry_date=case.planned_entry_date,
            document_requests=self.requests.get(case.id, ()),
            inquiries=self.inquiries.get(case.id, ()),
            coe_issued_date=case.coe_issued_date,
            entry_date=case.entry_date,
            coe_delivery=case.coe_delivery,
            coe_receipt_registered_on=case.coe_receipt_registered_on,
            procedure=procedure,
            card_expiry=card.rule_expiry,
            renewal_filed=card.renewal_filed,
            renewal_preparing=card.renewal_preparing,
        )

    def assess(self, case: StoredCase, today: dt.date, *, explain: bool = False) -> Assessment:
        """The assessment of one stored case on ``today``."""
        facts = self.facts(case)
        return assess(facts, today, self.policies[facts.procedure], explain=explain)

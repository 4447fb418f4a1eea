"""The case list: every case with its client, applicant and readiness, in a constant number of
SQL statements whatever the number of cases.

One statement fetches the cases joined to their client, applicant, status and bureau, with the
inquiry and request aggregates the table shows; :class:`~coetracker.services.case_facts.FactsSource`
reads what else the rules need (requests, inquiries, cards, benchmarks, policy) in a few more.
Each case's stored assessment comes in the same statement
(:mod:`~coetracker.services.assessment_store`); only the cases without a usable one are assessed
in Python, through the same facts as every other view of a case, and only their requests and
inquiries are read.

Everything is read over a plain DB-API connection (:mod:`coetracker.storage.dbapi`): the window's
first rows come from a read-only ``sqlite3`` connection before SQLAlchemy is imported, and this
module imports neither SQLAlchemy nor Qt.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from coetracker.domain.model import Assessment, InquiryChannel, Policy, Stage
from coetracker.domain.procedures import Procedure
from coetracker.domain.text import search_keys
from coetracker.services.assessment_store import (
    STORE_COLUMNS,
    rules_stamp,
    store_present,
    stored_assessments,
)
from coetracker.services.benchmark_table import benchmark_table
from coetracker.services.case_facts import (
    FactsSource,
    StoredCase,
    inquiries_by_case,
    inquiry_facts,
    latest_benchmarks,
    requests_by_case,
)
from coetracker.services.records import CaseRow, row_urgency
from coetracker.services.residence import card_contexts
from coetracker.services.settings import load_policy
from coetracker.storage.dbapi import DateCache, DBAPIConnection, fetch, ids_clause, raw_connection

if TYPE_CHECKING:
    from coetracker.storage.engine import Database

__all__ = [
    "CASE_LIST_SQL",
    "ONLINE_SYSTEM",
    "inquiry_facts",
    "latest_benchmarks",
    "list_cases",
    "read_case_list",
    "row_urgency",
    "sort_by_urgency",
    "stale_case_ids",
]

ONLINE_SYSTEM = InquiryChannel.ONLINE_SYSTEM.value
_STAGE_OF = {stage.value: stage for stage in Stage}
_PROCEDURES = {procedure.value: procedure for procedure in Procedure}
_CLOSED_STAGES = frozenset({"entered", "denied", "withdrawn", "expired"})

CASE_LIST_SQL = (
    "SELECT c.id, c.reference, COALESCE(o.name, c.agent_name, ''), c.organization_id,"
    " a.family_name, a.given_name, a.name_kanji, a.name_kana, a.nationality_code,"
    " c.residence_status_id, rs.name_ja,"
    " c.bureau_id, b.short_name_ja, b.inquiry_policy, c.channel, c.stage, c.filing_date,"
    " c.application_number, c.planned_entry_date, c.coe_issued_date, c.entry_date, c.assignee,"
    " c.archived, c.version_id, i.last_inquiry, i.last_online_check, r.last_submission,"
    " r.open_count, o.name_kana, c.coe_delivery, c.procedure, c.coe_receipt_registered_on"
    ' FROM "case" AS c'
    " LEFT JOIN organization AS o ON o.id = c.organization_id"
    " JOIN applicant AS a ON a.id = c.applicant_id"
    " LEFT JOIN residence_status AS rs ON rs.id = c.residence_status_id"
    " LEFT JOIN bureau AS b ON b.id = c.bureau_id"
    " LEFT JOIN (SELECT case_id,"
    " MAX(CASE WHEN channel <> ? THEN made_at END) AS last_inquiry,"
    " MAX(CASE WHEN channel = ? THEN made_at END) AS last_online_check"
    " FROM inquiry{where} GROUP BY case_id) AS i ON i.case_id = c.id"
    " LEFT JOIN (SELECT case_id, MAX(submitted_on) AS last_submission,"
    " COUNT(CASE WHEN submitted_on IS NULL THEN 1 END) AS open_count"
    " FROM document_request{where} GROUP BY case_id) AS r ON r.case_id = c.id"
)
"""The cases with what the table shows (two parameters: the online system's channel code); a
family case without a client company shows its 代理人 where the client is;
``{where}`` narrows the inquiry and request aggregates to the cases asked for."""

CASE_LIST_SQL_WITH_STORE = (
    CASE_LIST_SQL.replace(' FROM "case" AS c', f', {STORE_COLUMNS} FROM "case" AS c', 1)
    + " LEFT JOIN assessment_store AS s ON s.case_id = c.id"
)
""":data:`CASE_LIST_SQL` with each case's stored assessment, in the same statement."""
STALE_SQL = (
    "SELECT c.id, s.stamp, s.assessed_on, s.valid_until, s.body, s.digest"
    ' FROM "case" AS c LEFT JOIN assessment_store AS s ON s.case_id = c.id'
)
"""Each case's stored assessment, for :func:`stale_case_ids`."""
_STORE = 32  # the first of the store's columns in a row of CASE_LIST_SQL_WITH_STORE


def read_case_list(
    connection: DBAPIConnection,
    *,
    today: dt.date,
    policy: Policy | None = None,
    include_closed: bool = True,
    case_ids: Sequence[int] | None = None,
    explain: bool = False,
    fresh: list[tuple[int, Assessment]] | None = None,
    stamp_out: list[str] | None = None,
    use_store: bool = True,
) -> list[CaseRow]:
    """Every case (or those with ``case_ids``) with its assessment, unsorted, read over the
    DB-API ``connection`` (a ``sqlite3`` connection or the psycopg one under a session).

    With ``explain`` each assessment lists its reasons (the CLI prints them); the window's table
    shows only the level and headline, and its detail pane asks for one case's reasons.
    Without it, assessments come from the assessment store where it holds a usable one
    (:mod:`~coetracker.services.assessment_store`) and only the other cases are assessed (and
    their facts read); those are appended to ``fresh`` and the rules stamp to ``stamp_out``.
    ``use_store=False`` assesses every case. Nothing is written.
    """
    use_store = use_store and not explain and store_present(connection)
    where, params = ids_clause("c.id", case_ids)
    narrow, _ = ids_clause("case_id", case_ids)  # the aggregates read only those cases' rows
    sql = (CASE_LIST_SQL_WITH_STORE if use_store else CASE_LIST_SQL).format(where=narrow)
    rows = fetch(connection, sql + where, [ONLINE_SYSTEM, ONLINE_SYSTEM, *params, *params, *params])
    if case_ids is not None and not where:
        wanted = set(case_ids)
        rows = [row for row in rows if row[0] in wanted]
    policy = policy or load_policy(connection)
    benchmarks = benchmark_table(connection)
    cards = card_contexts(connection)
    if not include_closed:
        # A closed-stage case that holds a residence card may be RENEWAL_DUE.
        carded = {key for key, card in cards.items() if card.applies}
        rows = [
            row
            for row in rows
            if (not row[22] and row[15] not in _CLOSED_STAGES) or row[0] in carded
        ]
    stamp = rules_stamp(policy, benchmarks)
    if stamp_out is not None:
        stamp_out.append(stamp)
    stored: list[Assessment | None]
    if use_store:
        stored = stored_assessments(rows, _STORE, stamp, today)
        stale: Sequence[int] | None = [
            row[0] for row, found in zip(rows, stored, strict=True) if found is None
        ]
    else:
        stored = [None] * len(rows)
        stale = case_ids
    source = FactsSource(
        policy,
        benchmarks,
        cards,
        requests_by_case(connection, stale),
        inquiries_by_case(connection, stale),
    )
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
        return _case_rows(rows, texts, stored, today, source, explain, fresh)
    finally:
        if was_enabled:
            gc.enable()


def stale_case_ids(connection: DBAPIConnection, *, today: dt.date) -> list[int]:
    """The cases whose stored assessment cannot be used on ``today`` (none assessed)."""
    if not store_present(connection):
        return []
    stamp = rules_stamp(load_policy(connection), benchmark_table(connection))
    rows = fetch(connection, STALE_SQL)
    found = stored_assessments(rows, 1, stamp, today)
    return [row[0] for row, stored in zip(rows, found, strict=True) if stored is None]


def list_cases(
    db: Database,
    *,
    today: dt.date,
    policy: Policy | None = None,
    include_closed: bool = True,
    case_ids: Sequence[int] | None = None,
    explain: bool = False,
) -> list[CaseRow]:
    """:func:`read_case_list` in a read session of ``db`` (one snapshot for every statement)."""
    with db.read_session() as session:
        return read_case_list(
            raw_connection(session),
            today=today,
            policy=policy,
            include_closed=include_closed,
            case_ids=case_ids,
            explain=explain,
        )


def _case_rows(
    rows: Sequence[Any],
    texts: Sequence[str],
    stored: Sequence[Assessment | None],
    today: dt.date,
    source: FactsSource,
    explain: bool,
    fresh: list[tuple[int, Assessment]] | None,
) -> list[CaseRow]:
    """The listed rows, assessing those without a stored assessment (one loop: at 100,000 cases
    every call and conversion per row counts)."""
    dates = DateCache()  # the same few thousand dates recur across the rows
    spans: dict[dt.date, int] = {}
    cards = source.cards
    stages = _STAGE_OF
    procedures = _PROCEDURES
    coe = Procedure.COE
    made: list[CaseRow] = []
    append = made.append
    for row, search_text, assessment in zip(rows, texts, stored, strict=True):
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
            filing_raw,
            application_number,
            planned_raw,
            issued_raw,
            entry_raw,
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
            receipt_raw,
        ) = row[:_STORE]
        filing_date = dates[filing_raw]
        planned_entry = dates[planned_raw]
        issued = dates[issued_raw]
        entry = dates[entry_raw]
        if assessment is None:
            assessment = source.assess(
                StoredCase(
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
                    dates[receipt_raw],
                ),
                today,
                explain=explain,
            )
            if fresh is not None:
                fresh.append((case_id, assessment))
        if last_online_raw is None:
            last_inquiry = dates[last_inquiry_raw]
        elif last_inquiry_raw is None:
            last_inquiry = dates[last_online_raw]
        else:
            last_inquiry = max(dates[last_inquiry_raw], dates[last_online_raw])  # type: ignore[type-var]
        if filing_date is None:
            elapsed = None
        else:
            elapsed = spans.get(filing_date)
            if elapsed is None:
                elapsed = spans[filing_date] = (today - filing_date).days
        card = cards.get(case_id)
        append(
            CaseRow(
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
                channel,
                stages[stage_text],
                filing_date,
                application_number,
                planned_entry,
                issued,
                entry,
                assignee,
                last_inquiry,
                int(open_count or 0),
                bool(archived),
                version_id,
                assessment,
                search_text,
                elapsed,
                procedures.get(procedure_text or "", coe),
                None if card is None else card.card_expiry,
            )
        )
    return made


def sort_by_urgency(rows: Iterable[CaseRow]) -> list[CaseRow]:
    """Most urgent first: level, then next check (or deadline), then reference."""
    return sorted(rows, key=row_urgency)

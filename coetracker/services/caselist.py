"""The case list: every case with its client, applicant and readiness, in a constant number of
SQL statements whatever the number of cases.

One statement fetches the cases joined to their applicant; the names of their client, status and
bureau and their inquiry and request figures are read in a few small ones and looked up by id
(:class:`~coetracker.services.case_rows.CaseLookups`);
:class:`~coetracker.services.case_facts.FactsSource` reads what else the rules need (requests,
inquiries, cards, benchmarks, policy) in a few more.
Each case's store key comes in the same statement, checked by the database, and each distinct
stored body is read and decoded once (:mod:`~coetracker.services.assessment_store`); only the
cases without a usable one are assessed in Python, through the same facts as every other view
of a case, and only their requests and inquiries are read.

The rows are made as the statement's result is read, in chunks
(:mod:`~coetracker.services.case_rows`). Everything is read over a plain DB-API connection
(:mod:`coetracker.storage.dbapi`): the window's first rows come from a read-only ``sqlite3``
connection before SQLAlchemy is imported, and this module imports neither SQLAlchemy nor Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from coetracker.domain.model import Assessment, InquiryChannel, Policy
from coetracker.domain.text import search_keys
from coetracker.pacing import collector_paused
from coetracker.services.assessment_store import (
    StoredByKey,
    rules_stamp,
    store_key_sql,
    store_present,
)
from coetracker.services.benchmark_table import benchmark_table
from coetracker.services.case_facts import (
    FactsSource,
    inquiries_by_case,
    inquiry_facts,
    latest_benchmarks,
    requests_by_case,
)
from coetracker.services.case_row import CaseRow, row_urgency, sort_in_urgency_order
from coetracker.services.case_rows import CASE_COLUMNS, CaseLookups, RowBuilder, search_texts
from coetracker.services.residence import card_contexts
from coetracker.services.settings import load_policy
from coetracker.storage.dbapi import (
    DBAPIConnection,
    fetch_chunks,
    ids_clause,
    raw_connection,
    read_decoding_in_c,
)

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
_CLOSED_STAGES = frozenset({"entered", "denied", "withdrawn", "expired"})

CASE_LIST_SQL = (
    "SELECT c.id, c.reference, c.agent_name, c.organization_id,"
    " a.family_name, a.given_name, a.name_kanji, a.name_kana, a.nationality_code,"
    " c.residence_status_id, c.bureau_id, c.channel, c.stage, c.filing_date,"
    " c.application_number, c.planned_entry_date, c.coe_issued_date, c.entry_date, c.assignee,"
    " c.archived, c.version_id, c.coe_delivery, c.procedure, c.coe_receipt_registered_on"
    ' FROM "case" AS c'
    " JOIN applicant AS a ON a.id = c.applicant_id"
)
"""The cases with what the table shows. The names of their client, status and bureau, and the
inquiry and request aggregates, are not joined but looked up by id
(:class:`~coetracker.services.case_rows.CaseLookups`): a few hundred distinct names need not be
decoded once per case, and two grouped reads cost less than joining them."""

_STORE_JOIN = " LEFT JOIN assessment_store AS s ON s.case_id = c.id"


def _with_store_key(connection: DBAPIConnection) -> str:
    """:data:`CASE_LIST_SQL` with each case's store key (``store_key_sql``) last."""
    key = store_key_sql(connection)
    return CASE_LIST_SQL.replace(' FROM "case" AS c', f', {key} FROM "case" AS c', 1) + _STORE_JOIN


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
    fold_search: bool = True,
) -> list[CaseRow]:
    """Every case (or those with ``case_ids``) with its assessment, unsorted, read over the
    DB-API ``connection`` (a ``sqlite3`` connection or the psycopg one under a session).

    With ``explain`` each assessment lists its reasons (the CLI prints them); the window's table
    shows only the level and headline, and its detail pane asks for one case's reasons.
    Without it, assessments come from the assessment store where it holds a usable one
    (:mod:`~coetracker.services.assessment_store`) and only the other cases are assessed (and
    their facts read); those are appended to ``fresh`` and the rules stamp to ``stamp_out``.
    ``use_store=False`` assesses every case. ``fold_search=False`` leaves each row's search
    text unfolded, for :func:`~coetracker.services.case_rows.fold_search_texts` to fold later
    (the window's first paint does not wait for it). Nothing is written.
    """
    marks = (len(fresh or ()), len(stamp_out or ()))

    def read() -> list[CaseRow]:
        return _read(
            connection,
            today,
            policy,
            include_closed,
            case_ids,
            explain,
            fresh,
            stamp_out,
            use_store and not explain and store_present(connection),
            fold_search,
        )

    def undo() -> None:  # a second read appends afresh
        if fresh is not None:
            del fresh[marks[0] :]
        if stamp_out is not None:
            del stamp_out[marks[1] :]

    # Rows and assessments hold no reference cycles: pausing the cyclic collector while a large
    # list is built halves the time (it would otherwise rescan every row made so far).
    with collector_paused():
        return read_decoding_in_c(connection, read, undo)


def _read(
    connection: DBAPIConnection,
    today: dt.date,
    policy: Policy | None,
    include_closed: bool,
    case_ids: Sequence[int] | None,
    explain: bool,
    fresh: list[tuple[int, Assessment]] | None,
    stamp_out: list[str] | None,
    use_store: bool,
    fold_search: bool,
) -> list[CaseRow]:
    """:func:`read_case_list`: the cases are read in chunks, each made into rows at once (the
    SQL rows, stored assessments included, never sit in memory all together); the cases
    without a usable stored assessment wait for their facts, read once the chunks are done."""
    policy = policy or load_policy(connection)
    benchmarks = benchmark_table(connection)
    cards = card_contexts(connection)
    stamp = rules_stamp(policy, benchmarks)
    if stamp_out is not None:
        stamp_out.append(stamp)
    # A closed-stage case that holds a residence card may be RENEWAL_DUE.
    carded = {key for key, card in cards.items() if card.applies}
    where, params = ids_clause("c.id", case_ids)
    wanted = set(case_ids) if case_ids is not None and not where else None
    if use_store:
        sql = _with_store_key(connection)
        store = StoredByKey(connection, stamp, today)
    else:
        sql = CASE_LIST_SQL
    names = CaseLookups.read(connection, case_ids)
    build = RowBuilder(today, cards, names)
    made: list[CaseRow | None] = []
    waiting: list[tuple[int, tuple[Any, ...], str]] = []  # position, case columns, search text
    for chunk in fetch_chunks(connection, sql + where, params):
        if wanted is not None:
            chunk = [row for row in chunk if row[0] in wanted]
        if not include_closed:
            chunk = [
                row
                for row in chunk
                if (not row[19] and row[12] not in _CLOSED_STAGES) or row[0] in carded
            ]
        stored = store.of(chunk, CASE_COLUMNS) if use_store else [None] * len(chunk)
        texts = search_texts(chunk, names)
        if fold_search:
            texts = search_keys(texts)  # one fold for the chunk
        for row, text, assessment in zip(chunk, texts, stored, strict=True):
            if assessment is None:
                waiting.append((len(made), row[:CASE_COLUMNS], text))
                made.append(None)
            else:
                made.append(build.row(row, text, assessment))
    if waiting:
        ids = [row[0] for _position, row, _text in waiting]
        source = FactsSource(
            policy,
            benchmarks,
            cards,
            requests_by_case(connection, ids),
            inquiries_by_case(connection, ids),
        )
        for position, row, text in waiting:
            assessment = source.assess(build.stored_case(row), today, explain=explain)
            if fresh is not None:
                fresh.append((row[0], assessment))
            made[position] = build.row(row, text, assessment)
    return made  # type: ignore[return-value]  # every place was filled


def stale_case_ids(connection: DBAPIConnection, *, today: dt.date) -> list[int]:
    """The cases whose stored assessment cannot be used on ``today`` (none assessed)."""
    if not store_present(connection):
        return []
    stamp = rules_stamp(load_policy(connection), benchmark_table(connection))

    def read() -> list[int]:
        store = StoredByKey(connection, stamp, today)
        key = store_key_sql(connection)
        sql = f'SELECT c.id, {key} FROM "case" AS c{_STORE_JOIN}'  # noqa: S608 - no value in it
        return [
            row[0]
            for chunk in fetch_chunks(connection, sql)
            for row, stored in zip(chunk, store.of(chunk, 1), strict=True)
            if stored is None
        ]

    return read_decoding_in_c(connection, read, lambda: None)


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


def sort_by_urgency(rows: Iterable[CaseRow]) -> list[CaseRow]:
    """Most urgent first: level, then next check (or deadline), then reference."""
    listed = list(rows)
    sort_in_urgency_order(listed)
    return listed

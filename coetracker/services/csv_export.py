"""Exporting cases to the case-list CSV (issue 5, DESIGN.md §8).

The GUI passes the rows it shows (filters and sort applied); the CLI exports every case or the
active ones. Each exported row holds the CSV columns of :data:`~coetracker.io.csv_codec.
CASE_COLUMNS`, then the export-only columns (有効期限, 経過日数, 状況, 次回確認日, 理由) taken from
the row's assessment.

What a :class:`~coetracker.services.records.CaseRow` does not hold (date of birth, notes, the
document request's deadline and submission, status and bureau names in both languages) is read
in a constant number of statements, whatever the number of rows: one for the case and applicant
columns, one for the document requests, two small ones for the reference names. A selection of a
few hundred cases is fetched by id; a larger one reads the whole table once and picks its rows
in Python (an ``IN`` list of 100,000 ids would exceed SQLite's parameter limit).

Writing is :func:`coetracker.io.csv_codec.write_csv`: UTF-8 with a BOM or CP932, CRLF, guarded
cells, and no file at all when a cell cannot be encoded
(:class:`~coetracker.io.csv_codec.CsvEncodingError` names every row and column).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from coetracker.domain.levels import level_short_label
from coetracker.domain.messages import Message, Translate, no_translation
from coetracker.domain.model import (
    Benchmark,
    CaseFacts,
    DocumentRequestFacts,
    FilingChannel,
    InquiryChannel,
    InquiryFacts,
    InquiryPolicy,
    Level,
    Policy,
    Stage,
)
from coetracker.domain.nationalities import by_code
from coetracker.domain.readiness import assess
from coetracker.io.csv_codec import (
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    ColumnKind,
    CsvEncoding,
    HeaderStyle,
    channel_text,
    encode_csv,
    guard_cell,
    stage_text,
    unguard_cell,
)
from coetracker.io.csv_columns import GUARD
from coetracker.services.caselist import (
    ONLINE_SYSTEM,
    latest_benchmarks,
    list_cases,
    sort_by_urgency,
)
from coetracker.services.records import CaseRow
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

__all__ = [
    "ID_FILTER_LIMIT",
    "CaseExtras",
    "assessed_cases",
    "case_rows_for_export",
    "encode_table",
    "export_cases",
    "export_table",
    "load_extras",
    "pick_request",
]

ID_FILTER_LIMIT = 500
"""Up to this many rows are fetched by id; more read the whole table once."""


@dataclass(frozen=True, slots=True)
class CaseExtras:
    """The values of one exported case that its :class:`CaseRow` does not hold."""

    birth_date: dt.date | None = None
    notes: str | None = None
    document_deadline: dt.date | None = None
    documents_submitted_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class _Names:
    """Status and bureau names by id, in Japanese and English."""

    statuses: Mapping[int, tuple[str, str]]
    bureaus: Mapping[int, tuple[str, str]]


_RequestTuple = tuple[dt.date | None, dt.date | None, dt.date | None, dt.date | None, int]
"""(notice date, deadline, extended deadline, submitted on, id) of one document request."""


def pick_request(requests: Sequence[_RequestTuple]) -> tuple[dt.date | None, dt.date | None]:
    """The (deadline, submitted on) one case exports from its document requests.

    An open request comes first: the one whose deadline (extended if it was) is nearest. With
    none open, the latest request (by notice date, then as recorded). The deadline written is
    the one in force: the extended deadline when there is one.
    """
    if not requests:
        return None, None
    far = dt.date.max
    open_requests = [r for r in requests if r[3] is None]
    if open_requests:
        chosen = min(open_requests, key=lambda r: (r[2] or r[1] or far, r[4]))
    else:
        chosen = max(requests, key=lambda r: (r[0] or dt.date.min, r[4]))
    return chosen[2] or chosen[1], chosen[3]


def load_extras(session: Session, case_ids: Sequence[int]) -> dict[int, CaseExtras]:
    """The extra values of the cases ``case_ids``, in two statements whatever their number."""
    wanted = set(case_ids)
    by_id = len(wanted) <= ID_FILTER_LIMIT
    base = select(Case.id, Applicant.birth_date, Case.notes).join(
        Applicant, Applicant.id == Case.applicant_id
    )
    requests_query = select(
        DocumentRequest.case_id,
        DocumentRequest.notice_date,
        DocumentRequest.deadline,
        DocumentRequest.extended_deadline,
        DocumentRequest.submitted_on,
        DocumentRequest.id,
    )
    if by_id:
        base = base.where(Case.id.in_(sorted(wanted)))
        requests_query = requests_query.where(DocumentRequest.case_id.in_(sorted(wanted)))
    grouped: dict[int, list[_RequestTuple]] = {}
    for case_id, notice, deadline, extended, submitted, request_id in (
        session.connection().execute(requests_query).all()
    ):
        if by_id or case_id in wanted:
            grouped.setdefault(case_id, []).append(
                (notice, deadline, extended, submitted, request_id)
            )
    extras: dict[int, CaseExtras] = {}
    for case_id, birth_date, notes in session.connection().execute(base).all():
        if not by_id and case_id not in wanted:
            continue
        deadline, submitted = pick_request(grouped.get(case_id, ()))
        extras[case_id] = CaseExtras(birth_date, notes, deadline, submitted)
    return extras


def _load_names(session: Session) -> _Names:
    statuses = {
        row_id: (name_ja, name_en)
        for row_id, name_ja, name_en in session.connection().execute(
            select(ResidenceStatus.id, ResidenceStatus.name_ja, ResidenceStatus.name_en)
        )
    }
    bureaus = {
        row_id: (name_ja, name_en)
        for row_id, name_ja, name_en in session.connection().execute(
            select(Bureau.id, Bureau.name_ja, Bureau.name_en)
        )
    }
    return _Names(statuses, bureaus)


def case_rows_for_export(db: Database, *, today: dt.date, include_closed: bool) -> list[CaseRow]:
    """Every case (``include_closed``) or those the window lists by default, most urgent first.

    Without ``include_closed`` the closed cases (entered, denied, withdrawn, expired unused and
    archived: level CLOSED) are left out, as the main window's list hides them by default.
    """
    return _select(list_cases(db, today=today), include_closed)


def _select(rows: Iterable[CaseRow], include_closed: bool) -> list[CaseRow]:
    if not include_closed:
        rows = [r for r in rows if r.assessment.level != Level.CLOSED]
    return sort_by_urgency(rows)


def export_table(
    db: Database,
    rows: Sequence[CaseRow],
    *,
    header_style: HeaderStyle = HeaderStyle.JA,
    translate: Translate = no_translation,
) -> list[list[str]]:
    """The cell texts of ``rows`` in :data:`EXPORT_COLUMNS` order, before guarding and encoding."""
    with db.read_session() as session:
        extras = load_extras(session, [r.id for r in rows])
        names = _load_names(session)
    return list(_cells(rows, extras, names, header_style, translate))


def _cells(
    rows: Iterable[CaseRow],
    extras: Mapping[int, CaseExtras],
    names: _Names,
    style: HeaderStyle,
    translate: Translate,
) -> Iterable[list[str]]:
    japanese = style == HeaderStyle.JA
    name_index = 0 if japanese else 1
    nationality_names: dict[str | None, str] = {}
    stage_names = {stage: stage_text(stage, style) for stage in Stage}
    channel_names: dict[str | None, str] = {None: ""}
    channel_names.update({c.value: channel_text(c, style) for c in FilingChannel})
    level_names = {level: level_short_label(level).render(translate) for level in Level}
    rendered: dict[tuple[str, str, tuple[tuple[str, object], ...]], str] = {}
    empty = CaseExtras()

    def nationality(code: str | None) -> str:
        text = nationality_names.get(code)
        if text is None:
            found = by_code(code) if code else None
            text = found.name(japanese) if found else (code or "")
            nationality_names[code] = text
        return text

    def render(text: Message) -> str:
        # Headlines repeat a lot ("Waiting: check on 2026-12-03"): render each once.
        try:
            key = (text.context, text.source, tuple(text.params.items()))
            value = rendered.get(key)
        except TypeError:  # a parameter that cannot be hashed
            return text.render(translate)
        if value is None:
            value = rendered[key] = text.render(translate)
        return value

    for row in rows:
        extra = extras.get(row.id, empty)
        assessment = row.assessment
        status = names.statuses.get(row.residence_status_id or 0)
        bureau = names.bureaus.get(row.bureau_id or 0)
        channel = channel_names.get(row.channel)
        yield [
            row.reference or "",
            row.client,
            row.family_name or "",
            row.given_name or "",
            row.name_kanji or "",
            row.name_kana or "",
            nationality(row.nationality_code),
            _iso(extra.birth_date),
            status[name_index] if status else (row.status_name or ""),
            bureau[name_index] if bureau else (row.bureau_name or ""),
            channel if channel is not None else (row.channel or ""),
            _iso(row.filing_date),
            row.application_number or "",
            _iso(row.planned_entry_date),
            stage_names[row.stage],
            _iso(row.coe_issued_date),
            _iso(row.entry_date),
            _iso(row.last_inquiry),
            _iso(extra.document_deadline),
            _iso(extra.documents_submitted_date),
            extra.notes or "",
            _iso(assessment.coe_expiry),
            "" if row.elapsed_days is None else str(row.elapsed_days),
            level_names[assessment.level],
            _iso(assessment.next_check),
            render(assessment.headline),
        ]


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


_COLUMN_KEYS = (
    "reference",
    "client",
    "family_name",
    "given_name",
    "name_kanji",
    "name_kana",
    "nationality",
    "birth_date",
    "residence_status",
    "bureau",
    "channel",
    "filing_date",
    "application_number",
    "planned_entry_date",
    "stage",
    "coe_issued_date",
    "entry_date",
    "last_inquiry_date",
    "document_deadline",
    "documents_submitted_date",
    "notes",
    "coe_expiry_date",
    "elapsed_days",
    "readiness",
    "next_check",
    "reason",
)
if tuple(c.key for c in EXPORT_COLUMNS) != _COLUMN_KEYS:  # pragma: no cover - a format change
    raise RuntimeError("csv_export._cells no longer matches EXPORT_COLUMNS")


# --- every case at once: one pass, no search keys -------------------------------------------


def _as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    # Aggregates over DateTime columns come back as text on SQLite.
    return dt.date.fromisoformat(str(value)[:10])


def assessed_cases(
    db: Database, *, today: dt.date, policy: Policy | None = None
) -> tuple[list[CaseRow], dict[int, CaseExtras]]:
    """Every case, assessed as :func:`~coetracker.services.caselist.list_cases` assesses it,
    with its extra export values; in seven statements whatever the number of cases.

    This is the export of a whole database: the same facts as the case list (open document
    requests, the latest submission, the latest inquiry and online check) without the search
    keys the window needs, and with the readiness reasons left out (export writes only the
    headline). A test checks that both give the same file.
    """
    inquiries_query = select(
        Inquiry.case_id,
        func.max(case((Inquiry.channel != ONLINE_SYSTEM, Inquiry.made_at))),
        func.max(case((Inquiry.channel == ONLINE_SYSTEM, Inquiry.made_at))),
    ).group_by(Inquiry.case_id)
    requests_query = select(
        DocumentRequest.case_id,
        DocumentRequest.notice_date,
        DocumentRequest.deadline,
        DocumentRequest.extended_deadline,
        DocumentRequest.submitted_on,
        DocumentRequest.id,
    )
    cases_query = (
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
            Applicant.birth_date,
            Case.notes,
        )
        .join(Organization, Organization.id == Case.organization_id)
        .join(Applicant, Applicant.id == Case.applicant_id)
        .outerjoin(ResidenceStatus, ResidenceStatus.id == Case.residence_status_id)
        .outerjoin(Bureau, Bureau.id == Case.bureau_id)
    )
    with db.read_session() as session:
        policy = policy or load_policy(session)
        benchmarks = latest_benchmarks(session)
        last_inquiries = {
            case_id: (_as_date(last), _as_date(online))
            for case_id, last, online in session.connection().execute(inquiries_query).all()
        }
        requests: dict[int, list[_RequestTuple]] = {}
        for case_id, *request in session.connection().execute(requests_query).all():
            requests.setdefault(case_id, []).append(tuple(request))  # type: ignore[arg-type]
        rows = session.connection().execute(cases_query).all()

    return _build_rows(rows, today, policy, benchmarks, last_inquiries, requests)


def _build_rows(
    rows: Sequence[Any],
    today: dt.date,
    policy: Policy,
    benchmarks: Mapping[int, Benchmark],
    last_inquiries: Mapping[int, tuple[dt.date | None, dt.date | None]],
    requests: Mapping[int, list[_RequestTuple]],
) -> tuple[list[CaseRow], dict[int, CaseExtras]]:
    result: list[CaseRow] = []
    extras: dict[int, CaseExtras] = {}
    no_inquiries: tuple[None, None] = (None, None)
    stages = {stage.value: stage for stage in Stage}
    channels = {channel.value: channel for channel in FilingChannel}
    policies = {policy.value: policy for policy in InquiryPolicy}
    for (
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
        stage_value,
        filing_date,
        application_number,
        planned_entry,
        issued,
        entry,
        assignee,
        archived,
        version_id,
        birth_date,
        notes,
    ) in rows:
        stage = stages[stage_value]
        last_inquiry, last_online = last_inquiries.get(case_id, no_inquiries)
        inquiries: list[InquiryFacts] = []
        if last_inquiry is not None:
            inquiries.append(InquiryFacts(last_inquiry, InquiryChannel.PHONE))
        if last_online is not None:
            inquiries.append(InquiryFacts(last_online, InquiryChannel.ONLINE_SYSTEM))
        own_requests = requests.get(case_id, ())
        facts_requests = [
            DocumentRequestFacts(notice, deadline, extended, None)
            for notice, deadline, extended, submitted, _id in own_requests
            if submitted is None
        ]
        last_submission = max((r[3] for r in own_requests if r[3] is not None), default=None)
        if last_submission is not None:
            facts_requests.append(DocumentRequestFacts(None, None, None, last_submission))
        facts = CaseFacts(
            stage=stage,
            archived=bool(archived),
            channel=channels[channel] if channel else None,
            filing_date=filing_date,
            application_number=application_number,
            applicant_name_present=bool(family_name or name_kanji),
            bureau_name=bureau_name,
            inquiry_policy=policies[inquiry_policy] if inquiry_policy else None,
            status_name=status_name,
            benchmark=benchmarks.get(status_id) if status_id is not None else None,
            planned_entry_date=planned_entry,
            document_requests=tuple(facts_requests),
            inquiries=tuple(inquiries),
            coe_issued_date=issued,
            entry_date=entry,
        )
        result.append(
            CaseRow(
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
                open_requests=len(facts_requests) - (last_submission is not None),
                archived=bool(archived),
                version_id=version_id,
                assessment=assess(facts, today, policy, explain=False),
                elapsed_days=(today - filing_date).days if filing_date is not None else None,
            )
        )
        deadline, submitted = pick_request(own_requests)
        extras[case_id] = CaseExtras(birth_date, notes, deadline, submitted)
    return result, extras


# --- writing ----------------------------------------------------------------------------------

_TRIGGERS = FORMULA_TRIGGERS | {GUARD}
_IDENTIFIERS = tuple(i for i, c in enumerate(EXPORT_COLUMNS) if c.kind == ColumnKind.IDENTIFIER)


def encode_table(
    table: list[list[str]],
    *,
    header_style: HeaderStyle = HeaderStyle.JA,
    encoding: CsvEncoding = "utf-8-sig",
) -> bytes:
    """The file :func:`~coetracker.io.csv_codec.encode_csv` makes of ``table``, made faster.

    The codec guards and checks each of the 2.6 million cells of a 100,000-case export with a
    call or two apiece. For UTF-8 the only characters that cannot be written are NUL and lone
    surrogates, so this guards the cells inline (the codec's rules: see
    :mod:`coetracker.io.csv_columns`; identifiers through the codec's own ``guard_cell``),
    writes the whole text and encodes it once. Anything unusual — CP932, a NUL, a character
    that does not encode — goes through the codec itself, which raises
    :class:`~coetracker.io.csv_codec.CsvEncodingError` with every bad cell. A unit test checks
    that both give the same bytes. ``table`` is guarded in place.
    """
    if encoding != "utf-8-sig":
        return encode_csv(
            table, columns=EXPORT_COLUMNS, header_style=header_style, encoding=encoding
        )
    width = len(EXPORT_COLUMNS)
    triggers = _TRIGGERS
    guard = GUARD
    identifier = ColumnKind.IDENTIFIER
    for number, row in enumerate(table):
        if len(row) != width:
            raise ValueError(f"row {number + 2} has {len(row)} cells for {width} columns")
        originals = [row[i] for i in _IDENTIFIERS]
        row[:] = [guard + v if v[:1] in triggers else v for v in row]
        for index, original in zip(_IDENTIFIERS, originals, strict=True):
            row[index] = guard_cell(original, identifier)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header(header_style) for c in EXPORT_COLUMNS])
    writer.writerows(table)
    text = buffer.getvalue()
    try:
        if "\0" in text:
            raise UnicodeError("NUL")
        return text.encode(encoding)
    except UnicodeError:
        # Let the codec name every bad cell: unguard first, it guards again itself.
        for row in table:
            row[:] = [unguard_cell(v, c.kind) for v, c in zip(row, EXPORT_COLUMNS, strict=True)]
        return encode_csv(
            table, columns=EXPORT_COLUMNS, header_style=header_style, encoding=encoding
        )


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` (0600) and rename it into place."""
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=path.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def export_cases(
    db: Database,
    target: str | os.PathLike[str] | BinaryIO,
    *,
    today: dt.date,
    rows: Sequence[CaseRow] | None = None,
    include_closed: bool = True,
    encoding: CsvEncoding = "utf-8-sig",
    header_style: HeaderStyle = HeaderStyle.JA,
    translate: Translate = no_translation,
) -> int:
    """Write ``rows`` in their order — or, when ``None``, every case (``include_closed``) or
    the active ones, most urgent first — to ``target``; return the number of rows written.

    Raises :class:`~coetracker.io.csv_codec.CsvEncodingError` naming every cell that cannot be
    written in ``encoding``; then no file was created or changed.
    """
    with _collector_paused():
        return _export(db, target, today, rows, include_closed, encoding, header_style, translate)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (see ``readiness.assess_many``).

    An export builds a few hundred thousand small objects and no reference cycles; with the
    collector running, each of its passes re-scans everything built so far, which made the
    export of 100,000 cases half again as slow.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _export(
    db: Database,
    target: str | os.PathLike[str] | BinaryIO,
    today: dt.date,
    rows: Sequence[CaseRow] | None,
    include_closed: bool,
    encoding: CsvEncoding,
    header_style: HeaderStyle,
    translate: Translate,
) -> int:
    with db.read_session() as session:
        names = _load_names(session)
    if rows is None:
        every, extras = assessed_cases(db, today=today)
        rows = _select(every, include_closed)
    else:
        with db.read_session() as session:
            extras = load_extras(session, [r.id for r in rows])
    table = list(_cells(rows, extras, names, header_style, translate))
    data = encode_table(table, header_style=header_style, encoding=encoding)
    if isinstance(target, str | os.PathLike):
        _write_atomically(Path(target), data)
    else:
        target.write(data)
    return len(table)

"""The 事件簿 (行政書士法 第9条): numbering matters, closing years, corrections, retention.

- A case is *accepted* once: it gets a ledger entry in the ledger year of its 受託日 and a 受託番号
  from the numbering pattern in Settings. Numbers come from a counter row per scope, incremented
  inside the write transaction (SQLite: ``BEGIN IMMEDIATE``; other servers lock the row), so two
  processes never get the same number, and a number once given is never given again.
- Closing a year (帳簿閉鎖) makes its entries read-only: a change is then an appended
  :class:`~coetracker.storage.models.LedgerCorrection`, recorded in the audit trail as well.
- A case of a closed year cannot be archived away until two years after the closing date; a case
  with a receipt, until five years after the receipt (the app says until when).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from coetracker.domain.ledger import (
    DEFAULT_PATTERN,
    OfficeForm,
    YearBasis,
    check_pattern,
    check_registration_number,
    default_matter_name,
    ledger_year,
    normalize_registration_number,
    reference_for,
    year_bounds,
)
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.services.audit import record_changes, record_create
from coetracker.services.errors import NotFoundError, ServiceError, ValidationError
from coetracker.services.settings import read_settings, save_settings
from coetracker.storage.engine import Database
from coetracker.storage.models import (
    Case,
    IssuedDocument,
    LedgerClosing,
    LedgerCorrection,
    LedgerCounter,
    LedgerEntry,
    utcnow,
)

LEDGER_PREFIX = "ledger."
LEDGER_KEEP_YEARS = 2
RECEIPT_KEEP_YEARS = 5
INVOICE_KEEP_YEARS = 7


class LedgerClosedError(ServiceError):
    """The ledger year is closed: its entries are read-only."""

    def __init__(self, year: int, closed_on: dt.date) -> None:
        super().__init__(
            message(
                "Ledger",
                QT_TRANSLATE_NOOP(
                    "Ledger",
                    "The {year} ledger was closed on {date}: its entries are read-only; "
                    "add a correction instead.",
                ),
                year=str(year),
                date=closed_on,
            )
        )
        self.year = year


class RetentionError(ServiceError):
    """The case must be kept (ledger or receipt retention) until a date."""

    def __init__(self, text: Message, keep_until: dt.date) -> None:
        super().__init__(text)
        self.keep_until = keep_until


@dataclass(frozen=True, slots=True)
class LedgerSettings:
    """Numbering pattern, year basis, the office's form and its invoice registration number."""

    pattern: str = DEFAULT_PATTERN
    basis: YearBasis = YearBasis.CALENDAR
    form: OfficeForm = OfficeForm.SOLE
    registration_number: str = ""  # 適格請求書発行事業者登録番号 (T + 13 digits)


def load_ledger_settings(session: Session) -> LedgerSettings:
    """The ledger settings in force (defaults where never set)."""
    values = read_settings(session)
    defaults = LedgerSettings()
    return LedgerSettings(
        pattern=values.get(LEDGER_PREFIX + "pattern") or defaults.pattern,
        basis=YearBasis(values.get(LEDGER_PREFIX + "basis") or defaults.basis),
        form=OfficeForm(values.get(LEDGER_PREFIX + "form") or defaults.form),
        registration_number=values.get(LEDGER_PREFIX + "registration_number", ""),
    )


def ledger_settings_of(db: Database) -> LedgerSettings:
    """The ledger settings in force, read in a session of its own (any thread)."""
    with db.read_session() as session:
        return load_ledger_settings(session)


def save_ledger_settings(db: Database, settings: LedgerSettings, *, actor: str | None) -> None:
    """Store the ledger settings after checking the pattern and the registration number."""
    problems: dict[str, Message] = {}
    pattern_problem = check_pattern(settings.pattern)
    if pattern_problem is not None:
        problems["pattern"] = pattern_problem
    number = normalize_registration_number(settings.registration_number)
    if number:
        number_problem = check_registration_number(number, settings.form)
        if number_problem is not None:
            problems["registration_number"] = number_problem
    if problems:
        raise ValidationError(problems)
    save_settings(
        db,
        {
            LEDGER_PREFIX + "pattern": settings.pattern,
            LEDGER_PREFIX + "basis": settings.basis.value,
            LEDGER_PREFIX + "form": settings.form.value,
            LEDGER_PREFIX + "registration_number": number,
        },
        actor=actor,
    )


def next_number(session: Session, scope: str) -> int:
    """The next number of ``scope``, taken inside the caller's write transaction.

    The counter row is created if missing with ``INSERT … ON CONFLICT DO NOTHING`` before it is
    incremented: two sessions taking the first number of a new year at once on PostgreSQL then
    queue on the row (the second gets 2) instead of one failing on the unique scope.
    """
    now = utcnow()
    values = {"scope": scope, "last_value": 0, "created_at": now, "updated_at": now}
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        session.execute(
            postgresql.insert(LedgerCounter)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["scope"])
        )
    else:
        from sqlalchemy.dialects import sqlite

        session.execute(
            sqlite.insert(LedgerCounter)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["scope"])
        )
    result = session.execute(
        update(LedgerCounter)
        .where(LedgerCounter.scope == scope)
        .values(last_value=LedgerCounter.last_value + 1, updated_at=now)
        .returning(LedgerCounter.last_value)
    ).scalar_one()
    return int(result)


def closing_of(session: Session, year: int) -> LedgerClosing | None:
    """The closing of ledger ``year``, or None while it is open."""
    return session.scalar(select(LedgerClosing).where(LedgerClosing.ledger_year == year))


def refuse_if_closed(session: Session, year: int) -> None:
    """Raise :class:`LedgerClosedError` when ledger ``year`` is closed."""
    closing = closing_of(session, year)
    if closing is not None:
        raise LedgerClosedError(year, closing.closed_on)


def refuse_closed_reference_change(session: Session, case_id: int) -> None:
    """A 受託番号 can change only while its ledger year is open."""
    year = session.scalar(select(LedgerEntry.ledger_year).where(LedgerEntry.case_id == case_id))
    if year is not None:
        refuse_if_closed(session, year)


def accept_case_in(
    session: Session,
    case_id: int,
    *,
    accepted_on: dt.date,
    matter_name: str | None = None,
    actor: str | None,
    keep_reference: bool = False,
) -> str:
    """Enter a case in the ledger with the next 受託番号; return the number.

    A case already entered keeps its entry and number. With ``keep_reference`` a case that
    already has a reference (carried over from the sheet the app replaces) keeps it and takes
    the next place in the year's order.
    """
    row = session.get(Case, case_id)
    if row is None:
        raise NotFoundError("case", case_id)
    existing = session.scalar(select(LedgerEntry).where(LedgerEntry.case_id == case_id))
    if existing is not None:
        return row.reference or ""
    settings = load_ledger_settings(session)
    year = ledger_year(accepted_on, settings.basis)
    refuse_if_closed(session, year)
    while True:  # skip a number a user already typed by hand on another case
        seq = next_number(session, f"matter:{year}")
        if keep_reference and row.reference:
            number = row.reference
            break
        number = reference_for(settings.pattern, seq=seq, year=year, basis=settings.basis)
        taken = session.scalar(select(Case.id).where(Case.reference == number))
        if taken is None:
            break
    name = matter_name or default_matter_name(
        row.residence_status.name_ja if row.residence_status is not None else None
    )
    entry = LedgerEntry(
        case_id=case_id, ledger_year=year, seq=seq, accepted_on=accepted_on, matter_name=name
    )
    session.add(entry)
    before = {"reference": row.reference}
    row.reference = number
    session.flush()
    record_create(session, actor=actor, entity="ledger_entry", entity_id=entry.id, case_id=case_id)
    record_changes(
        session,
        actor=actor,
        entity="case",
        entity_id=case_id,
        case_id=case_id,
        before=before,
        after={"reference": number},
    )
    return number


def accept_case(
    db: Database,
    case_id: int,
    *,
    accepted_on: dt.date,
    matter_name: str | None = None,
    actor: str | None,
    keep_reference: bool = False,
) -> str:
    """:func:`accept_case_in` in its own write transaction."""
    with db.write_session() as session:
        return accept_case_in(
            session,
            case_id,
            accepted_on=accepted_on,
            matter_name=matter_name,
            actor=actor,
            keep_reference=keep_reference,
        )


ENTRY_FIELDS = ("matter_name", "completed_on", "remarks")


def update_entry(
    db: Database, case_id: int, values: dict[str, object], *, actor: str | None
) -> None:
    """Change an open year's entry (matter name, completion date, remarks)."""
    with db.write_session() as session:
        entry = _entry(session, case_id)
        refuse_if_closed(session, entry.ledger_year)
        before = {name: getattr(entry, name) for name in ENTRY_FIELDS}
        for name, value in values.items():
            if name not in ENTRY_FIELDS:
                raise ValueError(f"not an entry field: {name}")
            setattr(entry, name, value)
        record_changes(
            session,
            actor=actor,
            entity="ledger_entry",
            entity_id=entry.id,
            case_id=case_id,
            before=before,
            after=values,
        )


def _entry(session: Session, case_id: int) -> LedgerEntry:
    entry = session.scalar(select(LedgerEntry).where(LedgerEntry.case_id == case_id))
    if entry is None:
        raise NotFoundError("ledger_entry", case_id)
    return entry


def add_correction(
    db: Database,
    case_id: int,
    *,
    field: str,
    old_value: str | None,
    new_value: str | None,
    reason: str,
    actor: str | None,
) -> None:
    """Append a correction to an entry of the ledger (its line stays as it was printed)."""
    if not reason.strip():
        raise ValidationError(
            {
                "reason": message(
                    "Ledger", QT_TRANSLATE_NOOP("Ledger", "Please say why the entry is corrected.")
                )
            }
        )
    with db.write_session() as session:
        entry = _entry(session, case_id)
        correction = LedgerCorrection(
            case_id=case_id,
            ledger_year=entry.ledger_year,
            made_at=utcnow(),
            actor=actor,
            field=field,
            old_value=old_value,
            new_value=new_value,
            reason=reason.strip(),
        )
        session.add(correction)
        session.flush()
        record_changes(
            session,
            actor=actor,
            entity="ledger_entry",
            entity_id=entry.id,
            case_id=case_id,
            before={field: old_value},
            after={field: new_value},
            action="correct",
        )


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def close_year(db: Database, year: int, *, closed_on: dt.date, actor: str | None) -> dt.date:
    """Close ledger ``year`` on ``closed_on``; return the date its cases must be kept until."""
    with db.write_session() as session:
        refuse_if_closed(session, year)
        basis = load_ledger_settings(session).basis
        _first, last = year_bounds(year, basis)
        if closed_on <= last:
            raise ValidationError(
                {
                    "closed_on": message(
                        "Ledger",
                        QT_TRANSLATE_NOOP(
                            "Ledger", "The {year} ledger can be closed only after {date}."
                        ),
                        year=str(year),
                        date=last,
                    )
                }
            )
        keep_until = add_years(closed_on, LEDGER_KEEP_YEARS)
        closing = LedgerClosing(
            ledger_year=year, closed_on=closed_on, closed_by=actor, keep_until=keep_until
        )
        session.add(closing)
        session.flush()
        record_changes(
            session,
            actor=actor,
            entity="ledger_closing",
            entity_id=closing.id,
            case_id=None,
            before={},
            after={"ledger_year": year, "closed_on": closed_on, "keep_until": keep_until},
            action="close",
        )
        return keep_until


def retention_problem(session: Session, case_id: int, today: dt.date) -> RetentionError | None:
    """Why the case may not be archived or deleted today, or None when it may."""
    entry = session.scalar(select(LedgerEntry).where(LedgerEntry.case_id == case_id))
    if entry is not None:
        closing = closing_of(session, entry.ledger_year)
        if closing is not None and today < closing.keep_until:
            return RetentionError(
                message(
                    "Ledger",
                    QT_TRANSLATE_NOOP(
                        "Ledger",
                        "This case is in the {year} ledger, closed on {closed}; it must be kept "
                        "until {date}.",
                    ),
                    year=str(entry.ledger_year),
                    closed=closing.closed_on,
                    date=closing.keep_until,
                ),
                closing.keep_until,
            )
    keep = session.scalar(
        select(IssuedDocument.keep_until)
        .where(IssuedDocument.case_id == case_id, IssuedDocument.kind == "receipt")
        .order_by(IssuedDocument.keep_until.desc())
        .limit(1)
    )
    if keep is not None and today < keep:
        return RetentionError(
            message(
                "Ledger",
                QT_TRANSLATE_NOOP(
                    "Ledger", "A receipt was issued for this case; it must be kept until {date}."
                ),
                date=keep,
            ),
            keep,
        )
    return None


@dataclass(frozen=True, slots=True)
class EntryInfo:
    """A case's place in the ledger: its number, date accepted, year, and whether it is closed."""

    reference: str
    accepted_on: dt.date
    ledger_year: int
    matter_name: str
    remarks: str
    closed_on: dt.date | None


def entry_info(db: Database, case_id: int) -> EntryInfo | None:
    """The case's ledger entry, or None while it has not been accepted."""
    with db.read_session() as session:
        entry = session.scalar(select(LedgerEntry).where(LedgerEntry.case_id == case_id))
        if entry is None:
            return None
        case = session.get_one(Case, case_id)
        closing = closing_of(session, entry.ledger_year)
        return EntryInfo(
            reference=case.reference or "",
            accepted_on=entry.accepted_on,
            ledger_year=entry.ledger_year,
            matter_name=entry.matter_name,
            remarks=entry.remarks or "",
            closed_on=closing.closed_on if closing else None,
        )

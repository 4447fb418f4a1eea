"""Residence cards: read and save a person's card, start the renewal case from it, and list the
cards that expire soon (the Today view, the CLI and the per-client expiry list).

The expiry the user types is what is stored; when they leave it empty but give the landing date
and the period, the proposal of :func:`~coetracker.domain.residence.proposed_expiry` is stored.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coetracker.domain.calendar_math import add_months
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import Policy, Stage
from coetracker.domain.procedures import Procedure
from coetracker.domain.residence import proposed_expiry, renewal_window_opens
from coetracker.services.audit import record_create
from coetracker.services.errors import NotFoundError, ValidationError
from coetracker.services.residence import holder_stage
from coetracker.services.rows import apply_values, locked_row
from coetracker.services.settings import load_policy
from coetracker.storage.engine import Database
from coetracker.storage.models import (
    Applicant,
    Case,
    Organization,
    ResidenceCard,
    ResidenceStatus,
)

__all__ = [
    "CardInput",
    "CardRecord",
    "ExpiryRow",
    "find_client_id",
    "get_card",
    "mask_card_number",
    "renewal_state",
    "save_card",
    "start_renewal_case",
    "upcoming_expiries",
]

CARD_FIELDS = ("card_number", "residence_status_id", "period_months", "landing_date", "expiry_date")
_CARD_NUMBER = re.compile(r"[A-Z]{2}\d{8}[A-Z]{2}")
_MASK = "•"
_OPEN_STAGES = (
    Stage.PREPARING.value,
    Stage.FILED.value,
    Stage.DOCUMENTS_REQUESTED.value,
    Stage.DOCUMENTS_SUBMITTED.value,
)


@dataclass(frozen=True, slots=True)
class CardInput:
    """A residence card (在留カード) as typed."""

    card_number: str | None = None
    residence_status_id: int | None = None
    period_months: int | None = None
    landing_date: dt.date | None = None
    expiry_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CardRecord(CardInput):
    """A stored residence card."""

    id: int = 0
    applicant_id: int = 0
    version_id: int = 0


def mask_card_number(number: str | None) -> str:
    """A card number with all but its last two characters hidden, as passports in lists."""
    if not number:
        return ""
    visible = 2 if len(number) > 4 else 0
    return _MASK * (len(number) - visible) + number[len(number) - visible :]


def _record(row: ResidenceCard) -> CardRecord:
    return CardRecord(
        card_number=row.card_number,
        residence_status_id=row.residence_status_id,
        period_months=row.period_months,
        landing_date=row.landing_date,
        expiry_date=row.expiry_date,
        id=row.id,
        applicant_id=row.applicant_id,
        version_id=row.version_id,
    )


def get_card(db: Database, applicant_id: int) -> CardRecord | None:
    """The person's residence card, or ``None`` when none is recorded."""
    with db.read_session() as session:
        row = session.scalar(
            select(ResidenceCard).where(ResidenceCard.applicant_id == applicant_id)
        )
        return _record(row) if row is not None else None


def card_values(data: CardInput) -> dict[str, object]:
    """Column values of a card, cleaned and checked (raises ValidationError)."""
    problems: dict[str, Message] = {}
    number = unicodedata.normalize("NFKC", data.card_number or "").replace(" ", "").upper()
    if number and not _CARD_NUMBER.fullmatch(number):
        problems["card_number"] = message(
            "Services",
            QT_TRANSLATE_NOOP(
                "Services",
                "A residence card number is two letters, eight digits and two letters (AB12345678CD).",  # noqa: E501
            ),
        )
    period = data.period_months
    if period is not None and period <= 0:
        period = None
    expiry = data.expiry_date
    if expiry is None and data.landing_date is not None and period is not None:
        expiry = proposed_expiry(data.landing_date, period)
    if expiry is not None and data.landing_date is not None and expiry <= data.landing_date:
        problems["expiry_date"] = message(
            "Services",
            QT_TRANSLATE_NOOP("Services", "The card cannot expire before the landing date."),
        )
    if problems:
        raise ValidationError(problems)
    return {
        "card_number": number or None,
        "residence_status_id": data.residence_status_id,
        "period_months": period,
        "landing_date": data.landing_date,
        "expiry_date": expiry,
    }


def _snapshot(row: ResidenceCard) -> dict[str, object]:
    return {name: getattr(row, name) for name in (*CARD_FIELDS, "version_id")}


def save_card(
    db: Database,
    applicant_id: int,
    data: CardInput,
    *,
    expected_version: int | None,
    actor: str | None,
    case_id: int | None = None,
) -> int:
    """Store the person's card (new when ``expected_version`` is None); return its version.

    The change is written to the history of ``case_id`` (the case it was edited from).
    """
    values = card_values(data)
    with db.write_session() as session:
        if session.get(Applicant, applicant_id) is None:
            raise NotFoundError("applicant", applicant_id)
        existing = session.scalar(
            select(ResidenceCard.id).where(ResidenceCard.applicant_id == applicant_id)
        )
        if existing is None:
            row = ResidenceCard(applicant_id=applicant_id, **values)
            session.add(row)
            session.flush()
            record_create(
                session, actor=actor, entity="residence_card", entity_id=row.id, case_id=case_id
            )
            return row.version_id
        row = locked_row(
            session, ResidenceCard, "residence_card", existing, expected_version or 0, _snapshot
        )
        return apply_values(
            session, row, values, actor=actor, entity="residence_card", case_id=case_id
        )


def start_renewal_case(db: Database, case_id: int, *, actor: str | None) -> int:
    """Create the extension-of-stay case for the person of ``case_id``; return its id.

    The new case is being prepared, with the same client, person, bureau and assignee, and the
    status on the card (else the case's). A renewal or change already open for the person is
    returned instead of a second one.
    """
    with db.write_session() as session:
        source = session.get(Case, case_id)
        if source is None:
            raise NotFoundError("case", case_id)
        open_id = session.scalar(
            select(Case.id)
            .where(
                Case.applicant_id == source.applicant_id,
                Case.procedure != Procedure.COE.value,
                Case.archived.is_(False),
                Case.stage.in_(_OPEN_STAGES),
            )
            .order_by(Case.id.desc())
        )
        if open_id is not None:
            return int(open_id)
        card_status = session.scalar(
            select(ResidenceCard.residence_status_id).where(
                ResidenceCard.applicant_id == source.applicant_id
            )
        )
        row = Case(
            organization_id=source.organization_id,
            applicant_id=source.applicant_id,
            residence_status_id=card_status or source.residence_status_id,
            bureau_id=source.bureau_id,
            review_department=None,
            department_phone=None,
            assignee=source.assignee,
            stage=Stage.PREPARING.value,
            procedure=Procedure.RENEWAL.value,
            archived=False,
        )
        if source.organization_id is None:  # a family case: its 代理人 stays the client
            row.agent_name = source.agent_name
            row.agent_relationship = source.agent_relationship
            row.agent_prefecture = source.agent_prefecture
            row.agent_address = source.agent_address
        session.add(row)
        session.flush()
        record_create(session, actor=actor, entity="case", entity_id=row.id, case_id=row.id)
        return int(row.id)


# --- upcoming expiries -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExpiryRow:
    """One person's card in the expiry list, with the client that employs them."""

    applicant_id: int
    case_id: int | None  # the case that holds the card (the one to start a renewal from)
    client: str
    organization_id: int | None
    family_name: str
    given_name: str | None
    name_kanji: str | None
    status_name: str | None
    card_number: str | None
    expiry_date: dt.date
    window_opens: dt.date
    renewal: str  # "filed", "preparing" or "" (none)

    @property
    def applicant_name(self) -> str:
        return " ".join(part for part in (self.family_name, self.given_name) if part)

    def days_left(self, today: dt.date) -> int:
        return (self.expiry_date - today).days


def renewal_state(row: ExpiryRow, today: dt.date) -> Message:
    """Where the person's renewal stands, in words (the expiry list's last column)."""
    if row.renewal == "filed":
        return message("Services", QT_TRANSLATE_NOOP("Services", "Renewal or change filed"))
    if row.renewal == "preparing":
        return message("Services", QT_TRANSLATE_NOOP("Services", "Renewal being prepared"))
    if row.expiry_date < today:
        return message("Services", QT_TRANSLATE_NOOP("Services", "Expired: no renewal filed"))
    if row.window_opens <= today:
        return message("Services", QT_TRANSLATE_NOOP("Services", "Renewal can be filed now"))
    return message(
        "Services",
        QT_TRANSLATE_NOOP("Services", "Renewal from {date}"),
        date=row.window_opens,
    )


def find_client_id(db: Database, name: str) -> int | None:
    """The client whose name is ``name`` (exactly, else the one whose name contains it)."""
    text = unicodedata.normalize("NFKC", name).strip()
    with db.read_session() as session:
        clients = session.execute(select(Organization.id, Organization.name)).all()
    exact = [cid for cid, cname in clients if unicodedata.normalize("NFKC", cname) == text]
    if exact:
        return int(exact[0])
    partial = [
        cid for cid, cname in clients if text and text in unicodedata.normalize("NFKC", cname)
    ]
    return int(partial[0]) if len(partial) == 1 else None


def upcoming_expiries(
    db: Database,
    *,
    today: dt.date,
    until: dt.date | None = None,
    organization_id: int | None = None,
    policy: Policy | None = None,
) -> list[ExpiryRow]:
    """Cards expiring on or before ``until`` (default: the renewal window from ``today``),
    expired ones included, earliest first; per client with ``organization_id``."""
    with db.read_session() as session:
        policy = policy or load_policy(session)
        until = until or renewal_window_opens_until(today, policy)
        return _expiries(session, until, organization_id, policy)


def renewal_expiries(
    db: Database, *, today: dt.date, organization_id: int | None = None
) -> tuple[list[ExpiryRow], dt.date]:
    """The cards whose renewal window has opened by ``today`` (per client with
    ``organization_id``), and the last expiry that includes."""
    with db.read_session() as session:
        policy = load_policy(session)
    until = renewal_window_opens_until(today, policy)
    rows = upcoming_expiries(
        db, today=today, until=until, organization_id=organization_id, policy=policy
    )
    return rows, until


def renewal_window_opens_until(today: dt.date, policy: Policy) -> dt.date:
    """The last expiry whose renewal window has opened by ``today`` (month ends make this more
    than a plain month addition: on 28 February the windows of 29–31 May are open too)."""
    day = add_months(today, policy.renewal_window_months)
    while renewal_window_opens(day + dt.timedelta(days=1), policy.renewal_window_months) <= today:
        day += dt.timedelta(days=1)
    return day


def _expiries(
    session: Session, until: dt.date, organization_id: int | None, policy: Policy
) -> list[ExpiryRow]:
    cards = session.execute(
        select(
            ResidenceCard.applicant_id,
            ResidenceCard.card_number,
            ResidenceCard.expiry_date,
            ResidenceStatus.name_ja,
            Applicant.family_name,
            Applicant.given_name,
            Applicant.name_kanji,
        )
        .join(Applicant, Applicant.id == ResidenceCard.applicant_id)
        .outerjoin(ResidenceStatus, ResidenceStatus.id == ResidenceCard.residence_status_id)
        .where(ResidenceCard.expiry_date.is_not(None), ResidenceCard.expiry_date <= until)
    ).all()
    if not cards:
        return []
    people = [row[0] for row in cards]
    cases = session.execute(
        select(
            Case.id,
            Case.applicant_id,
            Case.procedure,
            Case.stage,
            Case.archived,
            Case.organization_id,
            func.coalesce(Organization.name, Case.agent_name, ""),  # a family case: its 代理人
        )
        .outerjoin(Organization, Organization.id == Case.organization_id)
        .where(Case.applicant_id.in_(people))
        .order_by(Case.id)
    ).all()
    latest: dict[int, tuple[int | None, int | None, str]] = {}
    renewal: dict[int, str] = {}
    for row_id, person, procedure_text, stage_text, archived, row_org, row_client in cases:
        procedure = Procedure(procedure_text)
        stage = Stage(stage_text)
        if archived:
            continue
        if holder_stage(procedure, stage) or person not in latest:
            latest[person] = (row_id, row_org, row_client)
        if procedure is not Procedure.COE:
            if stage is Stage.PREPARING:
                renewal.setdefault(person, "preparing")
            elif stage in (Stage.FILED, Stage.DOCUMENTS_REQUESTED, Stage.DOCUMENTS_SUBMITTED):
                renewal[person] = "filed"
    rows: list[ExpiryRow] = []
    for person, number, expiry, status, family, given, kanji in cards:
        case_id, org_id, client = latest.get(person) or (None, None, "")
        if organization_id is not None and org_id != organization_id:
            continue
        assert expiry is not None  # the WHERE clause
        rows.append(
            ExpiryRow(
                applicant_id=person,
                case_id=case_id,
                client=client,
                organization_id=org_id,
                family_name=family,
                given_name=given,
                name_kanji=kanji,
                status_name=status,
                card_number=number,
                expiry_date=expiry,
                window_opens=renewal_window_opens(expiry, policy.renewal_window_months),
                renewal=renewal.get(person, ""),
            )
        )
    rows.sort(key=lambda r: (r.expiry_date, r.client, r.family_name, r.applicant_id))
    return rows

"""Clients (organisations) and applicants: matched to existing rows, never duplicated."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.text import clean, search_key
from coetracker.domain.text_rules import CAPS, text_problem
from coetracker.services.audit import record_changes, record_create
from coetracker.services.errors import ConflictError, NotFoundError, ValidationError
from coetracker.services.records import (
    ApplicantInput,
    ApplicantRecord,
    OrganizationInput,
    OrganizationRecord,
    as_dict,
)
from coetracker.storage.engine import Database
from coetracker.storage.models import Applicant, Organization

ORGANIZATION_TEXT_FIELDS = (
    "name",
    "name_kana",
    "corporate_number",
    "postal_code",
    "prefecture",
    "address",
    "contact_person",
    "phone",
    "email",
    "notes",
)
APPLICANT_TEXT_FIELDS = (
    "family_name",
    "given_name",
    "name_kanji",
    "name_kana",
    "nationality_code",
    "sex",
    "passport_number",
    "notes",
)


def organization_values(data: OrganizationInput) -> dict[str, object]:
    """Cleaned column values of a client."""
    values = as_dict(data)
    for name in ORGANIZATION_TEXT_FIELDS:
        values[name] = clean(values[name])
    problem = text_problem(values["name"], limit=CAPS["name"])
    if problem is not None:
        raise ValidationError({"organization": problem})
    if not values["name"]:
        raise ValidationError(
            {
                "organization": message(
                    "Services", QT_TRANSLATE_NOOP("Services", "Enter the client's name.")
                )
            }
        )
    number = values["corporate_number"]
    if number is not None and not is_valid_corporate_number(str(number)):
        raise ValidationError(
            {
                "corporate_number": message(
                    "Services",
                    QT_TRANSLATE_NOOP(
                        "Services",
                        "A corporate number (法人番号) has 13 digits and a valid check digit.",
                    ),
                )
            }
        )
    return values


def is_valid_corporate_number(number: str) -> bool:
    """Check a 法人番号: 13 digits, the first a check digit over the other twelve."""
    if len(number) != 13 or not number.isascii() or not number.isdigit():
        return False
    digits = [int(ch) for ch in number[1:]]
    # Weights alternate 1, 2 from the lowest digit (the rightmost of the twelve).
    total = sum(d * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(digits)))
    return int(number[0]) == 9 - total % 9


def _check_text(values: dict[str, object], fields: tuple[str, ...]) -> None:
    """Refuse control characters, bidi overrides and text over the caps (domain.text_rules)."""
    problems = {}
    for name in fields:
        problem = text_problem(values.get(name), limit=CAPS[name])
        if problem is not None:
            problems[name] = problem
    if problems:
        raise ValidationError(problems)


def applicant_values(data: ApplicantInput) -> dict[str, object]:
    """Cleaned column values of an applicant."""
    values = as_dict(data)
    for name in APPLICANT_TEXT_FIELDS:
        values[name] = clean(values[name])
    if values["passport_number"]:  # ＴＫ１２３ is TK123: the number as printed
        values["passport_number"] = unicodedata.normalize("NFKC", str(values["passport_number"]))
        values["passport_number"] = str(values["passport_number"]).upper().replace(" ", "")
    if values["nationality_code"]:
        values["nationality_code"] = str(values["nationality_code"]).upper()
    _check_text(values, ("family_name", "given_name", "name_kanji", "name_kana", "passport_number"))
    if not values["family_name"]:
        raise ValidationError(
            {
                "family_name": message(
                    "Services",
                    QT_TRANSLATE_NOOP(
                        "Services", "Enter the applicant's family name as in the passport."
                    ),
                )
            }
        )
    return values


def find_organization(session: Session, data: OrganizationInput) -> Organization | None:
    """An existing client with the same corporate number, or else the same name (folded)."""
    values = organization_values(data)
    if values["corporate_number"]:
        found = session.scalars(
            select(Organization).where(Organization.corporate_number == values["corporate_number"])
        ).first()
        if found is not None:
            return found
    key = search_key(str(values["name"]))
    # Names differ in width, case and spacing between sheets (株式会社ＡＢＣ / 株式会社ABC):
    # compare folded keys. Offices have hundreds of clients, not millions.
    for candidate_id, candidate_name in session.execute(select(Organization.id, Organization.name)):
        if search_key(candidate_name) == key:
            return session.get(Organization, candidate_id)
    return None


def find_or_create_organization(
    session: Session, data: OrganizationInput, *, actor: str | None
) -> Organization:
    """The matching client, or a new one."""
    found = find_organization(session, data)
    if found is not None:
        return found
    organization = Organization(**organization_values(data))
    session.add(organization)
    session.flush()
    record_create(
        session, actor=actor, entity="organization", entity_id=organization.id, case_id=None
    )
    return organization


def find_applicant(session: Session, data: ApplicantInput) -> Applicant | None:
    """An existing applicant: same passport number, or same names and date of birth."""
    values = applicant_values(data)
    if values["passport_number"]:
        found = session.scalars(
            select(Applicant).where(Applicant.passport_number == values["passport_number"])
        ).first()
        if found is not None:
            return found
    if values["birth_date"] is None:
        return None
    # Romanised names match whatever their width and case (ＳＭＩＴＨ, Smith, SMITH): the few
    # applicants born that day are compared folded.
    wanted = (_name_key(values["family_name"]), _name_key(values["given_name"]))
    candidates = session.scalars(
        select(Applicant).where(Applicant.birth_date == values["birth_date"]).order_by(Applicant.id)
    )
    for candidate in candidates:
        if (_name_key(candidate.family_name), _name_key(candidate.given_name)) == wanted:
            return candidate
    return None


def _name_key(value: object) -> str:
    return unicodedata.normalize("NFKC", value).casefold().strip() if isinstance(value, str) else ""


def create_applicant(session: Session, data: ApplicantInput, *, actor: str | None) -> Applicant:
    """A new applicant row."""
    applicant = Applicant(**applicant_values(data))
    session.add(applicant)
    session.flush()
    record_create(session, actor=actor, entity="applicant", entity_id=applicant.id, case_id=None)
    return applicant


def update_applicant(
    session: Session,
    applicant_id: int,
    data: ApplicantInput,
    *,
    actor: str | None,
    case_id: int | None,
    expected_version: int | None = None,
) -> Applicant:
    """Update an applicant's fields (audited); refuse a stale ``expected_version``."""
    applicant = session.get(Applicant, applicant_id, with_for_update=True, populate_existing=True)
    if applicant is None:
        raise NotFoundError("applicant", applicant_id)
    if expected_version is not None and applicant.version_id != expected_version:
        raise ConflictError("applicant", applicant_id, as_dict(applicant_record(applicant)))
    values = applicant_values(data)
    before = {name: getattr(applicant, name) for name in values}
    for name, value in values.items():
        setattr(applicant, name, value)
    record_changes(
        session,
        actor=actor,
        entity="applicant",
        entity_id=applicant.id,
        case_id=case_id,
        before=before,
        after=values,
    )
    return applicant


def organization_record(row: Organization) -> OrganizationRecord:
    """A stored client as a plain value."""
    return OrganizationRecord(
        **{name: getattr(row, name) for name in ORGANIZATION_TEXT_FIELDS},
        category=row.category,
        id=row.id,
        version_id=row.version_id,
    )


def applicant_record(row: Applicant) -> ApplicantRecord:
    """A stored applicant as a plain value."""
    return ApplicantRecord(
        **{name: getattr(row, name) for name in APPLICANT_TEXT_FIELDS},
        birth_date=row.birth_date,
        id=row.id,
        version_id=row.version_id,
    )


def organizations_of(db: Database) -> list[OrganizationRecord]:
    """:func:`list_organizations` read in a session of its own (any thread)."""
    with db.read_session() as session:
        return list_organizations(session)


def list_organizations(session: Session) -> list[OrganizationRecord]:
    """Every client, by name."""
    return [
        organization_record(row)
        for row in session.scalars(select(Organization).order_by(Organization.name))
    ]

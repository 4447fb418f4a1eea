"""Settings stored in the database (shared by every user of it): policy numbers, office details."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coetracker.domain.model import Policy
from coetracker.storage.dbapi import fetch, raw_connection

if TYPE_CHECKING:
    from coetracker.storage.engine import Database

OFFICE_PREFIX = "office."


@dataclass(frozen=True, slots=True)
class OfficeDetails:
    """The filer's office, printed on call sheets: scrivener, office, registration number."""

    scrivener_name: str = ""
    office_name: str = ""
    registration_number: str = ""
    phone: str = ""
    address: str = ""
    user_name: str = ""  # the default "made by" of a new inquiry


def read_settings(source: Any) -> dict[str, str]:
    """Every setting row as key → value (``source``: a session or a DB-API connection)."""
    rows = fetch(raw_connection(source), "SELECT key, value FROM setting")
    return {str(key): str(value) for key, value in rows}


def load_policy(source: Any) -> Policy:
    """The readiness policy in force (``source``: a session or a DB-API connection)."""
    return Policy.from_settings(read_settings(source))


def policy_of(db: Database) -> Policy:
    """The readiness policy in force, read in a session of its own (any thread)."""
    with db.read_session() as session:
        return load_policy(session)


def office_of(db: Database) -> OfficeDetails:
    """The office details in force, read in a session of its own (any thread)."""
    with db.read_session() as session:
        return load_office(session)


def load_office(session: Any) -> OfficeDetails:
    """The office details in force."""
    values = read_settings(session)
    return OfficeDetails(
        **{
            name: values.get(OFFICE_PREFIX + name, "")
            for name in OfficeDetails.__dataclass_fields__
        }
    )


def save_settings(db: Database, values: Mapping[str, str], *, actor: str | None) -> None:
    """Insert or update settings, recording each change in the audit trail."""
    from sqlalchemy import select

    from coetracker.services.audit import record_changes
    from coetracker.storage.models import Setting

    with db.write_session() as session:
        existing = {row.key: row for row in session.scalars(select(Setting))}
        before = {key: row.value for key, row in existing.items()}
        for key, value in values.items():
            row = existing.get(key)
            if row is None:
                session.add(Setting(key=key, value=value))
            else:
                row.value = value
        record_changes(
            session,
            actor=actor,
            entity="setting",
            entity_id=0,
            case_id=None,
            before=before,
            after=dict(values),
        )


def save_policy(db: Database, policy: Policy, *, actor: str | None) -> None:
    """Store every policy number."""
    save_settings(db, policy.to_settings(), actor=actor)


def save_office(db: Database, office: OfficeDetails, *, actor: str | None) -> None:
    """Store the office details."""
    save_settings(
        db,
        {
            OFFICE_PREFIX + name: getattr(office, name)
            for name in OfficeDetails.__dataclass_fields__
        },
        actor=actor,
    )

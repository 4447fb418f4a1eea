"""Residence cards and the after-arrival facts the rules need, read in bulk.

:func:`card_contexts` tells, for every case a residence card concerns, the card's expiry and
whether a renewal or change of status has been started or filed for the person: the case that
holds the current card (the latest entered COE or granted extension/change) gets RENEWAL_DUE from
it, and a pending extension/change gets its special period. :func:`procedure_policy` gives an
extension or a change of status its fallback average when no figure is published.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coetracker.domain.model import FILED_STAGES, ISSUED_STAGES, Policy, Stage
from coetracker.domain.procedures import Procedure
from coetracker.services.case_row import CaseRow
from coetracker.storage.dbapi import as_date, fetch, raw_connection

if TYPE_CHECKING:
    from coetracker.storage.engine import Database

__all__ = [
    "CardContext",
    "card_contexts",
    "card_details_missing",
    "holder_stage",
    "procedure_policy",
    "same_person_case_ids",
]

_GRANTED = frozenset({*ISSUED_STAGES, Stage.ENTERED})
_FILED_VALUES = frozenset(stage.value for stage in FILED_STAGES)
_PROCEDURES = {procedure.value: procedure for procedure in Procedure}


@dataclass(frozen=True, slots=True)
class CardContext:
    """What the rules read about a person's residence card for one case."""

    card_expiry: dt.date | None
    renewal_filed: bool = False
    renewal_preparing: bool = False
    applies: bool = False  # the case holds the current card, or is a pending extension/change

    @property
    def rule_expiry(self) -> dt.date | None:
        """The expiry the rules read: only for the cases the card applies to."""
        return self.card_expiry if self.applies else None


def holder_stage(procedure: Procedure, stage: Stage) -> bool:
    """Whether a case in this stage gave the person a residence card (entered, or granted)."""
    if procedure is Procedure.COE:
        return stage is Stage.ENTERED
    return stage in _GRANTED


CARDS_SQL = (
    "SELECT c.id, c.applicant_id, c.procedure, c.stage, c.archived, c.decision_date,"
    " c.entry_date, c.filing_date, rc.expiry_date"
    ' FROM "case" AS c JOIN residence_card AS rc ON rc.applicant_id = c.applicant_id'
    " WHERE rc.expiry_date IS NOT NULL"
)


def card_contexts(source: Any, applicant_id: int | None = None) -> dict[int, CardContext]:
    """Case id → card context, for every case of a person with a recorded card expiry
    (``source``: a session or a DB-API connection)."""
    sql, params = CARDS_SQL, []
    if applicant_id is not None:
        sql, params = sql + " AND c.applicant_id = ?", [applicant_id]
    rows = [
        (
            case_id,
            person,
            procedure,
            stage,
            archived,
            as_date(decided),
            as_date(entered),
            as_date(filing),
            as_date(expiry),
        )
        for case_id, person, procedure, stage, archived, decided, entered, filing, expiry in fetch(
            raw_connection(source), sql, params
        )
    ]
    return contexts_from_rows(rows)


def contexts_from_rows(rows: Iterable[tuple[object, ...]]) -> dict[int, CardContext]:
    """The grouping behind :func:`card_contexts` (rows as that query returns them)."""
    by_person: dict[int, list[tuple[object, ...]]] = defaultdict(list)
    for row in rows:
        by_person[int(row[1])].append(row)  # type: ignore[call-overload]
    contexts: dict[int, CardContext] = {}
    for person_rows in by_person.values():
        expiry = person_rows[0][8]
        assert isinstance(expiry, dt.date)
        filed = preparing = False
        holder: tuple[dt.date, int] | None = None
        pending: list[int] = []
        for (
            case_id,
            _person,
            procedure_text,
            stage_text,
            archived,
            decided,
            entered,
            filing,
            _,
        ) in person_rows:
            if archived:
                continue
            procedure = _PROCEDURES.get(str(procedure_text), Procedure.COE)
            stage = Stage(str(stage_text))
            if procedure is not Procedure.COE:
                if stage_text in _FILED_VALUES:
                    filed = True
                    pending.append(int(case_id))  # type: ignore[call-overload]
                elif stage is Stage.PREPARING:
                    preparing = True
                    pending.append(int(case_id))  # type: ignore[call-overload]
            if holder_stage(procedure, stage):
                when = decided or entered or filing or dt.date.min
                assert isinstance(when, dt.date)
                key = (when, int(case_id))  # type: ignore[call-overload]
                if holder is None or key > holder:
                    holder = key
        for row in person_rows:
            contexts[int(row[0])] = CardContext(expiry)  # type: ignore[call-overload]
        if holder is not None:
            contexts[holder[1]] = CardContext(expiry, filed, preparing, applies=True)
        for case_id in pending:
            contexts[case_id] = CardContext(expiry, applies=True)
    return contexts


def same_person_case_ids(db: Database, case_id: int) -> list[int]:
    """``case_id`` and the other cases of its person: a renewal filed or a card edited changes
    the readiness of them all."""
    from sqlalchemy import select

    from coetracker.storage.models import Case

    with db.read_session() as session:
        person = session.scalar(select(Case.applicant_id).where(Case.id == case_id))
        if person is None:
            return [case_id]
        others = session.scalars(
            select(Case.id).where(Case.applicant_id == person, Case.id != case_id)
        ).all()
    return [case_id, *others]


def card_details_missing(row: CaseRow) -> bool:
    """An entered (or granted) case whose person has no card expiry recorded: not an error, a
    gap the "card details missing" filter lists."""
    return not row.archived and row.card_expiry is None and holder_stage(row.procedure, row.stage)


# --- per-procedure processing figures --------------------------------------------------------
# An extension or a change of status uses its own procedure's published figure for the status,
# else that procedure's average across statuses (services/benchmark_table.py); only when neither
# exists does the policy's own average (editable in Settings) stand in, and the rules say so.


def procedure_policy(policy: Policy, procedure: Procedure) -> Policy:
    """The policy the rules use for a case of ``procedure``: its fallback average is the one in
    Settings for that procedure (used only when no figure is published)."""
    if procedure is Procedure.RENEWAL:
        return dataclasses.replace(policy, fallback_benchmark_days=policy.renewal_benchmark_days)
    if procedure is Procedure.CHANGE:
        return dataclasses.replace(policy, fallback_benchmark_days=policy.change_benchmark_days)
    return policy

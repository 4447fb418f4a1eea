"""The assessment store during a bulk import on SQLite: its triggers set aside for the bulk write
and their effect applied once at its end, in the same transaction.

The triggers (``storage/assessment_triggers.py``) delete stored assessments for every row
written: for a case, a residence card or an applicant's names, those of every case of that
person; for an inquiry or a document request, that of its case. The bulk writer reports the
people and the cases its rows wrote (``BulkCounts.people`` and ``cases``), and two ``DELETE``
statements after the write remove exactly what the triggers would have removed row by row: a
person's cases only grow during an import by the cases it creates, which have no stored
assessment yet, and nothing else writes inside the import's transaction. On a new database the
triggers cost a statement per row for nothing; here the store is looked at once.

The triggers are dropped inside the write transaction and made again from the very text SQLite
keeps for them before the block ends, so that the database never commits without them, and a
failure or a cancel rolls the drop back with everything else. A server keeps its triggers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from coetracker.storage.assessment_triggers import TRIGGER_NAMES
from coetracker.storage.dbapi import raw_connection

__all__ = ["DEFERRED_TRIGGERS", "PER_STATEMENT", "store_triggers_deferred"]

DEFERRED_TRIGGERS = tuple(
    sorted(
        name
        for table in ("case", "inquiry", "document_request", "residence_card", "applicant")
        for event in ("insert", "update")
        if (name := f"trg_assessment_store_{table}_{event}") in TRIGGER_NAMES
    )
)
"""The store's triggers on what the bulk writer inserts and updates (it never deletes)."""
PER_STATEMENT = 10_000
"""Case ids bound in one ``DELETE`` (SQLite allows 32,766 parameters)."""


class Written:
    """What a bulk write changed in the store (see :func:`store_triggers_deferred`)."""

    def __init__(self) -> None:
        self.people: set[int] = set()
        self.cases: set[int] = set()

    def add(self, people: Iterable[int], cases: Iterable[int]) -> None:
        """Applicants whose every case, and cases, whose stored assessments the triggers
        would have voided (``BulkCounts.people`` and ``cases``)."""
        self.people.update(people)
        self.cases.update(cases)


@contextmanager
def store_triggers_deferred(session: Session) -> Iterator[Written]:
    """Inside the caller's write transaction: :data:`DEFERRED_TRIGGERS` dropped for the block;
    at its end the stored assessments of the cases, and of every case of the people, given to
    ``written.add`` deleted, and the triggers made again (also when the block fails: the
    caller's rollback then undoes both).

    Only the bulk writer may write inside the block (see the module documentation); on a
    server nothing is dropped and the block runs with the triggers."""
    written = Written()
    if session.get_bind().dialect.name != "sqlite":
        yield written
        return
    cursor = raw_connection(session).cursor()
    marks = ", ".join("?" * len(DEFERRED_TRIGGERS))
    triggers: list[tuple[str, str]] = cursor.execute(
        "SELECT name, sql FROM sqlite_master "  # noqa: S608 - marks only
        f"WHERE type = 'trigger' AND name IN ({marks}) ORDER BY name",
        DEFERRED_TRIGGERS,
    ).fetchall()
    for name, _sql in triggers:
        cursor.execute(f'DROP TRIGGER "{name}"')  # one of our own names, not input
    try:
        yield written
        _void(cursor, written)
    finally:
        for _name, sql in triggers:  # the very text SQLite kept
            cursor.execute(sql)


def _void(cursor: Any, written: Written) -> None:
    """What the triggers would have deleted for what was written."""
    if cursor.execute("SELECT 1 FROM assessment_store LIMIT 1").fetchone() is None:
        return  # an empty store (a new database): nothing to void
    for ids, where in (
        (written.cases, "case_id IN ({marks})"),
        (written.people, 'case_id IN (SELECT id FROM "case" WHERE applicant_id IN ({marks}))'),
    ):
        ordered = sorted(ids)
        for start in range(0, len(ordered), PER_STATEMENT):
            part = ordered[start : start + PER_STATEMENT]
            marks = ", ".join("?" * len(part))
            statement = f"DELETE FROM assessment_store WHERE {where.format(marks=marks)}"  # noqa: S608 - marks only
            cursor.execute(statement, part)

"""Live refresh: which cases other people changed since the window last looked.

Every change is audited with its case, so the audit trail says exactly which cases to re-read.
Audit ids are handed out when a row is inserted, not when its transaction commits, so a slow
transaction can commit an id lower than one already seen: the query looks back a margin of ids
and skips those already handled. A burst larger than :data:`FULL_RELOAD_ABOVE` cases (an import,
a restore) asks for a full reload instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import event, func, select

from coetracker.services.caselist import list_cases
from coetracker.services.records import CaseRow
from coetracker.storage.changes import ChangeWatcher
from coetracker.storage.engine import Database
from coetracker.storage.models import AuditEvent

LOOKBACK = 500
FULL_RELOAD_ABOVE = 200


@dataclass(frozen=True, slots=True)
class LiveUpdate:
    """What changed: re-read rows (``rows``), cases gone (``removed``), or ``full`` reload."""

    rows: list[CaseRow] = field(default_factory=list)
    removed: frozenset[int] = frozenset()
    full: bool = False
    reachable: bool = True

    @property
    def case_ids(self) -> frozenset[int]:
        return frozenset(row.id for row in self.rows) | self.removed


class LiveChanges:
    """Polls a :class:`ChangeWatcher` and turns commits into re-read case rows."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._watcher = ChangeWatcher(db.url, sqlite_file=db.path)
        self._seen: set[int] = set()
        self._last = 0
        # A restore disposes the engine to replace the file: the watcher's own connection must
        # not keep the old file open either (it reconnects on the next poll).
        event.listen(db.engine, "engine_disposed", self._engine_disposed)

    def _engine_disposed(self, _engine: object) -> None:
        self._watcher.close()

    def start(self) -> None:
        """Watch from now on (the window has just loaded every case)."""
        self._watcher.start()
        with self._db.read_session() as session:
            self._last = int(session.scalar(select(func.max(AuditEvent.id))) or 0)
            self._seen = set(
                session.scalars(select(AuditEvent.id).where(AuditEvent.id > self._last - LOOKBACK))
            )

    def poll(self, today: dt.date) -> LiveUpdate | None:
        """None when nothing happened; else what to show. Runs in the background."""
        if not self._watcher.poll():
            return None if self._watcher.reachable else LiveUpdate(reachable=False)
        floor = max(0, self._last - LOOKBACK)
        with self._db.read_session() as session:
            events = session.execute(
                select(AuditEvent.id, AuditEvent.case_id).where(AuditEvent.id > floor)
            ).all()
        new = [(event_id, case_id) for event_id, case_id in events if event_id not in self._seen]
        if not new:
            return None
        self._seen.update(event_id for event_id, _ in new)
        self._last = max(self._last, *(event_id for event_id, _ in new))
        self._seen = {event_id for event_id in self._seen if event_id > self._last - LOOKBACK}
        case_ids = {case_id for _, case_id in new if case_id is not None}
        if len(case_ids) > FULL_RELOAD_ABOVE:
            return LiveUpdate(full=True)
        if not case_ids:
            return None
        rows = list_cases(self._db, today=today, include_closed=True, case_ids=sorted(case_ids))
        found = {row.id for row in rows}
        return LiveUpdate(rows=rows, removed=frozenset(case_ids - found))

    def close(self) -> None:
        if event.contains(self._db.engine, "engine_disposed", self._engine_disposed):
            event.remove(self._db.engine, "engine_disposed", self._engine_disposed)
        self._watcher.close()

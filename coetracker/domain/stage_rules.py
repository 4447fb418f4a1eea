"""The stage a case has reached according to the dates recorded on it.

A date implies a stage (a filing date: filed; an issue date: issued …). The editor moves the
stage forward to the latest stage its dates imply, and never backward or out of a final stage
(denied, withdrawn, expired): what the user chose is only ever completed, not contradicted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from coetracker.domain.model import Stage

PROGRESSION: tuple[Stage, ...] = (
    Stage.PREPARING,
    Stage.FILED,
    Stage.DOCUMENTS_REQUESTED,
    Stage.DOCUMENTS_SUBMITTED,
    Stage.ISSUED,
    Stage.SENT,
    Stage.VISA_APPLIED,
    Stage.ENTERED,
)
"""The stages of a case that goes well, in order."""

IMPLIED_BY: dict[str, Stage] = {
    "filing_date": Stage.FILED,
    "coe_issued_date": Stage.ISSUED,
    "sent_to_applicant_date": Stage.SENT,
    "visa_applied_date": Stage.VISA_APPLIED,
    "entry_date": Stage.ENTERED,
}
"""The case field whose date shows that the case reached a stage."""


def inferred_stage(current: Stage, dates: Mapping[str, dt.date | None]) -> tuple[Stage, str | None]:
    """The stage to show, and the field that moved it there (None: ``current`` stands)."""
    if current not in PROGRESSION:
        return current, None
    best, reason = current, None
    for name, stage in IMPLIED_BY.items():
        if dates.get(name) is not None and PROGRESSION.index(stage) > PROGRESSION.index(best):
            best, reason = stage, name
    return best, reason

"""The entry points of the readiness rules: :func:`assess` picks the rule that decides (closed,
preparing, issued, filed; extension and change of status) and :func:`assess_many` assesses a
list with the cyclic garbage collector paused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Final

from coetracker.domain.model import (
    CLOSED_STAGES,
    ISSUED_STAGES,
    Assessment,
    CaseFacts,
    Policy,
    Stage,
)
from coetracker.domain.readiness.build import (
    _COE_PROCEDURE,
    _ENTERED_STAGE,
    _PREPARING_STAGE,
    new_reason,
)
from coetracker.domain.readiness.closed import _CLOSED_ARCHIVED, _CLOSED_BY_STAGE, _PREPARING
from coetracker.domain.readiness.filed import assess_filed
from coetracker.domain.readiness.issued import assess_issued
from coetracker.domain.residence import (
    CLOSED_GRANTED,
    assess_card,
    special_period_end,
    special_period_reason,
)
from coetracker.pacing import collector_paused

# --- the entry points ------------------------------------------------------------------------


def assess(facts: CaseFacts, today: dt.date, policy: Policy, *, explain: bool = True) -> Assessment:
    """Assess one case as of ``today`` under ``policy`` (DESIGN.md §5; see the module docstring).

    Pure and deterministic. With ``explain=False`` the reasons are not built: ``reasons`` is
    empty, except in the prebuilt results (closed, preparing, issue date missing), which keep
    their one reason. Everything else is the same, and a case list is assessed twice as fast.
    """
    stage = facts.stage
    if facts.archived:
        return _CLOSED_ARCHIVED
    if facts.procedure is not _COE_PROCEDURE:
        return _assess_stay_procedure(facts, today, policy, explain)
    if stage is _ENTERED_STAGE and facts.card_expiry is not None:
        return assess_card(facts, today, policy, explain=explain)
    if stage in CLOSED_STAGES:
        return _CLOSED_BY_STAGE[stage]
    if stage is _PREPARING_STAGE:
        return _PREPARING
    if stage in ISSUED_STAGES:
        return assess_issued(facts, today, policy, explain)
    return assess_filed(facts, today, policy, explain)


def assess_many(
    cases: Iterable[CaseFacts], today: dt.date, policy: Policy, *, explain: bool = True
) -> list[Assessment]:
    """:func:`assess` every case, in order: the case list at start-up.

    The cyclic garbage collector is paused for the batch and restored afterwards. Assessments
    hold no reference cycles, so it has nothing to find, yet each of its passes re-scans every
    result built so far: with it running, 100,000 assessments take about twice as long.
    """
    with collector_paused():
        return [assess(facts, today, policy, explain=explain) for facts in cases]


# --- extension of stay and change of status (domain/residence.py) ----------------------------
# The same filed-stage rules with the procedure's own figure (the caller puts it in
# ``facts.benchmark``); no certificate, so no certificate validity. Granted (issued … entered)
# means the person holds a new card: RENEWAL_DUE rules when it is the current one.

_GRANTED_STAGES: Final = ISSUED_STAGES | {Stage.ENTERED}


def _assess_stay_procedure(
    facts: CaseFacts, today: dt.date, policy: Policy, explain: bool
) -> Assessment:
    stage = facts.stage
    if stage in _GRANTED_STAGES:
        if facts.card_expiry is not None:
            return assess_card(facts, today, policy, explain=explain)
        return CLOSED_GRANTED
    if stage in CLOSED_STAGES:
        return _CLOSED_BY_STAGE[stage]
    if stage is _PREPARING_STAGE:
        return _PREPARING
    result = assess_filed(facts, today, policy, explain)
    old_expiry = facts.card_expiry
    filed = facts.filing_date
    if old_expiry is None or filed is None or filed > old_expiry:
        return result
    end = special_period_end(old_expiry, None, policy.special_period_months)
    reasons = result.reasons
    if explain:
        reasons = (
            *reasons,
            new_reason("special_period", True, special_period_reason(old_expiry, end)),
        )
    return replace(result, reasons=reasons, extra={**result.extra, "special_period_end": end})

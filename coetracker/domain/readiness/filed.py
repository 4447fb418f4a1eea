"""Rules 4 to 7 for a filed case: document requests, identifiers, inquiry policy, then the
average exceeded (or the planned entry near) and the pauses over → READY, else WAITING until
the first open day it can change.
"""

from __future__ import annotations

import datetime as dt

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.model import (
    Assessment,
    CaseFacts,
    DocumentRequestFacts,
    Policy,
    Reason,
)
from coetracker.domain.readiness.benchmark import benchmark_reason, stale_figures
from coetracker.domain.readiness.build import (
    _COUNTER_ONLY,
    _NO_PROGRESS_INQUIRIES,
    _ONLINE,
    _READY,
    _SPECIFIC_MATTERS_POLICY,
    _WAITING,
    CONTEXT,
    _ceil_days,
    _fromordinal,
    new_assessment,
    new_reason,
)
from coetracker.domain.readiness.documents import _ALL_ANSWERED, _NO_REQUEST, assess_documents
from coetracker.domain.readiness.identifiers import _IDENTIFIERS_PRESENT, missing_identifiers
from coetracker.domain.readiness.inquiries import arrival_confirmed, inquiry_cooldown
from coetracker.domain.readiness.texts import (
    _ASSUMED,
    _AT_COUNTER,
    _NO_INQUIRIES_ACTION,
    _NO_INQUIRIES_ACTION_ONLINE,
    _NO_INQUIRY,
    _NO_PLANNED_ENTRY_URGENCY,
    _SPECIFIC_MATTERS,
    _WAIT_ACTION,
    _WAIT_ACTION_ONLINE,
    ready_action,
)
from coetracker.domain.workdays import (
    first_open_ordinal,
)


def assess_filed(facts: CaseFacts, today: dt.date, policy: Policy, explain: bool) -> Assessment:
    # Rule 4: document requests.
    open_requests: list[DocumentRequestFacts] | None = None
    last_submitted: dt.date | None = None
    for request in facts.document_requests:
        submitted = request.submitted_on
        if submitted is None:
            if open_requests is None:
                open_requests = [request]
            else:
                open_requests.append(request)
        elif last_submitted is None or submitted > last_submitted:
            last_submitted = submitted
    if open_requests is not None:
        return assess_documents(facts, open_requests, today, policy, explain)
    reasons: list[Reason] = []
    if explain:
        reasons.append(_NO_REQUEST if last_submitted is None else _ALL_ANSWERED)

    # Rule 5: identifiers.
    filed = facts.filing_date
    number = facts.application_number
    bureau = facts.bureau_name
    if (
        filed is None
        or number is None
        or bureau is None
        or not facts.applicant_name_present
        or not number.strip()
        or not bureau.strip()
    ):
        return missing_identifiers(facts, reasons, explain)
    if explain:
        reasons.append(_IDENTIFIERS_PRESENT)

    # Rule 6: the bureau's inquiry policy.
    online = facts.channel == _ONLINE
    if facts.inquiry_policy == _NO_PROGRESS_INQUIRIES:
        if explain:
            reasons.append(
                new_reason(
                    "inquiry_policy",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "{bureau} takes no progress inquiries: results and document requests arrive by post or e-mail",  # noqa: E501
                        ),
                        bureau=bureau,
                    ),
                )
            )
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Waiting for the result: {bureau} takes no progress inquiries"
            ),
            bureau=bureau,
        )
        action = _NO_INQUIRIES_ACTION_ONLINE if online else _NO_INQUIRIES_ACTION
        return new_assessment(_WAITING, headline, tuple(reasons), action)
    if explain:
        kind = facts.inquiry_policy
        reasons.append(
            _SPECIFIC_MATTERS
            if kind == _SPECIFIC_MATTERS_POLICY
            else _AT_COUNTER
            if kind == _COUNTER_ONLY
            else _ASSUMED
        )

    # Rule 7: average exceeded (or entry near), and cool-downs over.
    today_ordinal = today.toordinal()
    filed_ordinal = filed.toordinal()
    elapsed = today_ordinal - filed_ordinal
    benchmark = facts.benchmark
    average = benchmark.days if benchmark is not None else policy.fallback_benchmark_days
    threshold = _ceil_days(average * policy.ready_factor)
    ready_from = filed_ordinal + threshold
    if explain:
        ready_open = first_open_ordinal(ready_from)  # a check is proposed on an open day
        reasons.append(
            new_reason(
                "benchmark",
                today_ordinal >= ready_open,
                benchmark_reason(facts, policy, filed, elapsed, threshold, ready_open),
            )
        )
        if benchmark is not None:
            stale = stale_figures(benchmark, today)
            if stale is not None:
                reasons.append(stale)

    next_ordinal = ready_from
    planned = facts.planned_entry_date
    if planned is not None:
        urgent_threshold = _ceil_days(average * policy.urgent_factor)
        window = policy.urgency_window_days
        urgent = max(filed_ordinal + urgent_threshold, planned.toordinal() - window)
        next_ordinal = min(ready_from, urgent)
        if explain:
            urgent_open = first_open_ordinal(urgent)
            reasons.append(
                new_reason(
                    "urgency",
                    today_ordinal >= urgent_open,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "Planned entry {entry}: a check is justified from {date}, the later of {threshold} days after filing (× {factor}) and {window} days before entry",  # noqa: E501
                        ),
                        entry=planned,
                        date=_fromordinal(urgent_open),
                        threshold=urgent_threshold,
                        factor=policy.urgent_factor,
                        window=window,
                    ),
                )
            )
        if explain and planned.toordinal() < today_ordinal:
            reasons.append(
                new_reason(
                    "planned_entry_passed",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "Planned entry {entry} has passed — agree a new date with the client",
                        ),
                        entry=planned,
                    ),
                )
            )
    elif explain:
        reasons.append(_NO_PLANNED_ENTRY_URGENCY)

    if facts.inquiries:
        next_ordinal = inquiry_cooldown(
            facts, today_ordinal, policy, next_ordinal, reasons, explain
        )
    elif explain:
        reasons.append(_NO_INQUIRY)
    if last_submitted is not None:
        cooldown = policy.submission_cooldown_days
        until = last_submitted.toordinal() + cooldown
        next_ordinal = max(next_ordinal, until)
        if explain:
            until_open = first_open_ordinal(until)
            reasons.append(
                new_reason(
                    "submission_cooldown",
                    today_ordinal >= until_open,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "Documents submitted {last} + {days} days' cool-down → no inquiry before {date}",  # noqa: E501
                        ),
                        last=last_submitted,
                        days=cooldown,
                        date=_fromordinal(until_open),
                    ),
                )
            )

    confirmed = arrival_confirmed(facts, last_submitted) if last_submitted else None
    if confirmed is not None:
        submitted, last_submitted = last_submitted, None  # settled: the next matter is another
        if explain:
            reasons.append(
                new_reason(
                    "documents_arrived",
                    True,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "The bureau confirmed on {on} that the documents submitted on {submitted} arrived (資料到着確認): that matter is settled",  # noqa: E501
                        ),
                        on=confirmed.on,
                        submitted=submitted,
                    ),
                )
            )

    next_ordinal = first_open_ordinal(next_ordinal)  # a check is made on a day the bureau is open
    if today_ordinal >= next_ordinal:
        ready_on = first_open_ordinal(ready_from)
        if today_ordinal < ready_on:  # ready as the planned entry is near
            headline = message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness", "Ready for a status check: the planned entry {entry} is near"
                ),
                entry=planned,
            )
            action = ready_action(facts, planned, last_submitted)
            # still READY on that day, but for the time since filing: the texts change then
            changes_on = _fromordinal(ready_on)
            return new_assessment(_READY, headline, tuple(reasons), action, None, changes_on)
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Ready for a status check: filed {days} days ago"),
            days=elapsed,
        )
        action = ready_action(facts, None, last_submitted)
        return new_assessment(_READY, headline, tuple(reasons), action)
    next_check = _fromordinal(next_ordinal)
    headline = message(
        CONTEXT,
        QT_TRANSLATE_NOOP("Readiness", "Waiting until {date} ({days} days)"),
        date=next_check,
        days=next_ordinal - today_ordinal,
    )
    action = _WAIT_ACTION_ONLINE if online else _WAIT_ACTION
    return new_assessment(_WAITING, headline, tuple(reasons), action, next_check, next_check)

"""The readiness rules: is a status check with the bureau appropriate today, and if not, why not?

:func:`assess` reads immutable :class:`~coetracker.domain.model.CaseFacts` and returns an
immutable :class:`~coetracker.domain.model.Assessment`, following DESIGN.md §5 exactly: the first
rule that applies decides, in this order —

1. archived, or stage entered / denied / withdrawn / expired → CLOSED;
2. stage preparing → PREPARING;
3. stage issued / sent / visa applied: no issue date → MISSING_INFO; expiry (issue date +
   ``coe_validity_months``, clamped to month end) before today, before the planned entry date, or
   ``expiry - today <= expiry_warning_days`` → COE_EXPIRING; else ISSUED;
4. filed stages: an open document request past its effective deadline (extension, else printed
   deadline, else notice date + ``default_deadline_days``) → DOCS_OVERDUE; any other open request
   → DOCS_DUE, with business days left (:mod:`~coetracker.domain.workdays`);
5. application number, filing date, bureau or applicant name missing → MISSING_INFO;
6. bureau takes no progress inquiries → WAITING without ``next_check``;
7. ``eligible = filing + ceil(benchmark × ready factor)``, brought forward to ``max(filing +
   ceil(benchmark × urgent factor), planned entry − urgency window)`` when that is earlier;
   ``cool = max(last inquiry + inquiry cool-down, last submission + submission cool-down)``;
   ``next_check = max(eligible, cool)``: READY from that day, WAITING before it.

Decisions beyond the design text:

- **Online-system checks do not start the cool-down.** An inquiry logged with channel
  ``ONLINE_SYSTEM`` means the filer looked at the online system; that costs the examiners nothing,
  and the cool-down exists to spare them. Consistently, READY for an online filing asks the filer
  to check the online system, and logging that check leaves the case READY (the check may be
  repeated freely). Phone, counter and e-mail inquiries start the cool-down whatever the filing
  channel. The reasons list the online checks that were left out.
- ``Reason.passed`` is True when the rule raises no concern and does not stand in the way of a
  status check ("no open document request", "cool-down over", "average exceeded").
- ``changes_on`` is the first later date on which the level — or the urgency the texts report (a
  request entering the due-soon window, a certificate expiring) — can change with the facts
  unchanged: ``next_check``; the day a deadline enters the due-soon window; the day after a
  deadline; the day the expiry warning window opens; the day after expiry. ``None``: never.
  Counts in the texts ("12 days left") are as of ``today``.
- Deadlines are compared by calendar day, as printed or agreed: a deadline that falls on a closed
  day is not moved.

All user-facing text is a :class:`~coetracker.domain.messages.Message` in the ``"Readiness"``
context; dates are passed as dates and averages and factors as floats, for the renderer to format.

Performance (DESIGN.md §11: 100,000 cases listed and assessed at start-up): constant texts and
results are built once, dates are compared as ordinals, enum members are module globals, and the
frozen result objects are filled slot by slot. ``explain=False`` skips the reasons (a list needs
level, headline, action and dates; the detail pane explains one case), and :func:`assess_many`
pauses the cyclic garbage collector, which would otherwise re-scan every result built so far.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
from collections.abc import Iterable
from dataclasses import fields, replace
from types import MappingProxyType
from typing import Final

from coetracker.domain.calendar_math import add_months
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import (
    CLOSED_STAGES,
    ISSUED_STAGES,
    Assessment,
    Benchmark,
    CaseFacts,
    DocumentRequestFacts,
    FilingChannel,
    InquiryChannel,
    InquiryFacts,
    InquiryPolicy,
    Level,
    OutcomeCode,
    Policy,
    Reason,
    Stage,
)
from coetracker.domain.periods import months_between, period_end_month, period_label
from coetracker.domain.procedures import Procedure, procedure_label
from coetracker.domain.residence import (
    CLOSED_GRANTED,
    assess_card,
    special_period_end,
    special_period_reason,
)
from coetracker.domain.workdays import (
    add_business_days,
    business_days_between,
    first_day_within,
    first_open_ordinal,
    is_business_day,
)

__all__ = ["CONTEXT", "STALE_AFTER_MONTHS", "assess", "assess_many", "effective_deadline"]

CONTEXT: Final = "Readiness"

# Enum members as globals: attribute access on an Enum class costs ~0.1 µs on this hot path.
_DOCS_OVERDUE: Final = Level.DOCS_OVERDUE
_COE_EXPIRING: Final = Level.COE_EXPIRING
_DOCS_DUE: Final = Level.DOCS_DUE
_READY: Final = Level.READY
_MISSING_INFO: Final = Level.MISSING_INFO
_WAITING: Final = Level.WAITING
_ISSUED: Final = Level.ISSUED
_PREPARING_STAGE: Final = Stage.PREPARING
_ISSUED_STAGE: Final = Stage.ISSUED
_SENT_STAGE: Final = Stage.SENT
_ENTERED_STAGE: Final = Stage.ENTERED
_COE_PROCEDURE: Final = Procedure.COE
_ONLINE: Final = FilingChannel.ONLINE
_ONLINE_SYSTEM: Final = InquiryChannel.ONLINE_SYSTEM
_DOCUMENTS_ARRIVED: Final = OutcomeCode.DOCUMENTS_ARRIVED
_SPECIFIC_MATTERS_POLICY: Final = InquiryPolicy.SPECIFIC_MATTERS
_COUNTER_ONLY: Final = InquiryPolicy.COUNTER_ONLY
_NO_PROGRESS_INQUIRIES: Final = InquiryPolicy.NO_PROGRESS_INQUIRIES
_fromordinal = dt.date.fromordinal

# --- cheap construction of the frozen result objects -----------------------------------------
# A frozen dataclass's generated __init__ calls object.__setattr__ once per field; setting the
# slots through their descriptors is about twice as fast. The field check keeps the constructors
# honest if model.py gains a field.
_new = object.__new__
_NO_EXTRA: Final[MappingProxyType[str, object]] = MappingProxyType({})
_REASON_FIELDS: Final = ("rule", "passed", "text")
_ASSESSMENT_FIELDS: Final = (
    "level",
    "headline",
    "reasons",
    "next_check",
    "action",
    "changes_on",
    "deadline",
    "business_days_left",
    "coe_expiry",
    "extra",
)
if (
    tuple(f.name for f in fields(Reason)) != _REASON_FIELDS
    or tuple(f.name for f in fields(Assessment)) != _ASSESSMENT_FIELDS
):  # pragma: no cover - only when model.py changes without this module
    raise ImportError("readiness: the fields of Reason or Assessment changed; update _assessment")
_set_rule, _set_passed, _set_text = (vars(Reason)[name].__set__ for name in _REASON_FIELDS)
(
    _set_level,
    _set_headline,
    _set_reasons,
    _set_next_check,
    _set_action,
    _set_changes_on,
    _set_deadline,
    _set_business_days_left,
    _set_coe_expiry,
    _set_extra,
) = (vars(Assessment)[name].__set__ for name in _ASSESSMENT_FIELDS)


def _reason(rule: str, passed: bool, text: Message) -> Reason:
    """``Reason(rule, passed, text)``, without the dataclass ``__init__``."""
    built: Reason = _new(Reason)
    _set_rule(built, rule)
    _set_passed(built, passed)
    _set_text(built, text)
    return built


def _assessment(
    level: Level,
    headline: Message,
    reasons: tuple[Reason, ...],
    action: Message,
    next_check: dt.date | None = None,
    changes_on: dt.date | None = None,
    deadline: dt.date | None = None,
    business_days_left: int | None = None,
    coe_expiry: dt.date | None = None,
) -> Assessment:
    """An :class:`Assessment` with empty ``extra``, without the dataclass ``__init__``."""
    built: Assessment = _new(Assessment)
    _set_level(built, level)
    _set_headline(built, headline)
    _set_reasons(built, reasons)
    _set_next_check(built, next_check)
    _set_action(built, action)
    _set_changes_on(built, changes_on)
    _set_deadline(built, deadline)
    _set_business_days_left(built, business_days_left)
    _set_coe_expiry(built, coe_expiry)
    _set_extra(built, _NO_EXTRA)
    return built


def _ceil_days(value: float) -> int:
    """``ceil`` for day counts, immune to float noise (90 × 1.2 must be 108, not 109)."""
    return math.ceil(value - 1e-9)


def _whole_if_integral(value: float) -> float:
    """90.0 → 90, shown as "90 days"; 75.1 stays a float, shown with its decimal."""
    return int(value) if float(value).is_integer() else value


def _day_after(day: dt.date) -> dt.date:
    return _fromordinal(day.toordinal() + 1)


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
        return _assess_issued(facts, today, policy, explain)
    return _assess_filed(facts, today, policy, explain)


def assess_many(
    cases: Iterable[CaseFacts], today: dt.date, policy: Policy, *, explain: bool = True
) -> list[Assessment]:
    """:func:`assess` every case, in order: the case list at start-up.

    The cyclic garbage collector is paused for the batch and restored afterwards. Assessments
    hold no reference cycles, so it has nothing to find, yet each of its passes re-scans every
    result built so far: with it running, 100,000 assessments take about twice as long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return [assess(facts, today, policy, explain=explain) for facts in cases]
    finally:
        if was_enabled:
            gc.enable()


# --- rules 1 and 2: closed, preparing (constant results) -------------------------------------

_NOTHING_TO_DO: Final = message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Nothing to do"))


def _fixed(level: Level, headline: Message, action: Message) -> Assessment:
    """A result that depends on the stage alone; its one reason is the headline."""
    return _assessment(level, headline, (_reason("stage", False, headline),), action)


_CLOSED_ARCHIVED: Final = _fixed(
    Level.CLOSED,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: archived")),
    _NOTHING_TO_DO,
)
_CLOSED_BY_STAGE: Final[dict[Stage, Assessment]] = {
    Stage.ENTERED: _fixed(
        Level.CLOSED,
        message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: the applicant has entered Japan")),
        _NOTHING_TO_DO,
    ),
    Stage.DENIED: _fixed(
        Level.CLOSED,
        message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: denied")),
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Nothing to do; the reasons can be asked in person, and a new application is possible",  # noqa: E501
            ),
        ),
    ),
    Stage.WITHDRAWN: _fixed(
        Level.CLOSED,
        message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: withdrawn")),
        _NOTHING_TO_DO,
    ),
    Stage.EXPIRED: _fixed(
        Level.CLOSED,
        message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Closed: certificate expired unused")),
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Nothing to do; if the applicant still means to come, file anew"
            ),
        ),
    ),
}
_PREPARING: Final = _fixed(
    Level.PREPARING,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Not filed yet")),
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "File the application, then record the filing date and the application number",
        ),
    ),
)


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
    result = _assess_filed(facts, today, policy, explain)
    old_expiry = facts.card_expiry
    filed = facts.filing_date
    if old_expiry is None or filed is None or filed > old_expiry:
        return result
    end = special_period_end(old_expiry, None, policy.special_period_months)
    reasons = result.reasons
    if explain:
        reasons = (
            *reasons,
            _reason("special_period", True, special_period_reason(old_expiry, end)),
        )
    return replace(result, reasons=reasons, extra={**result.extra, "special_period_end": end})


# --- rule 3: issued, sent, visa applied ------------------------------------------------------

_ISSUE_DATE_MISSING: Final = _assessment(
    Level.MISSING_INFO,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Certificate issued: issue date missing")),
    (
        _reason(
            "issue_date",
            False,
            message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness", "No issue date (作成日) recorded: the expiry cannot be computed"
                ),
            ),
        ),
    ),
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP("Readiness", "Enter the issue date (作成日) printed on the certificate"),
    ),
)
_NO_PLANNED_ENTRY: Final = _reason(
    "planned_entry",
    True,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No planned entry date recorded")),
)
_CERTIFICATE_EXPIRED: Final[MappingProxyType[str, object]] = MappingProxyType(
    {"certificate_expired": True}
)
_EXPIRED_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "The certificate cannot be used or reissued: file a new application if the applicant still means to come",  # noqa: E501
    ),
)


def _assess_issued(facts: CaseFacts, today: dt.date, policy: Policy, explain: bool) -> Assessment:
    issued = facts.coe_issued_date
    if issued is None:
        return _ISSUE_DATE_MISSING
    window = policy.expiry_warning_days
    expiry = add_months(issued, policy.coe_validity_months)
    days_left = (expiry - today).days
    warn_from = _fromordinal(expiry.toordinal() - window)
    planned = facts.planned_entry_date
    entry_late = planned is not None and planned > expiry
    reasons = _issued_reasons(facts, today, policy, expiry) if explain else ()

    if days_left < 0:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Certificate expired on {expiry}"),
            expiry=expiry,
        )
        expired = _assessment(_COE_EXPIRING, headline, reasons, _EXPIRED_ACTION, coe_expiry=expiry)
        _set_extra(expired, _CERTIFICATE_EXPIRED)
        return expired
    if entry_late:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Certificate expires {expiry}, before the planned entry {entry}"
            ),
            expiry=expiry,
            entry=planned,
        )
        action = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Bring the entry forward: visa and landing must both be done by {expiry}, or a new application is needed",  # noqa: E501
            ),
            expiry=expiry,
        )
    elif days_left <= window:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Certificate expires {expiry}: {days} days left"),
            expiry=expiry,
            days=days_left,
        )
        action = _issued_action(facts, today, policy, expiry, hurry=True)
    else:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Certificate valid until {expiry} ({days} days left)"),
            expiry=expiry,
            days=days_left,
        )
        action = _issued_action(facts, today, policy, expiry, hurry=False)
        return _assessment(_ISSUED, headline, reasons, action, None, warn_from, coe_expiry=expiry)
    changes_on = _day_after(expiry)
    return _assessment(
        _COE_EXPIRING, headline, reasons, action, None, changes_on, coe_expiry=expiry
    )


def _issued_reasons(
    facts: CaseFacts, today: dt.date, policy: Policy, expiry: dt.date
) -> tuple[Reason, ...]:
    """Validity, planned entry and warning window, with their numbers."""
    months = policy.coe_validity_months
    window = policy.expiry_warning_days
    days_left = (expiry - today).days
    validity = _reason(
        "coe_validity",
        days_left >= 0,
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Issued {issued}; valid {months} months → expires {expiry}"
            ),
            issued=facts.coe_issued_date,
            months=months,
            expiry=expiry,
        ),
    )
    planned = facts.planned_entry_date
    if planned is None:
        entry = _NO_PLANNED_ENTRY
    elif planned > expiry:
        entry = _reason(
            "planned_entry",
            False,
            message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness", "Planned entry {entry} is after the expiry {expiry}"
                ),
                entry=planned,
                expiry=expiry,
            ),
        )
    else:
        entry = _reason(
            "planned_entry",
            True,
            message(
                CONTEXT,
                QT_TRANSLATE_NOOP("Readiness", "Planned entry {entry} is by the expiry {expiry}"),
                entry=planned,
                expiry=expiry,
            ),
        )
    if days_left < 0:
        text = message(
            CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Expired {days} days ago"), days=-days_left
        )
    elif days_left <= window:
        text = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "{days} days left: within the {window}-day warning window"
            ),
            days=days_left,
            window=window,
        )
    else:
        text = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "{days} days left; the {window}-day warning window opens on {date}"
            ),
            days=days_left,
            window=window,
            date=_fromordinal(expiry.toordinal() - window),
        )
    window_reason = _reason("expiry_window", days_left > window, text)
    if facts.coe_delivery != "email":
        return validity, entry, window_reason
    registered = facts.coe_receipt_registered_on
    if registered is None:
        receipt = _RECEIPT_NOT_REGISTERED
    else:
        receipt = _reason(
            "receipt_registration",
            True,
            message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Electronic certificate: the applicant registered receipt (受領登録) on {date}",
                ),
                date=registered,
            ),
        )
    return validity, entry, window_reason, receipt


_RECEIPT_NOT_REGISTERED: Final = _reason(
    "receipt_registration",
    False,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "Electronic certificate: receipt not registered (受領登録) yet; it cannot be used for the visa or at landing until the applicant registers it",  # noqa: E501
        ),
    ),
)


def _send_by(facts: CaseFacts, today: dt.date, policy: Policy, expiry: dt.date) -> dt.date:
    """The last open day to get the certificate to the applicant: the visa's working days
    before the planned entry (or the expiry, when no earlier entry is planned), and never
    before the first open day from today."""
    planned = facts.planned_entry_date
    target = planned if planned is not None and planned <= expiry else expiry
    latest = add_business_days(target, -policy.visa_working_days)
    return max(latest, _fromordinal(first_open_ordinal(today.toordinal())))


def _issued_action(
    facts: CaseFacts, today: dt.date, policy: Policy, expiry: dt.date, *, hurry: bool
) -> Message:
    """What to do with a valid certificate, by how far it has got and how it was delivered."""
    stage = facts.stage
    delivery = facts.coe_delivery
    visa = policy.visa_working_days
    if stage is _ISSUED_STAGE and delivery == "email":
        registered = facts.coe_receipt_registered_on
        if registered is not None:
            return message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "The applicant registered receipt (受領登録) on {registered}: record the certificate as sent; the visa takes about {visa} working days, landing by {expiry}",  # noqa: E501
                ),
                registered=registered,
                visa=visa,
                expiry=expiry,
            )
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Forward the e-mail with the electronic certificate to the applicant by {date}; the applicant must register receipt (受領登録) through its URL before applying for the visa (about {visa} working days), then record the registration here; landing by {expiry}",  # noqa: E501
            ),
            date=_send_by(facts, today, policy, expiry),
            visa=visa,
            expiry=expiry,
        )
    if stage is _ISSUED_STAGE and delivery == "paper":
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Send the applicant a copy or scan of the paper certificate by {date} (accepted for the visa and at landing since 2023-03-17); the visa takes about {visa} working days, landing by {expiry}",  # noqa: E501
            ),
            date=_send_by(facts, today, policy, expiry),
            visa=visa,
            expiry=expiry,
        )
    if stage is _ISSUED_STAGE:
        if hurry:
            return message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Forward the certificate to the applicant now: visa and landing must both be done by {expiry}",  # noqa: E501
                ),
                expiry=expiry,
            )
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Forward the certificate to the applicant (paper by post, or the e-mail as received) before {expiry}",  # noqa: E501
            ),
            expiry=expiry,
        )
    if stage is _SENT_STAGE:
        if delivery == "email" and facts.coe_receipt_registered_on is None:
            return message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Make sure the applicant registers receipt (受領登録) through the e-mailed URL before applying for the visa, and record it here; visa (about {visa} working days) and landing by {expiry}",  # noqa: E501
                ),
                visa=visa,
                expiry=expiry,
            )
        if hurry:
            return message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Make sure the applicant applies for the visa now (about 5 working days) and lands by {expiry}",  # noqa: E501
                ),
                expiry=expiry,
            )
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "The applicant applies for the visa (about 5 working days) and lands by {expiry}",
            ),
            expiry=expiry,
        )
    if hurry:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Make sure the applicant lands in Japan by {expiry}, then record the entry date",
            ),
            expiry=expiry,
        )
    return message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness", "Record the entry date once the applicant has landed (by {expiry})"
        ),
        expiry=expiry,
    )


# --- rule 4: document requests ---------------------------------------------------------------


def effective_deadline(request: DocumentRequestFacts, policy: Policy) -> dt.date | None:
    """The deadline that counts for ``request``: the agreed extension if any, else the deadline
    printed on the notice, else the notice date + ``policy.default_deadline_days``; ``None``
    when neither a deadline nor a notice date is recorded."""
    if request.extended_deadline is not None:
        return request.extended_deadline
    if request.deadline is not None:
        return request.deadline
    if request.notice_date is not None:
        return _fromordinal(request.notice_date.toordinal() + policy.default_deadline_days)
    return None


_NO_REQUEST: Final = _reason(
    "documents", True, message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No document request"))
)
_ALL_ANSWERED: Final = _reason(
    "documents",
    True,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Every document request has been answered")),
)
_REQUEST_WITHOUT_DEADLINE: Final = _reason(
    "document_request",
    False,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness", "Open document request: no deadline or notice date recorded"
        ),
    ),
)
_NO_DEADLINE_HEADLINE: Final = message(
    CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Documents requested: no deadline recorded")
)
_NO_DEADLINE_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness", "Enter the deadline printed on the notice, and submit the documents by then"
    ),
)
_OVERDUE_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "Contact the examiner named on the notice today, agree a new date and submit the documents",
    ),
)
_OVERDUE_ACTION_ONLINE: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "Contact the examiner named on the notice today, agree a new date and submit the documents online (追完)",  # noqa: E501
    ),
)


def _request_reason(request: DocumentRequestFacts, deadline: dt.date | None) -> Reason:
    """Where the effective deadline of an open request comes from."""
    if deadline is None:
        return _REQUEST_WITHOUT_DEADLINE
    if request.extended_deadline is not None:
        if request.deadline is not None:
            text = message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Open document request: deadline extended from {printed} to {deadline}",
                ),
                printed=request.deadline,
                deadline=deadline,
            )
        else:
            text = message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness", "Open document request: deadline extended to {deadline}"
                ),
                deadline=deadline,
            )
    elif request.deadline is not None or request.notice_date is None:
        text = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Open document request: deadline {deadline} as printed"),
            deadline=deadline,
        )
    else:
        text = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Open document request: no deadline printed; notice of {notice} + {days} days → {deadline}",  # noqa: E501
            ),
            notice=request.notice_date,
            days=(deadline - request.notice_date).days,
            deadline=deadline,
        )
    return _reason("document_request", False, text)


def _assess_documents(
    facts: CaseFacts,
    open_requests: list[DocumentRequestFacts],
    today: dt.date,
    policy: Policy,
    explain: bool,
) -> Assessment:
    reasons: list[Reason] = []
    nearest: dt.date | None = None
    for request in open_requests:
        deadline = effective_deadline(request, policy)
        if explain:
            reasons.append(_request_reason(request, deadline))
        if deadline is not None and (nearest is None or deadline < nearest):
            nearest = deadline
    if nearest is None:
        return _assessment(_DOCS_DUE, _NO_DEADLINE_HEADLINE, tuple(reasons), _NO_DEADLINE_ACTION)
    online = facts.channel == _ONLINE
    left = business_days_between(today, nearest)
    if nearest < today:
        if explain:
            reasons.append(
                _reason(
                    "documents_overdue",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness", "Deadline {deadline} passed {days} days ago"
                        ),
                        deadline=nearest,
                        days=(today - nearest).days,
                    ),
                )
            )
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Documents overdue: the deadline was {deadline}"),
            deadline=nearest,
        )
        action = _OVERDUE_ACTION_ONLINE if online else _OVERDUE_ACTION
        return _assessment(
            _DOCS_OVERDUE, headline, tuple(reasons), action, None, None, nearest, left
        )
    soon = policy.due_soon_business_days
    if left <= soon:
        if explain:
            reasons.append(
                _reason(
                    "documents_due",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "{days} business days left until {deadline}: due soon (within {soon})",
                        ),
                        days=left,
                        deadline=nearest,
                        soon=soon,
                    ),
                )
            )
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Documents due soon: {deadline}, {days} business days left"
            ),
            deadline=nearest,
            days=left,
        )
        changes_on = _day_after(nearest)
    else:
        changes_on = first_day_within(nearest, soon)
        if explain:
            reasons.append(
                _reason(
                    "documents_due",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "{days} business days left until {deadline}; due soon from {date}",
                        ),
                        days=left,
                        deadline=nearest,
                        date=changes_on,
                    ),
                )
            )
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Documents due {deadline}: {days} business days left"),
            deadline=nearest,
            days=left,
        )
    if online:
        action = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Submit the requested documents online (追完) by {deadline}"
            ),
            deadline=nearest,
        )
    elif not is_business_day(nearest):  # at the counter or by post: the bureau must be open
        last_open = add_business_days(nearest, -1)
        if explain:
            reasons.append(
                _reason(
                    "last_counter_day",
                    False,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "The deadline {deadline} falls on a day the bureau is closed: the last counter day is {date}",  # noqa: E501
                        ),
                        deadline=nearest,
                        date=last_open,
                    ),
                )
            )
        action = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Submit the requested documents by {date}, the last counter day before the deadline {deadline} (a closed day); if you cannot, agree a new date with the examiner before then",  # noqa: E501
            ),
            date=last_open,
            deadline=nearest,
        )
    else:
        action = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Submit the requested documents by {deadline}; if you cannot, agree a new date with the examiner before then",  # noqa: E501
            ),
            deadline=nearest,
        )
    return _assessment(_DOCS_DUE, headline, tuple(reasons), action, None, changes_on, nearest, left)


# --- rule 5: identifiers ---------------------------------------------------------------------


def _identifier(
    rule: str, present: Message, missing: Message, action: Message
) -> tuple[Reason, Reason, Message, Message]:
    """(reason when present, reason when missing, headline when only it is missing, action)."""
    return _reason(rule, True, present), _reason(rule, False, missing), missing, action


_APPLICATION_NUMBER: Final = _identifier(
    "application_number",
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Application number recorded")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Application number missing")),
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "Enter the application number from the receipt slip (or the online system's e-mail)",
        ),
    ),
)
_FILING_DATE: Final = _identifier(
    "filing_date",
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Filing date recorded")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Filing date missing")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Enter the filing date from the receipt slip")),
)
_BUREAU: Final = _identifier(
    "bureau",
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Bureau recorded")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Bureau missing")),
    message(
        CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Choose the bureau the application was filed with")
    ),
)
_APPLICANT_NAME: Final = _identifier(
    "applicant_name",
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Applicant name recorded")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Applicant name missing")),
    message(
        CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Enter the applicant's name as in the passport")
    ),
)
_IDENTIFIERS_PRESENT: Final = _reason(
    "identifiers",
    True,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness", "Application number, filing date, bureau and applicant name recorded"
        ),
    ),
)
_SEVERAL_MISSING_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness", "Enter the missing identifiers listed below: nobody can inquire without them"
    ),
)


def _filled(text: str | None) -> bool:
    return text is not None and text.strip() != ""


def _missing_identifiers(facts: CaseFacts, reasons: list[Reason], explain: bool) -> Assessment:
    """MISSING_INFO naming what is missing (at least one identifier is)."""
    checks = (
        (_APPLICATION_NUMBER, _filled(facts.application_number)),
        (_FILING_DATE, facts.filing_date is not None),
        (_BUREAU, _filled(facts.bureau_name)),
        (_APPLICANT_NAME, facts.applicant_name_present),
    )
    missing = [identifier for identifier, present in checks if not present]
    if explain:
        reasons.extend(identifier[0] if ok else identifier[1] for identifier, ok in checks)
    if len(missing) == 1:
        headline, action = missing[0][2], missing[0][3]
    else:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Missing information: {count} identifiers"),
            count=len(missing),
        )
        action = _SEVERAL_MISSING_ACTION
    return _assessment(_MISSING_INFO, headline, tuple(reasons), action)


# --- rules 6 and 7: inquiry policy, benchmark, cool-downs ------------------------------------

_SPECIFIC_MATTERS: Final = _reason(
    "inquiry_policy",
    True,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "The bureau answers questions about a specific matter only (documents arrived, result sent, a near start date); it does not answer questions about progress or timing",  # noqa: E501
        ),
    ),
)
_AT_COUNTER: Final = _reason(
    "inquiry_policy",
    True,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "The bureau answers questions about a specific matter at the counter only; it does not answer questions about progress or timing",  # noqa: E501
        ),
    ),
)
_ASSUMED: Final = _reason(
    "inquiry_policy",
    True,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "No inquiry policy recorded for the bureau: assuming questions about a specific matter only, as ISA asks",  # noqa: E501
        ),
    ),
)
_NO_INQUIRIES_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "Wait for the result by post or e-mail; contact the department only about a specific matter",  # noqa: E501
    ),
)
_NO_INQUIRIES_ACTION_ONLINE: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness", "Check the online system for the status; the result comes by e-mail or post"
    ),
)
_NO_PLANNED_ENTRY_URGENCY: Final = _reason(
    "urgency",
    False,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No planned entry date: no urgency")),
)
_NO_INQUIRY: Final = _reason(
    "inquiry_cooldown", True, message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No inquiry logged"))
)
_NO_ANSWERED_INQUIRY: Final = _reason(
    "inquiry_cooldown",
    True,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No inquiry that reached the bureau")),
)
_WAIT_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness", "Nothing to do yet; results and document requests arrive by post or e-mail"
    ),
)
_WAIT_ACTION_ONLINE: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "Nothing to do yet; the online system shows the progress and any document request (追完待ち)",  # noqa: E501
    ),
)
_MATTER_RESULT: Final = message(
    CONTEXT, QT_TRANSLATE_NOOP("Readiness", "whether the result has been sent")
)


def _matter(urgent_entry: dt.date | None, last_submitted: dt.date | None) -> Message:
    """The concrete matter a status check may be about: a near start date, documents submitted,
    else whether the result has been sent."""
    if urgent_entry is not None:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "the start date {date} that is near (ask whether a result can be expected before it)",  # noqa: E501
            ),
            date=urgent_entry,
        )
    if last_submitted is not None:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "whether the documents submitted on {date} have arrived"
            ),
            date=last_submitted,
        )
    return _MATTER_RESULT


def _ready_action(
    facts: CaseFacts, urgent_entry: dt.date | None, last_submitted: dt.date | None
) -> Message:
    """How to make the status check and about which matter: online system first for online
    filings, else the counter or the department on the receipt slip."""
    matter = _matter(urgent_entry, last_submitted)
    if facts.channel == _ONLINE:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Check the online system first (free, not counted as an inquiry); if it does not settle it, ask the review department about one matter only: {matter}. Progress and timing are not answered",  # noqa: E501
            ),
            matter=matter,
        )
    if facts.inquiry_policy == _COUNTER_ONLY:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "At the bureau's counter, with the application number, filing date and applicant's name, ask about one matter only: {matter}. Progress and timing are not answered",  # noqa: E501
            ),
            matter=matter,
        )
    return message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "Contact the review department on the receipt slip, with the application number, filing date and applicant's name, about one matter only: {matter}. Progress and timing are not answered",  # noqa: E501
        ),
        matter=matter,
    )


STALE_AFTER_MONTHS: Final = 4


def _stale_figures(benchmark: Benchmark, today: dt.date) -> Reason | None:
    """A reason when the newest published month for the status is more than four months old."""
    newest = benchmark.newest_period or benchmark.period
    month = period_end_month(newest)
    if month is None or months_between(month, today) <= STALE_AFTER_MONTHS:
        return None
    return _reason(
        "benchmark_stale",
        False,
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "The newest processing time for {status} is for {period}, more than {months} months ago: add the newer months in Settings (the date above may be too early or too late)",  # noqa: E501
            ),
            status=benchmark.status_name,
            period=period_label(newest),
            months=STALE_AFTER_MONTHS,
        ),
    )


def _benchmark_reason(
    facts: CaseFacts, policy: Policy, filed: dt.date, elapsed: int, threshold: int, ready_from: int
) -> Message:
    """The benchmark rule with its numbers: filed, elapsed, average × factor → ready from."""
    benchmark = facts.benchmark
    if benchmark is not None and benchmark.statuses:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; no published figure for {status} ({procedure}): the average across {count} statuses is {average} days ({period}) × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            status=facts.status_name or "",
            procedure=procedure_label(benchmark.procedure),
            count=benchmark.statuses,
            average=round(benchmark.days, 1),
            period=period_label(benchmark.period),
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    if benchmark is not None and benchmark.procedure is not _COE_PROCEDURE:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; average for {status} ({procedure}) is {average} days ({period}) × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            status=benchmark.status_name,
            procedure=procedure_label(benchmark.procedure),
            average=benchmark.days,
            period=period_label(benchmark.period),
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    if benchmark is not None:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; average for {status} is {average} days ({period}) × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            status=benchmark.status_name,
            average=benchmark.days,
            period=period_label(benchmark.period),
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    average = _whole_if_integral(policy.fallback_benchmark_days)
    if facts.procedure is not _COE_PROCEDURE:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; no published figure for {procedure}, using the value in Settings, {average} days × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            procedure=procedure_label(facts.procedure),
            average=average,
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    if facts.status_name:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Filed {filed}, {elapsed} days ago; no published figure for {status}, using {average} days × {factor} = {threshold} days → ready from {date}",  # noqa: E501
            ),
            filed=filed,
            elapsed=elapsed,
            status=facts.status_name,
            average=average,
            factor=policy.ready_factor,
            threshold=threshold,
            date=_fromordinal(ready_from),
        )
    return message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "Filed {filed}, {elapsed} days ago; no status of residence recorded, no published figure, using {average} days × {factor} = {threshold} days → ready from {date}",  # noqa: E501
        ),
        filed=filed,
        elapsed=elapsed,
        average=average,
        factor=policy.ready_factor,
        threshold=threshold,
        date=_fromordinal(ready_from),
    )


def _assess_filed(facts: CaseFacts, today: dt.date, policy: Policy, explain: bool) -> Assessment:
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
        return _assess_documents(facts, open_requests, today, policy, explain)
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
        return _missing_identifiers(facts, reasons, explain)
    if explain:
        reasons.append(_IDENTIFIERS_PRESENT)

    # Rule 6: the bureau's inquiry policy.
    online = facts.channel == _ONLINE
    if facts.inquiry_policy == _NO_PROGRESS_INQUIRIES:
        if explain:
            reasons.append(
                _reason(
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
        return _assessment(_WAITING, headline, tuple(reasons), action)
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
            _reason(
                "benchmark",
                today_ordinal >= ready_open,
                _benchmark_reason(facts, policy, filed, elapsed, threshold, ready_open),
            )
        )
        if benchmark is not None:
            stale = _stale_figures(benchmark, today)
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
                _reason(
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
                _reason(
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
        next_ordinal = _inquiry_cooldown(
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
                _reason(
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

    confirmed = _arrival_confirmed(facts, last_submitted) if last_submitted else None
    if confirmed is not None:
        submitted, last_submitted = last_submitted, None  # settled: the next matter is another
        if explain:
            reasons.append(
                _reason(
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
        if today_ordinal < first_open_ordinal(ready_from):  # ready as the planned entry is near
            headline = message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness", "Ready for a status check: the planned entry {entry} is near"
                ),
                entry=planned,
            )
            action = _ready_action(facts, planned, last_submitted)
        else:
            headline = message(
                CONTEXT,
                QT_TRANSLATE_NOOP("Readiness", "Ready for a status check: filed {days} days ago"),
                days=elapsed,
            )
            action = _ready_action(facts, None, last_submitted)
        return _assessment(_READY, headline, tuple(reasons), action)
    next_check = _fromordinal(next_ordinal)
    headline = message(
        CONTEXT,
        QT_TRANSLATE_NOOP("Readiness", "Waiting until {date} ({days} days)"),
        date=next_check,
        days=next_ordinal - today_ordinal,
    )
    action = _WAIT_ACTION_ONLINE if online else _WAIT_ACTION
    return _assessment(_WAITING, headline, tuple(reasons), action, next_check, next_check)


def _inquiry_cooldown(
    facts: CaseFacts,
    today_ordinal: int,
    policy: Policy,
    next_ordinal: int,
    reasons: list[Reason],
    explain: bool,
) -> int:
    """``next_ordinal`` pushed past the pause after the last answered inquiry (doubled when it
    gave no new reason) and to the latest follow-up date; online checks, calls that did not get
    through and calls from the bureau start no pause (see the module docstring)."""
    last: InquiryFacts | None = None
    previous: InquiryFacts | None = None
    online_checks = 0
    last_online: dt.date | None = None
    unanswered = 0
    follow_up: InquiryFacts | None = None
    for inquiry in sorted(facts.inquiries, key=_inquiry_day):
        if inquiry.follow_up is not None:
            follow_up = inquiry
        if inquiry.channel == _ONLINE_SYSTEM:
            online_checks += 1
            last_online = inquiry.on
        elif inquiry.answered:
            previous, last = last, inquiry
        else:
            unanswered += 1
    if last is not None:
        doubled = previous is not None and previous.reason == last.reason
        cooldown = policy.inquiry_cooldown_days * (2 if doubled else 1)
        until = last.on.toordinal() + cooldown
        next_ordinal = max(next_ordinal, until)
        if explain:
            until = first_open_ordinal(until)  # the first day a new inquiry is proposed
            text = (
                message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "Readiness",
                        "Last answered inquiry {last} gave no new reason since the one on {previous}: {days} days' pause (doubled) → no new inquiry before {date}",  # noqa: E501
                    ),
                    last=last.on,
                    previous=previous.on,
                    days=cooldown,
                    date=_fromordinal(until),
                )
                if previous is not None and doubled
                else message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "Readiness",
                        "Last inquiry {last} + {days} days' cool-down → no new inquiry before {date}",  # noqa: E501
                    ),
                    last=last.on,
                    days=cooldown,
                    date=_fromordinal(until),
                )
            )
            reasons.append(_reason("inquiry_cooldown", today_ordinal >= until, text))
    elif explain:
        reasons.append(_NO_ANSWERED_INQUIRY)
    if follow_up is not None and follow_up.follow_up is not None:
        follow_ordinal = follow_up.follow_up.toordinal()
        next_ordinal = max(next_ordinal, follow_ordinal)
        if explain:
            reasons.append(
                _reason(
                    "follow_up",
                    today_ordinal >= follow_ordinal,
                    message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Readiness",
                            "The inquiry of {on} set a follow-up date: no new inquiry before {date}",  # noqa: E501
                        ),
                        on=follow_up.on,
                        date=follow_up.follow_up,
                    ),
                )
            )
    if explain and unanswered:
        reasons.append(
            _reason(
                "unanswered_inquiries",
                True,
                message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "Readiness",
                        "Calls that did not get through and calls from the bureau: {count}; they start no pause",  # noqa: E501
                    ),
                    count=unanswered,
                ),
            )
        )
    if explain and last_online is not None:
        reasons.append(
            _reason(
                "online_checks",
                True,
                message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "Readiness",
                        "Online-system checks logged: {count}, the last on {last}; they cost the examiners nothing and start no cool-down",  # noqa: E501
                    ),
                    count=online_checks,
                    last=last_online,
                ),
            )
        )
    return next_ordinal


def _arrival_confirmed(facts: CaseFacts, last_submitted: dt.date) -> InquiryFacts | None:
    """The latest inquiry, on or after the last submission, in which the bureau confirmed that
    the submitted documents arrived (outcome 資料到着確認); ``None`` if there is none."""
    found: InquiryFacts | None = None
    for inquiry in facts.inquiries:
        if (
            inquiry.outcome is _DOCUMENTS_ARRIVED
            and inquiry.on >= last_submitted
            and (found is None or inquiry.on > found.on)
        ):
            found = inquiry
    return found


def _inquiry_day(inquiry: InquiryFacts) -> dt.date:
    return inquiry.on

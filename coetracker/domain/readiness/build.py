"""Shared pieces of the readiness rules: the translation context, enum members as globals for
the hot path, and cheap constructors of the frozen :class:`Reason` and :class:`Assessment`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import fields
from types import MappingProxyType
from typing import Final

from coetracker.domain.messages import Message
from coetracker.domain.model import (
    Assessment,
    FilingChannel,
    InquiryChannel,
    InquiryPolicy,
    Level,
    OutcomeCode,
    Reason,
    Stage,
)
from coetracker.domain.procedures import Procedure

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
    raise ImportError(
        "readiness: the fields of Reason or Assessment changed; update new_assessment"
    )
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


def new_reason(rule: str, passed: bool, text: Message) -> Reason:
    """``Reason(rule, passed, text)``, without the dataclass ``__init__``."""
    built: Reason = _new(Reason)
    _set_rule(built, rule)
    _set_passed(built, passed)
    _set_text(built, text)
    return built


def new_assessment(
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

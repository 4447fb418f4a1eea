"""The domain vocabulary: stages, channels, readiness levels, and the immutable facts and policy
that the readiness rules read.

These are plain frozen dataclasses and enums. Services build them from the database; the rules in
:mod:`coetracker.domain.readiness` read them; the UI and CLI display the result. Nothing here knows
about Qt or SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import IntEnum, StrEnum

from coetracker.domain.messages import Message
from coetracker.domain.procedures import Procedure


class Stage(StrEnum):
    """What the user records about where a case is (DESIGN.md §4)."""

    PREPARING = "preparing"
    FILED = "filed"
    DOCUMENTS_REQUESTED = "documents_requested"
    DOCUMENTS_SUBMITTED = "documents_submitted"
    ISSUED = "issued"
    SENT = "sent"
    VISA_APPLIED = "visa_applied"
    ENTERED = "entered"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


FILED_STAGES = frozenset({Stage.FILED, Stage.DOCUMENTS_REQUESTED, Stage.DOCUMENTS_SUBMITTED})
ISSUED_STAGES = frozenset({Stage.ISSUED, Stage.SENT, Stage.VISA_APPLIED})
CLOSED_STAGES = frozenset({Stage.ENTERED, Stage.DENIED, Stage.WITHDRAWN, Stage.EXPIRED})


class FilingChannel(StrEnum):
    """How the application was filed."""

    COUNTER = "counter"
    ONLINE = "online"
    MAIL = "mail"


class InquiryChannel(StrEnum):
    """How an inquiry was made."""

    PHONE = "phone"
    COUNTER = "counter"
    ONLINE_SYSTEM = "online_system"
    EMAIL = "email"


class InquiryPolicy(StrEnum):
    """What a bureau accepts for status checks about a pending case.

    ISA answers no questions about progress, timing or the likely outcome; a check about a
    specific matter (documents arrived, result sent, a near start date) is legitimate.
    """

    SPECIFIC_MATTERS = "specific_matters"  # the department on the receipt slip, concrete matters
    COUNTER_ONLY = "counter_only"
    NO_PROGRESS_INQUIRIES = "none"


class OutcomeCode(StrEnum):
    """Outcome of an inquiry (DOMAIN.md "Inquiring about a pending case")."""

    UNDER_REVIEW = "under_review"  # 審査中
    DOCUMENTS_ARRIVED = "documents_arrived"  # 資料到着確認: the submitted documents arrived
    REQUEST_COMING = "request_coming"  # 資料提出通知予定
    RESULT_SENT = "result_sent"  # 結果発送済
    NO_ANSWER = "no_answer"  # 回答不可
    NOT_REACHED = "not_reached"  # つながらず
    OTHER = "other"  # その他


class InquiryReason(StrEnum):
    """Why an inquiry was made (or that the bureau made the contact)."""

    DOCUMENTS_ARRIVED = "documents_arrived"  # 提出資料は届いたか
    RESULT_SENT = "result_sent"  # 結果は発送済みか
    START_DATE_NEAR = "start_date_near"  # 入国・就労開始日が近い
    OTHER = "other"  # その他
    INCOMING = "incoming"  # 入管からの連絡（着信）


class Level(IntEnum):
    """Readiness levels, most urgent first: the integer value is the default sort order."""

    DOCS_OVERDUE = 1
    COE_EXPIRING = 2
    RENEWAL_DUE = 3  # a residence card expires within the renewal window, no renewal filed
    DOCS_DUE = 4
    READY = 5
    MISSING_INFO = 6
    WAITING = 7
    ISSUED = 8
    PREPARING = 9
    CLOSED = 10


@dataclass(frozen=True, slots=True)
class Benchmark:
    """The processing time the rules use for one status of residence and procedure: the largest
    of the three latest published monthly national averages (season-aware, conservative), with
    its month, and the newest month published (to warn when the figures are old). For an
    extension or a change with no figure of its own for the status, the average across the
    statuses that have one (``statuses`` says how many)."""

    status_name: str
    days: float
    period: str  # the month of ``days``: "2025-11" (or "2024-Q2" for the old quarterly figures)
    newest_period: str = ""  # the newest month published for the status; "" = ``period``
    procedure: Procedure = Procedure.COE  # the procedure the figure describes
    statuses: int = 0  # 0: the status's own figure; n: the average across n statuses' figures


@dataclass(frozen=True, slots=True)
class DocumentRequestFacts:
    """One document request (資料提出通知書) as the rules need it."""

    notice_date: dt.date | None
    deadline: dt.date | None  # as printed on the notice
    extended_deadline: dt.date | None = None
    submitted_on: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.submitted_on is None


@dataclass(frozen=True, slots=True)
class InquiryFacts:
    """One inquiry made to the bureau."""

    on: dt.date
    channel: InquiryChannel = InquiryChannel.PHONE
    outcome: OutcomeCode | None = None  # None: not recorded (an imported 最終問合せ日)
    reason: InquiryReason = InquiryReason.OTHER
    follow_up: dt.date | None = None  # 再確認日: the earliest next check

    @property
    def answered(self) -> bool:
        """The bureau was reached by the filer: only such inquiries start the pause."""
        return (
            self.channel != InquiryChannel.ONLINE_SYSTEM
            and self.outcome != OutcomeCode.NOT_REACHED
            and self.reason != InquiryReason.INCOMING
        )


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """An immutable snapshot of everything the readiness rules read about one case."""

    stage: Stage
    archived: bool = False
    channel: FilingChannel | None = None
    filing_date: dt.date | None = None
    application_number: str | None = None
    applicant_name_present: bool = True
    bureau_name: str | None = None
    inquiry_policy: InquiryPolicy | None = None
    status_name: str | None = None
    benchmark: Benchmark | None = None
    planned_entry_date: dt.date | None = None
    document_requests: tuple[DocumentRequestFacts, ...] = ()
    inquiries: tuple[InquiryFacts, ...] = ()
    coe_issued_date: dt.date | None = None
    entry_date: dt.date | None = None
    coe_delivery: str | None = None  # "paper" or "email" (electronic COE, since 2023-03-17)
    coe_receipt_registered_on: dt.date | None = None  # 受領登録 of an electronic certificate
    # After arrival (domain/residence.py). ``card_expiry`` is set on the case that holds the
    # person's current residence card (entered COE, granted renewal/change) and, on a pending
    # renewal/change, is the old card's expiry the special period runs from.
    procedure: Procedure = Procedure.COE
    card_expiry: dt.date | None = None
    renewal_filed: bool = False  # a later renewal/change case for the person has been filed
    renewal_preparing: bool = False  # … or is being prepared


@dataclass(frozen=True, slots=True)
class Policy:
    """The editable numbers behind the rules (DESIGN.md §5 defaults), stored in ``setting``."""

    fallback_benchmark_days: float = 90.0
    ready_factor: float = 1.2
    urgent_factor: float = 0.8
    urgency_window_days: int = 45
    inquiry_cooldown_days: int = 21
    submission_cooldown_days: int = 14
    default_deadline_days: int = 14
    due_soon_business_days: int = 3
    coe_validity_months: int = 3
    expiry_warning_days: int = 30
    visa_working_days: int = 5  # the visa at the embassy or consulate, about 5 working days
    renewal_window_months: int = 3
    renewal_urgent_days: int = 30
    special_period_months: int = 2
    special_period_warning_days: int = 21
    # Per-procedure processing figures until the benchmark table knows procedures.
    renewal_benchmark_days: float = 45.0
    change_benchmark_days: float = 50.0

    SETTING_PREFIX = "policy."

    def to_settings(self) -> dict[str, str]:
        """The policy as ``setting`` rows (key → text)."""
        return {self.SETTING_PREFIX + f.name: str(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> Policy:
        """Read a policy from ``setting`` rows; missing or unreadable values keep the default."""
        values: dict[str, float | int] = {}
        for f in fields(cls):
            raw = settings.get(cls.SETTING_PREFIX + f.name)
            if raw is None:
                continue
            try:
                number: float | int = float(raw) if f.type in ("float", float) else int(raw)
            except ValueError:
                continue
            if number < 0:
                continue
            values[f.name] = number
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule the assessment evaluated: whether it passed, and the numbers it used."""

    rule: str  # a stable identifier, e.g. "benchmark_exceeded"
    passed: bool
    text: Message


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the rules conclude about a case on a given day.

    ``next_check`` is set only for WAITING. ``changes_on`` is the first later date on which the
    level could change with the facts unchanged (a deadline passing, an expiry window opening, the
    next check): a caller can keep the assessment until then. ``None`` means never.
    """

    level: Level
    headline: Message
    reasons: tuple[Reason, ...]
    next_check: dt.date | None
    action: Message
    changes_on: dt.date | None = None
    deadline: dt.date | None = None  # nearest open effective document deadline
    business_days_left: int | None = None
    coe_expiry: dt.date | None = None
    extra: Mapping[str, object] = field(default_factory=dict)

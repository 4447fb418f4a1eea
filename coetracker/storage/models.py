"""The data model of DESIGN.md §4 as SQLAlchemy 2.x typed ORM classes.

Every table has an integer primary key and ``created_at``/``updated_at``. Rows a user edits carry
``version_id`` for optimistic concurrency: SQLAlchemy adds ``WHERE version_id = :old`` to every
UPDATE, and the services compare the version a form was loaded with before saving.

The schema itself is created only by Alembic revisions (``storage/migrations``); these classes
must match them (a test compares the two).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Timestamps are stored in UTC, without tzinfo (portable across SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base with the constraint naming convention Alembic batch mode relies on."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    """Integer primary key and creation/update timestamps shared by every table."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class Organization(TimestampMixin, Base):
    """The client company (所属機関) that will host the applicant."""

    __tablename__ = "organization"

    name: Mapped[str] = mapped_column(String(200))
    name_kana: Mapped[str | None] = mapped_column(String(200))
    corporate_number: Mapped[str | None] = mapped_column(String(13))  # 法人番号
    category: Mapped[int | None] = mapped_column(Integer)  # カテゴリー1–4
    postal_code: Mapped[str | None] = mapped_column(String(10))
    prefecture: Mapped[str | None] = mapped_column(String(10))
    address: Mapped[str | None] = mapped_column(Text)
    contact_person: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (
        CheckConstraint("category IS NULL OR category BETWEEN 1 AND 4", name="category_range"),
        Index("ix_organization_name", "name"),
    )
    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class Applicant(TimestampMixin, Base):
    """The foreign national applying; names as in the passport (romanised), kanji and kana."""

    __tablename__ = "applicant"

    family_name: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str | None] = mapped_column(String(100))
    name_kanji: Mapped[str | None] = mapped_column(String(100))
    name_kana: Mapped[str | None] = mapped_column(String(200))
    nationality_code: Mapped[str | None] = mapped_column(String(8))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    passport_number: Mapped[str | None] = mapped_column(String(20))  # sensitive
    notes: Mapped[str | None] = mapped_column(Text)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (Index("ix_applicant_family_name", "family_name"),)
    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class Bureau(TimestampMixin, Base):
    """A regional bureau, district office (支局) or branch (出張所); editable reference data."""

    __tablename__ = "bureau"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_ja: Mapped[str] = mapped_column(String(100))
    short_name_ja: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # regional / district / branch
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("bureau.id"))
    phone: Mapped[str | None] = mapped_column(String(40))
    inquiry_policy: Mapped[str] = mapped_column(String(20), default="specific_matters")
    accepts_coe: Mapped[bool] = mapped_column(Boolean, default=True)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The area a branch office serves, as published ("埼玉県"); regional ones use ``prefecture``.
    area_served: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Bureau | None] = relationship(remote_side="Bureau.id")

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class Prefecture(TimestampMixin, Base):
    """A prefecture and the office that has jurisdiction over COE applications there."""

    __tablename__ = "prefecture"

    name: Mapped[str] = mapped_column(String(10), unique=True)  # 東京都, 神奈川県 …
    bureau_id: Mapped[int] = mapped_column(ForeignKey("bureau.id"))

    bureau: Mapped[Bureau] = relationship()


class ResidenceStatus(TimestampMixin, Base):
    """A status of residence (在留資格) with its sub-type and whether a COE can be issued for it."""

    __tablename__ = "residence_status"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    name_ja: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(120))
    category_ja: Mapped[str] = mapped_column(String(60))  # 特定技能 for 特定技能1号
    sub_type: Mapped[str | None] = mapped_column(String(20))
    coe_eligible: Mapped[bool] = mapped_column(Boolean, default=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class ProcessingBenchmark(TimestampMixin, Base):
    """A published national average of processing days for one status and procedure, by month."""

    __tablename__ = "processing_benchmark"

    residence_status_id: Mapped[int] = mapped_column(ForeignKey("residence_status.id"))
    procedure: Mapped[str] = mapped_column(
        String(30), default="在留資格認定", server_default="在留資格認定"
    )  # 在留資格認定 (COE); 変更, 更新 … later
    period: Mapped[str] = mapped_column(String(10))  # "2025-11" or "2024-Q2"
    period_start: Mapped[dt.date] = mapped_column(Date)  # orders periods of both kinds
    average_days: Mapped[float] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_processing_benchmark_status_period", "residence_status_id", "period_start"),
        CheckConstraint("average_days > 0", name="positive_days"),
    )


class Case(TimestampMixin, Base):
    """One COE application."""

    __tablename__ = "case"

    reference: Mapped[str | None] = mapped_column(String(40), unique=True)  # 受託番号
    # None only for a family status filed by its 代理人 (the relative in Japan).
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id"))
    residence_status_id: Mapped[int | None] = mapped_column(ForeignKey("residence_status.id"))
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("bureau.id"))
    review_department: Mapped[str | None] = mapped_column(String(100))
    department_phone: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str | None] = mapped_column(String(20))
    filing_date: Mapped[dt.date | None] = mapped_column(Date)
    application_number: Mapped[str | None] = mapped_column(String(60))  # exact text
    planned_entry_date: Mapped[dt.date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(30), default="preparing")
    assignee: Mapped[str | None] = mapped_column(String(100))
    coe_issued_date: Mapped[dt.date | None] = mapped_column(Date)
    coe_delivery: Mapped[str | None] = mapped_column(String(20))  # paper / email
    # electronic certificate: the day the applicant registered receipt (受領登録)
    coe_receipt_registered_on: Mapped[dt.date | None] = mapped_column(Date)
    sent_to_applicant_date: Mapped[dt.date | None] = mapped_column(Date)
    visa_applied_date: Mapped[dt.date | None] = mapped_column(Date)
    entry_date: Mapped[dt.date | None] = mapped_column(Date)
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # coe / renewal / change (domain.procedures.Procedure); existing rows are COE cases.
    procedure: Mapped[str] = mapped_column(String(20), default="coe", server_default="coe")
    # 代理人: for family statuses the relative in Japan, whose residence decides the bureau.
    agent_name: Mapped[str | None] = mapped_column(String(100))
    agent_relationship: Mapped[str | None] = mapped_column(String(40))
    agent_prefecture: Mapped[str | None] = mapped_column(String(10))
    agent_address: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization | None] = relationship()
    applicant: Mapped[Applicant] = relationship()
    residence_status: Mapped[ResidenceStatus | None] = relationship()
    bureau: Mapped[Bureau | None] = relationship()

    __table_args__ = (
        Index("ix_case_application_number", "application_number"),
        Index("ix_case_organization_id", "organization_id"),
        Index("ix_case_applicant_id", "applicant_id"),
    )
    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class ResidenceCard(TimestampMixin, Base):
    """A person's current residence card (在留カード): number (sensitive), status, period, expiry.

    One row a person. ``expiry_date`` is what the card says, typed by the user; the app only
    proposes it from ``landing_date`` and ``period_months`` (domain/residence.py).
    """

    __tablename__ = "residence_card"

    applicant_id: Mapped[int] = mapped_column(
        ForeignKey("applicant.id", ondelete="CASCADE"), unique=True
    )
    card_number: Mapped[str | None] = mapped_column(String(20))  # sensitive
    residence_status_id: Mapped[int | None] = mapped_column(ForeignKey("residence_status.id"))
    period_months: Mapped[int | None] = mapped_column(Integer)
    landing_date: Mapped[dt.date | None] = mapped_column(Date)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (
        CheckConstraint("period_months IS NULL OR period_months > 0", name="positive_period"),
        Index("ix_residence_card_expiry_date", "expiry_date"),
    )
    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class Inquiry(TimestampMixin, Base):
    """One inquiry to the bureau about a pending case."""

    __tablename__ = "inquiry"

    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"))
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(20), default="phone")
    department: Mapped[str | None] = mapped_column(String(100))
    staff: Mapped[str | None] = mapped_column(String(100))
    made_by: Mapped[str | None] = mapped_column(String(100))
    question: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(30), default="other", server_default="other")
    follow_up_date: Mapped[dt.date | None] = mapped_column(Date)
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (Index("ix_inquiry_case_id_made_at", "case_id", "made_at"),)
    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class DocumentRequest(TimestampMixin, Base):
    """A document request (資料提出通知書) with its deadline, extension and submission."""

    __tablename__ = "document_request"

    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"))
    notice_date: Mapped[dt.date | None] = mapped_column(Date)
    received_date: Mapped[dt.date | None] = mapped_column(Date)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    requested_items: Mapped[str | None] = mapped_column(Text)
    examiner: Mapped[str | None] = mapped_column(String(100))
    extension_asked_on: Mapped[dt.date | None] = mapped_column(Date)
    extended_deadline: Mapped[dt.date | None] = mapped_column(Date)
    extension_agreed_by: Mapped[str | None] = mapped_column(String(100))
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    submission_method: Mapped[str | None] = mapped_column(String(20))  # post / counter / online
    tracking_number: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (Index("ix_document_request_case_id", "case_id"),)
    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class AuditEvent(TimestampMixin, Base):
    """One recorded change: who, when, which entity and field, old → new (the case history)."""

    __tablename__ = "audit_event"

    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))  # create / update / delete / archive
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(Integer)  # no FK: history outlives deletions
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_event_case_id", "case_id"),)


class Setting(TimestampMixin, Base):
    """Key/value settings shared by every user of the database: policy numbers, office details."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[str] = mapped_column(Text)


class LedgerEntry(TimestampMixin, Base):
    """A case's line in the 事件簿: the year and number it was accepted under, and its matter."""

    __tablename__ = "ledger_entry"

    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="RESTRICT"), unique=True)
    ledger_year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    accepted_on: Mapped[dt.date] = mapped_column(Date)
    matter_name: Mapped[str] = mapped_column(Text)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    remarks: Mapped[str | None] = mapped_column(Text)
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (Index("ix_ledger_entry_year_seq", "ledger_year", "seq", unique=True),)
    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class FeeLine(TimestampMixin, Base):
    """One fee line of a case: 報酬, taxable 実費 or 立替金, in yen excluding tax."""

    __tablename__ = "fee_line"

    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # fee / expense / advance
    description: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(Integer)
    tax_rate: Mapped[int] = mapped_column(Integer, default=10)

    __table_args__ = (
        Index("ix_fee_line_case_id", "case_id"),
        CheckConstraint("tax_rate >= 0 AND tax_rate <= 100", name="tax_rate_range"),
    )


class Payment(TimestampMixin, Base):
    """A payment received for a case: date, amount in yen, method."""

    __tablename__ = "payment"

    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"))
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    method: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (Index("ix_payment_case_id", "case_id"),)


class LedgerCounter(TimestampMixin, Base):
    """The last number given in a scope ("matter:2026", "invoice:2026"): never goes back."""

    __tablename__ = "ledger_counter"

    scope: Mapped[str] = mapped_column(String(40), unique=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class LedgerClosing(TimestampMixin, Base):
    """A closed ledger year (帳簿閉鎖): when, by whom, and how long its cases must be kept."""

    __tablename__ = "ledger_closing"

    ledger_year: Mapped[int] = mapped_column(Integer, unique=True)
    closed_on: Mapped[dt.date] = mapped_column(Date)
    closed_by: Mapped[str | None] = mapped_column(String(100))
    keep_until: Mapped[dt.date] = mapped_column(Date)


class LedgerCorrection(TimestampMixin, Base):
    """A correction appended to a closed year's entry (the entry itself stays as it was)."""

    __tablename__ = "ledger_correction"

    case_id: Mapped[int] = mapped_column(Integer)  # no FK: the book outlives its cases
    ledger_year: Mapped[int] = mapped_column(Integer)
    made_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str | None] = mapped_column(String(100))
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_ledger_correction_year", "ledger_year"),)


class IssuedDocument(TimestampMixin, Base):
    """An invoice (請求書) or receipt (領収証) issued: its number, date, amount, keep-until date."""

    __tablename__ = "issued_document"

    kind: Mapped[str] = mapped_column(String(20))  # invoice / receipt
    number: Mapped[str] = mapped_column(String(40), unique=True)
    case_id: Mapped[int] = mapped_column(Integer)  # no FK: copies outlive their cases
    issued_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    keep_until: Mapped[dt.date] = mapped_column(Date)
    # A numbered document is never deleted or renumbered: a wrong one is voided with a reason.
    voided_on: Mapped[dt.date | None] = mapped_column(Date)
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_by: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (Index("ix_issued_document_case_id", "case_id"),)


class AssessmentStore(Base):
    """A case's assessment as the list shows it, kept so that a new day re-assesses only what can
    have changed (services/assessment_store.py). A cache, not data: triggers delete the rows an
    edit can change (storage/assessment_triggers.py), and a row that does not check out is
    recomputed, never trusted. No timestamps: ``assessed_on`` says when it was made."""

    __tablename__ = "assessment_store"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("case.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    stamp: Mapped[str] = mapped_column(String(64))  # the rules stamp (policy, benchmarks, rules)
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)  # first day it may differ
    body: Mapped[str] = mapped_column(Text)  # the assessment, without reasons (JSON)
    digest: Mapped[str] = mapped_column(String(32))  # digest of the row's other values

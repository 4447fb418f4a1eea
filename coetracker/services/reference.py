"""Reference data the forms and filters offer: bureaus, prefectures, statuses, benchmarks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from coetracker.domain.jurisdiction import serves
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import InquiryPolicy
from coetracker.domain.periods import parse_period as parse_month
from coetracker.domain.status_validity import valid_on
from coetracker.domain.text import clean
from coetracker.services.audit import record_changes, record_create
from coetracker.services.errors import NotFoundError, ValidationError
from coetracker.services.records import OrganizationRecord
from coetracker.services.rows import apply_values, locked_row
from coetracker.storage.engine import Database
from coetracker.storage.models import Bureau, Prefecture, ProcessingBenchmark, ResidenceStatus

_NAME_CAP = 100
_AREA_CAP = 2000


@dataclass(frozen=True, slots=True)
class BureauRecord:
    """A bureau or district office as the forms show it."""

    id: int
    code: str
    name_ja: str
    short_name_ja: str
    name_en: str
    kind: str
    parent_id: int | None
    phone: str | None
    inquiry_policy: InquiryPolicy
    accepts_coe: bool
    version_id: int
    prefectures: tuple[str, ...] = ()
    area_served: str | None = None

    @property
    def is_branch(self) -> bool:
        """A branch office (出張所), which serves the area in ``area_served``."""
        return self.kind == "branch"


@dataclass(frozen=True, slots=True)
class StatusRecord:
    """A status of residence."""

    id: int
    code: str
    name_ja: str
    name_en: str
    category_ja: str
    sub_type: str | None
    coe_eligible: bool
    valid_from: dt.date | None = None  # first day it can be applied for (育成就労: 2027-04-01)
    valid_to: dt.date | None = None  # last day (技能実習: 2027-06-30)

    def valid_on(self, day: dt.date) -> bool:
        """True when an application filed on ``day`` can name this status."""
        return valid_on(self.valid_from, self.valid_to, day)


@dataclass(frozen=True, slots=True)
class BenchmarkRecord:
    """A published average for one status and period."""

    id: int
    residence_status_id: int
    status_name: str
    period: str
    average_days: float
    source: str | None
    procedure: str = "在留資格認定"


def list_bureaus(db: Database) -> list[BureauRecord]:
    """Every bureau, regional ones first, each followed by its district offices."""
    with db.read_session() as session:
        prefectures: dict[int, list[str]] = {}
        for name, bureau_id in session.execute(
            select(Prefecture.name, Prefecture.bureau_id).order_by(Prefecture.id)
        ):
            prefectures.setdefault(bureau_id, []).append(name)
        rows = session.scalars(select(Bureau).order_by(Bureau.id)).all()
        records = [
            BureauRecord(
                id=row.id,
                code=row.code,
                name_ja=row.name_ja,
                short_name_ja=row.short_name_ja,
                name_en=row.name_en,
                kind=row.kind,
                parent_id=row.parent_id,
                phone=row.phone,
                inquiry_policy=InquiryPolicy(row.inquiry_policy),
                accepts_coe=row.accepts_coe,
                version_id=row.version_id,
                prefectures=tuple(prefectures.get(row.id, ())),
                area_served=row.area_served,
            )
            for row in rows
        ]
    parents = {r.id: r.parent_id for r in records}

    def regional(record: BureauRecord) -> int:
        seen: set[int] = set()
        current = record
        while current.parent_id is not None and current.parent_id not in seen:
            seen.add(current.id)
            parent = next((r for r in records if r.id == current.parent_id), None)
            if parent is None:
                break
            current = parent
        return current.id

    # Each regional bureau, then its district offices, then branch offices (under whichever).
    kinds = {"regional": 0, "district": 1, "branch": 2}
    return sorted(
        records,
        key=lambda r: (regional(r), kinds.get(r.kind, 3), parents[r.id] or 0, r.id),
    )


def bureau_for_prefecture(db: Database, prefecture: str | None) -> int | None:
    """The office with jurisdiction over COE applications from a client in ``prefecture``."""
    if not prefecture:
        return None
    text = prefecture.strip()
    with db.read_session() as session:
        for name, bureau_id in session.execute(select(Prefecture.name, Prefecture.bureau_id)):
            # 東京 matches 東京都, 京都 matches 京都府; 北海道 is whole.
            if text in (name, name[:-1] if name[-1] in "都府県" else name):
                return int(bureau_id)
    return None


def offices_for(
    db: Database, prefecture: str | None, address: str | None = None
) -> list[BureauRecord]:
    """Offices accepting COE applications from this prefecture (and address), the office with
    jurisdiction first, then the branch offices whose published area covers it."""
    if not prefecture:
        return []
    main_id = bureau_for_prefecture(db, prefecture)
    bureaus = [b for b in list_bureaus(db) if b.accepts_coe]
    first = [b for b in bureaus if b.id == main_id]
    branches = [
        b
        for b in bureaus
        if b.is_branch and b.id != main_id and serves(b.area_served, prefecture, address)
    ]
    return first + branches


def list_prefectures(db: Database) -> list[str]:
    """The 47 prefectures in the order they were seeded (north to south)."""
    with db.read_session() as session:
        return list(session.scalars(select(Prefecture.name).order_by(Prefecture.id)))


def list_statuses(db: Database, *, coe_only: bool = False) -> list[StatusRecord]:
    """Statuses of residence; with ``coe_only`` those a COE can be issued for."""
    with db.read_session() as session:
        query = select(ResidenceStatus).order_by(ResidenceStatus.id)
        if coe_only:
            query = query.where(ResidenceStatus.coe_eligible.is_(True))
        return [
            StatusRecord(
                id=row.id,
                code=row.code,
                name_ja=row.name_ja,
                name_en=row.name_en,
                category_ja=row.category_ja,
                sub_type=row.sub_type,
                coe_eligible=row.coe_eligible,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
            )
            for row in session.scalars(query)
        ]


def statuses_offered(
    statuses: Sequence[StatusRecord], day: dt.date, *, keep: Collection[int | None] = ()
) -> list[StatusRecord]:
    """The statuses an application filed on ``day`` can name, in their order, plus those whose
    id is in ``keep`` (a stored case's status is shown even when no longer valid)."""
    return [s for s in statuses if s.id in keep or s.valid_on(day)]


def update_bureau(
    db: Database,
    bureau_id: int,
    *,
    phone: str | None,
    inquiry_policy: InquiryPolicy,
    expected_version: int,
    actor: str | None,
    area_served: str | None = None,
) -> int:
    """Change a bureau's phone number, inquiry policy and (for a branch office) the area it
    serves; return its new version."""
    with db.write_session() as session:
        row = locked_row(
            session,
            Bureau,
            "bureau",
            bureau_id,
            expected_version,
            lambda row: {
                "phone": row.phone,
                "inquiry_policy": row.inquiry_policy,
                "area_served": row.area_served,
            },
        )
        after = {
            "phone": clean(phone),
            "inquiry_policy": inquiry_policy.value,
            "area_served": clean(area_served) if row.kind == "branch" else row.area_served,
        }
        return apply_values(session, row, after, actor=actor, entity="bureau", case_id=None)


def add_office(
    db: Database,
    *,
    name_ja: str,
    parent_id: int,
    area_served: str | None,
    inquiry_policy: InquiryPolicy,
    actor: str | None,
    name_en: str | None = None,
    accepts_coe: bool = True,
) -> int:
    """Add a branch office (出張所) under a regional bureau or district office; return its id.

    The short name is the full name without the parent's ("さいたま出張所"); the English name
    defaults to the Japanese one.
    """
    name = clean(name_ja)
    problems: dict[str, Message] = {}
    if not name:
        problems["name_ja"] = message(
            "Services", QT_TRANSLATE_NOOP("Services", "Enter the office's name.")
        )
    elif len(name) > _NAME_CAP:
        problems["name_ja"] = message(
            "Services",
            QT_TRANSLATE_NOOP("Services", "The name is too long (at most 100 characters)."),
        )
    area = clean(area_served)
    if area is not None and len(area) > _AREA_CAP:
        problems["area_served"] = message(
            "Services",
            QT_TRANSLATE_NOOP("Services", "The area is too long (at most 2,000 characters)."),
        )
    if problems:
        raise ValidationError(problems)
    assert name is not None
    with db.write_session() as session:
        parent = session.get(Bureau, parent_id)
        if parent is None:
            raise NotFoundError("bureau", parent_id)
        if session.scalar(select(Bureau.id).where(Bureau.name_ja == name)) is not None:
            raise ValidationError(
                {
                    "name_ja": message(
                        "Services",
                        QT_TRANSLATE_NOOP("Services", "An office of this name already exists."),
                    )
                }
            )
        short = name
        for prefix in (parent.name_ja, parent.parent.name_ja if parent.parent else None):
            if prefix and short.startswith(prefix) and len(short) > len(prefix):
                short = short[len(prefix) :]
                break
        taken = set(session.scalars(select(Bureau.code)))
        number = len(taken) + 1
        while f"office_{number}" in taken:
            number += 1
        row = Bureau(
            code=f"office_{number}",
            name_ja=name,
            short_name_ja=short[:40],
            name_en=(clean(name_en) or name)[:200],
            kind="branch",
            parent_id=parent.id,
            phone=None,
            inquiry_policy=inquiry_policy.value,
            accepts_coe=accepts_coe,
            area_served=area,
        )
        session.add(row)
        session.flush()
        record_create(session, actor=actor, entity="bureau", entity_id=row.id, case_id=None)
        return row.id


def list_benchmarks(db: Database) -> list[BenchmarkRecord]:
    """Every published figure, newest period first."""
    with db.read_session() as session:
        rows = session.execute(
            select(ProcessingBenchmark, ResidenceStatus.name_ja)
            .join(ResidenceStatus, ResidenceStatus.id == ProcessingBenchmark.residence_status_id)
            .order_by(ProcessingBenchmark.period_start.desc(), ResidenceStatus.id)
        ).all()
        return [
            BenchmarkRecord(
                id=row.id,
                residence_status_id=row.residence_status_id,
                status_name=name,
                period=row.period,
                average_days=row.average_days,
                source=row.source,
                procedure=row.procedure,
            )
            for row, name in rows
        ]


def newest_benchmark_period(db: Database) -> str | None:
    """The newest month for which COE processing times are stored ("2025-12"), if any."""
    with db.read_session() as session:
        return session.scalar(
            select(ProcessingBenchmark.period)
            .where(ProcessingBenchmark.procedure == "在留資格認定")
            .order_by(ProcessingBenchmark.period_start.desc())
            .limit(1)
        )


def parse_period(period: str) -> dt.date:
    """The first day of "2025-11" or "2024-Q2"; ValidationError for anything else."""
    text = parse_month(period) or period.strip().upper()
    try:
        year_text, part = text.split("-")
        year = int(year_text)
        if part.startswith("Q"):
            quarter = int(part[1:])
            if not 1 <= quarter <= 4:
                raise ValueError(text)
            return dt.date(year, (quarter - 1) * 3 + 1, 1)
        return dt.date(year, int(part), 1)
    except ValueError:
        raise ValidationError(
            {
                "period": message(
                    "Services",
                    QT_TRANSLATE_NOOP("Services", "Write the month as 2025-11 or 2025年11月."),
                )
            }
        ) from None


def add_benchmark(
    db: Database,
    *,
    residence_status_id: int,
    period: str,
    average_days: float,
    source: str | None,
    actor: str | None,
    procedure: str = "在留資格認定",
) -> int:
    """Add a month's published figure for one status and procedure (replacing the figure already
    stored for that month); return its id."""
    start = parse_period(period)
    if not average_days > 0:
        raise ValidationError(
            {
                "average_days": message(
                    "Services",
                    QT_TRANSLATE_NOOP("Services", "The average must be a positive number of days."),
                )
            }
        )
    text = parse_month(period) or period.strip().upper()
    with db.write_session() as session:
        if session.get(ResidenceStatus, residence_status_id) is None:
            raise NotFoundError("residence_status", residence_status_id)
        existing = session.scalar(
            select(ProcessingBenchmark).where(
                ProcessingBenchmark.residence_status_id == residence_status_id,
                ProcessingBenchmark.procedure == procedure,
                ProcessingBenchmark.period == text,
            )
        )
        if existing is not None:  # a month already present is replaced
            before = {"average_days": existing.average_days, "source": existing.source}
            after = {"average_days": float(average_days), "source": (source or "").strip() or None}
            existing.average_days = float(average_days)
            existing.source = after["source"]  # type: ignore[assignment]
            record_changes(
                session,
                actor=actor,
                entity="processing_benchmark",
                entity_id=existing.id,
                case_id=None,
                before=before,
                after=after,
            )
            return existing.id
        row = ProcessingBenchmark(
            procedure=procedure,
            residence_status_id=residence_status_id,
            period=text,
            period_start=start,
            average_days=float(average_days),
            source=(source or "").strip() or None,
        )
        session.add(row)
        session.flush()
        record_create(
            session, actor=actor, entity="processing_benchmark", entity_id=row.id, case_id=None
        )
        return row.id


@dataclass(frozen=True, slots=True)
class CaseFormLists:
    """The choices of the case form: clients, statuses of residence (COE), bureaus, prefectures."""

    organizations: tuple[OrganizationRecord, ...]
    statuses: tuple[StatusRecord, ...]
    bureaus: tuple[BureauRecord, ...]
    prefectures: tuple[str, ...]


def case_form_lists(db: Database) -> CaseFormLists:
    """Every list the case form chooses from, read together (any thread)."""
    from coetracker.services.parties import organizations_of

    return CaseFormLists(
        tuple(organizations_of(db)),
        tuple(list_statuses(db, coe_only=True)),
        tuple(list_bureaus(db)),
        tuple(list_prefectures(db)),
    )

"""Advice as ISA gives it now: specific-matter inquiries, inquiry reasons, a 45-day entry window,
processing times per procedure and newer months.

Revision ID: 0006_advice
Revises: 0005_ledger
Create Date: 2026-12-04

ISA answers no questions about progress or timing; a status check about a specific matter is
legitimate. Bureaus seeded with the policy "phone" now carry "specific_matters". Every inquiry
records why it was made; existing inquiries get the reason "other". The urgency window before a
planned entry becomes 45 days where it still holds the seeded 30 (an edited value stays).
Processing times gain the procedure they describe (existing rows: 在留資格認定, the COE), and the
newer published months are added where the database does not already hold that month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_advice"
down_revision: str | None = "0005_ledger"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

bureau = sa.table("bureau", sa.column("inquiry_policy", sa.String))
status = sa.table("residence_status", sa.column("id", sa.Integer), sa.column("code", sa.String))
benchmark = sa.table(
    "processing_benchmark",
    sa.column("id", sa.Integer),
    sa.column("residence_status_id", sa.Integer),
    sa.column("procedure", sa.String),
    sa.column("period", sa.String),
    sa.column("period_start", sa.Date),
    sa.column("average_days", sa.Float),
    sa.column("source", sa.Text),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)
SOURCE = "出入国在留管理庁「在留審査処理期間」全国平均（在留資格認定証明書交付）"
# status code, month, average COE days (ISA 在留審査処理期間, as quoted by practitioner pages)
NEW_FIGURES = [
    ("engineer_humanities", "2025-12", 64.1),
    ("business_manager", "2025-12", 124.5),
    ("ssw_1", "2025-12", 69.0),
    ("spouse_of_japanese", "2025-12", 93.6),
    ("hsp_1c", "2025-06", 124.8),
    ("student", "2024-Q1", 77.0),
]
setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text))
WINDOW = "policy.urgency_window_days"


def upgrade() -> None:
    with op.batch_alter_table("inquiry") as batch:
        batch.add_column(
            sa.Column("reason", sa.String(length=30), nullable=False, server_default="other")
        )
    with op.batch_alter_table("processing_benchmark") as batch:
        batch.add_column(
            sa.Column(
                "procedure", sa.String(length=30), nullable=False, server_default="在留資格認定"
            )
        )
    op.execute(
        bureau.update()
        .where(bureau.c.inquiry_policy == "phone")
        .values(inquiry_policy="specific_matters")
    )
    op.execute(
        setting.update().where(setting.c.key == WINDOW, setting.c.value == "30").values(value="45")
    )
    _add_figures()


def _add_figures() -> None:
    connection = op.get_bind()
    ids = dict(connection.execute(sa.select(status.c.code, status.c.id)).all())
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for code, period, days in NEW_FIGURES:
        status_id = ids.get(code)
        if status_id is None:
            continue
        present = connection.execute(
            sa.select(benchmark.c.id).where(
                benchmark.c.residence_status_id == status_id, benchmark.c.period == period
            )
        ).first()
        if present is not None:
            continue
        year, part = period.split("-")
        month = 3 * int(part[1:]) - 2 if part.startswith("Q") else int(part)
        connection.execute(
            benchmark.insert().values(
                residence_status_id=status_id,
                procedure="在留資格認定",
                period=period,
                period_start=dt.date(int(year), month, 1),
                average_days=days,
                source=SOURCE,
                created_at=now,
                updated_at=now,
            )
        )


def downgrade() -> None:
    connection = op.get_bind()
    ids = dict(connection.execute(sa.select(status.c.code, status.c.id)).all())
    for code, period, days in NEW_FIGURES:
        if code in ids:
            op.execute(
                benchmark.delete().where(
                    benchmark.c.residence_status_id == ids[code],
                    benchmark.c.period == period,
                    benchmark.c.average_days == days,
                    benchmark.c.source == SOURCE,
                )
            )
    with op.batch_alter_table("processing_benchmark") as batch:
        batch.drop_column("procedure")
    op.execute(
        setting.update().where(setting.c.key == WINDOW, setting.c.value == "45").values(value="30")
    )
    op.execute(
        bureau.update()
        .where(bureau.c.inquiry_policy == "specific_matters")
        .values(inquiry_policy="phone")
    )
    with op.batch_alter_table("inquiry") as batch:
        batch.drop_column("reason")

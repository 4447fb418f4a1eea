"""Advice as ISA gives it now: specific-matter inquiries, inquiry reasons, a 45-day entry window.

Revision ID: 0005_advice
Revises: 0003_benchmark_source_text
Create Date: 2026-12-04

ISA answers no questions about progress or timing; a status check about a specific matter is
legitimate. Bureaus seeded with the policy "phone" now carry "specific_matters". Every inquiry
records why it was made; existing inquiries get the reason "other". The urgency window before a
planned entry becomes 45 days where it still holds the seeded 30 (an edited value stays).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_advice"
down_revision: str | None = "0003_benchmark_source_text"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

bureau = sa.table("bureau", sa.column("inquiry_policy", sa.String))
setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text))
WINDOW = "policy.urgency_window_days"


def upgrade() -> None:
    with op.batch_alter_table("inquiry") as batch:
        batch.add_column(
            sa.Column("reason", sa.String(length=30), nullable=False, server_default="other")
        )
    op.execute(
        bureau.update()
        .where(bureau.c.inquiry_policy == "phone")
        .values(inquiry_policy="specific_matters")
    )
    op.execute(
        setting.update().where(setting.c.key == WINDOW, setting.c.value == "30").values(value="45")
    )


def downgrade() -> None:
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

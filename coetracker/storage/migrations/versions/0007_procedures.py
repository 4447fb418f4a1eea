"""Procedures and residence cards: a case is a COE, an extension of stay or a change of status;
a person who has entered holds a residence card.

Revision ID: 0007_procedures
Revises: 0006_advice
Create Date: 2026-12-04

``case.procedure`` is added in place (no table copy, so no row of ``case`` or of the tables that
refer to it is touched) with the server default ``coe``: every existing case keeps every value and
is a COE application, as it was. ``residence_card`` is new and empty: one row a person, whose
expiry the user types from the card (the app proposes one by 初日不算入).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_procedures"
down_revision: str | None = "0006_advice"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "case",
        sa.Column("procedure", sa.String(length=20), nullable=False, server_default="coe"),
    )
    op.create_table(
        "residence_card",
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column("card_number", sa.String(length=20), nullable=True),
        sa.Column("residence_status_id", sa.Integer(), nullable=True),
        sa.Column("period_months", sa.Integer(), nullable=True),
        sa.Column("landing_date", sa.Date(), nullable=True),
        sa.Column("expiry_date", sa.Date(), nullable=True),
        sa.Column("version_id", sa.Integer(), server_default="1", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "period_months IS NULL OR period_months > 0",
            name=op.f("ck_residence_card_positive_period"),
        ),
        sa.ForeignKeyConstraint(
            ["applicant_id"],
            ["applicant.id"],
            name=op.f("fk_residence_card_applicant_id_applicant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["residence_status_id"],
            ["residence_status.id"],
            name=op.f("fk_residence_card_residence_status_id_residence_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_residence_card")),
        sa.UniqueConstraint("applicant_id", name=op.f("uq_residence_card_applicant_id")),
    )
    op.create_index("ix_residence_card_expiry_date", "residence_card", ["expiry_date"])


def downgrade() -> None:
    op.drop_index("ix_residence_card_expiry_date", table_name="residence_card")
    op.drop_table("residence_card")
    with op.batch_alter_table("case", recreate="never") as batch_op:
        batch_op.drop_column("procedure")

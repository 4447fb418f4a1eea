"""The assessment store: each case's assessment as the list shows it, with the first day it may
differ, so that opening on a new day re-assesses only the cases whose result can have changed.

Revision ID: 0010_assessment_store
Revises: 0009_certificate_delivery
Create Date: 2026-12-04

A new, empty table (a cache: the first list after the upgrade fills it) and the triggers that
delete its rows whenever something the rules read is written (storage/assessment_triggers.py):
SQLite triggers, or PL/pgSQL trigger functions on PostgreSQL. No existing row or value is
touched.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from coetracker.storage.assessment_triggers import (
    TRIGGER_NAMES,
    postgresql_drop_statements,
    postgresql_statements,
    sqlite_statements,
)

revision: str = "0010_assessment_store"
down_revision: str | None = "0009_certificate_delivery"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assessment_store",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_assessment_store_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_assessment_store")),
    )
    dialect = op.get_bind().dialect.name
    statements = postgresql_statements() if dialect == "postgresql" else sqlite_statements()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in postgresql_drop_statements():
            op.execute(statement)
    else:
        for name in sorted(TRIGGER_NAMES):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("assessment_store")

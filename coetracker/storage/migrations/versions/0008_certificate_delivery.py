"""Issued certificates: the day the applicant registered receipt of an electronic certificate.

Revision ID: 0008_certificate_delivery
Revises: 0007_procedures
Create Date: 2026-12-04

An electronic certificate (sent by e-mail since 2023-03-17) can be used only once the applicant
has registered receipt (受領登録) through the e-mailed URL. ``case.coe_receipt_registered_on`` is
added in place and empty: no row of ``case`` or of the tables referring to it is touched, and
the delivery already recorded in ``case.coe_delivery`` (paper / email) keeps its value.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_certificate_delivery"
down_revision: str | None = "0007_procedures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("case", sa.Column("coe_receipt_registered_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case", recreate="never") as batch_op:
        batch_op.drop_column("coe_receipt_registered_on")

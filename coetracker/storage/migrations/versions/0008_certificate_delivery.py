"""Issued certificates and statuses by validity: the day the applicant registered receipt of an
electronic certificate, and when 技能実習 can still be applied for.

Revision ID: 0008_certificate_delivery
Revises: 0007_procedures
Create Date: 2026-12-04

An electronic certificate (sent by e-mail since 2023-03-17) can be used only once the applicant
has registered receipt (受領登録) through the e-mailed URL. ``case.coe_receipt_registered_on`` is
added in place and empty: no row of ``case`` or of the tables referring to it is touched, and the
delivery already recorded in ``case.coe_delivery`` (paper / email) keeps its value.

技能実習 was seeded as ending on 2027-03-31, the day before 育成就労 starts. Under ISA's
transitional measures an intern whose plan was certified (or applied for) before 2027-04-01 may
start until 2027-06-30, so 1号 ends then; 3号 continues for interns already in 2号 and has no
published end. Only the seeded value is changed: a date the user edited stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_certificate_delivery"
down_revision: str | None = "0007_procedures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

status = sa.table("residence_status", sa.column("code", sa.String), sa.column("valid_to", sa.Date))
SEEDED_END = dt.date(2027, 3, 31)
NEW_ENDS: dict[str, dt.date | None] = {
    "tit_1a": dt.date(2027, 6, 30),
    "tit_1b": dt.date(2027, 6, 30),
    "tit_3a": None,
    "tit_3b": None,
}


def upgrade() -> None:
    op.add_column("case", sa.Column("coe_receipt_registered_on", sa.Date(), nullable=True))
    for code, end in NEW_ENDS.items():
        op.execute(
            status.update()
            .where(status.c.code == code, status.c.valid_to == SEEDED_END)
            .values(valid_to=end)
        )


def downgrade() -> None:
    for code, end in NEW_ENDS.items():
        op.execute(
            status.update()
            .where(
                status.c.code == code,
                status.c.valid_to.is_(None) if end is None else status.c.valid_to == end,
            )
            .values(valid_to=SEEDED_END)
        )
    with op.batch_alter_table("case", recreate="never") as batch_op:
        batch_op.drop_column("coe_receipt_registered_on")

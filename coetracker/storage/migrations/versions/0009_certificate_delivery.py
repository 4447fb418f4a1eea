"""Issued certificates and statuses by validity: the day the applicant registered receipt of an
electronic certificate, and when 技能実習 can still be applied for.

Revision ID: 0009_certificate_delivery
Revises: 0008_offices_agents
Create Date: 2026-12-04

An electronic certificate (sent by e-mail since 2023-03-17) can be used only once the applicant
has registered receipt (受領登録) through the e-mailed URL. ``case.coe_receipt_registered_on`` is
added in place and empty: no row of ``case`` or of the tables referring to it is touched, and the
delivery already recorded in ``case.coe_delivery`` (paper / email) keeps its value.

技能実習 was seeded as ending on 2027-03-31, the day before 育成就労 starts. Under ISA's
transitional measures an intern whose plan was certified (or applied for) before 2027-04-01 may
start until 2027-06-30, so 1号 ends then; 3号 continues for interns already in 2号 and has no
published end. Only the seeded value is changed: a date the user edited stays.

Processing times for an extension of stay (在留期間更新) and a change of status (在留資格変更), and
the one COE figure found for 技能実習1号イ, are added where the database does not already hold
that status, procedure and month (a figure the user imported stays).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_certificate_delivery"
down_revision: str | None = "0008_offices_agents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

status = sa.table(
    "residence_status",
    sa.column("id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("valid_to", sa.Date),
)
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
RENEWAL, CHANGE, COE = "在留期間更新", "在留資格変更", "在留資格認定"
SOURCE = "出入国在留管理庁「在留審査処理期間」全国平均（{procedure}）"
SOURCE_NAMES = {COE: "在留資格認定証明書交付", RENEWAL: RENEWAL, CHANGE: CHANGE}
# status code, procedure, period, average days: ISA 在留審査処理期間 as relayed by practitioner
# pages (2025-11: yell-office.jp/news/?p=2915; 2025-12: nagano-visa.com/post/shinnsakikan;
# 技能実習1号イ 2020年10月～12月, rounded to whole days by gyouseishoshi.nagoya).
FIGURES: list[tuple[str, str, str, float]] = [
    ("business_manager", RENEWAL, "2025-11", 48.0),
    ("business_manager", CHANGE, "2025-11", 65.7),
    ("engineer_humanities", RENEWAL, "2025-11", 38.4),
    ("engineer_humanities", CHANGE, "2025-11", 41.6),
    ("skilled_labor", RENEWAL, "2025-11", 29.0),
    ("skilled_labor", CHANGE, "2025-11", 44.3),
    ("ssw_1", RENEWAL, "2025-11", 38.6),
    ("ssw_1", CHANGE, "2025-11", 58.5),
    ("spouse_of_japanese", RENEWAL, "2025-11", 44.9),
    ("spouse_of_japanese", CHANGE, "2025-11", 58.9),
    ("dependent", RENEWAL, "2025-11", 36.3),
    ("dependent", CHANGE, "2025-11", 30.3),
    ("engineer_humanities", RENEWAL, "2025-12", 24.1),
    ("engineer_humanities", CHANGE, "2025-12", 32.3),
    ("business_manager", RENEWAL, "2025-12", 44.6),
    ("business_manager", CHANGE, "2025-12", 68.6),
    ("ssw_1", RENEWAL, "2025-12", 23.9),
    ("ssw_1", CHANGE, "2025-12", 38.6),
    ("spouse_of_japanese", RENEWAL, "2025-12", 29.5),
    ("spouse_of_japanese", CHANGE, "2025-12", 42.8),
    ("tit_1a", COE, "2020-Q4", 20.0),
]
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
    _add_figures()


def _add_figures() -> None:
    connection = op.get_bind()
    ids = dict(connection.execute(sa.select(status.c.code, status.c.id)).all())
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for code, procedure, period, days in FIGURES:
        status_id = ids.get(code)
        if status_id is None:
            continue
        present = connection.execute(
            sa.select(benchmark.c.id).where(
                benchmark.c.residence_status_id == status_id,
                benchmark.c.procedure == procedure,
                benchmark.c.period == period,
            )
        ).first()
        if present is not None:
            continue
        year, part = period.split("-")
        month = 3 * int(part[1:]) - 2 if part.startswith("Q") else int(part)
        connection.execute(
            benchmark.insert().values(
                residence_status_id=status_id,
                procedure=procedure,
                period=period,
                period_start=dt.date(int(year), month, 1),
                average_days=days,
                source=SOURCE.format(procedure=SOURCE_NAMES[procedure]),
                created_at=now,
                updated_at=now,
            )
        )


def downgrade() -> None:
    connection = op.get_bind()
    ids = dict(connection.execute(sa.select(status.c.code, status.c.id)).all())
    for code, procedure, period, days in FIGURES:
        if code in ids:
            op.execute(
                benchmark.delete().where(
                    benchmark.c.residence_status_id == ids[code],
                    benchmark.c.procedure == procedure,
                    benchmark.c.period == period,
                    benchmark.c.average_days == days,
                    benchmark.c.source == SOURCE.format(procedure=SOURCE_NAMES[procedure]),
                )
            )
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

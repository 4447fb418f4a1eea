"""Branch offices (出張所) with the area they serve, the 代理人 of a case, voided documents.

Revision ID: 0008_offices_agents
Revises: 0007_procedures
Create Date: 2026-12-04

``bureau.area_served`` holds the area an office serves as the bureau publishes it ("埼玉県");
the regional bureaus and district offices keep their prefectures in ``prefecture`` and get no
text. ``case`` gains the 代理人 (the relative in Japan for family statuses): name, relationship,
prefecture and address. ``issued_document`` gains when, why and by whom a numbered invoice or
receipt was voided (it is never deleted or renumbered). Columns are added in place, so no
existing row or value changes.

Branch offices are seeded only where a public page says that they accept COE applications;
the area is filled in only where it is published. Sources (looked up 2026-12-04):

- さいたま出張所: 埼玉県; 在留資格認定証明書交付申請 among its services
  (Dokkyo University, www.dokkyo.ac.jp/kokuse/kokuse07_01_j.html).
- 立川出張所: a COE for a company in 東京都 can be filed there
  (journal.onevisa.jp/jurisdiction-of-immigration-office001; magazine.go-al.co.jp).
- 川崎出張所 (横浜支局): COE for 神奈川県 at 東京局, 横浜支局 or 川崎出張所
  (visa-yokohama.net, 2014-11-03).
- 大津出張所: 滋賀県; COE accepted, reviewed and answered by the Osaka bureau
  (jklive.tea-nifty.com, 2005-11-25; shiga-latifgyousei.com for the area).
- 大分出張所: COE accepted, reviewed in Fukuoka (a scrivener's FAQ quoting the bureau); the area
  is not published there and is left empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_offices_agents"
down_revision: str | None = "0007_procedures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# code, parent code, name_ja, short_name_ja, name_en, area served (None: not published)
BRANCH_OFFICES = [
    ("saitama", "tokyo", "東京出入国在留管理局さいたま出張所", "さいたま出張所",
     "Saitama Branch Office, Tokyo Regional Immigration Services Bureau", "埼玉県"),
    ("tachikawa", "tokyo", "東京出入国在留管理局立川出張所", "立川出張所",
     "Tachikawa Branch Office, Tokyo Regional Immigration Services Bureau", "東京都"),
    ("kawasaki", "yokohama", "東京出入国在留管理局横浜支局川崎出張所", "川崎出張所",
     "Kawasaki Branch Office, Yokohama District Immigration Services Office", "神奈川県"),
    ("otsu", "osaka", "大阪出入国在留管理局大津出張所", "大津出張所",
     "Otsu Branch Office, Osaka Regional Immigration Services Bureau", "滋賀県"),
    ("oita", "fukuoka", "福岡出入国在留管理局大分出張所", "大分出張所",
     "Oita Branch Office, Fukuoka Regional Immigration Services Bureau", None),
]  # fmt: skip

AGENT_COLUMNS = ("agent_name", "agent_relationship", "agent_prefecture", "agent_address")

bureau = sa.table(
    "bureau",
    sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name_ja", sa.String),
    sa.column("short_name_ja", sa.String), sa.column("name_en", sa.String),
    sa.column("kind", sa.String), sa.column("parent_id", sa.Integer),
    sa.column("inquiry_policy", sa.String), sa.column("accepts_coe", sa.Boolean),
    sa.column("area_served", sa.Text), sa.column("version_id", sa.Integer),
    sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime),
)  # fmt: skip


def upgrade() -> None:
    op.add_column("bureau", sa.Column("area_served", sa.Text(), nullable=True))
    op.add_column("case", sa.Column("agent_name", sa.String(length=100), nullable=True))
    op.add_column("case", sa.Column("agent_relationship", sa.String(length=40), nullable=True))
    op.add_column("case", sa.Column("agent_prefecture", sa.String(length=10), nullable=True))
    op.add_column("case", sa.Column("agent_address", sa.Text(), nullable=True))
    op.add_column("issued_document", sa.Column("voided_on", sa.Date(), nullable=True))
    op.add_column("issued_document", sa.Column("void_reason", sa.Text(), nullable=True))
    op.add_column("issued_document", sa.Column("voided_by", sa.String(length=100), nullable=True))

    connection = op.get_bind()
    ids = {code: id_ for id_, code in connection.execute(sa.select(bureau.c.id, bureau.c.code))}
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [
        {"code": code, "name_ja": ja, "short_name_ja": short, "name_en": en, "kind": "branch",
         "parent_id": ids[parent], "inquiry_policy": "specific_matters", "accepts_coe": True,
         "area_served": area, "version_id": 1, "created_at": now, "updated_at": now}
        for code, parent, ja, short, en, area in BRANCH_OFFICES
        if parent in ids and code not in ids  # an edited reference table is left as it is
    ]  # fmt: skip
    if rows:
        op.bulk_insert(bureau, rows)


def downgrade() -> None:
    connection = op.get_bind()
    codes = [row[0] for row in BRANCH_OFFICES]
    case = sa.table("case", sa.column("bureau_id", sa.Integer))
    used = sa.select(case.c.bureau_id).where(case.c.bureau_id.is_not(None))
    # A branch a case names stays: no case loses its office.
    connection.execute(bureau.delete().where(bureau.c.code.in_(codes), bureau.c.id.not_in(used)))
    for name in ("voided_by", "void_reason", "voided_on"):
        with op.batch_alter_table("issued_document", recreate="never") as batch_op:
            batch_op.drop_column(name)
    for name in reversed(AGENT_COLUMNS):
        with op.batch_alter_table("case", recreate="never") as batch_op:
            batch_op.drop_column(name)
    with op.batch_alter_table("bureau", recreate="never") as batch_op:
        batch_op.drop_column("area_served")

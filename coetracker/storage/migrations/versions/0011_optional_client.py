"""A case may have no client company: ``case.organization_id`` becomes nullable.

Revision ID: 0011_optional_client
Revises: 0009_certificate_delivery
Create Date: 2026-12-04

For family statuses (日本人の配偶者等, 永住者の配偶者等, 定住者, 家族滞在) the application is made
by the relative in Japan (the 代理人), and there may be no company at all. Only the NOT NULL
constraint goes: every row and value stays as it was.

PostgreSQL drops the constraint in place. SQLite cannot, so Alembic's batch mode rebuilds the
``case`` table (copy, drop, rename). Dropping a parent table with foreign keys on would run the
children's ``ON DELETE CASCADE`` (every inquiry and document request would go), so on SQLite this
revision refuses to run on a database holding cases unless foreign keys are off for the
connection (:func:`coetracker.storage.migrate.foreign_keys_off`, which the application uses), and
checks ``PRAGMA foreign_key_check`` after the rebuild: any dangling reference rolls the whole
upgrade back. Indexes, the unique reference and the file's ``application_id`` (the header, not a
table) are kept.

Branch offices (出張所) whose acceptance of COE applications a public page confirms are added to
the reference table, each under its bureau, where the database does not already hold the code.
Sources (looked up 2026-12-04) are given beside each row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_optional_client"
down_revision: str | None = "0009_certificate_delivery"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# code, parent code, name_ja, short_name_ja, name_en, area served (None: not published)
BRANCH_OFFICES: list[tuple[str, str, str, str, str, str | None]] = []

bureau = sa.table(
    "bureau",
    sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name_ja", sa.String),
    sa.column("short_name_ja", sa.String), sa.column("name_en", sa.String),
    sa.column("kind", sa.String), sa.column("parent_id", sa.Integer),
    sa.column("inquiry_policy", sa.String), sa.column("accepts_coe", sa.Boolean),
    sa.column("area_served", sa.Text), sa.column("version_id", sa.Integer),
    sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime),
)  # fmt: skip
case = sa.table(
    "case",
    sa.column("id", sa.Integer),
    sa.column("organization_id", sa.Integer),
    sa.column("bureau_id", sa.Integer),
)


class ForeignKeysOnError(RuntimeError):
    """The SQLite table rebuild was asked for on a connection with foreign keys on."""


def upgrade() -> None:
    _set_organization_nullable(True)
    _add_branch_offices()


def downgrade() -> None:
    connection = op.get_bind()
    codes = [row[0] for row in BRANCH_OFFICES]
    if codes:
        used = sa.select(case.c.bureau_id).where(case.c.bureau_id.is_not(None))
        # A branch a case names stays: no case loses its office.
        connection.execute(
            bureau.delete().where(bureau.c.code.in_(codes), bureau.c.id.not_in(used))
        )
    without = connection.execute(
        sa.select(sa.func.count()).select_from(case).where(case.c.organization_id.is_(None))
    ).scalar_one()
    if without:
        raise RuntimeError(
            f"{without} case(s) have no client company; give each one before downgrading"
        )
    _set_organization_nullable(False)


def _set_organization_nullable(nullable: bool) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        op.alter_column("case", "organization_id", existing_type=sa.Integer(), nullable=nullable)
        return
    foreign_keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    has_cases = connection.execute(sa.select(case.c.id).limit(1)).first() is not None
    if foreign_keys and has_cases:
        raise ForeignKeysOnError(
            "rebuilding the case table needs foreign keys off for the connection"
        )
    with op.batch_alter_table("case", recreate="always") as batch_op:
        batch_op.alter_column("organization_id", existing_type=sa.Integer(), nullable=nullable)
    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if dangling:
        tables = sorted({str(row[0]) for row in dangling})
        raise RuntimeError(f"foreign key check failed after rebuilding case: {', '.join(tables)}")


def _add_branch_offices() -> None:
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

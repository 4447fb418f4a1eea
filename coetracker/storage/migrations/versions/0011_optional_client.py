"""A case may have no client company: ``case.organization_id`` becomes nullable.

Revision ID: 0011_optional_client
Revises: 0010_assessment_store
Create Date: 2026-12-04

For family statuses (日本人の配偶者等, 永住者の配偶者等, 定住者, 家族滞在) the application is made
by the relative in Japan (the 代理人), and there may be no company at all. Only the NOT NULL
constraint goes: every row and value stays as it was.

PostgreSQL drops the constraint in place. SQLite cannot, so Alembic's batch mode rebuilds the
``case`` table (copy, drop, rename). Dropping a parent table with foreign keys on would run the
children's ``ON DELETE CASCADE`` (every inquiry and document request would go), so on SQLite this
revision refuses to run on a database holding cases unless foreign keys are off for the
connection (:func:`coetracker.storage.migrate.foreign_keys_off`, which the application uses), and
checks ``PRAGMA foreign_key_check`` after the rebuild: a dangling reference the rebuild made
rolls the whole upgrade back. Indexes, the unique reference and the file's ``application_id``
(the header, not a table) are kept.

No branch office is added here: a search of public pages (2026-12-04) found a statement that
a branch accepts 在留資格認定証明書交付申請 only for the five that 0008_offices_agents seeded;
every other office still needs a source before it is seeded (Settings › Bureaus can add one).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from coetracker.storage.assessment_triggers import TRIGGER_NAMES, sqlite_statements

revision: str = "0011_optional_client"
down_revision: str | None = "0010_assessment_store"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

case = sa.table(
    "case",
    sa.column("id", sa.Integer),
    sa.column("organization_id", sa.Integer),
)


class ForeignKeysOnError(RuntimeError):
    """The SQLite table rebuild was asked for on a connection with foreign keys on."""


def upgrade() -> None:
    _set_organization_nullable(True)


def downgrade() -> None:
    connection = op.get_bind()
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
    # A reference that was already dangling (a damaged file) is for `coetracker check`; the
    # rebuild must only add none of its own.
    before = set(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())
    # The assessment store's triggers name "case" (some from other tables), which SQLite checks
    # when the rebuilt table is renamed: they are dropped first and made again after it.
    for name in sorted(TRIGGER_NAMES):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("case", recreate="always") as batch_op:
        batch_op.alter_column("organization_id", existing_type=sa.Integer(), nullable=nullable)
    for statement in sqlite_statements():
        op.execute(statement)
    after = set(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())
    if after - before:
        tables = sorted({str(row[0]) for row in after - before})
        raise RuntimeError(f"foreign key check failed after rebuilding case: {', '.join(tables)}")

"""Mark the file as a COE Tracker database: ``PRAGMA application_id`` = "COET".

Revision ID: 0004_application_id
Revises: 0003_benchmark_source_text
Create Date: 2026-12-04

SQLite keeps a 32-bit application id in the file header (bytes 68–71) so that programs can tell
their files from other SQLite databases. COE Tracker uses 0x434F4554, the ASCII bytes "COET"
(1129268564; :data:`coetracker.storage.ownership.APPLICATION_ID`). It is set on new databases
(this revision runs as part of creating one) and on existing ones when they are migrated; the
application then refuses to open, migrate or set aside a file that does not carry it (see
:mod:`coetracker.storage.ownership` for the exceptions: files it opened before, and databases of
ours from before this revision). No row or value changes. Other databases (PostgreSQL) have no
such header: nothing to do there.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004_application_id"
down_revision: str | None = "0003_benchmark_source_text"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPLICATION_ID = 0x434F4554  # the same value as coetracker.storage.ownership.APPLICATION_ID


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA application_id = 0")

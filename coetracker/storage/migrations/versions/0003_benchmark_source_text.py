"""Benchmark source text in the users' language.

Revision ID: 0003_benchmark_source_text
Revises: 0002_reference_data
Create Date: 2026-11-27

0002 seeded the processing benchmarks with a developer's note as their source
("… as relayed in DOMAIN.md"), which the Settings dialog shows to users. This names the
publication instead. Only rows still carrying the seeded text change; a source a user edited
or a figure a user added stays as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_benchmark_source_text"
down_revision: str | None = "0002_reference_data"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEEDED = "ISA 在留審査処理期間 (national average, COE), as relayed in DOMAIN.md"
PUBLISHED = "出入国在留管理庁「在留審査処理期間」全国平均（在留資格認定証明書交付）"

benchmark = sa.table("processing_benchmark", sa.column("source", sa.Text))


def upgrade() -> None:
    op.execute(benchmark.update().where(benchmark.c.source == SEEDED).values(source=PUBLISHED))


def downgrade() -> None:
    op.execute(benchmark.update().where(benchmark.c.source == PUBLISHED).values(source=SEEDED))

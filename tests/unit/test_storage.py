"""Storage: migrations, connection pragmas, foreign keys, schema revisions, reference data."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from coetracker.errors import NewerSchemaError
from coetracker.storage import migrate
from coetracker.storage.engine import Database, create_database_engine, open_database
from coetracker.storage.models import (
    Base,
    Bureau,
    Case,
    Prefecture,
    ProcessingBenchmark,
    ResidenceStatus,
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_migrates_to_head(db: Database) -> None:
    with db.engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
    assert revision == migrate.head_revision()


def test_models_match_the_migrations(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


@pytest.mark.sqlite_only
def test_every_connection_reports_the_pragmas(db: Database) -> None:
    # Hold several connections at once so the pool must open new ones, then reuse them.
    for _round in range(2):
        connections = [db.engine.connect() for _ in range(4)]
        try:
            for connection in connections:
                values = {
                    name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                    for name in (
                        "journal_mode", "synchronous", "foreign_keys", "busy_timeout",
                        "trusted_schema",
                    )
                }  # fmt: skip
                assert values["journal_mode"] == "wal"
                assert values["synchronous"] == 2  # FULL
                assert values["foreign_keys"] == 1
                assert int(values["busy_timeout"] or 0) >= 5000
                assert values["trusted_schema"] == 0
        finally:
            for connection in connections:
                connection.close()


def test_write_sessions_begin_immediate(db: Database, db_path: Path) -> None:
    # While a write session is open, another connection cannot start a write transaction:
    # the RESERVED lock is taken at BEGIN, not at the first write.
    with db.write_session() as session:
        session.execute(text("SELECT 1"))
        other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.write_session() as session:
        session.add(Case(organization_id=9999, applicant_id=9999, stage="preparing"))
        session.flush()


def test_data_files_are_private(db: Database, db_path: Path) -> None:
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


def test_newer_revision_is_refused_and_left_byte_identical(db: Database, db_path: Path) -> None:
    with db.write_session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.dispose()
    before = _sha256(db_path)
    with pytest.raises(NewerSchemaError) as raised:
        open_database(f"sqlite:///{db_path}")
    assert "newer" in str(raised.value).lower()
    assert _sha256(db_path) == before
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0


def test_older_revision_is_backed_up_before_migrating(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_database_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0001_initial_schema")
    engine.dispose()
    assert migrate.read_revision(path) == "0001_initial_schema"
    taken: list[Path] = []

    def backup(db_path: Path, reason: str) -> Path:
        target = tmp_path / f"backup-{reason}.sqlite3"
        source = sqlite3.connect(db_path)
        dest = sqlite3.connect(target)
        source.backup(dest)
        source.close()
        dest.close()
        taken.append(target)
        return target

    database, report = open_database(f"sqlite:///{path}", backup=backup)
    database.dispose()
    assert report.revision_before == "0001_initial_schema"
    assert report.revision_after == migrate.head_revision()
    assert report.backup == taken[0]
    check = sqlite3.connect(taken[0])
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check.execute("SELECT version_num FROM alembic_version").fetchone() == (
        "0001_initial_schema",
    )
    check.close()


def test_reference_data_bureaus_and_prefectures(db: Database) -> None:
    with db.read_session() as session:
        kinds = dict(session.execute(select(Bureau.kind, func.count()).group_by(Bureau.kind)).all())
        assert kinds == {"regional": 8, "district": 7, "branch": 5}
        prefectures = session.execute(
            select(Prefecture.name, Bureau.accepts_coe).join(Bureau)
        ).all()
        names = [name for name, _accepts in prefectures]
        assert len(names) == 47 == len(set(names))
        assert all(accepts for _name, accepts in prefectures)
        jurisdiction = dict(
            session.execute(select(Prefecture.name, Bureau.code).join(Bureau)).all()
        )
        assert jurisdiction["神奈川県"] == "yokohama"
        assert jurisdiction["兵庫県"] == "kobe"
        assert jurisdiction["沖縄県"] == "naha"
        assert jurisdiction["北海道"] == "sapporo"
        assert jurisdiction["高知県"] == "takamatsu"
        airports = session.scalars(select(Bureau).where(Bureau.code.like("%airport"))).all()
        assert len(airports) == 4
        assert not any(b.accepts_coe for b in airports)
        assert all(b.parent_id is not None for b in airports)


def test_reference_data_statuses_and_benchmarks(db: Database) -> None:
    with db.read_session() as session:
        no_coe = set(
            session.scalars(
                select(ResidenceStatus.name_ja).where(ResidenceStatus.coe_eligible.is_(False))
            )
        )
        assert no_coe == {"外交", "短期滞在", "永住者", "高度専門職2号"}
        eligible = set(
            session.scalars(
                select(ResidenceStatus.name_ja).where(ResidenceStatus.coe_eligible.is_(True))
            )
        )
        assert {"技術・人文知識・国際業務", "特定技能1号", "特定技能2号", "留学"} <= eligible
        figures = session.execute(
            select(ProcessingBenchmark.average_days, ProcessingBenchmark.period)
            .join(ResidenceStatus)
            .where(
                ResidenceStatus.name_ja == "特定技能1号",
                ProcessingBenchmark.procedure == "在留資格認定",
            )
            .order_by(ProcessingBenchmark.period_start)
        ).all()
        assert [tuple(f) for f in figures] == [(75.1, "2025-11"), (69.0, "2025-12")]
        # 34 COE figures, then 20 更新/変更 months and one 技能実習1号イ COE figure (0008).
        assert session.scalar(select(func.count()).select_from(ProcessingBenchmark)) == 55
        sources = set(session.scalars(select(ProcessingBenchmark.source)))
        assert sources == {
            "出入国在留管理庁「在留審査処理期間」全国平均（在留資格認定証明書交付）",
            "出入国在留管理庁「在留審査処理期間」全国平均（在留期間更新）",
            "出入国在留管理庁「在留審査処理期間」全国平均（在留資格変更）",
        }

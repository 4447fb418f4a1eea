"""The office server from the command line: copy-to both ways, snapshot backup, restore.

A real PostgreSQL server (tests/pgserver.py), ``coetracker.cli.main`` in-process, real files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from coetracker.services import cases
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage.engine import open_database
from tests.helpers.cli import run_cli
from tests.helpers.db import TODAY_ISO as TODAY
from tests.pgserver import PostgresServer


def _listing(db: str, data_dir: Path) -> list[dict[str, object]]:
    result = run_cli(
        "--db", db, "--data-dir", str(data_dir), "--today", TODAY, "list", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def _add_case(url: str) -> int:
    database, _report = open_database(url, migrate_schema=False)
    try:
        return cases.create_case(
            database,
            CaseInput(
                applicant=ApplicantInput(family_name="LATER", given_name="ADDED"),
                organization=OrganizationInput(name="株式会社あと"),
                reference="LATER-1",
            ),
            actor="tester",
        )
    finally:
        database.dispose()


@pytest.fixture
def demo_file(tmp_path: Path, copy_demo: Callable[[Path], Path]) -> Path:
    return copy_demo(tmp_path / "single" / "demo.sqlite3")


def test_copy_to_server_and_back_lists_the_same(
    pg_server: PostgresServer, demo_file: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    original = _listing(str(demo_file), data)
    url = pg_server.url(pg_server.create_database())  # empty: copy-to creates the schema
    there = run_cli("--db", str(demo_file), "--data-dir", str(data), "copy-to", url)
    assert there.returncode == 0, there.stderr
    assert f"Copied {len(original)} cases" in there.stdout
    assert _listing(url, data) == original

    back_file = tmp_path / "back" / "copy.sqlite3"
    back = run_cli("--db", url, "--data-dir", str(data), "copy-to", str(back_file))
    assert back.returncode == 0, back.stderr
    assert _listing(str(back_file), data) == original
    # New rows on the server get fresh ids past the copied ones (sequences were set).
    new_id = _add_case(url)
    assert new_id > max(int(str(row["id"])) for row in original)

    # A target that already holds cases is refused and left as it was.
    again = run_cli("--db", str(demo_file), "--data-dir", str(data), "copy-to", url)
    assert again.returncode == 1
    assert "already holds cases" in again.stderr
    assert "Traceback" not in again.stderr
    assert len(_listing(url, data)) == len(original) + 1


def test_server_snapshot_backup_checks_and_restores(
    pg_server: PostgresServer, demo_file: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    url = pg_server.url(pg_server.create_database())
    assert run_cli("--db", str(demo_file), "--data-dir", str(data), "copy-to", url).returncode == 0
    original = _listing(url, data)

    made = run_cli("--db", url, "--data-dir", str(data), "backup")
    assert made.returncode == 0, made.stderr
    snapshot = Path(made.stdout.strip().splitlines()[-1])
    assert snapshot.parent == data / "backups" or snapshot.is_file()
    assert snapshot.stat().st_mode & 0o077 == 0
    check = run_cli("--db", str(snapshot), "--data-dir", str(tmp_path / "c"), "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert _listing(str(snapshot), tmp_path / "c") == original

    # The server changes; restoring needs --replace, then brings back the snapshot's rows.
    _add_case(url)
    refused = run_cli("--db", url, "--data-dir", str(data), "restore", str(snapshot))
    assert refused.returncode == 1
    assert "--replace" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert len(_listing(url, data)) == len(original) + 1
    restored = run_cli("--db", url, "--data-dir", str(data), "restore", str(snapshot), "--replace")
    assert restored.returncode == 0, restored.stderr
    assert _listing(url, data) == original
    safety = [p for p in (data / "backups").glob("*pre-restore*.sqlite3")]
    assert len(safety) == 1  # what was there before the restore was kept


def test_unreachable_server_is_one_sentence(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://staff@/office?host={tmp_path / 'no-server-here'}"
    result = run_cli("--db", url, "--data-dir", str(tmp_path / "d"), "list")
    assert result.returncode == 1
    assert "office server cannot be reached" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_import_into_the_server_takes_a_snapshot_first(
    pg_server: PostgresServer, demo_file: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    sheet = tmp_path / "export.csv"
    exported = run_cli("--db", str(demo_file), "--today", TODAY, "export", str(sheet), "--all")
    assert exported.returncode == 0, exported.stderr
    url = pg_server.url(pg_server.create_database())
    imported = run_cli("--db", url, "--data-dir", str(data), "--today", TODAY, "import", str(sheet))
    assert imported.returncode == 0, imported.stderr
    assert "44 cases added" in imported.stdout
    assert "Backup taken first" in imported.stdout
    assert list((data / "backups").glob("*pre-import*.sqlite3"))

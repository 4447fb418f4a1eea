"""The command line as a user runs it, on a real database file and on the office server:
``coetracker.cli.main`` in this process, and a few runs as a real process (exit codes)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from coetracker.domain.model import Level
from tests.helpers.cli import run_cli, run_cli_subprocess
from tests.helpers.db import TODAY_ISO as TODAY


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_db(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    copy_demo: Callable[[Path], Path],
) -> str:
    """The sample cases in a database file (the session's copy), and on the office server
    (the CLI suite runs on both back ends)."""
    if request.param == "sqlite":
        return str(copy_demo(tmp_path_factory.mktemp("cli") / "demo.sqlite3"))
    server = request.getfixturevalue("pg_server")
    path = str(server.url(server.create_database()))
    result = run_cli("--db", path, "--today", TODAY, "demo")
    assert result.returncode == 0, result.stderr
    assert "Wrote 44 sample cases." in result.stdout
    return path


def test_demo_fills_an_empty_database_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    result = run_cli("--db", path, "--today", TODAY, "demo")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Wrote 44 sample cases.\n"
    assert len(json.loads(run_cli("--db", path, "list", "--format", "json").stdout)) == 44


def test_demo_then_list_json_round_trips(demo_db: str) -> None:
    result = run_cli("--db", str(demo_db), "--today", TODAY, "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    cases = json.loads(result.stdout)
    assert len(cases) >= 40
    for case in cases:
        assert {"reference", "level", "headline", "next_check"} <= case.keys()
        assert case["level"] in Level.__members__
        assert case["next_check"] is None or len(case["next_check"]) == 10
    # Every readiness level appears in the sample data, closed cases included.
    assert {c["level"] for c in cases} == set(Level.__members__)
    waiting = [c for c in cases if c["level"] == "WAITING" and c["next_check"]]
    assert waiting
    # Assessing on a waiting case's next check makes it ready (checked through the CLI).
    first = waiting[0]
    later = run_cli(
        "--db", str(demo_db), "--today", first["next_check"], "list", "--format", "json"
    )
    by_reference = {c["reference"]: c for c in json.loads(later.stdout)}
    assert by_reference[first["reference"]]["level"] == "READY"


def test_list_table_shows_japanese_aligned(demo_db: str) -> None:
    result = run_cli("--db", str(demo_db), "--today", TODAY, "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) >= 42
    assert "株式会社さくら精工" in result.stdout
    assert "NGUYEN VAN AN" in result.stdout


def test_due_lists_active_cases_by_urgency(demo_db: str) -> None:
    result = run_cli("--db", str(demo_db), "--today", TODAY, "due", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    levels = [Level[r["level"]] for r in rows]
    assert levels == sorted(levels)
    assert Level.CLOSED not in levels
    assert {Level.DOCS_OVERDUE, Level.READY, Level.WAITING} <= set(levels)
    table = run_cli("--db", str(demo_db), "--today", TODAY, "due", "--reasons")
    assert "✓" in table.stdout and "✗" in table.stdout


def test_today_from_environment(demo_db: str) -> None:
    via_env = run_cli(
        "--db", str(demo_db), "due", "--format", "json", env={"COETRACKER_TODAY": TODAY}
    )
    via_flag = run_cli("--db", str(demo_db), "--today", TODAY, "due", "--format", "json")
    assert json.loads(via_env.stdout) == json.loads(via_flag.stdout)


def test_check_reports_ok(demo_db: str) -> None:
    result = run_cli("--db", str(demo_db), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Schema revision" in result.stdout
    if not demo_db.startswith("postgresql"):  # a server checks its own pages and keys
        assert "Integrity: ok" in result.stdout
        assert "Foreign keys: 0 violations" in result.stdout


def test_demo_refuses_a_database_with_cases(demo_db: str) -> None:
    result = run_cli("--db", str(demo_db), "demo")
    assert result.returncode == 1
    assert "already holds" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--format", "yaml"],
        ["--today", "2026-13-01", "list"],
        ["no-such-command"],
    ],
)
def test_bad_arguments_exit_2_with_usage(args: list[str], tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "x.sqlite3"), *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_help_on_every_command() -> None:
    for command in ("demo", "list", "due", "check"):
        result = run_cli(command, "--help")
        assert result.returncode == 0
        assert "usage: coetracker" in result.stdout


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert "COE Tracker" in result.stdout


def test_newer_database_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    assert run_cli("--db", str(path), "list").returncode == 0
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = 'zzzz_future'")
    connection.commit()
    connection.close()
    result = run_cli("--db", str(path), "list")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.e2e
def test_a_real_process_gives_the_exit_codes_and_the_streams(tmp_path: Path) -> None:
    """``python -m coetracker``: 0 and the version on stdout, 2 and the usage on stderr for bad
    arguments, 1 and one sentence for a user's error."""
    version = run_cli_subprocess("--version")
    assert (version.returncode, version.stderr) == (0, "")
    assert "COE Tracker" in version.stdout
    bad = run_cli_subprocess("--db", tmp_path / "x.sqlite3", "list", "--format", "yaml")
    assert bad.returncode == 2 and "usage:" in bad.stderr and bad.stdout == ""
    folder = tmp_path / "not a database.sqlite3"
    folder.mkdir()
    refused = run_cli_subprocess("--db", folder, "list")
    assert refused.returncode == 1, refused.stderr
    assert refused.stderr.startswith("coetracker: ") and "Traceback" not in refused.stderr

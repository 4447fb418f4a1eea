"""Two processes writing at once (the window and a command, say) never surface "database is
locked": write transactions begin IMMEDIATE and queue on the busy timeout. Two child processes
save 200 cases each through the services, one transaction per case, started together; both
finish, all 400 cases are there, and the database is intact. Saves made while another process
runs a long import transaction wait for it and then succeed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coetracker.services.opening import open_app_database
from tests.helpers.db import app_paths

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
PER_WRITER = 200

WRITER = """
import sys
from coetracker.paths import resolve_paths
from coetracker.services.cases import create_case, create_case_in
from coetracker.services.opening import open_app_database
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput

paths = resolve_paths(data_dir=sys.argv[1], environ={})
name, count, batch = sys.argv[2], int(sys.argv[3]), sys.argv[4] == "batch"
db = open_app_database(paths).database
print("ready", flush=True)
sys.stdin.readline()  # both start saving at the same moment


def data(i):
    return CaseInput(
        applicant=ApplicantInput(family_name=name, given_name=f"NO {i}"),
        organization=OrganizationInput(name=f"{name} 株式会社"),
        reference=f"{name}-{i:04d}",
    )


if batch:  # one long transaction, like an import
    with db.write_session() as session:
        for i in range(count):
            create_case_in(session, data(i), actor=name)
else:  # one transaction per case, like the window
    for i in range(count):
        create_case(db, data(i), actor=name)
db.dispose()
print("done", flush=True)
"""


def run_together(data_dir: Path, *writers: tuple[str, int, str]) -> None:
    """Start the writers, let them go at once, and check they all finished cleanly."""
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), name, str(count), mode],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        for name, count, mode in writers
    ]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    results = [child.communicate(timeout=300) for child in children]
    for child, (stdout, stderr) in zip(children, results, strict=True):
        assert child.returncode == 0, stderr
        assert stdout.strip() == "done"
        assert "locked" not in stderr.lower() and "busy" not in stderr.lower()


def stored_references(db_path: Path) -> list[str]:
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return [str(r[0]) for r in conn.execute('SELECT reference FROM "case" ORDER BY id')]
    finally:
        conn.close()


def test_two_processes_saving_at_once_both_finish_without_a_lock_error(tmp_path: Path):
    paths = app_paths(tmp_path)
    assert paths.db_path is not None
    open_app_database(paths).database.dispose()

    run_together(
        paths.data_dir, ("WINDOW", PER_WRITER, "single"), ("COMMAND", PER_WRITER, "single")
    )

    stored = stored_references(paths.db_path)
    expected = {f"{name}-{i:04d}" for name in ("WINDOW", "COMMAND") for i in range(PER_WRITER)}
    assert set(stored) == expected and len(stored) == 2 * PER_WRITER


def test_saves_wait_for_a_long_import_transaction_and_then_succeed(tmp_path: Path):
    paths = app_paths(tmp_path)
    assert paths.db_path is not None
    open_app_database(paths).database.dispose()

    run_together(paths.data_dir, ("IMPORT", 1500, "batch"), ("WINDOW", 50, "single"))

    stored = stored_references(paths.db_path)
    assert len(stored) == 1550
    imported = [r for r in stored if r.startswith("IMPORT")]
    assert imported == [f"IMPORT-{i:04d}" for i in range(1500)]  # one block, never split

"""What the command line writes is safe to look at and private on disk: control and bidi
characters are shown escaped in the terminal, CSV cells never run as formulas, and every file
with personal data is 0600 in a 0700 folder even under umask 000 (a real process started
under that umask). Real files."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.cli import CliResult, run_cli, run_cli_subprocess

TODAY = "2026-11-27"
HOSTILE = "EVIL\x1b[2J\x07\u202eNAME"


def run_in(data: Path, *args: str, umask: int | None = None) -> CliResult:
    """``coetracker --data-dir DATA --today TODAY ARGS`` in this process."""
    return run_cli("--data-dir", data, "--today", TODAY, *args, umask=umask)


def run_process(
    data: Path, *args: str, umask: int | None = None
) -> subprocess.CompletedProcess[str]:
    """The same as a new process, started under ``umask``."""
    return run_cli_subprocess("--data-dir", data, "--today", TODAY, *args, umask=umask)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, copy_demo: Callable[[Path], Path]) -> Path:
    data = tmp_path_factory.mktemp("privacy") / "data"
    copy_demo(data / "coetracker.sqlite3")
    conn = sqlite3.connect(data / "coetracker.sqlite3")
    conn.execute("UPDATE applicant SET family_name = ? WHERE id = 1", (HOSTILE,))
    conn.execute("UPDATE applicant SET family_name = ? WHERE id = 2", ("=HYPERLINK(1)",))
    conn.commit()
    conn.close()
    return data


@pytest.mark.parametrize("command", ["list", "due"])
def test_control_and_bidi_characters_reach_the_terminal_escaped(hostile: Path, command: str):
    result = run_in(hostile, command)
    assert result.returncode == 0, result.stderr
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in result.stdout
    if command == "list" or "EVIL" in result.stdout:
        assert "EVIL\\x1b[2J\\x07\\u202eNAME" in result.stdout


@pytest.mark.parametrize("command", ["list", "due"])
def test_csv_output_of_list_and_due_never_starts_a_cell_with_a_formula(hostile: Path, command: str):
    result = run_in(hostile, command, "--format", "csv")
    assert result.returncode == 0, result.stderr
    cells = [cell for line in result.stdout.splitlines() for cell in line.split(",")]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]
    if command == "list":
        assert "'=HYPERLINK(1)" in result.stdout


@pytest.mark.e2e
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_with_personal_data_are_private_under_umask_000(tmp_path: Path):
    data = tmp_path / "deep" / "data"
    assert run_process(data, "demo", umask=0).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    listing = run_process(data, "list", "--format", "json", umask=0)
    reference = listing.stdout.split('"reference": "', 1)[1].split('"', 1)[0]
    steps = [
        ("backup",),
        ("export", str(out / "cases.csv")),
        ("print", reference, "--summary", "--show-passport", "--pdf", str(out / "s.pdf")),
        ("print", "--list", "--pdf", str(out / "list.pdf")),
    ]
    for step in steps:
        result = run_process(data, *step, umask=0)
        assert result.returncode == 0, (step, result.stderr)
    files = [data / "coetracker.sqlite3", out / "cases.csv", out / "s.pdf", out / "list.pdf"]
    files += list((data / "backups").glob("*.sqlite3")) + list((data / "logs").glob("*"))
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (data, data / "backups", data / "logs", tmp_path / "deep"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder

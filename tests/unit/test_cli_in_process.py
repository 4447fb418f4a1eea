"""``coetracker.cli.main(argv)`` run again and again in one process, as the CLI tests do: each
run leaves the process as it found it (environment, umask, logging, language), so one test's
run never changes the next one's."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from coetracker import i18n
from tests.helpers.cli import run_cli, without_locale


def test_runs_leave_environment_umask_logging_and_language_as_they_were(tmp_path: Path) -> None:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    environment = dict(os.environ)
    umask = os.umask(0o022)
    os.umask(umask)

    japanese = run_cli(
        "--data-dir", tmp_path / "data", "list", env=without_locale(LANG="ja_JP.UTF-8"), umask=0
    )
    assert japanese.returncode == 0, japanese.stderr
    assert "案件はありません。" in japanese.stdout
    assert (tmp_path / "data" / "logs" / "coetracker.log").exists()  # the run did log

    assert list(root.handlers) == handlers and root.level == level
    assert dict(os.environ) == environment
    assert os.umask(umask) == umask
    assert i18n.current_language() == "en"
    english = run_cli("--data-dir", tmp_path / "data", "list")
    assert english.stdout == "No cases.\n"


def test_exit_codes_and_streams_are_those_of_a_process(tmp_path: Path) -> None:
    assert run_cli("--version").returncode == 0
    usage = run_cli("--db", tmp_path / "x.sqlite3", "list", "--format", "yaml")
    assert (usage.returncode, usage.stdout) == (2, "")
    assert usage.stderr.startswith("usage: coetracker")
    made = run_cli("--db", tmp_path / "x.sqlite3", "--today", "2026-11-27", "demo")
    assert made.returncode == 0, made.stderr
    again = run_cli("--db", tmp_path / "x.sqlite3", "--today", "2026-11-27", "demo")
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr.startswith("coetracker: ") and len(again.stderr.splitlines()) == 1

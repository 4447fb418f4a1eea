"""``coetracker due`` and ``list`` read a usual database over plain ``sqlite3``: the same output as
the full opening in every format and language, and nothing imported that they do not use.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coetracker.services import quick_open
from tests.helpers.cli import run_cli, without_locale
from tests.helpers.db import TODAY_ISO, build_demo

COMMANDS = [
    ("list", "--format", "table"),
    ("list", "--format", "csv"),
    ("list", "--format", "json"),
    ("due", "--format", "table"),
    ("due", "--format", "table", "--reasons"),
    ("due", "--format", "csv"),
    ("due", "--format", "json"),
]
LANGUAGES = {"en": without_locale(LANG="C.UTF-8"), "ja": without_locale(LANG="ja_JP.UTF-8")}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.sqlite3")


def _spy(monkeypatch: pytest.MonkeyPatch, *, fast: bool) -> list[bool]:
    """Record whether each run got a fast connection; ``fast=False`` refuses it."""
    taken: list[bool] = []
    real: Callable[..., Any] = quick_open.open_for_first_read

    def spy(*args: Any, **kwargs: Any) -> Any:
        conn = real(*args, **kwargs) if fast else None
        taken.append(conn is not None)
        return conn

    monkeypatch.setattr(quick_open, "open_for_first_read", spy)
    return taken


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_format_prints_what_the_full_opening_prints(
    demo: Path, language: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = LANGUAGES[language]
    common = ("--db", demo, "--data-dir", tmp_path / "data", "--today", TODAY_ISO)
    fast_outputs = []
    for command in COMMANDS:
        with monkeypatch.context() as patch:
            _spy(patch, fast=True)
            fast_outputs.append(run_cli(*common, *command, env=env))
    with monkeypatch.context() as patch:
        refused = _spy(patch, fast=False)
        full_outputs = [run_cli(*common, *command, env=env) for command in COMMANDS]
    assert all(r.returncode == 0 for r in fast_outputs + full_outputs)
    assert all(r.stdout for r in full_outputs)
    for command, fast, full in zip(COMMANDS, fast_outputs, full_outputs, strict=True):
        assert (fast.stdout, fast.stderr) == (full.stdout, full.stderr), command
    assert not any(refused)
    if language == "ja":
        assert "案件" in full_outputs[0].stdout or "受託番号" in full_outputs[0].stdout


def test_a_usual_database_is_read_the_fast_way(
    demo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    taken = _spy(monkeypatch, fast=True)
    for command in ("due", "list"):
        result = run_cli("--db", demo, "--data-dir", tmp_path / "data", command)
        assert result.returncode == 0, result.stderr
    assert taken == [True, True]


_PROBE = """
import sys
from coetracker.cli import main
code = main(sys.argv[1:])
heavy = ("sqlalchemy", "alembic", "PySide6", "shiboken6", "openpyxl", "coetracker.printing",
         "coetracker.ui", "coetracker.storage.models", "coetracker.storage.engine")
loaded = sorted(n for n in sys.modules if any(n == h or n.startswith(h + ".") for h in heavy))
print("LOADED", loaded, file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize("language", ["en", "ja"])
def test_due_and_list_import_no_sqlalchemy_qt_printing_nor_openpyxl(
    demo: Path, language: str, tmp_path: Path
) -> None:
    """In a fresh interpreter, every format: the commands load only what they use."""
    env = dict(os.environ, COETRACKER_LANG=language, COETRACKER_TODAY=TODAY_ISO)
    for command in COMMANDS:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                _PROBE,
                "--db",
                str(demo),
                "--data-dir",
                str(tmp_path),
                *command,
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "LOADED []" in result.stderr, (command, result.stderr.splitlines()[-1])

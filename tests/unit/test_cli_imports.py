"""Headless commands load only what they use: no Alembic on a current database, no widgets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from coetracker.storage import migrate

_PROBE = """
import sys
from coetracker.cli import main
code = main(sys.argv[1:])
heavy = ("alembic", "PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtPrintSupport",
         "coetracker.printing", "coetracker.ui")
print("LOADED", sorted(n for n in sys.modules if n.split(".")[0] in ("alembic",)
      or any(n == h or n.startswith(h + ".") for h in heavy)))
sys.exit(code)
"""


def _run(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COETRACKER_DATA_DIR=str(data_dir), COETRACKER_LANG="en")
    env["COETRACKER_TODAY"] = "2026-04-01"
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_revision_graph_read_without_alembic_matches_alembic() -> None:
    scripts = migrate.script_directory()
    expected = {rev.revision: rev.down_revision for rev in scripts.walk_revisions()}
    assert migrate.revision_graph() == expected
    assert migrate.head_revision() == scripts.get_current_head()


def test_due_and_list_on_a_current_database_import_no_alembic_nor_widgets(
    tmp_path: Path,
) -> None:
    first = _run(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    assert "'alembic" in first.stdout  # creating the database does migrate
    for command in ("due", "list"):
        result = _run(tmp_path, command)
        assert result.returncode == 0, result.stderr
        assert "LOADED []" in result.stdout, result.stdout.splitlines()[-1]

"""The way to the first painted rows loads only what it needs: no Alembic on a current database,
no openpyxl, no printing; the rows come from the file (the start-up probe the benchmark uses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coetracker.paths import resolve_paths
from coetracker.services.demo import fill_demo
from coetracker.services.opening import open_app_database

pytestmark = pytest.mark.gui

_RUN = """
import sys
from coetracker.ui.common import startup_probe

shown = startup_probe._ShownProbe._report

def report(self):
    heavy = ("alembic", "openpyxl", "coetracker.printing", "coetracker.ui.features.csv_actions")
    loaded = sorted(n for n in heavy if n in sys.modules)
    print("LOADED", loaded, flush=True)
    shown(self)

startup_probe._ShownProbe._report = report
from coetracker.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_first_rows_are_painted_without_alembic_openpyxl_or_printing(
    tmp_path: Path, today
) -> None:
    paths = resolve_paths(data_dir=tmp_path / "data", environ={})
    database = open_app_database(paths).database
    try:
        fill_demo(database, today=today)
    finally:
        database.dispose()
    env = dict(
        os.environ,
        COETRACKER_DATA_DIR=str(tmp_path / "data"),
        COETRACKER_STARTUP_PROBE="rows",
        QT_QPA_PLATFORM="offscreen",
        COETRACKER_TODAY=today.isoformat(),
    )
    result = subprocess.run(
        [sys.executable, "-c", _RUN, "--no-crash-dialog"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "LOADED []" in result.stdout, result.stdout
    assert "COETRACKER_WINDOW_SHOWN" in result.stdout

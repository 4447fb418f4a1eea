"""``coetracker --self-test`` from the source tree, as a real process (the bundle's run is in
``test_bundle.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from coetracker.selftest import STEP_NAMES


def test_self_test_passes_and_leaves_the_office_database_alone(tmp_path: Path) -> None:
    office = tmp_path / "office.sqlite3"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        # The self-test must ignore these and work in a temporary folder of its own.
        "COETRACKER_DB": str(office),
        "COETRACKER_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "coetracker", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in STEP_NAMES:
        assert f"ok   {name} " in result.stdout
    assert not office.exists()
    assert not (tmp_path / "data").exists()

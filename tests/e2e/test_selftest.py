"""``coetracker --self-test`` from the source tree, as a real process (the bundle's run is in
``test_bundle.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coetracker.selftest import STEP_NAMES
from tests.helpers.cli import run_cli_subprocess

pytestmark = pytest.mark.e2e


def test_self_test_passes_and_leaves_the_office_database_alone(tmp_path: Path) -> None:
    office = tmp_path / "office.sqlite3"
    # The self-test must ignore these and work in a temporary folder of its own.
    env = {"COETRACKER_DB": str(office), "COETRACKER_DATA_DIR": str(tmp_path / "data")}
    result = run_cli_subprocess("--self-test", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in STEP_NAMES:
        assert f"ok   {name} " in result.stdout
    assert not office.exists()
    assert not (tmp_path / "data").exists()

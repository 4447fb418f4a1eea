"""A large import holds the write lock only for its bulk write: a second process saving cases
meanwhile is never refused (it waits at most the bulk write, well within the busy timeout).
Real processes, a real file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coetracker.paths import resolve_paths
from coetracker.services.opening import open_app_database
from tests.helpers.db import add_cases

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ROWS = 20_000


def test_saves_from_another_process_succeed_during_a_large_import(tmp_path: Path):
    paths = resolve_paths(data_dir=tmp_path / "data", environ={})
    db = open_app_database(paths).database
    add_cases(db, 1, prefix="BEFORE")
    source = tmp_path / "big.csv"
    lines = ["受託番号,所属機関,申請人(姓),申請人(名)"]
    lines += [f"IMP-{n},CLIENT {n % 50},FAMILY{n},GIVEN" for n in range(ROWS)]
    source.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    importer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coetracker",
            "--data-dir",
            str(paths.data_dir),
            "import",
            str(source),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    saved = 0
    try:
        while importer.poll() is None:
            add_cases(db, 1, start=1000 + saved, prefix="DURING")  # raises if refused
            saved += 1
            time.sleep(0.05)
    finally:
        out, err = importer.communicate(timeout=300)
        db.dispose()
    assert importer.returncode == 0, err
    assert f"{ROWS} cases added" in out
    assert saved > 0

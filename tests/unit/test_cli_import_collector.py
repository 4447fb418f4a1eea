"""``coetracker import`` keeps the cyclic garbage collector paused from reading the file to the
end of the write (they run back to back there, nobody waits in between), and switches it back
on afterwards, whether the import wrote or was refused."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from coetracker.services import csv_import
from coetracker.services.csv_export import export_cases
from tests.helpers.cli import run_cli
from tests.helpers.db import TODAY, add_cases, app_paths, case_references, open_db


def _exported(tmp_path: Path, count: int) -> Path:
    source = open_db(app_paths(tmp_path / "source"))
    add_cases(source, count)
    target = tmp_path / "cases.csv"
    export_cases(source, target, today=TODAY)
    source.dispose()
    return target


def test_the_collector_is_paused_through_the_write_and_on_again_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collector_on: None
) -> None:
    sheet = _exported(tmp_path, 3)
    target = tmp_path / "target.sqlite3"
    seen: list[bool] = []
    apply = csv_import.apply_import

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return apply(*args, **kwargs)

    monkeypatch.setattr(csv_import, "apply_import", watched)
    assert gc.isenabled()
    result = run_cli("--db", target, "import", sheet)
    assert result.returncode == 0, result.stderr
    assert seen == [False]
    assert gc.isenabled()
    assert case_references(target) == ["T-00000", "T-00001", "T-00002"]
    refused = run_cli("--db", target, "import", sheet)  # the same cases again, without --update
    assert refused.returncode == 1
    assert gc.isenabled()

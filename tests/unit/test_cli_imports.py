"""Headless commands load only what they use: no Alembic on a current database, no widgets; and
the layers under ``ui/`` (domain, io, services, storage) import without Qt at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import coetracker
from coetracker.storage import migrate

QT_FREE_PACKAGES = ("domain", "io", "services", "storage")
ALEMBIC_ONLY = {"coetracker.storage.migrations.env"}
"""Runs only inside an Alembic command (it reads Alembic's context at import)."""

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


_BLOCKED_QT = """
import importlib, json, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError("Qt is blocked: " + name)
        return None

sys.meta_path.insert(0, BlockQt())
failed = {}
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception as error:
        failed[name] = repr(error)
qt = sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"failed": failed, "qt": qt}))
"""


def _modules_of(package: str) -> list[str]:
    root = Path(coetracker.__file__).parent
    names = []
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return [name for name in names if name not in ALEMBIC_ONLY]


def test_domain_io_services_and_storage_import_without_qt() -> None:
    """Every module of the layers below the interface, imported in a fresh interpreter where
    importing PySide6 fails: none needs it, and none pulls it in."""
    modules = [name for package in QT_FREE_PACKAGES for name in _modules_of(package)]
    assert len(modules) > 60 and "coetracker.services.caselist" in modules
    result = subprocess.run(
        [sys.executable, "-c", _BLOCKED_QT, json.dumps(modules)],
        env=dict(os.environ, COETRACKER_LANG="en"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {"failed": {}, "qt": []}, report


def test_export_of_every_case_imports_no_alembic_nor_widgets(tmp_path: Path) -> None:
    assert _run(tmp_path, "demo").returncode == 0
    result = _run(tmp_path, "export", str(tmp_path / "all.csv"), "--all")
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout, result.stdout.splitlines()[-1]
    assert (tmp_path / "all.csv").read_bytes().startswith("\ufeff受託番号,".encode())

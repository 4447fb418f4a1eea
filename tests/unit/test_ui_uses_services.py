"""The window reads and writes through the services only: no module of ``coetracker.ui`` opens a
database session or connection, or imports SQLAlchemy to build a query of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import coetracker

UI = Path(coetracker.__file__).parent / "ui"
FORBIDDEN_CALLS = {"read_session", "write_session", "execute", "scalars", "scalar"}


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "engine":
            found.append(f"{path.name}:{node.lineno} uses the engine")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in FORBIDDEN_CALLS:
                found.append(f"{path.name}:{node.lineno} calls .{node.func.attr}()")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            if node.module != "sqlalchemy.engine" or [a.name for a in node.names] != ["make_url"]:
                found.append(f"{path.name}:{node.lineno} imports {node.module}")
        elif isinstance(node, ast.Import):
            found += [
                f"{path.name}:{node.lineno} imports {alias.name}"
                for alias in node.names
                if alias.name.startswith("sqlalchemy")
            ]
    return found


def test_ui_opens_no_session_and_builds_no_query() -> None:
    files = sorted(UI.rglob("*.py"))
    assert len(files) > 20
    problems = [problem for path in files for problem in _problems(path)]
    assert problems == []


def test_the_check_sees_a_session(tmp_path: Path) -> None:
    sample = tmp_path / "pane.py"
    sample.write_text(
        "from sqlalchemy import select\n"
        "def show(db):\n"
        "    with db.read_session() as session:\n"
        "        return session.scalars(select(1))\n",
        encoding="utf-8",
    )
    assert len(_problems(sample)) == 3
    sample.write_text("def role(db):\n    return db.engine.connect()\n", encoding="utf-8")
    assert len(_problems(sample)) == 1

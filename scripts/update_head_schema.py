"""Write ``coetracker/storage/migrations/head.py``: the head revision and its schema as constants.

Run after adding a migration: ``.venv/bin/python scripts/update_head_schema.py``. The start-up
fast path (:mod:`coetracker.services.quick_open`) compares a database with these constants
without importing SQLAlchemy or Alembic; ``tests/unit/test_quick_open.py`` fails while they
differ from what the migrations make.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "coetracker" / "storage" / "migrations" / "head.py"


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render() -> str:
    """The module's text for the migrations of this source tree."""
    from coetracker.storage import migrate
    from coetracker.storage.schema_check import expected_schema

    head = migrate.head_revision()
    schema = expected_schema(head)
    lines = [
        '"""The newest schema revision and the schema it makes, as constants (generated).',
        "",
        "Written by ``scripts/update_head_schema.py`` from the migrations; a test checks that they",
        "still agree. The start-up fast path reads these instead of importing Alembic.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"HEAD_REVISION = {_quoted(head)}",
        "",
        "HEAD_TABLES: dict[str, frozenset[str]] = {",
    ]
    for name, columns in sorted(schema.tables):
        lines.append(f"    {_quoted(name)}: frozenset(")
        lines.append("        {")
        lines.extend(f"            {_quoted(column)}," for column in sorted(columns))
        lines.append("        }")
        lines.append("    ),")
    lines.append("}")
    for label, values in (
        ("HEAD_INDEXES", schema.indexes),
        ("HEAD_TRIGGERS", schema.triggers),
        ("HEAD_VIEWS", schema.views),
    ):
        lines.append("")
        if not values:
            lines.append(f"{label}: frozenset[str] = frozenset()")
            continue
        lines.append(f"{label}: frozenset[str] = frozenset(")
        lines.append("    {")
        lines.extend(f"        {_quoted(value)}," for value in sorted(values))
        lines.append("    }")
        lines.append(")")
    return "\n".join(lines) + "\n"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

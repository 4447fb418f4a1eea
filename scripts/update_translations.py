"""Refresh the translation sources: run pyside6-lupdate over every Python file of the package.

Usage: ``.venv/bin/python scripts/update_translations.py`` — new strings appear in
``resources/translations/coetracker_ja.ts`` as unfinished, for a translator to fill in (Qt
Linguist, or by hand). Locations are not stored, so moving code does not churn the file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_FILES = [ROOT / "resources" / "translations" / "coetracker_ja.ts"]


def source_files() -> list[Path]:
    """Every Python file whose strings are translated."""
    return sorted(p for p in (ROOT / "coetracker").rglob("*.py") if "migrations" not in p.parts)


def lupdate(ts_file: Path, *, extra: list[str] | None = None) -> None:
    """Merge the source strings into ``ts_file`` (created when missing)."""
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(tool),
        *map(str, source_files()),
        "-locations",
        "none",
        "-no-obsolete",
        "-silent",
        "-tr-function-alias",
        "QT_TRANSLATE_NOOP+=N_",
        *(extra or []),
        "-ts",
        str(ts_file),
    ]
    subprocess.run(command, check=True)


def main() -> int:
    for ts_file in TS_FILES:
        lupdate(ts_file, extra=["-target-language", "ja_JP", "-source-language", "en"])
        print(f"updated {ts_file.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

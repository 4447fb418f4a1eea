"""Compile the committed ``.ts`` translation sources into ``.qm`` files (never committed).

``make`` runs this before starting or testing the application; the PyInstaller spec bundles the
result. Output goes beside the sources, in ``resources/translations/``, where
:func:`coetracker.i18n.translations_dir` looks when running from a source tree.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"


def main() -> int:
    tool = Path(sys.executable).with_name("pyside6-lrelease")
    for ts_file in sorted(TRANSLATIONS.glob("*.ts")):
        qm_file = ts_file.with_suffix(".qm")
        if qm_file.exists() and qm_file.stat().st_mtime >= ts_file.stat().st_mtime:
            continue
        subprocess.run([str(tool), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

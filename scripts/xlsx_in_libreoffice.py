"""Export the demo cases as .xlsx, let LibreOffice load and save them, and count what it kept.

A stand-in for opening the export in Excel: LibreOffice (``soffice``) converts the workbook to
its own .xlsx and to CSV (the cells as it shows them). From its .xlsx the script counts the
first sheet's string, date, number, boolean and formula cells and the cells that show an
apostrophe (a text beginning with ``'``, or a style with a quote prefix); from its CSV the
displayed cells beginning with ``'``. Prints the counts; exits 1 when a formula or an apostrophe
is found.

Run: ``.venv/bin/python scripts/xlsx_in_libreoffice.py [--keep DIR] [--date-style era]``
(needs ``soffice``: ``apt-get install -y libreoffice-calc-nogui``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook

COUNTED = ("string", "date", "number", "boolean", "formula")


def run(*command: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed: {result.stderr.strip()}")


def convert(source: Path, target_format: str, folder: Path, profile: Path) -> Path:
    """``source`` converted by LibreOffice into ``folder`` (its own .xlsx or CSV)."""
    folder.mkdir(parents=True, exist_ok=True)
    run(
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        target_format,
        "--outdir",
        str(folder),
        str(source),
    )
    return folder / (source.stem + (".csv" if target_format.startswith("csv") else ".xlsx"))


def count_cells(path: Path) -> tuple[Counter[str], int, int]:
    """The first sheet's cells by kind, its cells with an apostrophe, and its data rows."""
    book = load_workbook(path)  # not read-only: the quote-prefix style is wanted
    sheet = book.worksheets[0]
    kinds: Counter[str] = Counter()
    apostrophes = 0
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            if cell.data_type == "f":
                kinds["formula"] += 1
            elif isinstance(cell.value, dt.datetime | dt.date):
                kinds["date"] += 1
            elif isinstance(cell.value, bool):
                kinds["boolean"] += 1
            elif isinstance(cell.value, int | float):
                kinds["number"] += 1
            else:
                kinds["string"] += 1
            if (isinstance(cell.value, str) and cell.value.startswith("'")) or (
                cell.has_style and cell.quotePrefix
            ):
                apostrophes += 1
    return kinds, apostrophes, sheet.max_row - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    parser.add_argument("--date-style", choices=("iso", "western_ja", "era", "era_short"))
    parser.add_argument("--today", default="2026-11-27", help="the demo's today (YYYY-MM-DD)")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        sys.exit("soffice is not installed (apt-get install -y libreoffice-calc-nogui)")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="xlsx-lo-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        db, ours = folder / "demo.sqlite3", folder / "cases.xlsx"
        db.unlink(missing_ok=True)
        cli = (sys.executable, "-m", "coetracker", "--db", str(db), "--today", args.today)
        run(*cli, "demo")
        style = ("--date-style", args.date_style) if args.date_style else ()
        run(*cli, "export", str(ours), "--all", *style)
        profile = folder / "profile"
        saved = convert(ours, "xlsx:Calc MS Excel 2007 XML", folder / "libreoffice", profile)
        shown = convert(
            ours, "csv:Text - txt - csv (StarCalc):44,34,76,1", folder / "libreoffice", profile
        )
        kinds, apostrophes, rows = count_cells(saved)
        with shown.open(encoding="utf-8", newline="") as handle:
            displayed = [cell for row in csv.reader(handle) for cell in row]
        shown_apostrophes = sum(cell.startswith("'") for cell in displayed)
        print(f"our export: {ours} ({rows} cases); saved by LibreOffice: {saved}")
        print("cells as LibreOffice saved them: " + ", ".join(f"{kinds[k]} {k}" for k in COUNTED))
        print(f"cells showing an apostrophe: {apostrophes} (saved), {shown_apostrophes} (shown)")
        failed = kinds["formula"] or apostrophes or shown_apostrophes
        print("FAILED: a formula or an apostrophe" if failed else "ok: no formula, no apostrophe")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

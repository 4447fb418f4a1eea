"""The ``export`` and ``import`` sub-commands: the case list as CSV or an Excel workbook.

``coetracker export FILE [--format csv|xlsx] [--encoding utf-8-sig|cp932] [--headers ja|en]
[--date-style …] [--all]`` writes the cases the main window lists by default (everything but
closed cases), most urgent first, or every case with ``--all``. The format follows the file's
extension (``.xlsx``: an Excel workbook, with dates in ``--date-style``) unless ``--format``
says. CSV is UTF-8 with a BOM by default; with ``cp932``, a value that cannot be written stops
the export, every case and column concerned is listed, no file is made, exit 1.

``coetracker import FILE [--dry-run] [--update] [--encoding auto|utf-8|cp932] [--sheet NAME]``
reads a CSV file or a workbook (known by its content, whatever its name; ``--sheet``: which
sheet, default the first with case-list headers), checks every row
first and prints every problem by row and column (exit 1, nothing written); otherwise it takes
a backup and writes all rows in one transaction. ``--dry-run`` stops after the check. A row whose
受託番号 or 申請番号 is already a case is refused unless ``--update`` is given, which updates that
case with the columns present in the file.

Register with :func:`register` (``cli.build_parser`` does).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coetracker.domain.jpdates import DateStyle
from coetracker.i18n import translate
from coetracker.paths import AppPaths

if TYPE_CHECKING:
    from coetracker.storage.engine import Database

__all__ = ["cmd_export", "cmd_import", "register"]


def register(commands: Any) -> None:
    """Add ``export`` and ``import`` to the sub-command set ``commands`` (from add_subparsers)."""
    export = commands.add_parser(
        "export",
        help=translate("Csv", "write the case list to an Excel workbook (.xlsx) or a CSV file"),
        description=translate(
            "Csv",
            "Write the case list to an Excel workbook (FILE.xlsx: to open in Excel) or a CSV "
            "file (for other programs): the cases the window lists (closed ones left out) or, "
            "with --all, every case; most urgent first.",
        ),
    )
    export.add_argument(
        "file", metavar="FILE", help=translate("Csv", "the .xlsx or .csv file to write")
    )
    export.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        default=None,
        help=translate("Csv", "xlsx or csv (default: from the file's extension, else csv)"),
    )
    export.add_argument(
        "--date-style",
        choices=[style.value for style in DateStyle],
        default=DateStyle.ISO.value,
        help=translate("Csv", "how a workbook shows dates (era or era_short: 令和; else Western)"),
    )
    export.add_argument(
        "--encoding",
        choices=("utf-8-sig", "cp932"),
        default="utf-8-sig",
        help=translate(
            "Csv", "utf-8-sig: UTF-8 with BOM (default); cp932: Shift_JIS for older software"
        ),
    )
    export.add_argument(
        "--headers",
        choices=("ja", "en"),
        default="ja",
        help=translate("Csv", "header row in Japanese (default) or as English keys"),
    )
    export.add_argument(
        "--all",
        action="store_true",
        help=translate("Csv", "include closed and archived cases"),
    )
    export.set_defaults(handler=cmd_export)

    importing = commands.add_parser(
        "import",
        help=translate("Csv", "add (or update) cases from a CSV file or an Excel workbook"),
        description=translate(
            "Csv",
            "Check every row of a case-list CSV file or Excel workbook, then write all of them "
            "in one transaction after a backup, or none if anything is wrong.",
        ),
    )
    importing.add_argument(
        "file", metavar="FILE", help=translate("Csv", "the CSV file or Excel workbook to read")
    )
    importing.add_argument(
        "--sheet",
        metavar="NAME",
        default=None,
        help=translate(
            "Csv", "the workbook's sheet to read (default: the first with case-list headers)"
        ),
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help=translate("Csv", "check the file and report, without writing anything"),
    )
    importing.add_argument(
        "--update",
        action="store_true",
        help=translate(
            "Csv",
            "update the cases whose 受託番号 or 申請番号 is in the file (default: refuse them)",
        ),
    )
    importing.add_argument(
        "--encoding",
        choices=("auto", "utf-8", "utf-8-sig", "cp932"),
        default="auto",
        help=translate("Csv", "the file's encoding (default: detected)"),
    )
    importing.set_defaults(handler=cmd_import)


def _fail(text: str) -> int:
    print(f"coetracker: {text}", file=sys.stderr)
    return 1


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    """``coetracker export``."""
    from coetracker.cli import today_of
    from coetracker.i18n import translator_for
    from coetracker.io.csv_codec import CsvEncodingError, HeaderStyle
    from coetracker.services.csv_export import export_cases
    from coetracker.services.opening import open_app_database
    from coetracker.services.xlsx_export import export_workbook

    target = Path(args.file)
    if target.is_dir():
        return _fail(translate("Csv", "{path} is a folder; give a file name.").format(path=target))
    if not target.parent.is_dir():
        return _fail(translate("Csv", "There is no folder {path}.").format(path=target.parent))
    workbook = (args.format or ("xlsx" if target.suffix.casefold() == ".xlsx" else "csv")) == "xlsx"
    style = HeaderStyle(args.headers)
    # The file's values follow its headers' language, whatever the interface's.
    values = translator_for("ja" if style == HeaderStyle.JA else "en")
    db = open_app_database(paths).database
    try:
        if workbook:
            count = export_workbook(
                db,
                target,
                today=today_of(args),
                include_closed=args.all,
                header_style=style,
                translate=values,
                date_style=DateStyle(args.date_style),
            )
        else:
            count = export_cases(
                db,
                target,
                today=today_of(args),
                include_closed=args.all,
                encoding=args.encoding,
                header_style=style,
                translate=values,
            )
    except CsvEncodingError as error:
        print(f"coetracker: {error.message.render(translate)}", file=sys.stderr)
        for cell in error.cells:
            print(f"  {cell.message.render(translate)}", file=sys.stderr)
        if error.encoding == "cp932":
            print(
                translate(
                    "Csv",
                    "Export as UTF-8 (the default) or as an Excel workbook (FILE.xlsx) "
                    "to keep these characters.",
                ),
                file=sys.stderr,
            )
        return 1
    except OSError as error:
        return _fail(
            translate("Csv", "The file could not be written: {reason}").format(
                reason=error.strerror or type(error).__name__
            )
        )
    finally:
        db.dispose()
    print(translate("Csv", "Wrote {count} cases to {path}.").format(count=count, path=target))
    return 0


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    """``coetracker import``: the collector stays paused from the read to the end of the write
    (they run back to back here); the plan is dropped, with the inner call's frame, first."""
    from coetracker.pacing import collector_paused

    with collector_paused():
        return _import(args, paths)


def _import(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.io.csv_codec import CsvReadError
    from coetracker.services.csv_import import (
        ImportRefusedError,
        apply_import,
        problem_text,
        read_import_file,
    )
    from coetracker.services.opening import backup_hook, open_app_database

    source = Path(args.file)
    if not source.is_file():
        return _fail(translate("Csv", "There is no file {path}.").format(path=source))
    encoding = None if args.encoding == "auto" else args.encoding
    db = open_app_database(paths).database
    try:
        try:
            plan = read_import_file(
                db, source, encoding=encoding, update=args.update, sheet=args.sheet
            )
        except CsvReadError as error:
            return _fail(error.message.render(translate))
        except OSError as error:
            return _fail(
                translate("Csv", "The file could not be read: {reason}").format(
                    reason=error.strerror or type(error).__name__
                )
            )
        sheet = plan.sheet
        if sheet.unknown_columns:
            print(
                translate("Csv", "Ignored unknown columns: {columns}").format(
                    columns=", ".join(sheet.unknown_columns)
                ),
                file=sys.stderr,
            )
        for notice in sheet.notices:
            print(f"  {problem_text(notice, translate)}", file=sys.stderr)
        if not plan.rows and not plan.problems:
            return _fail(translate("Csv", "The file has no rows to import."))
        if plan.problems:
            print(
                translate(
                    "Csv", "coetracker: {count} problems in {path}; nothing was imported:"
                ).format(count=len(plan.problems), path=source),
                file=sys.stderr,
            )
            for problem in plan.problems:
                print(f"  {problem_text(problem, translate)}", file=sys.stderr)
            if plan.duplicates and not args.update:
                print(
                    translate("Csv", "Use --update to update the cases that are already there."),
                    file=sys.stderr,
                )
            return 1
        summary = translate(
            "Csv", "{rows} rows ({encoding}): {creates} new cases, {updates} updates."
        ).format(
            rows=len(plan.rows),
            encoding=f"xlsx: {sheet.sheet_name}" if sheet.sheet_name else sheet.encoding,
            creates=plan.creates,
            updates=plan.updates,
        )
        if args.dry_run:
            print(summary + " " + translate("Csv", "Dry run: nothing was written."))
            return 0

        def backup() -> Path | None:
            if paths.db_path is None:  # the office server: a snapshot into a SQLite file
                from coetracker.services.office import snapshot_backup
                from coetracker.services.opening import local_now

                return snapshot_backup(db, paths.backup_dir, now=local_now(), reason="pre-import")
            if not paths.db_path.exists():
                return None
            return backup_hook(paths)(paths.db_path, "pre-import")

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty() or total >= _PROGRESS_FROM:
                text = translate("Csv", "Writing: {done} of {total} rows").format(
                    done=done, total=total
                )
                print(text, file=sys.stderr, flush=True)

        try:
            result = apply_import(db, plan, actor=_actor(db), backup=backup, progress=progress)
        except ImportRefusedError as error:
            print(f"coetracker: {error.message.render(translate)}", file=sys.stderr)
            for problem in error.problems:
                print(f"  {problem_text(problem, translate)}", file=sys.stderr)
            return 1
    finally:
        db.dispose()
    print(summary)
    print(
        translate(
            "Csv",
            "Imported: {created} cases added, {updated} updated, {inquiries} inquiries and "
            "{requests} document requests recorded.",
        ).format(
            created=result.created,
            updated=result.updated,
            inquiries=result.inquiries,
            requests=result.document_requests,
        )
    )
    if result.backup is not None:
        print(translate("Csv", "Backup taken first: {path}").format(path=result.backup))
    return 0


_PROGRESS_FROM = 10_000
"""Progress lines on stderr for an import at least this large (or on a terminal)."""


def _actor(db: Database) -> str | None:
    """Who the audit trail names: the office user from Settings, else the login name."""
    import getpass

    from coetracker.services.settings import load_office

    with db.read_session() as session:
        name = load_office(session).user_name.strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None

"""``coetracker backup``, ``coetracker restore FILE`` and ``coetracker backups``.

Registered by :func:`register_backup` from :func:`coetracker.cli.build_parser`. Errors the user
can act on (a bad backup file, a window holding the database, a full disk) are one sentence on
stderr with exit code 1, through :func:`coetracker.cli.main`.

* ``backup [--to DIR] [--force]`` makes a verified online backup into the backup folder (then
  rotated) or into ``DIR`` (never rotated), and prints its path; when the data equals the newest
  backup it says so and makes none, unless ``--force``.
* ``restore FILE`` verifies the file, moves the current database aside (printed; never
  deleted), puts the backup in place and migrates it. Refused while a window has the database
  open (the instance lock).
* On an office server (a ``postgresql`` URL) ``backup`` writes a consistent snapshot into a
  SQLite backup file; ``restore FILE --replace`` replaces the server's rows after a snapshot.
* ``copy-to URL|FILE`` copies every row into an empty database, a server or a file.
* ``backups [--dir DIR]`` lists the backups, newest first, with time, case count, size and the
  result of ``integrity_check``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coetracker.i18n import translate
from coetracker.paths import AppPaths
from coetracker.textwidth import format_table

__all__ = [
    "cmd_backup",
    "cmd_backups",
    "cmd_copy_to",
    "cmd_erase_person",
    "cmd_restore",
    "register_backup",
]


def register_backup(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``backup``, ``restore`` and ``backups`` sub-commands."""
    backup = commands.add_parser(
        "backup",
        help=translate("DataSafety", "make a verified backup of the database now"),
    )
    backup.add_argument(
        "--to",
        metavar="DIR",
        type=Path,
        help=translate(
            "DataSafety", "write the backup into this folder (default: the backup folder)"
        ),
    )
    backup.add_argument(
        "--force",
        action="store_true",
        help=translate("DataSafety", "make a backup even if nothing changed since the last one"),
    )
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore",
        help=translate(
            "DataSafety",
            "replace the database with a backup (the current one is moved aside, never deleted)",
        ),
    )
    restore.add_argument(
        "file", metavar="FILE", type=Path, help=translate("DataSafety", "the backup file")
    )
    restore.add_argument(
        "--replace",
        action="store_true",
        help=translate(
            "DataSafety",
            "replace the office server's database for everyone (required for a server; a "
            "backup is taken first)",
        ),
    )
    restore.set_defaults(handler=cmd_restore)

    copy = commands.add_parser(
        "copy-to",
        help=translate(
            "DataSafety",
            "copy every case and its history into an empty database (a server URL or a file)",
        ),
    )
    copy.add_argument(
        "target",
        metavar="URL|FILE",
        help=translate("DataSafety", "the empty target database"),
    )
    copy.set_defaults(handler=cmd_copy_to)

    listing = commands.add_parser(
        "backups",
        help=translate("DataSafety", "list the backups with their time and number of cases"),
    )
    listing.add_argument(
        "--dir",
        metavar="DIR",
        type=Path,
        help=translate("DataSafety", "list this folder (default: the backup folder)"),
    )
    listing.set_defaults(handler=cmd_backups)

    erase = commands.add_parser(
        "erase-person",
        help=translate(
            "DataSafety",
            "erase the personal data of the applicant of a case (closed for 2 years) from the "
            "database and its history",
        ),
    )
    erase.add_argument(
        "reference", metavar="REFERENCE", help=translate("DataSafety", "the case's reference")
    )
    erase.set_defaults(handler=cmd_erase_person)


def cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.services.backups import backup_now
    from coetracker.services.opening import open_app_database
    from coetracker.storage.backup import list_backups

    if paths.db_path is None:
        return _office_backup(args, paths)
    if not paths.db_path.is_file():
        from coetracker.cli import CliError

        raise CliError(
            translate("DataSafety", "There is no database at {path}: nothing to back up.").format(
                path=paths.db_path
            )
        )
    target: Path | None = args.to.expanduser().resolve() if args.to is not None else None
    db = open_app_database(paths).database  # a damaged file is set aside and reported here
    try:
        made = backup_now(paths, db, reason="manual", force=args.force, backup_dir=target)
    finally:
        db.dispose()
    if made is not None:
        print(made)
        return 0
    folder = target if target is not None else paths.backup_dir
    existing = list_backups(folder)
    newest = existing[-1].path if existing else folder
    print(
        translate(
            "DataSafety",
            "Nothing changed since the newest backup, {path}, so no new backup was made "
            "(--force makes one anyway).",
        ).format(path=newest)
    )
    return 0


def _office_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.services.office import snapshot_backup
    from coetracker.services.opening import local_now, open_app_database

    target: Path = args.to.expanduser().resolve() if args.to is not None else paths.backup_dir
    db = open_app_database(paths).database
    try:
        print(snapshot_backup(db, target, now=local_now(), reason="manual"))
    finally:
        db.dispose()
    return 0


def _office_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.services.office import ReplaceRequiredError, restore_into_server
    from coetracker.services.opening import local_now, open_app_database

    if not args.replace:
        raise ReplaceRequiredError()
    db = open_app_database(paths).database
    try:
        safety, cases = restore_into_server(
            db,
            args.file.expanduser(),
            backup_dir=paths.backup_dir,
            now=local_now(),
            replace=True,
        )
    finally:
        db.dispose()
    print(
        translate(
            "DataSafety", "Restored {backup} into the office database ({count} cases)."
        ).format(backup=args.file, count=cases)
    )
    print(
        translate("DataSafety", "A backup of the previous database was made first: {path}.").format(
            path=safety
        )
    )
    return 0


def cmd_copy_to(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.services.office import copy_to
    from coetracker.services.opening import open_app_database

    db = open_app_database(paths).database
    try:
        report = copy_to(db, args.target)
    finally:
        db.dispose()
    print(
        translate("DataSafety", "Copied {count} cases with their history.").format(
            count=report.cases
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.services.backups import restore

    if paths.db_path is None:
        return _office_restore(args, paths)
    result = restore(paths, args.file)
    print(
        translate("DataSafety", "Restored {backup} to {db}.").format(
            backup=result.backup, db=result.db_path
        )
    )
    if result.moved_aside is not None:
        print(
            translate(
                "DataSafety", "The previous database was moved, not deleted, to {path}."
            ).format(path=result.moved_aside)
        )
    else:
        print(translate("DataSafety", "There was no database in its place."))
    if result.safety_backup is not None:
        print(
            translate(
                "DataSafety", "A backup of the previous database was made first: {path}."
            ).format(path=result.safety_backup)
        )
    return 0


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def cmd_backups(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.services.backups import list_backup_infos

    folder: Path = args.dir.expanduser().resolve() if args.dir is not None else paths.backup_dir
    infos = list_backup_infos(folder)
    if not infos:
        print(translate("DataSafety", "No backups in {folder}.").format(folder=folder))
        return 0
    print(translate("DataSafety", "Backups in {folder}, newest first:").format(folder=folder))
    ok_text = translate("DataSafety", "ok")
    bad_text = translate("DataSafety", "DAMAGED")
    rows = [
        [
            info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S") if info.created else "",
            "" if info.case_count is None else str(info.case_count),
            _size(info.size),
            ok_text if info.ok else bad_text,
            info.path.name,
        ]
        for info in infos
    ]
    headers = [
        translate("DataSafety", "made"),
        translate("DataSafety", "cases"),
        translate("DataSafety", "size"),
        translate("DataSafety", "check"),
        translate("DataSafety", "file"),
    ]
    print(format_table(headers, rows))
    return 0


def cmd_erase_person(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.cli import CliError, today_of
    from coetracker.services.erasure import applicant_of_case, erase_applicant
    from coetracker.services.opening import open_app_database

    db = open_app_database(paths).database
    try:
        applicant = applicant_of_case(db, args.reference)
        if applicant is None:
            raise CliError(
                translate("DataSafety", "There is no case {reference}. Nothing was erased.").format(
                    reference=args.reference
                )
            )
        result = erase_applicant(db, applicant, today=today_of(args))
    finally:
        db.dispose()
    print(
        translate(
            "DataSafety",
            "The applicant of {reference} was erased from the database and its history "
            "({count} recorded values cleared). Backups made before still hold the data until "
            "they rotate out (12 months at most).",
        ).format(reference=args.reference, count=result.audit_values_cleared)
    )
    return 0

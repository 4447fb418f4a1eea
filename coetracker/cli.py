"""Command line: with no sub-command the window opens; sub-commands run headless.

Sub-commands share the services with the GUI. Exit codes: 0 success, 2 bad usage (argparse),
1 an error the user can act on, printed as one sentence on stderr (never a traceback, never
personal data).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from coetracker import APP_NAME, __version__
from coetracker.domain.messages import Message
from coetracker.domain.model import Assessment, Level
from coetracker.i18n import (
    SUPPORTED_LANGUAGES,
    choose_language,
    install_translator,
    language_from_argv,
    translate,
)
from coetracker.paths import ENV_TODAY, AppPaths, resolve_paths
from coetracker.textwidth import display_width, format_table, wrap_columns

if TYPE_CHECKING:
    from coetracker.services.case_row import CaseRow

Command = Callable[[argparse.Namespace, AppPaths], int]


class CliError(Exception):
    """An error reported as one line on stderr with exit code 1."""


def render(text: Message) -> str:
    """A message in the current language, dates in ISO form."""
    return text.render(translate)


def _date_argument(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli", "not a date in the form YYYY-MM-DD: {value}").format(value=value)
        ) from None


class HelpFormatter(argparse.HelpFormatter):
    """Help that wraps by terminal columns: Japanese characters take two and break anywhere."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_columns(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = wrap_columns(text, max(width - len(indent), 10))
        return "\n".join(indent + line for line in lines)

    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        if prefix is None:
            prefix = translate("argparse", "usage: ")
        text = super()._format_usage(usage, actions, groups, prefix)
        extra = display_width(prefix) - len(prefix)  # argparse indents by len(prefix)
        if extra <= 0:
            return text
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra + line if line.strip() else line for line in rest)])


class ArgumentParser(argparse.ArgumentParser):
    """argparse with :class:`HelpFormatter`; sub-command parsers are made of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


WINDOW_OPTIONS = frozenset(
    {
        "--lang",
        "--db",
        "--data-dir",
        "--new-database",
        "--today",
        "--no-crash-dialog",
        "--self-test",
    }
)
"""The global options (spelt out in full) with which :func:`window_arguments` may answer."""


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options before the sub-command, which are the window's options."""
    parser.add_argument(
        "--lang",
        choices=SUPPORTED_LANGUAGES,
        help=translate(
            "cli",
            "interface language (default: COETRACKER_LANG, else for the window the choice in "
            "Settings, else the system's)",
        ),
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=translate("cli", "database file or URL (default: the one in the data folder)"),
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=translate("cli", "folder for the database, backups, logs and settings"),
    )
    parser.add_argument(
        "--new-database",
        action="store_true",
        help=translate(
            "cli",
            "after a damaged database was set aside: start an empty database in its place "
            "(the damaged file and the backups stay as they are)",
        ),
    )
    parser.add_argument(
        "--today",
        type=_date_argument,
        metavar="YYYY-MM-DD",
        help=translate("cli", "assess cases as of this date (also COETRACKER_TODAY)"),
    )
    parser.add_argument(
        "--no-crash-dialog",
        action="store_true",
        help=translate("cli", "log unexpected errors without showing a dialog"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=translate(
            "cli",
            "check this installation headless on a temporary database, then exit "
            "(0: every step passed)",
        ),
    )


def window_arguments(arguments: Sequence[str]) -> argparse.Namespace | None:
    """The parsed arguments when they only open the window: every one a global option of
    :data:`WINDOW_OPTIONS` written in full, or its value, and parsed without a problem.

    Else None, and :func:`build_parser` parses them as always (a sub-command, help, the version,
    an abbreviation, a value argparse refuses: its messages are unchanged). The window's start
    then neither imports the sub-commands' modules nor builds their parsers.
    """
    for argument in arguments:
        if argument.startswith("-") and argument.split("=", 1)[0] not in WINDOW_OPTIONS:
            return None
    parser = ArgumentParser(
        prog="coetracker", add_help=False, allow_abbrev=False, exit_on_error=False
    )
    _add_global_options(parser)
    try:
        args, rest = parser.parse_known_args(list(arguments))
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command (texts translated at build time)."""
    from coetracker import cli_print
    from coetracker.cli_backup import register_backup
    from coetracker.cli_benchmarks import register_benchmarks
    from coetracker.cli_csv import register as register_csv
    from coetracker.cli_expiries import register as register_expiries
    from coetracker.cli_ledger import register as register_ledger

    parser: argparse.ArgumentParser = ArgumentParser(
        prog="coetracker",
        description=translate(
            "cli",
            "Track Certificate of Eligibility applications. Without a command, the window opens.",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=translate("argparse", "show program's version number and exit"),
    )
    _add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo", help=translate("cli", "fill an empty database with realistic sample cases")
    )
    demo.set_defaults(handler=cmd_demo)

    listing = commands.add_parser(
        "list", help=translate("cli", "print every case, closed ones included")
    )
    listing.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help=translate("cli", "output format (default: table)"),
    )
    listing.set_defaults(handler=cmd_list)

    due = commands.add_parser(
        "due", help=translate("cli", "print active cases, most urgent first, with the reason")
    )
    due.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help=translate("cli", "output format (default: table)"),
    )
    due.add_argument(
        "--reasons",
        action="store_true",
        help=translate("cli", "list every rule evaluated under each case"),
    )
    due.set_defaults(handler=cmd_due)

    check = commands.add_parser(
        "check",
        help=translate("cli", "check the database: integrity, foreign keys, schema revision"),
    )
    check.set_defaults(handler=cmd_check)
    cli_print.register(commands)
    register_csv(commands)
    register_backup(commands)
    register_benchmarks(commands)
    register_expiries(commands)
    register_ledger(commands)
    return parser


def today_of(args: argparse.Namespace) -> dt.date:
    """``--today``, else ``COETRACKER_TODAY``, else the real date."""
    if args.today is not None:
        return args.today  # type: ignore[no-any-return]
    env = os.environ.get(ENV_TODAY)
    if env:
        try:
            return dt.date.fromisoformat(env)
        except ValueError:
            raise CliError(
                translate("cli", "COETRACKER_TODAY is not a date in the form YYYY-MM-DD.")
            ) from None
    return dt.date.today()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    # Before the parser is built: its help texts are translated as they are added.
    install_translator(choose_language(language_from_argv(arguments)))
    args = window_arguments(arguments)
    if args is None:
        args = build_parser().parse_args(arguments)
    if args.self_test:
        from coetracker.selftest import run_self_test

        return run_self_test()
    paths = resolve_paths(data_dir=args.data_dir, db=args.db)
    if args.new_database and not _start_empty_database(paths):
        return 1
    if args.command is None:
        from coetracker.app import run_gui

        return run_gui(args, paths)
    from coetracker.logsetup import configure_logging

    with contextlib.suppress(OSError):  # a folder that cannot be written: run without a log
        configure_logging(paths.log_dir)
    try:
        handler: Command = args.handler
        return handler(args, paths)
    except CliError as error:
        print(f"coetracker: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        text = describe_error(error)
        if text is None:
            raise
        print(f"coetracker: {text}", file=sys.stderr)
        return 1


def _start_empty_database(paths: AppPaths) -> bool:
    """``--new-database``: allow an empty database where a damaged one was set aside."""
    from coetracker.errors import UserFacingError
    from coetracker.services.safe_start import start_empty_database

    try:
        moved = start_empty_database(paths)
    except UserFacingError as error:
        print(f"coetracker: {render(error.message)}", file=sys.stderr)
        return False
    if moved is not None:
        print(
            translate(
                "cli",
                "Starting an empty database at {db}; the damaged file stays at {moved}.",
            ).format(db=paths.db_path, moved=moved),
            file=sys.stderr,
        )
    return True


def describe_error(error: BaseException) -> str | None:
    """One sentence for an error a user can cause, or None for a bug."""
    from coetracker.errors import UserFacingError, classify_sqlite_error

    if isinstance(error, UserFacingError):
        return render(error.message)
    classified = classify_sqlite_error(error)
    return render(classified.message) if classified is not None else None


def cmd_demo(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.services.demo import fill_demo
    from coetracker.services.opening import open_app_database

    db = open_app_database(paths).database
    try:
        count = fill_demo(db, today=today_of(args))
    finally:
        db.dispose()
    print(translate("cli", "Wrote {count} sample cases.").format(count=count))
    return 0


def _rows(args: argparse.Namespace, paths: AppPaths, *, include_closed: bool) -> list[CaseRow]:
    today = today_of(args)
    rows = _quick_rows(paths, today=today, include_closed=include_closed)
    if rows is None:
        rows = _full_rows(paths, today=today, include_closed=include_closed)
    from coetracker.services.caselist import sort_by_urgency

    return sort_by_urgency(rows)


def _quick_rows(paths: AppPaths, *, today: dt.date, include_closed: bool) -> list[CaseRow] | None:
    """The cases read over a plain ``sqlite3`` connection when the file checks allow it (see
    :mod:`coetracker.services.quick_open`; SQLAlchemy and Alembic are never imported then)."""
    from coetracker.services.quick_open import open_for_first_read, plain_case_reader

    reader = plain_case_reader()
    connection = open_for_first_read(paths, check_integrity=True)
    if connection is None:
        return None
    try:
        return reader(connection, today=today, include_closed=include_closed, explain=True)
    except sqlite3.Error:
        return None  # the full opening reports (or recovers from) what went wrong
    finally:
        connection.close()


def _full_rows(paths: AppPaths, *, today: dt.date, include_closed: bool) -> list[CaseRow]:
    """The cases through the full opening: recovery, migration and every check's message."""
    from coetracker.services.caselist import list_cases
    from coetracker.services.opening import open_app_database

    db = open_app_database(paths).database
    try:
        return list_cases(db, today=today, include_closed=include_closed, explain=True)
    finally:
        db.dispose()


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def level_label(level: Level) -> str:
    """The short translated label of a readiness level."""
    from coetracker.domain.levels import level_short_label

    return render(level_short_label(level))


def assessment_label(assessment: Assessment) -> str:
    """The short translated label of an assessment ("COE expired" for an expired certificate)."""
    from coetracker.domain.levels import assessment_short_label

    return render(assessment_short_label(assessment))


def row_object(row: CaseRow) -> dict[str, object]:
    """A case as the JSON object scripts rely on."""
    a = row.assessment
    return {
        "id": row.id,
        "reference": row.reference,
        "client": row.client,
        "applicant": row.applicant_name,
        "name_kanji": row.name_kanji,
        "name_kana": row.name_kana,
        "nationality": row.nationality_code,
        "residence_status": row.status_name,
        "bureau": row.bureau_name,
        "channel": row.channel,
        "stage": row.stage.value,
        "filing_date": row.filing_date.isoformat() if row.filing_date else None,
        "elapsed_days": row.elapsed_days,
        "application_number": row.application_number,
        "archived": row.archived,
        "level": a.level.name,
        "level_label": assessment_label(a),
        "certificate_expired": a.extra.get("certificate_expired") is True,
        "headline": render(a.headline),
        "action": render(a.action),
        "next_check": a.next_check.isoformat() if a.next_check else None,
        "deadline": a.deadline.isoformat() if a.deadline else None,
        "coe_expiry": a.coe_expiry.isoformat() if a.coe_expiry else None,
        "procedure": row.procedure.value,
        "card_expiry": row.card_expiry.isoformat() if row.card_expiry else None,
        "reasons": [
            {"rule": r.rule, "passed": r.passed, "text": render(r.text)} for r in a.reasons
        ],
    }


LIST_COLUMNS = (
    ("reference", lambda r: r.reference or ""),
    ("client", lambda r: r.client),
    ("applicant", lambda r: r.applicant_name),
    ("status", lambda r: r.status_name or ""),
    ("procedure", lambda r: r.procedure.value),
    ("bureau", lambda r: r.bureau_name or ""),
    ("stage", lambda r: r.stage.value),
    ("filed", lambda r: _iso(r.filing_date)),
    ("application number", lambda r: r.application_number or ""),
    ("level", lambda r: r.assessment.level.name),
    ("next check", lambda r: _iso(r.assessment.next_check)),
)
DUE_COLUMNS = (
    ("level", lambda r: r.assessment.level.name),
    ("reference", lambda r: r.reference or ""),
    ("applicant", lambda r: r.applicant_name),
    ("headline", lambda r: render(r.assessment.headline)),
    ("next check", lambda r: _iso(r.assessment.next_check)),
)


def _stage_label(row: CaseRow) -> str:
    from coetracker.domain.labels import stage_label

    return render(stage_label(row.stage))


def _procedure_label(row: CaseRow) -> str:
    from coetracker.domain.labels import procedure_short_label

    return render(procedure_short_label(row.procedure))


_DISPLAY: dict[str, Callable[[CaseRow], str]] = {
    "level": lambda r: assessment_label(r.assessment),
    "stage": _stage_label,
    "procedure": _procedure_label,
}
"""Table cells in words (the CSV and JSON formats keep the machine values)."""


def _column_titles() -> dict[str, str]:
    return {
        "reference": translate("cli", "reference"),
        "client": translate("cli", "client"),
        "applicant": translate("cli", "applicant"),
        "status": translate("cli", "status"),
        "procedure": translate("cli", "procedure"),
        "bureau": translate("cli", "bureau"),
        "stage": translate("cli", "stage"),
        "filed": translate("cli", "filed"),
        "application number": translate("cli", "application number"),
        "level": translate("cli", "level"),
        "next check": translate("cli", "next check"),
        "headline": translate("cli", "headline"),
    }


def _write_rows(
    rows: list[CaseRow],
    columns: Sequence[tuple[str, Callable[[CaseRow], str]]],
    output_format: str,
    out: TextIO,
    *,
    reasons: bool = False,
) -> None:
    if output_format == "json":
        json.dump([row_object(r) for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if output_format == "csv":
        from coetracker.io.csv_columns import ColumnKind, guard_cell

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([key for key, _ in columns])
        for r in rows:  # guarded like `export`: a spreadsheet never runs a cell as a formula
            writer.writerow([guard_cell(getter(r), ColumnKind.TEXT) for _, getter in columns])
        out.write(buffer.getvalue())
        return
    titles = _column_titles()
    headers = [titles[key] for key, _ in columns]
    if not rows:
        out.write(translate("cli", "No cases.") + "\n")
        return
    columns = [(key, _DISPLAY.get(key, getter)) for key, getter in columns]
    if not reasons:
        table = [[terminal_text(g(r)) for _, g in columns] for r in rows]
        out.write(format_table(headers, table) + "\n")
        return
    for r in rows:
        out.write(format_table(headers, [[terminal_text(g(r)) for _, g in columns]]) + "\n")
        for reason in r.assessment.reasons:
            mark = "✓" if reason.passed else "✗"
            out.write(f"    {mark} {terminal_text(render(reason.text))}\n")
        out.write(f"    → {terminal_text(render(r.assessment.action))}\n\n")


_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (ESC, BEL, …, tab and newline too: they break the table) and the bidi
controls that reorder what a terminal shows."""


def terminal_text(value: str) -> str:
    """``value`` with control and bidi characters shown escaped (``\\x1b``, ``\\u202e``)."""

    def escaped(match: re.Match[str]) -> str:
        code = ord(match[0])
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    return _TERMINAL_UNSAFE.sub(escaped, value)


def cmd_list(args: argparse.Namespace, paths: AppPaths) -> int:
    rows = _rows(args, paths, include_closed=True)
    _write_rows(rows, LIST_COLUMNS, args.format, sys.stdout)
    return 0


def cmd_due(args: argparse.Namespace, paths: AppPaths) -> int:
    rows = [
        r for r in _rows(args, paths, include_closed=False) if r.assessment.level != Level.CLOSED
    ]
    _write_rows(rows, DUE_COLUMNS, args.format, sys.stdout, reasons=args.reasons)
    return 0


def cmd_check(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.services.opening import check_database

    report = check_database(paths)
    for line in report.lines:
        print(render(line))
    return 0 if report.ok else 1

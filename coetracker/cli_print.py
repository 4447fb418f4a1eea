"""The ``print`` sub-command: case summaries, call sheets and the case list as A4 PDF files.

::

    coetracker print REF --summary    --pdf OUT.pdf [--show-passport] [--date-style era]
    coetracker print REF --call-sheet --pdf OUT.pdf [--show-passport] [--date-style era]
    coetracker print --list --pdf OUT.pdf [--all] [--date-style era]

``REF`` is a case's reference (受託番号) or application number (申請番号). The list holds the
active cases, most urgent first, as ``coetracker due`` shows them (``--all``: every case).
Runs headless: Qt's offscreen platform is used when there is no display.

Exit codes as for every sub-command: 0 written, 1 a problem the user can act on (no such case,
the PDF cannot be written) as one line on stderr, 2 bad usage.

``coetracker.cli`` imports this module to call :func:`register`; this module imports
``coetracker.cli`` only inside the handler, so there is no import cycle.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from coetracker.domain.jpdates import DateStyle, format_date
from coetracker.domain.messages import DateFormatter
from coetracker.domain.model import Level
from coetracker.i18n import translate
from coetracker.paths import AppPaths

__all__ = ["cmd_print", "register"]

SUMMARY = "summary"
CALL_SHEET = "call_sheet"
LIST = "list"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``print`` sub-command to the CLI's sub-parsers."""
    parser = commands.add_parser(
        "print",
        help=translate("cli", "write a case summary, a call sheet or the case list as a PDF"),
        description=translate(
            "cli",
            "Write an A4 PDF: a case's summary or call sheet (REF is its reference or "
            "application number), or the list of active cases.",
        ),
    )
    parser.add_argument(
        "reference",
        nargs="?",
        metavar="REF",
        help=translate("cli", "the case's reference (受託番号) or application number (申請番号)"),
    )
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument(
        "--summary",
        dest="kind",
        action="store_const",
        const=SUMMARY,
        help=translate("cli", "the case summary: facts, readiness, requests, inquiries"),
    )
    kind.add_argument(
        "--call-sheet",
        dest="kind",
        action="store_const",
        const=CALL_SHEET,
        help=translate("cli", "the call sheet for phoning the bureau about the case"),
    )
    kind.add_argument(
        "--list",
        dest="kind",
        action="store_const",
        const=LIST,
        help=translate("cli", "the active cases, most urgent first (landscape)"),
    )
    parser.add_argument(
        "--pdf",
        required=True,
        type=Path,
        metavar="OUT.pdf",
        help=translate("cli", "the PDF file to write (replaced if it exists)"),
    )
    parser.add_argument(
        "--show-passport",
        action="store_true",
        help=translate("cli", "print the passport number in full (masked by default)"),
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help=translate("cli", "with --list: closed and archived cases too"),
    )
    parser.add_argument(
        "--date-style",
        choices=[style.value for style in DateStyle],
        default=DateStyle.ISO.value,
        help=translate("cli", "how dates are printed (default: iso; era: 令和8年11月27日)"),
    )
    parser.set_defaults(handler=cmd_print, print_usage_error=parser.error)


def _check_usage(args: argparse.Namespace) -> None:
    """Combinations argparse cannot express; each ends the process with exit code 2."""
    error = args.print_usage_error
    if args.kind == LIST:
        if args.reference is not None:
            error(translate("cli", "--list prints the case list: leave out REF"))
        if args.show_passport:
            error(translate("cli", "--show-passport applies to --summary and --call-sheet"))
    else:
        if args.reference is None or not args.reference.strip():
            error(translate("cli", "REF is required with --summary and --call-sheet"))
        if args.all:
            error(translate("cli", "--all applies to --list only"))


def _date_formatter(style: DateStyle) -> DateFormatter:
    def formatted(value: dt.date, /) -> str:
        return format_date(value, style)

    return formatted


def cmd_print(args: argparse.Namespace, paths: AppPaths) -> int:
    """Write the PDF the arguments ask for; print one line naming it."""
    _check_usage(args)
    # Imported here: coetracker.cli imports this module, and Qt loads only when printing.
    from coetracker.cli import CliError, today_of
    from coetracker.printing.documents import (
        call_sheet_for,
        case_list_for,
        case_summary_for,
    )
    from coetracker.printing.pdf import write_pdf
    from coetracker.services.caselist import list_cases, sort_by_urgency
    from coetracker.services.cases import find_case_id
    from coetracker.services.opening import open_app_database
    from coetracker.services.print_documents import case_for_print, office_of

    today = today_of(args)
    dates = _date_formatter(DateStyle(args.date_style))
    db = open_app_database(paths).database
    try:
        if args.kind == LIST:
            rows = sort_by_urgency(list_cases(db, today=today, include_closed=args.all))
            if not args.all:
                rows = [row for row in rows if row.assessment.level != Level.CLOSED]
            document = case_list_for(rows, office_of(db), format_date=dates)
        else:
            case_id = find_case_id(db, args.reference)
            if case_id is None:
                raise CliError(
                    translate(
                        "cli", "No case has the reference or application number {ref}."
                    ).format(ref=args.reference.strip())
                )
            build = case_summary_for if args.kind == SUMMARY else call_sheet_for
            document = build(
                case_for_print(db, case_id, today=today),
                format_date=dates,
                show_passport=args.show_passport,
            )
    finally:
        db.dispose()
    pages = write_pdf(document, args.pdf)
    if pages == 1:
        text = translate("cli", "Wrote {path} (1 page).")
    else:
        text = translate("cli", "Wrote {path} ({pages} pages).")
    print(text.format(path=args.pdf, pages=pages))
    return 0

"""The ``ledger``, ``invoice`` and ``receipt`` sub-commands: the office's books, headless.

::

    coetracker ledger --year 2026 --pdf OUT.pdf | --csv OUT.csv | --xlsx OUT.xlsx [--date-style era]
    coetracker ledger close-year 2026 [--date YYYY-MM-DD]
    coetracker invoice REF --pdf OUT.pdf [--date YYYY-MM-DD]
    coetracker receipt REF --pdf OUT.pdf [--amount YEN] [--date YYYY-MM-DD]

``REF`` is a case's reference (受託番号) or application number. An invoice or a receipt is
numbered and recorded when it is written. ``close-year`` closes a ledger year as File › Ledger…
does (on today's date unless ``--date``; refused before the year has ended or when already
closed) and says until when its cases must be kept. Exit codes: 0 written, 1 a problem the user
can act on (one line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from coetracker.domain.jpdates import DateStyle, format_date
from coetracker.domain.messages import DateFormatter
from coetracker.i18n import translate
from coetracker.paths import AppPaths

__all__ = ["register"]

ACTOR = "cli"


def _dates(style: str) -> DateFormatter:
    def formatted(value: dt.date, /) -> str:
        return format_date(value, DateStyle(style))

    return formatted


def _date_style(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date-style",
        choices=[style.value for style in DateStyle],
        default=DateStyle.ISO.value,
        help=translate("cli", "how dates are printed (default: iso; era: 令和8年11月27日)"),
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``ledger``, ``invoice`` and ``receipt`` sub-commands."""
    ledger = commands.add_parser(
        "ledger",
        help=translate("cli", "write a year's matter ledger (事件簿) as a PDF, CSV or workbook"),
    )
    ledger.add_argument("--year", type=int, help=translate("cli", "ledger year"))
    out = ledger.add_mutually_exclusive_group()
    out.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=translate("cli", "PDF to write"))
    out.add_argument("--csv", type=Path, metavar="OUT.csv", help=translate("cli", "CSV to write"))
    out.add_argument(
        "--xlsx", type=Path, metavar="OUT.xlsx", help=translate("cli", "Excel workbook to write")
    )
    _date_style(ledger)
    ledger.set_defaults(handler=cmd_ledger, ledger_parser=ledger)
    actions = ledger.add_subparsers(dest="ledger_action", metavar="close-year")
    close = actions.add_parser(
        "close-year",
        help=translate("cli", "close a ledger year (帳簿閉鎖): its entries become read-only"),
    )
    close.add_argument("close_year", type=int, metavar="YEAR", help=translate("cli", "ledger year"))
    close.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help=translate("cli", "date of closing (default: today)"),
    )
    close.set_defaults(handler=cmd_close_year)

    for name, text in (
        ("invoice", translate("cli", "issue an invoice (請求書) for a case as a PDF")),
        ("receipt", translate("cli", "issue a receipt (領収証) for a case as a PDF")),
    ):
        parser = commands.add_parser(name, help=text)
        parser.add_argument(
            "reference",
            metavar="REF",
            help=translate(
                "cli", "the case's reference (受託番号) or application number (申請番号)"
            ),
        )
        parser.add_argument(
            "--pdf",
            type=Path,
            required=True,
            metavar="OUT.pdf",
            help=translate("cli", "PDF to write"),
        )
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help=translate("cli", "date of issue (default: today)"),
        )
        if name == "receipt":
            parser.add_argument(
                "--amount",
                type=int,
                metavar="YEN",
                help=translate("cli", "amount received (default: all payments recorded)"),
            )
        _date_style(parser)
        parser.set_defaults(handler=cmd_document, document=name)


def _report(path: Path, pages: int) -> None:
    if pages == 1:
        text = translate("cli", "Wrote {path} (1 page).")
    else:
        text = translate("cli", "Wrote {path} ({pages} pages).")
    print(text.format(path=path, pages=pages))


def cmd_close_year(args: argparse.Namespace, paths: AppPaths) -> int:
    """Close ledger ``YEAR`` (the window's rules: after the year's end, once)."""
    from coetracker.cli import today_of
    from coetracker.services.ledger import close_year
    from coetracker.services.opening import open_app_database

    closed_on = args.date or today_of(args)
    db = open_app_database(paths).database
    try:
        keep_until = close_year(db, args.close_year, closed_on=closed_on, actor=ACTOR)
    finally:
        db.dispose()
    print(
        translate(
            "cli",
            "Closed the {year} ledger on {date}: its entries are read-only and its cases must "
            "be kept until {until}.",
        ).format(year=args.close_year, date=closed_on.isoformat(), until=keep_until.isoformat())
    )
    return 0


def cmd_ledger(args: argparse.Namespace, paths: AppPaths) -> int:
    """Write the ledger of ``--year``."""
    from coetracker.services.ledger_book import ledger_book
    from coetracker.services.opening import open_app_database

    if args.year is None or (args.pdf is None and args.csv is None and args.xlsx is None):
        args.ledger_parser.error(
            translate(
                "cli", "give --year and one of --pdf, --csv or --xlsx, or the close-year command"
            )
        )

    db = open_app_database(paths).database
    try:
        if args.csv is not None or args.xlsx is not None:
            book = ledger_book(db, args.year)
            if args.csv is not None:
                from coetracker.io.ledger_csv import write_ledger_csv

                target, count = args.csv, write_ledger_csv(book, args.csv)
            else:
                from coetracker.io.ledger_xlsx import write_ledger_xlsx

                target = args.xlsx
                count = write_ledger_xlsx(book, args.xlsx, date_style=DateStyle(args.date_style))
            print(
                translate("cli", "Wrote {count} matters to {path}.").format(
                    count=count, path=target
                )
            )
            return 0
        from coetracker.printing.ledger_documents import ledger_for

        document = ledger_for(db, args.year, format_date=_dates(args.date_style))
    finally:
        db.dispose()
    from coetracker.printing.pdf import write_pdf

    _report(args.pdf, write_pdf(document, args.pdf))
    return 0


def cmd_document(args: argparse.Namespace, paths: AppPaths) -> int:
    """Issue an invoice or a receipt for the case ``REF``."""
    from coetracker.cli import CliError, today_of
    from coetracker.printing.ledger_documents import invoice_for, receipt_for
    from coetracker.printing.pdf import write_pdf
    from coetracker.services.cases import find_case_id
    from coetracker.services.opening import open_app_database

    issued_on = args.date or today_of(args)
    db = open_app_database(paths).database
    try:
        case_id = find_case_id(db, args.reference)
        if case_id is None:
            raise CliError(
                translate("cli", "No case has the reference or application number {ref}.").format(
                    ref=args.reference.strip()
                )
            )
        dates = _dates(args.date_style)
        if args.document == "invoice":
            document = invoice_for(db, case_id, issued_on=issued_on, actor=ACTOR, format_date=dates)
        else:
            document = receipt_for(
                db, case_id, issued_on=issued_on, amount=args.amount, actor=ACTOR, format_date=dates
            )
    finally:
        db.dispose()
    _report(args.pdf, write_pdf(document, args.pdf))
    return 0

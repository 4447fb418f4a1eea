"""The ``expiries`` sub-command: residence cards expiring soon, per client, earliest first.

::

    coetracker expiries [--client NAME] [--until YYYY-MM-DD] [--csv OUT.csv] [--pdf OUT.pdf]

Without ``--until`` the list holds the cards whose renewal window has opened (expired ones
included). Without ``--csv`` or ``--pdf`` it prints a table. Card numbers are masked.
``coetracker.cli`` imports this module to call :func:`register`; the handler imports the CLI
helpers itself, so there is no import cycle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from coetracker.i18n import translate
from coetracker.paths import AppPaths

__all__ = ["cmd_expiries", "register"]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli", "not a date in the form YYYY-MM-DD: {value}").format(value=value)
        ) from None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``expiries`` sub-command to the CLI's sub-parsers."""
    parser = commands.add_parser(
        "expiries",
        help=translate("cli", "list residence cards expiring soon, per client, earliest first"),
    )
    parser.add_argument(
        "--client", metavar="NAME", help=translate("cli", "only this client's people")
    )
    parser.add_argument(
        "--until",
        type=_date,
        metavar="YYYY-MM-DD",
        help=translate(
            "cli", "cards expiring on or before this date (default: renewal window open)"
        ),
    )
    parser.add_argument(
        "--csv", type=Path, metavar="OUT.csv", help=translate("cli", "write a CSV file")
    )
    parser.add_argument(
        "--pdf", type=Path, metavar="OUT.pdf", help=translate("cli", "write a printable PDF")
    )
    parser.set_defaults(handler=cmd_expiries)


def cmd_expiries(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print, or write as CSV/PDF, the expiry list the arguments ask for."""
    from coetracker.cli import CliError, today_of
    from coetracker.services.cards import (
        find_client_id,
        mask_card_number,
        renewal_state,
        renewal_window_opens_until,
        upcoming_expiries,
    )
    from coetracker.services.opening import open_app_database
    from coetracker.services.settings import load_policy
    from coetracker.textwidth import format_table

    today = today_of(args)
    db = open_app_database(paths).database
    try:
        client_id = None
        if args.client:
            client_id = find_client_id(db, args.client)
            if client_id is None:
                raise CliError(
                    translate("cli", "No single client is named {name}.").format(name=args.client)
                )
        with db.read_session() as session:
            policy = load_policy(session)
        until = args.until or renewal_window_opens_until(today, policy)
        rows = upcoming_expiries(
            db, today=today, until=until, organization_id=client_id, policy=policy
        )
        client_name = rows[0].client if rows and client_id is not None else args.client
        if args.pdf is not None:
            from coetracker.printing.expiry_list import expiry_list
            from coetracker.printing.pdf import write_pdf
            from coetracker.services.print_documents import office_of

            document = expiry_list(
                rows,
                office_of(db),
                today=today,
                printed_at=dt.datetime.now(),
                client=client_name,
                until=until,
            )
            pages = write_pdf(document, args.pdf)
            if pages == 1:
                text = translate("cli", "Wrote {path} (1 page).")
            else:
                text = translate("cli", "Wrote {path} ({pages} pages).")
            print(text.format(path=args.pdf, pages=pages))
    finally:
        db.dispose()
    if args.csv is not None:
        from coetracker.services.expiry_export import write_expiry_csv

        count = write_expiry_csv(rows, args.csv, today=today, translate=translate)
        print(translate("cli", "Wrote {count} rows to {path}.").format(count=count, path=args.csv))
    if args.csv is None and args.pdf is None:
        if not rows:
            print(translate("cli", "No residence card expires in this period."))
            return 0
        headers = [
            translate("cli", "expiry"),
            translate("cli", "days"),
            translate("cli", "client"),
            translate("cli", "applicant"),
            translate("cli", "status"),
            translate("cli", "card"),
            translate("cli", "renewal"),
        ]
        table = [
            [
                row.expiry_date.isoformat(),
                str(row.days_left(today)),
                row.client,
                row.applicant_name,
                row.status_name or "",
                mask_card_number(row.card_number),
                renewal_state(row, today).render(translate),
            ]
            for row in rows
        ]
        sys.stdout.write(format_table(headers, table) + "\n")
    return 0

"""``coetracker benchmarks list [--format json]`` and ``coetracker benchmarks import FILE``:
the published processing times (在留審査処理期間) the readiness rules use."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coetracker.i18n import translate
from coetracker.paths import AppPaths
from coetracker.textwidth import format_table

__all__ = ["register_benchmarks"]


def register_benchmarks(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``benchmarks`` command with its ``list`` and ``import`` actions."""
    parser = commands.add_parser(
        "benchmarks",
        help=translate("Benchmarks", "list or import published processing times"),
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser(
        "list", help=translate("Benchmarks", "print every figure, newest month first")
    )
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=cmd_benchmarks_list)
    importing = actions.add_parser(
        "import",
        help=translate(
            "Benchmarks",
            "add figures from a CSV (在留資格, 申請種別, 対象月, 平均処理日数); a month already"
            " present is replaced",
        ),
    )
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.set_defaults(handler=cmd_benchmarks_import)


def cmd_benchmarks_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.cli import render
    from coetracker.domain.periods import period_label
    from coetracker.services.opening import open_app_database
    from coetracker.services.reference import list_benchmarks

    db = open_app_database(paths).database
    try:
        records = list_benchmarks(db)
    finally:
        db.dispose()
    if args.format == "json":
        json.dump(
            [
                {
                    "status": r.status_name,
                    "procedure": r.procedure,
                    "month": r.period,
                    "average_days": r.average_days,
                    "source": r.source,
                }
                for r in records
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return 0
    headers = [
        translate("Benchmarks", "Month"),
        translate("Benchmarks", "Status of residence"),
        translate("Benchmarks", "Procedure"),
        translate("Benchmarks", "Average days"),
    ]
    rows = [
        [render(period_label(r.period)), r.status_name, r.procedure, f"{r.average_days:.1f}"]
        for r in records
    ]
    print(format_table(headers, rows))
    return 0


def cmd_benchmarks_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from coetracker.cli import CliError, render
    from coetracker.services.benchmark_import import (
        BenchmarkImportError,
        import_benchmarks,
        read_benchmark_csv,
    )
    from coetracker.services.opening import open_app_database

    try:
        lines = read_benchmark_csv(args.file)
    except OSError as error:
        raise CliError(
            translate("Benchmarks", "Cannot read {path}: {reason}").format(
                path=args.file, reason=error.strerror or error
            )
        ) from None
    except BenchmarkImportError as error:
        raise CliError(
            render(error.text) + translate("Benchmarks", " Nothing was imported.")
        ) from None
    db = open_app_database(paths).database
    try:
        added, replaced = import_benchmarks(db, lines, actor=None)
    except BenchmarkImportError as error:
        raise CliError(
            render(error.text) + translate("Benchmarks", " Nothing was imported.")
        ) from None
    finally:
        db.dispose()
    print(
        translate("Benchmarks", "{added} figures added, {replaced} replaced.").format(
            added=added, replaced=replaced
        )
    )
    return 0

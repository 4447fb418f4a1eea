"""Arguments that only open the window are parsed without the sub-commands' parsers, to the same
result; anything else (a sub-command, help, the version, an abbreviation, a refused value) is left
to the full parser, whose messages stay as they were."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from coetracker import cli

WINDOW_ONLY = [
    [],
    ["--db", "/tmp/office.sqlite3"],
    ["--db=/tmp/office.sqlite3", "--data-dir", "/tmp/data", "--no-crash-dialog"],
    ["--lang", "ja", "--today", "2026-04-01", "--new-database"],
    ["--lang=en", "--self-test"],
    ["--db", "list"],  # a database file named like a command is still a file
]


@pytest.mark.parametrize("arguments", WINDOW_ONLY)
def test_window_arguments_parse_as_the_full_parser_parses_them(arguments: list[str]) -> None:
    fast = cli.window_arguments(arguments)
    assert fast is not None
    assert vars(fast) == vars(cli.build_parser().parse_args(arguments))
    assert fast.command is None


@pytest.mark.parametrize(
    "arguments",
    [
        ["due"],
        ["--db", "x.sqlite3", "list", "--format", "json"],
        ["-h"],
        ["--help"],
        ["--version"],
        ["--da", "/tmp/data"],  # an abbreviation: the full parser decides
        ["--today", "2026-13-45"],
        ["--lang", "fr"],
        ["--db"],
        ["--frobnicate"],
        ["lst"],
        ["--db", "-"],
    ],
)
def test_anything_else_is_left_to_the_full_parser(arguments: list[str]) -> None:
    assert cli.window_arguments(arguments) is None


def test_the_window_options_are_the_global_options() -> None:
    parser = cli.build_parser()
    global_options = {
        option
        for action in parser._actions  # argparse keeps no public list
        for option in action.option_strings
    }
    assert global_options - {"-h", "--help", "--version"} == cli.WINDOW_OPTIONS


def test_a_refused_value_still_gets_the_full_parsers_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["--today", "2026-13-45"])
    assert raised.value.code == 2
    error = capsys.readouterr().err
    assert "COMMAND" in error  # the full parser's usage line
    assert "2026-13-45" in error


def test_the_window_arguments_import_no_sub_command_module() -> None:
    probe = (
        "import sys; from coetracker import cli; "
        "args = cli.window_arguments(sys.argv[1:]); "
        "print(args.today, sorted(n for n in sys.modules if n.startswith('coetracker.cli_')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "--db", "x.sqlite3", "--today", "2026-04-01"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=dict(os.environ, COETRACKER_LANG="en"),
    )
    assert result.stdout.split() == [str(dt.date(2026, 4, 1)), "[]"]

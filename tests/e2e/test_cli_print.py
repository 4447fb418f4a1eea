"""``coetracker print`` as a user runs it: a real process, a real database, PDFs read back.

The sub-command is registered by ``coetracker.cli`` calling :func:`coetracker.cli_print.register`.
The processes here run ``coetracker.cli.main`` through a small launcher that registers it when the
CLI does not (yet), so these tests exercise the real ``main`` (paths, ``--today``, error
handling); ``test_print_is_a_cli_command`` checks the plain ``python -m coetracker`` route.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coetracker.services.cases import find_case_id, get_case
from coetracker.storage.engine import open_database

TODAY = "2026-11-27"

LAUNCHER = """
import argparse, sys
import coetracker.cli as cli
from coetracker import cli_print

build = cli.build_parser

def build_parser():
    parser = build()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and "print" not in action.choices:
            cli_print.register(action)
    return parser

cli.build_parser = build_parser
sys.exit(cli.main(sys.argv[1:]))
"""


def headless_environment(**extra: str) -> dict[str, str]:
    """No display and no platform chosen: printing must pick offscreen by itself."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    environment.update(extra)
    return environment


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LAUNCHER, *args],
        capture_output=True,
        text=True,
        env=headless_environment(),
        timeout=120,
        check=False,
    )


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print") / "demo.sqlite3"
    result = run_cli("--db", str(path), "--today", TODAY, "demo")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def cases(demo_db: Path) -> list[dict[str, object]]:
    result = run_cli("--db", str(demo_db), "--today", TODAY, "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    loaded: list[dict[str, object]] = json.loads(result.stdout)
    return loaded


def _filed_with_kanji(cases: list[dict[str, object]]) -> dict[str, object]:
    return next(c for c in cases if c["application_number"] and c["name_kanji"])


def test_call_sheet_pdf(demo_db: Path, cases: list[dict[str, object]], tmp_path: Path) -> None:
    case = _filed_with_kanji(cases)
    out = tmp_path / "call.pdf"
    result = run_cli(
        "--db", str(demo_db), "--today", TODAY,
        "print", str(case["reference"]), "--call-sheet", "--pdf", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out} (1 page)."
    text = pdf_text(out)
    assert str(case["application_number"]) in text
    assert str(case["applicant"]) in text
    assert str(case["name_kanji"]) in text
    assert "Call sheet" in text and "Who answered" in text


def test_summary_by_application_number_with_passport(
    demo_db: Path, cases: list[dict[str, object]], tmp_path: Path
) -> None:
    case = _filed_with_kanji(cases)
    number = str(case["application_number"])
    database, _ = open_database(f"sqlite:///{demo_db}")
    try:
        case_id = find_case_id(database, number)
        assert case_id is not None
        passport = get_case(
            database, case_id, today=dt.date.fromisoformat(TODAY)
        ).applicant.passport_number
    finally:
        database.dispose()
    assert passport

    masked, shown = tmp_path / "masked.pdf", tmp_path / "shown.pdf"
    for out, extra in ((masked, []), (shown, ["--show-passport"])):
        result = run_cli(
            "--db", str(demo_db), "--today", TODAY,
            "print", number, "--summary", "--pdf", str(out), *extra,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    masked_text, shown_text = pdf_text(masked), pdf_text(shown)
    assert number in masked_text
    assert str(case["headline"]) in masked_text
    assert passport not in masked_text
    assert passport[-2:] in masked_text
    assert passport in shown_text


def test_list_pdf_holds_every_active_case(
    demo_db: Path, cases: list[dict[str, object]], tmp_path: Path
) -> None:
    due = run_cli("--db", str(demo_db), "--today", TODAY, "due", "--format", "json")
    active = json.loads(due.stdout)
    out = tmp_path / "list.pdf"
    result = run_cli("--db", str(demo_db), "--today", TODAY, "print", "--list", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert f"{len(active)} cases" in text
    assert all(str(c["reference"]) in text for c in active)
    closed = [c for c in cases if c["level"] == "CLOSED"]
    assert closed and not any(str(c["reference"]) in text for c in closed)

    everything = tmp_path / "all.pdf"
    result = run_cli(
        "--db", str(demo_db), "--today", TODAY,
        "print", "--list", "--all", "--pdf", str(everything),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    all_text = pdf_text(everything)
    assert f"{len(cases)} cases" in all_text
    assert all(str(c["reference"]) in all_text for c in cases)


def test_era_dates(demo_db: Path, cases: list[dict[str, object]], tmp_path: Path) -> None:
    case = _filed_with_kanji(cases)
    out = tmp_path / "era.pdf"
    result = run_cli(
        "--db", str(demo_db), "--today", TODAY, "print", str(case["reference"]),
        "--call-sheet", "--date-style", "era", "--pdf", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "令和8年" in pdf_text(out)


def test_unknown_case_is_one_line_and_exit_1(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    result = run_cli("--db", str(demo_db), "print", "99-9999", "--summary", "--pdf", str(out))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "coetracker: No case has the reference or application number 99-9999."
    ]
    assert not out.exists()


def test_unwritable_pdf_is_one_line_and_exit_1(
    demo_db: Path, cases: list[dict[str, object]], tmp_path: Path
) -> None:
    out = tmp_path / "no-such-folder" / "x.pdf"
    result = run_cli(
        "--db", str(demo_db), "print", str(cases[0]["reference"]), "--summary", "--pdf", str(out)
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"coetracker: Could not write the PDF {out}")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--summary", "--pdf", "x.pdf"],  # no REF
        ["26-0001", "--list", "--pdf", "x.pdf"],  # REF with --list
        ["26-0001", "--summary"],  # no --pdf
        ["26-0001", "--summary", "--call-sheet", "--pdf", "x.pdf"],  # two kinds
        ["26-0001", "--pdf", "x.pdf"],  # no kind
        ["--list", "--show-passport", "--pdf", "x.pdf"],
        ["26-0001", "--summary", "--all", "--pdf", "x.pdf"],
    ],
)
def test_bad_usage_exits_2(demo_db: Path, tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", LAUNCHER, "--db", str(demo_db), "print", *args],
        capture_output=True,
        text=True,
        env=headless_environment(),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "usage:" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_print_is_a_cli_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coetracker", "print", "--help"],
        capture_output=True,
        text=True,
        env=headless_environment(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--call-sheet" in result.stdout

"""``coetracker print`` as a user runs it: a real database, PDFs read back.

The commands run ``coetracker.cli.main`` in this process (paths, ``--today``, error handling);
``test_print_is_a_cli_command`` runs ``python -m coetracker`` as a process without a display,
where printing has to choose the offscreen platform itself.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from coetracker.services.cases import find_case_id, get_case
from coetracker.storage.engine import open_database
from tests.helpers.cli import CliResult, run_cli, run_cli_subprocess

TODAY = "2026-11-27"

HEADLESS: dict[str, str | None] = {
    "DISPLAY": None,
    "WAYLAND_DISPLAY": None,
    "QT_QPA_PLATFORM": None,
}
"""No display and no platform chosen: printing must pick offscreen by itself."""


def run_headless(*args: str) -> CliResult:
    return run_cli(*args, env=HEADLESS)


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, copy_demo: Callable[[Path], Path]) -> Path:
    return copy_demo(tmp_path_factory.mktemp("print") / "demo.sqlite3")


@pytest.fixture(scope="module")
def cases(demo_db: Path) -> list[dict[str, object]]:
    result = run_headless("--db", str(demo_db), "--today", TODAY, "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    loaded: list[dict[str, object]] = json.loads(result.stdout)
    return loaded


def _filed_with_kanji(cases: list[dict[str, object]]) -> dict[str, object]:
    return next(c for c in cases if c["application_number"] and c["name_kanji"])


def test_call_sheet_pdf(demo_db: Path, cases: list[dict[str, object]], tmp_path: Path) -> None:
    case = _filed_with_kanji(cases)
    out = tmp_path / "call.pdf"
    result = run_headless(
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
        result = run_headless(
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
    due = run_headless("--db", str(demo_db), "--today", TODAY, "due", "--format", "json")
    active = json.loads(due.stdout)
    out = tmp_path / "list.pdf"
    result = run_headless(
        "--db", str(demo_db), "--today", TODAY, "print", "--list", "--pdf", str(out)
    )
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert f"{len(active)} cases" in text
    assert all(str(c["reference"]) in text for c in active)
    closed = [c for c in cases if c["level"] == "CLOSED"]
    assert closed and not any(str(c["reference"]) in text for c in closed)

    everything = tmp_path / "all.pdf"
    result = run_headless(
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
    result = run_headless(
        "--db", str(demo_db), "--today", TODAY, "print", str(case["reference"]),
        "--call-sheet", "--date-style", "era", "--pdf", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "令和8年" in pdf_text(out)


def test_unknown_case_is_one_line_and_exit_1(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    result = run_headless("--db", str(demo_db), "print", "99-9999", "--summary", "--pdf", str(out))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "coetracker: No case has the reference or application number 99-9999."
    ]
    assert not out.exists()


def test_unwritable_pdf_is_one_line_and_exit_1(
    demo_db: Path, cases: list[dict[str, object]], tmp_path: Path
) -> None:
    out = tmp_path / "no-such-folder" / "x.pdf"
    result = run_headless(
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
def test_bad_usage_exits_2(
    demo_db: Path, tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_headless("--db", str(demo_db), "print", *args)
    assert result.returncode == 2, result.stderr
    assert "usage:" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.e2e
def test_print_is_a_cli_command(demo_db: Path, tmp_path: Path) -> None:
    """A real process with no display: the PDF is written on the offscreen platform."""
    result = run_cli_subprocess("print", "--help", env=HEADLESS)
    assert result.returncode == 0, result.stderr
    assert "--call-sheet" in result.stdout
    out = tmp_path / "list.pdf"
    printed = run_cli_subprocess(
        "--db", demo_db, "--today", TODAY, "print", "--list", "--pdf", out, env=HEADLESS
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip().startswith(f"Wrote {out}")
    assert "cases" in pdf_text(out)

"""The command line in Japanese: under a ja_JP locale, with COETRACKER_LANG, or --lang.

``scripts/build_translations.py`` compiles the committed ``.ts`` first (into the gitignored
``.qm`` beside it, where a source checkout looks), so the test never depends on ``make``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import CliResult, run_cli, without_locale

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-27"


@pytest.fixture(scope="module", autouse=True)
def compiled_translations() -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py")], check=True)
    assert (ROOT / "resources" / "translations" / "coetracker_ja.qm").exists()


def run_localised(*args: str, **env: str) -> CliResult:
    """The command line with no language variable but those given, 100 columns wide."""
    return run_cli(*args, env=without_locale(COLUMNS="100", **env))


JA = {"LANG": "ja_JP.UTF-8"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-ja") / "demo.sqlite3"
    result = run_localised("--db", str(path), "--today", TODAY, "demo", **JA)
    assert result.returncode == 0, result.stderr
    assert "サンプル案件を44件作成しました。" in result.stdout
    return path


def test_help_is_japanese_under_a_japanese_locale() -> None:
    result = run_localised("--help", **JA)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("使い方: coetracker")
    assert "在留資格認定証明書交付申請の進捗を管理します。" in out
    assert "位置引数:" in out and "オプション:" in out
    assert "このヘルプを表示して終了する" in out
    assert "空のデータベースに実例に近いサンプル案件を入れる" in out
    for english in ("usage:", "options:", "show this help", "database file", "Track "):
        assert english not in out


def test_help_lines_fit_the_terminal_in_display_columns() -> None:
    from coetracker.textwidth import display_width

    result = run_localised("--help", **JA)
    widths = [display_width(line) for line in result.stdout.splitlines()]
    assert max(widths) <= 100, max(widths)


@pytest.mark.parametrize("command", ["list", "due", "print", "export", "import", "backup"])
def test_every_command_helps_in_japanese(command: str) -> None:
    result = run_localised(command, "--help", **JA)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"使い方: coetracker {command}")
    assert "このヘルプを表示して終了する" in result.stdout


def test_usage_errors_are_japanese() -> None:
    result = run_localised("list", "--format", "yaml", **JA)
    assert result.returncode == 2
    assert "使い方: coetracker list" in result.stderr
    assert "エラー: 引数 --format: 無効な選択です: 'yaml'" in result.stderr


def test_environment_and_option_choose_the_language() -> None:
    via_env = run_localised("--help", LANG="C.UTF-8", COETRACKER_LANG="ja")
    assert via_env.stdout.startswith("使い方:")
    english = run_localised("--lang", "en", "--help", **JA)
    assert english.stdout.startswith("usage: coetracker")
    assert "Track Certificate of Eligibility applications." in english.stdout
    assert run_localised("--lang=ja", "--help").stdout.startswith("使い方:")
    assert run_localised("--help").stdout.startswith("usage:")  # no locale: English


def test_due_and_check_speak_japanese(demo_db: Path) -> None:
    due = run_localised("--db", str(demo_db), "--today", TODAY, "due", "--reasons", **JA)
    assert due.returncode == 0, due.stderr
    assert "状況" in due.stdout and "受託番号" in due.stdout and "次回問合せ日" in due.stdout
    assert "資料期限超過" in due.stdout and "問合せ可" in due.stdout
    assert "DOCS_OVERDUE" not in due.stdout and "READY" not in due.stdout
    assert "申請日2026-" in due.stdout  # a reason, dates in ISO on the command line
    machine = run_localised("--db", str(demo_db), "--today", TODAY, "due", "--format", "csv", **JA)
    assert machine.stdout.splitlines()[0] == "level,reference,applicant,headline,next check"
    assert "READY" in machine.stdout  # machine values stay the same in every language
    check = run_localised("--db", str(demo_db), "check", **JA)
    assert check.returncode == 0
    assert "整合性：正常" in check.stdout and "外部キー：違反0件" in check.stdout


def test_errors_are_one_japanese_sentence(demo_db: Path) -> None:
    again = run_localised("--db", str(demo_db), "demo", **JA)
    assert again.returncode == 1
    assert "サンプルデータは空のデータベースにのみ作成できます。" in again.stderr
    missing = run_localised(
        "--db", str(demo_db), "print", "nope", "--call-sheet", "--pdf", "/tmp/x.pdf", **JA
    )
    assert missing.returncode == 1
    assert "受託番号または申請番号が nope の案件はありません。" in missing.stderr


def test_call_sheet_pdf_is_japanese_with_era_dates(demo_db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "call.pdf"
    result = run_localised(
        "--db", str(demo_db), "--today", TODAY, "print", "26-0013", "--call-sheet",
        "--pdf", str(pdf), "--date-style", "era", **JA,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{pdf} を書き出しました（1ページ）。"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    expected_words = (
        "問合せシート",
        "申請番号",
        "申請取次者",
        "今回の問合せ",
        "令和8年",
        "印刷日時",
    )
    for expected in expected_words:
        assert expected in text, expected
    for english in ("Call sheet", "Application number", "Printed", "Applicant"):
        assert english not in text

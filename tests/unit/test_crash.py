"""The crash report's text: versions, a traceback without values, redacted messages.

The hook in a running Qt application (slots, threads, the dialog) is tested in
``tests/gui/test_crash.py``; here the report is built directly from exceptions.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from coetracker import APP_NAME, __version__
from coetracker.crash import MAX_MESSAGE_CHARS, build_report, safe_traceback

CANARY_PASSPORT = "TK7654321"
CANARY_NAME = "Canaryname Hanako"
CANARY_DOB = "1987-03-14"


def _raise_with_personal_locals() -> None:
    passport_number = CANARY_PASSPORT
    name = CANARY_NAME
    birth_date = CANARY_DOB
    raise ValueError(f"could not save {name} ({passport_number}, born {birth_date})")


def caught(function: Callable[[], object]) -> BaseException:
    try:
        function()
    except BaseException as error:
        return error
    raise AssertionError("nothing was raised")


def test_report_has_versions_and_the_frames_but_no_personal_data(tmp_path: Path) -> None:
    error = caught(_raise_with_personal_locals)
    report = build_report(error, thread_name="MainThread", log_file=tmp_path / "x.log")
    assert report.text.startswith(f"{APP_NAME} {__version__}")
    assert "Python 3." in report.text and "Qt " in report.text and "Platform: " in report.text
    assert "_raise_with_personal_locals" in report.text
    assert "ValueError: could not save" in report.text
    assert report.summary == "ValueError"
    for canary in (CANARY_PASSPORT, CANARY_DOB):
        assert canary not in report.text
    # The frame's source line is shown (code, not data); the values of its locals never are.
    assert 'raise ValueError(f"could not save {name}' in report.text


def test_file_names_are_package_relative() -> None:
    text = safe_traceback(caught(_raise_with_personal_locals))
    assert 'File "tests/unit/test_crash.py"' in text
    assert str(Path(__file__).resolve().parent) not in text


def test_chained_exceptions_are_all_reported() -> None:
    def chained() -> None:
        try:
            empty: dict[str, int] = {}
            empty["missing"]
        except KeyError as first:
            raise RuntimeError("second") from first

    text = safe_traceback(caught(chained))
    assert "KeyError: 'missing'" in text
    assert "direct cause" in text
    assert text.rstrip().endswith("RuntimeError: second")


def test_sql_parameters_and_long_messages_are_cut() -> None:
    class StatementError(Exception):
        pass

    def sql() -> None:
        raise StatementError(
            "(sqlite3.IntegrityError) UNIQUE constraint failed\n"
            "[SQL: INSERT INTO applicant (family_name) VALUES (?)]\n"
            f"[parameters: ('{CANARY_NAME}', '{CANARY_PASSPORT}')]"
        )

    text = safe_traceback(caught(sql))
    assert "UNIQUE constraint failed" in text
    assert CANARY_NAME not in text and CANARY_PASSPORT not in text
    assert "[SQL" not in text  # only the first line of a message is kept

    def long_message() -> None:
        raise ValueError("x" * 5000)

    line = safe_traceback(caught(long_message)).rstrip().splitlines()[-1]
    assert len(line) <= len("ValueError: ") + MAX_MESSAGE_CHARS


def test_a_broken_str_does_not_break_the_report() -> None:
    class WeirdError(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no text")

    def weird() -> None:
        raise WeirdError()

    assert "WeirdError: <message unavailable>" in safe_traceback(caught(weird))


def test_syntax_errors_do_not_show_the_full_path() -> None:
    def bad_code() -> None:
        compile("def (:", str(Path.home() / "secret" / "file.py"), "exec")

    text = safe_traceback(caught(bad_code))
    assert "SyntaxError" in text
    assert str(Path.home() / "secret") not in text


def test_frozen_root_is_cut_from_file_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    module = tmp_path / "bundle" / "_internal" / "coetracker" / "thing.py"
    module.parent.mkdir(parents=True)
    module.write_text("def boom():\n    raise OSError('disk')\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle" / "_internal"), raising=False)
    namespace: dict[str, object] = {}
    exec(compile(module.read_text(), str(module), "exec"), namespace)
    boom = namespace["boom"]
    assert callable(boom)
    text = safe_traceback(caught(boom))
    assert 'File "coetracker/thing.py", line 2, in boom' in text
    assert str(tmp_path) not in text

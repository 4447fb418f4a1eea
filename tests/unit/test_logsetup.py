"""Logging: private files, rotation, faulthandler, and canary personal data that must never reach
a log file, even through SQLAlchemy's statement logging, its error texts and sqlite3 tracing."""

from __future__ import annotations

import logging
import stat
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from coetracker.logsetup import (
    FAULT_FILE_NAME,
    LOG_FILE_NAME,
    RedactingFilter,
    configure_logging,
    redact,
)

CANARY_NAME = "Canaryname Hanako"
CANARY_PASSPORT = "TK7654321"
CANARY_DOB = "1987-03-14"
CANARY_DOB_ERA = "昭和62年3月14日"
CANARIES = (CANARY_NAME, CANARY_PASSPORT, CANARY_DOB, CANARY_DOB_ERA, "19870314", "14/03/1987")


@pytest.fixture
def logging_state() -> Iterator[None]:
    """configure_logging changes process-wide state: put it back afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    sa_engine = logging.getLogger("sqlalchemy.engine")
    saved_sa = (logging.getLogger("sqlalchemy").level, sa_engine.level)
    yield
    for handler in list(root.handlers):
        if handler not in saved_handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved_level)
    logging.getLogger("sqlalchemy").setLevel(saved_sa[0])
    sa_engine.setLevel(saved_sa[1])
    logging.captureWarnings(False)


def all_log_text(log_dir: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "\n".join(p.read_text("utf-8", "replace") for p in sorted(log_dir.iterdir()))


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_log_folder_and_files_are_private_and_rotated(tmp_path: Path, logging_state: None):
    log_dir = tmp_path / "logs"
    configure_logging(log_dir, logging.DEBUG, max_bytes=2_000, backup_count=2)
    log = logging.getLogger("coetracker.test")
    for n in range(100):
        log.info("event number %d with some padding to fill the file quickly", n)
    names = sorted(p.name for p in log_dir.iterdir())
    assert names == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1", f"{LOG_FILE_NAME}.2"]
    assert mode_of(log_dir) == 0o700
    assert all(mode_of(log_dir / name) == 0o600 for name in names)
    assert "event number 99" in (log_dir / LOG_FILE_NAME).read_text("utf-8")

    configure_logging(log_dir)  # again: replaces its handlers instead of adding more
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_coetracker_handler", False)]
    assert len(ours) == 1


def test_an_existing_loose_log_file_is_tightened(tmp_path: Path, logging_state: None):
    log_dir = tmp_path / "logs"
    log_dir.mkdir(mode=0o755)
    (log_dir / LOG_FILE_NAME).write_text("old\n")
    (log_dir / LOG_FILE_NAME).chmod(0o644)
    configure_logging(log_dir)
    logging.getLogger("coetracker.test").warning("hello")
    assert mode_of(log_dir) == 0o700
    assert mode_of(log_dir / LOG_FILE_NAME) == 0o600


def test_canaries_never_reach_the_log_file(tmp_path: Path, logging_state: None):
    log_dir = tmp_path / "logs"
    configure_logging(log_dir, logging.DEBUG)
    # Statement logging on, and parameters *not* hidden: the filter alone must catch them.
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    log = logging.getLogger("coetracker.workflow")
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}", hide_parameters=False)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE person (name TEXT, passport TEXT UNIQUE, dob TEXT)"))
        conn.execute(
            text("INSERT INTO person VALUES (:name, :passport, :dob)"),
            {"name": CANARY_NAME, "passport": CANARY_PASSPORT, "dob": CANARY_DOB},
        )
    try:
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO person VALUES (:name, :passport, :dob)"),
                {"name": CANARY_NAME, "passport": CANARY_PASSPORT, "dob": CANARY_DOB_ERA},
            )
    except IntegrityError:
        log.exception("Saving a person failed")
    # sqlite3's trace callback expands parameters into the statement text.
    raw = engine.raw_connection()
    try:
        raw.driver_connection.set_trace_callback(logging.getLogger("coetracker.sqltrace").debug)  # type: ignore[union-attr]
        raw.driver_connection.execute(  # type: ignore[union-attr]
            "select * from person where name = ? and dob = ?", (CANARY_NAME, CANARY_DOB)
        )
    finally:
        raw.close()
    engine.dispose()
    # Careless lines that the structural rules still catch.
    log.info("passport %s, born %s / %s", CANARY_PASSPORT, CANARY_DOB, CANARY_DOB_ERA)
    log.debug("compact %s, day first %s", "19870314", "14/03/1987")
    try:
        raise ValueError(f"bad date of birth {CANARY_DOB} for passport {CANARY_PASSPORT}")
    except ValueError:
        log.exception("Validation failed")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn(f"odd passport {CANARY_PASSPORT}", UserWarning, stacklevel=1)

    logged = all_log_text(log_dir)
    assert "INSERT INTO person" in logged  # statement logging really was on
    assert "[parameters: <hidden>]" in logged and "Saving a person failed" in logged
    assert "<parameters hidden>" in logged
    assert "where name = '?'" in logged
    assert "Validation failed" in logged and "ValueError" in logged
    for canary in CANARIES:
        assert canary not in logged, canary


@pytest.mark.parametrize(
    "secret",
    [
        "TK7654321",
        "tk7654321",
        "AB12345678CD",  # residence card
        "E12345678",
        "P1234567A",
        "123456789",
        "1987-03-14",
        "1987/3/14",
        "1987.03.14",
        "14.03.1987",
        "3/14/87",
        "19870314",
        "1987年3月14日",
        "昭和62年3月14日",
        "平成元年1月8日",
        "令和６年１２月１日",
        "S62.3.14",
        "H1/01/08",
        "14 March 1987",
        "Mar 14, 1987",
        "datetime.date(1987, 3, 14)",
        "hanako@example.co.jp",
        "090-1234-5678",
        "03-1234-5678",
        "+81-90-1234-5678",
        "123456789012",
    ],
)
def test_redact_removes_personal_data_forms(secret: str):
    assert secret not in redact(f"value [{secret}] end")
    assert secret not in redact(f"value {secret}")


@pytest.mark.parametrize(
    "benign",
    [
        "Backup written: coetracker-20260131-090000-close.sqlite3 (123 KiB)",
        "Damaged database moved aside to coetracker.sqlite3.20260131-090000.corrupt",
        "previous file kept as coetracker.sqlite3.before-restore-20260131-090000",
        "Instance lock acquired by process 12345",
        "case 42 saved with 3 requests",
        "SQLite 3.40.1, schema 0003_add_inquiries",
        "[cached since 0.0028631s ago] <parameters hidden>",
        "Opened /home/user/.local/share/coetracker/coetracker.sqlite3",
    ],
)
def test_redact_keeps_ordinary_operational_text(benign: str):
    assert redact(benign) == benign


def test_sql_literals_are_hidden_only_in_sql(tmp_path: Path):
    assert redact("UPDATE person SET name = 'Taro' WHERE id = 3") == (
        "UPDATE person SET name = '?' WHERE id = 3"
    )
    assert redact("could not open 'settings.ini'") == "could not open 'settings.ini'"


def test_filter_survives_a_broken_format_string_without_leaking_arguments():
    record = logging.LogRecord(
        "coetracker.x", logging.INFO, __file__, 1, "name %s %s", (CANARY_NAME,), None
    )
    assert RedactingFilter().filter(record)
    assert record.args is None
    assert CANARY_NAME not in record.getMessage()
    assert "unformattable" in record.getMessage()


def test_faulthandler_writes_a_private_file_on_a_hard_crash(tmp_path: Path):
    log_dir = tmp_path / "logs"
    code = (
        "import faulthandler, sys; from pathlib import Path; "
        "from coetracker.logsetup import enable_faulthandler; "
        "print(enable_faulthandler(Path(sys.argv[1])), flush=True); faulthandler._sigsegv()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(log_dir)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    fault_file = log_dir / FAULT_FILE_NAME
    assert result.stdout.strip() == str(fault_file)
    content = fault_file.read_text("utf-8")
    assert "Fatal Python error" in content and "Segmentation fault" in content
    assert mode_of(fault_file) == 0o600 and mode_of(log_dir) == 0o700

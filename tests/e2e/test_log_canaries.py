"""Canary personal data never reaches a log file after a full workflow at DEBUG level.

A case with a canary applicant (name, passport number, date of birth) goes through the whole
data-safety workflow in-process with DEBUG logging, SQLAlchemy's statement logging (INFO)
switched on too: sample data, save, inquiry, document request and submission, list, a stale save
(conflict) and a disk-full save logged with their tracebacks, backups (on demand and automatic),
listing, restore; then the command line runs against the same data folder, so its log lands in
the same place. No file under the log folder may contain the name, the passport number or the
date of birth in any of its usual forms."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from coetracker.errors import DiskFullError
from coetracker.logsetup import configure_logging
from coetracker.paths import AppPaths
from coetracker.services.backups import (
    AutoBackupPolicy,
    backup_now,
    list_backup_infos,
    restore,
)
from coetracker.services.caselist import list_cases
from coetracker.services.cases import create_case, get_case, update_case
from coetracker.services.demo import fill_demo
from coetracker.services.documents import add_request, mark_submitted
from coetracker.services.errors import ConflictError
from coetracker.services.inquiries import log_inquiry
from coetracker.services.opening import check_database, open_app_database
from coetracker.services.records import (
    ApplicantInput,
    CaseInput,
    DocumentRequestInput,
    InquiryInput,
    OrganizationInput,
)
from tests.helpers.cli import run_cli_subprocess
from tests.helpers.db import TODAY, app_paths

pytestmark = pytest.mark.e2e

CANARY_NAME = "CANARYNAME"
CANARY_PASSPORT = "ZZ9876543"
BIRTH = dt.date(1987, 6, 5)
CANARIES = (
    CANARY_NAME,
    CANARY_PASSPORT,
    "1987-06-05",
    "1987/06/05",
    "1987-6-5",
    "1987/6/5",
    "19870605",
    "1987年6月5日",
    "1987年06月05日",
    "昭和62年6月5日",
    "S62.6.5",
    "05/06/1987",
    "5 Jun 1987",
    "June 5, 1987",
    "date(1987, 6, 5)",
)

log = logging.getLogger("tests.canaries")


@pytest.fixture
def debug_logging(tmp_path: Path) -> Iterator[AppPaths]:
    """DEBUG logging into the data folder's log folder; the process's logging restored after."""
    paths = app_paths(tmp_path)
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    engine_logger = logging.getLogger("sqlalchemy.engine")
    saved_engine = (logging.getLogger("sqlalchemy").level, engine_logger.level)
    configure_logging(paths.log_dir, logging.DEBUG)
    # Everything SQLAlchemy says, result rows included: the redacting filter must hide them.
    engine_logger.setLevel(logging.DEBUG)
    yield paths
    for handler in list(root.handlers):
        if handler not in saved_handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved_level)
    logging.getLogger("sqlalchemy").setLevel(saved_engine[0])
    engine_logger.setLevel(saved_engine[1])
    logging.captureWarnings(False)


def canary_case(bureau_id: int | None = None) -> CaseInput:
    return CaseInput(
        applicant=ApplicantInput(
            family_name=CANARY_NAME,
            given_name="HANAKO",
            name_kana="カナリー・ハナコ",
            nationality_code="VN",
            birth_date=BIRTH,
            passport_number=CANARY_PASSPORT,
            notes=f"{CANARY_NAME} born {BIRTH.isoformat()}, passport {CANARY_PASSPORT}",
        ),
        organization=OrganizationInput(name="株式会社カナリー", contact_person=CANARY_NAME),
        reference="CANARY-1",
        bureau_id=bureau_id,
        notes=f"Passport {CANARY_PASSPORT}; born 1987/06/05 (昭和62年6月5日)",
    )


def run_process_in(paths: AppPaths, *args: str) -> subprocess.CompletedProcess[str]:
    """``coetracker --data-dir DATA ARGS`` as a new process (its own log set-up)."""
    return run_cli_subprocess("--data-dir", paths.data_dir, *args, timeout=120)


def in_process_workflow(paths: AppPaths) -> Path:
    """Everything a day at the office does to the data, logged at DEBUG; returns a backup."""
    db = open_app_database(paths).database
    try:
        fill_demo(db, today=TODAY)
        case_id = create_case(db, canary_case(), actor=CANARY_NAME)
        detail = get_case(db, case_id, today=TODAY)
        log_inquiry(
            db,
            case_id,
            InquiryInput(
                made_at=dt.datetime(2026, 11, 20, 10, 30),
                question=f"Status of {CANARY_NAME} ({CANARY_PASSPORT})?",
                answer="Under review",
            ),
            actor=CANARY_NAME,
        )
        request_id = add_request(
            db,
            case_id,
            DocumentRequestInput(
                notice_date=dt.date(2026, 11, 10),
                deadline=dt.date(2026, 11, 24),
                requested_items=f"Birth certificate of {CANARY_NAME}, born 1987-06-05",
            ),
            actor=CANARY_NAME,
        )
        mark_submitted(
            db, request_id, on=dt.date(2026, 11, 21), method="post", expected_version=1, actor=None
        )
        rows = list_cases(db, today=TODAY, include_closed=True)
        assert any(row.applicant_name.startswith(CANARY_NAME) for row in rows)

        new_version = update_case(
            db, case_id, canary_case(), expected_version=detail.version_id, actor=CANARY_NAME
        )
        assert new_version >= detail.version_id
        try:  # a stale save, logged with its traceback as carelessly as possible
            update_case(
                db, case_id, canary_case(), expected_version=detail.version_id - 1, actor=None
            )
        except ConflictError:
            log.exception("Save of a stale form refused")
        else:
            raise AssertionError("the stale save went through")

        made = backup_now(paths, db, force=True)
        assert made is not None
        policy = AutoBackupPolicy(paths, db)
        policy.periodic()
        policy.on_close()
        assert list_backup_infos(paths.backup_dir)

        pages = 0
        with db.engine.connect() as connection:
            pages = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)

        def limit(dbapi_connection: object, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count={pages + 1}")  # type: ignore[attr-defined]

        event.listen(db.engine, "connect", limit)
        db.dispose()
        big = dataclasses.replace(canary_case(), reference="CANARY-2", notes="x" * 10_000)
        try:  # a classified error, logged with its traceback
            create_case(db, big, actor=CANARY_NAME)
        except DiskFullError:
            log.exception("Save refused: disk full")
        else:
            raise AssertionError("the disk-full save went through")
        event.remove(db.engine, "connect", limit)
        db.dispose()

        result = restore(paths, made, db=db)
        assert result.moved_aside is not None
        assert check_database(paths).ok
    finally:
        db.dispose()
    return made


def test_no_canary_reaches_any_log_file(debug_logging: AppPaths):
    paths = debug_logging
    backup = in_process_workflow(paths)

    for args in (
        ("list",),
        ("list", "--format", "json"),
        ("list", "--format", "csv"),
        ("--today", TODAY.isoformat(), "due", "--reasons"),
        ("check",),
        ("backup", "--force"),
        ("backups",),
        ("demo",),  # refused: not empty
        ("restore", str(paths.data_dir / "no-such-backup.sqlite3")),  # refused
        ("restore", str(backup)),
    ):
        result = run_process_in(paths, *args)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        if {"list", "due"} & set(args):
            assert CANARY_NAME in result.stdout  # the data is there; only the logs stay clean
    assert run_process_in(paths, "list").returncode == 0

    for handler in logging.getLogger().handlers:
        handler.flush()
    files = [p for p in paths.log_dir.rglob("*") if p.is_file()]
    assert files
    text = "\n".join(p.read_text("utf-8", "replace") for p in files)
    # The log did record the workflow, at DEBUG level and from the command line too.
    assert "DEBUG" in text and "Backup written" in text and "Restored" in text
    assert "Save refused: disk full" in text and "DiskFullError" in text
    assert "Save of a stale form refused" in text and "ConflictError" in text
    assert text.count("Restored ") >= 2  # in-process and the CLI
    lowered = text.lower()
    for canary in CANARIES:
        assert canary.lower() not in lowered, canary

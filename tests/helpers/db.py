"""Database helpers: a data folder, cases made through the services, read-only peeks at files,
and the sample cases copied from one database built per session (``demo_template``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

from coetracker.fsutil import ensure_private_dir
from coetracker.paths import AppPaths, resolve_paths
from coetracker.services.cases import create_case
from coetracker.services.opening import open_app_database
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage.engine import Database

TODAY = dt.date(2026, 11, 27)
"""The date every test assesses on."""

TODAY_ISO = TODAY.isoformat()
"""``TODAY`` as the command line takes it (``--today``)."""


def app_paths(tmp_path: Path) -> AppPaths:
    """Every file of the application under ``tmp_path/data``."""
    return resolve_paths(data_dir=tmp_path / "data", environ={})


def open_db(paths: AppPaths) -> Database:
    """The data folder's database, migrated (created when missing)."""
    return open_app_database(paths).database


def case_input(index: int, *, prefix: str = "T", family: str = "NGUYEN") -> CaseInput:
    """A small valid case: reference ``T-00001``-style, one applicant, one organisation."""
    return CaseInput(
        applicant=ApplicantInput(
            family_name=family,
            given_name=f"VAN {index}",
            passport_number=f"C{5_000_000 + index}",
        ),
        organization=OrganizationInput(name="株式会社さくら精工"),
        reference=f"{prefix}-{index:05d}",
    )


def add_cases(db: Database, count: int, *, start: int = 0, prefix: str = "T") -> list[int]:
    """``count`` cases made through the services; their ids."""
    return [
        create_case(db, case_input(start + i, prefix=prefix), actor="test") for i in range(count)
    ]


def read_only_conn(path: Path) -> sqlite3.Connection:
    """A connection that cannot write (nor create a journal) to ``path``."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def case_references(path: Path) -> list[str]:
    """The references of the cases in a database file, in id order, read without writing."""
    conn = read_only_conn(path)
    try:
        return [str(r[0]) for r in conn.execute('SELECT reference FROM "case" ORDER BY id')]
    finally:
        conn.close()


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_demo(path: Path, today: dt.date = TODAY) -> Path:
    """A database file at ``path`` holding the sample cases (as ``coetracker demo`` makes it)."""
    paths = resolve_paths(data_dir=path.parent, db=str(path), environ={})
    database = open_db(paths)
    try:
        from coetracker.services.demo import fill_demo

        fill_demo(database, today=today)
    finally:
        database.dispose()
    for extra in ("-wal", "-shm", "-journal"):
        if path.with_name(path.name + extra).exists():
            raise RuntimeError(f"the demo database left {extra} behind")
    return path


def copy_database(source: Path, target: Path) -> Path:
    """A private copy of a closed database file (0600 in a 0700 folder, as the app keeps it)."""
    ensure_private_dir(target.parent)
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return target

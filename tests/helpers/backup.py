"""Backup and damage helpers: a schema of our own where every parent has exactly three
children (each family written in one transaction), so a torn copy shows; a writer killed with
committed work only in its WAL; a database page overwritten with random bytes."""

from __future__ import annotations

import datetime as dt
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers.db import sha256

__all__ = [
    "CHILDREN",
    "FakeClock",
    "add_family",
    "assert_consistent_snapshot",
    "checkpointed",
    "connect",
    "make_family_db",
    "overwrite_middle_table_page",
    "read_families",
    "run_killed_writer",
    "sha256",
]

CHILDREN = 3
"""Children of every parent in the family schema."""

SCHEMA = """
CREATE TABLE parent (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE child (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER NOT NULL REFERENCES parent(id),
    payload TEXT NOT NULL
);
CREATE INDEX child_parent ON child(parent_id);
"""


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def add_family(conn: sqlite3.Connection, label: str, payload_size: int = 40) -> int:
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute("INSERT INTO parent (label) VALUES (?)", (label,))
        parent_id = int(cur.lastrowid or 0)
        for n in range(CHILDREN):
            conn.execute(
                "INSERT INTO child (parent_id, payload) VALUES (?, ?)",
                (parent_id, f"{label}-{n}-" + "x" * payload_size),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return parent_id


def make_family_db(path: Path, families: int = 50, payload_size: int = 40) -> Path:
    conn = connect(path)
    try:
        conn.executescript(SCHEMA)
        for i in range(families):
            add_family(conn, f"family {i}", payload_size)
    finally:
        conn.close()
    return path


def read_families(path: Path) -> list[tuple[int, str, int]]:
    """(parent id, label, number of children) for every parent, read without writing."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [
            (int(r[0]), str(r[1]), int(r[2]))
            for r in conn.execute(
                "SELECT p.id, p.label, count(c.id) FROM parent p "
                "LEFT JOIN child c ON c.parent_id = p.id GROUP BY p.id ORDER BY p.id"
            )
        ]
    finally:
        conn.close()


def assert_consistent_snapshot(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT count(*) FROM child WHERE parent_id NOT IN (SELECT id FROM parent)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()
    families = read_families(path)
    assert all(children == CHILDREN for _, _, children in families), families
    return len(families)


def run_killed_writer(db_path: Path, families: int) -> None:
    """A child process commits ``families`` families in WAL mode, then dies by SIGKILL.

    It never checkpoints (``wal_autocheckpoint=0``), so its committed work is only in ``-wal``.
    """
    code = f"""
import os, signal, sqlite3
conn = sqlite3.connect({str(db_path)!r}, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA wal_autocheckpoint=0")
for i in range({families}):
    conn.execute("BEGIN IMMEDIATE")
    cur = conn.execute("INSERT INTO parent (label) VALUES (?)", ("late %d" % i,))
    for n in range({CHILDREN}):
        conn.execute("INSERT INTO child (parent_id, payload) VALUES (?, 'late')", (cur.lastrowid,))
    conn.execute("COMMIT")
os.kill(os.getpid(), signal.SIGKILL)
"""
    result = subprocess.run([sys.executable, "-c", code], check=False)
    assert result.returncode == -signal.SIGKILL


def overwrite_middle_table_page(path: Path, seed: int = 7) -> int:
    """Overwrite a table b-tree leaf page in the middle of the file with random bytes."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    assert pages > 20, "the test needs a multi-page database"
    for number in range(pages // 2, pages):
        if data[(number - 1) * page_size] == 0x0D:  # table b-tree leaf
            break
    else:
        raise AssertionError("no table leaf page in the second half")
    rng = random.Random(seed)
    start = (number - 1) * page_size
    data[start : start + page_size] = rng.randbytes(page_size)
    path.write_bytes(bytes(data))
    return number


def checkpointed(path: Path) -> Path:
    conn = connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    return path


class FakeClock:
    """A clock for the backup policy that moves only when told to."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)

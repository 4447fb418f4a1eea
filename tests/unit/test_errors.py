"""Classified errors from real SQLite failures (locked, read-only, disk full, damaged), bare and
wrapped by SQLAlchemy, with no SQL parameter ever in the user-facing text."""

from __future__ import annotations

import ast
import errno
import inspect
import os
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError, OperationalError

from coetracker import errors
from coetracker.errors import (
    AlreadyRunningError,
    CannotOpenDatabaseError,
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    DiskIOError,
    InvalidBackupError,
    NewerSchemaError,
    ReadOnlyDatabaseError,
    StrayJournalError,
    UserFacingError,
    classify_sqlite_error,
)
from tests.helpers.backup import checkpointed, make_family_db, overwrite_middle_table_page

CANARY = "Canaryname TK7654321 1987-03-14"


def raised_by(action) -> BaseException:
    try:
        action()
    except BaseException as exc:  # the test inspects whatever was raised
        return exc
    raise AssertionError("nothing was raised")


def assert_clean(error: UserFacingError) -> None:
    """No parameter value in anything shown or logged about the error."""
    for part in (str(error), error.message.render(), error.detail, repr(error.args)):
        assert "Canaryname" not in part and "TK7654321" not in part and "1987" not in part
    assert error.message.context == "DataSafety"


def small_db(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE person (name TEXT)")
    conn.commit()
    conn.close()
    return path


def test_locked_database(tmp_path: Path):
    db = small_db(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        exc = raised_by(lambda: other.execute("BEGIN IMMEDIATE"))
    finally:
        other.close()
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
    classified = classify_sqlite_error(exc)
    assert isinstance(classified, DatabaseLockedError)
    assert "SQLITE_BUSY" in classified.detail
    assert_clean(classified)


def test_locked_database_through_sqlalchemy_hides_the_parameters(tmp_path: Path):
    db = small_db(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    engine = create_engine(f"sqlite:///{db}", connect_args={"timeout": 0})
    try:

        def insert() -> None:
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO person VALUES (:name)"), {"name": CANARY})

        exc = raised_by(insert)
    finally:
        engine.dispose()
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(exc, OperationalError)
    assert "TK7654321" in str(exc)  # SQLAlchemy's own text does carry the parameters...
    classified = classify_sqlite_error(exc)
    assert isinstance(classified, DatabaseLockedError)
    assert_clean(classified)  # ...ours never does


@pytest.mark.parametrize("how", ["mode=ro", "query_only"])
def test_read_only_database(tmp_path: Path, how: str):
    # Tests run as root, where chmod 0400 does not stop writes: provoke it the way SQLite does
    # for a read-only file or folder, with a read-only connection.
    db = small_db(tmp_path)
    if how == "mode=ro":
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA query_only=ON")
    try:
        exc = raised_by(lambda: conn.execute("INSERT INTO person VALUES (?)", (CANARY,)))
    finally:
        conn.close()
    assert "readonly" in str(exc)
    classified = classify_sqlite_error(exc)
    assert isinstance(classified, ReadOnlyDatabaseError)
    assert_clean(classified)


def test_disk_full_leaves_the_database_unchanged_and_intact(tmp_path: Path):
    db = small_db(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO person VALUES ('kept')")
    conn.commit()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")
    try:

        def save() -> None:
            with conn:
                conn.execute("INSERT INTO person VALUES (?)", (CANARY * 500,))

        exc = raised_by(save)
        assert "full" in str(exc)
        classified = classify_sqlite_error(exc)
        assert isinstance(classified, DiskFullError)
        assert "SQLITE_FULL" in classified.detail
        assert_clean(classified)
        assert conn.execute("SELECT name FROM person").fetchall() == [("kept",)]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def test_damaged_files(tmp_path: Path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(4096))
    conn = sqlite3.connect(junk)
    try:
        not_a_db = raised_by(lambda: conn.execute("SELECT * FROM sqlite_master").fetchall())
    finally:
        conn.close()
    assert isinstance(classify_sqlite_error(not_a_db), CorruptDatabaseError)

    damaged = checkpointed(make_family_db(tmp_path / "d.sqlite3", families=300, payload_size=200))
    overwrite_middle_table_page(damaged)
    conn = sqlite3.connect(damaged)
    try:
        malformed = raised_by(lambda: conn.execute("SELECT * FROM child").fetchall())
    finally:
        conn.close()
    assert "malformed" in str(malformed)
    classified = classify_sqlite_error(malformed)
    assert isinstance(classified, CorruptDatabaseError)
    assert classified.moved_to is None and "start it again" in str(classified)


def test_cannot_open(tmp_path: Path):
    exc = raised_by(lambda: sqlite3.connect(tmp_path / "no" / "such" / "folder.sqlite3"))
    assert isinstance(classify_sqlite_error(exc), CannotOpenDatabaseError)


def test_text_fallback_reads_only_the_first_line():
    # Constructed exceptions carry no result code: the first line decides.
    assert isinstance(
        classify_sqlite_error(sqlite3.OperationalError("database is locked")), DatabaseLockedError
    )
    assert isinstance(
        classify_sqlite_error(sqlite3.DatabaseError("database disk image is malformed")),
        CorruptDatabaseError,
    )
    assert isinstance(
        classify_sqlite_error(sqlite3.OperationalError("disk I/O error")), DiskIOError
    )
    sneaky = sqlite3.OperationalError("no such table: x\n[parameters: ('database is locked',)]")
    assert classify_sqlite_error(sneaky) is None


def test_os_errors_and_causes():
    assert isinstance(classify_sqlite_error(OSError(errno.ENOSPC, "full")), DiskFullError)
    assert isinstance(classify_sqlite_error(OSError(errno.EROFS, "ro")), ReadOnlyDatabaseError)
    assert classify_sqlite_error(OSError(errno.ENOENT, "missing")) is None
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as inner:
            raise RuntimeError("saving failed") from inner
    except RuntimeError as outer:
        assert isinstance(classify_sqlite_error(outer), DiskFullError)
    already = DiskFullError()
    assert classify_sqlite_error(already) is already


def test_bugs_are_not_classified(tmp_path: Path):
    db = small_db(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE u (x UNIQUE)")
    conn.execute("INSERT INTO u VALUES (1)")
    conn.commit()
    integrity = raised_by(lambda: conn.execute("INSERT INTO u VALUES (1)"))
    syntax = raised_by(lambda: conn.execute("SELEC 1"))
    conn.close()
    assert isinstance(integrity, sqlite3.IntegrityError)
    assert classify_sqlite_error(integrity) is None
    assert classify_sqlite_error(syntax) is None
    assert classify_sqlite_error(KeyError("x")) is None
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.begin() as c:
            wrapped = raised_by(lambda: c.execute(text("INSERT INTO u VALUES (:v)"), {"v": 1}))
    finally:
        engine.dispose()
    assert isinstance(wrapped, IntegrityError)
    assert classify_sqlite_error(wrapped) is None


def all_errors(tmp_path: Path) -> list[UserFacingError]:
    p = tmp_path / "x.sqlite3"
    return [
        DatabaseLockedError(),
        DiskFullError(),
        ReadOnlyDatabaseError(),
        ReadOnlyDatabaseError(db_path=p),
        CannotOpenDatabaseError(),
        DiskIOError(),
        CorruptDatabaseError(),
        CorruptDatabaseError(db_path=p, moved_to=p.with_suffix(".corrupt")),
        CorruptDatabaseError(db_path=p, moved_to=p.with_suffix(".corrupt"), backup=p),
        NewerSchemaError(revision=None),
        NewerSchemaError(revision="0099_future"),
        InvalidBackupError(path=p, is_sqlite=False),
        InvalidBackupError(path=p, is_sqlite=True),
        StrayJournalError(db_path=p, journals=[Path(f"{p}-wal")]),
        AlreadyRunningError(host=None, pid=None),
        AlreadyRunningError(host="pc1", pid=12, other_host=False),
        AlreadyRunningError(host="pc2", pid=34, other_host=True),
    ]


def test_every_message_renders_completely(tmp_path: Path):
    texts = set()
    for error in all_errors(tmp_path):
        rendered = error.message.render()
        assert rendered and not re.search(r"[{}]", rendered), rendered
        assert error.message.context == "DataSafety"
        assert str(error) == rendered
        texts.add(rendered)
    assert len(texts) == len(all_errors(tmp_path))  # each situation has its own sentence


def test_every_message_source_is_a_literal_marked_for_translation():
    """lupdate finds a string only as a literal inside QT_TRANSLATE_NOOP("DataSafety", ...)."""
    tree = ast.parse(inspect.getsource(errors))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "message"
    ]
    assert len(calls) >= 17
    for call in calls:
        context, source = call.args[:2]
        assert isinstance(context, ast.Constant) and context.value == "DataSafety"
        assert isinstance(source, ast.Call) and getattr(source.func, "id", None) == (
            "QT_TRANSLATE_NOOP"
        )
        marked_context, literal = source.args
        assert isinstance(marked_context, ast.Constant) and marked_context.value == "DataSafety"
        assert isinstance(literal, ast.Constant) and isinstance(literal.value, str)

"""A change stamp tells whether anyone committed to a database file since it was taken, and
never writes or creates anything."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coetracker.services.change_stamp import ChangeStamp


def test_a_stamp_tells_whether_anyone_committed(tmp_path: Path) -> None:
    path = tmp_path / "stamp.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
    conn.close()

    quiet = ChangeStamp.take(path)
    assert quiet is not None
    with sqlite3.connect(path) as reader:
        assert reader.execute("SELECT count(*) FROM t").fetchone() == (0,)
    reader.close()
    assert quiet.unchanged()
    assert not quiet.unchanged()  # asked once: its connection is gone

    busy = ChangeStamp.take(path)
    assert busy is not None
    with sqlite3.connect(path) as writer:
        writer.execute("INSERT INTO t VALUES (1)")
    writer.close()
    assert not busy.unchanged()


def test_a_file_that_cannot_be_read_gives_no_stamp(tmp_path: Path) -> None:
    assert ChangeStamp.take(tmp_path / "missing.sqlite3") is None
    assert not (tmp_path / "missing.sqlite3").exists()  # nothing created
    text = tmp_path / "notes.sqlite3"
    text.write_bytes(b"not a database at all, " * 100)
    assert ChangeStamp.take(text) is None
    assert text.read_bytes() == b"not a database at all, " * 100


def test_a_stamp_let_go_answers_changed(tmp_path: Path) -> None:
    path = tmp_path / "stamp.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
    conn.close()
    stamp = ChangeStamp.take(path)
    assert stamp is not None
    stamp.close()
    assert not stamp.unchanged()  # nothing to compare with: read the rows again

"""The "set aside" marker: a damaged database moved away is never followed by an empty one.

When a damaged database file is moved aside, or while a restore swaps files, a small marker
``<database name>.set-aside`` is written beside the database *before* the first rename. Every
start (window and command line) looks for it first: while it is there, no database is created
or opened at that path, and the user is told where the damaged file is and what to do. It goes
away only when a backup has been restored there, or when the user explicitly chooses to start an
empty database (``--new-database``, or "Start an empty database" in the window).

The marker holds file names and a time, never data from the database. It is JSON::

    {"kind": "damaged" | "restore", "moved_to": "<path>", "when": "<ISO UTC>",
     "staged": "<path of the copy being put in place>" (restore only)}

A process killed part-way leaves one of these states, which :func:`pending` resolves:

* marker written, rename not done (database still there, ``moved_to`` missing): the marker is
  stale and removed; the damage check runs again as usual.
* ``damaged``, database gone: refuse (the state the marker exists for).
* ``restore``, database gone, staged copy present: the restore is finished (the staged copy was
  verified before the marker was written), and the marker removed.
* ``restore``, database present: the restore finished; the marker is removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from coetracker.fsutil import atomic_write_bytes, fsync_dir

__all__ = ["SetAside", "clear", "marker_path", "pending", "read", "write"]

log = logging.getLogger(__name__)

MARKER_SUFFIX = ".set-aside"

Kind = Literal["damaged", "restore"]


@dataclass(frozen=True, slots=True)
class SetAside:
    """A marker's content: where the previous database went, and when."""

    kind: Kind
    moved_to: Path | None
    when: dt.datetime | None
    staged: Path | None = None


def marker_path(db_path: Path) -> Path:
    """Where the marker of ``db_path`` lives (beside it)."""
    return db_path.with_name(db_path.name + MARKER_SUFFIX)


def write(
    db_path: Path,
    *,
    kind: Kind,
    moved_to: Path | None,
    when: dt.datetime,
    staged: Path | None = None,
) -> None:
    """Write (or replace) the marker, durably, before any file is moved."""
    content = {
        "kind": kind,
        "moved_to": str(moved_to) if moved_to is not None else None,
        "when": when.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "staged": str(staged) if staged is not None else None,
    }
    atomic_write_bytes(marker_path(db_path), json.dumps(content).encode("utf-8"))


def read(db_path: Path) -> SetAside | None:
    """The marker of ``db_path``; an unreadable marker still counts (as damaged, place unknown)."""
    path = marker_path(db_path)
    if not os.path.lexists(path):
        return None
    try:
        content = json.loads(path.read_bytes().decode("utf-8"))
        kind: Kind = "restore" if content.get("kind") == "restore" else "damaged"
        moved = content.get("moved_to")
        staged = content.get("staged")
        when = content.get("when")
        return SetAside(
            kind=kind,
            moved_to=Path(moved) if moved else None,
            when=dt.datetime.fromisoformat(when) if when else None,
            staged=Path(staged) if staged else None,
        )
    except (OSError, ValueError, AttributeError, TypeError):
        log.warning("The set-aside marker beside the database cannot be read")
        return SetAside(kind="damaged", moved_to=None, when=None)


def clear(db_path: Path) -> None:
    """Remove the marker (after a restore, or when the user starts an empty database)."""
    path = marker_path(db_path)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        fsync_dir(path.parent)


def pending(db_path: Path) -> SetAside | None:
    """The marker that must stop this start, after finishing or discarding an interrupted one.

    ``None`` means no database was set aside here: open (or create) as usual.
    """
    marker = read(db_path)
    if marker is None:
        return None
    db_there = os.path.lexists(db_path)
    moved_there = marker.moved_to is not None and os.path.lexists(marker.moved_to)
    if marker.kind == "restore":
        if not db_there and marker.staged is not None and marker.staged.is_file():
            marker.staged.replace(db_path)
            fsync_dir(db_path.parent)
            log.warning("An interrupted restore was finished: the verified copy is in place")
            db_there = True
        if db_there:
            clear(db_path)
            return None
        return marker
    if db_there and marker.moved_to is not None and not moved_there:
        log.warning("A set-aside marker without a move was found: the move never happened")
        clear(db_path)
        return None
    return marker

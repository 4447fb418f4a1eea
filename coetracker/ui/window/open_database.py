"""The database the main window shows: the connection, its instance lock, how to name it, and
why it could only be opened read-only (for the banner above the case list)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy loads in the background, not at start-up
    from coetracker.domain.messages import Message
    from coetracker.storage.engine import Database
    from coetracker.storage.instance_lock import InstanceLock


@dataclass(slots=True)
class OpenDatabase:
    """A database the window shows (the office's, or the sample)."""

    db: Database
    lock: InstanceLock | None
    label: str
    is_sample: bool = False
    read_only_reason: Message | None = None
    """Why the database could only be opened read-only; None when it is writable."""
    integrity_pending: bool = False
    """Opened before its full integrity check (which runs once the first rows are painted)."""

    def close(self) -> None:
        """Let go of the connection and the instance lock."""
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()

"""What the panes and dialogs need to work on the open database, passed in explicitly.

There is no global main window: each widget that reads or writes gets an :class:`AppContext`
(the database, the day cases are assessed on, whether this is the sample database).
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported on first use, not at start-up
    from coetracker.domain.model import Policy
    from coetracker.services.settings import OfficeDetails
    from coetracker.storage.engine import Database


@dataclass(frozen=True, slots=True)
class AppContext:
    """The open database and the assessment day."""

    db: Database
    today: dt.date
    is_sample: bool = False
    user_name: Callable[[], str] | None = None
    """This computer user's name from Settings › Database (read when a change is recorded)."""
    db_role: str | None = None
    """The office server's role this app logs in as (recorded beside the name); None for a file."""

    def office(self) -> OfficeDetails:
        """The office details from Settings (read fresh: another window may have saved)."""
        from coetracker.services.settings import office_of

        return office_of(self.db)

    def policy(self) -> Policy:
        """The readiness policy in force."""
        from coetracker.services.settings import policy_of

        return policy_of(self.db)

    def actor(self) -> str | None:
        """Who the audit trail names, with the server role when it differs from the name."""
        name = self.person()
        if self.db_role and name and self.db_role != name:
            return f"{name} ({self.db_role})"
        return name or self.db_role

    def person(self) -> str | None:
        """Who the audit trail names: this computer user's name from Settings, else the
        office's (older versions kept one name per database), else the login name."""
        name = self.user_name().strip() if self.user_name is not None else ""
        if name:
            return name
        name = self.office().user_name.strip()
        if name:
            return name
        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return None

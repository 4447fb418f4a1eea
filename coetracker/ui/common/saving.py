"""Saving through a service with optimistic concurrency, shared by the editing dialogs.

A save quotes the version its form was loaded with. When the service answers ``ConflictError``
the user sees the stored values beside theirs (``conflict_dialog``) and chooses: overwrite (save
again quoting the stored version), take theirs (the form shows the stored values), or keep
editing. The form is never cleared by any of these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from coetracker.services.errors import ConflictError
from coetracker.ui.common.text import render
from coetracker.ui.dialogs import conflict_dialog
from coetracker.ui.dialogs.conflict_dialog import Difference, Resolution, value_text


def differences(
    stored: Mapping[str, object],
    yours: Mapping[str, object],
    captions: Mapping[str, str],
) -> list[Difference]:
    """The captioned fields whose stored value differs from the user's."""
    result = []
    for name, caption in captions.items():
        if name not in stored or name not in yours:
            continue
        mine, theirs = value_text(yours[name]), value_text(stored[name])
        if mine != theirs:
            result.append(Difference(caption, theirs, mine))
    return result


@dataclass(slots=True)
class VersionedSave:
    """Save a value quoting ``version``; resolve conflicts with the user.

    ``write(value, version) -> new version``; ``as_fields(value)`` gives the value's fields for
    the comparison; ``reload(stored)`` puts the stored values into the form.
    """

    parent: QWidget | None
    version: int
    write: Callable[[Any, int], int]
    as_fields: Callable[[Any], Mapping[str, object]]
    captions: Mapping[str, str]
    reload: Callable[[Mapping[str, object]], None]

    def __call__(self, value: Any) -> bool:
        try:
            self.version = self.write(value, self.version)
        except ConflictError as conflict:
            stored = dict(conflict.current)
            choice = conflict_dialog.ask_resolution(
                self.parent,
                render(conflict.message),
                differences(stored, self.as_fields(value), self.captions),
            )
            stored_version = stored.get("version_id")
            if choice is Resolution.OVERWRITE and isinstance(stored_version, int):
                self.version = stored_version
                return self(value)
            if choice is Resolution.RELOAD and isinstance(stored_version, int):
                self.version = stored_version
                self.reload(stored)
            return False
        return True

"""Errors the services raise for things a user can cause: stale saves, missing rows, bad input."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.errors import UserFacingError

_ENTITY_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "applicant": QT_TRANSLATE_NOOP("Services", "applicant"),
        "bureau": QT_TRANSLATE_NOOP("Services", "bureau"),
        "case": QT_TRANSLATE_NOOP("Services", "case"),
        "document_request": QT_TRANSLATE_NOOP("Services", "document request"),
        "inquiry": QT_TRANSLATE_NOOP("Services", "inquiry"),
        "organization": QT_TRANSLATE_NOOP("Services", "client"),
        "residence_status": QT_TRANSLATE_NOOP("Services", "status of residence"),
    }
)


def entity_name(entity: str) -> Message:
    """The translatable name of a stored entity ("document_request" → "document request")."""
    return message("Services", _ENTITY_NAMES.get(entity, entity))


class ServiceError(UserFacingError):
    """Base class: carries a translatable sentence for the user (no personal data in it)."""

    def __init__(self, text: Message) -> None:
        super().__init__(text)


class ConflictError(ServiceError):
    """The row changed since the form was loaded; nothing was written.

    ``current`` holds the values now stored (field → value) so the UI can show both sides.
    """

    def __init__(
        self, entity: str, entity_id: int, current: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(
            message(
                "Services",
                QT_TRANSLATE_NOOP(
                    "Services",
                    "Someone else changed this {entity} after you opened it. Nothing was saved.",
                ),
                entity=entity_name(entity),
            )
        )
        self.entity = entity
        self.entity_id = entity_id
        self.current: Mapping[str, object] = MappingProxyType(dict(current or {}))


class NotFoundError(ServiceError):
    """The row does not exist (any more)."""

    def __init__(self, entity: str, entity_id: int) -> None:
        super().__init__(
            message(
                "Services",
                QT_TRANSLATE_NOOP("Services", "The {entity} no longer exists (id {id})."),
                entity=entity_name(entity),
                id=entity_id,
            )
        )
        self.entity = entity
        self.entity_id = entity_id


class ValidationError(ServiceError):
    """Input that cannot be saved; ``problems`` maps a field name to its sentence."""

    def __init__(self, problems: Mapping[str, Message]) -> None:
        first = next(iter(problems.values()))
        super().__init__(first)
        self.problems: Mapping[str, Message] = MappingProxyType(dict(problems))

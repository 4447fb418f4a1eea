"""Translatable messages that the pure-Python layers return instead of finished strings.

The domain cannot import Qt, yet every headline, reason and action is user-facing text that must
be translated. So the domain builds :class:`Message` values: a translation context, the English
source text with ``{named}`` placeholders, and the parameters. The caller renders them with the
translator and date format of its choice (``QCoreApplication.translate`` in the GUI and CLI,
identity in tests).

Source strings are marked with :func:`N_` (or its alias ``QT_TRANSLATE_NOOP``) so that
``pyside6-lupdate`` finds them in the source text: lupdate recognises the name, not the import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol

Translate = Callable[[str, str], str]
"""``translate(context, source) -> translated source`` (e.g. ``QCoreApplication.translate``)."""


class DateFormatter(Protocol):
    """Turns a date into display text (ISO, 2026年11月27日 or 令和8年11月27日)."""

    def __call__(self, value: dt.date, /) -> str: ...


def N_(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context`` without translating it now.

    The typed replacement for PySide6's ``QT_TRANSLATE_NOOP`` (whose stub returns ``object``):
    it returns ``source`` unchanged, so tables of marked strings keep the type ``str``.
    ``scripts/update_translations.py`` tells lupdate that ``N_`` spells ``QT_TRANSLATE_NOOP``.
    """
    del context
    return source


QT_TRANSLATE_NOOP = N_
"""The same marker under lupdate's own keyword (the domain's older spelling)."""


def no_translation(context: str, source: str) -> str:
    """The identity translator: English source text."""
    del context
    return source


def iso_date(value: dt.date, /) -> str:
    """Format a date as ISO 8601 (2026-11-27)."""
    return value.isoformat()


def _frozen(params: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(params))


@dataclass(frozen=True, slots=True)
class Message:
    """An untranslated user-facing sentence with its parameters.

    ``source`` uses :meth:`str.format` placeholders. Parameters that are dates are formatted by
    the renderer's date formatter; a parameter that is itself a :class:`Message` (a translatable
    word such as an entity name) is rendered with the same translator; floats keep one decimal;
    everything else goes through ``str``.
    """

    context: str
    source: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))

    def render(
        self, translate: Translate = no_translation, format_date: DateFormatter = iso_date
    ) -> str:
        """Return the finished text: translated, with parameters filled in."""
        template = translate(self.context, self.source)
        values = {
            key: _format_value(value, translate, format_date) for key, value in self.params.items()
        }
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the message: fall back to the source text.
            return self.source.format(**values)

    def __str__(self) -> str:
        return self.render()


def _format_value(value: object, translate: Translate, format_date: DateFormatter) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return format_date(value)
    if isinstance(value, Message):
        return value.render(translate, format_date)
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


# ``message`` is on the readiness hot path (100,000 cases assessed at start-up, DESIGN.md §11).
# A frozen dataclass's ``__init__`` plus ``__post_init__`` costs about twice what setting the
# three slots directly does, so ``message`` fills the slots itself. The result is the same value
# ``Message(context, source, params)`` would be: ``**params`` is always a fresh dict owned by
# this call, so wrapping it read-only needs no copy.
_new_object = object.__new__
_set_context = vars(Message)["context"].__set__
_set_source = vars(Message)["source"].__set__
_set_params = vars(Message)["params"].__set__


def message(context: str, source: str, **params: object) -> Message:
    """Build a :class:`Message`; ``source`` should be a literal marked with QT_TRANSLATE_NOOP."""
    built: Message = _new_object(Message)
    _set_context(built, context)
    _set_source(built, source)
    _set_params(built, MappingProxyType(params))
    return built

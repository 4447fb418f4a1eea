"""Text helpers for widgets: rendering domain messages, dates and client data safely.

Client data (names, notes, answers) is shown as plain text everywhere. Qt guesses rich text in
labels, message boxes and tool tips (``Qt::mightBeRichText``), so a note reading ``<b>x</b>``
would turn bold: labels made here are fixed to ``Qt.PlainText`` and tool tips are escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from coetracker.domain.jpdates import DateStyle, format_date
from coetracker.domain.messages import Message
from coetracker.i18n import current_language


class _Display:
    """The date style every widget and printout uses (the user's choice in Settings)."""

    date_style = DateStyle.ISO


def set_date_style(style: DateStyle) -> None:
    """Show dates in ``style`` from now on (ISO 2026-11-27, 2026年11月27日, 令和8年11月27日 …)."""
    _Display.date_style = DateStyle(style)


def date_style() -> DateStyle:
    """The date style in use."""
    return _Display.date_style


def translate(context: str, source: str) -> str:
    """``QCoreApplication.translate``: for sources marked elsewhere with QT_TRANSLATE_NOOP."""
    return QCoreApplication.translate(context, source)


def date_text(value: dt.date | dt.datetime | None) -> str:
    """A date (or date and time) in the chosen display style; blank for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{format_date(value.date(), _Display.date_style)} {value:%H:%M}"
    return format_date(value, _Display.date_style)


def format_display_date(value: dt.date, /) -> str:
    """The ``format_date`` callable for messages and printing: the chosen display style."""
    return format_date(value, _Display.date_style)


def render(message: Message) -> str:
    """A domain message in the current language with dates in the display style."""
    return message.render(translate, format_display_date)


_CJK_MNEMONIC = re.compile(r"\(&[^&)]\)")


def button_text(text: str) -> str:
    """A menu text as a tool-bar button shows it: no mnemonic, no "…".

    Qt drops the ``&`` itself, but a Japanese menu text carries its mnemonic as a suffix,
    ``新規案件(&N)…``, which would show as ``新規案件(N)`` on the button.
    """
    stripped = _CJK_MNEMONIC.sub("", text).replace("&&", "\0").replace("&", "")
    return stripped.replace("\0", "&").replace("…", "").replace("...", "").strip()


def bilingual(japanese: str, english: str | None, template: str = "{ja} — {en}") -> str:
    """A reference name (status, bureau, country) for a list: Japanese alone in the Japanese
    interface, Japanese and English in the English one (so either can be typed to search)."""
    if not english or current_language() == "ja":
        return japanese
    return template.format(ja=japanese, en=english)


def plain_tooltip(text: str) -> str:
    """Tool-tip text that Qt shows literally, even if it looks like HTML, with wrapped lines."""
    if not text:
        return ""
    escaped = html.escape(text).replace("\n", "<br>")
    return f"<qt>{escaped}</qt>"


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False) -> QLabel:
    """A label that never interprets its text as HTML and whose text can be selected."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def or_dash(text: str | None) -> str:
    """Text, or an en dash for a missing value."""
    return text if text else "–"

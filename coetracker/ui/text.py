"""Text helpers for widgets: rendering domain messages, dates and client data safely.

Client data (names, notes, answers) is shown as plain text everywhere. Qt guesses rich text in
labels, message boxes and tool tips (``Qt::mightBeRichText``), so a note reading ``<b>x</b>``
would turn bold: labels made here are fixed to ``Qt.PlainText`` and tool tips are escaped.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from coetracker.domain.jpdates import DateStyle, format_date
from coetracker.domain.messages import Message

DATE_STYLE = DateStyle.ISO


def translate(context: str, source: str) -> str:
    """``QCoreApplication.translate``: for sources marked elsewhere with QT_TRANSLATE_NOOP."""
    return QCoreApplication.translate(context, source)


def date_text(value: dt.date | dt.datetime | None) -> str:
    """A date for display (ISO, as Japanese offices write in spreadsheets); blank for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{format_date(value.date(), DATE_STYLE)} {value:%H:%M}"
    return format_date(value, DATE_STYLE)


def _format(value: dt.date, /) -> str:
    return format_date(value, DATE_STYLE)


def render(message: Message) -> str:
    """A domain message in the current language with dates in the display style."""
    return message.render(translate, _format)


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

"""Per-user display preferences: the interface language and how dates are shown.

Both live in the user's QSettings (the INI file under the data folder, beside the window
state), not in the database, because two people sharing an office database may prefer
different ones.

* Language: ``ja``, ``en`` or blank (follow the system locale). It takes effect at the next
  start: :func:`coetracker.i18n.choose_language` reads it before the window is built.
* Date style: a :class:`~coetracker.domain.jpdates.DateStyle` value; it takes effect at once
  through :func:`coetracker.ui.common.text.set_date_style` (tables, panes and printing).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from coetracker.domain.jpdates import DateStyle
from coetracker.i18n import SETTINGS_DATE_STYLE_KEY, SETTINGS_LANGUAGE_KEY, normalise_language
from coetracker.ui.common import text

DEFAULT_DATE_STYLE = DateStyle.ISO


def saved_language(settings: QSettings) -> str:
    """The language chosen in Settings ("ja" / "en"), or "" to follow the system."""
    return normalise_language(settings.value(SETTINGS_LANGUAGE_KEY, "")) or ""


def save_language(settings: QSettings, language: str) -> None:
    """Remember the language for the next start ("" follows the system)."""
    settings.setValue(SETTINGS_LANGUAGE_KEY, normalise_language(language) or "")


def saved_date_style(settings: QSettings) -> DateStyle:
    """The date style chosen in Settings (ISO when none or unknown)."""
    value = settings.value(SETTINGS_DATE_STYLE_KEY, DEFAULT_DATE_STYLE.value)
    try:
        return DateStyle(str(value))
    except ValueError:
        return DEFAULT_DATE_STYLE


def save_date_style(settings: QSettings, style: DateStyle) -> None:
    """Remember the date style and use it from now on."""
    settings.setValue(SETTINGS_DATE_STYLE_KEY, style.value)
    text.set_date_style(style)


def set_date_style(style: DateStyle) -> None:
    """Use ``style`` from now on without remembering it (no settings file at hand)."""
    text.set_date_style(style)


def apply_saved(settings: QSettings) -> None:
    """Use the saved date style (at start-up, before the window shows any date)."""
    text.set_date_style(saved_date_style(settings))

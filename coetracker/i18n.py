"""Translation: the one place that binds the translatable messages to Qt's translator.

Every user-visible string goes through ``QCoreApplication.translate`` (``self.tr`` in widgets),
so the Japanese interface is a ``.qm`` file loaded here. Non-Qt layers return
:class:`~coetracker.domain.messages.Message` values that callers render with :func:`translate`.

Which language: :func:`choose_language` — an explicit choice (``--lang``), else
``COETRACKER_LANG``, else the choice saved in Settings, else the system locale (Japanese when it
is ``ja_*``). English is the source language, so choosing it loads nothing.

The command line has no QApplication (printing later creates a QGuiApplication, and a bare
QCoreApplication would stand in its way), so :func:`install_translator` keeps the loaded
translator here and :func:`translate` asks it directly; when an application exists the
translator is also installed into it, for ``self.tr`` in widgets. Qt's own catalogue
(``qtbase_ja``: the buttons of message boxes, file and print dialogs) is installed with it, and
argparse's built-in texts ("usage:", "options" …) are routed through the ``argparse`` context.

QtCore is not imported here until an application needs the translators: :func:`translate`
looks messages up in a :class:`~coetracker.qm_catalogue.Catalogue` read from the same ``.qm``
file (identical answers, checked by the tests), so the command line's reading commands run
without loading Qt at all.
"""

from __future__ import annotations

import argparse
import locale
import logging
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coetracker.domain.messages import QT_TRANSLATE_NOOP
from coetracker.qm_catalogue import read_catalogue

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("ja", "en")
"""Interface languages: Japanese and the English source."""

ENV_LANG = "COETRACKER_LANG"
"""Environment variable that picks the interface language (``ja`` or ``en``)."""

SETTINGS_LANGUAGE_KEY = "ui/language"
"""QSettings key of the language chosen in Settings: ``ja``, ``en``, or blank for the system's."""

SETTINGS_DATE_STYLE_KEY = "ui/date_style"
"""QSettings key of the date display style chosen in Settings (a ``DateStyle`` value)."""

_QT_CATALOGUES = ("qtbase",)


Lookup = Callable[[str, str], str]
"""``(context, source) → translation``, ``""`` when there is none (as ``QTranslator.translate``)."""


@dataclass
class _Translators:
    """What :func:`install_translator` loaded: the lookup :func:`translate` uses, and the Qt
    translators installed into the application (made when an application needs them)."""

    language: str = "en"
    ours: Lookup | None = None
    loaded: list[QTranslator] = field(default_factory=list)
    installed_in: QCoreApplication | None = None


_state = _Translators()


def _qt_loaded() -> bool:
    """Whether QtCore is imported (no application can exist before it is)."""
    return "PySide6.QtCore" in sys.modules


def translate(context: str, source: str) -> str:
    """Translate ``source`` in ``context`` (identity when English or nothing is loaded)."""
    ours = _state.ours
    if ours is not None:
        found = ours(context, source)
        if found:
            return found
    if not _qt_loaded():
        return source
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, source)


def current_language() -> str:
    """The language :func:`install_translator` last loaded ("en" when none)."""
    return _state.language


def normalise_language(value: object) -> str | None:
    """``"ja"`` or ``"en"`` for a supported language tag (``ja_JP.UTF-8`` → ``ja``), else None."""
    if not isinstance(value, str):
        return None
    tag = value.strip().lower().replace("-", "_")
    if not tag:
        return None
    primary = tag.split("_", 1)[0].split(".", 1)[0]
    return primary if primary in SUPPORTED_LANGUAGES else None


def system_language() -> str:
    """ "ja" when the system locale is Japanese, else "en"."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    from PySide6.QtCore import QLocale

    name = QLocale.system().name() or (locale.getlocale()[0] or "")
    return "ja" if name.lower().startswith("ja") else "en"


def choose_language(explicit: str | None = None, saved: object = None) -> str:
    """The interface language: ``explicit``, else ``COETRACKER_LANG``, else ``saved``, else the
    system's. Unsupported or blank values are skipped."""
    for candidate in (explicit, os.environ.get(ENV_LANG), saved):
        language = normalise_language(candidate)
        if language is not None:
            return language
    return system_language()


def language_from_argv(argv: Iterable[str]) -> str | None:
    """The value of ``--lang X`` / ``--lang=X`` in raw arguments (before argparse runs)."""
    arguments = list(argv)
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    return None


def translations_dir() -> Path:
    """Where the compiled ``.qm`` files are: packaged resources, or the source tree."""
    package = Path(__file__).resolve().parent  # as importlib.resources.files("coetracker") is
    packaged = package / "resources" / "translations"  # for a package on disk (the bundle too)
    if packaged.is_dir():
        return packaged
    return package.parent / "resources" / "translations"


def _qt_translations_dir() -> str:
    from PySide6.QtCore import QLibraryInfo

    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def _remove_installed() -> None:
    if not _qt_loaded():
        return
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is not None and _state.installed_in is app:
        for translator in _state.loaded:
            QCoreApplication.removeTranslator(translator)
    _state.installed_in = None


def _qt_translator(name: str, folder: str) -> QTranslator | None:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    return translator if translator.load(name, folder) else None


def _qt_translators(language: str) -> list[QTranslator]:
    """Ours and Qt's own catalogues as Qt translators (for ``self.tr`` and Qt's dialogs)."""
    if language == "en":
        return []
    ours = _qt_translator(f"coetracker_{language}", str(translations_dir()))
    if ours is None:
        return []
    loaded = [ours]
    for catalogue in _QT_CATALOGUES:
        qt_translator = _qt_translator(f"{catalogue}_{language}", _qt_translations_dir())
        if qt_translator is not None:
            loaded.append(qt_translator)
    return loaded


def install_into_application() -> None:
    """Install the loaded translators into the running application (for ``self.tr``).

    :func:`install_translator` does this itself when an application exists; call this after
    creating one later. Does nothing without an application or when already installed.
    """
    if not _qt_loaded():
        return
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is None or _state.installed_in is app:
        return
    if not _state.loaded:
        _state.loaded = _qt_translators(_state.language)
    for translator in _state.loaded:
        QCoreApplication.installTranslator(translator)
    _state.installed_in = app


def _lookup(language: str) -> Lookup | None:
    """The messages of ``coetracker_<language>.qm``, read without Qt when its layout is the
    one :mod:`coetracker.qm_catalogue` knows, else through Qt's translator; None if missing."""
    catalogue = read_catalogue(translations_dir() / f"coetracker_{language}.qm")
    if catalogue is not None:
        return catalogue.translate
    translator = _qt_translator(f"coetracker_{language}", str(translations_dir()))
    if translator is None:
        return None

    def qt_lookup(context: str, source: str) -> str:
        return translator.translate(context, source) or ""

    return qt_lookup


_FIXED: dict[str, Lookup | None] = {}


def translator_for(language: str) -> Callable[[str, str], str]:
    """A translate function for ``language`` whatever the interface language: files written in
    one language (Japanese headers with Japanese values) use it. English is the source."""
    if language not in _FIXED:
        loaded: Lookup | None = None
        if language != "en":
            loaded = _lookup(language)
            if loaded is None:
                log.warning("no %s translation found in %s", language, translations_dir())
        _FIXED[language] = loaded
    fixed = _FIXED[language]

    def translate_fixed(context: str, source: str) -> str:
        if fixed is None:
            return source
        return fixed(context, source) or source

    return translate_fixed


def install_translator(language: str) -> bool:
    """Load ``coetracker_<language>.qm`` (and Qt's own catalogue); False if it is unavailable.

    English is the source language: nothing is loaded for it. Without a running application
    the messages still serve :func:`translate`; Qt's translators are made and installed into
    the application when one exists (now, or later through :func:`install_into_application`).
    The language already loaded is not read again (the command line loads it before the
    window's start-up chooses it): it is only installed into an application that lacks it.
    """
    if language != "en" and language == _state.language and _state.ours is not None:
        install_into_application()
        return True
    _remove_installed()
    _state.loaded = []
    _state.ours = None
    _state.language = "en"
    _install_argparse_texts()
    if language == "en":
        return True
    ours = _lookup(language)
    if ours is None:
        log.warning("No compiled translation for %s in %s", language, translations_dir())
        return False
    _state.ours = ours
    _state.language = language
    install_into_application()
    return True


# argparse's own texts, marked so that lupdate puts them in the .ts (Python 3.11–3.13 wording).
ARGPARSE_TEXTS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
    QT_TRANSLATE_NOOP("argparse", "unexpected option string: %s"),
)


def _argparse_text(message: str) -> str:
    return translate("argparse", message)


def _argparse_plural(singular: str, plural: str, n: int) -> str:
    return translate("argparse", singular if n == 1 else plural)


def _install_argparse_texts() -> None:
    """Route argparse's gettext calls through the ``argparse`` context (idempotent)."""
    # argparse looks ``_`` and ``ngettext`` up as module globals at call time.
    setattr(argparse, "_", _argparse_text)  # noqa: B010 - not declared in the stubs
    setattr(argparse, "ngettext", _argparse_plural)  # noqa: B010

"""Translation: the one place that binds the translatable messages to Qt's translator.

Every user-visible string goes through ``QCoreApplication.translate`` (``self.tr`` in widgets),
so the Japanese interface is a ``.qm`` file loaded here. Non-Qt layers return
:class:`~coetracker.domain.messages.Message` values that callers render with :func:`translate`.
"""

from __future__ import annotations

import locale
import os
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

SUPPORTED_LANGUAGES = ("ja", "en")


def translate(context: str, source: str) -> str:
    """Translate ``source`` in ``context`` with the installed translators (identity if none)."""
    return QCoreApplication.translate(context, source)


def system_language() -> str:
    """ "ja" when the system locale is Japanese, else "en"."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    name = QLocale.system().name() or (locale.getlocale()[0] or "")
    return "ja" if name.lower().startswith("ja") else "en"


def translations_dir() -> Path:
    """Where the compiled ``.qm`` files are: packaged resources, or the source tree."""
    packaged = resources.files("coetracker") / "resources" / "translations"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "resources" / "translations"


_installed: list[QTranslator] = []


def install_translator(language: str) -> bool:
    """Load ``coetracker_<language>.qm`` into the running application; False if unavailable.

    English is the source language: nothing is loaded for it. A QCoreApplication must exist.
    """
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return True
    translator = QTranslator()
    if not translator.load(f"coetracker_{language}", str(translations_dir())):
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return True

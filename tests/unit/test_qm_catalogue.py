"""The command line's translation lookup without Qt gives exactly what Qt's translator gives.

The ``.qm`` is compiled here from the committed ``.ts`` (the tests never rely on ``make``), read
by :mod:`coetracker.qm_catalogue`, and every message of the ``.ts`` (plus strings it lacks) is
looked up both ways, in Japanese and in the English source language.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from coetracker import i18n
from coetracker.qm_catalogue import QM_MAGIC, read_catalogue

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "coetracker_ja.ts"


@pytest.fixture(scope="module")
def qm_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("qm")
    target = folder / "coetracker_ja.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(TS_FILE), "-qm", str(target)], check=True)
    return target


def _ts_messages() -> list[tuple[str, str]]:
    root = ET.parse(TS_FILE).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for item in context.iter("message"):
            found.append((name, item.findtext("source") or ""))
    return found


@pytest.fixture
def installed(qm_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "translations_dir", lambda: qm_file.parent)
    i18n._FIXED.clear()
    yield
    i18n.install_translator("en")
    i18n._FIXED.clear()


def test_every_message_translates_as_qt_translates_it(qm_file: Path) -> None:
    catalogue = read_catalogue(qm_file)
    assert catalogue is not None
    qt = QTranslator()
    assert qt.load(str(qm_file))
    messages = [
        *_ts_messages(),
        ("cli", "a string nobody translated"),
        ("NoSuchContext", "reference"),
        ("", ""),
    ]
    assert len(messages) > 1000
    differing = [
        (context, source)
        for context, source in messages
        if catalogue.translate(context, source) != (qt.translate(context, source) or "")
    ]
    assert differing == []
    assert catalogue.translate("cli", "reference") not in ("", "reference")


def test_interface_translate_matches_qt_in_both_languages(installed: None, qm_file: Path) -> None:
    qt = QTranslator()
    assert qt.load(str(qm_file))
    messages = _ts_messages()
    assert i18n.install_translator("ja")
    japanese = [i18n.translate(c, s) for c, s in messages]
    assert japanese == [qt.translate(c, s) or s for c, s in messages]
    assert i18n.translator_for("ja")("cli", "reference") == qt.translate("cli", "reference")
    assert i18n.install_translator("en")
    assert [i18n.translate(c, s) for c, s in messages] == [s for _c, s in messages]
    assert i18n.translator_for("en")("cli", "reference") == "reference"


@pytest.mark.parametrize(
    "content",
    [b"", b"not a qm file", QM_MAGIC + b"\x69\x00\x00\x00\x09\x03\x00\x00", QM_MAGIC + b"\x42"],
)
def test_a_file_laid_out_otherwise_is_left_to_qt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.qm"
    path.write_bytes(content)
    assert read_catalogue(path) is None
    assert read_catalogue(tmp_path / "missing.qm") is None


def test_a_catalogue_qt_must_read_still_translates(
    installed: None, qm_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "read_catalogue", lambda _path: None)
    assert i18n.install_translator("ja")
    qt = QTranslator()
    assert qt.load(str(qm_file))
    assert i18n.translate("cli", "reference") == qt.translate("cli", "reference")


def test_the_language_already_loaded_is_not_read_again(
    installed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[Path] = []

    def counting(path: Path) -> object:
        reads.append(path)
        return read_catalogue(path)

    monkeypatch.setattr(i18n, "read_catalogue", counting)
    assert i18n.install_translator("en")
    assert i18n.install_translator("ja") and i18n.install_translator("ja")
    assert len(reads) == 1 and i18n.current_language() == "ja"
    assert i18n.translate("cli", "reference") != "reference"
    assert i18n.install_translator("en") and i18n.translate("cli", "reference") == "reference"
    assert i18n.install_translator("ja") and len(reads) == 2


_NO_QT = """
import sys
from pathlib import Path
from coetracker import i18n
i18n.translations_dir = lambda: Path(sys.argv[1])
assert i18n.install_translator("ja")
print(i18n.translate("cli", "reference"))
print(i18n.translator_for("ja")("cli", "reference"))
print(sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6")))
"""


def test_the_command_line_translates_without_loading_qt(qm_file: Path) -> None:
    qt = QTranslator()
    assert qt.load(str(qm_file))
    expected = qt.translate("cli", "reference")
    result = subprocess.run(
        [sys.executable, "-c", _NO_QT, str(qm_file.parent)],
        env=dict(os.environ, LANG="C.UTF-8"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [expected, expected, "[]"]

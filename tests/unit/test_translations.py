"""The committed Japanese translation covers every string in the code, completely and safely.

``pyside6-lupdate`` is run over the package into a temporary ``.ts`` (the committed file is
never touched) and compared with ``resources/translations/coetracker_ja.ts``: every source
string the code has must be in the committed file, translated (no ``unfinished``, no empty
text), with exactly the placeholders of its source ({name}, %1, %n, %(name)s, %s), so that
``Message.render`` never falls back to English. A second scan reads the code itself for what
lupdate cannot see: calls inside f-strings, and wrappers such as ``_tr("…")``.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "coetracker"
COMMITTED = ROOT / "resources" / "translations" / "coetracker_ja.ts"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")

PLACEHOLDER = re.compile(
    r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}"  # str.format: {date}, {seconds:.1f}
    r"|%\([A-Za-z_]+\)[sdr]"  # printf with names (argparse): %(prog)s
    r"|%[1-9n]"  # Qt: %1, %n
    r"|%[sdr]"  # printf (argparse): %s, %r
)

# Words that may stay in Latin letters in the Japanese text: names, and values typed as they are
# (option values, file names). Codes in capitals or with digits (CSV, UTF-8, A4) are allowed too.
ALLOWED_LATIN = {
    "Tracker", "Excel", "LibreOffice", "Qt", "Python", "SQLite", "Student", "Ctrl", "Return",
    "iso", "era", "table", "utf", "sig", "coetracker", "before", "restore", "wal", "reference",
    "client", "PostgreSQL", "pgpass", "xlsx", "xls", "csv",
}  # fmt: skip


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    found: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for element in context.findall("message"):
            found[(name, element.findtext("source") or "")] = element
    return found


def _translations(element: ET.Element) -> list[str]:
    translation = element.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    if forms:
        return [form.text or "" for form in forms]
    return [translation.text or ""]


def _placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def committed() -> dict[tuple[str, str], ET.Element]:
    return _messages(COMMITTED)


@pytest.fixture(scope="module")
def from_code(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ET.Element]:
    """What lupdate finds in the code now, in a temporary file."""
    assert LUPDATE.exists(), "pyside6-lupdate ships with PySide6-Essentials"
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    target = tmp_path_factory.mktemp("lupdate") / "coetracker_ja.ts"
    script.lupdate(target)  # the same command the script runs, into a temporary file
    return _messages(target)


def test_every_string_in_the_code_is_in_the_committed_file(
    from_code: dict[tuple[str, str], ET.Element], committed: dict[tuple[str, str], ET.Element]
) -> None:
    missing = sorted(set(from_code) - set(committed))
    assert not missing, "run scripts/update_translations.py and translate:\n" + "\n".join(
        f"  [{context}] {source!r}" for context, source in missing
    )


def test_no_obsolete_entries(
    from_code: dict[tuple[str, str], ET.Element], committed: dict[tuple[str, str], ET.Element]
) -> None:
    stale = sorted(set(committed) - set(from_code))
    assert not stale, (
        "strings no longer in the code (re-run update_translations.py):\n"
        + "\n".join(f"  [{context}] {source!r}" for context, source in stale)
    )


def test_every_entry_is_finished_and_not_empty(
    committed: dict[tuple[str, str], ET.Element],
) -> None:
    bad = []
    for (context, source), element in committed.items():
        translation = element.find("translation")
        assert translation is not None
        kind = translation.get("type")
        texts = _translations(element)
        if kind in ("unfinished", "obsolete", "vanished") or not all(t.strip() for t in texts):
            bad.append(f"  [{context}] {source!r}")
    assert not bad, "unfinished or empty:\n" + "\n".join(bad)


def test_placeholders_match_the_source(committed: dict[tuple[str, str], ET.Element]) -> None:
    bad = []
    for (context, source), element in committed.items():
        for text in _translations(element):
            if _placeholders(text) != _placeholders(source):
                bad.append(f"  [{context}] {source!r} → {text!r}")
    assert not bad, "placeholders differ:\n" + "\n".join(bad)


def test_str_format_translations_format_with_the_source_parameters(
    committed: dict[tuple[str, str], ET.Element],
) -> None:
    """What Message.render does: the translation must .format() with the source's fields."""
    field = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)")
    for (_context, source), element in committed.items():
        names = set(field.findall(source))
        if not names:
            continue
        values: dict[str, object] = {name: 1.5 for name in names}
        source.format(**values)
        for text in _translations(element):
            text.format(**values)  # raises on a broken or foreign field


def test_accelerators_survive(committed: dict[tuple[str, str], ET.Element]) -> None:
    """A menu text with &X keeps one accelerator, written the Japanese way: 編集(&E)."""
    bad = []
    for (context, source), element in committed.items():
        if not re.search(r"&[^&\s]", source.replace("&&", "")):
            continue
        for text in _translations(element):
            if not re.search(r"\(&[A-Z]\)", text):
                bad.append(f"  [{context}] {source!r} → {text!r}")
    assert not bad, "\n".join(bad)


def test_no_english_left(committed: dict[tuple[str, str], ET.Element]) -> None:
    """Translations are Japanese: Latin letters only for names, codes and typed values."""
    word = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
    typed = re.compile(r"Qt for Python|--[a-z-]+|\*\.[a-z0-9]+|\S+\.sqlite3\S*")
    bad = []
    for (context, _source), element in committed.items():
        for text in _translations(element):
            stripped = typed.sub("", PLACEHOLDER.sub("", text))
            foreign = [
                w
                for w in word.findall(stripped)
                if w not in ALLOWED_LATIN and not (w.isupper() or re.search(r"[0-9_]", w))
            ]
            if foreign:
                bad.append(f"  [{context}] {text!r}: {foreign}")
    assert not bad, "English left in the translation:\n" + "\n".join(bad)


def test_every_translation_has_japanese(committed: dict[tuple[str, str], ET.Element]) -> None:
    """Only names and codes ("COE Tracker", "UTF-8", "Qt:") may read the same as the source."""
    japanese = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef、。]")
    bad = []
    for (context, source), element in committed.items():
        for text in _translations(element):
            if (
                not japanese.search(text)
                and re.search(r"[a-z]{3,}", PLACEHOLDER.sub("", text))
                and text.strip(" :") not in ("COE Tracker", "Python", "Qt")
            ):
                bad.append(f"  [{context}] {source!r} → {text!r}")
    assert not bad, "\n".join(bad)


# --- what lupdate cannot see --------------------------------------------------------------------

_TRANSLATING = {"translate", "QT_TRANSLATE_NOOP", "N_"}


def _source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_every_literal_translate_call_is_in_the_file(
    committed: dict[tuple[str, str], ET.Element],
) -> None:
    """lupdate skips calls inside f-strings: a scan of the syntax tree finds them all."""
    missing = []
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else None
            if isinstance(function, ast.Name):
                name = function.id
            if name not in _TRANSLATING:
                continue
            context, source = node.args[0], node.args[1]
            if isinstance(context, ast.Constant) and isinstance(source, ast.Constant):
                key = (str(context.value), str(source.value))
                if key not in committed:
                    missing.append(f"  {path.relative_to(ROOT)}:{node.lineno} {key}")
    assert not missing, "\n".join(missing)


def test_no_wrapper_hides_strings_from_lupdate() -> None:
    """``_tr("…")``-style helpers taking a literal are invisible to lupdate."""
    hidden = []
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_tr", "tr", "_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                hidden.append(f"  {path.relative_to(ROOT)}:{node.lineno} {node.args[0].value!r}")
    assert not hidden, "\n".join(hidden)


def test_self_tr_is_not_inherited() -> None:
    """PySide6 translates ``self.tr`` in the context of the object's own class, while lupdate
    uses the class that contains the call: a class calling ``self.tr`` that another class
    inherits (a mixin, a base dialog) would show English. Such classes must call
    ``QCoreApplication.translate("TheirContext", …)`` instead."""
    classes: dict[str, tuple[Path, list[str], bool]] = {}
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                uses_tr = any(
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "tr"
                    and isinstance(call.func.value, ast.Name)
                    and call.func.value.id == "self"
                    for call in ast.walk(node)
                )
                bases = [
                    ast.unparse(base.value if isinstance(base, ast.Subscript) else base).rsplit(
                        ".", 1
                    )[-1]
                    for base in node.bases
                ]
                classes[node.name] = (path, bases, uses_tr)
    inherited = [
        f"  {name} inherits {base} ({classes[base][0].relative_to(ROOT)})"
        for name, (_path, bases, _uses) in classes.items()
        for base in bases
        if base in classes and classes[base][2]
    ]
    assert not inherited, "\n".join(inherited)


def test_lrelease_compiles_the_file(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    assert lrelease.exists(), "pyside6-lrelease ships with PySide6-Essentials"
    target = tmp_path / "coetracker_ja.qm"
    result = subprocess.run(
        [str(lrelease), str(COMMITTED), "-qm", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "untranslated" not in result.stdout.replace("0 untranslated", "")
    assert target.stat().st_size > 10_000
    shutil.rmtree(tmp_path, ignore_errors=True)

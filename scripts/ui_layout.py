"""Arrange ``coetracker/ui`` in sub-packages and rewrite every import of the old flat modules.

Usage: ``.venv/bin/python scripts/ui_layout.py [--no-move] [--no-ruff]``

1. ``git mv`` each flat module of :data:`MOVES` into its sub-package (creating the package with
   its ``__init__.py``); a module already moved is left alone.
2. Rewrite, in every ``.py`` file of the repository (and the Markdown files beside them), the old
   module paths to the new ones: ``from coetracker.ui.text import render``,
   ``from coetracker.ui import dialogs, labels``, ``"coetracker.ui.worker.QThreadPool"`` in a
   monkeypatch, ``coetracker/ui/startup_probe.py`` in prose.
3. Sort the imports of the files it changed (``ruff check --select I --fix`` and ``ruff format``).

Idempotent: run it again after merging a branch whose new code still imports the old paths, and
only that code changes. Two old modules share their name with a new package
(``dialogs``: the message boxes, now ``common.message_boxes``; ``features``: the installers, now
``features.installers``); an old path followed by a module of that package is a new path and
is left alone.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "coetracker" / "ui"

PACKAGES: dict[str, str] = {
    "window": "The main window: its chrome, its commands, live refresh and the open database.",
    "models": "Qt item models and proxies: the case list, a case's details, imports, settings.",
    "panes": "The panes of the main window: filters, Today, the selected case's tabs, welcome.",
    "dialogs": "Dialogs: the case editor and record dialogs, settings, ledger, about, crash.",
    "features": "Features installed into the window: CSV import/export, printing, backups, "
    "the ledger.",
    "common": "Shared widgets and helpers: text and labels, message boxes, forms, icons, "
    "palette, the background worker, window state.",
}
"""Each sub-package of ``coetracker/ui`` and what its ``__init__.py`` says it holds."""

MOVES: dict[str, tuple[str, str]] = {
    # window/
    "main_window": ("window", "main_window"),
    "main_chrome": ("window", "main_chrome"),
    "case_actions": ("window", "case_actions"),
    "live_refresh": ("window", "live_refresh"),
    "open_database": ("window", "open_database"),
    # models/
    "case_table_model": ("models", "case_table_model"),
    "case_filter_proxy": ("models", "case_filter_proxy"),
    "case_order": ("models", "case_order"),
    "detail_models": ("models", "detail_models"),
    "fees_models": ("models", "fees_models"),
    "import_models": ("models", "import_models"),
    "settings_models": ("models", "settings_models"),
    # panes/
    "detail_tabs": ("panes", "detail_tabs"),
    "overview_pane": ("panes", "overview_pane"),
    "inquiries_pane": ("panes", "inquiries_pane"),
    "requests_pane": ("panes", "requests_pane"),
    "history_pane": ("panes", "history_pane"),
    "fees_pane": ("panes", "fees_pane"),
    "fee_corrections": ("panes", "fee_corrections"),
    "filter_pane": ("panes", "filter_pane"),
    "today_view": ("panes", "today_view"),
    "welcome": ("panes", "welcome"),
    # dialogs/
    "case_editor": ("dialogs", "case_editor"),
    "record_dialog": ("dialogs", "record_dialog"),
    "card_dialog": ("dialogs", "card_dialog"),
    "inquiry_dialog": ("dialogs", "inquiry_dialog"),
    "request_dialog": ("dialogs", "request_dialog"),
    "conflict_dialog": ("dialogs", "conflict_dialog"),
    "settings_dialog": ("dialogs", "settings_dialog"),
    "office_form": ("dialogs", "office_form"),
    "database_settings": ("dialogs", "database_settings"),
    "about_dialog": ("dialogs", "about_dialog"),
    "crash_dialog": ("dialogs", "crash_dialog"),
    "ledger_dialog": ("dialogs", "ledger_dialog"),
    "ledger_settings_dialog": ("dialogs", "ledger_settings_dialog"),
    "print_preview": ("dialogs", "print_preview"),
    "import_dialog": ("dialogs", "import_dialog"),
    "export_dialog": ("dialogs", "export_dialog"),
    # features/
    "features": ("features", "installers"),
    "csv_dialogs": ("features", "csv_actions"),
    "transfer_common": ("features", "transfer_common"),
    "backup_actions": ("features", "backup_actions"),
    "print_actions": ("features", "print_actions"),
    "ledger_actions": ("features", "ledger_actions"),
    # common/
    "dialogs": ("common", "message_boxes"),
    "text": ("common", "text"),
    "labels": ("common", "labels"),
    "context": ("common", "context"),
    "forms": ("common", "forms"),
    "saving": ("common", "saving"),
    "icons": ("common", "icons"),
    "app_icon": ("common", "app_icon"),
    "palette": ("common", "palette"),
    "preferences": ("common", "preferences"),
    "key_column": ("common", "key_column"),
    "window_state": ("common", "window_state"),
    "worker": ("common", "worker"),
    "operations": ("common", "operations"),
    "refcount_guard": ("common", "refcount_guard"),
    "startup_probe": ("common", "startup_probe"),
}
"""Old flat module name → (sub-package, new module name)."""

LINE_LENGTH = 100
SKIPPED_PARTS = {".git", ".venv", "build", "dist", "__pycache__", ".mypy_cache", ".ruff_cache"}


def new_path(old: str) -> str:
    package, module = MOVES[old]
    return f"coetracker.ui.{package}.{module}"


def _package_modules() -> dict[str, set[str]]:
    modules: dict[str, set[str]] = {package: set() for package in PACKAGES}
    for package, module in MOVES.values():
        modules[package].add(module)
    return modules


_MODULES_OF = _package_modules()
_DOTTED = re.compile(r"\bcoetracker\.ui\.(\w+)((?:\.\w+)?)")
_SLASHED = re.compile(r"\bcoetracker/ui/(\w+)\.py\b")
_FROM_UI = re.compile(
    r"^(?P<indent>[ \t]*)from coetracker\.ui import "
    r"(?:\((?P<group>[^)]*)\)|(?P<line>[^\n#]*[^\s#]))(?P<comment>[ \t]*#[^\n]*)?$",
    re.MULTILINE,
)


_IMPORTED = re.compile(r"\s+import\s+\(?\s*(\w+)")


def _is_new_package_path(match: re.Match[str]) -> bool:
    """``coetracker.ui.dialogs.case_editor`` or ``from coetracker.ui.dialogs import case_editor``:
    the new package, not the old module of the same name."""
    name, rest = match.group(1), match.group(2)
    if name not in PACKAGES:
        return False
    if rest:
        return rest[1:] in _MODULES_OF[name]
    imported = _IMPORTED.match(match.string, match.end())
    return imported is not None and imported.group(1) in _MODULES_OF[name]


def _dotted(match: re.Match[str]) -> str:
    name, rest = match.group(1), match.group(2)
    if name not in MOVES or _is_new_package_path(match):
        return match.group(0)
    return new_path(name) + rest


def _slashed(match: re.Match[str]) -> str:
    name = match.group(1)
    if name not in MOVES:
        return match.group(0)
    package, module = MOVES[name]
    return f"coetracker/ui/{package}/{module}.py"


def _from_ui(match: re.Match[str]) -> str:
    indent = match.group("indent")
    names_text = match.group("group") if match.group("group") is not None else match.group("line")
    entries = [part.strip() for part in names_text.replace("\n", " ").split(",") if part.strip()]
    kept: list[str] = []
    moved: dict[str, list[str]] = {}
    for entry in entries:
        name, _, alias = entry.partition(" as ")
        name, alias = name.strip(), alias.strip()
        if name not in MOVES:
            kept.append(entry)
            continue
        package, module = MOVES[name]
        local = alias or name
        moved.setdefault(package, []).append(module if module == local else f"{module} as {local}")
    if not moved:
        return match.group(0)
    lines = []
    if kept:
        lines.append(f"{indent}from coetracker.ui import {', '.join(kept)}")
    for package, names in moved.items():
        lines.append(f"{indent}from coetracker.ui.{package} import {', '.join(names)}")
    comment = match.group("comment") or ""
    return "\n".join(lines) + comment


def rewrite_text(text: str) -> str:
    """``text`` with every old ui module path replaced by its new one."""
    text = _FROM_UI.sub(_from_ui, text)
    text = _DOTTED.sub(_dotted, text)
    return _SLASHED.sub(_slashed, text)


def _files(suffixes: tuple[str, ...]) -> list[Path]:
    found = []
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT).parts
        if path.suffix in suffixes and path.is_file() and not SKIPPED_PARTS & set(relative):
            found.append(path)
    return sorted(found)


def _git(*args: str) -> None:
    subprocess.run(["git", *args], cwd=ROOT, check=True)


def _docstring(text: str) -> str:
    lines = textwrap.wrap(f'"""{text}"""', width=LINE_LENGTH)
    return "\n".join(lines) + "\n"


def long_lines(paths: list[Path]) -> list[str]:
    """Lines the rewrite made longer than ruff allows (prose to re-wrap by hand)."""
    found = []
    for path in paths:
        if path.suffix != ".py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if len(line) > LINE_LENGTH:
                found.append(f"{path.relative_to(ROOT)}:{number}")
    return found


def move_modules() -> list[Path]:
    """``git mv`` the flat modules into their packages; returns the files created or moved."""
    touched: list[Path] = []
    for package, purpose in PACKAGES.items():
        folder = UI / package
        init = folder / "__init__.py"
        if not init.exists():
            folder.mkdir(exist_ok=True)
            init.write_text(_docstring(purpose), encoding="utf-8")
            _git("add", str(init.relative_to(ROOT)))
            touched.append(init)
    for old, (package, module) in MOVES.items():
        source = UI / f"{old}.py"
        target = UI / package / f"{module}.py"
        if source.exists() and not target.exists():
            _git("mv", str(source.relative_to(ROOT)), str(target.relative_to(ROOT)))
            touched.append(target)
    return touched


def rewrite_files() -> list[Path]:
    """Rewrite old paths in every Python and Markdown file; returns the files changed."""
    changed = []
    for path in _files((".py", ".md")):
        if path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        new = rewrite_text(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def tidy(paths: list[Path]) -> None:
    """Sort imports and format the changed Python files with the project's ruff."""
    ruff = Path(sys.executable).with_name("ruff")
    python = [str(p) for p in paths if p.suffix == ".py"]
    if not python or not ruff.exists():
        return
    subprocess.run([str(ruff), "check", "--select", "I", "--fix", "-q", *python], cwd=ROOT)
    subprocess.run([str(ruff), "format", "-q", *python], cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-move", action="store_true", help="only rewrite the imports")
    parser.add_argument("--no-ruff", action="store_true", help="do not sort imports afterwards")
    args = parser.parse_args(argv)
    moved = [] if args.no_move else move_modules()
    changed = rewrite_files()
    if not args.no_ruff:
        tidy(changed + moved)
    print(f"moved {len(moved)} files, rewrote {len(changed)} files")
    for where in long_lines(changed + moved):
        print(f"{where}: longer than {LINE_LENGTH} characters after the rewrite; re-wrap it")
    return 0


if __name__ == "__main__":
    sys.exit(main())

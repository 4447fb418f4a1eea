"""Save as PDF: private to the user, in the documents folder first, then the last one used."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from coetracker.printing.html import PrintDocument
from coetracker.ui import print_preview

pytestmark = pytest.mark.gui


def test_a_saved_pdf_is_private_and_its_folder_remembered(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    chosen = tmp_path / "clients"
    chosen.mkdir()
    monkeypatch.setattr(print_preview, "_default_folder", lambda: documents)
    offered: list[str] = []

    def ask(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(start)
        return str(chosen / f"sheet{len(offered)}.pdf"), ""

    monkeypatch.setattr(print_preview.QFileDialog, "getSaveFileName", ask)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    document = PrintDocument(title="Call sheet 26-0011", html="<p>PERERA NIMAL</p>")

    first = print_preview.save_as_pdf(None, document, settings=settings)
    assert first == chosen / "sheet1.pdf"
    assert Path(offered[0]).parent == documents  # the first save starts in Documents
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    second = print_preview.save_as_pdf(None, document, settings=settings)
    assert second is not None
    assert Path(offered[1]).parent == chosen  # the next starts where the last was saved
    assert stat.S_IMODE(second.stat().st_mode) == 0o600

"""Save as PDF: private to the user, in the documents folder first, then the last one used."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from coetracker.printing.html import PrintDocument
from coetracker.ui.dialogs import print_preview

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

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
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


def test_the_preview_lays_out_pages_as_the_pdf_does(qtbot, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from coetracker.printing.pdf import PDF_RESOLUTION, paint_document, write_pdf

    rows = "".join(
        f"<tr><td>26-{n:04d}</td><td>{'審査状況の確認と追加資料の提出期限 ' * 3}</td></tr>"
        for n in range(160)
    )
    document = PrintDocument(title="Cases", html=f"<table>{rows}</table>", landscape=True)
    printer = print_preview.make_printer(document)
    assert printer.resolution() == PDF_RESOLUTION
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    assert paint_document(document, printer) == write_pdf(document, tmp_path / "saved.pdf")

"""Print preview, printing and "Save as PDF" for the main window's File › Print actions.

The main window builds a document in the background with :mod:`coetracker.printing.documents`
(``case_summary_for``, ``call_sheet_for``, ``case_list_for``; or plain HTML) and hands it, on the
GUI thread, to one of:

* :func:`show_print_preview` — a modal QPrintPreviewDialog on A4 (landscape for the case list)
  with a "Save as PDF…" button in its tool bar; printing from it paints on the chosen printer.
* :func:`print_document` — the system print dialog, then print.
* :func:`save_as_pdf` — a file dialog, then the PDF (errors shown in a message box).

Painting is done by :func:`coetracker.printing.pdf.paint_document`, the very code the CLI uses, so
the preview, the paper and ``coetracker print`` show the same pages.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QToolBar, QWidget

from coetracker.i18n import translate
from coetracker.printing.html import PrintDocument
from coetracker.printing.pdf import (
    PDF_RESOLUTION,
    PrintError,
    page_layout,
    paint_document,
    write_pdf,
)

__all__ = [
    "PreviewDialog",
    "as_document",
    "make_preview_dialog",
    "make_printer",
    "print_document",
    "save_as_pdf",
    "show_print_preview",
    "suggested_file_name",
]

KEY_PDF_FOLDER = "print/pdfFolder"
"""Settings key: the folder the last PDF was saved in (the next save starts there)."""
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def as_document(html: PrintDocument | str) -> PrintDocument:
    """A document as is, or bare HTML as an A4 portrait document without a title."""
    if isinstance(html, PrintDocument):
        return html
    return PrintDocument(title="", html=html)


def make_printer(document: PrintDocument) -> QPrinter:
    """A printer set to A4 in the document's orientation, margins included.

    It lays text out at the PDF's resolution: text wraps identically, so the preview breaks
    pages where the saved PDF does.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PDF_RESOLUTION)
    printer.setPageLayout(page_layout(document))
    printer.setDocName(document.title or "COE Tracker")
    return printer


def suggested_file_name(document: PrintDocument) -> str:
    """``Call sheet 26-0011 PERERA NIMAL.pdf``: the title, safe on every file system."""
    stem = " ".join(_UNSAFE_IN_FILE_NAMES.sub(" ", document.title).split()).strip(" .")
    stem = stem or "COE Tracker"
    return f"{stem[:120]}.pdf"


class PreviewDialog(QPrintPreviewDialog):
    """The preview, holding its document and printer (QPrintPreviewDialog does not own it)."""

    def __init__(self, document: PrintDocument, parent: QWidget | None) -> None:
        printer = make_printer(document)
        super().__init__(printer, parent)
        self.document = document
        self.page_printer = printer


def make_preview_dialog(
    parent: QWidget | None, html: PrintDocument | str, settings: QSettings | None = None
) -> PreviewDialog:
    """The preview dialog for ``html``, not yet shown (tests open it without blocking)."""
    document = as_document(html)
    dialog = PreviewDialog(document, parent)
    dialog.setWindowTitle(
        translate("Printing", "Print preview: {title}").format(title=document.title)
        if document.title
        else translate("Printing", "Print preview")
    )
    dialog.paintRequested.connect(lambda device: paint_document(document, device))
    save = QAction(translate("Printing", "Save as PDF…"), dialog)
    save.setToolTip(translate("Printing", "Write these pages to a PDF file"))
    save.triggered.connect(lambda: save_as_pdf(dialog, document, settings=settings))
    toolbar = dialog.findChild(QToolBar)
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addAction(save)
    else:
        dialog.addAction(save)
    dialog.resize(980, 900)
    return dialog


def show_print_preview(
    parent: QWidget | None, html: PrintDocument | str, settings: QSettings | None = None
) -> bool:
    """Show the preview modally; True if the user printed from it."""
    dialog = make_preview_dialog(parent, html, settings)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def print_document(parent: QWidget | None, html: PrintDocument | str) -> bool:
    """Ask for a printer with the system dialog and print; True if printed."""
    document = as_document(html)
    printer = make_printer(document)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("Printing", "Print"))
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    finally:
        dialog.deleteLater()
    paint_document(document, printer)
    return True


def _default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def _remembered_folder(settings: QSettings | None) -> Path | None:
    if settings is None:
        return None
    value = settings.value(KEY_PDF_FOLDER)
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else None


def save_as_pdf(
    parent: QWidget | None,
    html: PrintDocument | str,
    *,
    folder: Path | None = None,
    settings: QSettings | None = None,
) -> Path | None:
    """Ask where to save and write the PDF; the path written, or None (cancelled or failed).

    The dialog starts in ``folder``, else the folder of the last PDF saved (kept in
    ``settings``), else the documents folder. The file holds personal data: it is made
    readable by the user only.
    """
    document = as_document(html)
    start_folder = folder or _remembered_folder(settings) or _default_folder()
    start = start_folder / suggested_file_name(document)
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        translate("Printing", "Save as PDF"),
        str(start),
        translate("Printing", "PDF files (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_pdf(document, path)
    except PrintError as error:
        QMessageBox.warning(
            parent, translate("Printing", "Save as PDF"), error.message.render(translate)
        )
        return None
    with contextlib.suppress(OSError):  # a file system without modes (a FAT stick)
        path.chmod(0o600)
    if settings is not None:
        settings.setValue(KEY_PDF_FOLDER, str(path.parent))
    return path

"""Painting a :class:`~coetracker.printing.html.PrintDocument` on A4 pages: PDF file or printer.

Only QtGui and QtPrintSupport-free QtGui classes are used (``QPdfWriter``, ``QTextDocument``,
``QPainter``), so ``coetracker print`` works headless; the GUI passes its ``QPrinter`` (a
``QPagedPaintDevice`` too) to :func:`paint_document` from the print preview.

Pages are painted one by one, as ``QTextDocument.print`` does internally, so that each page gets a
running header (office name, document title) and footer (print time, "Page n of m"): the document
is laid out for the paint device (its resolution), paginated to the body height, and each slice is
drawn between the header and footer bands. Tables with a ``<thead>`` repeat their header row on
every page (Qt's pagination does this).

Japanese needs a CJK font: :func:`cjk_font_family` prefers Noto Sans CJK JP and falls back to any
family that supports Japanese; the document's default font and the header/footer font use it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from coetracker import APP_NAME
from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.errors import UserFacingError
from coetracker.fsutil import atomic_write_bytes, private_file
from coetracker.i18n import translate
from coetracker.printing.html import PrintDocument

__all__ = [
    "PREFERRED_FAMILIES",
    "PrintError",
    "cjk_font_family",
    "configure_page",
    "ensure_gui_application",
    "page_layout",
    "paint_document",
    "write_pdf",
]

PREFERRED_FAMILIES = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "Source Han Sans",
    "Noto Serif CJK JP",
    "IPAexGothic",
    "IPAGothic",
    "Yu Gothic",
    "Meiryo",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "MS Gothic",
)
"""CJK families in order of preference (Linux, Windows, macOS names)."""

PDF_RESOLUTION = 600
DISABLED_FEATURES = ("locl", "liga")
"""OpenType features turned off so that the PDF's text can be extracted and searched.

With ``locl`` on, Noto Sans CJK substitutes the digits of Latin-script runs with glyphs that have
no character mapping, and Qt's PDF writer then cannot say which characters they are: the
application number "東就認T26-12345" would extract as "東就認T -" (pdftotext, copy and paste,
search). ``liga`` turns "fi" into "ﬁ", which a search for "filed" does not match. The JP font's
default glyphs are the Japanese forms already, so nothing visible is lost.
"""
FIT_STEP = 0.05
HEADER_POINT_SIZE = 7.5
PORTRAIT_MARGINS_MM = QMarginsF(16, 11, 14, 11)
LANDSCAPE_MARGINS_MM = QMarginsF(11, 10, 11, 10)
RULE_COLOR = QColor("#777777")

_created_app: list[QGuiApplication] = []


def _unified_code_points() -> dict[bytes, bytes]:
    """``<2F0A>`` → ``<5165>``: CMap targets to rewrite, as same-length hex tokens."""
    mapping = {0x2027: 0x30FB}  # ‧ → ・ (katakana middle dot, same glyph in CJK fonts)
    for code in range(0x2F00, 0x2FD6):  # Kangxi radicals → the unified ideograph (⼊ → 入)
        unified = unicodedata.normalize("NFKC", chr(code))
        if len(unified) == 1 and ord(unified) < 0x10000:
            mapping[code] = ord(unified)
    return {f"<{a:04X}>".encode(): f"<{b:04X}>".encode() for a, b in mapping.items()}


_CMAP_TARGETS = _unified_code_points()
_BFRANGE = re.compile(rb"beginbfrange\n(.*?)endbfrange", re.S)
_TOKEN = re.compile(rb"<[0-9A-F]{4}>")


class PrintError(UserFacingError):
    """The PDF could not be written (folder missing, no permission, disk full)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            message(
                "Printing",
                QT_TRANSLATE_NOOP("Printing", "Could not write the PDF {path}: {reason}"),
                path=str(path),
                reason=reason,
            ),
            detail=reason,
        )
        self.path = path


def needs_offscreen(environ: Mapping[str, str], platform: str) -> bool:
    """Whether a GUI application created here must use the offscreen platform (no display)."""
    if environ.get("QT_QPA_PLATFORM"):
        return False
    if platform.startswith(("win", "darwin", "cygwin")):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication (or QApplication), else a new one (offscreen without display).

    A running GUI keeps its QApplication untouched. A bare QCoreApplication cannot paint text:
    that is a programming error.
    """
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if existing is not None:
        raise RuntimeError("printing needs a QGuiApplication, but a QCoreApplication is running")
    if needs_offscreen(os.environ, sys.platform):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else APP_NAME])
    _created_app.append(app)  # keep it alive for the rest of the process
    return app


@lru_cache(maxsize=1)
def cjk_font_family() -> str | None:
    """A font family that draws Japanese, or None when the system has none."""
    ensure_gui_application()
    families = QFontDatabase.families()
    available = set(families)
    for family in PREFERRED_FAMILIES:
        if family in available:
            return family
    japanese = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    return japanese[0] if japanese else None


def document_font(point_size: float) -> QFont:
    """The body font: the CJK family (when found) at ``point_size``."""
    font = QFont()
    family = cjk_font_family()
    if family is not None:
        font.setFamilies([family])
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    for tag in DISABLED_FEATURES:
        font.setFeature(QFont.Tag(tag), 0)
    return font


def page_layout(document: PrintDocument) -> QPageLayout:
    """A4 in the document's orientation with the print margins."""
    orientation = (
        QPageLayout.Orientation.Landscape
        if document.landscape
        else QPageLayout.Orientation.Portrait
    )
    margins = LANDSCAPE_MARGINS_MM if document.landscape else PORTRAIT_MARGINS_MM
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orientation, margins, QPageLayout.Unit.Millimeter
    )


def configure_page(device: QPagedPaintDevice, document: PrintDocument) -> None:
    """Set A4, orientation and margins on a PDF writer or printer before painting."""
    device.setPageLayout(page_layout(document))


def _text_document(document: PrintDocument, device: QPagedPaintDevice) -> QTextDocument:
    text = QTextDocument()
    text.documentLayout().setPaintDevice(device)
    text.setDefaultFont(document_font(document.point_size))
    text.setDocumentMargin(0)
    text.setUndoRedoEnabled(False)
    text.setHtml(document.html)
    return text


def paint_document(document: PrintDocument, device: QPagedPaintDevice) -> int:
    """Paint every page of ``document`` on ``device`` (already configured); return page count.

    The device's page layout decides the size; :func:`configure_page` sets A4. The caller owns
    the device (a QPdfWriter, or the QPrinter of a print dialog or preview).
    """
    ensure_gui_application()
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("the paint device refused to start painting")
    try:
        return _paint_pages(painter, device, document)
    finally:
        painter.end()


def _fit(text: QTextDocument, width: float, height: float, min_scale: float) -> float:
    """Paginate ``text`` for a body of ``width`` × ``height``; return the scale to paint it at.

    A document that overflows one page by a little is shrunk (in steps of 5 %, down to
    ``min_scale``) when that makes it fit on one page; otherwise it keeps its size and runs on.
    """
    text.setPageSize(QSizeF(width, height))
    if text.pageCount() <= 1 or min_scale >= 1:
        return 1.0
    steps = round((1 - min_scale) / FIT_STEP)
    for step in range(1, steps + 1):
        scale = 1 - step * FIT_STEP
        text.setPageSize(QSizeF(width / scale, height / scale))
        if text.pageCount() <= 1:
            return scale
    text.setPageSize(QSizeF(width, height))
    return 1.0


def _paint_pages(painter: QPainter, device: QPagedPaintDevice, document: PrintDocument) -> int:
    width = float(device.width())
    height = float(device.height())
    band_font = document_font(HEADER_POINT_SIZE)
    metrics = QFontMetricsF(band_font, device)
    band = metrics.height() * 2.2
    body_height = height - 2 * band

    text = _text_document(document, device)
    scale = _fit(text, width, body_height, document.min_scale)
    page_width, page_height = width / scale, body_height / scale
    layout = text.documentLayout()
    pages = max(1, text.pageCount())

    palette = QPalette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor(Qt.GlobalColor.black))
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette = palette

    rule = QPen(RULE_COLOR)
    rule.setWidthF(max(1.0, device.logicalDpiY() / 300))
    page_text = translate("Printing", "Page {page} of {pages}")
    for index in range(pages):
        if index > 0:
            device.newPage()
        painter.setFont(band_font)
        painter.setPen(QColor(Qt.GlobalColor.black))
        top = QRectF(0, 0, width, band - metrics.height() * 0.6)
        painter.drawText(
            top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, document.header
        )
        painter.drawText(
            top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, document.title
        )
        painter.setPen(rule)
        painter.drawLine(
            QPointF(0, top.bottom() + metrics.descent()),
            QPointF(width, top.bottom() + metrics.descent()),
        )

        painter.save()
        painter.translate(0, band)
        painter.scale(scale, scale)
        painter.setClipRect(QRectF(0, 0, page_width, page_height))
        painter.translate(0, -index * page_height)
        context.clip = QRectF(0, index * page_height, page_width, page_height)
        layout.draw(painter, context)
        painter.restore()

        bottom = QRectF(
            0, height - band + metrics.height() * 0.6, width, band - metrics.height() * 0.6
        )
        painter.setPen(rule)
        painter.drawLine(QPointF(0, bottom.top()), QPointF(width, bottom.top()))
        painter.setPen(QColor(Qt.GlobalColor.black))
        painter.drawText(
            bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, document.footer
        )
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            page_text.format(page=index + 1, pages=pages),
        )
    return pages


def _remap_line(line: bytes) -> bytes:
    """One ``bfrange`` line with its Unicode targets (never its glyph ids) rewritten."""
    if b"[" in line:  # <first> <last> [<u1> <u2> ...]: one target per glyph
        head, _, targets = line.partition(b"[")
        return head + b"[" + _TOKEN.sub(lambda m: _CMAP_TARGETS.get(m[0], m[0]), targets)
    parts = line.split(b" ")
    if len(parts) == 3 and parts[0] == parts[1]:  # <glyph> <glyph> <u>: a single glyph
        parts[2] = _CMAP_TARGETS.get(parts[2], parts[2])
        return b" ".join(parts)
    return line


def fix_text_mapping(data: bytes) -> bytes:
    """Make the PDF's text extract as the characters that were printed.

    Qt writes each font's ToUnicode CMap by asking, for every glyph, the lowest code point the
    font maps to it. CJK fonts draw a Kangxi radical and its ideograph with one glyph, so "入",
    "工", "人", "文", "門" came out as "⼊", "⼯", "⼈", "⽂", "⾨" (U+2Fxx), and "・" as "‧": a
    search for 出入国在留管理局 or a copied name would not match. The targets are rewritten in
    place with tokens of the same length, so every offset in the file stays valid. Qt writes these
    CMaps uncompressed; anything else is left as it is.
    """

    def fixed(match: re.Match[bytes]) -> bytes:
        lines = match[1].split(b"\n")
        return b"beginbfrange\n" + b"\n".join(_remap_line(line) for line in lines) + b"endbfrange"

    return _BFRANGE.sub(fixed, data)


def write_pdf(document: PrintDocument, path: Path | str) -> int:
    """Write ``document`` as an A4 PDF at ``path``; return the page count.

    The PDF is written beside the target and moved into place when complete, so a failure never
    leaves a half-written file (nor destroys an earlier one); it is readable by the user alone
    (0600), whatever the umask. Raises :class:`PrintError`.
    """
    ensure_gui_application()
    target = Path(path)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        private_file(partial)  # 0600 under any umask: the PDF may hold a passport number
    except OSError as error:
        raise PrintError(target, error.strerror or type(error).__name__) from error
    try:
        writer = QPdfWriter(str(partial))
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(document.title)
        writer.setCreator(APP_NAME)
        configure_page(writer, document)
        pages = paint_document(document, writer)
        del writer
        data = partial.read_bytes()
        if not data:
            raise PrintError(target, translate("Printing", "nothing was written"))
        atomic_write_bytes(target, fix_text_mapping(data))
    except OSError as error:
        raise PrintError(target, error.strerror or type(error).__name__) from error
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return pages

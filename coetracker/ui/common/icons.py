"""Icons painted in code: one shape per readiness level, and pass/fail marks.

Each level has its own shape as well as its colour (triangle, hourglass, document, check, question
mark, clock, certificate, hollow ring, dash), so the badge reads without colour vision and in a
grey-scale printout. Painting them keeps them sharp at every device-pixel ratio and needs no
resource files.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication

from coetracker.domain.model import Level
from coetracker.ui.common.palette import is_dark, level_colours

_SIZES = (16, 20, 24, 32, 48)
_cache: dict[tuple[str, bool], QIcon] = {}

Painter = Callable[[QPainter, QColor, QColor], None]
# Shapes are drawn on a 64×64 canvas; ``fill`` is the level colour, ``mark`` the contrasting sign.


def _pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _disc(p: QPainter, fill: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawEllipse(QRectF(4, 4, 56, 56))


def _overdue(p: QPainter, fill: QColor, mark: QColor) -> None:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(32, 3), QPointF(62, 58), QPointF(2, 58)]))
    path.closeSubpath()
    p.setPen(_pen(fill, 4))
    p.setBrush(fill)
    p.drawPath(path)
    p.setPen(_pen(mark, 7))
    p.drawLine(QPointF(32, 22), QPointF(32, 39))
    p.drawPoint(QPointF(32, 49))


def _expiring(p: QPainter, fill: QColor, mark: QColor) -> None:
    _disc(p, fill)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(mark)
    p.drawPolygon(QPolygonF([QPointF(20, 15), QPointF(44, 15), QPointF(32, 32)]))
    p.drawPolygon(QPolygonF([QPointF(32, 32), QPointF(44, 49), QPointF(20, 49)]))


def _renewal(p: QPainter, fill: QColor, mark: QColor) -> None:
    """A card with a circular arrow: the residence card needs renewing."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawRoundedRect(QRectF(4, 10, 56, 44), 6, 6)
    p.setPen(_pen(mark, 5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(18, 18, 28, 28), 30 * 16, 280 * 16)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(mark)
    p.drawPolygon(QPolygonF([QPointF(40, 14), QPointF(50, 26), QPointF(37, 28)]))


def _due(p: QPainter, fill: QColor, mark: QColor) -> None:
    path = QPainterPath()
    path.addPolygon(
        QPolygonF(
            [QPointF(10, 4), QPointF(42, 4), QPointF(56, 18), QPointF(56, 60), QPointF(10, 60)]
        )
    )
    path.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawPath(path)
    p.setPen(_pen(mark, 5))
    for y in (26, 37, 48):
        p.drawLine(QPointF(19, y), QPointF(47, y))


def _ready(p: QPainter, fill: QColor, mark: QColor) -> None:
    _disc(p, fill)
    p.setPen(_pen(mark, 7))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolyline(QPolygonF([QPointF(18, 33), QPointF(28, 43), QPointF(46, 22)]))


def _missing(p: QPainter, fill: QColor, mark: QColor) -> None:
    _disc(p, fill)
    font = QFont()
    font.setPixelSize(42)
    font.setBold(True)
    p.setFont(font)
    p.setPen(mark)
    p.drawText(QRectF(4, 4, 56, 56), Qt.AlignmentFlag.AlignCenter, "?")


def _waiting(p: QPainter, fill: QColor, mark: QColor) -> None:
    _disc(p, fill)
    p.setPen(_pen(mark, 6))
    p.drawLine(QPointF(32, 32), QPointF(32, 16))
    p.drawLine(QPointF(32, 32), QPointF(44, 39))


def _issued(p: QPainter, fill: QColor, mark: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawRoundedRect(QRectF(4, 10, 56, 44), 6, 6)
    p.setBrush(mark)
    p.drawEllipse(QRectF(36, 26, 16, 16))
    p.setPen(_pen(mark, 5))
    p.drawLine(QPointF(13, 24), QPointF(29, 24))
    p.drawLine(QPointF(13, 36), QPointF(29, 36))


def _preparing(p: QPainter, fill: QColor, mark: QColor) -> None:
    del mark
    p.setPen(_pen(fill, 7))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QRectF(9, 9, 46, 46))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawEllipse(QRectF(26, 26, 12, 12))


def _closed(p: QPainter, fill: QColor, mark: QColor) -> None:
    _disc(p, fill)
    p.setPen(_pen(mark, 7))
    p.drawLine(QPointF(19, 32), QPointF(45, 32))


_LEVEL_PAINTERS: dict[Level, Painter] = {
    Level.DOCS_OVERDUE: _overdue,
    Level.COE_EXPIRING: _expiring,
    Level.RENEWAL_DUE: _renewal,
    Level.DOCS_DUE: _due,
    Level.READY: _ready,
    Level.MISSING_INFO: _missing,
    Level.WAITING: _waiting,
    Level.ISSUED: _issued,
    Level.PREPARING: _preparing,
    Level.CLOSED: _closed,
}


def _pass(p: QPainter, fill: QColor, mark: QColor) -> None:
    _ready(p, fill, mark)


def _fail(p: QPainter, fill: QColor, mark: QColor) -> None:
    _disc(p, fill)
    p.setPen(_pen(mark, 7))
    p.drawLine(QPointF(21, 21), QPointF(43, 43))
    p.drawLine(QPointF(43, 21), QPointF(21, 43))


def _paint_icon(painter_fn: Painter, fill: QColor, mark: QColor) -> QIcon:
    icon = QIcon()
    screen = QApplication.primaryScreen() if QApplication.instance() is not None else None
    ratio = max(2.0, screen.devicePixelRatio() if screen is not None else 2.0)
    for size in _SIZES:
        pixmap = QPixmap(int(size * ratio), int(size * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(size / 64.0, size / 64.0)
        painter_fn(painter, fill, mark)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _palette() -> QPalette:
    return QApplication.palette()


def level_icon(level: Level, palette: QPalette | None = None) -> QIcon:
    """The badge icon of a level, coloured for ``palette`` (default: the application's)."""
    palette = palette or _palette()
    dark = is_dark(palette)
    key = (level.name, dark)
    icon = _cache.get(key)
    if icon is None:
        accent = level_colours(level, palette).accent
        icon = _paint_icon(_LEVEL_PAINTERS[level], accent, QColor("white"))
        _cache[key] = icon
    return icon


def mark_icon(passed: bool, palette: QPalette | None = None) -> QIcon:
    """A check (rule passed) or a cross (rule not met), for the readiness explanation."""
    palette = palette or _palette()
    dark = is_dark(palette)
    key = ("pass" if passed else "fail", dark)
    icon = _cache.get(key)
    if icon is None:
        level = Level.READY if passed else Level.CLOSED
        fill = level_colours(level, palette).accent
        icon = _paint_icon(_pass if passed else _fail, fill, QColor("white"))
        _cache[key] = icon
    return icon


def clear_cache() -> None:
    """Forget painted icons (after a palette change)."""
    _cache.clear()


__all__ = ["clear_cache", "level_icon", "mark_icon"]

"""The one place that decides the colour of each readiness level.

Colours are derived from the widget palette in force, so they read on light and dark themes
alike: a row tint is the level's hue blended into the palette's base colour, and the level's text
colour is that hue made dark enough (light theme) or light enough (dark theme) to keep a WCAG
contrast of at least 4.5:1 against the tint. Colour is never the only signal: the badge column
also shows an icon whose shape differs per level, and the level's short label.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from coetracker.domain.levels import LEVEL_HUES
from coetracker.domain.model import Level

# Hue (degrees), saturation (0–1) of each level's colour role: one source, in the domain.
_HUES: dict[Level, tuple[int, float]] = LEVEL_HUES

# How much of the hue goes into the row tint (light, dark palette).
_TINT = {
    Level.DOCS_OVERDUE: (0.20, 0.34),
    Level.COE_EXPIRING: (0.18, 0.30),
    Level.RENEWAL_DUE: (0.17, 0.28),
    Level.DOCS_DUE: (0.18, 0.28),
    Level.READY: (0.16, 0.26),
    Level.MISSING_INFO: (0.15, 0.26),
    Level.WAITING: (0.10, 0.20),
    Level.ISSUED: (0.12, 0.22),
    Level.PREPARING: (0.00, 0.00),
    Level.CLOSED: (0.06, 0.10),
}

MIN_CONTRAST = 4.5


@dataclass(frozen=True, slots=True)
class LevelColours:
    """The colours of one level on one palette."""

    accent: QColor  # icons, chip borders: the level's colour at full strength
    background: QColor  # row tint
    foreground: QColor  # the level's text (badge label, headline) on the tint


def is_dark(palette: QPalette) -> bool:
    """Whether the palette's base (the colour behind table cells) is dark."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def relative_luminance(colour: QColor) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio between two colours (1–21)."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def blend(under: QColor, over: QColor, amount: float) -> QColor:
    """``over`` laid on ``under`` with opacity ``amount`` (0–1)."""
    return QColor.fromRgbF(
        under.redF() + (over.redF() - under.redF()) * amount,
        under.greenF() + (over.greenF() - under.greenF()) * amount,
        under.blueF() + (over.blueF() - under.blueF()) * amount,
    )


def _hsl(hue: int, saturation: float, lightness: float) -> QColor:
    return QColor.fromHslF(hue / 360.0, saturation, max(0.0, min(1.0, lightness)))


def _readable(hue: int, saturation: float, background: QColor, *, dark: bool) -> QColor:
    """The hue at the first lightness (moving away from the background) with enough contrast."""
    lightness = 0.72 if dark else 0.36
    step = 0.03 if dark else -0.03
    colour = _hsl(hue, saturation, lightness)
    while contrast(colour, background) < MIN_CONTRAST and 0.0 < lightness < 1.0:
        lightness += step
        colour = _hsl(hue, saturation, lightness)
    return colour


def level_colours(level: Level, palette: QPalette) -> LevelColours:
    """The colours of ``level`` on ``palette``."""
    dark = is_dark(palette)
    hue, saturation = _HUES[level]
    accent = _hsl(hue, saturation, 0.62 if dark else 0.45)
    base = palette.color(QPalette.ColorRole.Base)
    amount = _TINT[level][1 if dark else 0]
    background = blend(base, accent, amount)
    foreground = _readable(hue, saturation, background, dark=dark)
    return LevelColours(accent=accent, background=background, foreground=foreground)


class LevelPalette:
    """Every level's colours for one palette, computed once (models ask for them per cell)."""

    def __init__(self, palette: QPalette) -> None:
        self.dark = is_dark(palette)
        self._colours = {level: level_colours(level, palette) for level in Level}

    def __getitem__(self, level: Level) -> LevelColours:
        return self._colours[level]


def overdue_colours(palette: QPalette) -> LevelColours:
    """Colours that make an overdue item stand out (document requests pane)."""
    return level_colours(Level.DOCS_OVERDUE, palette)


def warning_colour(palette: QPalette) -> QColor:
    """A warning's text colour (the overdue red) readable on the palette's window background."""
    background = palette.color(QPalette.ColorRole.Window)
    hue, saturation = _HUES[Level.DOCS_OVERDUE]
    return _readable(hue, saturation, background, dark=background.lightnessF() < 0.5)


PLACEHOLDER_CONTRAST = 4.5


def placeholder_colour(palette: QPalette) -> QColor:
    """Placeholder text for an input field: the palette's own when it reads on the field's
    base colour, else the text colour faded only as far as it still reads (a dark palette
    built from a light one keeps the light theme's dark grey, unreadable on a dark field)."""
    base = palette.color(QPalette.ColorRole.Base)
    own = palette.color(QPalette.ColorRole.PlaceholderText)
    shown = blend(base, own, own.alphaF())
    if contrast(shown, base) >= PLACEHOLDER_CONTRAST:
        return own
    text = palette.color(QPalette.ColorRole.Text)
    amount = 0.55
    colour = blend(base, text, amount)
    while contrast(colour, base) < PLACEHOLDER_CONTRAST and amount < 1.0:
        amount = min(1.0, amount + 0.05)
        colour = blend(base, text, amount)
    return colour

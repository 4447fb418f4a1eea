"""Keeping the key column of a table readable: it takes the width the other columns leave.

The "Why" column says what to do about a case; it is the one users must be able to read. A
header's own Stretch mode gives a stretched section only the global minimum once the other
columns overflow, so :class:`KeyColumnFitter` sets the key section's width itself whenever the
viewport or another section changes size: the space left over, and never less than
``min_chars`` average characters of the table's font (the table then scrolls sideways).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

_PADDING = 16  # the cell's margins and the elision dots


class KeyColumnFitter(QObject):
    """Give ``column`` of ``table`` the width the other visible columns leave."""

    def __init__(self, table: QTableView, column: int, *, min_chars: int = 40) -> None:
        super().__init__(table)
        self.table = table
        self.column = column
        self.min_chars = min_chars
        self._fitting = False
        header = table.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._section_resized)
        header.sectionCountChanged.connect(lambda _old, _new: self.fit())
        table.viewport().installEventFilter(self)

    def minimum_width(self) -> int:
        """The narrowest the key column may become, in pixels."""
        return self.table.fontMetrics().averageCharWidth() * self.min_chars + _PADDING

    def fit(self) -> None:
        """Size the key column now."""
        if self._fitting:
            return
        header = self.table.horizontalHeader()
        if header.isSectionHidden(self.column):
            return
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.column and not header.isSectionHidden(c)
        )
        width = max(self.minimum_width(), self.table.viewport().width() - others)
        if header.sectionSize(self.column) != width:
            self._fitting = True
            try:
                header.resizeSection(self.column, width)
            finally:
                self._fitting = False

    def _section_resized(self, logical: int, _old: int, _new: int) -> None:
        if logical != self.column:
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

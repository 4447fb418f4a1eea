"""Live refresh of the main window: other people's changes appear without pressing F5.

Twice a second the window asks :class:`~coetracker.services.live.LiveChanges` (in the
background worker) whether someone committed; the cases they changed are re-read and swapped
into the table model by id (``upsert_rows``/``remove_ids``), so the selection and the scroll
position stay where they were; an open editor on a changed case warns that saving will show
both versions. An office server that stops answering puts "Office server
unreachable — retrying" in the status bar until it answers again; then the list is reloaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer

if TYPE_CHECKING:
    from coetracker.services.live import LiveChanges, LiveUpdate

POLL_MS = 500


class LiveRefresh:
    """Mixin for the main window: call :meth:`setup_live` once, :meth:`start_live` after each
    full load, :meth:`stop_live` before the database goes away."""

    _live: LiveChanges | None
    _live_pending: bool
    _live_unreachable: bool

    def setup_live(self) -> None:
        self._live = None
        self._live_pending = False
        self._live_unreachable = False
        self._live_timer = QTimer(self)  # type: ignore[arg-type]
        self._live_timer.setInterval(POLL_MS)
        self._live_timer.timeout.connect(self._poll_live)

    def start_live(self) -> None:
        """Watch the shown database from now on (no-op when already watching it)."""
        window: Any = self
        database = window.database
        if database is None or database.is_sample:
            return
        if self._live is not None:
            if not self._live_timer.isActive():
                self._live_timer.start()
            return
        from coetracker.services.live import LiveChanges

        live = LiveChanges(database.db)
        self._live = live
        self._live_pending = True

        def started(_result: object) -> None:
            self._live_pending = False
            self._live_timer.start()

        window.worker.submit(live.start, started, self._live_failed)

    def stop_live(self) -> None:
        self._live_timer.stop()
        if self._live is not None:
            self._live.close()
        self._live = None
        self._live_pending = False

    def _poll_live(self) -> None:
        window: Any = self
        live = self._live
        if live is None or self._live_pending or window.database is None:
            return
        self._live_pending = True
        today = window.today()
        window.worker.submit(lambda: live.poll(today), self._live_done, self._live_failed)

    def _live_failed(self, _problem: BaseException) -> None:
        self._live_pending = False
        self._show_unreachable(True)

    def _live_done(self, update: LiveUpdate | None) -> None:
        self._live_pending = False
        if update is None:
            if self._live_unreachable:
                self._show_unreachable(False)
            return
        window: Any = self
        if not update.reachable:
            self._show_unreachable(True)
            return
        if self._live_unreachable:
            self._show_unreachable(False)
        if update.full:
            window.reload()
            return
        self.apply_live_update(update)

    def apply_live_update(self, update: LiveUpdate) -> None:
        """Swap re-read rows into the model by id; the selection and scroll stay."""
        window: Any = self
        if update.rows:
            window.model.upsert_rows(update.rows)
            window.filter_pane.add_rows(update.rows)
        if update.removed:
            window.model.remove_ids(update.removed)
        window._refresh_today()
        window._update_counts()
        shown = window.details.case_id
        if shown is not None and shown in update.case_ids:
            window.details.show_case(shown if shown not in update.removed else None)
        editor = getattr(window, "active_editor", None)
        if editor is not None and getattr(editor, "case_id", None) in update.case_ids:
            editor.show_problem(
                QCoreApplication.translate(
                    "MainWindow",
                    "Someone else has saved this case since you opened it: when you save, you "
                    "will see both versions and choose.",
                )
            )

    def _show_unreachable(self, unreachable: bool) -> None:
        window: Any = self
        was = self._live_unreachable
        self._live_unreachable = unreachable
        if unreachable:
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Office server unreachable — retrying")
            )
        elif was:
            window.statusBar().clearMessage()
            window.reload()

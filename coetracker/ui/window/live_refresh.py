"""Live refresh of the main window: other people's changes appear without pressing F5.

Twice a second the window asks :class:`~coetracker.services.live.LiveChanges` (in the
background worker) whether someone committed; the cases they changed are re-read and swapped
into the table model by id (``upsert_rows``/``remove_ids``), so the selection and the scroll
position stay where they were; an open editor on a changed case warns that saving will show
both versions. An office server that stops answering puts "Office server
unreachable — retrying" in the status bar until it answers again; then the list is reloaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

if TYPE_CHECKING:
    from coetracker.services.live import LiveChanges, LiveUpdate
    from coetracker.ui.window.main_window import MainWindow

POLL_MS = 500


class LiveRefresh:
    """Watches the window's database: :meth:`start` after each full load, :meth:`stop` before
    the database goes away."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._live: LiveChanges | None = None
        self._retired: list[LiveChanges] = []
        """Feeds stopped while their job ran on the worker: closed when the job returns."""
        self._pending = False
        self._unreachable = False
        self.timer = QTimer(window)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    def start(self) -> None:
        """Watch the shown database from now on (no-op when already watching it)."""
        database = self.window.database
        if database is None or database.is_sample:
            return
        if self._live is not None:
            if not self.timer.isActive():
                self.timer.start()
            return
        from coetracker.services.live import LiveChanges

        live = LiveChanges(database.db)
        self._live = live
        self._pending = True

        def started(_result: object) -> None:
            if self._settle(live):
                self.timer.start()

        self.window.worker.submit(live.start, started, lambda problem: self._failed(live, problem))

    def stop(self) -> None:
        """Stop watching and let go of the database's change feed.

        A feed whose start or poll is still running on the worker thread is closed when that
        job returns, never under it.
        """
        self.timer.stop()
        live, self._live = self._live, None
        if live is not None:
            if self._pending:
                self._retired.append(live)
            else:
                live.close()
        self._pending = False

    def _settle(self, live: LiveChanges) -> bool:
        """A job of ``live`` returned: True if it is still the feed watched (else close it)."""
        if live is self._live:
            self._pending = False
            return True
        if live in self._retired:
            self._retired.remove(live)
            live.close()
        return False

    def _poll(self) -> None:
        live = self._live
        if live is None or self._pending or self.window.database is None:
            return
        self._pending = True
        today = self.window.today()
        self.window.worker.submit(
            lambda: live.poll(today),
            lambda update: self._done(live, update),
            lambda problem: self._failed(live, problem),
        )

    def _failed(self, live: LiveChanges, _problem: BaseException) -> None:
        if self._settle(live):
            self._show_unreachable(True)

    def _done(self, live: LiveChanges, update: LiveUpdate | None) -> None:
        if not self._settle(live):
            return
        if update is None:
            if self._unreachable:
                self._show_unreachable(False)
            return
        if not update.reachable:
            self._show_unreachable(True)
            return
        if self._unreachable:
            self._show_unreachable(False)
        if update.full:
            self.window.reload()
            return
        self.apply(update)

    def apply(self, update: LiveUpdate) -> None:
        """Swap re-read rows into the model by id; the selection and scroll stay."""
        window = self.window
        if update.rows:
            window.model.upsert_rows(update.rows)
            window.filter_pane.add_rows(update.rows)
        if update.removed:
            window.model.remove_ids(update.removed)
        window.refresh_today()
        window.update_counts()
        shown = window.details.case_id
        if shown is not None and shown in update.case_ids:
            window.details.show_case(shown if shown not in update.removed else None)
        editor = window.active_editor
        if editor is not None and editor.case_id in update.case_ids:
            editor.show_problem(
                QCoreApplication.translate(
                    "MainWindow",
                    "Someone else has saved this case since you opened it: when you save, you "
                    "will see both versions and choose.",
                )
            )

    def _show_unreachable(self, unreachable: bool) -> None:
        window = self.window
        was = self._unreachable
        self._unreachable = unreachable
        if unreachable:
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Office server unreachable — retrying")
            )
        elif was:
            window.statusBar().clearMessage()
            window.reload()

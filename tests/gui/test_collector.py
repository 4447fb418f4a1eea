"""Garbage is collected on the window's thread only (coetracker/ui/common/collector.py), and the
collector's pauses for bulk work are counted across threads (coetracker/pacing.py).

A pass of the cyclic collector on a worker thread frees the unreachable Qt objects it finds
there, while the window's thread may be painting them: Qt crashes. The tests below leave a
closed dialog in a reference cycle, make a worker thread allocate far past the collector's
threshold, and check the dialog is still there until the window's thread collects it."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from coetracker.pacing import collector_paused, collector_pausing
from coetracker.ui.common.collector import GuiCollector

pytestmark = pytest.mark.gui


@pytest.fixture
def collector(qapp, collector_on: None) -> Iterator[GuiCollector]:
    """A collector that has taken over from automatic collection (which ``collector_on``
    switches on first, as a plain Python program has it)."""
    made = GuiCollector(every_ms=10)
    made.take_over()
    yield made
    made.deleteLater()


def _closed_dialog_in_a_cycle() -> weakref.ref[QDialog]:
    dialog = QDialog()
    QLabel("山田 太郎", dialog)
    dialog.cycle = dialog  # type: ignore[attr-defined]  # unreachable only to the collector
    dialog.show()
    dialog.close()
    return weakref.ref(dialog)


def _allocate_on_a_worker(objects: int) -> list[list[int]]:
    """``objects`` container objects made on a worker thread and kept (freed ones would not count
    towards the collector's next pass)."""
    kept: list[list[int]] = []

    def work() -> None:
        kept.extend([index] for index in range(objects))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return kept


def test_a_worker_thread_never_collects_and_the_window_thread_does(
    qtbot, collector: GuiCollector
) -> None:
    assert not gc.isenabled()
    dialog = _closed_dialog_in_a_cycle()
    kept = _allocate_on_a_worker(50 * gc.get_threshold()[0])
    assert dialog() is not None  # no pass ran on the worker
    collector.start()
    qtbot.waitUntil(lambda: dialog() is None, timeout=5_000)
    assert collector.running
    assert not gc.isenabled()
    assert len(kept) == 50 * gc.get_threshold()[0]


def test_it_collects_only_what_is_due(qtbot, collector: GuiCollector) -> None:
    gc.collect()
    dialog = _closed_dialog_in_a_cycle()
    assert collector.collect() == 0  # too few allocations since the last pass: not due
    assert dialog() is not None
    kept = _allocate_on_a_worker(2 * gc.get_threshold()[0])
    assert collector.collect() > 0
    assert dialog() is None
    assert kept


def test_it_waits_while_bulk_work_holds_a_pause(qtbot, collector: GuiCollector) -> None:
    gc.collect()
    dialog = _closed_dialog_in_a_cycle()
    kept = _allocate_on_a_worker(2 * gc.get_threshold()[0])
    holding, release = threading.Event(), threading.Event()

    def bulk_work() -> None:
        with collector_paused():
            holding.set()
            release.wait(10)

    worker = threading.Thread(target=bulk_work)
    worker.start()
    try:
        assert holding.wait(10)
        assert collector_pausing()
        assert collector.collect() == 0
        assert dialog() is not None
    finally:
        release.set()
        worker.join()
    assert not collector_pausing()
    assert not gc.isenabled()  # the pause began with collection off: it stays off
    assert collector.collect() > 0
    assert dialog() is None
    assert kept


def test_pauses_overlapping_on_two_threads_end_with_the_last(collector_on: None) -> None:
    first_in, second_in, first_may_end, second_may_end = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            first_in.set()
            first_may_end.wait(10)
        seen["after first"] = gc.isenabled()
        second_may_end.set()

    def second() -> None:
        first_in.wait(10)
        with collector_paused():
            second_in.set()
            second_may_end.wait(10)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert second_in.wait(10)
    assert not gc.isenabled()
    first_may_end.set()
    for thread in threads:
        thread.join()
    assert seen == {"after first": False}  # the second pause still held
    assert gc.isenabled()  # on again after the last, as it was before the first

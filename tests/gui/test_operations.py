"""Background operations: the work runs off the GUI thread, its outcome comes back on it, errors
reach the user as a sentence (or the crash hook as a bug), progress moves and Cancel stops it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from coetracker.errors import DiskFullError
from coetracker.ui.common.operations import Operation, OperationCancelledError, Task, op
from coetracker.ui.common.worker import DbWorker
from tests.gui.conftest import Answers

pytestmark = pytest.mark.gui


def _finish(qtbot, operation: Operation) -> None:
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)


def test_work_runs_off_the_gui_thread_and_success_on_it(qtbot) -> None:
    seen: dict[str, int] = {}
    results: list[int] = []

    def work(_task: Task) -> int:
        seen["work"] = threading.get_ident()
        return 42

    def success(value: int) -> None:
        seen["success"] = threading.get_ident()
        results.append(value)

    operation = op(None, work, success=success)
    _finish(qtbot, operation)
    assert results == [42]
    assert seen["work"] != threading.get_ident()
    assert seen["success"] == threading.get_ident()


def test_a_user_facing_error_is_one_sentence_and_success_never_runs(
    qtbot, answers: Answers
) -> None:
    def work(_task: Task) -> None:
        raise DiskFullError()

    results: list[object] = []
    operation = op(None, work, success=results.append)
    _finish(qtbot, operation)
    assert results == []
    assert len(answers.errors) == 1 and "disk" in answers.errors[0].lower()


def test_a_failure_callback_receives_the_error(qtbot, answers: Answers) -> None:
    failures: list[Exception] = []

    def work(_task: Task) -> None:
        raise DiskFullError()

    _finish(qtbot, op(None, work, success=lambda _r: None, failure=failures.append))
    assert [type(f) for f in failures] == [DiskFullError]
    assert answers.errors == []


def test_a_bug_reaches_the_exception_hook_on_the_gui_thread(qtbot, answers: Answers) -> None:
    def work(_task: Task) -> None:
        raise ZeroDivisionError("a bug")

    with qtbot.captureExceptions() as raised:
        operation = op(None, work, success=lambda _r: None)
        _finish(qtbot, operation)
    assert [type(error) for _kind, error, _tb in raised] == [ZeroDivisionError]
    assert answers.errors == []  # never shown as if the user could fix it


def test_wait_returns_the_result_or_raises_the_error_here(qtbot) -> None:
    assert op(None, lambda _task: "done").wait() == "done"

    def work(_task: Task) -> None:
        raise DiskFullError()

    with pytest.raises(DiskFullError):
        op(None, work).wait()


def test_progress_moves_the_dialog_and_cancel_stops_the_work(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    reported = threading.Event()
    go_on = threading.Event()
    cancelled: list[bool] = []
    results: list[object] = []

    def work(task: Task) -> str:
        task.report(3, 10)
        reported.set()
        assert go_on.wait(10)
        task.check()
        return "finished"

    operation = op(
        parent,
        work,
        success=results.append,
        cancelled=lambda: cancelled.append(True),
        label="Working…",
        cancellable=True,
    )
    assert reported.wait(10)
    progress = operation.progress
    assert progress is not None
    qtbot.waitUntil(lambda: progress.value() == 3 and progress.maximum() == 10, timeout=10_000)
    button = progress.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()
    assert operation.task.cancelled
    go_on.set()
    _finish(qtbot, operation)
    assert cancelled == [True] and results == []
    assert isinstance(operation.error, OperationCancelledError)
    assert operation.progress is None  # the dialog is gone


def test_with_a_worker_the_work_waits_for_the_jobs_queued_before_it(qtbot) -> None:
    worker = DbWorker()
    order: list[str] = []
    release = threading.Event()

    def slow_load() -> None:
        assert release.wait(10)
        order.append("load")

    worker.submit(slow_load, lambda _r: None)
    operation = op(None, lambda _task: order.append("restore"), worker=worker)
    release.set()
    operation.wait()
    assert order == ["load", "restore"]
    worker.wait()


def test_an_op_can_write_a_file_while_the_gui_thread_is_free(qtbot, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    operation = op(None, lambda _task: target.write_text("written", encoding="utf-8"))
    assert operation.wait() == len("written")
    assert target.read_text(encoding="utf-8") == "written"

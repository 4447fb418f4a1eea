"""Reading ahead on a thread of its own: results in order, a job's failure reaches the caller,
and closing early stops the thread even when nobody takes what it read."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from coetracker.read_ahead import ReadAhead


def _alive(name: str) -> bool:
    return any(thread.name == name for thread in threading.enumerate())


def test_each_job_is_read_in_turn_on_its_own_thread() -> None:
    threads: list[str] = []

    def job(value: int) -> Callable[[], object]:
        def read() -> object:
            threads.append(threading.current_thread().name)
            return value * 10

        return read

    reading = ReadAhead("reader-test", [(f"job {n}", job(n)) for n in range(6)])
    try:
        assert list(reading) == [(f"job {n}", n * 10) for n in range(6)]
    finally:
        reading.close()
    assert threads == ["reader-test"] * 6 and not _alive("reader-test")


def test_a_failing_job_reaches_the_caller_after_what_came_before() -> None:
    def fails() -> object:
        raise LookupError("the third job failed")

    reading = ReadAhead(
        "reader-test", [("a", lambda: 1), ("b", lambda: 2), ("c", fails), ("d", lambda: 4)]
    )
    taken = []
    with pytest.raises(LookupError, match="the third job failed"):
        for item in reading:
            taken.append(item)
    reading.close()
    assert taken == [("a", 1), ("b", 2)] and not _alive("reader-test")


def test_closing_before_taking_anything_stops_the_thread() -> None:
    started = threading.Event()

    def job() -> object:
        started.set()
        return "x"

    reading = ReadAhead("reader-test", [("job", job)] * 50)  # far more than the queue holds
    assert started.wait(5)
    reading.close()  # must not wait forever on a full queue
    assert not _alive("reader-test")

"""Bulk work that leaves the window its turns (coetracker/pacing.py) and its users: the export
leaves nothing big for the collector's next pass, the split sort and encoding give the same
results as the single calls."""

from __future__ import annotations

import datetime as dt
import gc
import random
import threading
import time
import weakref
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

import pytest

from benchmarks.synthetic import build_database
from coetracker import pacing
from coetracker.io import csv_encode
from coetracker.io.csv_encode import csv_text, guarded_utf8, utf8_blocks_with_bom
from coetracker.pacing import breathe, collector_paused, release, sort_in_runs
from coetracker.services.csv_export import export_cases, guarded_table

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize("size", [0, 1, 9, 10, 11, 57])
def test_sort_in_runs_is_the_stable_sort(size: int) -> None:
    rng = random.Random(size)
    items = [(rng.randint(0, 3), index) for index in range(size)]  # many equal keys
    expected = sorted(items, key=itemgetter(0))
    sort_in_runs(items, key=itemgetter(0), run=10)
    assert items == expected


def test_release_empties_the_list_and_frees_what_it_alone_held() -> None:
    class Item:
        pass

    items = [Item() for _ in range(25)]
    watched = weakref.ref(items[3])
    release(items, run=10)
    assert items == []
    assert watched() is None


def test_breathe_sleeps_only_after_a_stretch_of_work(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    sleeps: list[float] = []
    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(time, "sleep", sleeps.append)
    monkeypatch.setattr(pacing, "_last", threading.local())
    breathe()  # the first call starts the stretch
    clock[0] += pacing.BREATH_EVERY / 2
    breathe()
    assert sleeps == []
    clock[0] += pacing.BREATH_EVERY
    breathe()
    assert len(sleeps) == 1 and sleeps[0] > 0
    breathe()  # a new stretch starts after each breath
    assert len(sleeps) == 1


def test_nested_pauses_end_with_the_outermost(collector_on: None) -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()  # a collector switched off stays off


def test_guarded_utf8_in_blocks_is_the_whole_text_encoded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_encode, "_ENCODE_BLOCK", 7)
    header = ["受託番号", "氏名"]
    rows = [[f"A-{n}", "山田 太郎 😀"] for n in range(20)]
    assert guarded_utf8(header, rows) == csv_text(header, rows).encode("utf-8-sig")
    rows[15][1] = "\ud800"  # a lone surrogate far past the first block
    assert guarded_utf8(header, rows) is None


def test_lines_in_blocks_are_the_whole_text_encoded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_encode, "_LINES_BLOCK", 3)
    lines = ["受託番号,氏名", *(f"A-{n},山田 太郎 😀" for n in range(20))]
    whole = "\r\n".join([*lines, ""]).encode("utf-8-sig")
    blocks = utf8_blocks_with_bom(lines)
    assert blocks is not None
    assert len(blocks) == 1 + 7  # the byte-order mark, then 21 lines three at a time
    assert b"".join(blocks) == whole
    assert b"".join(utf8_blocks_with_bom(lines[:3]) or []) == "\r\n".join([*lines[:3], ""]).encode(
        "utf-8-sig"
    )
    for bad in ("\ud800", "a\0b"):  # a lone surrogate, a NUL, far past the first block
        assert utf8_blocks_with_bom([*lines[:15], bad, *lines[15:]]) is None


def test_export_leaves_nothing_big_for_the_collector(
    tmp_path: Path, collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_database(tmp_path / "cases.sqlite3", 1_500, today=TODAY)
    enable = gc.enable
    young: list[int] = []

    def counting_enable() -> None:  # how much the collector's next pass would scan
        young.append(len(gc.get_objects(generation=0)))
        enable()

    try:
        export_cases(db, tmp_path / "first.csv", today=TODAY)  # statement caches fill up
        gc.collect()
        monkeypatch.setattr(gc, "enable", counting_enable)
        written = export_cases(db, tmp_path / "cases.csv", today=TODAY)
        monkeypatch.undo()
        assert gc.isenabled()
        assert written == 1_500
        # Every row's cells were freed before the collector came back on: a few hundred objects
        # are left for its next pass, not one per case.
        assert young and max(young) < written // 3
        table = guarded_table(db, today=TODAY)
        lines = (tmp_path / "cases.csv").read_bytes().decode("utf-8-sig").split("\r\n")
        assert [line.split(",")[0] for line in lines[1:-1]] == [row[0] for row in table]
    finally:
        db.dispose()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def tiny_thresholds() -> Iterator[None]:
    """Thresholds of one, so that a few allocations make every generation due; automatic
    collection off, as in the window."""
    saved, was = gc.get_threshold(), gc.isenabled()
    gc.disable()
    gc.collect()
    gc.set_threshold(1, 1, 1)
    yield
    gc.set_threshold(*saved)
    if was:
        gc.enable()


def test_collect_due_collects_nothing_before_the_threshold() -> None:
    gc.collect()
    cycle = weakref.ref(_Cycle())
    assert gc.get_count()[0] <= gc.get_threshold()[0]
    assert pacing.collect_due() == 0
    assert cycle() is not None
    gc.collect()
    assert cycle() is None


def test_collect_due_leaves_a_large_old_generation_until_it_has_grown_by_a_quarter(
    tiny_thresholds: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alive = _Cycle()
    gc.collect(1)  # survives two passes: now in the oldest generation
    old = weakref.ref(alive)
    del alive  # garbage only a full pass finds
    young = weakref.ref(_Cycle())
    kept: list[list[list[int]]] = []
    monkeypatch.setattr(pacing._LongLived, "total", 10**9)  # an enormous heap, hardly grown
    monkeypatch.setattr(pacing._LongLived, "measured", float("-inf"))
    for _ in range(5):
        kept.append([[n] for n in range(5)])  # kept: freed objects are not counted
        pacing.collect_due()
    assert young() is None  # the young generations were collected
    assert old() is not None  # the oldest was left alone
    monkeypatch.setattr(pacing._LongLived, "total", 0)  # it has grown by far more than a quarter
    monkeypatch.setattr(pacing._LongLived, "measured", float("-inf"))
    for _ in range(5):
        kept.append([[n] for n in range(5)])  # kept: freed objects are not counted
        pacing.collect_due()
    assert old() is None
    assert pacing._LongLived.total > 0  # measured again after the full pass

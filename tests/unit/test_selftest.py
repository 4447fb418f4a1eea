"""``--self-test`` reporting: every step named, the first failure named, exit codes.

The real steps run against the source tree in ``tests/e2e/test_selftest.py`` and against the
bundle in ``tests/e2e/test_bundle.py``; here fake steps check the runner itself.
"""

from __future__ import annotations

import io

import pytest

from coetracker import selftest


def test_all_steps_ok_returns_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    monkeypatch.setattr(
        selftest,
        "STEPS",
        (("first", lambda state: ran.append("first")), ("second", lambda s: ran.append("2"))),
    )
    out = io.StringIO()
    assert selftest.run_self_test(out) == 0
    assert ran == ["first", "2"]
    text = out.getvalue()
    assert "ok   first" in text and "ok   second" in text
    assert "self-test passed: 2 steps" in text


def test_first_failure_is_named_and_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []

    def broken(state: object) -> None:
        raise selftest.SelfTestError("the PDF is truncated")

    monkeypatch.setattr(
        selftest,
        "STEPS",
        (
            ("database", lambda state: ran.append("database")),
            ("pdf", broken),
            ("main-window", lambda state: ran.append("main-window")),
        ),
    )
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    assert ran == ["database"]
    text = out.getvalue()
    assert "FAIL pdf: SelfTestError: the PDF is truncated" in text
    assert "self-test FAILED at step: pdf" in text
    assert "Traceback" in text


def test_the_steps_cover_the_issue() -> None:
    assert selftest.STEP_NAMES == (
        "qt",
        "icon",
        "translations",
        "database",
        "create-case",
        "assess",
        "csv-export",
        "pdf",
        "main-window",
        "dialogs",
    )

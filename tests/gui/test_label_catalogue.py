"""Screen, paper and command line name every stored code with the same word, in both languages.

The window's cells (:mod:`coetracker.ui.common.labels`), the printouts
(:mod:`coetracker.printing.html`) and the CLI's table all read the catalogue in
:mod:`coetracker.domain.labels`; this checks the three outputs side by side for every stage,
channel, outcome and procedure.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coetracker import cli, i18n
from coetracker.domain.model import FilingChannel, InquiryChannel, OutcomeCode, Stage
from coetracker.domain.procedures import Procedure
from coetracker.printing import html
from coetracker.printing.documents import case_summary_for
from coetracker.services.caselist import list_cases
from coetracker.services.demo import fill_demo
from coetracker.services.print_documents import case_for_print
from coetracker.storage.engine import Database
from coetracker.ui.common import labels

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "coetracker_ja.ts"


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("qm")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run(
        [str(lrelease), "-silent", str(TS_FILE), "-qm", str(folder / "coetracker_ja.qm")],
        check=True,
    )
    return folder


@pytest.fixture(params=["en", "ja"])
def language(
    request: pytest.FixtureRequest, qm_dir: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> Iterator[str]:
    monkeypatch.setattr(i18n, "translations_dir", lambda: qm_dir)
    assert i18n.install_translator(request.param)
    yield request.param
    i18n.install_translator("en")


def _cli_stage(stage: Stage) -> str:
    row = type("Row", (), {"stage": stage})()
    return cli._DISPLAY["stage"](row)


def test_every_stage_reads_the_same_on_screen_paper_and_cli(language: str) -> None:
    seen = set()
    for stage in Stage:
        screen = labels.label(labels.STAGES, stage)
        assert screen == html.stage_label(stage) == _cli_stage(stage), stage
        seen.add(screen)
    assert len(seen) == len(Stage)  # no two stages share a word
    expected = "交付済" if language == "ja" else "Certificate issued"
    assert labels.label(labels.STAGES, Stage.ISSUED) == expected


def test_channels_outcomes_and_procedures_read_the_same_on_screen_and_paper(
    language: str,
) -> None:
    for channel in FilingChannel:
        screen = labels.label(labels.FILING_CHANNELS, channel)
        assert screen == html.filing_channel_label(channel)
    for inquiry_channel in InquiryChannel:
        screen = labels.label(labels.INQUIRY_CHANNELS, inquiry_channel)
        assert screen == html.inquiry_channel_label(inquiry_channel)
    for outcome in OutcomeCode:
        assert labels.label(labels.OUTCOMES, outcome) == html.outcome_label(outcome)
    for procedure in Procedure:
        assert labels.label(labels.PROCEDURES, procedure) == html.procedure_text(procedure)
    online = labels.label(labels.FILING_CHANNELS, FilingChannel.ONLINE)
    assert online == ("オンライン" if language == "ja" else "Online system")
    assert labels.label(labels.STAGES, Stage.VISA_APPLIED) == (
        "査証申請済" if language == "ja" else "Visa applied for"
    )


def test_unknown_and_empty_codes_show_as_stored_everywhere(language: str) -> None:
    assert labels.label(labels.OUTCOMES, "rang twice, nobody") == "rang twice, nobody"
    assert html.outcome_label("rang twice, nobody") == "rang twice, nobody"
    assert labels.label(labels.FILING_CHANNELS, None) == ""
    assert html.filing_channel_label("") == ""
    assert html.inquiry_channel_label("fax") == "fax"


def test_the_printed_summary_names_stage_and_procedure_as_the_window_does(
    language: str, db: Database
) -> None:
    today = dt.date(2026, 4, 20)
    fill_demo(db, today=today)
    rows = list_cases(db, today=today)
    assert len({row.stage for row in rows}) >= 5
    for row in rows:
        summary = case_summary_for(case_for_print(db, row.id, today=today)).html
        stage = html.esc(labels.label(labels.STAGES, row.stage))
        procedure = html.esc(labels.label(labels.PROCEDURES, row.procedure))
        assert f">{stage}<" in summary, (row.id, stage)
        assert procedure in summary, (row.id, procedure)

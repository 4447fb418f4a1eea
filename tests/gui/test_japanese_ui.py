"""The window in Japanese: menus, headers, readiness texts, and dates in the style chosen.

The Japanese ``.qm`` is compiled here with ``pyside6-lrelease`` into a temporary folder (the
tests never rely on ``make`` having run) and loaded through :func:`coetracker.i18n.
install_translator`, as the application does for a Japanese locale or the Settings choice.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from coetracker import i18n
from coetracker.app import build_window
from coetracker.domain.jpdates import DateStyle
from coetracker.domain.model import Level
from coetracker.i18n import SETTINGS_DATE_STYLE_KEY, SETTINGS_LANGUAGE_KEY, choose_language
from coetracker.paths import AppPaths
from coetracker.ui.common import preferences, text
from coetracker.ui.common.forms import DateLineEdit
from coetracker.ui.common.palette import warning_colour
from coetracker.ui.models.case_table_model import (
    COL_APPLICANT,
    COL_CLIENT,
    COL_FILED,
    COL_HEADLINE,
    COL_LEVEL,
    COL_NEXT_CHECK,
    COL_REFERENCE,
    COLUMN_COUNT,
)
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "coetracker_ja.ts"
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Japanese translation compiled from the committed .ts into a temporary folder."""
    folder = tmp_path_factory.mktemp("qm")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run(
        [str(lrelease), "-silent", str(TS_FILE), "-qm", str(folder / "coetracker_ja.qm")],
        check=True,
    )
    return folder


@pytest.fixture
def japanese(qm_dir: Path, monkeypatch: pytest.MonkeyPatch, qapp: object) -> Iterator[None]:
    """The Japanese translator installed into the running application; English again after."""
    monkeypatch.setattr(i18n, "translations_dir", lambda: qm_dir)
    assert i18n.install_translator("ja")
    assert i18n.current_language() == "ja"
    yield
    i18n.install_translator("en")
    text.set_date_style(DateStyle.ISO)


@pytest.fixture
def ja_window(japanese: None, open_window, filled: AppPaths) -> MainWindow:
    """The main window on the sample cases, built after the translator was installed."""
    window: MainWindow = open_window(filled)
    return window


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _submenu(action: QAction) -> QMenu:
    menu = action.menu()  # typed as QObject by PySide6: a menu bar's actions hold QMenus
    assert isinstance(menu, QMenu)
    return menu


def test_menus_are_japanese_with_their_mnemonics(ja_window: MainWindow) -> None:
    assert _menu_titles(ja_window) == [
        "ファイル(&F)",
        "編集(&E)",
        "表示(&V)",
        "案件(&C)",
        "ヘルプ(&H)",
    ]
    items = [
        action.text()
        for menu_action in ja_window.menuBar().actions()
        for action in _submenu(menu_action).actions()
        if not action.isSeparator()
    ]
    assert "新規案件(&N)…" in items
    assert "問合せを記録(&I)…" in items
    for item in items:
        assert re.search(r"\(&[A-Z]\)", item), item  # 編集(&E): the mnemonic as a suffix
        # Product names stay in Latin letters (GLOSSARY.md): COE Tracker, Excel.
        plain = item.replace("COE Tracker", "").replace("Excel", "")
        assert not re.search(r"[a-z]{3,}", plain), item


def test_tool_bar_buttons_show_no_mnemonic_suffix(ja_window: MainWindow) -> None:
    texts = [action.iconText() for action in ja_window.chrome.tool_bar.actions() if action.text()]
    assert "新規案件" in texts
    assert not [t for t in texts if "(" in t or "&" in t or "…" in t]


def test_table_headers_are_japanese(ja_window: MainWindow) -> None:
    model = ja_window.model
    headers = {
        column: model.headerData(column, Qt.Orientation.Horizontal)
        for column in range(COLUMN_COUNT)
    }
    assert headers[COL_LEVEL] == "状況"
    assert headers[COL_REFERENCE] == "受託番号"
    assert headers[COL_APPLICANT] == "申請人"
    assert headers[COL_CLIENT] == "所属機関"
    assert headers[COL_FILED] == "申請日"
    assert headers[COL_NEXT_CHECK] == "次回問合せ日"
    for column, header in headers.items():
        assert not LATIN_WORD.search(header), (column, header)


def test_readiness_headline_level_and_today_view_are_japanese(ja_window: MainWindow) -> None:
    model = ja_window.model
    rows = model.rows()
    ready = next(i for i, row in enumerate(rows) if row.assessment.level == Level.READY)
    assert model.data(model.index(ready, COL_LEVEL)) == "問合せ可"
    headline = model.data(model.index(ready, COL_HEADLINE))
    assert headline.startswith("問合せ可："), headline
    for row in range(model.rowCount()):
        shown = model.data(model.index(row, COL_HEADLINE))
        assert not re.search(r"[a-z]{3,}", shown), shown
    assert ja_window.today_view.title.text().startswith("今日（2026-11-27 金曜日")  # not "Friday"
    # The seeded figures end with 2025年12月: eleven months before this day, so flagged.
    assert ja_window.today_view.figures.text() == "処理期間の最終更新：2025年12月分"
    warning = warning_colour(ja_window.today_view.palette()).name()
    assert f"color: {warning};" in ja_window.today_view.figures.styleSheet()
    assert ja_window.filter_pane.chips[Level.DOCS_OVERDUE].text().startswith("資料期限超過")


def test_overview_explains_in_japanese(ja_window: MainWindow, qtbot) -> None:
    model = ja_window.model
    ready = next(row for row in model.rows() if row.assessment.level == Level.READY)
    assert ja_window.select_case(ready.id)
    overview = ja_window.details.overview
    qtbot.waitUntil(lambda: overview.headline.text().startswith("問合せ可"), timeout=5000)
    assert "審査部門" in overview.action.text() or "オンライン" in overview.action.text()


def test_settings_offer_language_and_date_style(ja_window: MainWindow, qtbot) -> None:
    dialog = ja_window.commands.open_settings()
    assert dialog is not None
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["事務所", "表示", "判定ルール", "処理期間", "入管官署", "データベース"]
    languages = [dialog.language_combo.itemText(i) for i in range(dialog.language_combo.count())]
    assert languages[0].startswith("システムの設定に従う")
    assert languages[1:] == ["日本語", "English"]
    styles = [dialog.date_style_combo.itemText(i) for i in range(dialog.date_style_combo.count())]
    assert styles[2].startswith("和暦（令和")

    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.date_style_combo.setCurrentIndex(dialog.date_style_combo.findData(DateStyle.ERA))
    with qtbot.waitSignal(ja_window.rowsLoaded, timeout=10_000):
        dialog.accept()

    settings = ja_window.settings
    assert settings.value(SETTINGS_LANGUAGE_KEY) == "en"
    assert settings.value(SETTINGS_DATE_STYLE_KEY) == "era"
    assert choose_language(None, preferences.saved_language(settings)) in ("en", "ja")
    # Dates are shown in the era style at once; the language waits for the next start.
    assert text.date_text(dt.date(2026, 11, 27)) == "令和8年11月27日"
    model = ja_window.model
    filed = next(i for i, row in enumerate(model.rows()) if row.filing_date is not None)
    expected = text.date_text(model.rows()[filed].filing_date)
    assert expected.startswith("令和")
    assert model.data(model.index(filed, COL_FILED)) == expected
    assert ja_window.today_view.title.text().startswith("今日（令和8年11月27日 ")
    assert _menu_titles(ja_window)[0] == "ファイル(&F)"


def test_the_saved_date_style_is_used_by_the_next_window(
    japanese: None, filled: AppPaths, open_window
) -> None:
    from coetracker.ui.common.window_state import open_settings

    settings = open_settings(filled.settings_file)
    preferences.save_date_style(settings, DateStyle.ERA)
    settings.sync()
    text.set_date_style(DateStyle.ISO)  # as in a new process
    window: MainWindow = open_window(filled)
    assert text.date_style() == DateStyle.ERA
    assert window.today_view.title.text().startswith("今日（令和8年11月27日 ")


def test_date_fields_accept_both_forms_and_show_the_chosen_style(japanese: None, qtbot) -> None:
    text.set_date_style(DateStyle.ERA)
    field = DateLineEdit()
    qtbot.addWidget(field)
    field.setText("令和元年5月1日")
    assert field.date() == dt.date(2019, 5, 1)
    field.setText("平成31年4月30日")
    assert field.date() == dt.date(2019, 4, 30)
    field.setText("平成31年5月1日")
    assert "存在しません" in field.problem()
    assert "平成31年4月30日" in field.problem()  # the end of Heisei, in the era style
    field.setText("2026-11-27")
    field.line.editingFinished.emit()
    assert field.text() == "令和8年11月27日"
    field.set_date(dt.date(2019, 5, 1))
    assert field.text() == "令和元年5月1日"
    born = DateLineEdit()  # a date of birth stays Western, as in the passport
    qtbot.addWidget(born)
    born.western = True
    born.setText("平成5年3月3日")
    born.line.editingFinished.emit()
    assert born.text() == "1993-03-03"
    text.set_date_style(DateStyle.ISO)
    field.set_date(dt.date(2019, 5, 1))
    assert field.text() == "2019-05-01"


def test_language_choice_is_remembered_for_the_next_start(
    japanese: None, filled: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coetracker.ui.common.window_state import open_settings

    for variable in ("COETRACKER_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    settings = open_settings(filled.settings_file)
    assert choose_language(None, preferences.saved_language(settings)) == "en"
    preferences.save_language(settings, "ja")
    assert choose_language(None, preferences.saved_language(settings)) == "ja"
    assert choose_language("en", preferences.saved_language(settings)) == "en"  # --lang wins
    monkeypatch.setenv("COETRACKER_LANG", "en")
    assert choose_language(None, preferences.saved_language(settings)) == "en"


def test_english_stays_complete_without_a_translator(filled: AppPaths, open_window) -> None:
    i18n.install_translator("en")
    window: MainWindow = open_window(filled)
    assert _menu_titles(window) == ["&File", "&Edit", "&View", "&Case", "&Help"]
    assert window.model.headerData(COL_LEVEL, Qt.Orientation.Horizontal) == "Readiness"


def test_build_window_uses_iso_dates_by_default(filled: AppPaths) -> None:
    text.set_date_style(DateStyle.ERA)
    window = build_window(filled, None, today=dt.date(2026, 11, 27))
    try:
        assert text.date_style() == DateStyle.ISO
    finally:
        window.close()
        window.worker.wait()


def test_history_names_fields_and_values_in_japanese(japanese: None) -> None:
    from coetracker.services.records import AuditRecord
    from coetracker.ui.models.detail_models import HistoryTableModel

    text.set_date_style(DateStyle.ERA)
    at = dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC)
    model = HistoryTableModel()
    model.set_rows(
        [
            AuditRecord(at, "佐藤", "update", "case", 1, "stage", "filed", "documents_requested"),
            AuditRecord(at, "佐藤", "update", "case", 1, "filing_date", None, "2026-08-24"),
            AuditRecord(at, "佐藤", "update", "inquiry", 2, "channel", "phone", "counter"),
            AuditRecord(at, "佐藤", "archive", "case", 1, "archived", "0", "1"),
        ]
    )
    cells = [[model.data(model.index(r, c)) for c in range(6)] for r in range(4)]
    assert cells[0][2:] == ["案件 変更", "進捗", "申請済", "資料提出通知"]
    assert cells[1][3:] == ["申請日", "", "令和8年8月24日"]
    assert cells[2][2:] == ["問合せ 変更", "方法", "電話", "窓口"]
    assert cells[3][2:] == ["案件 アーカイブ", "アーカイブ", "いいえ", "はい"]

"""``coetracker --self-test``: run the real application code headless, step by step.

Everything happens in a temporary data folder (as with ``--data-dir``; ``COETRACKER_DB`` and
``COETRACKER_DATA_DIR`` are ignored, so the office's database is never touched) on Qt's
offscreen platform. The steps use the same code the window and the sub-commands use:

``qt``            the QApplication (widgets), the platform, image-format, icon-engine and
                  print-support plugins the bundle must carry;
``icon``          the application icon renders (the SVG file and Qt's SVG plugins are there);
``translations``  every compiled translation (``.qm``) present loads;
``database``      :func:`~coetracker.services.opening.open_app_database` creates and migrates a
                  database (Alembic reads its revision scripts from disk), with reference data;
``create-case``   :func:`~coetracker.services.cases.create_case` saves a filed case;
``assess``        the case is assessed (``get_case`` and ``list_cases`` agree, and the
                  ``next_check`` date is exact: READY on it, WAITING the day before);
``csv-export``    the case list is exported (UTF-8 with BOM, CRLF, Japanese headers) and read
                  back by the import codec;
``pdf``           the case summary is printed to a PDF (magic bytes, non-trivial size);
``main-window``   the main window is built on the database (as ``coetracker.app`` builds it),
                  loads the case, shows and closes;
``dialogs``       the About box and the crash dialog are built and shown.

Each step prints ``ok`` and its time. The first failure prints the step's name, the error and
its traceback (no personal data: the case is synthetic and the traceback is the crash report's)
and the process exits with status 1; success exits 0.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coetracker import APP_NAME, __version__
from coetracker.i18n import translate

if TYPE_CHECKING:
    from coetracker.paths import AppPaths
    from coetracker.storage.engine import Database

__all__ = ["STEP_NAMES", "SelfTestError", "run_self_test"]

REFERENCE = "SELFTEST-001"
APPLICATION_NUMBER = "東就認T00-00001"
CLIENT = "株式会社セルフテスト"
FILED_DAYS_AGO = 20
MIN_PDF_BYTES = 2_000
MAIN_WINDOW_TIMEOUT_S = 30.0


class SelfTestError(Exception):
    """A check of the self-test failed (the message says which)."""


def _check(condition: object, what: str) -> None:
    if not condition:
        raise SelfTestError(what)


@dataclass
class _State:
    """What the steps hand on to each other."""

    root: Path
    today: dt.date
    paths: AppPaths | None = None
    app: Any = None
    db: Database | None = None
    case_id: int = 0
    notes: list[str] = field(default_factory=list)

    def database(self) -> Database:
        _check(self.db is not None, "no database (the database step did not run)")
        assert self.db is not None
        return self.db


# -- steps --------------------------------------------------------------------------------------


def _required_plugins() -> tuple[tuple[str, str], ...]:
    """(plugin folder, file-name fragment) pairs this platform's bundle must carry."""
    common = (
        ("platforms", "qoffscreen"),
        ("imageformats", "qsvg"),
        ("iconengines", "qsvgicon"),
    )
    if sys.platform == "win32":
        return (*common, ("platforms", "qwindows"), ("printsupport", ""))
    if sys.platform == "darwin":
        return (*common, ("platforms", "qcocoa"), ("printsupport", ""))
    return (
        *common,
        ("platforms", "qxcb"),
        ("platforms", "qwayland"),
        ("wayland-shell-integration", "xdg-shell"),
        ("printsupport", "cups"),
    )


def step_qt(state: _State) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QLibraryInfo
    from PySide6.QtGui import QImageReader
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    existing = QCoreApplication.instance()
    if existing is None:
        state.app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else APP_NAME])
    else:
        _check(isinstance(existing, QApplication), "a non-widget Qt application already runs")
        state.app = existing
    _check(QApplication.platformName() == "offscreen", "the offscreen platform did not load")
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    for folder, fragment in _required_plugins():
        pattern = f"*{fragment}*" if fragment else "*"
        found = [p for p in (plugins / folder).glob(pattern) if p.is_file()]
        _check(found, f"Qt plugin missing: {folder}/*{fragment}* under {plugins}")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    _check({"png", "svg"} <= formats, f"image formats png and svg not both available: {formats}")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _check(printer.resolution() > 0, "QPrinter could not be created")


def step_icon(state: _State) -> None:
    from coetracker.ui.common.app_icon import app_icon, icon_path, install_app_icon

    _check(icon_path().is_file(), f"icon file missing: {icon_path()}")
    icon = app_icon()
    _check(not icon.isNull(), "the application icon did not load")
    for size in (16, 32, 256):
        pixmap = icon.pixmap(size, size)
        _check(
            not pixmap.isNull() and pixmap.width() == size, f"the icon did not render at {size}px"
        )
    install_app_icon(state.app)
    _check(not state.app.windowIcon().isNull(), "the window icon was not set")


def step_translations(state: _State) -> None:
    from PySide6.QtCore import QTranslator

    from coetracker.i18n import translations_dir

    compiled = sorted(translations_dir().glob("*.qm"))
    for path in compiled:
        translator = QTranslator()
        _check(translator.load(str(path)), f"translation did not load: {path.name}")
    state.notes.append(f"{len(compiled)} .qm")


def step_database(state: _State) -> None:
    from coetracker.logsetup import configure_logging
    from coetracker.paths import resolve_paths
    from coetracker.services.opening import open_app_database
    from coetracker.services.reference import list_bureaus, list_statuses
    from coetracker.storage import migrate

    paths = resolve_paths(data_dir=state.root / "data", environ={})
    state.paths = paths
    configure_logging(paths.log_dir)
    opened = open_app_database(paths)
    state.db = opened.database
    _check(paths.db_path is not None and paths.db_path.is_file(), "no database file was created")
    assert paths.db_path is not None
    _check(
        migrate.read_revision(paths.db_path) == migrate.head_revision(),
        "the database is not at the newest schema revision",
    )
    _check(list_bureaus(state.db), "no bureaus in the reference data")
    _check(list_statuses(state.db, coe_only=True), "no statuses of residence in the reference data")


def step_create_case(state: _State) -> None:
    from coetracker.domain.model import FilingChannel, InquiryPolicy, Stage
    from coetracker.services.cases import create_case
    from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
    from coetracker.services.reference import list_bureaus, list_statuses

    db = state.database()
    candidates = [
        b
        for b in list_bureaus(db)
        if b.accepts_coe and b.inquiry_policy == InquiryPolicy.SPECIFIC_MATTERS
    ]
    _check(candidates, "no bureau accepting COE applications with specific-matter inquiries")
    bureau = candidates[0]
    status = list_statuses(db, coe_only=True)[0]
    data = CaseInput(
        applicant=ApplicantInput(
            family_name="SELFTEST",
            given_name="Taro",
            name_kanji="試験 太郎",
            name_kana="シケン タロウ",
            nationality_code="VN",
            birth_date=dt.date(1999, 1, 1),
            sex="M",
        ),
        organization=OrganizationInput(name=CLIENT, prefecture="東京都"),
        reference=REFERENCE,
        residence_status_id=status.id,
        bureau_id=bureau.id,
        channel=FilingChannel.COUNTER,
        filing_date=state.today - dt.timedelta(days=FILED_DAYS_AGO),
        application_number=APPLICATION_NUMBER,
        stage=Stage.FILED,
    )
    state.case_id = create_case(db, data, actor="self-test")
    _check(state.case_id > 0, "create_case returned no id")


def step_assess(state: _State) -> None:
    from coetracker.domain.model import Level
    from coetracker.services.caselist import list_cases
    from coetracker.services.cases import get_case

    db = state.database()
    detail = get_case(db, state.case_id, today=state.today)
    assessment = detail.assessment
    _check(
        assessment.level == Level.WAITING,
        f"a case filed {FILED_DAYS_AGO} days ago should be WAITING, not {assessment.level.name}",
    )
    next_check = assessment.next_check
    _check(next_check is not None and next_check > state.today, "WAITING without a next check")
    assert next_check is not None
    rows = list_cases(db, today=state.today)
    _check(len(rows) == 1 and rows[0].id == state.case_id, "list_cases does not show the case")
    _check(rows[0].assessment.level == Level.WAITING, "list_cases and get_case disagree")
    on_day = get_case(db, state.case_id, today=next_check).assessment.level
    before = get_case(db, state.case_id, today=next_check - dt.timedelta(days=1)).assessment.level
    _check(
        on_day == Level.READY and before == Level.WAITING,
        f"next_check is not exact: {before.name} the day before, {on_day.name} on it",
    )
    state.notes.append(f"WAITING until {next_check.isoformat()}")


def step_csv_export(state: _State) -> None:
    from coetracker.io.csv_codec import EXPORT_COLUMNS, read_csv_file
    from coetracker.services.csv_export import export_cases

    target = state.root / "export.csv"
    count = export_cases(state.database(), target, today=state.today)
    _check(count == 1, f"{count} rows exported instead of 1")
    data = target.read_bytes()
    _check(data.startswith(b"\xef\xbb\xbf"), "the CSV has no UTF-8 byte order mark")
    _check(b"\r\n" in data, "the CSV lines do not end in CRLF")
    text = data.decode("utf-8-sig")
    header = text.split("\r\n", 1)[0]
    _check(EXPORT_COLUMNS[0].header() in header, "the CSV header is not the Japanese one")
    _check(REFERENCE in text and CLIENT in text, "the exported row lacks the case")
    sheet = read_csv_file(target)
    _check(not sheet.problems, "the exported CSV does not read back without problems")
    _check(len(sheet.records) == 1, "the exported CSV does not read back as one case")


def step_pdf(state: _State) -> None:
    from coetracker.printing.documents import case_summary_for
    from coetracker.printing.pdf import write_pdf
    from coetracker.services.print_documents import case_for_print

    document = case_summary_for(
        case_for_print(state.database(), state.case_id, today=state.today),
        printed_at=dt.datetime.combine(state.today, dt.time(9, 0)),
    )
    target = state.root / "summary.pdf"
    pages = write_pdf(document, target)
    data = target.read_bytes()
    _check(pages >= 1, "the PDF has no pages")
    _check(data.startswith(b"%PDF-"), "the file is not a PDF")
    _check(b"%%EOF" in data[-64:], "the PDF is truncated")
    _check(len(data) >= MIN_PDF_BYTES, f"the PDF is only {len(data)} bytes")
    state.notes.append(f"{pages} page(s), {len(data) // 1024} KiB")


def step_main_window(state: _State) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from coetracker.app import build_window
    from coetracker.ui.window.main_window import OpenDatabase

    _check(state.paths is not None, "no paths (the database step did not run)")
    assert state.paths is not None
    window = build_window(
        state.paths, OpenDatabase(state.database(), None, "self-test"), today=state.today
    )
    loaded: list[int] = []
    loop = QEventLoop()

    def on_loaded(count: int) -> None:
        loaded.append(count)
        loop.quit()

    window.rowsLoaded.connect(on_loaded)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    window.show()
    if not loaded:
        timer.start(int(MAIN_WINDOW_TIMEOUT_S * 1000))
        loop.exec()
    _check(loaded and loaded[-1] == 1, f"the main window did not load the case (loaded: {loaded})")
    _check(window.isVisible(), "the main window is not visible")
    _check(not window.windowIcon().isNull(), "the main window has no icon")
    window.close()
    window.deleteLater()
    state.app.processEvents()


def step_dialogs(state: _State) -> None:
    from coetracker.crash import build_report
    from coetracker.ui.dialogs.about_dialog import AboutDialog
    from coetracker.ui.dialogs.crash_dialog import CrashDialog

    assert state.paths is not None
    about = AboutDialog(state.paths)
    about.show()
    _check(__version__ in about.version.text(), "the About box does not show the version")
    about.close()
    try:
        raise SelfTestError("a synthetic error for the crash dialog")
    except SelfTestError as error:
        report = build_report(error, thread_name="MainThread", log_file=state.root / "x.log")
    crash = CrashDialog(report)
    crash.show()
    _check(crash.text.toPlainText() == report.text, "the crash dialog does not show the report")
    crash.close()
    for dialog in (about, crash):
        dialog.deleteLater()
    state.app.processEvents()


STEPS: tuple[tuple[str, Callable[[_State], None]], ...] = (
    ("qt", step_qt),
    ("icon", step_icon),
    ("translations", step_translations),
    ("database", step_database),
    ("create-case", step_create_case),
    ("assess", step_assess),
    ("csv-export", step_csv_export),
    ("pdf", step_pdf),
    ("main-window", step_main_window),
    ("dialogs", step_dialogs),
)
STEP_NAMES = tuple(name for name, _ in STEPS)


def _release(state: _State) -> None:
    """Close what the steps opened, so the temporary folder can be removed (Windows too)."""
    import logging

    if state.db is not None:
        state.db.dispose()
        state.db = None
    root = logging.getLogger()
    for handler in list(root.handlers):
        if state.paths is not None and str(state.paths.log_dir) in str(
            getattr(handler, "baseFilename", "")
        ):
            root.removeHandler(handler)
            handler.close()


def run_self_test(out: TextIO | None = None, *, today: dt.date | None = None) -> int:
    """Run every step; return 0 when all pass, 1 at the first failure (named on ``out``)."""
    stream = out if out is not None else sys.stdout
    from coetracker.crash import safe_traceback

    print(
        translate("SelfTest", "{app} {version} self-test").format(
            app=APP_NAME, version=__version__
        ),
        file=stream,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coetracker-selftest-") as folder:
        state = _State(root=Path(folder), today=today or dt.date.today())
        try:
            for name, step in STEPS:
                state.notes.clear()
                begin = time.perf_counter()
                try:
                    step(state)
                except Exception as error:
                    print(f"  FAIL {name}: {type(error).__name__}: {error}", file=stream)
                    print(safe_traceback(error), file=stream)
                    print(
                        translate("SelfTest", "self-test FAILED at step: {step}").format(step=name),
                        file=stream,
                    )
                    stream.flush()
                    return 1
                elapsed = (time.perf_counter() - begin) * 1000
                extra = f" — {'; '.join(state.notes)}" if state.notes else ""
                print(f"  ok   {name} ({elapsed:.0f} ms){extra}", file=stream)
        finally:
            _release(state)
    total = time.perf_counter() - started
    print(
        translate("SelfTest", "self-test passed: {count} steps in {seconds:.1f} s").format(
            count=len(STEPS), seconds=total
        ),
        file=stream,
    )
    stream.flush()
    return 0

"""Printing: escaped HTML, masked passports, and real PDFs read back with poppler's pdftotext.

Every PDF here is written by the production painter from a real SQLite database filled through
the services; the text is extracted with ``pdftotext`` (Debian poppler-utils, installed by
``make test``), so what is asserted is what a user's PDF viewer finds.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from coetracker.domain.jpdates import DateStyle, format_date
from coetracker.domain.model import FilingChannel, Level, Stage
from coetracker.i18n import translate
from coetracker.printing import html as printing_html
from coetracker.printing.documents import call_sheet_for, case_list_for, case_summary_for
from coetracker.printing.html import PrintDocument, esc, mask_passport
from coetracker.printing.pdf import (
    PrintError,
    cjk_font_family,
    fix_text_mapping,
    needs_offscreen,
    write_pdf,
)
from coetracker.services import documents, inquiries, reference
from coetracker.services.caselist import list_cases, sort_by_urgency
from coetracker.services.cases import create_case, get_case
from coetracker.services.demo import fill_demo
from coetracker.services.print_documents import case_for_print, office_of
from coetracker.services.records import (
    ApplicantInput,
    CaseInput,
    DocumentRequestInput,
    InquiryInput,
    OrganizationInput,
)
from coetracker.services.settings import OfficeDetails, save_office
from coetracker.storage.engine import Database
from coetracker.storage.models import Case

PRINTED_AT = dt.datetime(2026, 11, 27, 14, 5)
NOTE = "<b>x</b> & \"quoted\" <script>alert('no')</script>\n二行目の備考"
PASSPORT = "C7654321"
NUMBER = "東就認T26-04711"
OFFICE = OfficeDetails(
    scrivener_name="山田 太郎",
    office_name="山田行政書士事務所",
    registration_number="第12345678号",
    phone="03-1234-5678",
    address="東京都千代田区霞が関1-1-1",
    user_name="山田",
)


@pytest.fixture(autouse=True)
def _gui_app(qapp: object) -> Iterator[None]:
    """pytest-qt's QApplication: printing must reuse it, never create a second application."""
    yield


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext extracts it, whitespace runs folded to one space."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils (make test does)")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(result.stdout.split())


def pdf_info(path: Path) -> dict[str, str]:
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in result.stdout.splitlines())
    }


def _ids(db: Database) -> tuple[int, int]:
    bureau = reference.bureau_for_prefecture(db, "東京都")
    status = next(s.id for s in reference.list_statuses(db) if s.code == "engineer_humanities")
    assert bureau is not None
    return bureau, status


def make_case(db: Database, today: dt.date, *, inquiry_count: int = 1, index: int = 1) -> int:
    """A filed case whose every free-text field tries markup."""
    bureau, status = _ids(db)
    case_id = create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(
                family_name="NGUYEN",
                given_name=f"THI <i>HOA</i> {index}",
                name_kanji="阮氏花",
                name_kana="グエン・ティ・ホア",
                nationality_code="VN",
                birth_date=dt.date(1999, 2, 3),
                passport_number=PASSPORT,
            ),
            organization=OrganizationInput(name="株式会社<b>さくら</b>精工", prefecture="東京都"),
            reference=f"26-90{index:02d}",
            residence_status_id=status,
            bureau_id=bureau,
            review_department="就労審査第三部門 <u>",
            department_phone="03-5796-7254",
            channel=FilingChannel.COUNTER,
            filing_date=today - dt.timedelta(days=101),
            application_number=NUMBER if index == 1 else f"{NUMBER}-{index}",
            stage=Stage.FILED,
            assignee="佐藤",
            notes=NOTE,
        ),
        actor="test",
    )
    for number in range(inquiry_count):
        inquiries.log_inquiry(
            db,
            case_id,
            InquiryInput(
                made_at=dt.datetime.combine(
                    today - dt.timedelta(days=30 + 10 * number), dt.time(10, 30)
                ),
                department="就労審査第三部門",
                staff="佐々木 <b>",
                answer="審査中です。<b>x</b> 追加資料が必要な場合は通知します。" * 2,
                outcome="under_review",
            ),
            actor="test",
        )
    documents.add_request(
        db,
        case_id,
        DocumentRequestInput(
            notice_date=today - dt.timedelta(days=60),
            deadline=today - dt.timedelta(days=46),
            requested_items="雇用契約書の写し\n<b>理由書</b>",
            examiner="小林",
            submitted_on=today - dt.timedelta(days=50),
        ),
        actor="test",
    )
    return case_id


@pytest.fixture
def office_db(db: Database) -> Database:
    save_office(db, OFFICE, actor="test")
    return db


# HTML ----------------------------------------------------------------------------------------


def test_passport_masking() -> None:
    assert mask_passport("C7654321") == "••••••21"
    assert mask_passport("C7654321", show=True) == "C7654321"
    assert mask_passport("AB12") == "••••"  # too short to show any of it
    assert mask_passport(None) == ""
    assert mask_passport("") == ""


def test_esc_never_lets_markup_through() -> None:
    assert esc("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert esc("\"&'") == "&quot;&amp;&#x27;"
    assert esc(None) == ""
    assert esc(12) == "12"


def test_every_value_is_escaped(office_db: Database, today: dt.date) -> None:
    case_id = make_case(office_db, today)
    rows = list_cases(office_db, today=today)
    built = [
        case_summary_for(case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT),
        call_sheet_for(case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT),
        case_list_for(rows, office_of(office_db), printed_at=PRINTED_AT),
    ]
    for document in built:
        for raw in ("<b>x</b>", "<i>HOA</i>", "<script>", "<b>さくら</b>", "<u>", "<b>理由書"):
            assert raw not in document.html
    summary = built[0].html
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &quot;quoted&quot;" in summary
    assert "&lt;script&gt;" in summary
    assert "株式会社&lt;b&gt;さくら&lt;/b&gt;精工" in summary


def test_passport_and_birth_date_policy(office_db: Database, today: dt.date) -> None:
    case_id = make_case(office_db, today)
    summary = case_summary_for(
        case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT
    )
    sheet = call_sheet_for(case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT)
    shown = call_sheet_for(
        case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT, show_passport=True
    )
    for document in (summary, sheet):
        assert PASSPORT not in document.html
        assert "••••••21" in document.html
    assert PASSPORT in shown.html
    # The date of birth identifies the applicant on the phone: on the call sheet only.
    assert "1999-02-03" in sheet.html
    assert "1999-02-03" not in summary.html


def test_dates_follow_the_formatter(office_db: Database, today: dt.date) -> None:
    case_id = make_case(office_db, today)

    def era(value: dt.date, /) -> str:
        return format_date(value, DateStyle.ERA)

    summary = case_summary_for(
        case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT, format_date=era
    )
    filed = today - dt.timedelta(days=101)
    assert era(filed) in summary.html
    assert filed.isoformat() not in summary.html
    assert f"Printed {era(PRINTED_AT.date())} 14:05" == summary.footer


def test_labels_are_translatable_in_the_printing_context() -> None:
    source = Path(printing_html.__file__).read_text(encoding="utf-8")
    contexts = set(re.findall(r"translate\(\s*\"([^\"]*)\"", source))
    assert contexts == {"Printing"}
    # lupdate reads literals only: no translate() call may take a variable as its text.
    assert not re.search(r"translate\(\s*\"Printing\",\s*[^\s\"]", source)


def test_labels_pass_through_the_translator(
    office_db: Database, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = make_case(office_db, today)

    def shout(context: str, source: str) -> str:
        return f"«{source}»" if context == "Printing" else translate(context, source)

    monkeypatch.setattr(printing_html, "translate", shout)
    sheet = call_sheet_for(case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT)
    assert "«Call sheet»" in sheet.html
    assert "«Application number»" in sheet.html


def test_office_details_missing_are_pointed_out(db: Database, today: dt.date) -> None:
    case_id = make_case(db, today)
    sheet = call_sheet_for(case_for_print(db, case_id, today=today), printed_at=PRINTED_AT)
    assert "Office details not set" in sheet.html


def test_a_missing_department_phone_says_where_to_enter_it(db: Database, today: dt.date) -> None:
    case_id = create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(family_name="MENDOZA"),
            organization=OrganizationInput(name="株式会社テスト"),
            stage=Stage.FILED,
            filing_date=today - dt.timedelta(days=30),
        ),
        actor="test",
    )
    sheet = call_sheet_for(case_for_print(db, case_id, today=today), printed_at=PRINTED_AT)
    assert "No phone number recorded" in sheet.html
    assert "Edit case › Department phone" in sheet.html


# PDF -----------------------------------------------------------------------------------------


def test_a_cjk_font_is_used() -> None:
    family = cjk_font_family()
    assert family is not None
    assert "CJK" in family or "JP" in family or "Gothic" in family


def test_case_summary_pdf(office_db: Database, today: dt.date, tmp_path: Path) -> None:
    case_id = make_case(office_db, today)
    detail = get_case(office_db, case_id, today=today)
    document = case_summary_for(
        case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT
    )
    out = tmp_path / "summary.pdf"
    assert write_pdf(document, out) == 1
    text = pdf_text(out)
    assert NUMBER in text
    assert "NGUYEN THI <i>HOA</i> 1" in text
    assert "阮氏花" in text
    assert "グエン・ティ・ホア" in text
    assert "株式会社<b>さくら</b>精工" in text
    assert "東京出入国在留管理局" in text  # not "出⼊国" (Kangxi radical) in the text layer
    headline = " ".join(detail.assessment.headline.render(translate).split())
    assert headline in text
    assert "<b>x</b>" in text  # the note prints literally
    assert "<script>alert('no')</script>" in text
    assert PASSPORT not in text
    assert "••••••21" in text
    assert "Printed 2026-11-27 14:05" in text
    assert "Page 1 of 1" in text
    assert "山田行政書士事務所" in text  # running header
    info = pdf_info(out)
    assert "A4" in info["Page size"]
    assert document.title == info["Title"]


def test_call_sheet_pdf(office_db: Database, today: dt.date, tmp_path: Path) -> None:
    case_id = make_case(office_db, today, inquiry_count=2)
    out = tmp_path / "call.pdf"
    document = call_sheet_for(
        case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT
    )
    assert write_pdf(document, out) == 1
    text = pdf_text(out)
    for expected in (
        NUMBER,
        "NGUYEN THI <i>HOA</i> 1",
        "阮氏花",
        "グエン・ティ・ホア",
        "ベトナム (Viet Nam)",
        "1999-02-03",
        "03-5796-7254",
        "就労審査第三部門 <u>",
        "101 days elapsed",
        "山田 太郎",
        "第12345678号",
        "03-1234-5678",
        "Who answered (部門・担当者)",  # the label and its hint, on one line
        "Next step",
        "技術・人文知識・国際業務",
        "在留資格認定証明書交付申請",
        "Reason for this call",
        "雇用契約書の写し",  # the document request with its submission date
        (today - dt.timedelta(days=50)).isoformat(),
        "□ Could not get through (つながらず)",
        "Name (romanised)",
    ):
        assert expected in text, expected
    assert PASSPORT not in text
    shown = tmp_path / "call-passport.pdf"
    write_pdf(
        call_sheet_for(
            case_for_print(office_db, case_id, today=today),
            printed_at=PRINTED_AT,
            show_passport=True,
        ),
        shown,
    )
    assert PASSPORT in pdf_text(shown)


def test_call_sheet_stays_on_one_page(office_db: Database, today: dt.date, tmp_path: Path) -> None:
    case_id = make_case(office_db, today, inquiry_count=8)
    document = call_sheet_for(
        case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT
    )
    out = tmp_path / "busy-call.pdf"
    assert write_pdf(document, out) == 1
    text = pdf_text(out)
    assert "… and 5 earlier." in text
    assert NUMBER in text


def test_long_summary_runs_on_with_page_numbers(
    office_db: Database, today: dt.date, tmp_path: Path
) -> None:
    case_id = make_case(office_db, today, inquiry_count=40)
    out = tmp_path / "long.pdf"
    pages = write_pdf(
        case_summary_for(case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT),
        out,
    )
    assert pages >= 2
    text = pdf_text(out)
    assert f"Page {pages} of {pages}" in text
    assert text.count("Printed 2026-11-27 14:05") == pages
    # The inquiry table's header row repeats on every page it spans.
    assert text.count("Answer in brief") >= 2


def test_case_list_pdf_is_landscape_with_every_row(
    office_db: Database, today: dt.date, tmp_path: Path
) -> None:
    fill_demo(office_db, today=today)
    rows = sort_by_urgency(list_cases(office_db, today=today))
    out = tmp_path / "list.pdf"
    pages = write_pdf(case_list_for(rows, office_of(office_db), printed_at=PRINTED_AT), out)
    assert pages >= 2
    info = pdf_info(out)
    width, height = (float(n) for n in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert width > height  # landscape
    text = pdf_text(out)
    for row in rows:
        assert row.reference is not None
        assert row.reference in text
        if row.application_number:
            assert row.application_number in text
    assert f"{len(rows)} cases" in text
    assert text.count("Deadline") == pages  # the header row repeats on each page
    assert text.count("Printed 2026-11-27 14:05") == pages
    overdue = [r for r in rows if r.assessment.level == Level.DOCS_OVERDUE]
    assert overdue and "Docs overdue" in text


def test_case_list_prints_only_the_rows_given(
    office_db: Database, today: dt.date, tmp_path: Path
) -> None:
    fill_demo(office_db, today=today)
    rows = sort_by_urgency(list_cases(office_db, today=today))
    shown = [r for r in rows if r.assessment.level == Level.READY]
    out = tmp_path / "ready.pdf"
    write_pdf(case_list_for(shown, office_of(office_db), printed_at=PRINTED_AT, title="Ready"), out)
    text = pdf_text(out)
    assert all(r.reference and r.reference in text for r in shown)
    hidden = [r for r in rows if r not in shown]
    assert not any(r.reference and r.reference in text for r in hidden)


def test_plain_html_document(tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    assert write_pdf(PrintDocument(title="t", html="<p>申請番号 阪永認T12-345</p>"), out) == 1
    assert "申請番号 阪永認T12-345" in pdf_text(out)


def test_write_pdf_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.pdf"
    with pytest.raises(PrintError) as raised:
        write_pdf(PrintDocument(title="t", html="<p>x</p>"), target)
    assert str(target) in str(raised.value)
    assert not target.parent.exists()


def test_write_pdf_replaces_and_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    write_pdf(PrintDocument(title="t", html="<p>new</p>"), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_fix_text_mapping_rewrites_targets_only() -> None:
    cmap = (
        b"2 beginbfrange\n"
        b"<0001> <0003> [<2F0A> <2F0A> <2027> ]\n"
        b"<2F0A> <2F0A> <2F2F>\n"
        b"<0005> <0006> <2F00>\n"
        b"endbfrange\n"
    )
    fixed = fix_text_mapping(b"%PDF head\n" + cmap + b"tail")
    assert len(fixed) == len(cmap) + len(b"%PDF head\ntail")  # offsets stay valid
    assert b"[<5165> <5165> <30FB> ]" in fixed  # ⼊ → 入, ‧ → ・
    assert b"<2F0A> <2F0A> <5DE5>" in fixed  # glyph ids untouched, ⼯ → 工
    assert b"<0005> <0006> <2F00>" in fixed  # a range start cannot be changed alone


def test_needs_offscreen_only_without_a_display() -> None:
    assert needs_offscreen({}, "linux")
    assert not needs_offscreen({"DISPLAY": ":0"}, "linux")
    assert not needs_offscreen({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not needs_offscreen({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not needs_offscreen({}, "win32")
    assert not needs_offscreen({}, "darwin")


# GUI -------------------------------------------------------------------------------------------


@pytest.mark.gui
def test_preview_dialog_paints_and_saves(
    office_db: Database,
    today: dt.date,
    tmp_path: Path,
    qtbot: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QFileDialog

    from coetracker.ui.dialogs import print_preview

    case_id = make_case(office_db, today)
    document = call_sheet_for(
        case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT
    )
    dialog = print_preview.make_preview_dialog(None, document)
    try:
        assert "Call sheet" in dialog.windowTitle()
        widget = dialog.findChild(QPrintPreviewWidget)
        assert widget is not None
        widget.updatePreview()
        assert widget.pageCount() == 1
        assert any(a.text() == "Save as PDF…" for a in dialog.findChildren(QAction))
    finally:
        dialog.deleteLater()

    chosen = tmp_path / "saved"  # no suffix: .pdf is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(chosen), ""))
    )
    saved = print_preview.save_as_pdf(None, document)
    assert saved == tmp_path / "saved.pdf"
    assert NUMBER in pdf_text(saved)


def test_suggested_file_name_is_safe() -> None:
    from coetracker.ui.dialogs.print_preview import suggested_file_name

    name = suggested_file_name(PrintDocument(title='Call sheet 26/0011: "A"?', html=""))
    assert name == "Call sheet 26 0011 A.pdf"
    assert suggested_file_name(PrintDocument(title="", html="")) == "COE Tracker.pdf"


def test_pdf_text_gives_the_kanji_printed_not_a_variant(tmp_path: Path) -> None:
    """The JP font draws 戸 with the glyph of the radical ⼾ (whose NFKC form is 戶), and 西, 長,
    青, 民 with the glyphs of supplement radicals: the text layer must still say 神戸, 西, 長."""
    out = tmp_path / "kobe.pdf"
    text = "神戸支局 関西 長崎 青森 国民 麦 黄 歯 亀 竜 入国 戶"
    write_pdf(PrintDocument(title="t", html=f"<p>{text}</p>"), out)
    extracted = pdf_text(out)
    assert "神戸支局" in extracted and "\u6236支" not in extracted
    assert text.replace(" 戶", "") in extracted
    assert not any(0x2E80 <= ord(c) < 0x2FE0 for c in extracted), extracted


def test_call_sheet_text_says_神戸_as_stored(
    office_db: Database, today: dt.date, tmp_path: Path
) -> None:
    kobe = next(b for b in reference.list_bureaus(office_db) if b.short_name_ja == "神戸支局")
    case_id = make_case(office_db, today)
    with office_db.write_session() as session:
        session.get_one(Case, case_id).bureau_id = kobe.id
    out = tmp_path / "kobe.pdf"
    write_pdf(
        call_sheet_for(case_for_print(office_db, case_id, today=today), printed_at=PRINTED_AT), out
    )
    text = pdf_text(out)
    assert "神戸支局" in text
    assert "\u6236" not in text

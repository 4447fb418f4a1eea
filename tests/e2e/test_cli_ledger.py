"""``coetracker ledger`` / ``invoice`` / ``receipt`` as a user runs them, PDFs read back.

A real database is filled through the services (office, ledger settings, cases with fees and
payments, a closed year with a correction); the commands run in Japanese (``main(argv)`` in
this process), and pdftotext shows what an inspector or a client would read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from coetracker.domain.ledger import FeeLine, LineKind, OfficeForm
from coetracker.io.csv_columns import ColumnKind, unguard_cell
from coetracker.services import cases, fees, ledger, reference
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.services.settings import OfficeDetails, save_office
from coetracker.storage.engine import open_database
from tests.helpers.cli import CliResult, run_cli

OFFICE = OfficeDetails(
    scrivener_name="山本 一郎",
    office_name="やまもと行政書士法人",
    registration_number="第12345678号",
    phone="03-1234-5678",
    address="〒100-0005 東京都千代田区丸の内1-1-1",
)
T_NUMBER = "T7000012050002"
CLIENTS = [
    ("株式会社さくら精工", "144-0052", "東京都", "大田区蒲田5-1-1"),
    ("医療法人社団あおば会", "460-0008", "愛知県", "名古屋市中区栄3-5-1"),
    ("有限会社みなと食品", "231-0001", "神奈川県", "横浜市中区新港1-2-3"),
]
FEES = [120_000, 88_000, 150_001]


def run_ledger(db: Path, *args: str) -> CliResult:
    """``coetracker --lang ja --db DB ARGS`` in this process."""
    return run_cli("--lang", "ja", "--db", db, *args)


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return "".join(result.stdout.split())  # cells wrap anywhere: compare without white space


def pdf_pages(path: Path) -> tuple[int, str]:
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    info = dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
    return int(info["Pages"]), info["Page size"].strip()


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ledger") / "books.sqlite3"
    db, _ = open_database(f"sqlite:///{path}")
    save_office(db, OFFICE, actor="t")
    ledger.save_ledger_settings(
        db,
        ledger.LedgerSettings(form=OfficeForm.CORPORATION, registration_number=T_NUMBER),
        actor="t",
    )
    status = next(s.id for s in reference.list_statuses(db) if s.code == "engineer_humanities")
    for index, ((name, postal, prefecture, address), fee) in enumerate(
        zip(CLIENTS, FEES, strict=True)
    ):
        case_id = cases.create_case(
            db,
            CaseInput(
                applicant=ApplicantInput(family_name="NGUYEN", given_name=f"AN {index}"),
                organization=OrganizationInput(
                    name=name, postal_code=postal, prefecture=prefecture, address=address
                ),
                residence_status_id=status,
            ),
            actor="t",
        )
        ledger.accept_case(db, case_id, accepted_on=dt.date(2026, 4, 10 + index), actor="t")
        lines = [FeeLine(LineKind.FEE, "申請取次報酬", fee)]
        if index == 0:
            lines += [
                FeeLine(LineKind.EXPENSE, "翻訳料", 1_999, 8),
                FeeLine(LineKind.EXPENSE, "資料取寄せ", 1_999, 8),
                FeeLine(LineKind.ADVANCE, "収入印紙代（立替金）", 4_000),
            ]
        fees.set_fee_lines(db, case_id, lines, actor="t")
        if index < 2:
            total = fees.case_fees(db, case_id).totals.total
            fees.add_payment(
                db, case_id, fees.PaymentRecord(dt.date(2026, 5, 1), total, "振込"), actor="t"
            )
    ledger.close_year(db, 2026, closed_on=dt.date(2027, 1, 15), actor="t")
    ledger.add_correction(
        db, 3, field="報酬額", old_value="150001", new_value="150000",
        reason="記載誤り", actor="t",
    )  # fmt: skip
    db.dispose()
    return path


def test_ledger_pdf_holds_every_item_the_law_names(books: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.pdf"
    result = run_ledger(books, "ledger", "--year", "2026", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    pages, size = pdf_pages(out)
    assert pages == 1
    assert size.startswith("842 x 595")  # A4 landscape
    text = pdf_text(out)
    for item in (
        "事件簿 2026年",
        "やまもと行政書士法人",
        "行政書士登録番号 第12345678号",
        "受託番号", "受託年月日", "事件の名称", "依頼者氏名", "依頼者住所", "報酬額（税抜）",
        "完了年月日", "備考",
        "R8-001", "R8-002", "R8-003",
        "2026-04-10", "2026-04-12",
        "在留資格認定証明書交付申請（技術・人文知識・国際業務）",
        "〒460-0008 愛知県 名古屋市中区栄3-5-1",
        "¥120,000", "¥88,000", "¥150,001",
        "2027-01-15閉鎖、2029-01-15まで保存。",
        "訂正", "150001 → 150000（記載誤り）",
        "1 / 1 ページ",
    ):  # fmt: skip
        assert item.replace(" ", "") in text, item
    for name, *_ in CLIENTS:
        assert name in text
    # The totals are the sum of the lines.
    assert "合計（3件）" in text
    assert f"¥{sum(FEES):,}¥{sum(f // 10 for f in FEES) + 319:,}¥{140_317 + 96_800:,}" in text


def test_ledger_csv_totals_equal_the_lines(books: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.csv"
    result = run_ledger(books, "ledger", "--year", "2026", "--csv", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    lines, total = rows[:-1], rows[-1]
    numbers = [unguard_cell(row["受託番号"], ColumnKind.IDENTIFIER) for row in lines]
    assert numbers == ["R8-001", "R8-002", "R8-003"]
    assert [row["受託日"] for row in lines] == ["2026-04-10", "2026-04-11", "2026-04-12"]
    assert total["受託番号"] == "合計"
    assert int(total["報酬額（税抜）"]) == sum(int(row["報酬額（税抜）"]) for row in lines)
    assert int(total["消費税額"]) == sum(int(row["消費税額"]) for row in lines)


def test_ledger_workbook_has_typed_cells_and_totals(books: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "ledger.xlsx"
    result = run_ledger(
        books, "ledger", "--year", "2026", "--xlsx", str(out), "--date-style", "era"
    )
    assert result.returncode == 0, result.stderr
    assert "3" in result.stdout
    assert out.stat().st_mode & 0o077 == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["事件簿", "概要"]
    sheet = book["事件簿"]
    rows = list(sheet.iter_rows(values_only=True))
    header, lines, total = rows[0], rows[1:-1], rows[-1]
    assert header[:3] == ("受託番号", "受託日", "事件の名称")
    assert [row[0] for row in lines] == ["R8-001", "R8-002", "R8-003"]
    assert [row[1] for row in lines] == [
        dt.datetime(2026, 4, 10), dt.datetime(2026, 4, 11), dt.datetime(2026, 4, 12)
    ]  # fmt: skip
    assert "ggge" in sheet.cell(row=2, column=2).number_format  # 令和8年4月10日
    fees_column = header.index("報酬額（税抜）")
    assert [row[fees_column] for row in lines] == FEES  # numbers Excel can sum
    assert total[0] == "合計" and total[2] == "3件"
    assert total[fees_column] == sum(FEES)
    tax_column = header.index("消費税額")
    assert total[tax_column] == sum(row[tax_column] for row in lines)
    remarks = header.index("備考")
    assert "150001 → 150000（記載誤り）" in str(lines[2][remarks])
    summary = dict(book["概要"].iter_rows(values_only=True))
    assert summary["年"] == 2026 and summary["件数"] == 3
    assert summary["帳簿閉鎖日"] == dt.datetime(2027, 1, 15)


def test_invoice_is_one_qualified_page(books: Path, tmp_path: Path) -> None:
    out = tmp_path / "invoice.pdf"
    result = run_ledger(books, "invoice", "R8-001", "--date", "2026-04-20", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert pdf_pages(out)[0] == 1
    text = pdf_text(out)
    for item in (
        "請求書", "番号：INV-2026-0001", "発行日：2026-04-20", "取引年月日：2026-04-20",
        "株式会社さくら精工 御中", "やまもと行政書士法人", "登録番号：T7000012050002",
        "申請取次報酬", "翻訳料", "8%（軽減税率）※",
        "10%対象 ¥120,000 消費税 ¥12,000", "8%対象 ¥3,998 消費税 ¥319",
        "立替金（不課税）", "収入印紙代（立替金）", "¥4,000",
        "¥140,317",  # 120,000 + 12,000 + 3,998 + 319 + 4,000
    ):  # fmt: skip
        assert item.replace(" ", "") in text, item


def test_receipt_shows_the_revenue_stamp_box_for_a_corporation(books: Path, tmp_path: Path) -> None:
    out = tmp_path / "receipt.pdf"
    result = run_ledger(books, "receipt", "R8-002", "--date", "2026-05-01", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert pdf_pages(out)[0] == 1
    text = pdf_text(out)
    for item in (
        "領収証", "番号：RCP-2026-0001", "医療法人社団あおば会 御中", "¥96,800",
        "10%対象 ¥88,000 消費税 ¥8,800", "収入印紙", "登録番号：T7000012050002",
        "上記正に領収いたしました。",
    ):  # fmt: skip
        assert item.replace(" ", "") in text, item
    small = tmp_path / "small.pdf"
    result = run_ledger(
        books, "receipt", "R8-002", "--amount", "49999", "--date", "2026-05-01", "--pdf", str(small)
    )
    assert result.returncode == 0, result.stderr
    assert "収入印紙" not in pdf_text(small)


def test_unknown_reference_is_one_sentence(books: Path, tmp_path: Path) -> None:
    result = run_ledger(books, "invoice", "R8-999", "--pdf", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "R8-999" in result.stderr


def test_demo_ledger_repeats_its_header_on_every_page(
    tmp_path: Path, copy_demo: Callable[[Path], Path]
) -> None:
    db = copy_demo(tmp_path / "demo.sqlite3")
    out = tmp_path / "demo-ledger.pdf"
    result = run_ledger(db, "ledger", "--year", "2026", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    pages, _size = pdf_pages(out)
    assert pages > 1
    for page in range(1, pages + 1):
        text = pdf_text(out, page)
        assert "受託番号受託年月日事件の名称" in text
        assert f"{page}/{pages}ページ" in text
    assert "合計（" in pdf_text(out, pages)


def test_nothing_to_invoice_or_receive_is_one_sentence(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    database, _ = open_database(f"sqlite:///{db}")
    case_id = cases.create_case(
        database,
        CaseInput(
            applicant=ApplicantInput(family_name="NGUYEN"),
            organization=OrganizationInput(name="株式会社さくら精工"),
            reference="R8-050",
        ),
        actor="t",
    )
    database.dispose()
    assert case_id
    result = run_ledger(db, "invoice", "R8-050", "--pdf", str(tmp_path / "i.pdf"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    result = run_ledger(db, "receipt", "R8-050", "--pdf", str(tmp_path / "r.pdf"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "i.pdf").exists() and not (tmp_path / "r.pdf").exists()

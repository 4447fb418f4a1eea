"""The import's fast path prepares a new case exactly as the services do, and leaves every row
the services would refuse to them (so each problem is still named by the services)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from coetracker.io.csv_codec import ImportRecord, read_csv
from coetracker.services import import_row_plan
from coetracker.services.errors import ValidationError
from coetracker.services.import_bulk import PreparedRow
from coetracker.services.import_prepare import quick_prepare
from coetracker.services.import_row_plan import PlannedRow, RowAction

HEADER = (
    "受託番号,所属機関,申請人(姓),申請人(名),申請人(漢字),申請人(カナ),国籍・地域,生年月日,"
    "在留資格,申請先,申請方法,申請日,申請番号,入国予定日,進捗,交付日,入国日,最終問合せ日,"
    "資料提出期限,資料提出日,延長前の提出期限,備考,アーカイブ,申請種別,在留期間,在留期限,"
    "旅券番号,電話番号,代理人氏名,代理人続柄,代理人都道府県,代理人住所,証明書の受領方法,受領登録日"
)
COLUMNS = HEADER.split(",")

ORDINARY = {
    "受託番号": "R-1",
    "所属機関": "株式会社さくら",
    "申請人(姓)": "NGUYEN",
    "申請人(名)": "VAN AN",
    "国籍・地域": "VN",
    "生年月日": "1990-01-02",
    "申請日": "2026-03-01",
    "申請番号": "東就認T26-1",
}

VARIANTS: list[dict[str, str]] = [
    {},
    {"申請人(姓)": "  Tran  ", "申請人(名)": " ", "申請人(漢字)": "陳　", "申請人(カナ)": "チャン"},
    {"申請人(姓)": "Jose\u0301", "旅券番号": "ｔｋ１２３ ４５６", "国籍・地域": "vn"},
    {"受託番号": " ", "申請番号": "  阪永認T12-345  ", "進捗": "", "資料提出期限": "2026-04-01"},
    {"進捗": "", "交付日": "2026-05-01", "入国日": "2026-06-01", "申請番号": ""},
    {"進捗": "", "申請日": "", "申請番号": "", "資料提出日": "2026-04-02"},
    {"進捗": "", "申請日": "", "申請番号": ""},
    {"資料提出期限": "2026-04-10", "延長前の提出期限": "2026-04-01", "資料提出日": "2026-04-05"},
    {"延長前の提出期限": "2026-04-01"},
    {
        "備考": "  急ぎ  ",
        "アーカイブ": "はい",
        "申請方法": "オンライン",
        "申請種別": "在留資格認定",
    },
    {"備考": "\u202eright to left\u202c", "代理人住所": "  東京都港区  "},
    {
        "代理人氏名": " 山田 太郎 ",
        "代理人続柄": "夫",
        "代理人都道府県": "東京都",
        "電話番号": " 03 ",
    },
    {"証明書の受領方法": "メール", "交付日": "2026-05-01", "受領登録日": "2026-05-02"},
    {
        "在留期間": "1年",
        "入国日": "2026-06-01",
        "交付日": "2026-05-01",
        "最終問合せ日": "2026-04-01",
    },
    {"在留期限": "2027-01-01", "入国日": "2027-02-01", "交付日": "2026-05-01"},
    # Rows the services refuse: the fast path must hand every one of them on.
    {"申請人(姓)": "A\x07B"},
    {"申請人(名)": "VAN\u202eAN"},
    {"受託番号": "R\u200e1"},
    {"申請番号": "T" * 61},
    {"受託番号": "R" * 41},
    {"申請人(姓)": "N" * 101},
    {"申請人(カナ)": "ア" * 201},
    {"旅券番号": "Ｐ" * 21},
    {"代理人都道府県": "東" * 11},
    {"代理人氏名": "\x1bX"},
    {"備考": "ok\x7f"},
    {"代理人住所": "x" * 10_001},
    {"申請日": "2026-06-01", "交付日": "2026-05-01"},
    {"交付日": "2026-05-01", "入国日": "2026-04-01"},
    {"証明書の受領方法": "紙", "受領登録日": "2026-05-02"},
    {"証明書の受領方法": "メール", "交付日": "2026-05-03", "受領登録日": "2026-05-02"},
    {"資料提出期限": "2026-04-01", "延長前の提出期限": "2026-04-10"},
]


def _sheet_rows() -> list[dict[str, str]]:
    return [{**ORDINARY, **variant, "受託番号": f"R-{i}"} if variant.get("受託番号") is None
            else {**ORDINARY, **variant} for i, variant in enumerate(VARIANTS)]  # fmt: skip


def _csv(rows: list[dict[str, str]]) -> bytes:
    def cell(text: str) -> str:
        return f'"{text}"' if any(c in text for c in ',"\n') else text

    lines = [HEADER] + [",".join(cell(row.get(c, "")) for c in COLUMNS) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _by_services(record: ImportRecord) -> PreparedRow | None:
    row = PlannedRow(record=record, action=RowAction.CREATE, residence_status_id=3, bureau_id=4)
    try:
        return import_row_plan.prepared_values(row)
    except ValidationError:
        return None


def test_the_fast_path_prepares_what_the_services_prepare_and_refuses_nothing_itself() -> None:
    sheet = read_csv(_csv(_sheet_rows()))
    assert not sheet.problems, sheet.problems[:3]
    assert len(sheet.records) == len(VARIANTS)
    quick = [quick_prepare(record, 3, 4) for record in sheet.records]
    services = [_by_services(record) for record in sheet.records]
    refused = VARIANTS.index({"申請人(姓)": "A\x07B"})
    for index, (fast, slow) in enumerate(zip(quick, services, strict=True)):
        if slow is None:  # the services refuse it: the fast path must not prepare it
            assert fast is None, VARIANTS[index]
            assert index >= refused, VARIANTS[index]
        elif fast is not None:
            assert fast == slow, VARIANTS[index]
    # Every row the services accept takes the fast path, but for a direction mark in notes
    # (which the services allow there, and the fast path leaves to them) …
    slow_path = [i for i, (f, s) in enumerate(zip(quick, services, strict=True)) if s and not f]
    assert [VARIANTS[i] for i in slow_path] == [
        {"備考": "\u202eright to left\u202c", "代理人住所": "  東京都港区  "}
    ]
    # … and every one of the last rows is refused by the services.
    assert all(slow is None for slow in services[refused:])


@pytest.mark.parametrize("stage", ["", "申請済", "交付", "入国済", "準備中", "資料提出通知"])
def test_stages_inferred_and_given_match(stage: str) -> None:
    dates = ["", "2026-03-01"]
    rows: list[dict[str, str]] = []
    for filed, issued, entered, deadline, submitted in itertools.product(dates, repeat=5):
        rows.append(
            {
                **ORDINARY,
                "受託番号": f"R-{len(rows)}",
                "進捗": stage,
                "申請日": filed,
                "申請番号": "",
                "交付日": issued,
                "入国日": entered,
                "資料提出期限": deadline,
                "資料提出日": submitted,
            }
        )
    sheet = read_csv(_csv(rows))
    for record in sheet.records:
        fast, slow = quick_prepare(record, 3, 4), _by_services(record)
        assert fast == slow
        assert fast is not None
    assert dt.date(2026, 3, 1) in {r.filing_date for r in sheet.records}

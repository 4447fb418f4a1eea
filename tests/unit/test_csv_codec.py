"""The case-list CSV codec: format, guards, encodings, validation, exact round trips (issue 5)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coetracker.domain.model import FilingChannel, Stage
from coetracker.domain.nationalities import by_code
from coetracker.io import csv_text
from coetracker.io.csv_codec import (
    CASE_COLUMNS,
    COMPUTED_COLUMNS,
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    ColumnKind,
    CsvEncodingError,
    CsvReadError,
    HeaderStyle,
    ImportRecord,
    ParsedSheet,
    encode_csv,
    excel_would_convert,
    export_row,
    format_value,
    guard_cell,
    lookup_channel,
    lookup_stage,
    match_header,
    read_csv,
    read_csv_file,
    unguard_cell,
    write_csv,
)
from coetracker.io.csv_columns import AGENT_COLUMNS, BOOK_COLUMNS, STAY_COLUMNS

BOM = b"\xef\xbb\xbf"
KEYS = [c.key for c in EXPORT_COLUMNS]


def row(**values: object) -> list[str]:
    """A full export row from typed values (client and name filled in unless given)."""
    values = {"client": "株式会社サンプル", "family_name": "NGUYEN", **values}
    return export_row(values)


def read_one(data: bytes) -> ImportRecord:
    sheet = read_csv(data)
    assert sheet.problems == ()
    assert len(sheet.records) == 1
    return sheet.records[0]


def problems_of(sheet: ParsedSheet) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.message.render()) for p in sheet.problems]


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.replace("\n", "\r\n").encode(encoding)


# --- the format -------------------------------------------------------------------------------


def test_columns_in_issue_order() -> None:
    expected = (
        "受託番号 reference · 所属機関 client · 申請人(姓) family_name · 申請人(名) given_name · "
        "申請人(漢字) name_kanji · 申請人(カナ) name_kana · 国籍・地域 nationality · "
        "生年月日 birth_date · 在留資格 residence_status · 申請先 bureau · 申請方法 channel · "
        "申請日 filing_date · 申請番号 application_number · 入国予定日 planned_entry_date · "
        "進捗 stage · 交付日 coe_issued_date · 入国日 entry_date · "
        "最終問合せ日 last_inquiry_date · 資料提出期限 document_deadline · "
        "資料提出日 documents_submitted_date · 延長前の提出期限 original_deadline · "
        "備考 notes · アーカイブ archived · "
        "有効期限 coe_expiry_date · "
        "経過日数 elapsed_days · 状況 readiness · 次回確認日 next_check · 理由 reason · "
        "申請種別 procedure · 在留期間 card_period · 在留期限 card_expiry_date · "
        "電話番号 department_phone · 受託日 accepted_on · 報酬額 fee · "
        "依頼者住所 client_address · 入金日 paid_on · 入金額 paid_amount · "
        "代理人氏名 agent_name · 代理人続柄 agent_relationship · "
        "代理人都道府県 agent_prefecture · 代理人住所 agent_address · "
        "証明書の受領方法 coe_delivery · 受領登録日 coe_receipt_registered_on"
    )
    pairs = [tuple(item.split()) for item in expected.split(" · ")]
    assert [(c.header_ja, c.key) for c in EXPORT_COLUMNS] == pairs
    assert all(c.export_only for c in COMPUTED_COLUMNS)
    assert not any(c.export_only for c in CASE_COLUMNS)
    assert EXPORT_COLUMNS[-20:-15] == COMPUTED_COLUMNS
    assert EXPORT_COLUMNS[-15:-12] == STAY_COLUMNS
    assert EXPORT_COLUMNS[-12:-6] == BOOK_COLUMNS
    assert EXPORT_COLUMNS[-6:] == AGENT_COLUMNS
    assert not any(c.export_only for c in STAY_COLUMNS + BOOK_COLUMNS + AGENT_COLUMNS)
    kinds = {c.key: c.kind for c in EXPORT_COLUMNS}
    assert kinds["reference"] == kinds["application_number"] == ColumnKind.IDENTIFIER
    assert kinds["filing_date"] == ColumnKind.DATE
    assert kinds["stage"] == ColumnKind.STAGE
    assert kinds["channel"] == ColumnKind.CHANNEL


def test_import_record_has_a_field_per_importable_column() -> None:
    fields = {f.name for f in dataclasses.fields(ImportRecord)}
    assert {c.key for c in CASE_COLUMNS} <= fields
    assert not {c.key for c in COMPUTED_COLUMNS} & fields


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("申請人(姓)", "family_name"),
        ("申請人（姓）", "family_name"),
        (" 申請人 ( 姓 ) ", "family_name"),
        ("family_name", "family_name"),
        ("Family Name", "family_name"),
        ("FAMILY-NAME", "family_name"),
        ("ｆａｍｉｌｙ＿ｎａｍｅ", "family_name"),
        ("国籍・地域", "nationality"),
        ("国籍･地域", "nationality"),
        ("有効期限", "coe_expiry_date"),
    ],
)
def test_match_header(text: str, key: str) -> None:
    column = match_header(text)
    assert column is not None
    assert column.key == key


STAGES = {
    "準備中": Stage.PREPARING,
    "申請済": Stage.FILED,
    "資料提出通知": Stage.DOCUMENTS_REQUESTED,
    "資料提出済": Stage.DOCUMENTS_SUBMITTED,
    "交付": Stage.ISSUED,
    "送付済": Stage.SENT,
    "査証申請済": Stage.VISA_APPLIED,
    "入国済": Stage.ENTERED,
    "不交付": Stage.DENIED,
    "取下げ": Stage.WITHDRAWN,
    "期限切れ": Stage.EXPIRED,
}


@pytest.mark.parametrize(("label", "stage"), STAGES.items())
def test_stage_vocabulary_both_ways(label: str, stage: Stage) -> None:
    assert format_value(stage) == label
    assert format_value(stage, HeaderStyle.EN) == stage.value
    assert lookup_stage(label) is stage
    assert lookup_stage(stage.value) is stage
    assert lookup_stage(f" {stage.value.upper()} ") is stage
    assert lookup_stage(stage.value.replace("_", " ").title()) is stage


def test_channel_vocabulary_both_ways() -> None:
    expected = {
        "窓口": FilingChannel.COUNTER,
        "オンライン": FilingChannel.ONLINE,
        "郵送": FilingChannel.MAIL,
    }
    for label, channel in expected.items():
        assert format_value(channel) == label
        assert lookup_channel(label) is channel
        assert lookup_channel(channel.value.upper()) is channel
    assert lookup_channel("ｵﾝﾗｲﾝ") is FilingChannel.ONLINE  # half-width katakana
    assert lookup_channel("電子申請") is FilingChannel.ONLINE
    assert lookup_channel("fax") is None
    assert lookup_stage("審査中") is None


def test_format_value() -> None:
    assert format_value(None) == ""
    assert format_value(dt.date(2026, 11, 27)) == "2026-11-27"
    assert format_value(42) == "42"
    assert format_value(by_code("VN")) == "ベトナム"
    assert format_value(by_code("VN"), HeaderStyle.EN) == "Viet Nam"
    with pytest.raises(TypeError):
        format_value(dt.datetime(2026, 11, 27, 9, 0))
    assert format_value(True) == "はい"
    assert format_value(True, HeaderStyle.EN) == "yes"
    assert format_value(False) == ""
    with pytest.raises(KeyError):
        export_row({"no_such_column": "x"})


# --- guards -----------------------------------------------------------------------------------


@pytest.mark.parametrize("trigger", sorted(FORMULA_TRIGGERS))
def test_formula_triggers_are_guarded(trigger: str) -> None:
    value = trigger + "HYPERLINK(1)"
    assert guard_cell(value, ColumnKind.TEXT) == "'" + value
    assert unguard_cell("'" + value, ColumnKind.TEXT) == value


def test_guard_covers_the_issue_list() -> None:
    assert set("=+-@＝＋－＠\t\r\0") <= FORMULA_TRIGGERS


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("'=1+1", "''=1+1"),
        ("'", "''"),
        ("'abc", "''abc"),
        ("abc", "abc"),
        (" =1", " =1"),
        ("", ""),
        ("山田", "山田"),
    ],
)
def test_text_guard(value: str, written: str) -> None:
    assert guard_cell(value, ColumnKind.TEXT) == written
    assert unguard_cell(written, ColumnKind.TEXT) == value


def test_reader_keeps_apostrophes_the_writer_did_not_add() -> None:
    # A hand-made sheet: an apostrophe before an ordinary letter is data.
    assert unguard_cell("'abc", ColumnKind.TEXT) == "'abc"
    assert unguard_cell("O'Brien", ColumnKind.TEXT) == "O'Brien"


@pytest.mark.parametrize(
    "value",
    [
        "0123",
        "1-2",
        "2025-11",
        "2025/11/3",
        "12345678901234567890",
        "1e5",
        "12:30",
        "50%",
        ".5",
        "(123)",
        "¥100",
        "$5",
        "TRUE",
        "false",
        "R7.11.3",
        "h30/4/1",
        "令和7年11月3日",
        "2025年11月",
        "Jan-1",
        "March 2025",
        "０１２３",
        " 0123",
    ],
)
def test_identifiers_that_excel_would_convert_are_kept_as_text(value: str) -> None:
    assert excel_would_convert(value)
    written = guard_cell(value, ColumnKind.IDENTIFIER)
    assert written == "'" + value
    assert unguard_cell(written, ColumnKind.IDENTIFIER) == value
    # A free-text column does not add the text guard (only the formula guard).
    assert guard_cell(value, ColumnKind.TEXT) == value


@pytest.mark.parametrize("value", ["東2025-12345", "ABC-001", "K12", "Marketing", "TK1234567"])
def test_identifiers_that_stay_text_are_written_as_they_are(value: str) -> None:
    assert not excel_would_convert(value)
    assert guard_cell(value, ColumnKind.IDENTIFIER) == value


def test_identifier_starting_with_apostrophe_round_trips() -> None:
    for value in ("'0123", "'abc", "''"):
        written = guard_cell(value, ColumnKind.IDENTIFIER)
        assert written == "'" + value
        assert unguard_cell(written, ColumnKind.IDENTIFIER) == value


def test_export_writes_guards_into_the_file() -> None:
    data = encode_csv(
        [row(reference="0123", application_number="2025-11", notes="=cmd|' /C calc'!A0")]
    )
    line = data.decode("utf-8-sig").split("\r\n")[1]
    assert line.startswith("'0123,")
    assert ",'2025-11," in line
    assert "'=cmd|' /C calc'!A0" in line
    record = read_one(data)
    assert (record.reference, record.application_number) == ("0123", "2025-11")
    assert record.notes == "=cmd|' /C calc'!A0"


# --- writing ----------------------------------------------------------------------------------


def test_utf8_file_starts_with_bom_and_uses_crlf() -> None:
    data = encode_csv([row(notes="一行目\n二行目"), row()])
    assert data.startswith(BOM)
    assert not data.startswith(BOM + BOM)
    text = data.decode("utf-8-sig")
    assert text.startswith("受託番号,所属機関,申請人(姓),")
    assert text.endswith("\r\n")
    # Every record ends CRLF; the newline inside the quoted note is kept as written.
    assert text.count("\r\n") == 3
    assert '"一行目\n二行目"' in text


def test_english_headers_and_values() -> None:
    values = {"stage": Stage.DOCUMENTS_REQUESTED, "channel": FilingChannel.MAIL}
    data = encode_csv([export_row(values, style=HeaderStyle.EN)], header_style=HeaderStyle.EN)
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ",".join(KEYS)
    assert "documents_requested" in lines[1]
    assert ",mail," in lines[1]


def test_write_to_path_and_stream(tmp_path: Path) -> None:
    rows = [row(reference=f"R{i}") for i in range(3)]
    target = tmp_path / "cases.csv"
    assert write_csv(rows, target) == 3
    assert target.read_bytes() == encode_csv(rows)
    assert [p.name for p in tmp_path.iterdir()] == ["cases.csv"]  # no temporary file left
    assert target.stat().st_mode & 0o077 == 0  # personal data: owner only
    stream = io.BytesIO()
    assert write_csv(rows, stream, encoding="cp932") == 3
    assert stream.getvalue() == encode_csv(rows, encoding="cp932")


def test_rows_must_match_the_columns() -> None:
    with pytest.raises(ValueError, match="row 2 has 2 cells"):
        encode_csv([["a", "b"]])
    with pytest.raises(ValueError, match="unsupported CSV encoding"):
        encode_csv([], encoding="latin-1")  # type: ignore[arg-type]


def test_cp932_export_of_vietnamese_name_names_row_and_column(tmp_path: Path) -> None:
    rows = [
        row(family_name="TRAN"),
        row(family_name="NGUYỄN", given_name="VĂN AN"),
        row(family_name="LE", notes="🙂 and 你们"),
    ]
    target = tmp_path / "cases.csv"
    with pytest.raises(CsvEncodingError) as caught:
        write_csv(rows, target, encoding="cp932")
    error = caught.value
    found = [(c.row, c.column, c.characters) for c in error.cells]
    assert found == [(3, "申請人(姓)", "Ễ"), (3, "申請人(名)", "Ă"), (4, "備考", "🙂你们")]
    text = str(error)
    assert "Row 3, column 申請人(姓): “Ễ” U+1EC4 cannot be written in CP932" in text
    assert "3 cells cannot be written" in error.message.render()
    assert list(tmp_path.iterdir()) == []  # no file, not even a partial one


def test_failed_cp932_export_leaves_an_existing_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "cases.csv"
    target.write_bytes(b"old")
    with pytest.raises(CsvEncodingError):
        write_csv([row(family_name="NGUYỄN")], target, encoding="cp932")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["cases.csv"]


def test_nul_cannot_be_written_in_any_encoding() -> None:
    with pytest.raises(CsvEncodingError) as caught:
        encode_csv([row(notes="a\0b")])
    assert caught.value.cells[0].row == 2
    assert "NUL" in str(caught.value)


def test_cp932_refuses_characters_that_read_back_as_binary() -> None:
    with pytest.raises(CsvEncodingError) as caught:
        encode_csv([row(notes="a\uf8f0b\x80")], encoding="cp932")
    assert caught.value.cells[0].characters == "\uf8f0\x80"
    with pytest.raises(CsvReadError, match="not valid cp932 text"):
        read_csv(b"client,family_name\r\nA,\xfd\r\n", encoding="cp932")


def test_cp932_writes_same_glyph_equivalents() -> None:
    data = encode_csv([row(notes="9時〜17時 −5 ¥100 ‖ — ¢£¬‾")], encoding="cp932")
    assert not data.startswith(BOM)
    assert read_one(data).notes == "9時～17時 －5 ￥100 ∥ ― ￠￡￢￣"


def test_cp932_minus_sign_at_start_is_still_guarded() -> None:
    data = encode_csv([row(notes="−1")], encoding="cp932")
    assert "'－1".encode("cp932") in data
    assert read_one(data).notes == "－1"


# --- reading ----------------------------------------------------------------------------------

HEADER_JA = "受託番号,所属機関,申請人(姓),申請人(漢字),申請日,進捗,申請方法,国籍・地域,備考"


def test_cp932_sheet_with_japanese_headers_and_era_dates() -> None:
    text = (
        HEADER_JA + "\n"
        "K-001,株式会社日本製作所,NGUYEN,阮,令和7年11月3日,申請済,窓口,ベトナム,至急\n"
        "K-002,有限会社東京,SANTOS,,R7.4.1,資料提出通知,ｵﾝﾗｲﾝ,PHL,\n"
        "K-003,有限会社東京,,王,H31.4.30,交付,郵送,中国,\n"
    )
    sheet = read_csv(csv_bytes(text, "cp932"))
    assert sheet.encoding == "cp932"
    assert sheet.ok, problems_of(sheet)
    first, second, third = sheet.records
    assert (first.row, first.client, first.name_kanji) == (2, "株式会社日本製作所", "阮")
    assert first.filing_date == dt.date(2025, 11, 3)
    assert (first.stage, first.channel) == (Stage.FILED, FilingChannel.COUNTER)
    assert (first.nationality, first.nationality_code) == ("ベトナム", "VN")
    assert second.filing_date == dt.date(2025, 4, 1)
    assert (second.stage, second.channel) == (Stage.DOCUMENTS_REQUESTED, FilingChannel.ONLINE)
    assert second.nationality_code == "PH"
    assert third.filing_date == dt.date(2019, 4, 30)
    assert (third.family_name, third.name_kanji, third.nationality_code) == ("", "王", "CN")


def test_detects_utf8_with_and_without_bom() -> None:
    text = HEADER_JA + "\n1,株式会社ABC,LE,黎,2025/11/3,,,VN,Lê\n"
    with_bom = read_csv(BOM + csv_bytes(text))
    without = read_csv(csv_bytes(text))
    assert with_bom.encoding == "utf-8-sig"
    assert without.encoding == "utf-8"
    assert with_bom.records == without.records
    assert with_bom.records[0].notes == "Lê"
    assert with_bom.headers[0] == "受託番号"  # the BOM is not part of the first header


def test_forced_encoding() -> None:
    data = csv_bytes(HEADER_JA + "\n1,株式会社ABC,LE,黎,,,,,\n", "cp932")
    assert read_csv(data, encoding="Shift_JIS").encoding == "cp932"
    assert read_csv(data, encoding="cp932").records[0].client == "株式会社ABC"
    with pytest.raises(CsvReadError, match="not valid utf-8 text"):
        read_csv(data, encoding="utf-8")
    with pytest.raises(CsvReadError, match="Unsupported encoding"):
        read_csv(data, encoding="latin-1")
    utf8 = BOM + csv_bytes(HEADER_JA + "\n1,株式会社ABC,LE,黎,,,,,\n")
    assert read_csv(utf8, encoding="utf-8").encoding == "utf-8-sig"


def test_english_keys_are_accepted_on_import() -> None:
    keys = "reference,client,family_name,filing_date,stage,channel"
    text = keys + "\n7,ACME,SMITH,2025-11-03,filed,online\n"
    record = read_one(csv_bytes(text))
    assert (record.reference, record.client, record.family_name) == ("7", "ACME", "SMITH")
    assert record.stage is Stage.FILED
    assert record.channel is FilingChannel.ONLINE
    assert set(record.raw) == set(keys.split(","))


def test_header_only_file_has_no_rows_and_no_problems() -> None:
    data = encode_csv([])
    sheet = read_csv(data)
    assert sheet.ok
    assert sheet.records == ()
    assert sheet.ignored_columns == tuple(c.header_ja for c in COMPUTED_COLUMNS)
    assert sheet.unknown_columns == ()


def test_unknown_columns_are_reported_and_ignored() -> None:
    text = "所属機関,申請人(姓),担当者,Memo,,有効期限\nACME,SMITH,田中,x,,2026-01-01\n"
    sheet = read_csv(csv_bytes(text))
    assert sheet.ok
    assert sheet.unknown_columns == ("担当者", "Memo")
    assert sheet.ignored_columns == ("有効期限",)
    assert [c.key if c else None for c in sheet.columns] == [
        "client",
        "family_name",
        None,
        None,
        None,
        None,
    ]
    assert set(sheet.records[0].raw) == {"client", "family_name"}


def test_missing_required_columns_are_errors() -> None:
    sheet = read_csv(csv_bytes("受託番号,申請日\n1,2025-11-03\n"))
    assert sheet.records == ()
    assert not sheet.ok
    assert problems_of(sheet) == [
        (1, "所属機関", "The required column “所属機関” is missing."),
        (
            1,
            "申請人(姓)",
            "An applicant name column is required: “申請人(姓)” or “申請人(漢字)”.",
        ),
    ]


def test_kanji_name_alone_is_enough() -> None:
    sheet = read_csv(csv_bytes("所属機関,申請人(漢字)\nACME,王\n"))
    assert sheet.ok
    assert sheet.records[0].name_kanji == "王"


def test_duplicate_column_is_an_error() -> None:
    sheet = read_csv(csv_bytes("所属機関,申請人(姓),family_name\nA,B,C\n"))
    assert sheet.records == ()
    assert problems_of(sheet) == [
        (1, "family_name", "Column “family_name” appears twice (also as “申請人(姓)”).")
    ]


def test_row_problems_by_row_and_column() -> None:
    text = (
        "所属機関,申請人(姓),申請日,進捗,申請方法,国籍・地域,入国予定日\n"
        "ACME,SMITH,2023-02-29,申請済,窓口,US,\n"
        '"ACME\n(multi-line cell)",JONES,平成31年5月1日,審査中,fax,Atlantis,R7.13.1\n'
        ",,,,,,\n"
        ",LEE,2025-11-03,,,,\n"
        "ACME,,2025-11-03,,,,,extra\n"
    )
    sheet = read_csv(csv_bytes(text))
    assert not sheet.ok
    assert [r.row for r in sheet.records] == [2, 3, 5, 6]  # the blank row 4 is skipped
    found = [(row, column) for row, column, _ in problems_of(sheet)]
    assert found == [
        (2, "申請日"),
        (3, "申請日"),
        (3, "進捗"),
        (3, "申請方法"),
        (3, "国籍・地域"),
        (3, "入国予定日"),
        (5, "所属機関"),
        (6, ""),
        (6, "申請人(姓)"),
    ]
    messages = {(row, column): text for row, column, text in problems_of(sheet)}
    assert "no day 29" in messages[2, "申請日"]
    assert "平成 era ended on 2019-04-30" in messages[3, "申請日"]
    assert "“審査中” is not one of: 準備中、申請済" in messages[3, "進捗"]
    assert "“fax” is not one of: 窓口、オンライン、郵送" in messages[3, "申請方法"]
    assert "Unknown nationality “Atlantis”" in messages[3, "国籍・地域"]
    assert "8 cells" in messages[6, ""]
    bad = sheet.records[1]
    assert bad.filing_date is None
    assert bad.stage is None
    assert bad.nationality == "Atlantis"
    assert bad.nationality_code is None
    assert bad.raw["filing_date"] == "平成31年5月1日"


def test_leading_blank_rows_shift_the_header() -> None:
    sheet = read_csv(csv_bytes(",,\n所属機関,申請人(姓),申請日\nACME,SMITH,x\n"))
    assert problems_of(sheet)[0][:2] == (3, "申請日")


# --- bad files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (BOM, "empty"),
        (b"\r\n\r\n", "empty"),
        (b",,,\r\n,,\r\n", "empty"),
        ("所属機関,申請人(姓)\r\nACME,SMITH\r\n".encode("utf-16"), "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"client,family_name\r\nA,B\x00C\r\n", "NUL bytes"),
        ('所属機関,申請人(姓)\r\nACME,"SMITH\r\n'.encode(), "not valid CSV"),
        ('所属機関,申請人(姓)\r\n"ACME"X,SMITH\r\n'.encode(), "not valid CSV"),
        (b"\x81\x20 abc", "neither UTF-8 nor CP932"),
        (b"abc,\xff\xfd\xfe\x80\xa0", "neither UTF-8 nor CP932"),  # CP932 decodes these bytes
    ],
)
def test_bad_files_are_rejected(data: bytes, fragment: str) -> None:
    with pytest.raises(CsvReadError) as caught:
        read_csv(data)
    assert fragment in caught.value.message.render()
    assert caught.value.message.context == "Csv"


def test_random_bytes_give_an_error_and_no_records() -> None:
    generator = random.Random(20251103)
    for _ in range(20):
        data = bytes(generator.randrange(256) for _ in range(4096))
        try:
            sheet = read_csv(data)
        except CsvReadError:
            continue
        assert sheet.records == ()
        assert not sheet.ok


def test_ten_megabyte_cell_is_rejected() -> None:
    data = csv_bytes("所属機関,申請人(姓),備考\nACME,SMITH,") + b"x" * (10 * 1024 * 1024) + b"\r\n"
    with pytest.raises(CsvReadError, match="A cell in row 2 is longer than 100000 characters"):
        read_csv(data)


def test_quoted_huge_cell_is_rejected() -> None:
    data = csv_bytes('所属機関,申請人(姓),備考\nACME,SMITH,"') + b"y" * 200_000 + b'"\r\n'
    with pytest.raises(CsvReadError, match="longer than"):
        read_csv(data)


def test_file_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_text, "MAX_FILE_BYTES", 1024)
    big = tmp_path / "big.csv"
    big.write_bytes(encode_csv([row(notes="x" * 2000)]))
    with pytest.raises(CsvReadError, match="too large"):
        read_csv_file(big)
    with pytest.raises(CsvReadError, match="too large"):
        read_csv(big.read_bytes())
    small = tmp_path / "small.csv"
    small.write_bytes(encode_csv([row()]))
    assert read_csv_file(small).ok


# --- round trips ------------------------------------------------------------------------------

SPECIAL = [
    "",
    "'",
    "''",
    "'=x",
    "'abc",
    "=1+1",
    "+81-3-1234-5678",
    "-5",
    "@SUM(A1)",
    "＝ＳＵＭ（Ａ１）",
    "＋",
    "－",
    "＠",
    "\tx",
    "\rx",
    "x\r",
    "0123",
    "007",
    "1-2",
    "2025-11",
    "12345678901234567890",
    "阮文雄",
    "グエン・ヴァン・アン",
    "👩‍👩‍👧 emoji",
    "e\u0301",  # e + combining acute, not NFC
    "\u0301leading mark",
    "a,b",
    'say "hi"',
    '"',
    "line1\nline2",
    "line1\r\nline2",
    "\n",
    " ",
    "TRUE",
    "R7.11.3",
]

_CHARS = st.characters(exclude_categories=["Cs"], exclude_characters="\0")
TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(_CHARS, max_size=12),
    st.builds(lambda a, b: a + b, st.sampled_from(SPECIAL), st.text(_CHARS, max_size=6)),
)


@st.composite
def raw_rows(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> list[str]:
    cells = [draw(text) for _ in EXPORT_COLUMNS]
    # A row with a client is never a blank row (blank rows are skipped on import).
    cells[KEYS.index("client")] = draw(text.filter(lambda s: bool(s.strip())))
    return cells


def assert_round_trip(rows: list[list[str]], sheet: ParsedSheet) -> None:
    assert len(sheet.records) == len(rows)
    for number, (written, record) in enumerate(zip(rows, sheet.records, strict=True), start=2):
        assert record.row == number
        expected = {c.key: v for c, v in zip(EXPORT_COLUMNS, written, strict=True)}
        imported = CASE_COLUMNS + STAY_COLUMNS + BOOK_COLUMNS + AGENT_COLUMNS
        assert dict(record.raw) == {c.key: expected[c.key] for c in imported}
        for column in CASE_COLUMNS:
            if column.kind not in (
                ColumnKind.DATE,
                ColumnKind.STAGE,
                ColumnKind.CHANNEL,
                ColumnKind.FLAG,
            ):
                assert getattr(record, column.key) == expected[column.key]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(raw_rows(), max_size=6))
def test_any_text_round_trips_exactly(rows: list[list[str]]) -> None:
    data = encode_csv(rows)
    assert data.startswith(BOM)
    assert_round_trip(rows, read_csv(data))


def _cp932_safe(char: str) -> bool:
    try:
        char.encode("cp932")
    except UnicodeEncodeError:
        return False
    return char not in "\0\u301c\u2016\u2212\u00a2\u00a3\u00ac\x80\uf8f0\uf8f1\uf8f2\uf8f3"


_CP932_TEXT = st.one_of(
    st.sampled_from([s for s in SPECIAL if all(_cp932_safe(c) for c in s)]),
    st.text([chr(code) for code in range(1, 0x10000) if _cp932_safe(chr(code))], max_size=10),
)


@settings(max_examples=75, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(raw_rows(_CP932_TEXT), max_size=4))
def test_cp932_text_round_trips_exactly(rows: list[list[str]]) -> None:
    sheet = read_csv(encode_csv(rows, encoding="cp932"))
    assert sheet.encoding in ("cp932", "utf-8")  # pure ASCII is also valid UTF-8
    assert_round_trip(rows, sheet)


TYPED = {
    "stage": st.none() | st.sampled_from(list(Stage)),
    "channel": st.none() | st.sampled_from(list(FilingChannel)),
    **{
        c.key: st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
        for c in CASE_COLUMNS
        if c.kind == ColumnKind.DATE
    },
}


@settings(max_examples=100)
@given(
    st.fixed_dictionaries(TYPED),
    st.sampled_from(list(HeaderStyle)),
    st.sampled_from(["utf-8-sig", "cp932"]),
)
def test_typed_values_round_trip(
    values: Mapping[str, object], style: HeaderStyle, encoding: str
) -> None:
    full = {"client": "ACME", "family_name": "SMITH", **values}
    data = encode_csv(
        [export_row(full, style=style)],
        header_style=style,
        encoding=encoding,  # type: ignore[arg-type]
    )
    record = read_one(data)
    for key, value in values.items():
        assert getattr(record, key) == value, key


def test_records_are_immutable_and_hashable() -> None:
    record = read_one(encode_csv([row(reference="A-1")]))
    assert hash(record) == hash(dataclasses.replace(record))
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.client = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        record.raw["client"] = "other"  # type: ignore[index]


def test_records_read_in_blocks_are_records_like_any_other() -> None:
    data = encode_csv(
        [row(reference="A-1", filing_date=dt.date(2026, 1, 5)), row(reference="A-2", notes="x")]
    )
    for record in read_csv(data).records:
        assert type(record) is ImportRecord
        made = dataclasses.replace(record)  # through ImportRecord's own __init__
        assert made == record and hash(made) == hash(record) and repr(made) == repr(record)
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.notes = "other"  # type: ignore[misc]
    assert read_csv(data).records[0].filing_date == dt.date(2026, 1, 5)


def test_mixed_encodings_are_refused_naming_the_lines() -> None:
    data = (
        "所属機関,申請人(姓)\r\n株式会社さくら,LE\r\n".encode()
        + "株式会社みなと,TRAN\r\n".encode("cp932")
    )
    with pytest.raises(CsvReadError) as caught:
        read_csv(data)
    text = caught.value.message.render()
    assert "line 1 is UTF-8 but line 3 is not" in text


def test_cp932_question_mark_in_a_name_is_a_row_problem() -> None:
    data = (
        "所属機関,申請人(姓),申請人(漢字)\r\n"
        "株式会社さくら,ZHANG,??\r\n"
        "株式会社さくら,LIN,林雅?\r\n"
    )
    sheet = read_csv(data.encode("cp932"))
    assert sheet.encoding == "cp932"
    assert [(p.row, p.column) for p in sheet.problems] == [(2, "申請人(漢字)"), (3, "申請人(漢字)")]
    assert "lost" in sheet.problems[0].message.render()
    # The same text in UTF-8 is taken as written (a ? may be real there).
    assert read_csv(data.encode("utf-8")).ok


def test_header_found_below_a_title_row() -> None:
    data = "2025年度 受託台帳,,\r\n,,\r\n所属機関,申請人(姓),申請日\r\nA社,LE,2025年11月3日(月)\r\n"
    sheet = read_csv(data.encode())
    assert sheet.ok and sheet.headers[0] == "所属機関"
    assert sheet.records[0].row == 4


def test_guard_is_undone_after_a_line_feed() -> None:
    # A note that began with CR comes back from a spreadsheet with LF in its place.
    data = '所属機関,申請人(姓),備考\r\nA社,LE,"\'\n=1+1"\r\n'
    assert read_csv(data.encode()).records[0].notes == "\n=1+1"

"""The 国籍・地域 reference: complete ISO 3166-1 coverage, ISA spellings and tolerant lookup."""

from __future__ import annotations

import re
import unicodedata

import pytest

from coetracker.domain.nationalities import (
    NATIONALITIES,
    STATELESS_CODE,
    Nationality,
    by_code,
    lookup,
)

# Every officially assigned ISO 3166-1 alpha-2 code (249).
_ISO_CODE_TEXT = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
"""
ISO_CODES = frozenset(_ISO_CODE_TEXT.split())


def test_covers_every_iso_country_plus_special_rows() -> None:
    codes = [n.code for n in NATIONALITIES]
    assert len(codes) == len(set(codes))
    assert set(codes) == ISO_CODES | {"XK", STATELESS_CODE}
    assert len(ISO_CODES) == 249


def test_rows_are_well_formed() -> None:
    alpha3 = [n.alpha3 for n in NATIONALITIES]
    assert len(alpha3) == len(set(alpha3))
    for row in NATIONALITIES:
        assert re.fullmatch(r"[A-Z]{2}", row.code), row
        assert re.fullmatch(r"[A-Z]{3}", row.alpha3), row
        assert row.name_en and row.name_en == row.name_en.strip(), row
        assert row.name_ja and row.name_ja == row.name_ja.strip(), row
        # Japanese names are written in Japanese script (kana, kanji, 中黒, parentheses).
        assert not re.search(r"[A-Za-z]", row.name_ja), row
        assert unicodedata.is_normalized("NFC", row.name_ja), row


@pytest.mark.parametrize(
    ("code", "name_ja", "name_en"),
    [
        ("CN", "中国", "China"),
        ("KR", "韓国", "South Korea"),
        ("VN", "ベトナム", "Viet Nam"),
        ("PH", "フィリピン", "Philippines"),
        ("NP", "ネパール", "Nepal"),
        ("ID", "インドネシア", "Indonesia"),
        ("MM", "ミャンマー", "Myanmar"),
        ("US", "米国", "United States"),
        ("GB", "英国", "United Kingdom"),
        ("TW", "台湾", "Taiwan"),
        ("HK", "中国(香港)", "Hong Kong (China)"),
        ("MO", "中国(マカオ)", "Macao (China)"),
        ("XX", "無国籍", "Stateless"),
        ("LK", "スリランカ", "Sri Lanka"),
        ("BD", "バングラデシュ", "Bangladesh"),
        ("TH", "タイ", "Thailand"),
        ("BR", "ブラジル", "Brazil"),
        ("UZ", "ウズベキスタン", "Uzbekistan"),
    ],
)
def test_isa_spellings(code: str, name_ja: str, name_en: str) -> None:
    row = by_code(code)
    assert row is not None
    assert (row.name_ja, row.name_en) == (name_ja, name_en)
    assert row.name(japanese=True) == name_ja
    assert row.name(japanese=False) == name_en


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("VN", "VN"),
        ("vn", "VN"),
        ("ｖｎ", "VN"),
        ("VNM", "VN"),
        ("ベトナム", "VN"),
        ("ﾍﾞﾄﾅﾑ", "VN"),
        ("Viet Nam", "VN"),
        ("VIETNAM", "VN"),
        ("  vietnam  ", "VN"),
        ("中国", "CN"),
        ("中華人民共和国", "CN"),
        ("中国(香港)", "HK"),
        ("中国（香港）", "HK"),
        ("香港", "HK"),
        ("Hong Kong", "HK"),
        ("中国(マカオ)", "MO"),
        ("台湾", "TW"),
        ("taiwan", "TW"),
        ("米国", "US"),
        ("アメリカ合衆国", "US"),
        ("United States of America", "US"),
        ("U.S.A.", "US"),
        ("英国", "GB"),
        ("イギリス", "GB"),
        ("韓国", "KR"),
        ("大韓民国", "KR"),
        ("Korea, Republic of", "KR"),
        ("北朝鮮", "KP"),
        ("無国籍", "XX"),
        ("xx", "XX"),
        ("Stateless", "XX"),
        ("Côte d'Ivoire", "CI"),
        ("Cote dIvoire", "CI"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("ボスニア・ヘルツェゴビナ", "BA"),
        ("ボスニアヘルツェゴビナ", "BA"),
        ("Åland Islands", "AX"),
        ("Kosovo", "XK"),
    ],
)
def test_lookup(text: str, code: str) -> None:
    found = lookup(text)
    assert found is not None, text
    assert found.code == code


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "朝鮮", "Korea", "ZZ", "中", "ト"])
def test_lookup_unknown_is_none(text: str) -> None:
    assert lookup(text) is None


def test_kana_voicing_marks_are_not_dropped() -> None:
    # Latin accents are ignored, but ド and ト are different letters.
    assert lookup("ドイツ") is by_code("DE")
    assert lookup("トイツ") is None


@pytest.mark.parametrize("row", NATIONALITIES, ids=lambda n: n.code)
def test_every_name_and_code_finds_its_row(row: Nationality) -> None:
    for text in (row.code, row.code.lower(), row.alpha3, row.name_ja, row.name_en, *row.aliases):
        assert lookup(text) is row, text
    assert by_code(row.code) is row
    assert by_code(row.alpha3.lower()) is row


def test_by_code_does_not_match_names() -> None:
    assert by_code("Japan") is None
    assert by_code("") is None

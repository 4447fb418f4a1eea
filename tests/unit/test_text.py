"""Search folding: case, width and kana differences do not matter; LIKE wildcards are literal."""

from __future__ import annotations

from coetracker.domain.text import clean, escape_like, search_key


def test_width_case_and_kana_fold_together() -> None:
    forms = ["グエン", "ぐえん", "ｸﾞｴﾝ", "グ・エ・ン", "グエン "]
    assert {search_key(f) for f in forms} == {"グエン"}
    assert search_key("ＮＧＵＹＥＮ Van-An") == search_key("nguyen vanan") == "nguyenvanan"


def test_folded_key_keeps_kanji_and_field_separator() -> None:
    assert search_key("王小明\x1f株式会社ＡＢＣ") == "王小明\x1f株式会社abc"
    assert search_key(None) == "" == search_key("")


def test_clean_normalises_to_nfc_and_blank_to_none() -> None:
    assert clean("  e\u0301  ") == "\u00e9"
    assert clean("   ") is None
    assert clean(None) is None


def test_escape_like() -> None:
    assert escape_like("100%_a\\b") == "100\\%\\_a\\\\b"

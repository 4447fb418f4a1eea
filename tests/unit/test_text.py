"""Search folding: case, width and kana differences do not matter; LIKE wildcards are literal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coetracker.domain.text import clean, escape_like, search_key, search_keys


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


@given(st.lists(st.text(max_size=12)))
def test_search_keys_fold_each_value_as_search_key_does(values: list[str]) -> None:
    assert search_keys(values) == [search_key(value) for value in values]


def test_search_keys_of_tricky_neighbours() -> None:
    values = ["ｶ", "ﾞグエン", "ß", "\x1e", "Σ", "ς", "・", "", "ぐえん\x1f王"]
    assert search_keys(values) == [search_key(value) for value in values]

"""The case-list CSV format: its columns, value vocabularies and cell-guard rules.

One column set serves export and import (issue 5, DESIGN.md §8). Each :class:`Column` has an
English key, a Japanese header and a :class:`ColumnKind`. Files are written with Japanese
headers (or the English keys); on import either is recognised, NFKC-normalised, case-folded and
ignoring spaces, underscores and hyphens (``申請人（姓）``, ``Family Name`` and ``family_name``
all name the same column). The five export-only columns (有効期限 … 理由) are computed by the
application and ignored on import.

Cell guards — the exact rules, shared by the writer and the reader:

* **Formula guard** (every column). A cell whose first character is one of ``= + - @``, their
  full-width forms ``＝ ＋ － ＠``, tab, CR, LF or NUL would be run as a formula (or mangled) by a
  spreadsheet, so the writer prefixes it with an apostrophe ``'``. A cell that already begins
  with an apostrophe is prefixed too, so that a leading apostrophe in the data survives.
  On reading, a leading apostrophe is removed when the character after it is a trigger or
  another apostrophe — exactly the cells the writer guarded (a spreadsheet that turns a
  leading CR into LF keeps the cell unguardable). A cell such as ``'abc`` (which the
  writer never produces) is read as it stands.
* **Text guard** (identifier columns only: 受託番号 and 申請番号, and any identifier column added
  later such as passport, phone or postal numbers). Excel converts what looks like a number,
  date, time, currency, percentage or boolean when it opens a CSV: ``0123`` → 123,
  ``1-2`` → 2 January, ``2025-11`` → a date, a 16-digit number loses digits, ``R7.11.3`` and
  ``2025年11月`` become dates in Japanese Excel. The writer therefore prefixes an identifier with
  an apostrophe when :func:`excel_would_convert` says its first visible character could start
  such a value (a digit, ``.``, ``(``, a currency sign, an era initial or name followed by a digit,
  an English month name, TRUE/FALSE); Excel and LibreOffice then keep the cell as text. The
  apostrophe may be shown in the cell; that is the price of keeping ``0123`` intact, and it is
  preferred to the ``="0123"`` form, which is itself a formula. On reading, a leading apostrophe
  is always removed from an identifier cell: the writer guarantees one is there whenever the
  data itself starts with an apostrophe.

Both guards add at most one apostrophe, and reading a file written by :mod:`csv_write` restores
every cell exactly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from coetracker.domain.model import FilingChannel, Stage

__all__ = [
    "AGENT_COLUMNS",
    "BOOK_COLUMNS",
    "CASE_COLUMNS",
    "CHANNEL_LABELS_JA",
    "COLUMN_BY_KEY",
    "COMPUTED_COLUMNS",
    "DELIVERY_LABELS_JA",
    "EXPORT_COLUMNS",
    "FORMULA_TRIGGERS",
    "GUARD",
    "IMPORT_ONLY_COLUMNS",
    "NAME_KEYS",
    "REQUIRED_KEY",
    "STAGE_LABELS_JA",
    "STAY_COLUMNS",
    "Column",
    "ColumnKind",
    "HeaderStyle",
    "channel_text",
    "delivery_text",
    "excel_would_convert",
    "flag_text",
    "guard_cell",
    "lookup_amount",
    "lookup_channel",
    "lookup_delivery",
    "lookup_flag",
    "lookup_period",
    "lookup_stage",
    "match_header",
    "period_text",
    "stage_text",
    "unguard_cell",
]


class ColumnKind(StrEnum):
    """What a column holds, which decides how its cells are guarded and parsed."""

    TEXT = "text"  # free text: names, notes
    IDENTIFIER = "identifier"  # exact text that a spreadsheet must not convert
    DATE = "date"  # ISO on export; Western or era forms on import
    STAGE = "stage"  # Stage, by Japanese label or English key
    CHANNEL = "channel"  # FilingChannel, by Japanese label or English key
    NATIONALITY = "nationality"  # ISO code or Japanese/English name
    STATUS = "status"  # status of residence, by name (matched by the services layer)
    BUREAU = "bureau"  # bureau, by full or short name (matched by the services layer)
    CLIENT = "client"  # the client organisation (所属機関), by name
    FLAG = "flag"  # yes or blank (はい/yes/true/1/○ read as yes)
    COMPUTED = "computed"  # export only: derived by the application, ignored on import
    PROCEDURE = "procedure"  # 在留資格認定 / 在留期間更新 / 在留資格変更 (blank: COE)
    PERIOD = "period"  # a period of stay: 1年, 6か月, 3 years … (months when bare)
    AMOUNT = "amount"  # yen, a whole number: 100000, 100,000, ¥100,000, 100000円
    DELIVERY = "delivery"  # how an issued certificate went: 紙 / メール (paper / email)


class HeaderStyle(StrEnum):
    """Which header text the writer uses (the reader accepts both)."""

    JA = "ja"
    EN = "en"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the case-list CSV."""

    key: str
    header_ja: str
    kind: ColumnKind

    @property
    def export_only(self) -> bool:
        """Whether import ignores this column."""
        return self.kind == ColumnKind.COMPUTED

    def header(self, style: HeaderStyle = HeaderStyle.JA) -> str:
        """The header text written for this column."""
        return self.header_ja if style == HeaderStyle.JA else self.key


_K = ColumnKind
CASE_COLUMNS: tuple[Column, ...] = (
    Column("reference", "受託番号", _K.IDENTIFIER),
    Column("client", "所属機関", _K.CLIENT),
    Column("family_name", "申請人(姓)", _K.TEXT),
    Column("given_name", "申請人(名)", _K.TEXT),
    Column("name_kanji", "申請人(漢字)", _K.TEXT),
    Column("name_kana", "申請人(カナ)", _K.TEXT),
    Column("nationality", "国籍・地域", _K.NATIONALITY),
    Column("birth_date", "生年月日", _K.DATE),
    Column("residence_status", "在留資格", _K.STATUS),
    Column("bureau", "申請先", _K.BUREAU),
    Column("channel", "申請方法", _K.CHANNEL),
    Column("filing_date", "申請日", _K.DATE),
    Column("application_number", "申請番号", _K.IDENTIFIER),
    Column("planned_entry_date", "入国予定日", _K.DATE),
    Column("stage", "進捗", _K.STAGE),
    Column("coe_issued_date", "交付日", _K.DATE),
    Column("entry_date", "入国日", _K.DATE),
    Column("last_inquiry_date", "最終問合せ日", _K.DATE),
    Column("document_deadline", "資料提出期限", _K.DATE),
    Column("documents_submitted_date", "資料提出日", _K.DATE),
    Column("original_deadline", "延長前の提出期限", _K.DATE),
    Column("notes", "備考", _K.TEXT),
    Column("archived", "アーカイブ", _K.FLAG),
)
"""The columns that export writes and import reads, in file order."""

COMPUTED_COLUMNS: tuple[Column, ...] = (
    Column("coe_expiry_date", "有効期限", _K.COMPUTED),
    Column("elapsed_days", "経過日数", _K.COMPUTED),
    Column("readiness", "状況", _K.COMPUTED),
    Column("next_check", "次回確認日", _K.COMPUTED),
    Column("reason", "理由", _K.COMPUTED),
)
"""Export-only columns, written after :data:`CASE_COLUMNS`."""

STAY_COLUMNS: tuple[Column, ...] = (
    Column("procedure", "申請種別", _K.PROCEDURE),
    Column("card_period", "在留期間", _K.PERIOD),
    Column("card_expiry_date", "在留期限", _K.DATE),
)
"""After arrival: the case's procedure and the person's residence card (written last, read
like :data:`CASE_COLUMNS`; a file without them imports as COE cases)."""

BOOK_COLUMNS: tuple[Column, ...] = (
    Column("department_phone", "電話番号", _K.IDENTIFIER),
    Column("accepted_on", "受託日", _K.DATE),
    Column("fee", "報酬額", _K.AMOUNT),
    Column("client_address", "依頼者住所", _K.TEXT),
    Column("paid_on", "入金日", _K.DATE),
    Column("paid_amount", "入金額", _K.AMOUNT),
)
"""The case's phone and the office's books, written last and read like :data:`CASE_COLUMNS`.

電話番号 is the case's own phone number: the review department's, printed on the receipt slip
(DOMAIN.md: the number to call about a pending case; the call sheet prints it). The books'
columns come from the 事件簿: 受託日, 報酬額 (the fee lines, excluding tax), 依頼者住所, 入金日 (the
latest payment) and 入金額 (every payment together)."""

AGENT_COLUMNS: tuple[Column, ...] = (
    Column("agent_name", "代理人氏名", _K.TEXT),
    Column("agent_relationship", "代理人続柄", _K.TEXT),
    Column("agent_prefecture", "代理人都道府県", _K.TEXT),
    Column("agent_address", "代理人住所", _K.TEXT),
    Column("coe_delivery", "証明書の受領方法", _K.DELIVERY),
    Column("coe_receipt_registered_on", "受領登録日", _K.DATE),
)
"""The 代理人 (the relative in Japan, for family statuses) and how the issued certificate was
delivered (紙 or メール, and the applicant's 受領登録 of an electronic one), written last and read
like :data:`CASE_COLUMNS`."""

EXPORT_COLUMNS: tuple[Column, ...] = (
    CASE_COLUMNS + COMPUTED_COLUMNS + STAY_COLUMNS + BOOK_COLUMNS + AGENT_COLUMNS
)
"""Every column of an exported file, in order."""

IMPORT_ONLY_COLUMNS: tuple[Column, ...] = (Column("passport_number", "旅券番号", _K.IDENTIFIER),)
"""Columns read on import but never exported: the passport number is sensitive (printing shows
it only when asked), so a list sent around never carries it; an office's ledger may."""

COLUMN_BY_KEY: Mapping[str, Column] = MappingProxyType(
    {c.key: c for c in EXPORT_COLUMNS + IMPORT_ONLY_COLUMNS}
)

REQUIRED_KEY = "client"
"""A file must have this column."""

NAME_KEYS: tuple[str, ...] = ("family_name", "name_kanji")
"""A file must have at least one of these applicant-name columns (and each row a value)."""


def _fold(text: str) -> str:
    """Normalise a header or vocabulary word: NFKC, case-folded, no spaces, ``_`` or ``-``."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-]+", "", folded)


_HEADER_INDEX: Mapping[str, Column] = MappingProxyType(
    {
        **{_fold(t): c for c in EXPORT_COLUMNS + IMPORT_ONLY_COLUMNS for t in (c.key, c.header_ja)},
        **{_fold(alias): IMPORT_ONLY_COLUMNS[0] for alias in ("パスポート番号", "passport")},
        **{
            _fold(alias): BOOK_COLUMNS[0]
            for alias in ("審査部門電話番号", "部門電話番号", "電話", "TEL", "phone")
        },
    }
)


def match_header(text: str) -> Column | None:
    """The column a header names (Japanese header or English key), else ``None``."""
    return _HEADER_INDEX.get(_fold(text))


# --- vocabularies -------------------------------------------------------------------------------

STAGE_LABELS_JA: Mapping[Stage, str] = MappingProxyType(
    {
        Stage.PREPARING: "準備中",
        Stage.FILED: "申請済",
        Stage.DOCUMENTS_REQUESTED: "資料提出通知",
        Stage.DOCUMENTS_SUBMITTED: "資料提出済",
        Stage.ISSUED: "交付",
        Stage.SENT: "送付済",
        Stage.VISA_APPLIED: "査証申請済",
        Stage.ENTERED: "入国済",
        Stage.DENIED: "不交付",
        Stage.WITHDRAWN: "取下げ",
        Stage.EXPIRED: "期限切れ",
    }
)
"""The Japanese word written for each stage."""

CHANNEL_LABELS_JA: Mapping[FilingChannel, str] = MappingProxyType(
    {FilingChannel.COUNTER: "窓口", FilingChannel.ONLINE: "オンライン", FilingChannel.MAIL: "郵送"}
)
"""The Japanese word written for each filing channel."""

# Extra spellings accepted on import (keys are normalised with _fold).
_STAGE_ALIASES: Mapping[str, Stage] = MappingProxyType(
    {
        "申請済み": Stage.FILED,
        "資料提出通知書": Stage.DOCUMENTS_REQUESTED,
        "資料提出済み": Stage.DOCUMENTS_SUBMITTED,
        "交付済": Stage.ISSUED,
        "交付済み": Stage.ISSUED,
        "送付済み": Stage.SENT,
        "査証申請済み": Stage.VISA_APPLIED,
        "入国済み": Stage.ENTERED,
        "取下げ済": Stage.WITHDRAWN,
        "取下": Stage.WITHDRAWN,
        "取り下げ": Stage.WITHDRAWN,
    }
)
_CHANNEL_ALIASES: Mapping[str, FilingChannel] = MappingProxyType(
    {
        "窓口申請": FilingChannel.COUNTER,
        "オンライン申請": FilingChannel.ONLINE,
        "電子申請": FilingChannel.ONLINE,
        "郵送申請": FilingChannel.MAIL,
        "郵便": FilingChannel.MAIL,
        "post": FilingChannel.MAIL,
    }
)


_STAGE_INDEX: Mapping[str, Stage] = MappingProxyType(
    {
        **{_fold(k): v for k, v in _STAGE_ALIASES.items()},
        **{_fold(s.value): s for s in Stage},
        **{_fold(label): s for s, label in STAGE_LABELS_JA.items()},
    }
)
_CHANNEL_INDEX: Mapping[str, FilingChannel] = MappingProxyType(
    {
        **{_fold(k): v for k, v in _CHANNEL_ALIASES.items()},
        **{_fold(c.value): c for c in FilingChannel},
        **{_fold(label): c for c, label in CHANNEL_LABELS_JA.items()},
    }
)


def lookup_stage(text: str) -> Stage | None:
    """The stage named by a Japanese label or English key (any width/case); ``None`` if not."""
    return _STAGE_INDEX.get(_fold(text))


def lookup_channel(text: str) -> FilingChannel | None:
    """The filing channel named by a Japanese label or English key; ``None`` if not."""
    return _CHANNEL_INDEX.get(_fold(text))


FLAG_TEXT_JA = "はい"
"""The Japanese word written for a set flag (English headers: ``yes``); unset is blank."""

_FLAG_YES = frozenset({"はい", "yes", "y", "true", "1", "○", "◯", "済", "済み", "x", "✓"})
_FLAG_NO = frozenset({"", "いいえ", "no", "n", "false", "0", "×", "-", "－"})


def flag_text(value: bool, style: HeaderStyle = HeaderStyle.JA) -> str:
    """How a flag is written: はい (or yes) when set, blank when not."""
    if not value:
        return ""
    return FLAG_TEXT_JA if style == HeaderStyle.JA else "yes"


def lookup_flag(text: str) -> bool | None:
    """A flag cell read: True, False (blank included), or ``None`` for a word not understood."""
    folded = _fold(text)
    if folded in _FLAG_YES:
        return True
    if folded in _FLAG_NO:
        return False
    return None


_PERIOD = re.compile(r"(\d+)\s*(年|years?|y|か月|ヶ月|カ月|ケ月|箇月|月|months?|m)?")


def lookup_period(text: str) -> int | None:
    """A period of stay in months from 1年, 6か月, 3 years, 6 months or a bare number of months."""
    found = _PERIOD.fullmatch(unicodedata.normalize("NFKC", text).strip().casefold())
    if found is None or int(found.group(1)) <= 0:
        return None
    count, unit = int(found.group(1)), found.group(2) or "m"
    return count * 12 if unit in ("年", "y", "year", "years") else count


_AMOUNT = re.compile(r"[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*円?")


def lookup_amount(text: str) -> int | None:
    """A yen amount from 100000, 100,000, ¥100,000 or 100000円 (any width); ``None`` if not."""
    found = _AMOUNT.fullmatch(unicodedata.normalize("NFKC", text).strip())
    return int(found.group(1).replace(",", "")) if found else None


def period_text(months: int | None, style: HeaderStyle = HeaderStyle.JA) -> str:
    """How a period of stay is written: 1年 / 6か月, or 1 year / 6 months with English headers."""
    if not months:
        return ""
    if style == HeaderStyle.JA:
        return f"{months // 12}年" if months % 12 == 0 else f"{months}か月"
    if months % 12 == 0:
        years = months // 12
        return f"{years} year" if years == 1 else f"{years} years"
    return f"{months} months"


DELIVERY_LABELS_JA: Mapping[str, str] = MappingProxyType({"paper": "紙", "email": "メール"})
"""The Japanese word written for each certificate delivery (stored as ``paper`` / ``email``)."""

_DELIVERY_INDEX: Mapping[str, str] = MappingProxyType(
    {
        **{_fold(k): "paper" for k in ("paper", "紙", "紙(郵送)", "郵送", "書面")},
        **{
            _fold(k): "email"
            for k in ("email", "e-mail", "メール", "電子メール", "電子", "electronic")
        },
    }
)


def lookup_delivery(text: str) -> str | None:
    """``paper`` or ``email``, from 紙 / メール or the English key; else ``None``."""
    return _DELIVERY_INDEX.get(_fold(text))


def delivery_text(value: str, style: HeaderStyle = HeaderStyle.JA) -> str:
    """How a delivery is written: 紙 / メール, or the English key with English headers."""
    return DELIVERY_LABELS_JA.get(value, value) if style == HeaderStyle.JA else value


def stage_text(stage: Stage, style: HeaderStyle = HeaderStyle.JA) -> str:
    """How a stage is written: its Japanese label, or its English key with English headers."""
    return STAGE_LABELS_JA[stage] if style == HeaderStyle.JA else stage.value


def channel_text(channel: FilingChannel, style: HeaderStyle = HeaderStyle.JA) -> str:
    """How a filing channel is written (see :func:`stage_text`)."""
    return CHANNEL_LABELS_JA[channel] if style == HeaderStyle.JA else channel.value


# --- cell guards --------------------------------------------------------------------------------

GUARD = "'"
"""The prefix that makes a spreadsheet keep a cell as text."""

FORMULA_TRIGGERS = frozenset("=+-@＝＋－＠\t\r\n\0")
"""First characters that make a spreadsheet treat a cell as a formula."""

_UNGUARD_AFTER = FORMULA_TRIGGERS | {GUARD}

_ERA_START = re.compile(r"(?:[mtshr]|明治|大正|昭和|平成|令和)\d")
_MONTH_START = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.,]*\d")
_NUMERIC_START = frozenset(".(¥$€£￥＄")


def excel_would_convert(value: str) -> bool:
    """Whether a spreadsheet opening a CSV might turn this text into a number, date or boolean.

    Deliberately generous (guarding a cell that would have stayed text only costs an
    apostrophe): true when the first visible character, after NFKC, is a digit, ``.``, ``(`` or a
    currency sign, when the text starts with an era initial or era name followed by a digit,
    with an English month name followed by a digit, or is TRUE/FALSE.
    """
    text = unicodedata.normalize("NFKC", value).strip().casefold()
    if not text:
        return False
    first = text[0]
    return (
        first.isdigit()
        or first in _NUMERIC_START
        or text in ("true", "false")
        or _ERA_START.match(text) is not None
        or _MONTH_START.match(text) is not None
    )


def guard_cell(value: str, kind: ColumnKind) -> str:
    """The text to write for ``value`` in a column of ``kind`` (see the module rules)."""
    if not value:
        return value
    if value[0] in _UNGUARD_AFTER:
        return GUARD + value
    if kind == ColumnKind.IDENTIFIER and excel_would_convert(value):
        return GUARD + value
    return value


def unguard_cell(value: str, kind: ColumnKind) -> str:
    """The original text of a cell written by :func:`guard_cell` (see the module rules)."""
    if not value.startswith(GUARD):
        return value
    if kind == ColumnKind.IDENTIFIER:
        return value[1:]
    if len(value) > 1 and value[1] in _UNGUARD_AFTER:
        return value[1:]
    return value

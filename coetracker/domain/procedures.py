"""The procedures a case can be: a Certificate of Eligibility, an extension of the period of stay,
or a change of status — all filed at the same bureaus by the same filer.

The stored value is the enum's text (``coe``, ``renewal``, ``change``); the CSV column 申請種別
and the screens use the Japanese names, which are also accepted on import.
"""

from __future__ import annotations

from enum import StrEnum

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message

__all__ = [
    "PROCEDURE_NAMES_JA",
    "Procedure",
    "parse_procedure",
    "procedure_label",
    "procedure_short_label",
]


class Procedure(StrEnum):
    """What is being applied for."""

    COE = "coe"  # 在留資格認定証明書交付申請
    RENEWAL = "renewal"  # 在留期間更新許可申請
    CHANGE = "change"  # 在留資格変更許可申請


PROCEDURE_NAMES_JA: dict[Procedure, str] = {
    Procedure.COE: "在留資格認定",
    Procedure.RENEWAL: "在留期間更新",
    Procedure.CHANGE: "在留資格変更",
}

_LABELS = {
    Procedure.COE: QT_TRANSLATE_NOOP("Procedure", "Certificate of Eligibility"),
    Procedure.RENEWAL: QT_TRANSLATE_NOOP("Procedure", "Extension of period of stay"),
    Procedure.CHANGE: QT_TRANSLATE_NOOP("Procedure", "Change of status"),
}

_SHORT = {
    Procedure.COE: QT_TRANSLATE_NOOP("Procedure", "COE"),
    Procedure.RENEWAL: QT_TRANSLATE_NOOP("Procedure", "Extension"),
    Procedure.CHANGE: QT_TRANSLATE_NOOP("Procedure", "Change"),
}

_ALIASES: dict[str, Procedure] = {
    **{name: procedure for procedure, name in PROCEDURE_NAMES_JA.items()},
    **{procedure.value: procedure for procedure in Procedure},
    "認定": Procedure.COE,
    "更新": Procedure.RENEWAL,
    "変更": Procedure.CHANGE,
    "在留資格認定証明書交付申請": Procedure.COE,
    "在留期間更新許可申請": Procedure.RENEWAL,
    "在留資格変更許可申請": Procedure.CHANGE,
    "certificate of eligibility": Procedure.COE,
    "extension of period of stay": Procedure.RENEWAL,
    "change of status": Procedure.CHANGE,
}


def procedure_label(procedure: Procedure) -> Message:
    """The procedure's name for people (translated: 在留資格認定 …)."""
    return message("Procedure", _LABELS[procedure])


def procedure_short_label(procedure: Procedure) -> Message:
    """The procedure in one word for narrow columns (translated: 認定 / 更新 / 変更)."""
    return message("Procedure", _SHORT[procedure])


def parse_procedure(text: str | None) -> Procedure | None:
    """A procedure from a cell: Japanese name, short form (更新), stored value or English name.

    Empty text is a COE (sheets from before procedures existed); unknown text is ``None``.
    """
    cleaned = (text or "").strip()
    if not cleaned:
        return Procedure.COE
    return _ALIASES.get(cleaned) or _ALIASES.get(cleaned.lower())

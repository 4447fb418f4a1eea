"""The expiry list as a CSV file for a client's HR: one row a person, earliest expiry first.

Written by the case-list CSV writer (:func:`coetracker.io.csv_write.write_csv`): UTF-8 with BOM
and CRLF by default, every cell guarded against formula injection, card numbers masked unless
asked for in full.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import BinaryIO

from coetracker.domain.messages import Translate, no_translation
from coetracker.io.csv_columns import Column, ColumnKind
from coetracker.io.csv_write import CsvEncoding, write_csv
from coetracker.services.cards import ExpiryRow, mask_card_number, renewal_state

__all__ = ["EXPIRY_COLUMNS", "expiry_cells", "write_expiry_csv"]

EXPIRY_COLUMNS: tuple[Column, ...] = (
    Column("expiry_date", "在留期限", ColumnKind.DATE),
    Column("days_left", "残日数", ColumnKind.TEXT),
    Column("client", "所属機関", ColumnKind.CLIENT),
    Column("family_name", "氏名(姓)", ColumnKind.TEXT),
    Column("given_name", "氏名(名)", ColumnKind.TEXT),
    Column("name_kanji", "氏名(漢字)", ColumnKind.TEXT),
    Column("residence_status", "在留資格", ColumnKind.STATUS),
    Column("card_number", "在留カード番号", ColumnKind.IDENTIFIER),
    Column("renewal_from", "更新申請可能日", ColumnKind.DATE),
    Column("renewal", "更新状況", ColumnKind.TEXT),
)


def expiry_cells(
    row: ExpiryRow,
    today: dt.date,
    *,
    translate: Translate = no_translation,
    show_card_number: bool = False,
) -> list[str]:
    """One row's cells, in :data:`EXPIRY_COLUMNS` order (dates ISO)."""
    return [
        row.expiry_date.isoformat(),
        str(row.days_left(today)),
        row.client,
        row.family_name,
        row.given_name or "",
        row.name_kanji or "",
        row.status_name or "",
        (row.card_number or "") if show_card_number else mask_card_number(row.card_number),
        row.window_opens.isoformat(),
        renewal_state(row, today).render(translate),
    ]


def write_expiry_csv(
    rows: Sequence[ExpiryRow],
    target: str | os.PathLike[str] | BinaryIO,
    *,
    today: dt.date,
    translate: Translate = no_translation,
    encoding: CsvEncoding = "utf-8-sig",
    show_card_number: bool = False,
) -> int:
    """Write the rows (in the order given); return how many were written."""
    return write_csv(
        (
            expiry_cells(row, today, translate=translate, show_card_number=show_card_number)
            for row in rows
        ),
        target,
        columns=EXPIRY_COLUMNS,
        encoding=encoding,
    )

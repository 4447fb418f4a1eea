"""The 事件簿 as an Excel workbook: the same columns as the ledger CSV, typed cells.

Dates (受託日, 完了年月日) are date cells, amounts are numbers Excel can sum, and text stays
text (a name starting with ``=`` is a string cell, never a formula). The last row holds the
totals; a second sheet says which year, whether it is closed and until when it is kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coetracker.domain.jpdates import DateStyle
from coetracker.io.ledger_csv import LEDGER_COLUMNS, remarks_text
from coetracker.io.xlsx_write import XlsxCell, date_format_for, write_xlsx
from coetracker.services.ledger_book import LedgerBook

__all__ = ["ledger_cells", "write_ledger_xlsx"]


def ledger_cells(book: LedgerBook) -> list[list[XlsxCell]]:
    """The book's lines as typed cells (dates as dates, amounts as integers), then the totals."""
    rows: list[list[XlsxCell]] = [
        [
            line.reference,
            line.accepted_on,
            line.matter_name,
            line.client.name,
            line.client.address,
            line.fee,
            line.tax,
            line.received,
            line.completed_on,
            remarks_text(line),
        ]
        for line in book.lines
    ]
    rows.append(
        [
            "合計",
            None,
            f"{len(book.lines)}件",
            None,
            None,
            book.total_fee,
            book.total_tax,
            book.total_received,
            None,
            None,
        ]
    )
    return rows


def write_ledger_xlsx(
    book: LedgerBook, path: Path, *, date_style: DateStyle = DateStyle.ISO
) -> int:
    """Write the workbook atomically (0600); return the number of matters written."""
    summary: list[tuple[str, XlsxCell]] = [
        ("年", book.year),
        ("件数", len(book.lines)),
        ("帳簿閉鎖日", book.closed_on),
        ("保存期限", book.keep_until),
        ("作成日", dt.date.today()),
    ]
    write_xlsx(
        ledger_cells(book),
        path,
        columns=LEDGER_COLUMNS,
        date_format=date_format_for(date_style),
        sheet_title="事件簿",
        summary_title="概要",
        summary=summary,
    )
    return len(book.lines)

"""The 事件簿 as CSV: UTF-8 with BOM and CRLF (what Japanese Excel opens), cells guarded.

Pure Python. Headers are the ledger's Japanese column names; identifiers (受託番号) are guarded
against a spreadsheet converting them, and every cell against running as a formula.
"""

from __future__ import annotations

from pathlib import Path

from coetracker.fsutil import atomic_write_bytes
from coetracker.io.csv_columns import Column, ColumnKind
from coetracker.io.csv_write import encode_csv
from coetracker.services.ledger_book import LedgerBook, LedgerLine

HEADERS = (
    "受託番号",
    "受託日",
    "事件の名称",
    "依頼者氏名",
    "依頼者住所",
    "報酬額（税抜）",
    "消費税額",
    "入金額",
    "完了年月日",
    "備考",
)
LEDGER_COLUMNS: tuple[Column, ...] = tuple(
    Column(header, header, ColumnKind.IDENTIFIER if index == 0 else ColumnKind.TEXT)
    for index, header in enumerate(HEADERS)
)
"""The ledger's columns for the encoder: 受託番号 an identifier, the rest text."""


def remarks_text(line: LedgerLine) -> str:
    """備考: the line's remarks, then each appended correction (date, field, old → new, why)."""
    remarks = [line.remarks] if line.remarks else []
    remarks.extend(
        f"訂正 {c.made_at.date().isoformat()}: {c.field} {c.old_value or ''} → "
        f"{c.new_value or ''}（{c.reason}）"
        for c in line.corrections
    )
    return " / ".join(remarks)


def ledger_rows(book: LedgerBook) -> list[list[str]]:
    """The book's lines as cell texts (amounts as plain integers), then the totals row."""
    rows: list[list[str]] = []
    for line in book.lines:
        rows.append(
            [
                line.reference,
                line.accepted_on.isoformat(),
                line.matter_name,
                line.client.name,
                line.client.address,
                str(line.fee),
                str(line.tax),
                str(line.received),
                line.completed_on.isoformat() if line.completed_on else "",
                remarks_text(line),
            ]
        )
    rows.append(
        [
            "合計",
            "",
            f"{len(book.lines)}件",
            "",
            "",
            str(book.total_fee),
            str(book.total_tax),
            str(book.total_received),
            "",
            "",
        ]
    )
    return rows


def encode_ledger(book: LedgerBook) -> bytes:
    """The whole CSV file as bytes (the one CSV encoder: guarded, UTF-8 with BOM, CRLF)."""
    return encode_csv(ledger_rows(book), columns=LEDGER_COLUMNS)


def write_ledger_csv(book: LedgerBook, path: Path) -> int:
    """Write the CSV atomically (0600); return the number of matters written."""
    atomic_write_bytes(path, encode_ledger(book))
    return len(book.lines)

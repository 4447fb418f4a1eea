"""The case-list CSV codec: the one import point for export and import (issue 5, DESIGN.md §8).

Pure Python — no database, no Qt. The format is defined in :mod:`~coetracker.io.csv_columns`
(columns, vocabularies, the exact cell-guard rules), written by :mod:`~coetracker.io.csv_write`
and read by :mod:`~coetracker.io.csv_read` (the bytes by :mod:`~coetracker.io.csv_text`); this
module re-exports their public API.

Export::

    rows = [export_row({"reference": "2025-001", "client": "株式会社ABC", ...}) for case in ...]
    write_csv(rows, path, encoding="cp932")      # CsvEncodingError names every bad cell

Import::

    sheet = read_csv_file(path)                  # CsvReadError when the file is unreadable
    if sheet.problems: ...                       # report by row and column, write nothing
    for record in sheet.records: ...             # typed ImportRecord values
"""

from __future__ import annotations

from coetracker.io.csv_columns import (
    CASE_COLUMNS,
    CHANNEL_LABELS_JA,
    COLUMN_BY_KEY,
    COMPUTED_COLUMNS,
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    STAGE_LABELS_JA,
    Column,
    ColumnKind,
    HeaderStyle,
    channel_text,
    excel_would_convert,
    flag_text,
    guard_cell,
    lookup_channel,
    lookup_flag,
    lookup_stage,
    match_header,
    stage_text,
    unguard_cell,
)
from coetracker.io.csv_read import (
    ImportRecord,
    ParsedSheet,
    Problem,
    read_csv,
    read_csv_file,
)
from coetracker.io.csv_text import MAX_CELL_CHARS, MAX_FILE_BYTES, CsvReadError
from coetracker.io.csv_write import (
    ENCODINGS,
    CsvEncoding,
    CsvEncodingError,
    UnwritableCell,
    encode_csv,
    export_row,
    format_value,
    write_csv,
)

__all__ = [
    "CASE_COLUMNS",
    "CHANNEL_LABELS_JA",
    "COLUMN_BY_KEY",
    "COMPUTED_COLUMNS",
    "ENCODINGS",
    "EXPORT_COLUMNS",
    "FORMULA_TRIGGERS",
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "STAGE_LABELS_JA",
    "Column",
    "ColumnKind",
    "CsvEncoding",
    "CsvEncodingError",
    "CsvReadError",
    "HeaderStyle",
    "ImportRecord",
    "ParsedSheet",
    "Problem",
    "UnwritableCell",
    "channel_text",
    "encode_csv",
    "excel_would_convert",
    "export_row",
    "flag_text",
    "format_value",
    "guard_cell",
    "lookup_channel",
    "lookup_flag",
    "lookup_stage",
    "match_header",
    "read_csv",
    "read_csv_file",
    "stage_text",
    "unguard_cell",
    "write_csv",
]

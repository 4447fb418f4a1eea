"""Finding text values that are not valid UTF-8 (what a flipped bit in a text column leaves).

Reading such a value never fails (the engine decodes with replacement characters, see
:data:`coetracker.storage.engine.LENIENT_TEXT`); ``coetracker check`` reports how many there are
and in which tables, never the values themselves.
"""

from __future__ import annotations

import sqlite3

__all__ = ["undecodable_text"]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def undecodable_text(conn: sqlite3.Connection) -> dict[str, int]:
    """Per table, how many text values do not decode as UTF-8 (tables with none are left out)."""
    found: dict[str, int] = {}
    tables = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\'"
        )
    ]
    for table in tables:
        columns = [
            str(row[0]) for row in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
        ]
        if not columns:
            continue
        blobs = ", ".join(
            f"CASE WHEN typeof({_quoted(c)}) = 'text' THEN CAST({_quoted(c)} AS BLOB) END"
            for c in columns
        )
        count = 0
        for row in conn.execute(f"SELECT {blobs} FROM {_quoted(table)}"):  # noqa: S608 - names
            for value in row:
                if value is None:
                    continue
                try:
                    bytes(value).decode("utf-8")
                except UnicodeDecodeError:
                    count += 1
        if count:
            found[table] = count
    return found

"""Table-level helpers of the bulk import: many rows in one statement, ids for new rows, and the
lookups that match clients and applicants as the services do.

``insert_many`` and ``update_many`` take rows as dictionaries that all have the same keys. On
SQLite the statement goes straight to the driver's ``executemany`` with the values converted by
the column types' own bind processors (what SQLAlchemy would do, without its per-row
bookkeeping; dates by ``isoformat``, which writes the same text); on a server it is a Core
``insert`` / ``update`` with bound parameters.
"""

from __future__ import annotations

import datetime as dt
import operator
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Date, DateTime, bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from coetracker.domain.text import search_key
from coetracker.services.import_bulk import APPLICANT_KEYS, CASE_KEYS
from coetracker.storage.models import Applicant, Case, Organization

__all__ = [
    "Applicants",
    "Ids",
    "Organizations",
    "driver_converter",
    "driver_value",
    "insert_many",
    "insert_tuples",
    "name_key",
    "read_cases",
    "update_many",
]


def _fast(kind: Any, processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """SQLite's date and time text (what the processor writes) made by ``isoformat``; the
    time stamps of a chunk are all one value, converted once."""
    if isinstance(kind, DateTime):
        last: list[Any] = [None, None]

        def stamp(value: Any) -> Any:
            if value is last[0]:
                return last[1]
            if type(value) is dt.datetime and value.tzinfo is None:
                converted = value.isoformat(sep=" ", timespec="microseconds")
            else:
                converted = processor(value)
            last[0], last[1] = value, converted
            return converted

        return stamp
    if isinstance(kind, Date):

        def day(value: Any) -> Any:
            return value.isoformat() if type(value) is dt.date else processor(value)

        return day
    return processor


def _driver_rows(
    connection: Connection, model: Any, keys: list[str], rows: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """The rows' values in ``keys`` order, converted for the SQLite driver (column by column:
    a chunk's time stamps are one value, converted once)."""
    table = model.__table__
    dialect = connection.dialect
    columns: list[list[Any]] = []
    for key in keys:
        values = list(map(operator.itemgetter(key), rows))
        kind = table.c[key].type
        processor = kind.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            first = values[0]
            if isinstance(kind, DateTime) and values.count(first) == len(values):  # a stamp
                values = [None if first is None else _fast(kind, processor)(first)] * len(values)
            else:
                convert = _fast(kind, processor)
                values = [None if value is None else convert(value) for value in values]
        columns.append(values)
    return list(zip(*columns, strict=True))


def insert_many(connection: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    """``INSERT`` rows that all have the same keys (see the module documentation)."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(insert(model), rows)
        return
    keys = list(rows[0])
    preparer = connection.dialect.identifier_preparer
    columns = ", ".join(preparer.quote(key) for key in keys)
    marks = ", ".join("?" * len(keys))
    table = preparer.format_table(model.__table__)
    statement = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - quoted names
    connection.exec_driver_sql(statement, _driver_rows(connection, model, keys, rows))


def driver_converter(connection: Connection, model: Any, key: str) -> Callable[[Any], Any] | None:
    """What converts a value (not ``None``) of column ``key`` of ``model`` for the SQLite driver
    (see :func:`driver_value`), or ``None`` when values go as they are (always on a server)."""
    if connection.dialect.name != "sqlite":
        return None
    dialect = connection.dialect
    kind = model.__table__.c[key].type
    processor = kind.dialect_impl(dialect).bind_processor(dialect)
    if processor is None:
        return None
    if isinstance(kind, Date) and not isinstance(kind, DateTime):
        return _Converted(_fast(kind, processor)).__getitem__  # a file repeats its dates
    return _fast(kind, processor)


class _Converted(dict[Any, Any]):
    """Values converted by ``convert``, each distinct value once."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, value: Any) -> Any:
        converted = self[value] = self.convert(value)
        return converted


def driver_value(connection: Connection, model: Any, key: str, value: Any) -> Any:
    """``value`` as the SQLite driver is given it for column ``key`` of ``model`` (converted by
    the column type's bind processor, see :func:`insert_many`); unchanged on a server."""
    if connection.dialect.name != "sqlite" or value is None:
        return value
    dialect = connection.dialect
    kind = model.__table__.c[key].type
    processor = kind.dialect_impl(dialect).bind_processor(dialect)
    return value if processor is None else _fast(kind, processor)(value)


def insert_tuples(
    connection: Connection, model: Any, keys: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """``INSERT`` rows given as tuples in ``keys`` order, each value already as
    :func:`driver_value` gives it (no conversion per row: a chunk's history rows go to the
    driver as they are)."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(insert(model), [dict(zip(keys, row, strict=True)) for row in rows])
        return
    preparer = connection.dialect.identifier_preparer
    columns = ", ".join(preparer.quote(key) for key in keys)
    marks = ", ".join("?" * len(keys))
    table = preparer.format_table(model.__table__)
    statement = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - quoted names
    connection.exec_driver_sql(statement, rows)


def update_many(connection: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    """``UPDATE`` rows by ``id`` to the other values each dictionary holds (same keys)."""
    if not rows:
        return
    keys = [key for key in rows[0] if key != "id"]
    if connection.dialect.name != "sqlite":
        table = model.__table__
        changes = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({key: bindparam(f"new_{key}") for key in keys})
        )
        connection.execute(
            changes,
            [{"row_id": row["id"], **{f"new_{key}": row[key] for key in keys}} for row in rows],
        )
        return
    preparer = connection.dialect.identifier_preparer
    assignments = ", ".join(f"{preparer.quote(key)} = ?" for key in keys)
    table_name = preparer.format_table(model.__table__)
    statement = f"UPDATE {table_name} SET {assignments} WHERE id = ?"  # noqa: S608 - quoted names
    connection.exec_driver_sql(statement, _driver_rows(connection, model, [*keys, "id"], rows))


CASE_COLUMNS = ("id", *CASE_KEYS, "archived", "version_id")
"""What the bulk import reads of a stored case."""
APPLICANT_COLUMNS = ("id", *APPLICANT_KEYS, "version_id")
"""What the bulk import reads of a stored applicant."""


def read_cases(
    session: Session, case_ids: Iterable[int], *, per_statement: int = 500
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """The stored cases with these ids (:data:`CASE_COLUMNS`, by id) and their applicants
    (:data:`APPLICANT_COLUMNS`, by id), in statements of at most ``per_statement`` ids."""
    ordered = sorted(set(case_ids))
    cases: dict[int, dict[str, Any]] = {}
    people: dict[int, dict[str, Any]] = {}
    case_table, person_table = Case.__table__.c, Applicant.__table__.c
    for start in range(0, len(ordered), per_statement):
        part = ordered[start : start + per_statement]
        query = select(*(case_table[name] for name in CASE_COLUMNS)).where(case_table.id.in_(part))
        for row in session.execute(query):
            cases[row.id] = row._asdict()
    applicant_ids = sorted({case["applicant_id"] for case in cases.values()})
    for start in range(0, len(applicant_ids), per_statement):
        part = applicant_ids[start : start + per_statement]
        query = select(*(person_table[name] for name in APPLICANT_COLUMNS)).where(
            person_table.id.in_(part)
        )
        for row in session.execute(query):
            people[row.id] = row._asdict()
    return cases, people


class Ids:
    """Hands out the ids of new rows of one table: after the highest on SQLite (the write lock
    is held: nobody else inserts), from the table's sequence on a server."""

    def __init__(self, session: Session, model: Any) -> None:
        self.session = session
        self.model = model
        self.server = session.get_bind().dialect.name == "postgresql"
        self.pool: list[int] = []
        self.next = 0
        if not self.server:
            self.next = int(session.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1

    def take(self, wanted: int) -> int:
        """A new id; ``wanted`` says how many more this chunk may take (fetched at once)."""
        if not self.server:
            self.next += 1
            return self.next - 1
        if not self.pool:
            preparer = self.session.get_bind().dialect.identifier_preparer
            name = preparer.format_table(self.model.__table__)
            self.pool = sorted(
                self.session.execute(
                    text(
                        "SELECT nextval(pg_get_serial_sequence(:name, 'id')) "
                        "FROM generate_series(1, :count)"
                    ),
                    {"name": name, "count": max(wanted, 1)},
                ).scalars(),
                reverse=True,
            )
        return int(self.pool.pop())


def _folded(value: Any) -> Any:
    """A romanised name folded as find_applicant folds it (width and case)."""
    if not isinstance(value, str):
        return ""
    if value.isascii():  # NFKC leaves ASCII as it is
        return value.casefold().strip()
    return unicodedata.normalize("NFKC", value).casefold().strip()


NameKey = tuple[object, object, object]


def name_key(family: Any, given: Any, birth: Any) -> NameKey:
    """An applicant's (family, given, birth date) as ``parties.find_applicant`` compares them."""
    return (_folded(family), _folded(given), birth)


class Applicants:
    """Applicants by passport number and by name key, as ``parties.find_applicant`` finds them
    (the lowest id of those that match); kept current as the import adds and renames people.
    A key held by one applicant maps to its id, by several to the set of their ids."""

    def __init__(self, session: Session) -> None:
        self.by_passport: dict[Any, int | set[int]] = {}
        self.by_name: dict[Any, int | set[int]] = {}
        query = select(
            Applicant.id,
            Applicant.passport_number,
            Applicant.family_name,
            Applicant.given_name,
            Applicant.birth_date,
        )
        for applicant_id, passport, family, given, birth in session.execute(query):
            self.add(applicant_id, passport, name_key(family, given, birth))

    def find(self, values: dict[str, Any]) -> tuple[int | None, NameKey]:
        """The applicant these values match (or None), and their name key."""
        key = name_key(values["family_name"], values["given_name"], values["birth_date"])
        return self.match(values["passport_number"], key), key

    def match(self, passport: Any, key: NameKey) -> int | None:
        """The applicant with this passport number, else with this name key (or None)."""
        if passport and (same := _lowest(self.by_passport.get(passport))) is not None:
            return same
        if key[2] is not None and (named := _lowest(self.by_name.get(key))) is not None:
            return named
        return None

    def add(self, applicant_id: int, passport: Any, key: NameKey) -> None:
        """Remember an applicant under its passport number and name key."""
        if passport:
            _add(self.by_passport, passport, applicant_id)
        if key[2] is not None:
            _add(self.by_name, key, applicant_id)

    def remove(self, applicant_id: int, passport: Any, key: NameKey) -> None:
        """Forget an applicant's old passport number and name key (before a change)."""
        if passport:
            _discard(self.by_passport, passport, applicant_id)
        if key[2] is not None:
            _discard(self.by_name, key, applicant_id)


def _lowest(found: int | set[int] | None) -> int | None:
    if found is None or isinstance(found, int):
        return found
    return min(found) if found else None


def _add(index: dict[Any, int | set[int]], key: Any, applicant_id: int) -> None:
    found = index.get(key)
    if found is None:
        index[key] = applicant_id
    elif isinstance(found, int):
        index[key] = {found, applicant_id}
    else:
        found.add(applicant_id)


def _discard(index: dict[Any, int | set[int]], key: Any, applicant_id: int) -> None:
    found = index.get(key)
    if found == applicant_id:
        del index[key]
    elif isinstance(found, set):
        found.discard(applicant_id)


class Organizations:
    """Clients by folded name (``parties.find_organization``: the first stored wins)."""

    def __init__(self, session: Session) -> None:
        self.by_key: dict[str, int] = {}
        query = select(Organization.id, Organization.name).order_by(Organization.id)
        for organization_id, name in session.execute(query):
            self.by_key.setdefault(search_key(name), organization_id)
        self.by_name: dict[str, int] = {}

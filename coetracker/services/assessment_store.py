"""The persisted assessment store: each case's assessment as the list shows it (as assessed
without ``explain``: the few reasons such an assessment carries are kept),
kept in the database so that opening the list re-assesses only what can have changed.

A stored row is used for ``today`` only when all of these hold, else the case is re-assessed:

- its rules stamp equals the current one (:func:`rules_stamp`: the policy, the benchmark table
  and :data:`RULES_VERSION`, so a settings or benchmark change, or new rules, void every row);
- ``assessed_on <= today < valid_until``: ``valid_until`` is the rules' ``changes_on``; a
  headline that only counts down to its own date ("until {date} ({days} days)", "{days} days
  left") is stored as that countdown, one that only counts the days since a fixed day
  (READY's "filed {days} days ago") as that day, and a document request's business days left
  (the count and the headline's "{days} business days left") as business days to its
  deadline; all are recomputed when read. Any other text that counts days keeps for the day
  only; READY's "the planned entry is near" keeps until the day the rules give for its change;
- its digest matches its values and its body decodes to an assessment (damage is recomputed,
  never trusted). The digest has two parts (:func:`digest`): a BLAKE2b of the rules stamp,
  the dates and the body, the same for every case stored with them (its key), and a mark of
  the row's case id that the database computes itself (:func:`store_key_sql`). A read checks
  each row's mark in SQL and gets its key; for each distinct key one row is read and checked
  against it, the rules and the day, and each distinct body decoded once
  (:class:`StoredByKey`): about 9,000 for 100,000 cases. A row whose own values were damaged
  while its key and mark are intact gets the values its key was made from.

Edits void rows through triggers (:mod:`coetracker.storage.assessment_triggers`), whichever code
path writes. Reading never writes: :func:`refresh_assessment_store` re-assesses what is stale and
writes it back in one write transaction (the window calls it on its worker after the first
paint), so a concurrent edit either comes before the read or deletes what was written.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from coetracker.domain.messages import Message
from coetracker.domain.model import Assessment, Level, Policy, Reason
from coetracker.domain.workdays import business_days_between
from coetracker.services.benchmark_table import BenchmarkTable
from coetracker.storage.dbapi import (
    MAX_BOUND_IDS,
    DBAPIConnection,
    as_date,
    execute,
    fetch,
    ids_clause,
    is_sqlite,
)

if TYPE_CHECKING:
    from coetracker.storage.engine import Database

__all__ = [
    "REFRESH_CHUNK",
    "RULES_VERSION",
    "BusinessDaysTo",
    "KeyRow",
    "StoredByKey",
    "body_key",
    "countdown_key",
    "decode",
    "digest",
    "encode",
    "refresh_assessment_store",
    "row_mark",
    "rows_by_key",
    "rules_stamp",
    "store_key_sql",
    "store_present",
    "valid_until",
    "write_store",
]

RULES_VERSION = "6"
"""Raise when the rules change what they conclude from the same facts, or the stored form changes
so that an older program would misread it: every row is voided."""

_KEY_CHARS = 24
"""The digest's first part: a 96-bit BLAKE2b of the rules stamp, the dates and the body, in
hex."""
_MARK_MODULUS = 4_294_967_291
"""The largest prime below 2**32: a row's mark is its case id times :data:`_ID_FACTOR` modulo
this, in 8 hex digits."""
_ID_FACTOR = 1_000_003

_LEVELS = {level.value: level for level in Level}
_EMPTY: Mapping[str, object] = MappingProxyType({})


def rules_stamp(policy: Policy, benchmarks: BenchmarkTable) -> str:
    """What every stored assessment was made under: policy, benchmarks and rules version."""
    text = f"{RULES_VERSION}\x1f{policy!r}\x1f{benchmarks!r}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def body_key(stamp: str, assessed_on: str, until: str | None, body: str) -> str:
    """The digest's first part: the key of ``body`` stored on ``assessed_on`` until ``until``
    (ISO dates) under the rules ``stamp``; the same for every case stored so."""
    text = f"{stamp}\x1f{assessed_on}\x1f{until or ''}\x1f{body}"
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def row_mark(case_id: int) -> str:
    """The digest's second part: binds the row to its case, computed by the database too
    (:func:`store_key_sql`). A row moved to another case id, or a damaged mark, is not used."""
    return f"{case_id * _ID_FACTOR % _MARK_MODULUS:08x}"


def digest(case_id: int, stamp: str, assessed_on: str, until: str | None, body: str) -> str:
    """A stored row's digest: :func:`body_key` then :func:`row_mark` (32 characters)."""
    return body_key(stamp, assessed_on, until, body) + row_mark(case_id)


_MARK = {
    True: "printf('%08x', c.id * {id} % {modulus})",
    False: "lpad(to_hex(mod(c.id::bigint * {id}, {modulus})), 8, '0')",  # ``%`` is a placeholder
}
_KEY = "CASE WHEN substr(s.digest, {start}) = {mark} THEN substr(s.digest, 1, {chars}) END"


def store_key_sql(connection: DBAPIConnection) -> str:
    """SQL for a case's store key (the store joined as ``s``, the case as ``c``): the first part
    of its digest when its mark is the case's, else NULL. Whether the key's row can be used on
    the day read is decided once per key (:class:`StoredByKey`)."""
    mark = _MARK[is_sqlite(connection)].format(id=_ID_FACTOR, modulus=_MARK_MODULUS)
    return _KEY.format(start=_KEY_CHARS + 1, mark=mark, chars=_KEY_CHARS)


# --- encoding ---------------------------------------------------------------------------------


def _value(value: object) -> object:
    if value is None or isinstance(value, bool | str | float | int):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"$d": value.isoformat()}
    if isinstance(value, Message):
        return {"$m": [value.context, value.source, _mapping(value.params)]}
    raise TypeError(type(value).__name__)  # not storable: the case is re-assessed each time


def _mapping(values: Mapping[str, object]) -> dict[str, object]:
    return {key: _value(item) for key, item in values.items()}


def _date_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


class BusinessDaysTo:
    """A stored count of the business days from the day read to ``deadline``
    (:func:`~coetracker.domain.workdays.business_days_between`)."""

    __slots__ = ("deadline",)

    def __init__(self, deadline: dt.date) -> None:
        self.deadline = deadline

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BusinessDaysTo) and other.deadline == self.deadline

    def __hash__(self) -> int:
        return hash(self.deadline)

    def __repr__(self) -> str:
        return f"BusinessDaysTo({self.deadline!r})"


Countdown = str | dt.date | BusinessDaysTo
"""How a headline's ``days`` is stored (:func:`countdown_key`): the name of the headline's date
it counts down to, the day it counts from, or business days to a document deadline (the
assessment's ``business_days_left`` too)."""


def encode(assessment: Assessment, countdown: Countdown | None = None) -> str:
    """The assessment (made without ``explain``) as JSON text (TypeError: not storable).

    With ``countdown`` (:func:`countdown_key`) the headline's ``days`` is stored as "days until
    the headline's date ``countdown``" (a name) or "days since ``countdown``" (a date),
    recomputed for the day it is read; with a :class:`BusinessDaysTo` the assessment's
    ``business_days_left`` is stored so too."""
    headline: object = _value(assessment.headline)
    days_left: object = assessment.business_days_left
    days: object
    if isinstance(countdown, BusinessDaysTo):
        days = days_left = {"$w": countdown.deadline.isoformat()}
    elif isinstance(countdown, str):
        days = {"$n": countdown}
    elif countdown is not None:
        days = {"$u": countdown.isoformat()}
    if countdown is not None and "days" in assessment.headline.params:
        context, source, params = headline["$m"]  # type: ignore[index]
        headline = {"$m": [context, source, {**params, "days": days}]}
    return json.dumps(
        [
            assessment.level.value,
            headline,
            _value(assessment.action),
            _date_text(assessment.next_check),
            _date_text(assessment.changes_on),
            _date_text(assessment.deadline),
            days_left,
            _date_text(assessment.coe_expiry),
            _mapping(assessment.extra),
            [[r.rule, r.passed, _value(r.text)] for r in assessment.reasons],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


_PLAIN: dict[tuple[str, str], Message] = {}
"""Messages without parameters, decoded once (they are immutable)."""


class _Countdown:
    """A stored "days until the date ``key``" waiting for its message's parameters."""

    __slots__ = ("key",)

    def __init__(self, key: object) -> None:
        if not isinstance(key, str):
            raise ValueError("not a stored countdown")
        self.key = key


class _CountUp:
    """A stored "days since ``since``"."""

    __slots__ = ("since",)

    def __init__(self, since: object) -> None:
        if not isinstance(since, str):
            raise ValueError("not a stored count of days")
        self.since = dt.date.fromisoformat(since)


def _hook(today: dt.date | None, value: dict[str, Any]) -> object:
    """Decode a tagged date, countdown or message (JSON objects are decoded innermost first)."""
    if "$d" in value:
        return dt.date.fromisoformat(value["$d"])
    if "$n" in value:
        return _Countdown(value["$n"])
    if "$u" in value:
        return _CountUp(value["$u"])
    if "$w" in value:
        deadline = value["$w"]
        if today is None or not isinstance(deadline, str):
            raise ValueError("not a stored count of business days")
        return business_days_between(today, dt.date.fromisoformat(deadline))
    if "$m" in value:
        context, source, params = value["$m"]
        if not isinstance(context, str) or not isinstance(source, str):
            raise ValueError("not a stored message")
        if not isinstance(params, dict):
            raise ValueError("not stored parameters")
        if not params:
            found = _PLAIN.get((context, source))
            if found is None:
                found = _PLAIN.setdefault((context, source), Message(context, source))
            return found
        days = params.get("days")
        if isinstance(days, _Countdown):
            until = params[days.key]
            if today is None or type(until) is not dt.date:
                raise ValueError("not a stored countdown")
            params["days"] = (until - today).days
        elif isinstance(days, _CountUp):
            if today is None:
                raise ValueError("not a stored count of days")
            params["days"] = (today - days.since).days
        return Message(context, source, params)
    return value


@functools.lru_cache(maxsize=8)
def _decoder(today: dt.date | None) -> json.JSONDecoder:
    return json.JSONDecoder(object_hook=functools.partial(_hook, today))


def decode(body: str, today: dt.date | None = None) -> Assessment:
    """The assessment :func:`encode` stored, as of ``today`` (ValueError, TypeError, KeyError:
    damaged)."""
    level, headline, action, next_check, changes_on, deadline, days_left, expiry, extra, why = (
        _decoder(today).decode(body)
    )
    if not isinstance(headline, Message) or not isinstance(action, Message):
        raise ValueError("not a stored assessment")
    if days_left is not None and (type(days_left) is not int):
        raise ValueError("not a count of days")
    if not isinstance(extra, dict):
        raise ValueError("not stored extras")
    return Assessment(
        _LEVELS[level],
        headline,
        tuple(_reason(*item) for item in why),
        _optional_date(next_check),
        action,
        _optional_date(changes_on),
        _optional_date(deadline),
        days_left,
        _optional_date(expiry),
        MappingProxyType(extra) if extra else _EMPTY,
    )


def _reason(rule: object, passed: object, text: object) -> Reason:
    if not (isinstance(rule, str) and isinstance(passed, bool) and isinstance(text, Message)):
        raise ValueError("not a stored reason")
    return Reason(rule, passed, text)


def _optional_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("not a stored date")
    return dt.date.fromisoformat(value)


def _counts_days(values: Mapping[str, object]) -> bool:
    for value in values.values():
        if isinstance(value, int) and not isinstance(value, bool):
            return True
        if isinstance(value, Message) and _counts_days(value.params):
            return True
    return False


_COUNTING_DOWN = frozenset({Level.WAITING, Level.ISSUED, Level.COE_EXPIRING})
_COUNTING_UP = frozenset({(Level.READY, "Ready for a status check: filed {days} days ago")})
"""Headlines whose ``days`` counts the days since a fixed day (the filing), the only thing of
the assessment that changes while the facts stay: with the facts unchanged, a case READY on
that ground stays so and only the count grows (the rules in ``domain/readiness/filed.py``).
A headline not listed here keeps for the day only."""


_DOCUMENTS = frozenset({Level.DOCS_DUE, Level.DOCS_OVERDUE})


def countdown_key(assessment: Assessment, today: dt.date) -> Countdown | None:
    """How the headline's ``days`` changes from day to day when that count is the only thing of
    the assessment that does: the name of the headline date it counts down to (WAITING "until
    {date} ({days} days)", a certificate's "{days} days left"), the day it counts from
    (READY "filed {days} days ago"), or business days to the deadline (a document request's
    ``business_days_left`` and "{days} business days left"); None otherwise."""
    if assessment.business_days_left is not None:
        return _business_countdown(assessment, today)
    level = assessment.level
    counting_up = (level, assessment.headline.source) in _COUNTING_UP
    if level not in _COUNTING_DOWN and not counting_up:
        return None
    params = assessment.headline.params
    days = params.get("days")
    if type(days) is not int or len(params) != (1 if counting_up else 2):
        return None
    if (
        _counts_days(assessment.action.params)
        or _counts_days(assessment.extra)
        or any(_counts_days(reason.text.params) for reason in assessment.reasons)
    ):
        return None
    if counting_up:
        return today - dt.timedelta(days=days)
    for key, value in params.items():
        if type(value) is dt.date and (value - today).days == days:
            return key
    return None


def _business_countdown(assessment: Assessment, today: dt.date) -> BusinessDaysTo | None:
    """:func:`countdown_key` of an assessment that counts business days: the deadline's when
    that count (and the headline's ``days``, if any) is the only thing that counts days."""
    deadline = assessment.deadline
    left = assessment.business_days_left
    if (
        assessment.level not in _DOCUMENTS
        or type(deadline) is not dt.date
        or type(left) is not int
        or left != business_days_between(today, deadline)
    ):
        return None
    params = assessment.headline.params
    days = params.get("days", left)
    if type(days) is not int or days != left:
        return None
    if (
        _counts_days({key: value for key, value in params.items() if key != "days"})
        or _counts_days(assessment.action.params)
        or _counts_days(assessment.extra)
        or any(_counts_days(reason.text.params) for reason in assessment.reasons)
    ):
        return None
    return BusinessDaysTo(deadline)


def valid_until(
    assessment: Assessment, today: dt.date, countdown: Countdown | None = None
) -> dt.date | None:
    """The first day on which a fresh assessment may differ from this one (None: never), its
    headline's countdown (``countdown``) recomputed."""
    until = assessment.changes_on
    if countdown is not None:
        return until
    if (
        # READY's text changes when the benchmark date passes ("the planned entry is near" →
        # "filed N days ago") with no change of level: the rules give that day as
        # ``changes_on``; a READY without one is kept for the day only (the latter, counting
        # from the filing, is a countdown above).
        (assessment.level is Level.READY and assessment.changes_on is None)
        or assessment.business_days_left is not None
        or _counts_days(assessment.headline.params)
        or _counts_days(assessment.action.params)
        or _counts_days(assessment.extra)
        or any(_counts_days(reason.text.params) for reason in assessment.reasons)
    ):
        tomorrow = today + dt.timedelta(days=1)
        until = tomorrow if until is None else min(until, tomorrow)
    return until


# --- reading ----------------------------------------------------------------------------------


def store_present(connection: DBAPIConnection) -> bool:
    """Whether the database has the store (an older revision read without migrating has not)."""
    if not is_sqlite(connection):
        return True  # a server database is always migrated before it is read
    found = fetch(
        connection,
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'assessment_store'",
    )
    return bool(found[0][0])


class StoredByKey:
    """The assessments of store keys (:func:`store_key_sql`) on the day read. For each key not
    met before, one case's row is read and its stamp, dates and body checked against the key;
    the key's assessment is used when the row was made under the current rules and
    ``assessed_on <= today < valid_until``, its body decoded once per distinct body. None for
    a key whose row does not match it, is stale, or does not decode (its cases are
    re-assessed)."""

    def __init__(self, connection: DBAPIConnection, stamp: str, today: dt.date) -> None:
        self.connection = connection
        self.stamp = stamp
        self.today = today
        self.found: dict[str | None, Assessment | None] = {None: None}
        self.bodies: dict[str, Assessment | None] = {}
        self.rows: dict[str, KeyRow] | None = None
        """One stored row of each key (:func:`rows_by_key`), when read beforehand: then keys
        are looked up there and the connection is not used."""

    def of(self, rows: Sequence[Sequence[Any]], index: int) -> list[Assessment | None]:
        """The assessment of each row's key (at ``index``), None where there is none."""
        keys = list(map(itemgetter(index), rows))
        found = self.found
        unknown = set(keys).difference(found)
        if unknown and self.rows is not None:
            by_key = self.rows
            for key in unknown:
                row = by_key.get(key)
                found[key] = None if row is None else self._usable(key, *row)
        elif unknown:
            a_case = dict(zip(keys, map(itemgetter(0), rows), strict=True))  # one case per key
            self._read({key: a_case[key] for key in unknown})
        return list(map(found.get, keys))

    def _read(self, new: dict[str, int]) -> None:
        found = self.found
        keys = {case_id: key for key, case_id in new.items()}
        found.update(dict.fromkeys(new))
        wanted = list(keys)
        for start in range(0, len(wanted), MAX_BOUND_IDS):
            where, params = ids_clause("case_id", wanted[start : start + MAX_BOUND_IDS])
            for case_id, stamp, assessed, until, body in fetch(
                self.connection,
                "SELECT case_id, stamp, assessed_on, valid_until, body"  # noqa: S608 - ids bound
                " FROM assessment_store" + where,
                params,
            ):
                key = keys.get(case_id)
                if key is not None:
                    found[key] = self._usable(key, stamp, assessed, until, body)

    def _usable(
        self, key: str, stamp: object, assessed_on: object, valid_until: object, body: object
    ) -> Assessment | None:
        today = self.today
        assessed, until = as_date(assessed_on), as_date(valid_until)
        if (
            stamp != self.stamp
            or type(body) is not str
            or assessed is None
            or assessed > today
            or (until is not None and until <= today)
            or body_key(self.stamp, assessed.isoformat(), _date_text(until), body) != key
        ):
            return None
        if body in self.bodies:
            return self.bodies[body]
        try:
            assessment: Assessment | None = decode(body, today)
        except (ValueError, TypeError, KeyError, IndexError, AssertionError):
            assessment = None
        self.bodies[body] = assessment
        return assessment


KeyRow = tuple[object, object, object, object]
"""A stored row's stamp, assessed_on, valid_until and body, as read."""

_ROWS_BY_KEY = (
    "SELECT substr(digest, 1, {chars}), stamp, assessed_on, valid_until, body"
    " FROM assessment_store WHERE rowid IN"
    " (SELECT min(rowid) FROM assessment_store GROUP BY substr(digest, 1, {chars}))"
)


def rows_by_key(connection: DBAPIConnection) -> dict[str, KeyRow]:
    """One stored row of each store key (the first stored): what :class:`StoredByKey` checks
    against the key, read in one statement (about 9,000 rows for 100,000 cases). SQLite only
    (it groups by ``rowid``)."""
    sql = _ROWS_BY_KEY.format(chars=_KEY_CHARS)
    return {
        key: (stamp, assessed, until, body)
        for key, stamp, assessed, until, body in fetch(connection, sql)
    }


# --- writing ----------------------------------------------------------------------------------


def write_store(
    connection: DBAPIConnection,
    fresh: Sequence[tuple[int, Assessment]],
    *,
    stamp: str,
    today: dt.date,
) -> int:
    """Replace the stored rows of the cases in ``fresh``; how many were written."""
    rows = []
    on = today.isoformat()
    for case_id, assessment in fresh:
        countdown = countdown_key(assessment, today)
        try:
            body = encode(assessment, countdown)
        except TypeError:
            continue
        until = _date_text(valid_until(assessment, today, countdown))
        rows.append((case_id, stamp, on, until, body, digest(case_id, stamp, on, until, body)))
    execute(connection, "DELETE FROM assessment_store WHERE case_id = ?", [(r[0],) for r in fresh])
    execute(
        connection,
        "INSERT INTO assessment_store (case_id, stamp, assessed_on, valid_until, body, digest)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


REFRESH_CHUNK = 900
"""Cases re-assessed per write transaction: the write lock is held a fraction of a second at a
time, so a user's save made meanwhile waits that long at most, not for the whole refresh."""


def refresh_assessment_store(db: Database, *, today: dt.date) -> int:
    """Re-assess the cases whose stored assessment cannot be used on ``today`` and store the
    results; how many were re-assessed (0 on a read-only database).

    The stale cases are found in a read transaction, then re-assessed and written in chunks of
    :data:`REFRESH_CHUNK`, each read again under its write lock (an edit made in between is
    seen, or deletes what was written after it)."""
    if db.read_only:
        return 0
    from coetracker.services.caselist import read_case_list, stale_case_ids
    from coetracker.storage.dbapi import raw_connection

    with db.read_session() as session:
        stale = stale_case_ids(raw_connection(session), today=today)
    written = 0
    for start in range(0, len(stale), REFRESH_CHUNK):
        chunk = stale[start : start + REFRESH_CHUNK]
        with db.write_session() as session:
            connection = raw_connection(session)
            if not is_sqlite(connection):
                # An edit committed while this runs waits for it, then deletes what it wrote.
                execute(connection, "LOCK TABLE assessment_store IN SHARE ROW EXCLUSIVE MODE", [()])
            fresh: list[tuple[int, Assessment]] = []
            stamps: list[str] = []
            read_case_list(connection, today=today, case_ids=chunk, fresh=fresh, stamp_out=stamps)
            if fresh:
                write_store(connection, fresh, stamp=stamps[0], today=today)
            written += len(fresh)
    return written

"""The export of every case from a SQLite file (cells made by SQLite) writes exactly the bytes of
the export of the listed cases (cells made in Python, one ``CaseRow`` at a time): on a generated
database full of awkward values, with the assessment store empty, filled and partly stale, in
either header language, active cases only, CP932, and when a cell cannot be written at all."""

from __future__ import annotations

import datetime as dt
import operator
import random
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from benchmarks.synthetic import build_database
from coetracker.domain.model import Level
from coetracker.io.csv_codec import CsvEncodingError, HeaderStyle
from coetracker.io.csv_encode import guard_text
from coetracker.services import export_lines
from coetracker.services.assessment_store import refresh_assessment_store
from coetracker.services.caselist import list_cases, sort_by_urgency
from coetracker.services.csv_export import export_cases
from coetracker.services.export_cells import (
    CHOSEN_REQUEST_SQL,
    RequestTuple,
    picked_request,
    requests_query,
)
from coetracker.services.export_lines import _CELL, _RUN, _RUN_WIDTHS, csv_cell, runs_of
from coetracker.storage.dbapi import as_date, fetch, raw_connection
from coetracker.storage.engine import Database
from coetracker.storage.models import (
    Applicant,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    ResidenceCard,
    ResidenceStatus,
    utcnow,
)

TODAY = dt.date(2026, 11, 27)

AWKWARD = [
    "=SUM(A1:A9)",
    "+81 3 1234",
    "-5",
    "@home",
    "＝全角",
    "＋全角",
    "－全角",
    "＠全角",
    "\tタブ",
    "\r先頭CR",
    "\n先頭LF",
    "'apostrophe",
    "''two",
    "a,b",
    'say "hi"',
    "一行目\r\n二行目",
    "",
    " space first",
    "0123",
    "R7.11.3",
    "明治1",
    "2025-11",
    "TRUE",
    "(1)",
    "¥100",
    "東就認T26-1",
    "〜波ダッシュ",
    "普通の名前",
]
"""Texts a spreadsheet would mangle, run as formulas, or that need quoting (CP932-safe)."""
UNENCODABLE = ["NGUYỄN", "😀 Ễ"]
"""Names CP932 cannot hold."""


def _awkward_database(path: Path) -> Database:
    """300 synthetic cases, then awkward values in every text column, missing dates, future
    filing dates, archived cases, family cases without a client, cards, requests, inquiries."""
    db = build_database(path, 300, today=TODAY)
    now = utcnow()
    with db.write_session() as session:
        spouse = session.scalar(
            select(ResidenceStatus.id).where(ResidenceStatus.code == "spouse_of_japanese")
        )
        for index in range(0, 300, 2):
            text = AWKWARD[index // 2 % len(AWKWARD)]
            case_id = 1 + index
            session.execute(
                update(Applicant)
                .where(Applicant.id == case_id)
                .values(
                    family_name=text,
                    given_name=AWKWARD[(index + 3) % len(AWKWARD)],
                    name_kanji=AWKWARD[(index + 5) % len(AWKWARD)],
                    name_kana=text,
                    nationality_code=(None, "XX", "VN", "CN")[index % 4],
                    birth_date=None if index % 3 else dt.date(1990, 2, 3),
                )
            )
            session.execute(
                update(Case)
                .where(Case.id == case_id)
                .values(
                    reference=f"{text}{index}" if index % 5 else None,
                    application_number=AWKWARD[(index + 7) % len(AWKWARD)] or None,
                    notes=AWKWARD[(index + 11) % len(AWKWARD)],
                    department_phone=AWKWARD[(index + 13) % len(AWKWARD)]
                    if index % 7 == 0
                    else None,
                    archived=index % 6 == 0,
                    filing_date=TODAY + dt.timedelta(days=5)
                    if index % 8 == 0
                    else Case.filing_date,
                )
            )
        for index in range(1, 300, 10):  # family cases: no client company, a 代理人
            session.execute(
                update(Case)
                .where(Case.id == index)
                .values(
                    organization_id=None,
                    residence_status_id=spouse,
                    agent_name=AWKWARD[index % len(AWKWARD)] or "佐藤 一郎",
                    agent_relationship="夫",
                    agent_prefecture="埼玉県",
                    agent_address="さいたま市, 浦和区",
                    coe_delivery="email" if index % 20 == 1 else None,
                )
            )
        session.execute(
            update(Organization).where(Organization.id == 3).values(name='=HYPERLINK("x")')
        )
        session.execute(
            insert(ResidenceCard),
            [
                {
                    "applicant_id": 1 + i,
                    "period_months": (12, 6, None)[i % 3],
                    "expiry_date": TODAY + dt.timedelta(days=20 * i) if i % 4 else None,
                }
                for i in range(3, 300, 17)
            ],
        )
        session.execute(
            insert(DocumentRequest),
            [
                {
                    "case_id": 1 + i,
                    "notice_date": TODAY - dt.timedelta(days=30),
                    "deadline": TODAY - dt.timedelta(days=i % 9),
                    "extended_deadline": TODAY + dt.timedelta(days=7) if i % 2 else None,
                    "submitted_on": None,
                    "imported": False,
                    "created_at": now,
                    "updated_at": now,
                    "version_id": 1,
                }
                for i in range(5, 300, 11)
            ],
        )
        session.execute(
            insert(Inquiry),
            [
                {
                    "case_id": 1 + i,
                    "made_at": dt.datetime(2026, 11, 1 + i % 20, 9, 30),
                    "channel": "online_system" if i % 2 else "counter",
                    "imported": False,
                    "created_at": now,
                    "updated_at": now,
                    "version_id": 1,
                }
                for i in range(0, 300, 3)
            ],
        )
    return db


@pytest.fixture
def awkward(tmp_path: Path) -> Iterator[Database]:
    db = _awkward_database(tmp_path / "awkward.sqlite3")
    yield db
    db.dispose()


def _both(
    db: Database,
    folder: Path,
    day: dt.date,
    *,
    include_closed: bool = True,
    style: HeaderStyle = HeaderStyle.JA,
    encoding: str = "utf-8-sig",
) -> tuple[bytes, bytes]:
    """The file of every case, and the file of the listed cases in the window's order."""
    whole, listed = folder / "whole.csv", folder / "listed.csv"
    rows = sort_by_urgency(list_cases(db, today=day))
    if not include_closed:
        rows = [r for r in rows if r.assessment.level != Level.CLOSED]
    options = {"header_style": style, "encoding": encoding}
    export_cases(db, whole, today=day, include_closed=include_closed, **options)  # type: ignore[arg-type]
    export_cases(db, listed, today=day, rows=rows, **options)  # type: ignore[arg-type]
    return whole.read_bytes(), listed.read_bytes()


def test_every_case_gives_the_listed_bytes_whatever_the_store_holds(
    awkward: Database, tmp_path: Path
) -> None:
    whole, listed = _both(awkward, tmp_path, TODAY)  # the store empty: every case assessed
    assert whole == listed
    text = whole.decode("utf-8-sig")
    assert text.count("\r\n") > 300  # quoted line breaks inside cells too
    assert "'=SUM(A1:A9)" in text and "'＝全角" in text and '"say ""hi"""' in text
    assert refresh_assessment_store(awkward, today=TODAY) == 300
    assert _both(awkward, tmp_path, TODAY) == (whole, listed)  # every assessment stored
    whole_today, listed_today = whole, listed
    later = TODAY + dt.timedelta(days=30)  # some stored assessments stale
    whole, listed = _both(awkward, tmp_path, later)
    assert whole == listed
    with awkward.write_session() as session:  # damaged rows are assessed again, never trusted
        session.connection().exec_driver_sql(
            "UPDATE assessment_store SET body = substr(body, 2) WHERE case_id % 4 = 0"
        )
    assert _both(awkward, tmp_path, later) == (whole, listed)
    refresh_assessment_store(awkward, today=TODAY)
    with awkward.write_session() as session:  # rows made under other rules are not used
        session.connection().exec_driver_sql(
            "UPDATE assessment_store SET stamp = 'other rules' WHERE case_id % 3 = 0"
        )
    assert _both(awkward, tmp_path, TODAY) == (whole_today, listed_today)


def test_english_headers_and_active_cases_only_give_the_listed_bytes(
    awkward: Database, tmp_path: Path
) -> None:
    refresh_assessment_store(awkward, today=TODAY)
    whole, listed = _both(awkward, tmp_path, TODAY, style=HeaderStyle.EN)
    assert whole == listed and whole.startswith(b"\xef\xbb\xbfreference,client,")
    whole, listed = _both(awkward, tmp_path, TODAY, include_closed=False)
    assert whole == listed
    assert whole.count(b"\r\n") < _both(awkward, tmp_path, TODAY)[0].count(b"\r\n")


def test_cp932_gives_the_listed_bytes_or_names_the_same_cells(
    awkward: Database, tmp_path: Path
) -> None:
    whole, listed = _both(awkward, tmp_path, TODAY, encoding="cp932")
    assert whole == listed
    assert "～波ダッシュ".encode("cp932") in whole  # written with the glyph Windows uses
    with awkward.write_session() as session:
        session.execute(update(Applicant).where(Applicant.id == 4).values(family_name="−5"))
    whole, listed = _both(awkward, tmp_path, TODAY, encoding="cp932")
    assert whole == listed and "'－5".encode("cp932") in whole  # U+2212 becomes a trigger
    with awkward.write_session() as session:
        for index, name in enumerate(UNENCODABLE):
            session.execute(
                update(Applicant).where(Applicant.id == 10 + index).values(given_name=name)
            )
    errors = []
    for rows in (None, sort_by_urgency(list_cases(awkward, today=TODAY))):
        with pytest.raises(CsvEncodingError) as caught:
            export_cases(awkward, tmp_path / "never.csv", today=TODAY, rows=rows, encoding="cp932")
        errors.append(caught.value.cells)
    assert errors[0] == errors[1] and len(errors[0]) == 2
    assert not (tmp_path / "never.csv").exists()


@pytest.mark.parametrize(
    ("column", "header"),
    [("notes", "備考"), ("family_name", "申請人(姓)")],  # read apart; formatted by printf
)
def test_a_nul_in_a_cell_is_named_and_nothing_is_written(
    awkward: Database, tmp_path: Path, column: str, header: str
) -> None:
    table = Case if column == "notes" else Applicant
    with awkward.write_session() as session:
        session.execute(update(table).where(table.id == 7).values({column: "a\0b"}))
    errors = []
    for rows in (None, sort_by_urgency(list_cases(awkward, today=TODAY))):
        with pytest.raises(CsvEncodingError) as caught:
            export_cases(awkward, tmp_path / "never.csv", today=TODAY, rows=rows)
        errors.append(caught.value.cells)
    assert errors[0] == errors[1] and [c.column for c in errors[0]] == [header]
    assert not (tmp_path / "never.csv").exists()


_CELL_TEXT = st.one_of(
    st.text(st.characters(codec="utf-8", blacklist_characters="\0\x1f"), max_size=8),
    st.sampled_from(AWKWARD),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELL_TEXT, min_size=sum(_RUN_WIDTHS), max_size=sum(_RUN_WIDTHS)))
def test_the_runs_sqlite_reads_are_written_as_python_writes_each_cell(cells: list[str]) -> None:
    runs, start = [], 0
    for width in _RUN_WIDTHS:
        runs.append(cells[start : start + width])
        start += width
    text = _RUN.join(_CELL.join(run) for run in runs)
    written = [",".join(csv_cell(guard_text(cell)) for cell in run) for run in runs]
    if any(cell.endswith("\x1e") for cell in cells[:-1]):  # the separators may be ambiguous
        assert runs_of(text) in (written, None)
    else:
        assert runs_of(text) == written
    assert runs_of(text.replace(_RUN, _CELL + _RUN, 1)) is None  # a separator in a cell


def test_a_cell_holding_a_separator_sqlite_uses_is_written_all_the_same(
    awkward: Database, tmp_path: Path
) -> None:
    with awkward.write_session() as session:
        session.execute(update(Case).where(Case.id == 9).values(notes="a\x1fb\x1ec"))
    whole, listed = _both(awkward, tmp_path, TODAY)
    assert whole == listed and b"a\x1fb\x1ec" in whole


def test_the_request_sqlite_ranks_first_is_the_one_python_picks(
    awkward: Database, tmp_path: Path
) -> None:
    """Random sets of open, submitted, extended and undated requests: the whole export's
    chosen request (ranked by SQLite) is the listed export's (picked by Python)."""
    rng = random.Random(1204)
    days = [None, *(TODAY + dt.timedelta(days=offset) for offset in (-40, -9, -9, 0, 3, 3, 30))]
    with awkward.write_session() as session:
        session.execute(delete(DocumentRequest))
        session.execute(
            insert(DocumentRequest),
            [
                {
                    "case_id": case_id,
                    "notice_date": rng.choice(days),
                    "deadline": rng.choice(days[1:]),
                    "extended_deadline": rng.choice([None, None, *days[1:]]),
                    "submitted_on": rng.choice([None, None, *days[1:]]),
                    "requested_items": "在職証明書",
                }
                for case_id in range(1, 301)
                for _request in range(rng.choice((0, 1, 2, 3, 5)))
            ],
        )
    with awkward.read_session() as session:
        requests: dict[int, list[RequestTuple]] = {}
        for row in session.execute(requests_query().order_by(DocumentRequest.id)):
            requests.setdefault(row[0], []).append((row[1], row[2], row[3], row[4], row[5]))
        ranked = {
            row[0]: tuple(as_date(day) for day in row[1:4])
            for row in fetch(
                raw_connection(session), f"SELECT * FROM ({CHOSEN_REQUEST_SQL}) WHERE rank = 1"
            )
        }
    assert len(ranked) == len(requests) > 200
    assert ranked == {case_id: picked_request(own) for case_id, own in requests.items()}
    whole, listed = _both(awkward, tmp_path, TODAY)
    assert whole == listed


def _copy_cases(
    connection: Connection, where: str, *, reference: str = "NULL", case_id: str | None = None
) -> None:
    """Copies of the cases ``where`` selects, with the SQL ``reference`` as 受託番号 and, given,
    the SQL ``case_id`` as id (else a new one): the same facts, so the same urgency."""
    columns = [
        row[1]
        for row in connection.exec_driver_sql('PRAGMA table_info("case")')
        if row[1] not in ("id", "reference")
    ]
    names = ", ".join(columns)
    ids, id_values = ("id, ", f"{case_id}, ") if case_id is not None else ("", "")
    connection.exec_driver_sql(
        f'INSERT INTO "case" ({ids}reference, {names})'
        f' SELECT {id_values}{reference}, {names} FROM "case" WHERE {where}'
    )


def test_a_blank_reference_sorts_as_the_listed_export_sorts(
    awkward: Database, tmp_path: Path
) -> None:
    """SQLite reads cases in 受託番号 order, NULL before a blank one; the urgency order reads
    both as blank and orders them by id, as the listed export does: a case with a blank
    reference and a later copy of it without one (the same urgency) come in id order."""
    with awkward.write_session() as session:
        _copy_cases(session.connection(), "id = 2")
        session.execute(update(Case).where(Case.id == 2).values(reference=""))
    whole, listed = _both(awkward, tmp_path, TODAY)
    assert whole == listed


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of 37 ids: the 300 cases come in nine parts, read on the reading thread while
    the lines of the last one are made."""
    monkeypatch.setattr(export_lines, "PART_IDS", 37)


def _reader_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "export-reader"]


@pytest.mark.usefixtures("small_parts")
def test_cases_read_in_parts_give_the_listed_bytes_whatever_the_store_holds(
    awkward: Database, tmp_path: Path
) -> None:
    whole, listed = _both(awkward, tmp_path, TODAY)  # the store empty: every case assessed
    assert whole == listed and whole.count(b"\r\n") > 300
    refresh_assessment_store(awkward, today=TODAY)
    assert _both(awkward, tmp_path, TODAY) == (whole, listed)
    with awkward.write_session() as session:  # a part of the store stale, another damaged
        session.connection().exec_driver_sql(
            "UPDATE assessment_store SET body = substr(body, 2) WHERE case_id BETWEEN 40 AND 90"
        )
    assert _both(awkward, tmp_path, TODAY) == (whole, listed)
    later = TODAY + dt.timedelta(days=30)
    assert operator.eq(*_both(awkward, tmp_path, later))
    assert not _reader_threads()


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("notes", "a\x1cb"),  # between two cases
        ("notes", "a\x1db\x1dc\x1dd\x1de\x1df\x1dg\x1dh"),  # between two fields
        ("family_name", "\x1c1\x1d\x1d\x1d\x1d0\x1d\x1d\x1d"),  # a whole case's fields
    ],
)
def test_a_cell_holding_a_separator_of_cases_or_fields_is_written_all_the_same(
    awkward: Database, tmp_path: Path, column: str, text: str
) -> None:
    table = Case if column == "notes" else Applicant
    with awkward.write_session() as session:
        session.execute(update(table).where(table.id == 50).values({column: text}))
    whole, listed = _both(awkward, tmp_path, TODAY)
    assert whole == listed and text.encode() in whole


def test_a_text_that_is_not_utf8_is_written_as_the_listed_export_writes_it(
    awkward: Database, tmp_path: Path
) -> None:
    with awkward.write_session() as session:
        session.connection().exec_driver_sql(
            "UPDATE applicant SET family_name = CAST(x'41ff42' AS TEXT) WHERE id = 20"
        )
        # a 受託番号 that sorts otherwise as bytes (\xff, after every UTF-8 lead byte) than as
        # text (U+FFFD, before CJK ideographs): the order is Python's, as the listed export's
        connection = session.connection()
        connection.exec_driver_sql(
            "UPDATE \"case\" SET reference = CAST(x'41ff' AS TEXT) WHERE id = 21"
        )
        # its twin (the same urgency), before it as bytes, not as text
        _copy_cases(connection, "id = 21", reference="'A😀'")
    whole, listed = _both(awkward, tmp_path, TODAY)
    assert whole == listed and "A\ufffdB".encode() in whole


@pytest.mark.usefixtures("small_parts")
def test_a_failure_on_either_thread_stops_both_and_reaches_the_caller(
    awkward: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = []

    def failing_add(self: object, rows: list[object], assessments: list[object]) -> bool:
        made.append(len(rows))
        if len(made) == 2:
            raise RuntimeError("the lines failed")
        return True

    with monkeypatch.context() as patch:  # the lines fail: the reading stops
        patch.setattr(export_lines._Lines, "add", failing_add)
        with pytest.raises(RuntimeError, match="the lines failed"):
            export_cases(awkward, tmp_path / "never.csv", today=TODAY)
    assert len(made) == 2 and not _reader_threads()

    original = export_lines.part_sql

    def broken_sql(*args: object) -> tuple[str, list[object]]:
        sql, params = original(*args)  # type: ignore[arg-type]
        return sql.replace("c.filing_date", "c.no_such_column", 1), params

    monkeypatch.setattr(export_lines, "part_sql", broken_sql)  # the reading fails
    with pytest.raises(sqlite3.OperationalError, match="no_such_column"):
        export_cases(awkward, tmp_path / "never.csv", today=TODAY)
    assert not _reader_threads() and not (tmp_path / "never.csv").exists()


@pytest.mark.usefixtures("small_parts")
def test_cases_whose_ids_are_far_apart_are_read_in_a_few_parts(
    awkward: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with awkward.write_session() as session:  # six copies with ids up to about 10**12
        _copy_cases(session.connection(), "id % 50 = 0", case_id="id * 3000000000")
    ranges: list[int] = []
    original = export_lines._id_ranges

    def recorded(connection: object) -> list[tuple[int, int]]:
        made = original(connection)  # type: ignore[arg-type]
        ranges.append(len(made))
        return made

    monkeypatch.setattr(export_lines, "_id_ranges", recorded)
    whole, listed = _both(awkward, tmp_path, TODAY)
    assert whole == listed and whole.count(b"\r\n") > 306
    assert ranges == [10]  # 306 cases, about 37 a part (the first split): not one per 37 ids

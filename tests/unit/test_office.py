"""Office mode below the window: change notification, copying, server errors (both back ends
where it applies)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from coetracker.server_errors import (
    ServerDatabaseMissingError,
    ServerUnreachableError,
    classify_server_error,
)
from coetracker.services import cases
from coetracker.services.live import LiveChanges, LiveUpdate
from coetracker.services.office import TargetNotEmptyUserError, copy_to, snapshot_backup
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage import backup as storage_backup
from coetracker.storage.engine import Database, create_database_engine, open_database
from coetracker.storage.models import AuditEvent
from tests.pgserver import PostgresServer


def _new_case(db: Database, n: int, actor: str = "tester") -> int:
    return cases.create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(family_name="TRAN", given_name=f"NO {n}"),
            organization=OrganizationInput(name="株式会社みどり"),
            reference=f"OF-{n}",
        ),
        actor=actor,
    )


def _poll_until(live: LiveChanges, today: dt.date, seconds: float = 2.0) -> LiveUpdate | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        update = live.poll(today)
        if update is not None:
            return update
        time.sleep(0.05)
    return None


def test_live_changes_name_the_cases_another_connection_changed(
    db: Database, today: dt.date
) -> None:
    first = _new_case(db, 1)
    live = LiveChanges(db)
    live.start()
    try:
        assert live.poll(today) is None  # nothing since the start
        second = _new_case(db, 2)
        update = _poll_until(live, today)
        assert update is not None
        assert {row.id for row in update.rows} == {second}
        assert first not in update.case_ids
        assert live.poll(today) is None  # reported once
    finally:
        live.close()


def test_a_rolled_back_write_is_not_announced(db: Database, today: dt.date) -> None:
    live = LiveChanges(db)
    live.start()
    try:
        with pytest.raises(RuntimeError), db.write_session() as session:
            session.add(AuditEvent(actor="x", action="create", entity="case", entity_id=1))
            session.flush()
            raise RuntimeError("the user's save failed half-way")
        assert _poll_until(live, today, seconds=0.5) is None
    finally:
        live.close()


def test_snapshot_backup_holds_every_row_and_passes_the_check(
    db: Database, today: dt.date, tmp_path: Path
) -> None:
    for n in range(3):
        _new_case(db, n)
    now = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
    made = snapshot_backup(db, tmp_path / "backups", now=now)
    info = storage_backup.verify_backup(made)
    assert info.ok and info.case_count == 3
    assert storage_backup.list_backups(tmp_path / "backups")[-1].path == made
    copy, _report = open_database(f"sqlite:///{made}", migrate_schema=False)
    try:
        with copy.read_session() as session, db.read_session() as original:
            events = select(AuditEvent.id, AuditEvent.actor, AuditEvent.entity_id)
            assert session.execute(events).all() == original.execute(events).all()
    finally:
        copy.dispose()


def test_copy_to_refuses_a_target_with_cases(db: Database, tmp_path: Path) -> None:
    _new_case(db, 1)
    target = tmp_path / "elsewhere" / "copy.sqlite3"
    assert copy_to(db, str(target)).cases == 1
    with pytest.raises(TargetNotEmptyUserError):
        copy_to(db, str(target))


@pytest.mark.sqlite_only
def test_server_errors_are_one_sentence(pg_server: PostgresServer, tmp_path: Path) -> None:
    missing = pg_server.url("no_such_database")
    with pytest.raises(Exception) as raised:
        open_database(missing)
    assert isinstance(classify_server_error(raised.value), ServerDatabaseMissingError)
    gone = f"postgresql+psycopg://staff@/office?host={tmp_path}"
    with pytest.raises(Exception) as raised:
        open_database(gone)
    classified = classify_server_error(raised.value)
    assert isinstance(classified, ServerUnreachableError)
    assert "office_" not in str(classified) and str(tmp_path) not in str(classified)


@pytest.mark.sqlite_only
def test_server_upgrade_is_taken_once_after_a_snapshot(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    import threading

    from alembic import command

    from coetracker.paths import resolve_paths
    from coetracker.services.opening import open_app_database
    from coetracker.storage import migrate

    url = pg_server.url(pg_server.create_database())
    engine = create_database_engine(url)
    with engine.connect() as connection, connection.begin():
        command.upgrade(migrate.alembic_config(connection), "0002_reference_data")
        # One case in that revision's own columns (today's models have columns it lacks).
        connection.execute(
            sa.text("INSERT INTO organization (id, name) VALUES (1, '株式会社みどり')")
        )
        connection.execute(
            sa.text(
                "INSERT INTO applicant (id, family_name, given_name) VALUES (1, 'TRAN', 'NO 1')"
            )
        )
        connection.execute(
            sa.text(
                'INSERT INTO "case" (id, reference, organization_id, applicant_id, stage, archived)'
                " VALUES (1, 'OF-1', 1, 1, 'preparing', false)"
            )
        )
    engine.dispose()

    paths = resolve_paths(data_dir=tmp_path / "data", db=url, environ={})
    reports = []

    def open_one() -> None:
        opened = open_app_database(paths)
        reports.append(opened.report)
        opened.database.dispose()

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(reports) == 3
    assert all(r.revision_after == migrate.head_revision() for r in reports)
    backups = [r.backup for r in reports if r.backup is not None]
    assert len(backups) == 1  # one app upgraded, after a snapshot; the others waited
    info = storage_backup.verify_backup(backups[0])
    assert info.ok and info.case_count == 1
    assert info.alembic_revisions == ("0002_reference_data",)


def test_server_settings_build_the_url() -> None:
    from coetracker.services.connection import ServerSettings

    tcp = ServerSettings(
        host="db.office.lan",
        port=5433,
        database="coe",
        user="staff",
        tls_mode="verify-full",
        ca_file="/etc/office-ca.pem",
    )
    url = tcp.url("s3cret")
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username, url.password) == (
        "db.office.lan",
        5433,
        "coe",
        "staff",
        "s3cret",
    )
    assert url.query == {"sslmode": "verify-full", "sslrootcert": "/etc/office-ca.pem"}
    assert "s3cret" not in url.render_as_string(hide_password=True)
    # Empty fields stay empty: libpq's PGSERVICE/PGHOST/.pgpass fill them in.
    bare = ServerSettings(host="", user="", database="coe", tls_mode="require").url()
    assert bare.host is None and bare.username is None and bare.password is None
    socket = ServerSettings(host="/run/postgresql", tls_mode="disable").url()
    assert socket.host is None and socket.query["host"] == "/run/postgresql"


@pytest.mark.sqlite_only
def test_test_connection_says_what_is_wrong_in_one_sentence(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    from coetracker.services.connection import ServerSettings, test_connection
    from tests.pgserver import SUPERUSER, TEMPLATE

    def settings(database: str, host: str | None = None) -> ServerSettings:
        return ServerSettings(
            host=host or str(pg_server.socket_dir),
            database=database,
            user=SUPERUSER,
            tls_mode="disable",
        )

    current = pg_server.create_database(template=TEMPLATE)
    ok, text = test_connection(settings(current), None)
    assert ok and text.render() == "Connected."
    ok, text = test_connection(settings(pg_server.create_database()), None)
    assert ok and "empty" in text.render()
    ok, text = test_connection(settings("nope"), None)
    assert not ok and "no database of that name" in text.render()
    ok, text = test_connection(settings(current, host=str(tmp_path)), None)
    assert not ok and "cannot be reached" in text.render()


@pytest.mark.sqlite_only
def test_automatic_backups_of_the_office_database_are_shared(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    from coetracker.paths import resolve_paths
    from coetracker.services.backups import AutoBackupPolicy
    from coetracker.services.office import last_office_backup
    from tests.pgserver import TEMPLATE

    url = pg_server.url(pg_server.create_database(template=TEMPLATE))
    here = resolve_paths(data_dir=tmp_path / "here", db=url, environ={})
    there = resolve_paths(data_dir=tmp_path / "there", db=url, environ={})
    db, _report = open_database(url)
    other, _report = open_database(url)
    try:
        _new_case(db, 1)
        now = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
        mine = AutoBackupPolicy(here, db, clock=lambda: now)
        theirs = AutoBackupPolicy(there, other, clock=lambda: now + dt.timedelta(minutes=5))
        made = mine.periodic()
        assert made is not None and storage_backup.verify_backup(made).case_count == 1
        assert last_office_backup(other) == now
        # Another computer's timer: someone backed up 5 minutes ago, so it does not.
        assert theirs.periodic() is None
        assert mine.periodic() is None  # nothing changed since
    finally:
        db.dispose()
        other.dispose()


def _documented_sql(block: int) -> str:
    """The ``block``-th ```sql block of docs/office-server.md."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "office-server.md").read_text("utf-8")
    return text.split("```sql\n")[block + 1].split("```")[0]


@pytest.mark.sqlite_only
def test_the_documented_roles_work_staff_writes_rows_but_no_ddl(
    pg_server: PostgresServer, tmp_path: Path, today: dt.date
) -> None:
    import subprocess

    from sqlalchemy import text

    from coetracker.server_errors import ServerPermissionError
    from tests.pgserver import SUPERUSER

    script = tmp_path / "roles.sql"
    script.write_text(_documented_sql(0), encoding="utf-8")
    done = subprocess.run(
        [
            *("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(pg_server.socket_dir)),
            *("-U", SUPERUSER, "-d", "postgres", "-f", str(script)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    owner, _report = open_database(pg_server.url("coetracker", user="coe_owner"))  # the tables
    owner.dispose()
    staff, _report = open_database(pg_server.url("coetracker", user="tanaka"))
    try:
        case_id = _new_case(staff, 1, actor="田中")
        detail = cases.get_case(staff, case_id, today=today)
        cases.update_case(
            staff,
            case_id,
            dataclasses.replace(detail.values, notes="電話済み"),
            expected_version=detail.version_id,
            actor="田中",
        )
        with staff.read_session() as session:
            actors = set(session.scalars(select(AuditEvent.actor)))
        assert actors == {"田中"}
        with pytest.raises(Exception) as raised, staff.engine.connect() as connection:
            connection.execute(text("CREATE TABLE sneaky (id integer)"))
        assert isinstance(classify_server_error(raised.value), ServerPermissionError)
        with pytest.raises(Exception) as raised, staff.engine.connect() as connection:
            connection.execute(text('DROP TABLE "case"'))
        assert isinstance(classify_server_error(raised.value), ServerPermissionError)
    finally:
        staff.dispose()


@pytest.mark.sqlite_only
def test_a_deadlock_is_busy_not_unreachable() -> None:
    import psycopg

    from coetracker.errors import DatabaseLockedError

    deadlock = psycopg.errors.DeadlockDetected("deadlock detected")
    assert isinstance(classify_server_error(deadlock), DatabaseLockedError)
    gone = psycopg.OperationalError("connection failed: No such file or directory")
    assert isinstance(classify_server_error(gone), ServerUnreachableError)

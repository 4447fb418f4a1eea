"""Several people saving the same cases at once never lose an update, on either back end.

Four processes each make 200 edits to the same three cases: read the case, wait a moment (the
user typing), append a token to its notes and save with the version read. A save refused as a
conflict is read again and retried, as a user does after the conflict dialog. At the end every
token is in the notes (no save overwrote another), collisions happened and were each reported
as a conflict, and the audit trail names the writer of every change.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coetracker.services import cases
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage.engine import Database
from coetracker.storage.models import AuditEvent

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
WRITERS = 4
EDITS = 200
CASES = 3

EDITOR = """
import dataclasses, json, sys, time
from coetracker.services import cases
from coetracker.services.errors import ConflictError
from coetracker.storage.engine import open_database

url, name, edits, ids = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
db, _ = open_database(url, migrate_schema=False)
print("ready", flush=True)
sys.stdin.readline()
conflicts = 0
for i in range(edits):
    case_id = ids[i % len(ids)]
    while True:
        detail = cases.get_case(db, case_id, today=__import__("datetime").date(2026, 11, 27))
        time.sleep(0.001)
        notes = (detail.values.notes or "") + f"{name}:{i};"
        data = dataclasses.replace(detail.values, notes=notes)
        try:
            cases.update_case(
                db, case_id, data, expected_version=detail.version_id, actor=name,
                expected_applicant_version=detail.applicant.version_id,
            )
            break
        except ConflictError:
            conflicts += 1
db.dispose()
print(json.dumps({"conflicts": conflicts}), flush=True)
"""


def test_four_writers_lose_no_update(db: Database, db_url: str) -> None:
    ids = [
        cases.create_case(
            db,
            CaseInput(
                applicant=ApplicantInput(family_name="SHARED", given_name=f"CASE {n}"),
                organization=OrganizationInput(name="株式会社共有"),
                reference=f"SH-{n}",
            ),
            actor="setup",
        )
        for n in range(CASES)
    ]
    names = [f"staff{n}" for n in range(WRITERS)]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", EDITOR, db_url, name, str(EDITS), json.dumps(ids)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    conflicts = 0
    for child in children:
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
        conflicts += json.loads(out.strip().splitlines()[-1])["conflicts"]

    import datetime as dt

    tokens: set[str] = set()
    for case_id in ids:
        notes = cases.get_case(db, case_id, today=dt.date(2026, 11, 27)).values.notes or ""
        found = [t for t in notes.split(";") if t]
        assert len(found) == len(set(found))  # nothing applied twice
        tokens.update(found)
    expected = {f"{name}:{i}" for name in names for i in range(EDITS)}
    assert tokens == expected  # every save is there: no lost update
    assert conflicts > 0  # the writers did collide, and each collision was a conflict
    with db.read_session() as session:
        by_actor = dict(
            session.execute(
                select(AuditEvent.actor, func.count())
                .where(AuditEvent.entity == "case", AuditEvent.field == "notes")
                .group_by(AuditEvent.actor)
            ).all()
        )
    assert by_actor == dict.fromkeys(names, EDITS)

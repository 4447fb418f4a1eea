"""Kill test: a process saving cases through the services is killed with SIGKILL at random
moments, 20 times, on the same database. Each case and its three document requests are one
transaction, and the child prints a case's id only after its commit. After every kill the
database passes ``integrity_check`` and ``foreign_key_check``, every acknowledged id is there,
and every case present has exactly three requests: nothing acknowledged is ever lost, nothing
is ever half-saved.

Run with ``pytest -s`` to see the counts."""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coetracker.services.opening import open_app_database
from tests.helpers.db import app_paths

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
KILLS = 20
CASES_PER_RUN = 1000
REQUESTS_PER_CASE = 3
SEED = 20261127

WRITER = """
import datetime as dt, sys
from coetracker.paths import resolve_paths
from coetracker.services.cases import create_case_in
from coetracker.services.documents import add_request_in
from coetracker.services.opening import open_app_database
from coetracker.services.records import (
    ApplicantInput, CaseInput, DocumentRequestInput, OrganizationInput,
)

paths = resolve_paths(data_dir=sys.argv[1], environ={})
run = int(sys.argv[2])
CASES, REQUESTS = int(sys.argv[3]), int(sys.argv[4])
db = open_app_database(paths).database
print("ready", flush=True)
notice = dt.date(2026, 11, 2)
for i in range(CASES):
    data = CaseInput(
        applicant=ApplicantInput(
            family_name="KILLTEST", given_name=f"RUN {run} NO {i}",
            passport_number=f"K{run:02d}{i:05d}",
        ),
        organization=OrganizationInput(name="株式会社さくら精工"),
        reference=f"K{run:02d}-{i:04d}",
        notes="x" * (i % 700),
    )
    with db.write_session() as session:
        case_id = create_case_in(session, data, actor="kill-test")
        for n in range(REQUESTS):
            add_request_in(
                session,
                case_id,
                DocumentRequestInput(
                    notice_date=notice,
                    deadline=notice + dt.timedelta(days=14),
                    requested_items=f"item {n} of case {i}",
                ),
                actor="kill-test",
            )
    print(case_id, flush=True)
"""


@dataclass
class Tally:
    kills: int = 0
    survived: int = 0
    acknowledged: int = 0
    lost: int = 0
    present: int = 0
    half_saved: int = 0
    delays: list[float] = field(default_factory=list)


def read_lines(stream: object, into: queue.Queue[str | None]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)
    into.put(None)


def run_and_kill(data_dir: Path, run: int, delay: float) -> set[int]:
    """Start a writer, kill it ``delay`` seconds after it is ready; return the acknowledged ids."""
    child = subprocess.Popen(
        [
            *(sys.executable, "-c", WRITER, str(data_dir), str(run)),
            *(str(CASES_PER_RUN), str(REQUESTS_PER_CASE)),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    lines: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=read_lines, args=(child.stdout, lines), daemon=True)
    reader.start()
    first = lines.get(timeout=60)
    assert first == "ready\n", (first, child.stderr.read() if child.stderr else "")
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    reader.join(timeout=30)
    stderr = child.stderr.read() if child.stderr else ""
    assert child.returncode == -signal.SIGKILL, (child.returncode, stderr)
    assert "Traceback" not in stderr, stderr
    acknowledged: set[int] = set()
    while (line := lines.get_nowait()) is not None:
        if line.endswith("\n"):  # a line cut by the kill was never fully acknowledged
            acknowledged.add(int(line))
    return acknowledged


def check_database(db_path: Path, acknowledged: set[int], tally: Tally) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = dict(
            conn.execute(
                'SELECT c.id, count(r.id) FROM "case" c '
                "LEFT JOIN document_request r ON r.case_id = c.id GROUP BY c.id"
            ).fetchall()
        )
    finally:
        conn.close()
    lost = acknowledged - counts.keys()
    half_saved = {case_id for case_id, n in counts.items() if n != REQUESTS_PER_CASE}
    tally.lost += len(lost)
    tally.half_saved += len(half_saved)
    tally.present = len(counts)
    assert not lost, f"acknowledged but lost: {sorted(lost)[:10]}"
    assert not half_saved, f"cases without exactly {REQUESTS_PER_CASE} requests: {half_saved}"


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_an_acknowledged_save(tmp_path: Path):
    paths = app_paths(tmp_path)
    assert paths.db_path is not None
    open_app_database(paths).database.dispose()  # created and migrated once, like a first start
    rng = random.Random(SEED)
    tally = Tally()
    everything: set[int] = set()
    started = time.monotonic()
    for run in range(KILLS):
        delay = rng.uniform(0.1, 1.5)
        tally.delays.append(delay)
        acknowledged = run_and_kill(paths.data_dir, run, delay)
        tally.kills += 1
        tally.acknowledged += len(acknowledged)
        everything |= acknowledged
        check_database(paths.db_path, everything, tally)
        tally.survived += 1
    elapsed = time.monotonic() - started
    print(
        f"\nkill test: {tally.kills} SIGKILLs, {tally.survived} survived with the database "
        f"intact; {tally.acknowledged} acknowledged saves, {tally.lost} lost; "
        f"{tally.present} cases present, {tally.half_saved} half-saved; {elapsed:.1f} s"
    )
    assert tally.survived == KILLS
    assert tally.lost == 0 and tally.half_saved == 0
    assert tally.acknowledged > 0  # the kills did land while saves were happening
    assert tally.present >= tally.acknowledged  # a commit may land just before its print

"""Synthetic databases of N cases for benchmarks, written in bulk (Core executemany)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy import insert, select

from coetracker.storage.engine import Database, open_database
from coetracker.storage.models import (
    Applicant,
    Bureau,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    ResidenceStatus,
    utcnow,
)

STAGES = [
    "preparing", "filed", "filed", "filed", "documents_requested", "documents_submitted",
    "issued", "sent", "visa_applied", "entered", "entered", "denied", "withdrawn",
]  # fmt: skip


def build_database(path: Path, cases: int, *, today: dt.date, seed: int = 7) -> Database:
    """A migrated database at ``path`` holding ``cases`` varied cases."""
    rng = random.Random(seed)
    database, _report = open_database(f"sqlite:///{path}")
    now = utcnow()
    stamp = {"created_at": now, "updated_at": now, "version_id": 1}
    with database.write_session() as session:
        bureaus = list(session.scalars(select(Bureau.id)))
        statuses = list(session.scalars(select(ResidenceStatus.id)))
        session.execute(
            insert(Organization),
            [
                {"name": f"株式会社テスト{i:04d}", "prefecture": "東京都", **stamp}
                for i in range(300)
            ],
        )
        session.execute(
            insert(Applicant),
            [
                {
                    "family_name": f"NGUYEN{i}",
                    "given_name": "VAN AN",
                    "name_kana": "グエン・ヴァン・アン",
                    "name_kanji": None if i % 3 else "王小明",
                    "nationality_code": "VN",
                    "birth_date": dt.date(1990, 1, 1) + dt.timedelta(days=i % 4000),
                    **stamp,
                }
                for i in range(cases)
            ],
        )
        rows = []
        for i in range(cases):
            stage = STAGES[i % len(STAGES)]
            filed = today - dt.timedelta(days=rng.randint(1, 200)) if stage != "preparing" else None
            issued = (
                filed + dt.timedelta(days=60)
                if filed and stage in ("issued", "sent", "visa_applied", "entered")
                else None
            )
            rows.append(
                {
                    "reference": f"R{i:07d}",
                    "organization_id": 1 + i % 300,
                    "applicant_id": 1 + i,
                    "residence_status_id": rng.choice(statuses),
                    "bureau_id": rng.choice(bureaus),
                    "channel": "counter" if i % 4 else "online",
                    "filing_date": filed,
                    "application_number": f"東就認T{i:07d}" if filed and i % 50 else None,
                    "planned_entry_date": today + dt.timedelta(days=rng.randint(-30, 200)),
                    "stage": stage,
                    "coe_issued_date": issued,
                    "archived": False,
                    **stamp,
                }
            )
        session.execute(insert(Case), rows)
        session.execute(
            insert(Inquiry),
            [
                {
                    "case_id": 1 + i,
                    "made_at": dt.datetime.combine(today, dt.time(10))
                    - dt.timedelta(days=rng.randint(1, 90)),
                    "channel": "phone",
                    "imported": False,
                    **stamp,
                }
                for i in range(0, cases, 2)
            ],
        )
        session.execute(
            insert(DocumentRequest),
            [
                {
                    "case_id": 1 + i,
                    "notice_date": today - dt.timedelta(days=10),
                    "deadline": today + dt.timedelta(days=rng.randint(-5, 10)),
                    "submitted_on": None if i % 3 else today - dt.timedelta(days=2),
                    "imported": False,
                    **stamp,
                }
                for i in range(4, cases, len(STAGES))
            ],
        )
    return database

"""The readiness rules (DESIGN.md §5), scenario by scenario, with exact dates, numbers and text.

Every scenario was worked out by hand from the design's rules and the 2025–2026 Japanese holiday
calendar; together they produce every message the rules can build, which a test checks against
the QT_TRANSLATE_NOOP literals in the source.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from string import Formatter

import pytest

from coetracker.domain import readiness
from coetracker.domain.messages import Message
from coetracker.domain.model import (
    Assessment,
    Benchmark,
    CaseFacts,
    DocumentRequestFacts,
    FilingChannel,
    InquiryChannel,
    InquiryFacts,
    InquiryPolicy,
    InquiryReason,
    Level,
    OutcomeCode,
    Policy,
    Stage,
)
from coetracker.domain.procedures import Procedure
from coetracker.domain.readiness import assess, assess_many, effective_deadline

D = dt.date
TODAY = D(2026, 4, 1)  # a Wednesday
POLICY = Policy()
# The largest of the three latest months (11/2025) is used; the newest month is 1/2026.
TOKUTEI = Benchmark("特定技能1号", 75.1, "2025-11", newest_period="2026-01")
BUREAU = "大阪出入国在留管理局"


def filed(**changes: object) -> CaseFacts:
    """A complete counter filing of 2025-12-20 (102 days before TODAY; ready from 2026-03-23)."""
    base = CaseFacts(
        stage=Stage.FILED,
        channel=FilingChannel.COUNTER,
        filing_date=D(2025, 12, 20),
        application_number="阪永認T12-345",
        bureau_name=BUREAU,
        inquiry_policy=InquiryPolicy.SPECIFIC_MATTERS,
        status_name="特定技能1号",
        benchmark=TOKUTEI,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def requested(*requests: DocumentRequestFacts, **changes: object) -> CaseFacts:
    return filed(stage=Stage.DOCUMENTS_REQUESTED, document_requests=requests, **changes)


def issued(on: dt.date | None, stage: Stage = Stage.ISSUED, **changes: object) -> CaseFacts:
    return filed(stage=stage, coe_issued_date=on, **changes)


def phone(on: dt.date) -> InquiryFacts:
    return InquiryFacts(on, InquiryChannel.PHONE)


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A case, the day it is assessed, and everything the assessment must say."""

    id: str
    facts: CaseFacts
    level: Level
    headline: str
    action: str  # the start of the rendered action
    today: dt.date = TODAY
    next_check: dt.date | None = None
    changes_on: dt.date | None = None
    deadline: dt.date | None = None
    business_days_left: int | None = None
    coe_expiry: dt.date | None = None
    reasons: tuple[str, ...] = ()  # rendered reasons that must be present, exactly


CONTACT_ACTION = (
    "Contact the review department on the receipt slip, with the application number, filing date"
    " and applicant's name, about one matter only: "
)
RESULT_SENT = "whether the result has been sent. Progress and timing are not answered"
WAIT_ACTION = "Nothing to do yet; results and document requests arrive by post or e-mail"

SCENARIOS = [
    # --- rule 7: benchmark, urgency, cool-downs ---------------------------------------------
    Scenario(
        "filed yesterday: waiting until filing + ceil(75.1 × 1.2) = 91 days",
        filed(filing_date=D(2026, 3, 31)),
        Level.WAITING,
        "Waiting until 2026-06-30 (90 days)",
        WAIT_ACTION,
        next_check=D(2026, 6, 30),
        changes_on=D(2026, 6, 30),
        reasons=(
            "No document request",
            "Application number, filing date, bureau and applicant name recorded",
            "The bureau answers questions about a specific matter only (documents arrived, result"
            " sent, a near start date); it does not answer questions about progress or timing",
            "Filed 2026-03-31, 1 days ago; average for 特定技能1号 is 75.1 days (11/2025) × 1.2"
            " = 91 days → ready from 2026-06-30",
            "No planned entry date: no urgency",
            "No inquiry logged",
        ),
    ),
    Scenario(
        "the brief's example: filed 81 days ago, 91 days → 2026-04-11 (Sat), ready from Mon 04-13",
        filed(filing_date=D(2026, 1, 10)),
        Level.WAITING,
        "Waiting until 2026-04-13 (12 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 13),  # 04-11 is a Saturday: the next open day
        changes_on=D(2026, 4, 13),
        reasons=(
            "Filed 2026-01-10, 81 days ago; average for 特定技能1号 is 75.1 days (11/2025) × 1.2"
            " = 91 days → ready from 2026-04-13",
        ),
    ),
    Scenario(
        "average exceeded: ready, ask the department whether the result has been sent",
        filed(),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "Filed 2025-12-20, 102 days ago; average for 特定技能1号 is 75.1 days (11/2025) × 1.2"
            " = 91 days → ready from 2026-03-23",
        ),
    ),
    Scenario(
        "exceeded but asked by phone 10 days ago: waiting for the 21-day cool-down",
        filed(
            inquiries=(
                InquiryFacts(D(2026, 2, 1), reason=InquiryReason.DOCUMENTS_ARRIVED),
                phone(D(2026, 3, 22)),
            )
        ),
        Level.WAITING,
        "Waiting until 2026-04-13 (12 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 13),  # 04-12 is a Sunday
        changes_on=D(2026, 4, 13),
        reasons=(
            "Last inquiry 2026-03-22 + 21 days' cool-down → no new inquiry before 2026-04-13",
        ),
    ),
    Scenario(
        "a second answered inquiry with no new reason doubles the pause; Golden Week is skipped",
        filed(inquiries=(phone(D(2026, 2, 1)), phone(D(2026, 3, 22)))),
        Level.WAITING,
        "Waiting until 2026-05-07 (36 days)",  # 03-22 + 42 = 05-03 (Sun), 05-04..06 holidays
        WAIT_ACTION,
        next_check=D(2026, 5, 7),
        changes_on=D(2026, 5, 7),
        reasons=(
            "Last answered inquiry 2026-03-22 gave no new reason since the one on 2026-02-01:"
            " 42 days' pause (doubled) → no new inquiry before 2026-05-07",
        ),
    ),
    Scenario(
        "a deadline on a Sunday: the last counter day is the Friday before",
        requested(DocumentRequestFacts(D(2026, 3, 20), D(2026, 4, 12))),
        Level.DOCS_DUE,
        "Documents due 2026-04-12: 7 business days left",
        "Submit the requested documents by 2026-04-10, the last counter day before the deadline"
        " 2026-04-12 (a closed day)",
        deadline=D(2026, 4, 12),
        business_days_left=7,
        changes_on=D(2026, 4, 7),
        reasons=(
            "The deadline 2026-04-12 falls on a day the bureau is closed: the last counter day is"
            " 2026-04-10",
        ),
    ),
    Scenario(
        "figures older than four months: the reasons say so",
        filed(benchmark=Benchmark("特定技能1号", 75.1, "2025-11")),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "The newest processing time for 特定技能1号 is for 11/2025, more than 4 months ago:"
            " add the newer months in Settings (the date above may be too early or too late)",
        ),
    ),
    Scenario(
        "quarterly figures read as months, and 4–6/2024 is stale",
        filed(benchmark=Benchmark("特定技能1号", 75.1, "2024-Q2")),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "Filed 2025-12-20, 102 days ago; average for 特定技能1号 is 75.1 days (4–6/2024) × 1.2"
            " = 91 days → ready from 2026-03-23",
        ),
    ),
    Scenario(
        "a call that did not get through (つながらず) starts no pause",
        filed(inquiries=(InquiryFacts(D(2026, 3, 31), outcome=OutcomeCode.NOT_REACHED),)),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "No inquiry that reached the bureau",
            "Calls that did not get through and calls from the bureau: 1; they start no pause",
        ),
    ),
    Scenario(
        "an incoming call from the bureau starts no pause",
        filed(inquiries=(InquiryFacts(D(2026, 3, 31), reason=InquiryReason.INCOMING),)),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + RESULT_SENT,
    ),
    Scenario(
        "an imported 最終問合せ日 (outcome unknown) counts as answered",
        filed(inquiries=(InquiryFacts(D(2026, 3, 31)),)),
        Level.WAITING,
        "Waiting until 2026-04-21 (20 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 21),
        changes_on=D(2026, 4, 21),
    ),
    Scenario(
        "an inquiry's follow-up date is the earliest next check",
        filed(
            inquiries=(
                InquiryFacts(
                    D(2026, 3, 2), outcome=OutcomeCode.UNDER_REVIEW, follow_up=D(2026, 4, 15)
                ),
            )
        ),
        Level.WAITING,
        "Waiting until 2026-04-15 (14 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 15),
        changes_on=D(2026, 4, 15),
        reasons=(
            "Last inquiry 2026-03-02 + 21 days' cool-down → no new inquiry before 2026-03-23",
            "The inquiry of 2026-03-02 set a follow-up date: no new inquiry before 2026-04-15",
        ),
    ),
    Scenario(
        "documents submitted: the check asks whether they arrived",
        filed(
            stage=Stage.DOCUMENTS_SUBMITTED,
            document_requests=(
                DocumentRequestFacts(D(2026, 2, 20), D(2026, 3, 6), submitted_on=D(2026, 3, 5)),
            ),
        ),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + "whether the documents submitted on 2026-03-05 have arrived. Progress"
        " and timing are not answered",
    ),
    Scenario(
        # Submitted 03-05; on 03-09 the bureau confirmed they arrived (資料到着確認): an answered
        # inquiry, so 03-09 + 21 = 03-30 (Mon) ends the pause; the next matter is the result.
        "資料到着確認 settles the documents: pause from it, the next check asks about the result",
        filed(
            stage=Stage.DOCUMENTS_SUBMITTED,
            document_requests=(
                DocumentRequestFacts(D(2026, 2, 20), D(2026, 3, 6), submitted_on=D(2026, 3, 5)),
            ),
            inquiries=(
                InquiryFacts(
                    D(2026, 3, 9),
                    InquiryChannel.PHONE,
                    OutcomeCode.DOCUMENTS_ARRIVED,
                    InquiryReason.DOCUMENTS_ARRIVED,
                ),
            ),
        ),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "The bureau confirmed on 2026-03-09 that the documents submitted on 2026-03-05"
            " arrived (資料到着確認): that matter is settled",
            "Last inquiry 2026-03-09 + 21 days' cool-down → no new inquiry before 2026-03-30",
        ),
    ),
    Scenario(
        "資料到着確認 of 03-20 starts the 21-day pause: waiting until 04-10",
        filed(
            stage=Stage.DOCUMENTS_SUBMITTED,
            document_requests=(
                DocumentRequestFacts(D(2026, 2, 20), D(2026, 3, 6), submitted_on=D(2026, 3, 5)),
            ),
            inquiries=(
                InquiryFacts(D(2026, 3, 20), InquiryChannel.PHONE, OutcomeCode.DOCUMENTS_ARRIVED),
            ),
        ),
        Level.WAITING,
        "Waiting until 2026-04-10 (9 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 10),
        changes_on=D(2026, 4, 10),
    ),
    Scenario(
        "a 資料到着確認 before the latest submission does not settle the new documents",
        filed(
            stage=Stage.DOCUMENTS_SUBMITTED,
            document_requests=(
                DocumentRequestFacts(D(2026, 2, 1), D(2026, 2, 14), submitted_on=D(2026, 2, 10)),
                DocumentRequestFacts(D(2026, 2, 20), D(2026, 3, 6), submitted_on=D(2026, 3, 5)),
            ),
            inquiries=(
                InquiryFacts(D(2026, 2, 16), InquiryChannel.PHONE, OutcomeCode.DOCUMENTS_ARRIVED),
            ),
        ),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + "whether the documents submitted on 2026-03-05 have arrived.",
    ),
    # --- extension of stay / change of status: their own procedure's figures -----------------
    Scenario(
        # ceil(38.6 × 1.2) = 47 days: 2026-02-02 + 47 = 03-21 (Sat) → ready from Mon 03-23.
        "extension of stay: the status's own 更新 figure",
        filed(
            procedure=Procedure.RENEWAL,
            filing_date=D(2026, 2, 2),
            benchmark=Benchmark(
                "特定技能1号", 38.6, "2025-11", newest_period="2025-12", procedure=Procedure.RENEWAL
            ),
        ),
        Level.READY,
        "Ready for a status check: filed 58 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "Filed 2026-02-02, 58 days ago; average for 特定技能1号 (Extension of period of stay)"
            " is 38.6 days (11/2025) × 1.2 = 47 days → ready from 2026-03-23",
        ),
    ),
    Scenario(
        # ceil(35.2 × 1.2) = 43 days: 2026-02-02 + 43 = 03-17 (Tue).
        "change of status without its own figure: the procedure's average across statuses",
        filed(
            procedure=Procedure.CHANGE,
            filing_date=D(2026, 2, 2),
            benchmark=Benchmark(
                "", 35.2, "2025-12", newest_period="2025-12", procedure=Procedure.CHANGE, statuses=6
            ),
        ),
        Level.READY,
        "Ready for a status check: filed 58 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "Filed 2026-02-02, 58 days ago; no published figure for 特定技能1号 (Change of status):"
            " the average across 6 statuses is 35.2 days (12/2025) × 1.2 = 43 days → ready from"
            " 2026-03-17",
        ),
    ),
    Scenario(
        # No figure at all: the value in Settings (90 here): 2025-12-20 + 108 = 2026-04-07 (Tue).
        "extension of stay with no figure at all: the value in Settings, and it says so",
        filed(procedure=Procedure.RENEWAL, benchmark=None),
        Level.WAITING,
        "Waiting until 2026-04-07 (6 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 7),
        changes_on=D(2026, 4, 7),
        reasons=(
            "Filed 2025-12-20, 102 days ago; no published figure for Extension of period of stay,"
            " using the value in Settings, 90 days × 1.2 = 108 days → ready from 2026-04-07",
        ),
    ),
    Scenario(
        "a planned entry that has passed while the case waits is a reason of its own",
        filed(planned_entry_date=D(2026, 3, 25)),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION,
        reasons=("Planned entry 2026-03-25 has passed — agree a new date with the client",),
    ),
    Scenario(
        "an e-mail inquiry starts the cool-down too",
        filed(inquiries=(InquiryFacts(D(2026, 3, 31), InquiryChannel.EMAIL),)),
        Level.WAITING,
        "Waiting until 2026-04-21 (20 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 21),
        changes_on=D(2026, 4, 21),
    ),
    Scenario(
        "online filing, ready: check the online system; a logged online check starts no cool-down",
        filed(
            channel=FilingChannel.ONLINE,
            inquiries=(
                InquiryFacts(D(2026, 3, 20), InquiryChannel.ONLINE_SYSTEM),
                InquiryFacts(D(2026, 3, 31), InquiryChannel.ONLINE_SYSTEM),
            ),
        ),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        "Check the online system first (free, not counted as an inquiry); if it does not settle"
        " it, ask the review department about one matter only: " + RESULT_SENT,
        reasons=(
            "No inquiry that reached the bureau",
            "Online-system checks logged: 2, the last on 2026-03-31; they cost the examiners"
            " nothing and start no cool-down",
        ),
    ),
    Scenario(
        "online filing, waiting: the online system shows the progress",
        filed(channel=FilingChannel.ONLINE, filing_date=D(2026, 3, 1)),
        Level.WAITING,
        "Waiting until 2026-06-01 (61 days)",
        "Nothing to do yet; the online system shows the progress and any document request",
        next_check=D(2026, 6, 1),  # 05-31 is a Sunday
        changes_on=D(2026, 6, 1),
    ),
    Scenario(
        "counter-only bureau, ready: visit the counter",
        filed(inquiry_policy=InquiryPolicy.COUNTER_ONLY),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        "At the bureau's counter, with the application number, filing date and applicant's name,"
        " ask about one matter only: " + RESULT_SENT,
        reasons=(
            "The bureau answers questions about a specific matter at the counter only; it does"
            " not answer questions about progress or timing",
        ),
    ),
    Scenario(
        "no inquiry policy recorded: specific matters only is assumed",
        filed(inquiry_policy=None),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "No inquiry policy recorded for the bureau: assuming questions about a specific"
            " matter only, as ISA asks",
        ),
    ),
    Scenario(
        "planned entry in 20 days, 64 of 75.1 days (85 %) elapsed: ready, urgent",
        filed(filing_date=D(2026, 1, 27), planned_entry_date=D(2026, 4, 21)),
        Level.READY,
        "Ready for a status check: the planned entry 2026-04-21 is near",
        CONTACT_ACTION + "the start date 2026-04-21 that is near (ask whether a result can be"
        " expected before it)",
        reasons=(
            "Filed 2026-01-27, 64 days ago; average for 特定技能1号 is 75.1 days (11/2025) × 1.2"
            " = 91 days → ready from 2026-04-28",
            "Planned entry 2026-04-21: a check is justified from 2026-03-30, the later of 61"
            " days after filing (× 0.8) and 45 days before entry",
        ),
        changes_on=D(2026, 4, 28),  # ready from then: the texts change
    ),
    Scenario(
        "urgent, online filing",
        filed(
            channel=FilingChannel.ONLINE,
            filing_date=D(2026, 1, 27),
            planned_entry_date=D(2026, 4, 21),
        ),
        Level.READY,
        "Ready for a status check: the planned entry 2026-04-21 is near",
        "Check the online system first (free, not counted as an inquiry); if it does not settle"
        " it, ask the review department about one matter only: the start date 2026-04-21",
        changes_on=D(2026, 4, 28),  # ready from then: the texts change
    ),
    Scenario(
        "urgent, counter-only bureau",
        filed(
            inquiry_policy=InquiryPolicy.COUNTER_ONLY,
            filing_date=D(2026, 1, 27),
            planned_entry_date=D(2026, 4, 21),
        ),
        Level.READY,
        "Ready for a status check: the planned entry 2026-04-21 is near",
        "At the bureau's counter, with the application number, filing date and applicant's name,"
        " ask about one matter only: the start date 2026-04-21",
        changes_on=D(2026, 4, 28),  # ready from then: the texts change
    ),
    Scenario(
        "planned entry 50 days away: urgent from 45 days before it (later than filing + 61)",
        filed(filing_date=D(2026, 1, 27), planned_entry_date=D(2026, 5, 21)),
        Level.WAITING,
        "Waiting until 2026-04-06 (5 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 6),
        changes_on=D(2026, 4, 6),
    ),
    Scenario(
        "planned entry months away: the average decides, urgency does not delay",
        filed(planned_entry_date=D(2026, 12, 1)),
        Level.READY,
        "Ready for a status check: filed 102 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "Planned entry 2026-12-01: a check is justified from 2026-10-19, the later of 61"
            " days after filing (× 0.8) and 45 days before entry",
        ),
    ),
    Scenario(
        "no published figure: 90 days × 1.2 = 108",
        filed(benchmark=None),
        Level.WAITING,
        "Waiting until 2026-04-07 (6 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 7),
        changes_on=D(2026, 4, 7),
        reasons=(
            "Filed 2025-12-20, 102 days ago; no published figure for 特定技能1号, using 90 days"
            " × 1.2 = 108 days → ready from 2026-04-07",
        ),
    ),
    Scenario(
        "no status of residence and no figure",
        filed(benchmark=None, status_name=None, filing_date=D(2025, 12, 1)),
        Level.READY,
        "Ready for a status check: filed 121 days ago",
        CONTACT_ACTION + RESULT_SENT,
        reasons=(
            "Filed 2025-12-01, 121 days ago; no status of residence recorded, no published"
            " figure, using 90 days × 1.2 = 108 days → ready from 2026-03-19",
        ),
    ),
    Scenario(
        "documents sent 5 days ago: waiting for the 14-day cool-down",
        filed(
            stage=Stage.DOCUMENTS_SUBMITTED,
            filing_date=D(2025, 11, 1),
            document_requests=(
                DocumentRequestFacts(D(2026, 3, 1), D(2026, 3, 15), submitted_on=D(2026, 3, 27)),
            ),
        ),
        Level.WAITING,
        "Waiting until 2026-04-10 (9 days)",
        WAIT_ACTION,
        next_check=D(2026, 4, 10),
        changes_on=D(2026, 4, 10),
        reasons=(
            "Every document request has been answered",
            "Documents submitted 2026-03-27 + 14 days' cool-down → no inquiry before 2026-04-10",
        ),
    ),
    # --- rule 6: the bureau takes no progress inquiries --------------------------------------
    Scenario(
        "bureau takes no progress inquiries: waiting, no next check",
        filed(inquiry_policy=InquiryPolicy.NO_PROGRESS_INQUIRIES),
        Level.WAITING,
        f"Waiting for the result: {BUREAU} takes no progress inquiries",
        "Wait for the result by post or e-mail; contact the department only about a specific"
        " matter",
        reasons=(
            f"{BUREAU} takes no progress inquiries: results and document requests arrive by post"
            " or e-mail",
        ),
    ),
    Scenario(
        "no progress inquiries, online filing: the online system",
        filed(inquiry_policy=InquiryPolicy.NO_PROGRESS_INQUIRIES, channel=FilingChannel.ONLINE),
        Level.WAITING,
        f"Waiting for the result: {BUREAU} takes no progress inquiries",
        "Check the online system for the status; the result comes by e-mail or post",
    ),
    # --- rule 5: identifiers -----------------------------------------------------------------
    Scenario(
        "no application number",
        filed(application_number=None),
        Level.MISSING_INFO,
        "Application number missing",
        "Enter the application number from the receipt slip (or the online system's e-mail)",
        reasons=(
            "Application number missing",
            "Filing date recorded",
            "Bureau recorded",
            "Applicant name recorded",
        ),
    ),
    Scenario(
        "a blank application number is missing too",
        filed(application_number="  "),
        Level.MISSING_INFO,
        "Application number missing",
        "Enter the application number",
    ),
    Scenario(
        "no filing date",
        filed(filing_date=None),
        Level.MISSING_INFO,
        "Filing date missing",
        "Enter the filing date from the receipt slip",
        reasons=("Application number recorded",),
    ),
    Scenario(
        "no bureau",
        filed(bureau_name=""),
        Level.MISSING_INFO,
        "Bureau missing",
        "Choose the bureau the application was filed with",
    ),
    Scenario(
        "no applicant name",
        filed(applicant_name_present=False),
        Level.MISSING_INFO,
        "Applicant name missing",
        "Enter the applicant's name as in the passport",
    ),
    Scenario(
        "two identifiers missing: both named in the reasons",
        filed(application_number=None, bureau_name=None),
        Level.MISSING_INFO,
        "Missing information: 2 identifiers",
        "Enter the missing identifiers listed below: nobody can inquire without them",
        reasons=("Application number missing", "Bureau missing", "Filing date recorded"),
    ),
    # --- rule 4: document requests -----------------------------------------------------------
    Scenario(
        "open request due after Golden Week: 4 business days left (4/30, 5/1, 5/7, 5/8)",
        requested(DocumentRequestFacts(D(2026, 4, 24), D(2026, 5, 8))),
        Level.DOCS_DUE,
        "Documents due 2026-05-08: 4 business days left",
        "Submit the requested documents by 2026-05-08; if you cannot, agree a new date with the"
        " examiner before then",
        today=D(2026, 4, 28),
        changes_on=D(2026, 4, 30),
        deadline=D(2026, 5, 8),
        business_days_left=4,
        reasons=(
            "Open document request: deadline 2026-05-08 as printed",
            "4 business days left until 2026-05-08; due soon from 2026-04-30",
        ),
    ),
    Scenario(
        "open request due 5/7: 3 business days left across 昭和の日 and 5/2–5/6: due soon",
        requested(DocumentRequestFacts(D(2026, 4, 24), D(2026, 5, 7))),
        Level.DOCS_DUE,
        "Documents due soon: 2026-05-07, 3 business days left",
        "Submit the requested documents by 2026-05-07",
        today=D(2026, 4, 28),
        changes_on=D(2026, 5, 8),
        deadline=D(2026, 5, 7),
        business_days_left=3,
        reasons=("3 business days left until 2026-05-07: due soon (within 3)",),
    ),
    Scenario(
        "deadline today: still due, 0 business days left, overdue tomorrow",
        requested(DocumentRequestFacts(D(2026, 3, 18), D(2026, 4, 1))),
        Level.DOCS_DUE,
        "Documents due soon: 2026-04-01, 0 business days left",
        "Submit the requested documents by 2026-04-01",
        changes_on=D(2026, 4, 2),
        deadline=D(2026, 4, 1),
        business_days_left=0,
    ),
    Scenario(
        "open request across the year end: 12/26, 1/5, 1/6, 1/7 left",
        requested(DocumentRequestFacts(D(2025, 12, 22), D(2026, 1, 7))),
        Level.DOCS_DUE,
        "Documents due 2026-01-07: 4 business days left",
        "Submit the requested documents by 2026-01-07",
        today=D(2025, 12, 25),
        changes_on=D(2025, 12, 26),
        deadline=D(2026, 1, 7),
        business_days_left=4,
    ),
    Scenario(
        "the next day, 3 left: due soon until the day after the deadline",
        requested(DocumentRequestFacts(D(2025, 12, 22), D(2026, 1, 7))),
        Level.DOCS_DUE,
        "Documents due soon: 2026-01-07, 3 business days left",
        "Submit the requested documents by 2026-01-07",
        today=D(2025, 12, 26),
        changes_on=D(2026, 1, 8),
        deadline=D(2026, 1, 7),
        business_days_left=3,
    ),
    Scenario(
        "online filing: submit online (追完)",
        requested(
            DocumentRequestFacts(D(2026, 4, 24), D(2026, 5, 8)), channel=FilingChannel.ONLINE
        ),
        Level.DOCS_DUE,
        "Documents due 2026-05-08: 4 business days left",
        "Submit the requested documents online (追完) by 2026-05-08",
        today=D(2026, 4, 28),
        changes_on=D(2026, 4, 30),
        deadline=D(2026, 5, 8),
        business_days_left=4,
    ),
    Scenario(
        "no deadline printed: notice + 14 days",
        requested(DocumentRequestFacts(D(2026, 3, 25), None)),
        Level.DOCS_DUE,
        "Documents due 2026-04-08: 5 business days left",
        "Submit the requested documents by 2026-04-08",
        changes_on=D(2026, 4, 3),
        deadline=D(2026, 4, 8),
        business_days_left=5,
        reasons=(
            "Open document request: no deadline printed; notice of 2026-03-25 + 14 days →"
            " 2026-04-08",
        ),
    ),
    Scenario(
        "neither deadline nor notice date: due, no date",
        requested(DocumentRequestFacts(None, None)),
        Level.DOCS_DUE,
        "Documents requested: no deadline recorded",
        "Enter the deadline printed on the notice, and submit the documents by then",
        reasons=("Open document request: no deadline or notice date recorded",),
    ),
    Scenario(
        "past its extended deadline: overdue",
        requested(DocumentRequestFacts(D(2026, 2, 24), D(2026, 3, 10), D(2026, 3, 24))),
        Level.DOCS_OVERDUE,
        "Documents overdue: the deadline was 2026-03-24",
        "Contact the examiner named on the notice today, agree a new date and submit the documents",
        deadline=D(2026, 3, 24),
        business_days_left=-6,
        reasons=(
            "Open document request: deadline extended from 2026-03-10 to 2026-03-24",
            "Deadline 2026-03-24 passed 8 days ago",
        ),
    ),
    Scenario(
        "printed deadline passed, extension not: due",
        requested(DocumentRequestFacts(D(2026, 3, 6), D(2026, 3, 20), D(2026, 4, 10))),
        Level.DOCS_DUE,
        "Documents due 2026-04-10: 7 business days left",
        "Submit the requested documents by 2026-04-10",
        changes_on=D(2026, 4, 7),
        deadline=D(2026, 4, 10),
        business_days_left=7,
    ),
    Scenario(
        "overdue online filing, extension without a printed deadline",
        requested(
            DocumentRequestFacts(D(2026, 3, 1), None, D(2026, 3, 31)), channel=FilingChannel.ONLINE
        ),
        Level.DOCS_OVERDUE,
        "Documents overdue: the deadline was 2026-03-31",
        "Contact the examiner named on the notice today, agree a new date and submit the"
        " documents online (追完)",
        deadline=D(2026, 3, 31),
        business_days_left=-1,
        reasons=("Open document request: deadline extended to 2026-03-31",),
    ),
    Scenario(
        "one answered, one open: the open one decides, even with identifiers missing",
        requested(
            DocumentRequestFacts(D(2026, 2, 1), D(2026, 2, 15), submitted_on=D(2026, 2, 10)),
            DocumentRequestFacts(D(2026, 3, 30), D(2026, 4, 13)),
            application_number=None,
        ),
        Level.DOCS_DUE,
        "Documents due 2026-04-13: 8 business days left",
        "Submit the requested documents by 2026-04-13",
        changes_on=D(2026, 4, 8),
        deadline=D(2026, 4, 13),
        business_days_left=8,
    ),
    # --- rule 3: issued, sent, visa applied --------------------------------------------------
    Scenario(
        "issued 2 months ago, not entered: expires in 30 days",
        issued(D(2026, 2, 1)),
        Level.COE_EXPIRING,
        "Certificate expires 2026-05-01: 30 days left",
        "Forward the certificate to the applicant now: visa and landing must both be done by"
        " 2026-05-01",
        changes_on=D(2026, 5, 2),
        coe_expiry=D(2026, 5, 1),
        reasons=(
            "Issued 2026-02-01; valid 3 months → expires 2026-05-01",
            "30 days left: within the 30-day warning window",
        ),
    ),
    Scenario(
        "issued 10 days ago: valid, 82 days left",
        issued(D(2026, 3, 22)),
        Level.ISSUED,
        "Certificate valid until 2026-06-22 (82 days left)",
        "Forward the certificate to the applicant (paper by post, or the e-mail as received)"
        " before 2026-06-22",
        changes_on=D(2026, 5, 23),
        coe_expiry=D(2026, 6, 22),
        reasons=(
            "No planned entry date recorded",
            "82 days left; the 30-day warning window opens on 2026-05-23",
        ),
    ),
    Scenario(
        "electronic certificate: forward the e-mail by expiry 2026-06-22 - 5 working days",
        issued(D(2026, 3, 22), coe_delivery="email"),
        Level.ISSUED,
        "Certificate valid until 2026-06-22 (82 days left)",
        "Forward the e-mail with the electronic certificate to the applicant now, at the latest"
        " by 2026-06-15; the"
        " applicant must register receipt (受領登録) through its URL before applying for the visa"
        " (about 5 working days), then record the registration here; landing by 2026-06-22",
        changes_on=D(2026, 5, 23),
        coe_expiry=D(2026, 6, 22),
        reasons=(
            "Electronic certificate: receipt not registered (受領登録) yet; it cannot be used for"
            " the visa or at landing until the applicant registers it",
        ),
    ),
    Scenario(
        # Entry 2026-05-07; 5/6 (substitute holiday), 5/5, 5/4, 5/3, 5/2 closed; 5/1, 4/30 open;
        # 4/29 (昭和の日) closed; 4/28, 4/27, 4/24 open: the 5th working day back is 4/24.
        "electronic certificate: send-by counts working days back from the planned entry",
        issued(D(2026, 3, 22), coe_delivery="email", planned_entry_date=D(2026, 5, 7)),
        Level.ISSUED,
        "Certificate valid until 2026-06-22 (82 days left)",
        "Forward the e-mail with the electronic certificate to the applicant now, at the latest by"
        " 2026-04-24;",
        changes_on=D(2026, 5, 23),
        coe_expiry=D(2026, 6, 22),
    ),
    Scenario(
        "electronic certificate, receipt registered: record it as sent",
        issued(D(2026, 3, 22), coe_delivery="email", coe_receipt_registered_on=D(2026, 3, 25)),
        Level.ISSUED,
        "Certificate valid until 2026-06-22 (82 days left)",
        "The applicant registered receipt (受領登録) on 2026-03-25: record the certificate as"
        " sent; the visa takes about 5 working days, landing by 2026-06-22",
        changes_on=D(2026, 5, 23),
        coe_expiry=D(2026, 6, 22),
        reasons=(
            "Electronic certificate: the applicant registered receipt (受領登録) on 2026-03-25",
        ),
    ),
    Scenario(
        "electronic certificate sent, receipt not registered: the visa cannot be applied for",
        issued(D(2026, 3, 22), Stage.SENT, coe_delivery="email"),
        Level.ISSUED,
        "Certificate valid until 2026-06-22 (82 days left)",
        "Make sure the applicant registers receipt (受領登録) through the e-mailed URL before"
        " applying for the visa, and record it here; visa (about 5 working days) and landing by"
        " 2026-06-22",
        changes_on=D(2026, 5, 23),
        coe_expiry=D(2026, 6, 22),
    ),
    Scenario(
        "paper certificate: a copy or scan is enough, by expiry - 5 working days",
        issued(D(2026, 3, 22), coe_delivery="paper"),
        Level.ISSUED,
        "Certificate valid until 2026-06-22 (82 days left)",
        "Send the applicant a copy or scan of the paper certificate now, at the latest by"
        " 2026-06-15 (accepted for"
        " the visa and at landing since 2023-03-17); the visa takes about 5 working days, landing"
        " by 2026-06-22",
        changes_on=D(2026, 5, 23),
        coe_expiry=D(2026, 6, 22),
    ),
    Scenario(
        # Entry 2026-04-03: 5 working days back is 3/27, already past: send today (4/1, open).
        "paper certificate, entry near: the send-by date is today, never in the past",
        issued(D(2026, 2, 10), coe_delivery="paper", planned_entry_date=D(2026, 4, 3)),
        Level.ISSUED,
        "Certificate valid until 2026-05-10 (39 days left)",
        "Send the applicant a copy or scan of the paper certificate now, at the latest by"
        " 2026-04-01 ",
        changes_on=D(2026, 4, 10),
        coe_expiry=D(2026, 5, 10),
    ),
    Scenario(
        "planned entry before the expiry: still valid",
        issued(D(2026, 3, 22), Stage.SENT, planned_entry_date=D(2026, 5, 1)),
        Level.ISSUED,
        "Certificate valid until 2026-06-22 (82 days left)",
        "The applicant applies for the visa (about 5 working days) and lands by 2026-06-22",
        changes_on=D(2026, 5, 23),
        coe_expiry=D(2026, 6, 22),
        reasons=("Planned entry 2026-05-01 is by the expiry 2026-06-22",),
    ),
    Scenario(
        "planned entry after the expiry: expiring",
        issued(D(2026, 3, 22), planned_entry_date=D(2026, 7, 1)),
        Level.COE_EXPIRING,
        "Certificate expires 2026-06-22, before the planned entry 2026-07-01",
        "Bring the entry forward: visa and landing must both be done by 2026-06-22, or a new"
        " application is needed",
        changes_on=D(2026, 6, 23),
        coe_expiry=D(2026, 6, 22),
        reasons=("Planned entry 2026-07-01 is after the expiry 2026-06-22",),
    ),
    Scenario(
        "issued on 2025-11-30: expires 2026-02-28 (no 30 February)",
        issued(D(2025, 11, 30)),
        Level.ISSUED,
        "Certificate valid until 2026-02-28 (44 days left)",
        "Forward the certificate to the applicant",
        today=D(2026, 1, 15),
        changes_on=D(2026, 1, 29),
        coe_expiry=D(2026, 2, 28),
    ),
    Scenario(
        "expired unused",
        issued(D(2025, 12, 1), Stage.SENT),
        Level.COE_EXPIRING,
        "Certificate expired on 2026-03-01",
        "The certificate cannot be used or reissued: file a new application if the applicant"
        " still means to come",
        coe_expiry=D(2026, 3, 1),
        reasons=("Expired 31 days ago",),
    ),
    Scenario(
        "sent, within the warning window",
        issued(D(2026, 1, 20), Stage.SENT),
        Level.COE_EXPIRING,
        "Certificate expires 2026-04-20: 19 days left",
        "Make sure the applicant applies for the visa now (about 5 working days) and lands by"
        " 2026-04-20",
        changes_on=D(2026, 4, 21),
        coe_expiry=D(2026, 4, 20),
    ),
    Scenario(
        "visa applied, within the warning window",
        issued(D(2026, 1, 20), Stage.VISA_APPLIED),
        Level.COE_EXPIRING,
        "Certificate expires 2026-04-20: 19 days left",
        "Make sure the applicant lands in Japan by 2026-04-20, then record the entry date",
        changes_on=D(2026, 4, 21),
        coe_expiry=D(2026, 4, 20),
    ),
    Scenario(
        "visa applied, valid",
        issued(D(2026, 3, 1), Stage.VISA_APPLIED),
        Level.ISSUED,
        "Certificate valid until 2026-06-01 (61 days left)",
        "Record the entry date once the applicant has landed (by 2026-06-01)",
        changes_on=D(2026, 5, 2),
        coe_expiry=D(2026, 6, 1),
    ),
    Scenario(
        "issued without an issue date",
        issued(None),
        Level.MISSING_INFO,
        "Certificate issued: issue date missing",
        "Enter the issue date (作成日) printed on the certificate",
        reasons=("No issue date (作成日) recorded: the expiry cannot be computed",),
    ),
    # --- rules 1 and 2: closed, preparing ----------------------------------------------------
    Scenario(
        "entered",
        issued(D(2026, 1, 5), Stage.ENTERED, entry_date=D(2026, 2, 1)),
        Level.CLOSED,
        "Closed: the applicant has entered Japan",
        "Nothing to do",
    ),
    Scenario(
        "denied",
        filed(stage=Stage.DENIED),
        Level.CLOSED,
        "Closed: denied",
        "Nothing to do; the reasons can be asked in person, and a new application is possible",
    ),
    Scenario(
        "withdrawn",
        filed(stage=Stage.WITHDRAWN),
        Level.CLOSED,
        "Closed: withdrawn",
        "Nothing to do",
    ),
    Scenario(
        "expired unused (recorded)",
        issued(D(2025, 6, 1), Stage.EXPIRED),
        Level.CLOSED,
        "Closed: certificate expired unused",
        "Nothing to do; if the applicant still means to come, file anew",
    ),
    Scenario(
        "archived wins over an overdue request",
        requested(DocumentRequestFacts(D(2026, 1, 1), D(2026, 1, 15)), archived=True),
        Level.CLOSED,
        "Closed: archived",
        "Nothing to do",
    ),
    Scenario(
        "not filed yet",
        CaseFacts(stage=Stage.PREPARING),
        Level.PREPARING,
        "Not filed yet",
        "File the application, then record the filing date and the application number",
    ),
]


def all_messages(assessment: Assessment) -> list[Message]:
    top = [assessment.headline, assessment.action, *(r.text for r in assessment.reasons)]
    nested = [
        v
        for m in top
        for v in m.params.values()
        if isinstance(v, Message) and v.context == "Readiness"
    ]
    return top + nested


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario(scenario: Scenario) -> None:
    result = assess(scenario.facts, scenario.today, POLICY)

    assert result.level is scenario.level
    assert result.headline.render() == scenario.headline
    assert result.action.render().startswith(scenario.action), result.action.render()
    assert result.next_check == scenario.next_check
    assert result.changes_on == scenario.changes_on
    assert result.deadline == scenario.deadline
    assert result.business_days_left == scenario.business_days_left
    assert result.coe_expiry == scenario.coe_expiry
    rendered = [reason.text.render() for reason in result.reasons]
    for expected in scenario.reasons:
        assert expected in rendered, rendered
    assert result.reasons, "every assessment explains itself"
    # The list mode gives the same answer without building reasons (fixed results keep theirs).
    quick = assess(scenario.facts, scenario.today, POLICY, explain=False)
    assert quick.reasons in ((), result.reasons)
    assert quick == dataclasses.replace(result, reasons=quick.reasons)


def test_reasons_say_which_rules_passed() -> None:
    waiting = assess(filed(inquiries=(phone(D(2026, 3, 22)),)), TODAY, POLICY)
    verdicts = {reason.rule: reason.passed for reason in waiting.reasons}
    assert verdicts == {
        "documents": True,
        "identifiers": True,
        "inquiry_policy": True,
        "benchmark": True,  # 102 days ≥ 91
        "urgency": False,  # no planned entry
        "inquiry_cooldown": False,  # until 2026-04-12
    }
    missing = assess(filed(bureau_name=None), TODAY, POLICY)
    assert [(r.rule, r.passed) for r in missing.reasons] == [
        ("documents", True),
        ("application_number", True),
        ("filing_date", True),
        ("bureau", False),
        ("applicant_name", True),
    ]


def test_next_check_is_exact_for_the_cool_down() -> None:
    facts = filed(inquiries=(phone(D(2026, 3, 23)),))
    assert assess(facts, D(2026, 4, 12), POLICY).level is Level.WAITING
    assert assess(facts, D(2026, 4, 13), POLICY).level is Level.READY
    # 03-22 + 21 = 04-12, a Sunday: the bureau is open again on Monday 04-13.
    weekend = filed(inquiries=(phone(D(2026, 3, 22)),))
    assert assess(weekend, D(2026, 4, 12), POLICY).level is Level.WAITING
    assert assess(weekend, D(2026, 4, 13), POLICY).level is Level.READY


def test_policy_numbers_are_used() -> None:
    strict = Policy(ready_factor=1.5, inquiry_cooldown_days=30, fallback_benchmark_days=60.0)
    result = assess(filed(benchmark=None, inquiries=(phone(D(2026, 3, 1)),)), TODAY, strict)
    # eligible 2025-12-20 + 90 = 2026-03-20; cool-down 2026-03-01 + 30 = 2026-03-31.
    assert result.level is Level.READY
    later = assess(filed(benchmark=None, inquiries=(phone(D(2026, 3, 10)),)), TODAY, strict)
    assert later.next_check == D(2026, 4, 9)
    texts = [r.text.render() for r in later.reasons]
    assert "using 60 days × 1.5 = 90 days → ready from 2026-03-23" in texts[3]


def test_effective_deadline() -> None:
    assert effective_deadline(DocumentRequestFacts(D(2026, 3, 1), None), POLICY) == D(2026, 3, 15)
    assert effective_deadline(
        DocumentRequestFacts(D(2026, 3, 1), None), Policy(default_deadline_days=7)
    ) == D(2026, 3, 8)
    printed = DocumentRequestFacts(D(2026, 3, 1), D(2026, 3, 10))
    assert effective_deadline(printed, POLICY) == D(2026, 3, 10)
    extended = DocumentRequestFacts(D(2026, 3, 1), D(2026, 3, 10), D(2026, 3, 31))
    assert effective_deadline(extended, POLICY) == D(2026, 3, 31)
    assert effective_deadline(DocumentRequestFacts(None, None), POLICY) is None


def test_nearest_deadline_of_several_open_requests() -> None:
    facts = requested(
        DocumentRequestFacts(D(2026, 3, 30), D(2026, 4, 20)),
        DocumentRequestFacts(D(2026, 3, 30), D(2026, 4, 10)),
        DocumentRequestFacts(None, None),
    )
    result = assess(facts, TODAY, POLICY)
    assert result.level is Level.DOCS_DUE
    assert result.deadline == D(2026, 4, 10)
    assert result.business_days_left == 7
    assert [r.rule for r in result.reasons].count("document_request") == 3


def test_assess_many_matches_assess_and_restores_the_collector(collector_on: None) -> None:
    import gc

    cases = [s.facts for s in SCENARIOS]
    assert gc.isenabled()
    assert assess_many(cases, TODAY, POLICY) == [assess(c, TODAY, POLICY) for c in cases]
    assert gc.isenabled()
    gc.disable()
    try:
        quick = assess_many(cases, TODAY, POLICY, explain=False)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert [a.level for a in quick] == [assess(c, TODAY, POLICY).level for c in cases]
    assert sum(a.reasons == () for a in quick) > len(cases) // 2


# --- the texts -------------------------------------------------------------------------------

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def scenario_messages() -> list[Message]:
    return [m for s in SCENARIOS for m in all_messages(assess(s.facts, s.today, POLICY))]


def test_every_placeholder_is_filled_and_every_parameter_used() -> None:
    for msg in scenario_messages():
        fields = {name for _, name, _, _ in Formatter().parse(msg.source) if name is not None}
        assert fields == set(msg.params), msg.source
        text = msg.render()
        assert "{" not in text and "}" not in text, text
        assert msg.context == "Readiness"
        for value in msg.params.values():
            # Dates travel as dates, for the renderer to format (e.g. in the Japanese era).
            assert not (isinstance(value, str) and ISO_DATE.match(value)), msg.source


def test_dates_are_formatted_by_the_renderer() -> None:
    def wareki(day: dt.date) -> str:
        return f"令和{day.year - 2018}年{day.month}月{day.day}日"

    result = assess(filed(filing_date=D(2026, 3, 31)), TODAY, POLICY)
    assert result.headline.render(format_date=wareki) == "Waiting until 令和8年6月30日 (90 days)"
    contexts: list[str] = []

    def translate(context: str, source: str) -> str:
        contexts.append(context)
        return source.replace("Waiting until", "次回確認日").replace("days)", "日)")

    assert result.headline.render(translate, wareki) == "次回確認日 令和8年6月30日 (90 日)"
    assert contexts == ["Readiness"]


def _noop_literals(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "QT_TRANSLATE_NOOP"
    ]


def test_texts_are_lupdate_literals_and_all_are_exercised() -> None:
    package = Path(readiness.__file__).parent
    literals = set()
    for module in sorted(package.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for call in _noop_literals(tree):
            context, text = call.args
            assert isinstance(context, ast.Constant) and context.value == "Readiness"
            assert isinstance(text, ast.Constant) and isinstance(text.value, str)
            literals.add(text.value)
        # Every message() call marks its text for lupdate: no bare strings reach the user.
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "message":
                assert isinstance(node.args[1], ast.Call), ast.unparse(node)
                assert getattr(node.args[1].func, "id", None) == "QT_TRANSLATE_NOOP"
    produced = {m.source for m in scenario_messages()}
    assert produced <= literals
    assert literals - produced == set(), "texts no scenario produces"
    assert len(literals) > 60


def test_the_rules_are_a_package_of_small_modules_with_one_entry_point() -> None:
    package = Path(readiness.__file__).parent
    modules = sorted(package.glob("*.py"))
    assert len(modules) > 5
    for module in modules:
        text = module.read_text(encoding="utf-8")
        assert len(text.splitlines()) < 400, module.name
        assert ast.get_docstring(ast.parse(text)), module.name
    assert readiness.__all__ == [
        "CONTEXT",
        "STALE_AFTER_MONTHS",
        "assess",
        "assess_many",
        "effective_deadline",
    ]


def test_domain_imports_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None\n"
        "sys.modules['sqlalchemy'] = None\n"
        "import coetracker.domain.readiness, coetracker.domain.workdays\n"
        "import coetracker.domain.calendar_math, coetracker.domain.model\n"
        "import datetime as dt\n"
        "from coetracker.domain.model import CaseFacts, Policy, Stage\n"
        "a = coetracker.domain.readiness.assess(CaseFacts(Stage.PREPARING), dt.date.today(), "
        "Policy())\n"
        "print(a.level.name)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "PREPARING"
    # The blocking works: importing either one in that state fails.
    blocked = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['PySide6'] = None; import PySide6"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert blocked.returncode != 0 and "import of PySide6 halted" in blocked.stderr

"""Realistic sample data: clients, applicants of several nationalities, cases at every stage,
inquiries and document requests dated relative to ``today`` so that every readiness level shows.

Sample data goes only into an empty database (the welcome panel opens a separate sample file), so
it is never mixed into an office's real cases.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coetracker.domain.ledger import FeeLine, LineKind, invoice_totals
from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.model import FilingChannel, Stage
from coetracker.domain.procedures import Procedure
from coetracker.domain.residence import proposed_expiry
from coetracker.services.cases import create_case_in
from coetracker.services.documents import add_request_in
from coetracker.services.errors import ServiceError
from coetracker.services.fees import PaymentRecord, add_payment_in, set_fee_lines_in
from coetracker.services.inquiries import log_inquiry_in
from coetracker.services.ledger import accept_case_in
from coetracker.services.records import (
    ApplicantInput,
    CaseInput,
    DocumentRequestInput,
    InquiryInput,
    OrganizationInput,
)
from coetracker.storage.engine import Database
from coetracker.storage.models import Bureau, Case, Prefecture, ResidenceCard, ResidenceStatus

ACTOR = "demo"

CLIENTS = [
    OrganizationInput("株式会社さくら精工", "サクラセイコウ", None, 3, "144-0052", "東京都",
                      "大田区蒲田5-1-1", "佐藤 花子", "03-5000-1111", "hr@sakura-seiko.example"),
    OrganizationInput("有限会社みなと食品", "ミナトショクヒン", None, 4, "231-0001", "神奈川県",
                      "横浜市中区新港1-2-3", "鈴木 一郎", "045-600-2222", None),
    OrganizationInput("大阪テクノサービス株式会社", "オオサカテクノサービス", None, 2, "530-0001",
                      "大阪府", "大阪市北区梅田2-4-9", "田中 誠", "06-6000-3333", None),
    OrganizationInput("株式会社北斗ケア", "ホクトケア", None, 3, "060-0001", "北海道",
                      "札幌市中央区北1条西2", "高橋 美咲", "011-200-4444", None),
    OrganizationInput("医療法人社団あおば会", "アオバカイ", None, 3, "460-0008", "愛知県",
                      "名古屋市中区栄3-5-1", "伊藤 健", "052-300-5555", None),
    OrganizationInput("株式会社フクオカ建設", "フクオカケンセツ", None, 4, "812-0011", "福岡県",
                      "福岡市博多区博多駅前1-1", "山本 大輔", "092-400-6666", None),
    OrganizationInput("株式会社神戸マリンテック", "コウベマリンテック", None, 2, "650-0042",
                      "兵庫県", "神戸市中央区波止場町1-1", "中村 由美", "078-500-7777", None),
]  # fmt: skip

# family, given, kanji, kana, nationality, birth date, sex, passport
APPLICANTS = [
    ("NGUYEN", "VAN AN", None, "グエン・ヴァン・アン", "VN", "1998-04-12", "M", "C1234567"),
    ("TRAN", "THI HOA", None, "チャン・ティ・ホア", "VN", "2000-09-30", "F", "C2345678"),
    ("WANG", "XIAOMING", "王小明", "ワン・シャオミン", "CN", "1995-01-23", "M", "EA1234567"),
    ("LI", "NA", "李娜", "リー・ナー", "CN", "1997-07-07", "F", "EB7654321"),
    ("SANTOS", "MARIA CLARA", None, "サントス・マリア・クララ", "PH", "1993-12-01", "F",
     "P1234567A"),
    ("GURUNG", "RAM BAHADUR", None, "グルン・ラム・バハドゥール", "NP", "1996-03-15", "M",
     "PA0123456"),
    ("KIM", "MINJUN", "金旻俊", "キム・ミンジュン", "KR", "1994-05-05", "M", "M12345678"),
    ("SARI", "DEWI", None, "サリ・デウィ", "ID", "1999-11-11", "F", "B1234567"),
    ("AUNG", "KYAW MIN", None, "アウン・チョー・ミン", "MM", "1997-02-28", "M", "MF123456"),
    ("SHARMA", "PRIYA", None, "シャルマ・プリヤ", "IN", "1992-08-19", "F", "Z1234567"),
    ("PERERA", "NIMAL", None, "ペレラ・ニマル", "LK", "1991-10-10", "M", "N1234567"),
    ("SMITH", "JOHN ROBERT", None, "スミス・ジョン・ロバート", "US", "1990-06-25", "M",
     "567812345"),
    ("CHEN", "YU-TING", "陳郁婷", "チェン・ユーティン", "TW", "1996-12-24", "F", "312345678"),
    ("PHAM", "MINH DUC", None, "ファム・ミン・ドゥック", "VN", "2001-01-15", "M", "C3456789"),
    ("HASAN", "RAFIQ", None, "ハサン・ラフィク", "BD", "1995-09-09", "M", "BX1234567"),
    ("NGUYEN", "THI LAN", None, "グエン・ティ・ラン", "VN", "1999-02-14", "F", "C4567890"),
    ("LE", "QUANG HUY", None, "レ・クアン・フイ", "VN", "1997-05-20", "M", "C5678901"),
    ("ZHANG", "WEI", "張偉", "チャン・ウェイ", "CN", "1993-03-03", "M", "EC2345678"),
    ("LIU", "YANG", "劉洋", "リュウ・ヤン", "CN", "1998-08-08", "F", "ED3456789"),
    ("REYES", "JOSE MIGUEL", None, "レイエス・ホセ・ミゲル", "PH", "1994-04-04", "M", "P2345678B"),
    ("BAUTISTA", "ANGELICA", None, "バウティスタ・アンジェリカ", "PH", "2000-12-12", "F",
     "P3456789C"),
    ("TAMANG", "SITA", None, "タマン・シタ", "NP", "1998-06-06", "F", "PA1234567"),
    ("PARK", "JIYEON", "朴智妍", "パク・ジヨン", "KR", "1995-10-21", "F", "M23456789"),
    ("PUTRA", "ANDI", None, "プトラ・アンディ", "ID", "1996-01-30", "M", "B2345678"),
    ("HTET", "HTET AUNG", None, "テッ・テッ・アウン", "MM", "2001-07-17", "M", "MF234567"),
    ("KUMAR", "RAHUL", None, "クマール・ラフル", "IN", "1991-11-02", "M", "Z2345678"),
    ("FERNANDO", "DILANI", None, "フェルナンド・ディラニ", "LK", "1997-09-25", "F", "N2345678"),
    ("GARCIA", "LUCIA", None, "ガルシア・ルシア", "BR", "1993-05-14", "F", "FZ123456"),
    ("SOMCHAI", "KITTI", None, "ソムチャイ・キッティ", "TH", "1995-02-02", "M", "AA1234567"),
    ("BATBAYAR", "ENKHJIN", None, "バトバヤル・エンフジン", "MN", "1999-03-09", "M", "E1234567"),
    ("RAHMAN", "NUSRAT", None, "ラフマン・ヌスラト", "BD", "2000-04-18", "F", "BX2345678"),
    ("DO", "THANH TUNG", None, "ド・タイン・トゥン", "VN", "1996-11-30", "M", "C6789012"),
    ("HUANG", "JIANHUA", "黄建華", "ホァン・ジェンホァ", "CN", "1990-01-01", "M", "EE4567890"),
    ("CRUZ", "MARK ANTHONY", None, "クルス・マーク・アンソニー", "PH", "1992-07-04", "M",
     "P4567890D"),
    ("THAPA", "BIKASH", None, "タパ・ビカシュ", "NP", "1997-12-31", "M", "PA2345678"),
    ("LEE", "SEOYEON", "李瑞妍", "イ・ソヨン", "KR", "1998-02-22", "F", "M34567890"),
    ("WIJAYA", "SITI", None, "ウィジャヤ・シティ", "ID", "1999-08-17", "F", "B3456789"),
    ("MIN", "THU ZAR", None, "ミン・トゥ・ザー", "MM", "2000-10-10", "F", "MF345678"),
    ("PATEL", "ARJUN", None, "パテル・アルジュン", "IN", "1994-01-26", "M", "Z3456789"),
    ("JOHNSON", "EMILY", None, "ジョンソン・エミリー", "GB", "1992-03-17", "F", "123456789"),
    ("VO", "MINH CHAU", None, "ヴォ・ミン・チャウ", "VN", "2001-06-01", "F", "C7890123"),
    ("SILVA", "PEDRO HENRIQUE", None, "シルバ・ペドロ・エンリケ", "BR", "1995-09-07", "M",
     "FZ234567"),
    ("UZAKOV", "TIMUR", None, "ウザコフ・ティムール", "UZ", "1996-05-09", "M", "FA1234567"),
    ("LIN", "MEI-LING", "林美玲", "リン・メイリン", "TW", "1997-04-04", "F", "323456789"),
    ("NGUYEN", "DUC MANH", None, "グエン・ドゥック・マイン", "VN", "1998-12-19", "M",
     "C8901234"),
]  # fmt: skip

STATUS_CYCLE = [
    "engineer_humanities", "ssw_1", "engineer_humanities", "skilled_labor", "nursing_care",
    "intra_company_transferee", "student", "dependent", "spouse_of_japanese", "business_manager",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Scenario:
    """One sample case: its stage and the dates that put it at the intended level."""

    stage: Stage
    filed_days_ago: int | None = None
    number: bool = True
    channel: FilingChannel = FilingChannel.COUNTER
    inquiry_days_ago: tuple[int, ...] = ()
    request: tuple[int, int, int | None, int | None] | None = None  # notice, deadline, ext, sent
    issued_days_ago: int | None = None
    entry_in_days: int | None = None
    entered_days_ago: int | None = None
    archived: bool = False
    status: str | None = None
    procedure: Procedure = Procedure.COE
    card_months: int | None = None  # a residence card from the entry date, for this period
    card_expiry_in_days: int | None = None  # … or expiring on this day


SCENARIOS = [
    # PREPARING
    Scenario(Stage.PREPARING), Scenario(Stage.PREPARING, entry_in_days=150),
    Scenario(Stage.PREPARING), Scenario(Stage.PREPARING),
    # WAITING: filed recently
    Scenario(Stage.FILED, 1), Scenario(Stage.FILED, 12), Scenario(Stage.FILED, 25),
    Scenario(Stage.FILED, 33, channel=FilingChannel.ONLINE), Scenario(Stage.FILED, 41),
    Scenario(Stage.FILED, 50, channel=FilingChannel.MAIL),
    # WAITING: average exceeded but asked recently (cool-down)
    Scenario(Stage.FILED, 110, inquiry_days_ago=(60, 6), status="engineer_humanities"),
    # WAITING: documents sent a few days ago
    Scenario(Stage.DOCUMENTS_SUBMITTED, 70, request=(30, 16, None, 5)),
    # READY: average clearly exceeded
    Scenario(Stage.FILED, 95, status="engineer_humanities"),
    Scenario(Stage.FILED, 120, inquiry_days_ago=(40,), status="ssw_1"),
    Scenario(Stage.FILED, 101, channel=FilingChannel.ONLINE, status="engineer_humanities"),
    Scenario(Stage.DOCUMENTS_SUBMITTED, 130, request=(70, 56, None, 45), status="skilled_labor"),
    # READY: planned entry near and most of the average elapsed
    Scenario(Stage.FILED, 55, entry_in_days=20, status="engineer_humanities"),
    # DOCS_DUE
    Scenario(Stage.DOCUMENTS_REQUESTED, 60, request=(5, -9, None, None)),
    Scenario(Stage.DOCUMENTS_REQUESTED, 75, request=(12, -2, None, None)),
    Scenario(Stage.DOCUMENTS_REQUESTED, 48, request=(3, -11, None, None),
             channel=FilingChannel.ONLINE),
    # DOCS_OVERDUE
    Scenario(Stage.DOCUMENTS_REQUESTED, 80, request=(20, 4, None, None)),
    Scenario(Stage.DOCUMENTS_REQUESTED, 90, request=(30, 16, 2, None)),
    # MISSING_INFO
    Scenario(Stage.FILED, 20, number=False), Scenario(Stage.FILED, 64, number=False),
    Scenario(Stage.ISSUED, 60),
    # ISSUED
    Scenario(Stage.ISSUED, 70, issued_days_ago=10, entry_in_days=45),
    Scenario(Stage.SENT, 80, issued_days_ago=20, entry_in_days=30),
    Scenario(Stage.VISA_APPLIED, 90, issued_days_ago=30, entry_in_days=20),
    Scenario(Stage.ISSUED, 66, issued_days_ago=3),
    # COE_EXPIRING
    Scenario(Stage.SENT, 140, issued_days_ago=70), Scenario(Stage.ISSUED, 150, issued_days_ago=80),
    Scenario(Stage.ISSUED, 75, issued_days_ago=15, entry_in_days=120),
    # CLOSED (entered; one without card details)
    Scenario(Stage.ENTERED, 200, issued_days_ago=120, entered_days_ago=60, card_months=12),
    Scenario(Stage.ENTERED, 180, issued_days_ago=100, entered_days_ago=40),
    # RENEWAL_DUE: entered about a year ago with a 1-year card
    Scenario(Stage.ENTERED, 420, issued_days_ago=360, entered_days_ago=300, card_months=12),
    Scenario(Stage.ENTERED, 460, issued_days_ago=400, entered_days_ago=340, card_months=12),
    Scenario(Stage.DENIED, 150), Scenario(Stage.WITHDRAWN, 90),
    Scenario(Stage.EXPIRED, 300, issued_days_ago=220),
    Scenario(Stage.FILED, 100, archived=True),
    # An extension filed before the card ran out; a change of status whose special period ends soon
    Scenario(Stage.FILED, 18, procedure=Procedure.RENEWAL, card_expiry_in_days=30),
    Scenario(Stage.FILED, 75, channel=FilingChannel.ONLINE, procedure=Procedure.CHANGE,
             card_expiry_in_days=-50, status="engineer_humanities"),
    Scenario(Stage.FILED, 88, inquiry_days_ago=(3,), status="ssw_1"),
    Scenario(Stage.PREPARING),
]  # fmt: skip

BUREAU_ABBREVIATIONS = {"tokyo": "東", "yokohama": "横", "osaka": "阪", "sapporo": "札",
                        "nagoya": "名", "fukuoka": "福", "kobe": "神"}  # fmt: skip
DEPARTMENTS = ["就労審査第一部門", "就労審査第二部門", "就労審査第三部門", "審査部門"]
STAFF = ["山田", "佐々木", "小林", "加藤"]
ASSIGNEES = ["佐藤", "李", "Tanaka"]
OUTCOMES = ["under_review", "under_review", "request_coming", "not_reached"]


PROCEDURE_MARKS = {Procedure.COE: "就認", Procedure.RENEWAL: "就更", Procedure.CHANGE: "就変"}


def _add_card(
    session: Session,
    case_id: int,
    scenario: Scenario,
    entry_date: dt.date | None,
    status_id: int,
    today: dt.date,
    rng: random.Random,
) -> None:
    """The residence card a sample person holds, when the scenario gives one."""
    if scenario.card_expiry_in_days is not None:
        expiry = today + dt.timedelta(days=scenario.card_expiry_in_days)
        landing, months = None, 12
    elif scenario.card_months is not None and entry_date is not None:
        landing, months = entry_date, scenario.card_months
        expiry = proposed_expiry(entry_date, months)
    else:
        return
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    number = (
        f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(10_000_000, 99_999_999)}"
        f"{rng.choice(letters)}{rng.choice(letters)}"
    )
    session.add(
        ResidenceCard(
            applicant_id=session.get_one(Case, case_id).applicant_id,
            card_number=number,
            residence_status_id=status_id,
            period_months=months,
            landing_date=landing,
            expiry_date=expiry,
        )
    )


class DatabaseNotEmptyError(ServiceError):
    """Sample data is only written into an empty database."""


def fill_demo(db: Database, *, today: dt.date, seed: int = 20261127) -> int:
    """Write the sample cases into an empty database; return how many cases were written."""
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    with db.write_session() as session:
        existing = session.scalar(select(func.count()).select_from(Case)) or 0
        if existing:
            raise DatabaseNotEmptyError(
                message(
                    "Services",
                    QT_TRANSLATE_NOOP(
                        "Services",
                        "The database already holds {count} cases; sample data is only written "
                        "into an empty database.",
                    ),
                    count=existing,
                )
            )
        statuses = dict(session.execute(select(ResidenceStatus.code, ResidenceStatus.id)).all())
        prefecture_bureau = dict(
            session.execute(
                select(Prefecture.name, Bureau.code).join(Bureau, Bureau.id == Prefecture.bureau_id)
            ).all()
        )
        bureau_ids = dict(session.execute(select(Bureau.code, Bureau.id)).all())
        accepted: list[tuple[dt.date, int]] = []
        for index, scenario in enumerate(SCENARIOS):
            client = CLIENTS[index % len(CLIENTS)]
            family, given, kanji, kana, nationality, born, sex, passport = APPLICANTS[
                index % len(APPLICANTS)
            ]
            bureau_code = prefecture_bureau[client.prefecture or "東京都"]
            status_code = scenario.status or STATUS_CYCLE[index % len(STATUS_CYCLE)]

            def ago(days: int | None) -> dt.date | None:
                return None if days is None else today - dt.timedelta(days=days)

            filed = ago(scenario.filed_days_ago)
            number = None
            if filed is not None and scenario.number:
                letter = "T" if scenario.channel is FilingChannel.COUNTER else "O"
                kind = PROCEDURE_MARKS[scenario.procedure]
                number = (
                    f"{BUREAU_ABBREVIATIONS.get(bureau_code, '東')}{kind}{letter}"
                    f"{filed.year % 100:02d}-{rng.randint(1000, 99999)}"
                )
            entry_date = ago(scenario.entered_days_ago)
            planned = (
                today + dt.timedelta(days=scenario.entry_in_days)
                if scenario.entry_in_days is not None
                else (entry_date - dt.timedelta(days=rng.randint(0, 10)) if entry_date else None)
            )
            # Second and later cases of an applicant are different people in real life: vary the
            # passport so the sample has one applicant per case.
            suffix = index // len(APPLICANTS)
            case_id = create_case_in(
                session,
                CaseInput(
                    applicant=ApplicantInput(
                        family_name=family,
                        given_name=given if suffix == 0 else f"{given} {chr(65 + suffix)}",
                        name_kanji=kanji,
                        name_kana=kana,
                        nationality_code=nationality,
                        birth_date=dt.date.fromisoformat(born) + dt.timedelta(days=400 * suffix),
                        sex=sex,
                        passport_number=f"{passport[:-1]}{suffix}" if suffix else passport,
                    ),
                    organization=client,
                    reference=f"{today.year % 100:02d}-{index + 1:04d}",
                    residence_status_id=statuses[status_code],
                    bureau_id=bureau_ids[bureau_code],
                    review_department=rng.choice(DEPARTMENTS) if filed else None,
                    department_phone="03-5796-7111" if filed and bureau_code == "tokyo" else None,
                    channel=scenario.channel if filed else None,
                    filing_date=filed,
                    application_number=number,
                    planned_entry_date=planned,
                    stage=scenario.stage,
                    assignee=ASSIGNEES[index % len(ASSIGNEES)],
                    coe_issued_date=ago(scenario.issued_days_ago),
                    coe_delivery=(
                        ("email" if index % 2 else "paper") if scenario.issued_days_ago else None
                    ),
                    # An electronic certificate already sent on: the applicant registered it.
                    coe_receipt_registered_on=(
                        ago(scenario.issued_days_ago - 2)
                        if scenario.issued_days_ago
                        and index % 2
                        and scenario.stage is not Stage.ISSUED
                        else None
                    ),
                    entry_date=entry_date,
                    decision_date=ago(scenario.issued_days_ago),
                    notes="入社予定日に合わせて早期の交付を希望" if index % 7 == 3 else None,
                    procedure=scenario.procedure,
                ),
                actor=ACTOR,
            )
            _add_card(session, case_id, scenario, entry_date, statuses[status_code], today, rng)
            if scenario.archived:
                session.get_one(Case, case_id).archived = True
            accepted.append((ago((scenario.filed_days_ago or 0) + 14) or today, case_id))
            _demo_fees(session, case_id, scenario, status_code, index, filed=filed, today=today)
            for call, days in enumerate(scenario.inquiry_days_ago):
                log_inquiry_in(
                    session,
                    case_id,
                    InquiryInput(
                        made_at=dt.datetime.combine(ago(days) or today, dt.time(10, 30)),
                        channel="phone",
                        department=rng.choice(DEPARTMENTS),
                        staff=rng.choice(STAFF),
                        made_by=ASSIGNEES[0],
                        question="結果は発送済みか",
                        answer="未発送。審査の進み具合・時期についてはお答えできないとのこと。",
                        reason=("result_sent", "documents_arrived")[call % 2],
                        outcome=rng.choice(OUTCOMES[:3]),  # every demo call got through
                    ),
                    actor=ACTOR,
                )
            if scenario.request is not None:
                notice, deadline, extended, sent = scenario.request
                add_request_in(
                    session,
                    case_id,
                    DocumentRequestInput(
                        notice_date=ago(notice),
                        received_date=ago(notice - 2 if notice > 2 else notice),
                        deadline=ago(deadline),
                        requested_items="雇用契約書の写し、事業計画書、理由書",
                        examiner=rng.choice(STAFF),
                        extension_asked_on=ago(deadline + 3) if extended is not None else None,
                        extended_deadline=ago(extended),
                        extension_agreed_by=rng.choice(STAFF) if extended is not None else None,
                        submitted_on=ago(sent),
                        submission_method="post" if sent is not None else None,
                    ),
                    actor=ACTOR,
                )
        for accepted_on, case_id in sorted(accepted):
            accept_case_in(
                session, case_id, accepted_on=accepted_on, actor=ACTOR, keep_reference=True
            )
        return len(SCENARIOS)


FEES = {"engineer_humanities": 120_000, "ssw_1": 150_000, "skilled_labor": 130_000}
PAID_STAGES = frozenset({Stage.ENTERED, Stage.SENT, Stage.VISA_APPLIED, Stage.EXPIRED})


def _demo_fees(
    session: Session,
    case_id: int,
    scenario: Scenario,
    status_code: str,
    index: int,
    *,
    filed: dt.date | None,
    today: dt.date,
) -> None:
    """A fee, sometimes a translation, always postage as 立替金; payments by how far it got."""
    fee = FEES.get(status_code, 100_000)
    lines = [FeeLine(LineKind.FEE, "在留資格認定証明書交付申請 取次報酬", fee)]
    if index % 3 == 0:
        lines.append(FeeLine(LineKind.EXPENSE, "翻訳料（外国語書類）", 15_000))
    lines.append(FeeLine(LineKind.ADVANCE, "郵送料（レターパック・立替金）", 460))
    set_fee_lines_in(session, case_id, lines, actor=ACTOR)
    total = invoice_totals(lines).total
    start = filed or today
    if scenario.stage in PAID_STAGES or scenario.stage is Stage.DENIED:
        add_payment_in(session, case_id, PaymentRecord(start, total, "振込"), actor=ACTOR)
    elif filed is not None and index % 2 == 0:
        half = fee // 2
        add_payment_in(session, case_id, PaymentRecord(start, half, "振込"), actor=ACTOR)

"""Reference data from shared/DOMAIN.md: bureaus, prefectures, statuses, benchmarks, policy.

Revision ID: 0002_reference_data
Revises: 0001_initial_schema
Create Date: 2026-11-27

The rows are copied into this revision (not imported from application code) so that the revision
means the same thing forever. Everything seeded here is editable afterwards in Settings.
Bureau phone numbers are left empty on purpose: the number to call about a pending case is the
review department's, printed on the receipt slip, and is stored on the case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_reference_data"
down_revision: str | None = "0001_initial_schema"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# code, name_ja, short_name_ja, name_en
REGIONAL_BUREAUS = [
    ("sapporo", "札幌出入国在留管理局", "札幌", "Sapporo Regional Immigration Services Bureau"),
    ("sendai", "仙台出入国在留管理局", "仙台", "Sendai Regional Immigration Services Bureau"),
    ("tokyo", "東京出入国在留管理局", "東京", "Tokyo Regional Immigration Services Bureau"),
    ("nagoya", "名古屋出入国在留管理局", "名古屋", "Nagoya Regional Immigration Services Bureau"),
    ("osaka", "大阪出入国在留管理局", "大阪", "Osaka Regional Immigration Services Bureau"),
    ("hiroshima", "広島出入国在留管理局", "広島", "Hiroshima Regional Immigration Services Bureau"),
    ("takamatsu", "高松出入国在留管理局", "高松", "Takamatsu Regional Immigration Services Bureau"),
    ("fukuoka", "福岡出入国在留管理局", "福岡", "Fukuoka Regional Immigration Services Bureau"),
]

# code, parent code, name_ja, short_name_ja, name_en, accepts COE applications
DISTRICT_OFFICES = [
    ("yokohama", "tokyo", "東京出入国在留管理局横浜支局", "横浜支局",
     "Yokohama District Immigration Services Office", True),
    ("narita_airport", "tokyo", "東京出入国在留管理局成田空港支局", "成田空港支局",
     "Narita Airport District Immigration Services Office", False),
    ("haneda_airport", "tokyo", "東京出入国在留管理局羽田空港支局", "羽田空港支局",
     "Haneda Airport District Immigration Services Office", False),
    ("chubu_airport", "nagoya", "名古屋出入国在留管理局中部空港支局", "中部空港支局",
     "Chubu Airport District Immigration Services Office", False),
    ("kobe", "osaka", "大阪出入国在留管理局神戸支局", "神戸支局",
     "Kobe District Immigration Services Office", True),
    ("kansai_airport", "osaka", "大阪出入国在留管理局関西空港支局", "関西空港支局",
     "Kansai Airport District Immigration Services Office", False),
    ("naha", "fukuoka", "福岡出入国在留管理局那覇支局", "那覇支局",
     "Naha District Immigration Services Office", True),
]  # fmt: skip

# prefecture → code of the office with jurisdiction over COE applications
PREFECTURES = {
    "北海道": "sapporo",
    "宮城県": "sendai", "福島県": "sendai", "山形県": "sendai", "岩手県": "sendai",
    "秋田県": "sendai", "青森県": "sendai",
    "東京都": "tokyo", "神奈川県": "yokohama", "埼玉県": "tokyo", "千葉県": "tokyo",
    "茨城県": "tokyo", "栃木県": "tokyo", "群馬県": "tokyo", "山梨県": "tokyo",
    "長野県": "tokyo", "新潟県": "tokyo",
    "愛知県": "nagoya", "三重県": "nagoya", "静岡県": "nagoya", "岐阜県": "nagoya",
    "福井県": "nagoya", "富山県": "nagoya", "石川県": "nagoya",
    "大阪府": "osaka", "京都府": "osaka", "兵庫県": "kobe", "奈良県": "osaka",
    "滋賀県": "osaka", "和歌山県": "osaka",
    "広島県": "hiroshima", "山口県": "hiroshima", "岡山県": "hiroshima",
    "鳥取県": "hiroshima", "島根県": "hiroshima",
    "香川県": "takamatsu", "愛媛県": "takamatsu", "徳島県": "takamatsu", "高知県": "takamatsu",
    "福岡県": "fukuoka", "佐賀県": "fukuoka", "長崎県": "fukuoka", "熊本県": "fukuoka",
    "大分県": "fukuoka", "宮崎県": "fukuoka", "鹿児島県": "fukuoka", "沖縄県": "naha",
}  # fmt: skip

# code, name_ja, name_en, category_ja, sub_type, coe_eligible, valid_from, valid_to
STATUSES = [
    ("official", "公用", "Official", "公用", None, True, None, None),
    ("professor", "教授", "Professor", "教授", None, True, None, None),
    ("artist", "芸術", "Artist", "芸術", None, True, None, None),
    ("religious_activities", "宗教", "Religious Activities", "宗教", None, True, None, None),
    ("journalist", "報道", "Journalist", "報道", None, True, None, None),
    ("hsp_1a", "高度専門職1号イ", "Highly Skilled Professional (i)(a)", "高度専門職", "1号イ",
     True, None, None),
    ("hsp_1b", "高度専門職1号ロ", "Highly Skilled Professional (i)(b)", "高度専門職", "1号ロ",
     True, None, None),
    ("hsp_1c", "高度専門職1号ハ", "Highly Skilled Professional (i)(c)", "高度専門職", "1号ハ",
     True, None, None),
    ("business_manager", "経営・管理", "Business Manager", "経営・管理", None, True, None, None),
    ("legal_accounting", "法律・会計業務", "Legal/Accounting Services", "法律・会計業務", None,
     True, None, None),
    ("medical", "医療", "Medical Services", "医療", None, True, None, None),
    ("researcher", "研究", "Researcher", "研究", None, True, None, None),
    ("instructor", "教育", "Instructor", "教育", None, True, None, None),
    ("engineer_humanities", "技術・人文知識・国際業務",
     "Engineer/Specialist in Humanities/International Services", "技術・人文知識・国際業務",
     None, True, None, None),
    ("intra_company_transferee", "企業内転勤", "Intra-company Transferee", "企業内転勤", None,
     True, None, None),
    ("nursing_care", "介護", "Nursing Care", "介護", None, True, None, None),
    ("entertainer", "興行", "Entertainer", "興行", None, True, None, None),
    ("skilled_labor", "技能", "Skilled Labor", "技能", None, True, None, None),
    ("ssw_1", "特定技能1号", "Specified Skilled Worker (i)", "特定技能", "1号", True, None, None),
    ("ssw_2", "特定技能2号", "Specified Skilled Worker (ii)", "特定技能", "2号", True, None, None),
    ("tit_1a", "技能実習1号イ", "Technical Intern Training (i)(a)", "技能実習", "1号イ", True,
     None, dt.date(2027, 3, 31)),
    ("tit_1b", "技能実習1号ロ", "Technical Intern Training (i)(b)", "技能実習", "1号ロ", True,
     None, dt.date(2027, 3, 31)),
    ("tit_3a", "技能実習3号イ", "Technical Intern Training (iii)(a)", "技能実習", "3号イ", True,
     None, dt.date(2027, 3, 31)),
    ("tit_3b", "技能実習3号ロ", "Technical Intern Training (iii)(b)", "技能実習", "3号ロ", True,
     None, dt.date(2027, 3, 31)),
    ("employment_for_skill_development", "育成就労", "Employment for Skill Development",
     "育成就労", None, True, dt.date(2027, 4, 1), None),
    ("cultural_activities", "文化活動", "Cultural Activities", "文化活動", None, True, None, None),
    ("student", "留学", "Student", "留学", None, True, None, None),
    ("trainee", "研修", "Trainee", "研修", None, True, None, None),
    ("dependent", "家族滞在", "Dependent", "家族滞在", None, True, None, None),
    ("designated_activities", "特定活動", "Designated Activities", "特定活動", None, True,
     None, None),
    ("spouse_of_japanese", "日本人の配偶者等", "Spouse or Child of Japanese National",
     "日本人の配偶者等", None, True, None, None),
    ("spouse_of_permanent_resident", "永住者の配偶者等",
     "Spouse or Child of Permanent Resident", "永住者の配偶者等", None, True, None, None),
    ("long_term_resident", "定住者", "Long-Term Resident", "定住者", None, True, None, None),
    ("diplomat", "外交", "Diplomat", "外交", None, False, None, None),
    ("temporary_visitor", "短期滞在", "Temporary Visitor", "短期滞在", None, False, None, None),
    ("permanent_resident", "永住者", "Permanent Resident", "永住者", None, False, None, None),
    ("hsp_2", "高度専門職2号", "Highly Skilled Professional (ii)", "高度専門職", "2号", False,
     None, None),
]  # fmt: skip

# status code, period, average COE days
BENCHMARKS = [
    ("engineer_humanities", "2025-11", 63.2), ("business_manager", "2025-11", 137.5),
    ("ssw_1", "2025-11", 75.1), ("skilled_labor", "2025-11", 88.2),
    ("dependent", "2025-11", 86.4), ("spouse_of_japanese", "2025-11", 84.5),
    ("student", "2025-07", 37.7), ("spouse_of_permanent_resident", "2025-05", 78.8),
    ("intra_company_transferee", "2025-01", 60.1), ("long_term_resident", "2024-Q2", 78.9),
    ("professor", "2024-Q2", 34.6), ("artist", "2024-Q2", 49.2),
    ("religious_activities", "2024-Q2", 62.1), ("journalist", "2024-Q2", 102.6),
    ("hsp_1a", "2024-Q2", 34.6), ("hsp_1b", "2024-Q2", 41.1),
    ("hsp_1c", "2024-Q2", 72.4), ("legal_accounting", "2024-Q2", 47.0),
    ("medical", "2024-Q2", 64.1), ("researcher", "2024-Q2", 61.9),
    ("instructor", "2024-Q2", 41.3), ("nursing_care", "2024-Q2", 61.8),
    ("entertainer", "2024-Q2", 18.8), ("tit_1b", "2024-Q2", 20.4),
    ("tit_3b", "2024-Q2", 21.6), ("cultural_activities", "2024-Q2", 36.1),
    ("trainee", "2024-Q2", 34.0), ("designated_activities", "2024-Q2", 40.3),
]  # fmt: skip
BENCHMARK_SOURCE = "ISA 在留審査処理期間 (national average, COE), as relayed in DOMAIN.md"

DEFAULT_SETTINGS = {
    "policy.fallback_benchmark_days": "90.0",
    "policy.ready_factor": "1.2",
    "policy.urgent_factor": "0.8",
    "policy.urgency_window_days": "30",
    "policy.inquiry_cooldown_days": "21",
    "policy.submission_cooldown_days": "14",
    "policy.default_deadline_days": "14",
    "policy.due_soon_business_days": "3",
    "policy.coe_validity_months": "3",
    "policy.expiry_warning_days": "30",
    "office.scrivener_name": "",
    "office.office_name": "",
    "office.registration_number": "",
    "office.phone": "",
    "office.address": "",
    "office.user_name": "",
}


def period_start(period: str) -> dt.date:
    """First day of a published period: "2025-11" → 2025-11-01, "2024-Q2" → 2024-04-01."""
    year, part = period.split("-")
    month = (int(part[1:]) - 1) * 3 + 1 if part.startswith("Q") else int(part)
    return dt.date(int(year), month, 1)


bureau = sa.table(
    "bureau",
    sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name_ja", sa.String),
    sa.column("short_name_ja", sa.String), sa.column("name_en", sa.String),
    sa.column("kind", sa.String), sa.column("parent_id", sa.Integer),
    sa.column("inquiry_policy", sa.String), sa.column("accepts_coe", sa.Boolean),
    sa.column("version_id", sa.Integer), sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)  # fmt: skip
prefecture = sa.table(
    "prefecture", sa.column("name", sa.String), sa.column("bureau_id", sa.Integer),
    sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime),
)  # fmt: skip
residence_status = sa.table(
    "residence_status",
    sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name_ja", sa.String),
    sa.column("name_en", sa.String), sa.column("category_ja", sa.String),
    sa.column("sub_type", sa.String), sa.column("coe_eligible", sa.Boolean),
    sa.column("valid_from", sa.Date), sa.column("valid_to", sa.Date),
    sa.column("version_id", sa.Integer), sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)  # fmt: skip
processing_benchmark = sa.table(
    "processing_benchmark",
    sa.column("residence_status_id", sa.Integer), sa.column("period", sa.String),
    sa.column("period_start", sa.Date), sa.column("average_days", sa.Float),
    sa.column("source", sa.String), sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)  # fmt: skip
setting = sa.table(
    "setting", sa.column("key", sa.String), sa.column("value", sa.String),
    sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime),
)  # fmt: skip


def upgrade() -> None:
    connection = op.get_bind()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stamp = {"created_at": now, "updated_at": now}

    op.bulk_insert(
        bureau,
        [
            {"code": code, "name_ja": ja, "short_name_ja": short, "name_en": en,
             "kind": "regional", "parent_id": None, "inquiry_policy": "phone",
             "accepts_coe": True, "version_id": 1, **stamp}
            for code, ja, short, en in REGIONAL_BUREAUS
        ],
    )  # fmt: skip
    ids = _ids(connection, bureau)
    op.bulk_insert(
        bureau,
        [
            {"code": code, "name_ja": ja, "short_name_ja": short, "name_en": en,
             "kind": "district", "parent_id": ids[parent], "inquiry_policy": "phone",
             "accepts_coe": accepts, "version_id": 1, **stamp}
            for code, parent, ja, short, en, accepts in DISTRICT_OFFICES
        ],
    )  # fmt: skip
    ids = _ids(connection, bureau)
    op.bulk_insert(
        prefecture,
        [{"name": name, "bureau_id": ids[code], **stamp} for name, code in PREFECTURES.items()],
    )
    op.bulk_insert(
        residence_status,
        [
            {"code": code, "name_ja": ja, "name_en": en, "category_ja": category,
             "sub_type": sub, "coe_eligible": eligible, "valid_from": valid_from,
             "valid_to": valid_to, "version_id": 1, **stamp}
            for code, ja, en, category, sub, eligible, valid_from, valid_to in STATUSES
        ],
    )  # fmt: skip
    status_ids = _ids(connection, residence_status)
    op.bulk_insert(
        processing_benchmark,
        [
            {"residence_status_id": status_ids[code], "period": period,
             "period_start": period_start(period), "average_days": days,
             "source": BENCHMARK_SOURCE, **stamp}
            for code, period, days in BENCHMARKS
        ],
    )  # fmt: skip
    op.bulk_insert(
        setting, [{"key": key, "value": value, **stamp} for key, value in DEFAULT_SETTINGS.items()]
    )


def _ids(connection: sa.Connection, table: sa.TableClause) -> dict[str, int]:
    rows = connection.execute(sa.select(table.c.code, table.c.id)).all()
    return {str(code): int(row_id) for code, row_id in rows}


def downgrade() -> None:
    op.execute(setting.delete().where(setting.c.key.in_(list(DEFAULT_SETTINGS))))
    op.execute(processing_benchmark.delete())
    op.execute(prefecture.delete())
    op.execute(bureau.delete().where(bureau.c.parent_id.is_not(None)))
    op.execute(bureau.delete())
    op.execute(residence_status.delete())

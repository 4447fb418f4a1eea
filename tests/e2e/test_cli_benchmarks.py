"""``coetracker benchmarks import FILE`` and ``coetracker benchmarks list`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers.cli import run_cli

GOOD = (
    "在留資格,申請種別,対象月,平均処理日数\n"
    "特定技能1号,在留資格認定,2026年1月,71.2\n"
    "技術・人文知識・国際業務,,2026-01,66.0\n"
    "特定技能1号,在留資格認定,2025-12,70.0\n"
)


def figures(db: Path) -> list[dict[str, Any]]:
    result = run_cli("--db", str(db), "benchmarks", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    listed: list[dict[str, Any]] = json.loads(result.stdout)
    return listed


def test_import_adds_and_replaces_months_then_lists_them(tmp_path: Path) -> None:
    db = tmp_path / "coe.sqlite3"
    before = figures(db)
    newest = next(
        f for f in before if f["status"] == "特定技能1号" and f["procedure"] == "在留資格認定"
    )
    assert (newest["month"], newest["average_days"]) == ("2025-12", 69.0)  # seeded
    source = tmp_path / "isa.csv"
    source.write_text(GOOD, encoding="utf-8-sig")
    result = run_cli("--db", str(db), "benchmarks", "import", str(source))
    assert result.returncode == 0, result.stderr
    assert "2 figures added, 1 replaced." in result.stdout
    after = figures(db)
    assert len(after) == len(before) + 2
    tokutei = [
        (f["month"], f["average_days"])
        for f in after
        if f["status"] == "特定技能1号" and f["procedure"] == "在留資格認定"
    ]
    assert tokutei[:3] == [("2026-01", 71.2), ("2025-12", 70.0), ("2025-11", 75.1)]
    assert {f["procedure"] for f in after if f["month"] == "2026-01"} == {"在留資格認定"}
    table = run_cli("--db", str(db), "--lang", "ja", "benchmarks", "list")
    assert "2026年1月" in table.stdout and "Q2" not in table.stdout


def test_a_bad_row_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "coe.sqlite3"
    before = figures(db)
    source = tmp_path / "bad.csv"
    source.write_text(
        "在留資格,対象月,平均処理日数\n留学,2026-01,40\n技能,2026-13,90\n", encoding="utf-8"
    )
    result = run_cli("--db", str(db), "benchmarks", "import", str(source))
    assert result.returncode == 1
    assert "Row 3, column 対象月" in result.stderr
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("在留資格,対象月,平均処理日数\n留学,2026-01,40\n宇宙飛行士,2026-01,9\n")
    result = run_cli("--db", str(db), "benchmarks", "import", str(unknown))
    assert result.returncode == 1
    assert "Row 3, column 在留資格" in result.stderr
    assert figures(db) == before

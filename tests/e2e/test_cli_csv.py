"""``coetracker export`` and ``coetracker import`` as a user runs them: in-process through
``coetracker.cli.main``, real files.

The sample data is exported, imported into a fresh database, and listed again; CP932 refusals,
problem lists, dry runs, duplicates and ``--update`` are checked through exit codes, output and
the databases' contents.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import cases_in, run_cli

TODAY = "2026-11-27"
BOM = b"\xef\xbb\xbf"
ROUND_TRIP_FIELDS = (
    "reference",
    "client",
    "applicant",
    "name_kanji",
    "name_kana",
    "nationality",
    "residence_status",
    "bureau",
    "channel",
    "stage",
    "filing_date",
    "elapsed_days",
    "application_number",
)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    copy_demo: Callable[[Path], Path],
) -> str:
    """The sample cases in a file (the session's copy), and on the office server (both back
    ends)."""
    folder = tmp_path_factory.mktemp("csv-demo")
    if request.param == "sqlite":
        return str(copy_demo(folder / "demo.sqlite3"))
    server = request.getfixturevalue("pg_server")
    path = str(server.url(server.create_database()))
    result = run_cli("--db", path, "--data-dir", str(folder / "data"), "--today", TODAY, "demo")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def exported(demo: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csv-out") / "out.csv"
    result = run_cli("--db", str(demo), "--today", TODAY, "export", str(out), "--all")
    assert result.returncode == 0, result.stderr
    assert f"Wrote {len(cases_in(demo))} cases" in result.stdout
    return out


def test_export_import_into_a_fresh_database_lists_the_same_cases(
    demo: str, exported: Path, tmp_path: Path
) -> None:
    assert exported.read_bytes().startswith(BOM)
    fresh = tmp_path / "fresh.sqlite3"
    result = run_cli("--db", str(fresh), "--today", TODAY, "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert "44 cases added" in result.stdout
    assert "Backup taken first" in result.stdout
    assert list((tmp_path / "backups").glob("*pre-import*.sqlite3"))

    def key(case: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(case[field] for field in ROUND_TRIP_FIELDS)

    before, after = cases_in(demo), cases_in(fresh)
    assert len(after) == len(before) == 44
    assert sorted(map(key, after)) == sorted(map(key, before))
    # Readiness is recomputed from what the CSV carries (アーカイブ and 延長前の提出期限
    # included): the same level for every case.
    levels = [(c["reference"], c["level"]) for c in sorted(before, key=key)]
    assert [(c["reference"], c["level"]) for c in sorted(after, key=key)] == levels


def test_default_export_leaves_closed_cases_out(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "active.csv"
    result = run_cli("--db", str(demo), "--today", TODAY, "export", str(out))
    assert result.returncode == 0, result.stderr
    active = [c for c in cases_in(demo) if c["level"] != "CLOSED"]
    assert f"Wrote {len(active)} cases" in result.stdout
    lines = out.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("受託番号,所属機関,申請人(姓)")
    assert lines[-1] == ""
    assert len(lines) - 2 == len(active)


def test_english_headers(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "en.csv"
    result = run_cli("--db", str(demo), "export", str(out), "--headers", "en", "--all")
    assert result.returncode == 0, result.stderr
    header = out.read_bytes().decode("utf-8-sig").split("\r\n")[0]
    assert header.startswith("reference,client,family_name,given_name")
    assert header.endswith(
        "readiness,next_check,reason,procedure,card_period,card_expiry_date,"
        "department_phone,accepted_on,fee,client_address,paid_on,paid_amount,"
        "agent_name,agent_relationship,agent_prefecture,agent_address,coe_delivery,"
        "coe_receipt_registered_on"
    )


def test_cp932_export_names_every_unencodable_cell_and_writes_no_file(
    demo: str, tmp_path: Path
) -> None:
    out = tmp_path / "sjis.csv"
    result = run_cli(
        "--db", str(demo), "--today", TODAY, "export", str(out), "--encoding", "cp932", "--all"
    )
    assert result.returncode == 1
    # 陳郁婷 in the sample data: 婷 is not in CP932.
    assert "cannot be written in CP932" in result.stderr
    assert "column 申請人(漢字)" in result.stderr and "U+5A77" in result.stderr
    assert "26-0013 CHEN YU-TING, column 申請人(漢字)" in result.stderr  # the case, not a row
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_cp932_sheet_with_japanese_headers_and_era_dates(tmp_path: Path) -> None:
    sheet = tmp_path / "office.csv"
    sheet.write_bytes(
        (
            "受託番号,所属機関,申請人(姓),申請人(名),申請人(漢字),国籍・地域,生年月日,在留資格,"
            "申請先,申請日,申請番号,進捗,最終問合せ日,資料提出期限\r\n"
            "0123,株式会社さくら精工,LI,WEI,李偉,中国,1995/4/1,技術・人文知識・国際業務,東京,"
            "令和7年11月3日,0012345,申請済,R7.12.1,\r\n"
            "0124,有限会社みなと食品,WANG,FANG,王芳,台湾,平成13年2月3日,特定技能1号,横浜支局,"
            "R7/10/1,横就認T25-0001,資料提出通知,,令和8年1月20日\r\n"
        ).encode("cp932")
    )
    db = tmp_path / "office.sqlite3"
    result = run_cli("--db", str(db), "--today", TODAY, "import", str(sheet))
    assert result.returncode == 0, result.stderr
    assert "(cp932)" in result.stdout and "2 cases added" in result.stdout
    by_reference = {c["reference"]: c for c in cases_in(db)}
    assert by_reference["0123"]["filing_date"] == "2025-11-03"
    assert by_reference["0123"]["application_number"] == "0012345"
    assert by_reference["0124"]["bureau"] == "横浜支局"
    assert by_reference["0124"]["nationality"] == "TW"
    assert by_reference["0124"]["stage"] == "documents_requested"


def test_problems_are_listed_by_row_and_column_and_nothing_is_written(
    demo: str, tmp_path: Path
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "所属機関,申請人(姓),申請日,在留資格\n"
        "株式会社A,SMITH,2025-11-03,留学\n"
        "株式会社A,JONES,2023-02-29,留学\n"
        "株式会社A,BROWN,平成31年5月1日,魔法使い\n",
        encoding="utf-8",
    )
    before = cases_in(demo)
    result = run_cli("--db", str(demo), "--today", TODAY, "import", str(sheet))
    assert result.returncode == 1
    assert "3 problems" in result.stderr and "nothing was imported" in result.stderr
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert any(line.startswith("Row 3, 申請日:") for line in lines)
    assert any(line.startswith("Row 4, 申請日:") for line in lines)
    assert any(line.startswith("Row 4, 在留資格: Unknown status") for line in lines)
    assert cases_in(demo) == before


def test_dry_run_checks_without_writing(tmp_path: Path) -> None:
    sheet = tmp_path / "ok.csv"
    sheet.write_text("所属機関,申請人(姓)\n株式会社A,SMITH\n", encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    result = run_cli("--db", str(db), "import", str(sheet), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "1 new cases" in result.stdout and "Dry run" in result.stdout
    assert cases_in(db) == []


def test_duplicates_are_refused_unless_update(exported: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    assert run_cli("--db", str(db), "import", str(exported)).returncode == 0
    again = run_cli("--db", str(db), "import", str(exported))
    assert again.returncode == 1
    assert "Duplicate: case 26-0001 already has 受託番号 “26-0001”" in again.stderr
    assert "--update" in again.stderr
    change = tmp_path / "change.csv"
    change.write_text(
        "受託番号,所属機関,申請人(姓),備考\n26-0001,株式会社さくら精工,NGUYEN,電話済み\n",
        encoding="utf-8",
    )
    refused = run_cli("--db", str(db), "import", str(change))
    assert refused.returncode == 1
    updated = run_cli("--db", str(db), "--today", TODAY, "import", str(change), "--update")
    assert updated.returncode == 0, updated.stderr
    assert "0 cases added, 1 updated" in updated.stdout
    out = tmp_path / "after.csv"
    assert run_cli("--db", str(db), "--today", TODAY, "export", str(out), "--all").returncode == 0
    text = out.read_bytes().decode("utf-8-sig")
    row = next(line for line in text.split("\r\n") if line.startswith("'26-0001,"))
    assert "電話済み" in row and "NGUYEN" in row and "VAN AN" in row
    assert len(cases_in(db)) == 44


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (bytes(range(256)) * 8, "NUL"),
        ('所属機関,申請人(姓)\r\nACME,"SMITH\r\n'.encode(), "not valid CSV"),
        (b"", "empty"),
    ],
)
def test_bad_file_gives_a_clear_error(tmp_path: Path, content: bytes, fragment: str) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_bytes(content)
    result = run_cli("--db", str(tmp_path / "db.sqlite3"), "import", str(sheet))
    assert result.returncode == 1
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "backups").glob("*pre-import*"))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    db = str(tmp_path / "db.sqlite3")
    missing = run_cli("--db", db, "import", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "There is no file" in missing.stderr
    folder = run_cli("--db", db, "export", str(tmp_path / "no" / "out.csv"))
    assert folder.returncode == 1 and "There is no folder" in folder.stderr

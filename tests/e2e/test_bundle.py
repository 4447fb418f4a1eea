"""The built bundle (``make bundle`` → ``dist/coetracker``) as a user's machine runs it.

These tests build nothing: ``.ci/run`` runs ``make bundle`` and then ``pytest -m bundle`` on
this file (``make test`` deselects the marker). A missing bundle is a failure, not a skip.

Every run uses a clean environment (no virtual environment, no PYTHONPATH, a fresh HOME), so a
module, data file, Qt plugin or library that the bundle lacks but the build machine's Python has
makes them fail.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coetracker import APP_ID, __version__
from coetracker.selftest import STEP_NAMES

pytestmark = [pytest.mark.bundle, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "coetracker"
EXE_NAME = "coetracker.exe" if sys.platform == "win32" else "coetracker"
CLI_NAME = "coetracker-cli.exe" if sys.platform == "win32" else "coetracker"
LINUX = sys.platform.startswith("linux")
UNUSED_QT = ("Qml", "Quick", "Network", "WebEngine", "3D", "Multimedia", "Pdf", "Sql", "Test")


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not (BUNDLE / EXE_NAME).is_file():
        pytest.fail(f"no bundle at {BUNDLE}: run `make bundle` first")
    return BUNDLE


def clean_env(home: Path) -> dict[str, str]:
    """What `env -i PATH=/usr/bin:/bin HOME=… QT_QPA_PLATFORM=offscreen` gives the process."""
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    if sys.platform == "win32":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env["PATH"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    else:
        env["PATH"] = "/usr/bin:/bin"
    return env


def run_bundle(
    bundle: Path, home: Path, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / CLI_NAME), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean_env(home),
        cwd=cwd or home,
        timeout=180,
        check=False,
    )


def test_self_test_passes_in_a_clean_environment(bundle: Path, tmp_path: Path) -> None:
    result = run_bundle(bundle, tmp_path, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in STEP_NAMES:
        assert re.search(rf"^\s+ok\s+{re.escape(name)} ", result.stdout, re.M), result.stdout
    assert "self-test passed" in result.stdout
    # The self-test works in a temporary folder: nothing is left in HOME.
    assert not (tmp_path / ".local" / "share" / "coetracker").exists()


def test_version_comes_from_the_package(bundle: Path, tmp_path: Path) -> None:
    result = run_bundle(bundle, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout


def test_one_executable_serves_the_sub_commands(bundle: Path, tmp_path: Path) -> None:
    db = tmp_path / "office" / "coe.sqlite3"
    demo = run_bundle(bundle, tmp_path, "--db", str(db), "--today", "2026-11-27", "demo")
    assert demo.returncode == 0, demo.stderr
    listing = run_bundle(
        bundle, tmp_path, "--db", str(db), "--today", "2026-11-27", "list", "--format", "json"
    )
    assert listing.returncode == 0, listing.stderr
    assert len(json.loads(listing.stdout)) >= 40
    check = run_bundle(bundle, tmp_path, "--db", str(db), "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_migration_scripts_travel_as_files(bundle: Path) -> None:
    internal = bundle / "_internal"
    migrations = internal / "coetracker" / "storage" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    source = {p.name for p in (ROOT / "coetracker/storage/migrations/versions").glob("*.py")}
    assert shipped == source


def test_icon_and_translations_are_packaged(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "coetracker" / "resources" / "icons" / "coetracker.svg").is_file()
    compiled = sorted(p.name for p in (ROOT / "resources" / "translations").glob("*.qm"))
    shipped = sorted(
        p.name for p in (internal / "coetracker" / "resources" / "translations").glob("*.qm")
    )
    assert shipped == compiled


def test_no_unused_qt_modules_or_plugins(bundle: Path) -> None:
    names = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*")]
    unused = [
        n
        for n in names
        if re.search(rf"Qt6?({'|'.join(UNUSED_QT)})", Path(n).name)
        or re.search(r"/plugins/(sqldrivers|qmltooling|tls|networkinformation|designer)/", n)
    ]
    assert unused == []
    plugins = [n for n in names if "/plugins/imageformats/" in n]
    assert plugins and all("svg" in n for n in plugins)


def test_nothing_points_back_into_the_build_machine(bundle: Path) -> None:
    """No symbolic link leaves the bundle (into .venv or site-packages) or dangles."""
    for path in bundle.rglob("*"):
        if path.is_symlink():
            target = path.resolve()
            assert target.is_relative_to(bundle.resolve()), f"{path} → {target}"
            assert target.exists(), f"dangling link {path}"


# ELF libraries and the freedesktop menu files exist on Linux only.
if LINUX:

    def test_bundled_qt_libraries_resolve_each_other(bundle: Path) -> None:
        """The spec's pruning kept every Qt library a kept library links to."""
        missing = []
        for path in bundle.rglob("*.so*"):
            if path.is_symlink() or not path.is_file():
                continue
            ldd = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
            missing += [
                f"{path.name}: {line.strip()}"
                for line in ldd.stdout.splitlines()
                if "not found" in line and re.search(r"Qt6|pyside|shiboken|python", line)
            ]
        assert missing == []

    def test_desktop_files_are_in_the_bundle_with_the_version(bundle: Path) -> None:
        share = bundle / "_internal" / "share"
        assert (share / "applications" / f"{APP_ID}.desktop").is_file()
        metainfo = (share / "metainfo" / f"{APP_ID}.metainfo.xml").read_text("utf-8")
        assert f'<release version="{__version__}"' in metainfo
        assert "@VERSION@" not in metainfo and "@DATE@" not in metainfo
        for size in (16, 32, 48, 256):
            assert (
                share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
            ).is_file()

    def test_install_desktop_puts_the_bundle_in_the_menu(bundle: Path, tmp_path: Path) -> None:
        data = tmp_path / "xdg"
        env = {**clean_env(tmp_path), "XDG_DATA_HOME": str(data)}
        script = ROOT / "packaging" / "linux" / "install-desktop.sh"
        done = subprocess.run(
            ["bash", str(script), str(bundle)], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 0, done.stderr
        entry = (data / "applications" / f"{APP_ID}.desktop").read_text("utf-8")
        assert f'Exec="{bundle.resolve() / "coetracker"}"' in entry
        assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
        assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()

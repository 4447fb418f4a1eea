"""Packaging files agree with the package, and the build-time icon renders are well formed.

No bundle is needed here (``tests/e2e/test_bundle.py`` checks the built one): the freedesktop
files name the application id of ``coetracker/__init__.py``; ``scripts/build_icons.py`` writes
real PNG, ICO and ICNS files; ``install-desktop.sh`` installs into ``$XDG_DATA_HOME`` and uninstalls
again, tried on a folder laid out like a bundle.
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from coetracker import APP_ID, APP_NAME

ROOT = Path(__file__).resolve().parents[2]
LINUX_DIR = ROOT / "packaging" / "linux"
DESKTOP = LINUX_DIR / f"{APP_ID}.desktop"
METAINFO = LINUX_DIR / f"{APP_ID}.metainfo.xml"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_names_the_app_id_and_icon() -> None:
    entry = desktop_entry(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "coetracker"  # install-desktop.sh puts the bundle's path here
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    assert "GenericName[ja]" in entry and "Comment[ja]" in entry


def test_metainfo_names_the_app_id_and_takes_the_version_at_build_time() -> None:
    tree = ET.parse(METAINFO)
    component = tree.getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == APP_NAME
    assert component.findtext("project_license") == "MIT"
    launchable = component.find("launchable")
    assert launchable is not None and launchable.text == f"{APP_ID}.desktop"
    release = component.find("releases/release")
    assert release is not None
    assert release.get("version") == "@VERSION@" and release.get("date") == "@DATE@"


def test_the_spec_imports_name_version_and_id_from_the_package() -> None:
    spec = (ROOT / "packaging" / "coetracker.spec").read_text("utf-8")
    assert "from coetracker import APP_ID, APP_NAME, __version__" in spec
    assert "bundle_identifier=APP_ID" in spec
    assert 'name="coetracker-cli"' in spec and "console=True" in spec


def test_inno_setup_script_installs_per_user_with_shortcuts() -> None:
    iss = (ROOT / "packaging" / "windows" / "coetracker.iss").read_text("utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "{autoprograms}" in iss and "{autodesktop}" in iss
    assert "Uninstallable=yes" in iss
    assert f'#define AppId "{APP_ID}"' in iss
    assert 'GetStringFileInfo(BundleDir + "\\" + AppExe, "ProductVersion")' in iss


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_icons.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


def test_png_sizes_are_rendered_square(icons: Path) -> None:
    for size in (16, 32, 48, 256, 1024):
        data = (icons / "png" / f"coetracker-{size}.png").read_bytes()
        assert data.startswith(PNG_MAGIC)
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)


def test_ico_directory_points_at_png_images(icons: Path) -> None:
    data = (icons / "coetracker.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 6
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert data[offset : offset + 8] == PNG_MAGIC
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert {16, 32, 48, 256} <= set(sizes)


def test_icns_entries_are_png_images(icons: Path) -> None:
    data = (icons / "coetracker.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    position, types = 8, []
    while position < len(data):
        code, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        assert data[position + 8 : position + 16] == PNG_MAGIC
        types.append(code)
        position += length
    assert position == len(data)
    assert {b"icp4", b"ic07", b"ic08", b"ic10"} <= set(types)


def test_hicolor_tree_uses_the_app_id(icons: Path) -> None:
    assert (icons / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (icons / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()


def test_install_desktop_installs_and_uninstalls(icons: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "My Apps" / "coetracker"
    share = bundle / "_internal" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy(DESKTOP, share / "applications")
    shutil.copy(METAINFO, share / "metainfo")
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    exe = bundle / "coetracker"
    exe.write_text("#!/bin/sh\n", encoding="utf-8")
    exe.chmod(0o755)
    data = tmp_path / "xdg-data"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    script = LINUX_DIR / "install-desktop.sh"

    done = subprocess.run(
        ["bash", str(script), str(bundle)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    installed = data / "applications" / f"{APP_ID}.desktop"
    entry = desktop_entry(installed)
    assert entry["Exec"] == f'"{exe}"'  # quoted: the folder has a space
    assert entry["TryExec"] == str(exe)
    assert entry["Icon"] == APP_ID
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()

    undone = subprocess.run(
        ["bash", str(script), "--uninstall", str(bundle)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert undone.returncode == 0, undone.stderr
    assert not installed.exists()
    assert not list((data / "icons").rglob(f"{APP_ID}.*"))


def test_install_desktop_refuses_a_folder_that_is_no_bundle(tmp_path: Path) -> None:
    done = subprocess.run(
        ["bash", str(LINUX_DIR / "install-desktop.sh"), str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 1
    assert "not a COE Tracker bundle" in done.stderr

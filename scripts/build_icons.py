"""Render the application icon's raster forms from its SVG source, at build time.

``resources/icons/coetracker.svg`` is the only icon kept in the repository. This script renders,
into an output folder (``build/icons`` by default, never committed):

* ``png/coetracker-<N>.png`` for every size in :data:`PNG_SIZES`;
* ``hicolor/<N>x<N>/apps/<APP_ID>.png`` and ``hicolor/scalable/apps/<APP_ID>.svg``: the
  freedesktop icon theme layout that ``make install-desktop`` copies into the user's menu;
* ``coetracker.ico`` (Windows executable and installer) and ``coetracker.icns`` (macOS bundle),
  written here directly: both formats are a small index followed by PNG images, so no imaging
  library is needed.

Rendering uses Qt's SVG renderer (QtSvg, part of PySide6-Essentials) on Qt's offscreen platform.

Usage: ``python scripts/build_icons.py [--out DIR]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "coetracker.svg"
DEFAULT_OUT = ROOT / "build" / "icons"

PNG_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256, 512, 1024)
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
# (type code, pixel size): the PNG-carrying ICNS entries, 1x and @2x.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


@dataclass(frozen=True, slots=True)
class IconSet:
    """Where the rendered icons were written."""

    out_dir: Path
    svg: Path
    pngs: dict[int, Path]
    hicolor: Path
    ico: Path
    icns: Path


def _app_id() -> str:
    sys.path.insert(0, str(ROOT))
    try:
        from coetracker import APP_ID
    finally:
        sys.path.pop(0)
    return APP_ID


def render_pngs(source: Path, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """PNG bytes of ``source`` rendered square at each size, antialiased, transparent."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"build_icons: {source} is not a valid SVG")
    result: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stub wants bytes
            raise SystemExit(f"build_icons: could not encode the {size}px PNG")
        buffer.close()
        result[size] = bytes(data.data())
    del _app
    return result


def ico_bytes(pngs: dict[int, bytes], sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """A Windows .ico holding PNG images (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    images = b""
    for size in sizes:
        data = pngs[size]
        edge = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes], types: tuple[tuple[bytes, int], ...] = ICNS_TYPES) -> bytes:
    """A macOS .icns holding PNG images (type code, big-endian length, data)."""
    body = b"".join(
        code + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for code, size in types
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def build_icons(out_dir: Path = DEFAULT_OUT, source: Path = SOURCE) -> IconSet:
    """Render every raster form of ``source`` into ``out_dir`` (replacing what was there)."""
    app_id = _app_id()
    pngs = render_pngs(source, PNG_SIZES)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "png").mkdir(parents=True)
    paths: dict[int, Path] = {}
    for size, data in pngs.items():
        path = out_dir / "png" / f"coetracker-{size}.png"
        path.write_bytes(data)
        paths[size] = path
    hicolor = out_dir / "hicolor"
    for size in HICOLOR_SIZES:
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        (folder / f"{app_id}.png").write_bytes(pngs[size])
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(source, scalable / f"{app_id}.svg")
    svg = out_dir / "coetracker.svg"
    shutil.copyfile(source, svg)
    ico = out_dir / "coetracker.ico"
    ico.write_bytes(ico_bytes(pngs))
    icns = out_dir / "coetracker.icns"
    icns.write_bytes(icns_bytes(pngs))
    return IconSet(out_dir=out_dir, svg=svg, pngs=paths, hicolor=hicolor, ico=ico, icns=icns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the SVG to render")
    args = parser.parse_args(argv)
    icons = build_icons(args.out.resolve(), args.source.resolve())
    print(f"build_icons: {len(icons.pngs)} PNG sizes, .ico and .icns in {icons.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

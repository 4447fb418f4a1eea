#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (CJK font for rendering and
# printing Japanese, poppler's pdftotext to read printed PDFs, LibreOffice Calc to open exported
# workbooks as an office would, Qt's runtime libraries, and a PostgreSQL server that the tests start
# in a temporary folder for the office mode).
# On a machine without apt (macOS, Windows) it only says what it could not check.
set -euo pipefail
packages=(fonts-noto-cjk poppler-utils libreoffice-calc-nogui libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 postgresql)
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "ensure-debs: no dpkg here; install a CJK font and poppler (pdftotext) yourself" >&2
    exit 0
fi
missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == *"ok installed"* ]] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "ensure-debs: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "ensure-debs: need root to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

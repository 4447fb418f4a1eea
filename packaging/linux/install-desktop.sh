#!/usr/bin/env bash
# Puts COE Tracker in the current user's application menu: the launcher (.desktop) pointing at
# the bundle's executable, the icons (hicolor sizes and scalable SVG) and the AppStream file,
# all under $XDG_DATA_HOME (default ~/.local/share). Nothing outside the user's folder changes.
#
#   packaging/linux/install-desktop.sh [BUNDLE_DIR]            (default: dist/coetracker)
#   packaging/linux/install-desktop.sh --uninstall [BUNDLE_DIR]
#
# The files come from the bundle itself (_internal/share/…), so this works from a copied
# bundle without the source tree. Run `make bundle` first, or `make install-desktop`.
set -euo pipefail

uninstall=0
if [ "${1:-}" = "--uninstall" ]; then uninstall=1; shift; fi
bundle_arg="${1:-dist/coetracker}"
[ -d "$bundle_arg" ] || { echo "install-desktop: no bundle folder $bundle_arg (run make bundle)" >&2; exit 1; }
bundle=$(cd "$bundle_arg" && pwd)
exe="$bundle/coetracker"
share="$bundle/_internal/share"
[ -d "$share" ] || share="$bundle/share"
[ -x "$exe" ] && [ -d "$share/applications" ] || {
    echo "install-desktop: $bundle is not a COE Tracker bundle (run make bundle)" >&2; exit 1; }

desktop_src=$(find "$share/applications" -maxdepth 1 -name '*.desktop' | head -n 1)
app_id=$(basename "$desktop_src" .desktop)
data="${XDG_DATA_HOME:-$HOME/.local/share}"

if [ "$uninstall" -eq 1 ]; then
    rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml"
    find "$data/icons/hicolor" -path "*/apps/$app_id.*" -delete 2>/dev/null || true
    echo "install-desktop: removed $app_id from $data"
else
    case "$exe" in
        *[\"\`\$\\%]*) echo "install-desktop: the bundle path must not contain \" \` \$ \\ or %: $exe" >&2; exit 1 ;;
    esac
    mkdir -p "$data/applications" "$data/metainfo" "$data/icons/hicolor"
    cp -R "$share/icons/hicolor/." "$data/icons/hicolor/"
    sed -e "s|^Exec=.*|Exec=\"$exe\"|" -e "s|^TryExec=.*|TryExec=$exe|" \
        "$desktop_src" > "$data/applications/$app_id.desktop.tmp"
    mv "$data/applications/$app_id.desktop.tmp" "$data/applications/$app_id.desktop"
    cp "$share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
    echo "install-desktop: $app_id → $exe (menu entry and icons in $data)"
fi
# Refresh the caches where the tools exist; desktops also notice the files by themselves.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
fi
exit 0

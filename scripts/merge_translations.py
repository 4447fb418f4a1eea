"""A git merge driver for Qt ``.ts`` files: the union of both sides' messages.

Two branches that each add strings to ``resources/translations/coetracker_ja.ts`` conflict as
text although they never disagree about a message. This driver merges by message instead: a
message (context, source) present on either side is kept, with the translation that changed
against the common ancestor (ours wins when both changed it); a message one side removed and the
other left as it was is removed. Run ``scripts/update_translations.py`` afterwards to drop what the
merged code no longer has and restore lupdate's order.

Registered per clone (``.gitattributes`` names the driver, the clone's config says how to run it):

    git config merge.qtts.driver "python3 scripts/merge_translations.py %O %A %B"

Exit status 0: merged into the ``%A`` file; 1: a side could not be parsed (git reports a conflict).
"""

from __future__ import annotations

import copy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

Key = tuple[str, str]
if TYPE_CHECKING:  # generic only in the type stubs
    Tree = ET.ElementTree[ET.Element]


def _parse(path: Path) -> Tree | None:
    try:
        return ET.parse(path)  # noqa: S314 - the repository's own .ts files
    except (ET.ParseError, OSError):
        return None


def _messages(tree: Tree | None) -> dict[Key, ET.Element]:
    found: dict[Key, ET.Element] = {}
    if tree is None:
        return found
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _same(a: ET.Element | None, b: ET.Element | None) -> bool:
    if a is None or b is None:
        return a is b
    return ET.tostring(a) == ET.tostring(b)


def merge(base_path: Path, ours_path: Path, theirs_path: Path) -> int:
    """Merge ``theirs`` into ``ours`` (rewritten in place); 0 on success."""
    ours_tree = _parse(ours_path)
    theirs_tree = _parse(theirs_path)
    if ours_tree is None or theirs_tree is None:
        return 1
    base = _messages(_parse(base_path))
    ours = _messages(ours_tree)
    theirs = _messages(theirs_tree)
    root = ours_tree.getroot()
    contexts = {c.findtext("name") or "": c for c in root.iter("context")}

    for key, their_message in theirs.items():
        context_name, _source = key
        our_message = ours.get(key)
        if our_message is None:
            if key in base and _same(base[key], their_message):
                continue  # we removed it, they left it as it was
            context = contexts.get(context_name)
            if context is None:
                context = ET.SubElement(root, "context")
                ET.SubElement(context, "name").text = context_name
                contexts[context_name] = context
            context.append(copy.deepcopy(their_message))
        elif not _same(our_message, their_message) and _same(our_message, base.get(key)):
            parent = contexts[context_name]
            index = list(parent).index(our_message)
            parent.remove(our_message)
            parent.insert(index, copy.deepcopy(their_message))

    for key, base_message in base.items():
        if key in theirs or key not in ours:
            continue
        if _same(ours[key], base_message):
            contexts[key[0]].remove(ours[key])

    ET.indent(ours_tree, space="    ")
    text = ET.tostring(root, encoding="unicode")
    ours_path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n", encoding="utf-8"
    )
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: merge_translations.py BASE OURS THEIRS", file=sys.stderr)
        return 2
    return merge(*(Path(a) for a in argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

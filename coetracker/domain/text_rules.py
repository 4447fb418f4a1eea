"""What text may be stored in names, identifiers and notes: no control characters, no bidi
overrides in names, and a length cap per field.

Control characters (ESC, BEL, NUL, …) in a name would reach terminals and printed pages as
commands; bidi overrides (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) make a name
display in a different order than it is stored. Control characters other than tab and line
breaks are refused everywhere, bidi controls in names and identifiers (notes may quote text
written right to left).

Length caps (characters), chosen for what real documents hold, and equal to the columns'
declared sizes:

* romanised family and given names: 100 each. A passport's machine-readable zone holds 39
  characters for both names together (ICAO Doc 9303, TD3) and truncates longer names, so it is
  too small a cap for the full names printed in the passport's visual zone, which is what is
  recorded;
* kanji name 100, kana reading 200 (the application form's name field, with room for long
  transcriptions); client name 200;
* passport number 20 (ICAO allows 9 characters; some countries' numbers are longer);
* office reference (受託番号) 40, application number (申請番号) 60;
* notes 10,000 (a printed one-page summary stays readable).
"""

from __future__ import annotations

import re

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message

__all__ = ["CAPS", "NOTES_CAP", "text_problem"]

CAPS: dict[str, int] = {
    "family_name": 100,
    "given_name": 100,
    "name_kanji": 100,
    "name_kana": 200,
    "passport_number": 20,
    "name": 200,
    "reference": 40,
    "application_number": 60,
}
NOTES_CAP = 10_000

_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line breaks (which a pasted cell may hold)."""
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def text_problem(value: object, *, limit: int, notes: bool = False) -> Message | None:
    """Why ``value`` cannot be stored in a field capped at ``limit`` characters, or ``None``."""
    if not isinstance(value, str) or not value:
        return None
    if _CONTROL.search(value):
        return message(
            "Services",
            QT_TRANSLATE_NOOP(
                "Services",
                "This text holds a control character (such as an escape or bell code): remove it.",
            ),
        )
    if not notes and _BIDI.search(value):
        return message(
            "Services",
            QT_TRANSLATE_NOOP(
                "Services",
                "This text holds a character that reverses the writing direction: remove it.",
            ),
        )
    if len(value) > limit:
        return message(
            "Services",
            QT_TRANSLATE_NOOP("Services", "This text is too long: at most {limit} characters."),
            limit=limit,
        )
    return None

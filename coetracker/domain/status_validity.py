"""When a status of residence can be applied for: its validity dates.

Some statuses have a first or last day (育成就労 from 2027-04-01; 技能実習 entries under plans
certified before then continue until 2027-06-30). A new application is offered the statuses valid
on its filing date, or on today before it is filed; a stored case keeps the status it has.
"""

from __future__ import annotations

import datetime as dt


def valid_on(valid_from: dt.date | None, valid_to: dt.date | None, day: dt.date) -> bool:
    """True when ``day`` falls within ``valid_from``–``valid_to`` (both inclusive; ``None`` is
    open-ended)."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)

"""Rule 5: the identifiers nobody can inquire without (application number, filing date,
bureau, applicant name).
"""

from __future__ import annotations

from typing import Final

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import (
    Assessment,
    CaseFacts,
    Reason,
)
from coetracker.domain.readiness.build import _MISSING_INFO, CONTEXT, new_assessment, new_reason

# --- rule 5: identifiers ---------------------------------------------------------------------


def _identifier(
    rule: str, present: Message, missing: Message, action: Message
) -> tuple[Reason, Reason, Message, Message]:
    """(reason when present, reason when missing, headline when only it is missing, action)."""
    return new_reason(rule, True, present), new_reason(rule, False, missing), missing, action


_APPLICATION_NUMBER: Final = _identifier(
    "application_number",
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Application number recorded")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Application number missing")),
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "Enter the application number from the receipt slip (or the online system's e-mail)",
        ),
    ),
)
_FILING_DATE: Final = _identifier(
    "filing_date",
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Filing date recorded")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Filing date missing")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Enter the filing date from the receipt slip")),
)
_BUREAU: Final = _identifier(
    "bureau",
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Bureau recorded")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Bureau missing")),
    message(
        CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Choose the bureau the application was filed with")
    ),
)
_APPLICANT_NAME: Final = _identifier(
    "applicant_name",
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Applicant name recorded")),
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Applicant name missing")),
    message(
        CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Enter the applicant's name as in the passport")
    ),
)
_IDENTIFIERS_PRESENT: Final = new_reason(
    "identifiers",
    True,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness", "Application number, filing date, bureau and applicant name recorded"
        ),
    ),
)
_SEVERAL_MISSING_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness", "Enter the missing identifiers listed below: nobody can inquire without them"
    ),
)


def _filled(text: str | None) -> bool:
    return text is not None and text.strip() != ""


def missing_identifiers(facts: CaseFacts, reasons: list[Reason], explain: bool) -> Assessment:
    """MISSING_INFO naming what is missing (at least one identifier is)."""
    checks = (
        (_APPLICATION_NUMBER, _filled(facts.application_number)),
        (_FILING_DATE, facts.filing_date is not None),
        (_BUREAU, _filled(facts.bureau_name)),
        (_APPLICANT_NAME, facts.applicant_name_present),
    )
    missing = [identifier for identifier, present in checks if not present]
    if explain:
        reasons.extend(identifier[0] if ok else identifier[1] for identifier, ok in checks)
    if len(missing) == 1:
        headline, action = missing[0][2], missing[0][3]
    else:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Missing information: {count} identifiers"),
            count=len(missing),
        )
        action = _SEVERAL_MISSING_ACTION
    return new_assessment(_MISSING_INFO, headline, tuple(reasons), action)

"""Rule 3: an issued certificate (issued, sent, visa applied): its validity, the planned entry,
the warning window, and what to send the applicant by when (paper copy or scan, or the e-mail
and its receipt registration, 受領登録).
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Final

from coetracker.domain.calendar_math import add_months
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import (
    Assessment,
    CaseFacts,
    Level,
    Policy,
    Reason,
)
from coetracker.domain.readiness.build import (
    _COE_EXPIRING,
    _ISSUED,
    _ISSUED_STAGE,
    _SENT_STAGE,
    CONTEXT,
    _day_after,
    _fromordinal,
    _set_extra,
    new_assessment,
    new_reason,
)
from coetracker.domain.workdays import (
    add_business_days,
    first_open_ordinal,
)

# --- rule 3: issued, sent, visa applied ------------------------------------------------------

_ISSUE_DATE_MISSING: Final = new_assessment(
    Level.MISSING_INFO,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Certificate issued: issue date missing")),
    (
        new_reason(
            "issue_date",
            False,
            message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness", "No issue date (作成日) recorded: the expiry cannot be computed"
                ),
            ),
        ),
    ),
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP("Readiness", "Enter the issue date (作成日) printed on the certificate"),
    ),
)
_NO_PLANNED_ENTRY: Final = new_reason(
    "planned_entry",
    True,
    message(CONTEXT, QT_TRANSLATE_NOOP("Readiness", "No planned entry date recorded")),
)
_CERTIFICATE_EXPIRED: Final[MappingProxyType[str, object]] = MappingProxyType(
    {"certificate_expired": True}
)
_EXPIRED_ACTION: Final = message(
    CONTEXT,
    QT_TRANSLATE_NOOP(
        "Readiness",
        "The certificate cannot be used or reissued: file a new application if the applicant still means to come",  # noqa: E501
    ),
)


def assess_issued(facts: CaseFacts, today: dt.date, policy: Policy, explain: bool) -> Assessment:
    issued = facts.coe_issued_date
    if issued is None:
        return _ISSUE_DATE_MISSING
    window = policy.expiry_warning_days
    expiry = add_months(issued, policy.coe_validity_months)
    days_left = (expiry - today).days
    warn_from = _fromordinal(expiry.toordinal() - window)
    planned = facts.planned_entry_date
    entry_late = planned is not None and planned > expiry
    reasons = _issued_reasons(facts, today, policy, expiry) if explain else ()

    if days_left < 0:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Certificate expired on {expiry}"),
            expiry=expiry,
        )
        expired = new_assessment(
            _COE_EXPIRING, headline, reasons, _EXPIRED_ACTION, coe_expiry=expiry
        )
        _set_extra(expired, _CERTIFICATE_EXPIRED)
        return expired
    if entry_late:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Certificate expires {expiry}, before the planned entry {entry}"
            ),
            expiry=expiry,
            entry=planned,
        )
        action = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Bring the entry forward: visa and landing must both be done by {expiry}, or a new application is needed",  # noqa: E501
            ),
            expiry=expiry,
        )
    elif days_left <= window:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Certificate expires {expiry}: {days} days left"),
            expiry=expiry,
            days=days_left,
        )
        action = _issued_action(facts, today, policy, expiry, hurry=True)
    else:
        headline = message(
            CONTEXT,
            QT_TRANSLATE_NOOP("Readiness", "Certificate valid until {expiry} ({days} days left)"),
            expiry=expiry,
            days=days_left,
        )
        action = _issued_action(facts, today, policy, expiry, hurry=False)
        return new_assessment(
            _ISSUED, headline, reasons, action, None, warn_from, coe_expiry=expiry
        )
    changes_on = _day_after(expiry)
    return new_assessment(
        _COE_EXPIRING, headline, reasons, action, None, changes_on, coe_expiry=expiry
    )


def _issued_reasons(
    facts: CaseFacts, today: dt.date, policy: Policy, expiry: dt.date
) -> tuple[Reason, ...]:
    """Validity, planned entry and warning window, with their numbers."""
    months = policy.coe_validity_months
    window = policy.expiry_warning_days
    days_left = (expiry - today).days
    validity = new_reason(
        "coe_validity",
        days_left >= 0,
        message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "Issued {issued}; valid {months} months → expires {expiry}"
            ),
            issued=facts.coe_issued_date,
            months=months,
            expiry=expiry,
        ),
    )
    planned = facts.planned_entry_date
    if planned is None:
        entry = _NO_PLANNED_ENTRY
    elif planned > expiry:
        entry = new_reason(
            "planned_entry",
            False,
            message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness", "Planned entry {entry} is after the expiry {expiry}"
                ),
                entry=planned,
                expiry=expiry,
            ),
        )
    else:
        entry = new_reason(
            "planned_entry",
            True,
            message(
                CONTEXT,
                QT_TRANSLATE_NOOP("Readiness", "Planned entry {entry} is by the expiry {expiry}"),
                entry=planned,
                expiry=expiry,
            ),
        )
    if days_left < 0:
        text = message(
            CONTEXT, QT_TRANSLATE_NOOP("Readiness", "Expired {days} days ago"), days=-days_left
        )
    elif days_left <= window:
        text = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "{days} days left: within the {window}-day warning window"
            ),
            days=days_left,
            window=window,
        )
    else:
        text = message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness", "{days} days left; the {window}-day warning window opens on {date}"
            ),
            days=days_left,
            window=window,
            date=_fromordinal(expiry.toordinal() - window),
        )
    window_reason = new_reason("expiry_window", days_left > window, text)
    if facts.coe_delivery != "email":
        return validity, entry, window_reason
    registered = facts.coe_receipt_registered_on
    if registered is None:
        receipt = _RECEIPT_NOT_REGISTERED
    else:
        receipt = new_reason(
            "receipt_registration",
            True,
            message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Electronic certificate: the applicant registered receipt (受領登録) on {date}",
                ),
                date=registered,
            ),
        )
    return validity, entry, window_reason, receipt


_RECEIPT_NOT_REGISTERED: Final = new_reason(
    "receipt_registration",
    False,
    message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness",
            "Electronic certificate: receipt not registered (受領登録) yet; it cannot be used for the visa or at landing until the applicant registers it",  # noqa: E501
        ),
    ),
)


def _send_by(facts: CaseFacts, today: dt.date, policy: Policy, expiry: dt.date) -> dt.date:
    """The last open day to get the certificate to the applicant: the visa's working days
    before the planned entry (or the expiry, when no earlier entry is planned), and never
    before the first open day from today."""
    planned = facts.planned_entry_date
    target = planned if planned is not None and planned <= expiry else expiry
    latest = add_business_days(target, -policy.visa_working_days)
    return max(latest, _fromordinal(first_open_ordinal(today.toordinal())))


def _issued_action(
    facts: CaseFacts, today: dt.date, policy: Policy, expiry: dt.date, *, hurry: bool
) -> Message:
    """What to do with a valid certificate, by how far it has got and how it was delivered."""
    stage = facts.stage
    delivery = facts.coe_delivery
    visa = policy.visa_working_days
    if stage is _ISSUED_STAGE and delivery == "email":
        registered = facts.coe_receipt_registered_on
        if registered is not None:
            return message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "The applicant registered receipt (受領登録) on {registered}: record the certificate as sent; the visa takes about {visa} working days, landing by {expiry}",  # noqa: E501
                ),
                registered=registered,
                visa=visa,
                expiry=expiry,
            )
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Forward the e-mail with the electronic certificate to the applicant now, at the latest by {date}; the applicant must register receipt (受領登録) through its URL before applying for the visa (about {visa} working days), then record the registration here; landing by {expiry}",  # noqa: E501
            ),
            date=_send_by(facts, today, policy, expiry),
            visa=visa,
            expiry=expiry,
        )
    if stage is _ISSUED_STAGE and delivery == "paper":
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Send the applicant a copy or scan of the paper certificate now, at the latest by {date} (accepted for the visa and at landing since 2023-03-17); the visa takes about {visa} working days, landing by {expiry}",  # noqa: E501
            ),
            date=_send_by(facts, today, policy, expiry),
            visa=visa,
            expiry=expiry,
        )
    if stage is _ISSUED_STAGE:
        if hurry:
            return message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Forward the certificate to the applicant now: visa and landing must both be done by {expiry}",  # noqa: E501
                ),
                expiry=expiry,
            )
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Forward the certificate to the applicant (paper by post, or the e-mail as received) before {expiry}",  # noqa: E501
            ),
            expiry=expiry,
        )
    if stage is _SENT_STAGE:
        if delivery == "email" and facts.coe_receipt_registered_on is None:
            return message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Make sure the applicant registers receipt (受領登録) through the e-mailed URL before applying for the visa, and record it here; visa (about {visa} working days) and landing by {expiry}",  # noqa: E501
                ),
                visa=visa,
                expiry=expiry,
            )
        if hurry:
            return message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Readiness",
                    "Make sure the applicant applies for the visa now (about 5 working days) and lands by {expiry}",  # noqa: E501
                ),
                expiry=expiry,
            )
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "The applicant applies for the visa (about 5 working days) and lands by {expiry}",
            ),
            expiry=expiry,
        )
    if hurry:
        return message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Readiness",
                "Make sure the applicant lands in Japan by {expiry}, then record the entry date",
            ),
            expiry=expiry,
        )
    return message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "Readiness", "Record the entry date once the applicant has landed (by {expiry})"
        ),
        expiry=expiry,
    )

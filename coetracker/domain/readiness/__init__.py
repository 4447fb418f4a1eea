"""The readiness rules: is a status check with the bureau appropriate today, and if not, why not?

One public entry point, :func:`assess` (and :func:`assess_many` for a list); the rules live in
small modules of this package, one per step of the order below.

:func:`assess` reads immutable :class:`~coetracker.domain.model.CaseFacts` and returns an
immutable :class:`~coetracker.domain.model.Assessment`, following DESIGN.md §5 exactly: the first
rule that applies decides, in this order —

1. archived, or stage entered / denied / withdrawn / expired → CLOSED;
2. stage preparing → PREPARING;
3. stage issued / sent / visa applied: no issue date → MISSING_INFO; expiry (issue date +
   ``coe_validity_months``, clamped to month end) before today, before the planned entry date, or
   ``expiry - today <= expiry_warning_days`` → COE_EXPIRING; else ISSUED;
4. filed stages: an open document request past its effective deadline (extension, else printed
   deadline, else notice date + ``default_deadline_days``) → DOCS_OVERDUE; any other open request
   → DOCS_DUE, with business days left (:mod:`~coetracker.domain.workdays`);
5. application number, filing date, bureau or applicant name missing → MISSING_INFO;
6. bureau takes no progress inquiries → WAITING without ``next_check``;
7. ``eligible = filing + ceil(benchmark × ready factor)``, brought forward to ``max(filing +
   ceil(benchmark × urgent factor), planned entry − urgency window)`` when that is earlier;
   ``cool = max(last inquiry + inquiry cool-down, last submission + submission cool-down)``;
   ``next_check = max(eligible, cool)``: READY from that day, WAITING before it.

Decisions beyond the design text:

- **Online-system checks do not start the cool-down.** An inquiry logged with channel
  ``ONLINE_SYSTEM`` means the filer looked at the online system; that costs the examiners nothing,
  and the cool-down exists to spare them. Consistently, READY for an online filing asks the filer
  to check the online system, and logging that check leaves the case READY (the check may be
  repeated freely). Phone, counter and e-mail inquiries start the cool-down whatever the filing
  channel. The reasons list the online checks that were left out.
- ``Reason.passed`` is True when the rule raises no concern and does not stand in the way of a
  status check ("no open document request", "cool-down over", "average exceeded").
- ``changes_on`` is the first later date on which the level — or the urgency the texts report (a
  request entering the due-soon window, a certificate expiring) — can change with the facts
  unchanged: ``next_check``; the day a deadline enters the due-soon window; the day after a
  deadline; the day the expiry warning window opens; the day after expiry. ``None``: never.
  Counts in the texts ("12 days left") are as of ``today``.
- Deadlines are compared by calendar day, as printed or agreed: a deadline that falls on a closed
  day is not moved. Every date the rules *propose* (next check, ready from, a check justified
  from, the end of a pause, the day to send a certificate by) is a day the bureau is open.
- A certificate whose validity has ended stays COE_EXPIRING (it sorts with the urgent levels);
  ``extra["certificate_expired"]`` tells the labels to say "COE expired" (期限切れ).
- An extension or a change of status reads its own procedure's figure (the caller puts it in
  ``facts.benchmark``: the status's, else the procedure's average across statuses), else the
  value in Settings; the benchmark reason names which.

All user-facing text is a :class:`~coetracker.domain.messages.Message` in the ``"Readiness"``
context; dates are passed as dates and averages and factors as floats, for the renderer to format.

Performance (DESIGN.md §11: 100,000 cases listed and assessed at start-up): constant texts and
results are built once, dates are compared as ordinals, enum members are module globals, and the
frozen result objects are filled slot by slot. ``explain=False`` skips the reasons (a list needs
level, headline, action and dates; the detail pane explains one case), and :func:`assess_many`
pauses the cyclic garbage collector, which would otherwise re-scan every result built so far.
"""

from __future__ import annotations

from coetracker.domain.readiness.benchmark import STALE_AFTER_MONTHS
from coetracker.domain.readiness.build import CONTEXT
from coetracker.domain.readiness.documents import effective_deadline
from coetracker.domain.readiness.entry import assess, assess_many

__all__ = ["CONTEXT", "STALE_AFTER_MONTHS", "assess", "assess_many", "effective_deadline"]

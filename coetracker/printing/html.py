"""The printed documents — case summary, call sheet, case list — as Qt rich-text HTML.

Each builder takes plain values (:class:`~coetracker.services.records.CaseDetail`,
:class:`~coetracker.services.records.CaseRow`, :class:`~coetracker.services.settings.OfficeDetails`)
and returns a :class:`PrintDocument`: the HTML body plus what the page painter stamps on every
page (office name, title, print time). Nothing here touches Qt widgets or the database, so the
GUI (print preview) and the CLI (``coetracker print``) print the very same documents.

Safety: the markup is fixed text written in this module; every value that comes from the user or
the database (names, notes, numbers, translated labels) goes through :func:`esc`, so a note
``<b>x</b>`` prints as those eight characters, never as bold text.

Personal data on paper (DOMAIN.md "Personal data"):

* Passport numbers are masked to their last two characters (``••••••67``) unless the caller
  passes ``show_passport=True`` (the user ticked "show passport number" or ``--show-passport``).
* The date of birth is printed on the call sheet only: the bureau identifies an applicant on the
  phone by application number, name, nationality and date of birth, so the sheet is useless
  without it. The case summary (kept with the case papers, sometimes shown to the client) and the
  case list leave it out: they do not need it.

Labels are translated in the context ``"Printing"``; stored codes (stage, channel, outcome,
procedure) are named by :mod:`coetracker.domain.labels`, so paper and screen use one word. Dates
go through the ``format_date`` callable the caller passes (ISO by default), so the Japanese-era
display setting applies to printouts too.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NewType

from coetracker.domain import labels
from coetracker.domain.levels import assessment_short_label
from coetracker.domain.messages import DateFormatter, Message, iso_date
from coetracker.domain.model import Assessment, FilingChannel, Level, Stage
from coetracker.domain.nationalities import by_code
from coetracker.domain.procedures import Procedure
from coetracker.i18n import current_language, translate
from coetracker.services.records import (
    CaseDetail,
    CaseInput,
    CaseRow,
    DocumentRequestRecord,
    InquiryRecord,
)
from coetracker.services.settings import OfficeDetails

__all__ = [
    "PrintDocument",
    "call_sheet",
    "case_list",
    "case_summary",
    "esc",
    "mask_passport",
]

Html = NewType("Html", str)
"""Markup built in this module: fixed tags around values that went through :func:`esc`."""

MASK = "•"
DASH = "—"
CHECK = "✓"
CROSS = "✗"
VISIBLE_PASSPORT_CHARACTERS = 2
INQUIRIES_ON_CALL_SHEET = 3

LEVEL_TINTS: dict[Level, str] = {
    Level.DOCS_OVERDUE: "#f4c7c3",
    Level.COE_EXPIRING: "#f9d4b4",
    Level.RENEWAL_DUE: "#f6cfe0",
    Level.DOCS_DUE: "#fce8b2",
    Level.READY: "#c8e6c9",
    Level.MISSING_INFO: "#e1d5f0",
    Level.WAITING: "#dde5ee",
    Level.ISSUED: "#c6e9ee",
    Level.PREPARING: "#eeeeee",
    Level.CLOSED: "#e3e3e3",
}
"""Light tints (legible in black and white too: the label is always printed)."""


@dataclass(frozen=True, slots=True)
class PrintDocument:
    """One document ready to paint: the HTML body and the running header and footer.

    ``header`` (left of the running header, usually the office name), ``title`` (right of it, also
    the PDF title) and ``footer`` (left of the running footer, the print time) are plain text;
    the painter adds "Page n of m".
    """

    title: str
    html: str
    landscape: bool = False
    header: str = ""
    footer: str = ""
    point_size: float = 9.5
    min_scale: float = 1.0  # shrink down to this to fit on one page (1.0: never shrink)


def esc(value: object) -> Html:
    """``value`` as text that cannot be markup (None prints as nothing)."""
    if value is None:
        return Html("")
    return Html(html.escape(str(value), quote=True))


def esc_lines(value: str | None) -> Html:
    """Escaped text whose line breaks print as line breaks."""
    if not value:
        return Html("")
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Html("<br/>".join(esc(line) for line in lines))


def mask_passport(number: str | None, *, show: bool = False) -> str:
    """A passport number with all but its last two characters hidden (``••••••67``)."""
    if not number:
        return ""
    if show:
        return number
    visible = VISIBLE_PASSPORT_CHARACTERS if len(number) > VISIBLE_PASSPORT_CHARACTERS * 2 else 0
    hidden = len(number) - visible
    return MASK * hidden + number[hidden:]


def brief(text: str | None, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# Labels ---------------------------------------------------------------------------------------


def stage_label(stage: Stage) -> str:
    """The translated name of a stage (the catalogue's word, as on screen)."""
    return labels.stage_label(stage).render(translate)


def procedure_text(procedure: Procedure) -> str:
    """The procedure's name (在留資格認定 …) in the current language."""
    return labels.procedure_label(procedure).render(translate)


def delivery_text(
    delivery: str | None, registered: dt.date | None, format_date: DateFormatter
) -> str:
    """How the certificate came (paper / e-mail) and, for e-mail, whether the applicant
    registered receipt (受領登録); empty when no delivery is recorded."""
    if delivery == "paper":
        return translate("Printing", "Paper (a copy or scan is accepted for the visa and landing)")
    if delivery != "email":
        return ""
    if registered is None:
        return translate("Printing", "E-mail; receipt not registered yet (受領登録)")
    return translate("Printing", "E-mail; receipt registered {date} (受領登録)").format(
        date=format_date(registered)
    )


def filing_channel_label(channel: FilingChannel | str | None) -> str:
    """The translated name of a filing channel (empty when unknown)."""
    return labels.filing_channel_label(channel).render(translate)


def inquiry_channel_label(channel: str | None) -> str:
    """The translated name of an inquiry channel; unknown codes print as stored."""
    return labels.inquiry_channel_label(channel).render(translate)


def outcome_label(outcome: str | None) -> str:
    """The translated name of an inquiry outcome code; free text prints as stored."""
    return labels.outcome_label(outcome).render(translate)


def nationality_label(code: str | None) -> str:
    """``ベトナム (Viet Nam)`` for ``VN`` (``ベトナム`` in Japanese); an unknown code as stored."""
    if not code:
        return ""
    found = by_code(code)
    if found is None:
        return code
    if current_language() == "ja":
        return found.name_ja
    return f"{found.name_ja} ({found.name_en})"


def printed_stamp(printed_at: dt.datetime, format_date: DateFormatter) -> str:
    """``Printed 2026-11-27 14:05`` for the running footer."""
    return translate("Printing", "Printed {time}").format(
        time=f"{format_date(printed_at.date())} {printed_at:%H:%M}"
    )


# Markup helpers ---------------------------------------------------------------------------------

_STYLE = Html(
    """<style>
h1 { font-size: 15pt; font-weight: 700; margin-top: 0px; margin-bottom: 2px; }
p.section { font-size: 11pt; font-weight: 700; margin-top: 10px; margin-bottom: 3px; }
p { margin-top: 0px; margin-bottom: 0px; }
table.grid { border-collapse: collapse; border-color: #9a9a9a; border-style: solid; }
table.grid td { border-color: #9a9a9a; border-style: solid; border-width: 1px; }
table.grid th { border-color: #9a9a9a; border-style: solid; border-width: 1px;
  background-color: #e9e9e9; font-weight: 700; text-align: left; }
td.label { background-color: #f3f3f3; color: #333333; }
table.grid td.caption { border-width: 0px; font-size: 11pt; font-weight: 700;
  padding-top: 10px; padding-left: 0px; padding-bottom: 3px; }
.muted { color: #555555; }
.small { font-size: 8pt; }
.big { font-size: 12.5pt; font-weight: 700; }
.huge { font-size: 26pt; font-weight: 700; }
.phone { font-size: 16pt; font-weight: 700; }
</style>"""
)


def _page(body: Iterable[Html]) -> str:
    return f"<html><head>{_STYLE}</head><body>{''.join(body)}</body></html>"


def _date(value: dt.date | None, format_date: DateFormatter) -> Html:
    return esc(format_date(value)) if value else Html("")


def _datetime(value: dt.datetime, format_date: DateFormatter) -> Html:
    return esc(f"{format_date(value.date())} {value:%H:%M}")


def _render(text: Message, format_date: DateFormatter) -> str:
    return text.render(translate, format_date)


def _or_dash(value: Html) -> Html:
    return value if value else Html(f'<span class="muted">{DASH}</span>')


def _facts_table(pairs: Sequence[tuple[str, Html]], *, columns: int = 2) -> Html:
    """Label/value pairs in ``columns`` column pairs, filled row by row."""
    rows = []
    label_width = 18 if columns == 2 else 28
    value_width = (100 - label_width * columns) // columns
    for start in range(0, len(pairs), columns):
        cells = []
        for label, value in pairs[start : start + columns]:
            cells.append(
                f'<td class="label" width="{label_width}%">{esc(label)}</td>'
                f'<td width="{value_width}%">{_or_dash(value)}</td>'
            )
        missing = columns - len(pairs[start : start + columns])
        cells.extend(['<td class="label"></td><td></td>'] * missing)
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return Html(
        f'<table class="grid" width="100%" cellspacing="0" cellpadding="3">{"".join(rows)}</table>'
    )


def _h2(title: str) -> Html:
    return Html(f'<p class="section">{esc(title)}</p>')


def _grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[Html]],
    widths: Sequence[int],
    *,
    caption: str | None = None,
) -> Html:
    """A bordered table whose header rows repeat on every page.

    ``caption`` is a section heading printed as the first header row, so that it can never be
    left alone at the foot of a page (Qt has no "keep with next") and repeats on continuations.
    """
    head = "".join(
        f'<th width="{width}%">{esc(title)}</th>'
        for title, width in zip(headers, widths, strict=True)
    )
    caption_row = (
        f'<tr><td class="caption" colspan="{len(headers)}" style="padding-left: 0px;">'
        f"{esc(caption)}</td></tr>"
        if caption
        else ""
    )
    body = "".join(f"<tr>{''.join(f'<td>{cell}</td>' for cell in row)}</tr>" for row in rows)
    return Html(
        '<table class="grid" width="100%" cellspacing="0" cellpadding="3">'
        f"<thead>{caption_row}<tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _none_line(text: str) -> Html:
    return Html(f'<p class="muted">{esc(text)}</p>')


def _applicant_names(detail: CaseDetail) -> tuple[str, str, str]:
    applicant = detail.applicant
    return applicant.display_name, applicant.name_kanji or "", applicant.name_kana or ""


def _department_phone(detail: CaseDetail) -> tuple[str, str]:
    """The number to call and what it is (department on the receipt slip, else the bureau)."""
    if detail.values.department_phone:
        return detail.values.department_phone, translate("Printing", "review department")
    if detail.bureau_phone:
        return detail.bureau_phone, translate("Printing", "bureau switchboard")
    return "", ""


def _elapsed(detail: CaseDetail, today: dt.date) -> str:
    filed = detail.values.filing_date
    if filed is None:
        return ""
    return translate("Printing", "{days} days elapsed").format(days=(today - filed).days)


def _agent_pairs(values: CaseInput) -> list[tuple[str, Html]]:
    """The 代理人 (the relative in Japan for family statuses), when recorded."""
    if not (values.agent_name or values.agent_prefecture or values.agent_address):
        return []
    name = values.agent_name or ""
    if values.agent_relationship:
        name = f"{name}（{values.agent_relationship}）" if name else values.agent_relationship
    prefecture, address = values.agent_prefecture or "", values.agent_address or ""
    if not address.startswith(prefecture):  # "埼玉県" + "さいたま市…", not twice
        address = prefecture + address
    return [
        (translate("Printing", "Representative (代理人)"), esc(name)),
        (translate("Printing", "Representative's address"), esc(address)),
    ]


def _level_badge(assessment: Assessment) -> Html:
    level = assessment.level
    label = assessment_short_label(assessment).render(translate)
    return Html(
        f'<span style="background-color: {LEVEL_TINTS[level]}; font-weight: 700;">'
        f"&nbsp;{esc(label)}&nbsp;</span>"
    )


def _inquiry_rows(
    inquiries: Sequence[InquiryRecord],
    format_date: DateFormatter,
    answer_limit: int,
    *,
    with_channel: bool = True,
) -> list[list[Html]]:
    rows = []
    for item in inquiries:
        who = " / ".join(part for part in (item.department, item.staff) if part)
        imported = translate("Printing", "(imported)") if item.imported else ""
        when = _datetime(item.made_at, format_date)
        if imported:
            when = Html(f'{when}<br/><span class="muted small">{esc(imported)}</span>')
        row = [
            when,
            esc(inquiry_channel_label(item.channel)),
            esc(who),
            esc(outcome_label(item.outcome)),
            esc(brief(item.answer, answer_limit)),
        ]
        if not with_channel:
            del row[1]
        rows.append(row)
    return rows


def _request_rows(
    requests: Sequence[DocumentRequestRecord], format_date: DateFormatter
) -> list[list[Html]]:
    rows = []
    for item in requests:
        extension = _date(item.extended_deadline, format_date)
        if extension and item.extension_agreed_by:
            extension = Html(f"{extension}<br/>{esc(item.extension_agreed_by)}")
        rows.append(
            [
                _date(item.notice_date, format_date),
                esc_lines(item.requested_items),
                _date(item.deadline, format_date),
                extension,
                _date(item.submitted_on, format_date),
                esc(item.examiner),
            ]
        )
    return rows


def _readiness(assessment: Assessment, format_date: DateFormatter) -> Html:
    parts = [
        Html(
            '<table width="100%" cellspacing="0" cellpadding="5" '
            'style="border-collapse: collapse;">'
            f'<tr><td style="background-color: {LEVEL_TINTS[assessment.level]};">'
            f"{_level_badge(assessment)}&nbsp;&nbsp;"
            f'<span class="big">{esc(_render(assessment.headline, format_date))}</span>'
            f"<br/>→ {esc(_render(assessment.action, format_date))}</td></tr></table>"
        )
    ]
    dates: list[str] = []
    if assessment.next_check:
        dates.append(
            translate("Printing", "Next check: {date}").format(
                date=format_date(assessment.next_check)
            )
        )
    if assessment.deadline:
        text = translate("Printing", "Document deadline: {date}").format(
            date=format_date(assessment.deadline)
        )
        if assessment.business_days_left is not None and assessment.business_days_left >= 0:
            text += " " + translate("Printing", "({days} business days left)").format(
                days=assessment.business_days_left
            )
        dates.append(text)
    if assessment.coe_expiry:
        dates.append(
            translate("Printing", "Certificate valid until: {date}").format(
                date=format_date(assessment.coe_expiry)
            )
        )
    if dates:
        parts.append(Html(f'<p style="margin-top: 4px;">{esc("　".join(dates))}</p>'))
    if assessment.reasons:
        items = "".join(
            f"<tr><td width='4%' style='font-weight: 700;'>{CHECK if r.passed else CROSS}</td>"
            f"<td>{esc(_render(r.text, format_date))}</td></tr>"
            for r in assessment.reasons
        )
        parts.append(
            Html(
                '<table width="100%" cellspacing="0" cellpadding="1" style="margin-top: 4px;">'
                f"{items}</table>"
            )
        )
    return Html("".join(parts))


# Case summary ---------------------------------------------------------------------------------


def case_summary(
    detail: CaseDetail,
    office: OfficeDetails,
    *,
    today: dt.date,
    printed_at: dt.datetime,
    format_date: DateFormatter = iso_date,
    show_passport: bool = False,
) -> PrintDocument:
    """One case on (usually) one A4 page: facts, readiness, document requests, inquiries, notes."""
    values = detail.values
    romanised, kanji, kana = _applicant_names(detail)
    title = translate("Printing", "Case summary")
    heading = " ".join(part for part in (values.reference, romanised) if part)
    bureau = " ".join(part for part in (detail.bureau_name, values.review_department) if part)
    phone, _ = _department_phone(detail)
    filed = _date(values.filing_date, format_date)
    if filed:
        filed = Html(f"{filed} ({esc(_elapsed(detail, today))})")
    coe = _date(values.coe_issued_date, format_date)
    if detail.assessment.coe_expiry:
        expiry = translate("Printing", "valid until {date}").format(
            date=format_date(detail.assessment.coe_expiry)
        )
        coe = Html(f"{coe} ({esc(expiry)})" if coe else esc(expiry))
    facts: list[tuple[str, Html]] = [
        (translate("Printing", "Reference"), esc(values.reference)),
        (translate("Printing", "Procedure"), esc(procedure_text(values.procedure))),
        (translate("Printing", "Client"), esc(detail.company_name)),
        *_agent_pairs(values),
        (translate("Printing", "Applicant"), Html(f"<b>{esc(romanised)}</b>")),
        (
            translate("Printing", "Nationality"),
            esc(nationality_label(detail.applicant.nationality_code)),
        ),
        (translate("Printing", "Name (kanji)"), esc(kanji)),
        (translate("Printing", "Name (kana)"), esc(kana)),
        (
            translate("Printing", "Passport"),
            esc(mask_passport(detail.applicant.passport_number, show=show_passport)),
        ),
        (translate("Printing", "Status of residence"), esc(detail.status_name)),
        (translate("Printing", "Bureau"), esc(bureau)),
        (translate("Printing", "Department phone"), esc(phone)),
        (translate("Printing", "Channel"), esc(filing_channel_label(values.channel))),
        (translate("Printing", "Filing date"), filed),
        (
            translate("Printing", "Application number"),
            Html(f"<b>{esc(values.application_number)}</b>")
            if values.application_number
            else Html(""),
        ),
        (translate("Printing", "Planned entry"), _date(values.planned_entry_date, format_date)),
        (translate("Printing", "Stage"), esc(stage_label(values.stage))),
        (translate("Printing", "COE issued"), coe),
        (
            translate("Printing", "COE delivery"),
            esc(delivery_text(values.coe_delivery, values.coe_receipt_registered_on, format_date)),
        ),
        (translate("Printing", "Assignee"), esc(values.assignee)),
        (translate("Printing", "Entry date"), _date(values.entry_date, format_date)),
    ]
    if detail.card_expiry is not None or detail.card_number:
        card = " ".join(
            part
            for part in (
                format_date(detail.card_expiry) if detail.card_expiry else "",
                mask_passport(detail.card_number, show=show_passport),
            )
            if part
        )
        facts.append((translate("Printing", "Residence card (在留期限)"), esc(card)))
    special = detail.assessment.extra.get("special_period_end")
    if isinstance(special, dt.date):
        facts.append((translate("Printing", "Special period until"), _date(special, format_date)))
    body: list[Html] = [
        Html(f"<h1>{esc(title)}&nbsp;&nbsp;{esc(values.reference)}</h1>"),
        _facts_table(facts),
        _h2(translate("Printing", "Readiness")),
        _readiness(detail.assessment, format_date),
    ]
    if detail.document_requests:
        body.append(
            _grid(
                [
                    translate("Printing", "Notice"),
                    translate("Printing", "Requested documents"),
                    translate("Printing", "Deadline"),
                    translate("Printing", "Extended to"),
                    translate("Printing", "Submitted"),
                    translate("Printing", "Examiner"),
                ],
                _request_rows(detail.document_requests, format_date),
                [12, 36, 12, 14, 12, 14],
                caption=translate("Printing", "Document requests"),
            )
        )
    else:
        body.append(_h2(translate("Printing", "Document requests")))
        body.append(_none_line(translate("Printing", "No document requests.")))
    if detail.inquiries:
        body.append(
            _grid(
                [
                    translate("Printing", "Date"),
                    translate("Printing", "Channel"),
                    translate("Printing", "Department / staff"),
                    translate("Printing", "Outcome"),
                    translate("Printing", "Answer in brief"),
                ],
                _inquiry_rows(detail.inquiries, format_date, 70),
                [18, 9, 24, 15, 34],
                caption=translate("Printing", "Inquiries"),
            )
        )
    else:
        body.append(_h2(translate("Printing", "Inquiries")))
        body.append(_none_line(translate("Printing", "No inquiries yet.")))
    if values.notes:
        body.append(_h2(translate("Printing", "Notes")))
        body.append(Html(f"<p>{esc_lines(values.notes)}</p>"))
    return PrintDocument(
        title=f"{title} {heading}".strip(),
        html=_page(body),
        header=office.office_name,
        footer=printed_stamp(printed_at, format_date),
        min_scale=0.85,
    )


# Call sheet -------------------------------------------------------------------------------------


_RULE = "border-bottom-width: 1px; border-bottom-style: solid; border-bottom-color: #444444;"


def _ruled_row(cells: Sequence[tuple[str, str, int, int]]) -> Html:
    """One writing line: (label, hint, label width %, line width %) per field."""
    parts = []
    for label, hint, label_width, line_width in cells:
        hint_html = f'<br/><span class="muted small">{esc(hint)}</span>' if hint else ""
        parts.append(
            f'<td width="{label_width}%" valign="bottom" style="padding-top: 12px;">'
            f"<b>{esc(label)}</b>{hint_html}</td>"
            f'<td width="{line_width}%" style="{_RULE} padding-top: 12px;">&nbsp;</td>'
        )
    return Html(f"<tr>{''.join(parts)}</tr>")


def _ruled(label: str, lines: int = 1, *, hint: str = "") -> Html:
    """A label and ``lines`` blank ruled lines to write on, across the page."""
    rows = [
        _ruled_row([(label, hint, 25, 75) if index == 0 else ("", "", 25, 75)])
        for index in range(lines)
    ]
    return Html(
        '<table width="100%" cellspacing="0" cellpadding="2" style="border-collapse: collapse;">'
        f"{''.join(rows)}</table>"
    )


def _ruled_pair(first: str, second: str) -> Html:
    """Two labelled blank lines side by side."""
    return Html(
        '<table width="100%" cellspacing="0" cellpadding="2" style="border-collapse: collapse;">'
        f"{_ruled_row([(first, '', 25, 35), (second, '', 12, 28)])}</table>"
    )


def _office_pairs(office: OfficeDetails) -> list[tuple[str, Html]]:
    return [
        (translate("Printing", "Scrivener"), esc(office.scrivener_name)),
        (translate("Printing", "Office"), esc(office.office_name)),
        (translate("Printing", "Registration no."), esc(office.registration_number)),
        (translate("Printing", "Phone"), esc(office.phone)),
    ]


def _call_reason(detail: CaseDetail, format_date: DateFormatter) -> str:
    """Why this call is made: the concrete matter of a READY case, else the case's headline."""
    assessment = detail.assessment
    text = assessment.action if assessment.level is Level.READY else assessment.headline
    return _render(text, format_date)


def _outcome_boxes() -> Html:
    """Tick-boxes for the outcome of this call."""
    boxes = [
        translate("Printing", "Under review (審査中)"),
        translate("Printing", "Documents arrived (資料到着確認)"),
        translate("Printing", "Result sent (結果発送済)"),
        translate("Printing", "No answer given (回答不可)"),
        translate("Printing", "Could not get through (つながらず)"),
    ]
    cells = "&nbsp;&nbsp; ".join(f"□ {esc(box)}" for box in boxes)
    return Html(
        f'<p style="margin-top: 10px;"><b>{esc(translate("Printing", "Outcome"))}</b>'
        f"&nbsp;&nbsp; {cells}</p>"
    )


def call_sheet(
    detail: CaseDetail,
    office: OfficeDetails,
    *,
    today: dt.date,
    printed_at: dt.datetime,
    format_date: DateFormatter = iso_date,
    show_passport: bool = False,
) -> PrintDocument:
    """What to have in front of you when phoning the bureau, with room to write the answer."""
    values = detail.values
    romanised, kanji, kana = _applicant_names(detail)
    title = translate("Printing", "Call sheet")
    phone, phone_kind = _department_phone(detail)
    number = values.application_number
    filed_parts = [
        format_date(values.filing_date) if values.filing_date else "",
        _elapsed(detail, today),
        filing_channel_label(values.channel),
    ]
    filed_line = " · ".join(part for part in filed_parts if part)

    bureau_lines = [Html(f'<span class="big">{esc(detail.bureau_name or DASH)}</span>')]
    if values.review_department:
        bureau_lines.append(Html(f'<span class="big">{esc(values.review_department)}</span>'))
    if phone:
        bureau_lines.append(
            Html(
                f'<span class="phone">☎ {esc(phone)}</span> '
                f'<span class="muted">({esc(phone_kind)})</span>'
            )
        )
    else:
        bureau_lines.append(
            _none_line(
                translate(
                    "Printing",
                    "No phone number recorded: see the receipt slip (申請受付票) and enter "
                    "it in the case (Edit case › Department phone).",
                )
            )
        )

    no_number = translate("Printing", "No application number recorded")
    number_html = (
        Html(f'<span class="huge">{esc(number)}</span>')
        if number
        else Html(f'<span class="big" style="color: #b00000;">{esc(no_number)}</span>')
    )
    call_label = translate("Printing", "Call")
    top = Html(
        '<table class="grid" width="100%" cellspacing="0" cellpadding="6">'
        f'<tr><td width="55%" class="label">'
        f'<span class="muted">{esc(translate("Printing", "Procedure"))}</span> '
        f"<b>{esc(procedure_text(values.procedure))}</b><br/>"
        f'<span class="muted">{esc(translate("Printing", "Application number"))}</span><br/>'
        f"{number_html}<br/>"
        f'<span class="muted">{esc(translate("Printing", "Filing date"))}</span> '
        f"<b>{esc(filed_line or DASH)}</b></td>"
        f'<td width="45%"><span class="muted">{esc(call_label)}</span><br/>'
        f"{'<br/>'.join(bureau_lines)}</td></tr></table>"
    )
    kanji_html = Html(f'<span class="big">{esc(kanji)}</span>') if kanji else Html("")
    applicant: list[tuple[str, Html]] = [
        (translate("Printing", "Reason for this call"), esc(_call_reason(detail, format_date))),
        (
            translate("Printing", "Name (romanised)"),
            Html(f'<span class="big">{esc(romanised)}</span>'),
        ),
        # A foreign national's date of birth stays Western, as in the passport and on the form.
        (translate("Printing", "Date of birth"), _date(detail.applicant.birth_date, iso_date)),
        (translate("Printing", "Name (kanji)"), kanji_html),
        (
            translate("Printing", "Nationality"),
            esc(nationality_label(detail.applicant.nationality_code)),
        ),
        (translate("Printing", "Name (kana)"), esc(kana)),
        (
            translate("Printing", "Passport"),
            esc(mask_passport(detail.applicant.passport_number, show=show_passport)),
        ),
        (translate("Printing", "Status of residence"), esc(detail.status_name)),
        (translate("Printing", "Client"), esc(detail.company_name)),
        *_agent_pairs(values),
        (translate("Printing", "Reference"), esc(values.reference)),
        (translate("Printing", "Planned entry"), _date(values.planned_entry_date, format_date)),
    ]
    procedure = translate("Printing", "COE application (在留資格認定証明書交付申請)")
    body: list[Html] = [
        Html(f'<h1>{esc(title)}&nbsp;&nbsp;<span class="muted">{esc(procedure)}</span></h1>'),
        top,
        _h2(translate("Printing", "Applicant")),
        _facts_table(applicant),
        _h2(translate("Printing", "Filer (申請取次者)")),
    ]
    if any((office.scrivener_name, office.office_name, office.registration_number, office.phone)):
        body.append(_facts_table(_office_pairs(office)))
    else:
        body.append(
            _none_line(translate("Printing", "Office details not set: enter them in Settings."))
        )
    if detail.document_requests:
        body.append(
            _grid(
                [
                    translate("Printing", "Notice"),
                    translate("Printing", "Requested documents"),
                    translate("Printing", "Deadline"),
                    translate("Printing", "Extended to"),
                    translate("Printing", "Submitted"),
                    translate("Printing", "Examiner"),
                ],
                _request_rows(detail.document_requests, format_date),
                [12, 36, 12, 14, 12, 14],
                caption=translate("Printing", "Document requests"),
            )
        )
    if detail.inquiries:
        shown = detail.inquiries[:INQUIRIES_ON_CALL_SHEET]
        body.append(
            _grid(
                [
                    translate("Printing", "Date"),
                    translate("Printing", "Department / staff"),
                    translate("Printing", "Outcome"),
                    translate("Printing", "Answer in brief"),
                ],
                _inquiry_rows(shown, format_date, 40, with_channel=False),
                [19, 26, 17, 38],
                caption=translate("Printing", "Previous inquiries"),
            )
        )
        more = len(detail.inquiries) - len(shown)
        if more > 0:
            body.append(
                _none_line(translate("Printing", "… and {count} earlier.").format(count=more))
            )
    else:
        body.append(_h2(translate("Printing", "Previous inquiries")))
        body.append(_none_line(translate("Printing", "No inquiries yet.")))
    body.extend(
        [
            _h2(translate("Printing", "This call")),
            _ruled_pair(translate("Printing", "Date / time"), translate("Printing", "Called by")),
            _ruled(
                translate("Printing", "Who answered"),
                hint=translate("Printing", "(部門・担当者)"),
            ),
            _outcome_boxes(),
            _ruled(translate("Printing", "Answer"), 3),
            _ruled(translate("Printing", "Next step"), 2),
        ]
    )
    heading = " ".join(part for part in (values.reference, romanised) if part)
    return PrintDocument(
        title=f"{title} {heading}".strip(),
        html=_page(body),
        header=office.office_name,
        footer=printed_stamp(printed_at, format_date),
        point_size=10.0,
        min_scale=0.75,
    )


# Case list ---------------------------------------------------------------------------------------


def case_list(
    rows: Sequence[CaseRow],
    office: OfficeDetails,
    *,
    printed_at: dt.datetime,
    format_date: DateFormatter = iso_date,
    title: str | None = None,
) -> PrintDocument:
    """The rows given (as shown, in the order shown) as a landscape table."""
    heading = title or translate("Printing", "Case list")
    count = translate("Printing", "{count} cases").format(count=len(rows))
    headers = [
        translate("Printing", "Reference"),
        translate("Printing", "Client"),
        translate("Printing", "Applicant"),
        translate("Printing", "Status of residence"),
        translate("Printing", "Procedure"),
        translate("Printing", "Bureau"),
        translate("Printing", "Filing date"),
        translate("Printing", "Days"),
        translate("Printing", "Application number"),
        translate("Printing", "Level"),
        translate("Printing", "Next check"),
        translate("Printing", "Deadline"),
    ]
    widths = [7, 12, 12, 13, 5, 6, 7, 4, 10, 9, 7, 8]
    cells: list[list[Html]] = []
    for row in rows:
        applicant = esc(row.applicant_name)
        if row.name_kanji:
            applicant = Html(f"{applicant}<br/>{esc(row.name_kanji)}")
        cells.append(
            [
                esc(row.reference),
                esc(row.client),
                applicant,
                esc(row.status_name),
                esc(_render(labels.procedure_short_label(row.procedure), format_date)),
                esc(row.bureau_name),
                _date(row.filing_date, format_date),
                esc(row.elapsed_days) if row.elapsed_days is not None else Html(""),
                esc(row.application_number),
                _level_badge(row.assessment),
                _date(row.assessment.next_check, format_date),
                _date(row.assessment.deadline, format_date),
            ]
        )
    body: list[Html] = [
        Html(f"<h1>{esc(heading)} <span class='muted small'>{esc(count)}</span></h1>")
    ]
    if rows:
        body.append(_grid(headers, cells, widths))
    else:
        body.append(_none_line(translate("Printing", "No cases.")))
    return PrintDocument(
        title=heading,
        html=_page(body),
        landscape=True,
        header=office.office_name,
        footer=printed_stamp(printed_at, format_date),
        point_size=8.2,
    )

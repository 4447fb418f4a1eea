"""A new case's values for the bulk writer, made straight from an import row.

:func:`quick_prepare` gives what :func:`~coetracker.services.import_bulk.prepare_row` gives for
the same row (the applicant's and the case's values as the services clean them, the document
request, the card), without building the services' input records and value dictionaries: a
file of 100,000 rows is checked several times faster. It is a fast path only: whenever a row
could hold anything the services would refuse (a control or direction character, a text over
its cap, dates out of order, a blank family name), it returns ``None`` and the caller prepares
the row through the services, which name the problem. So it never decides a problem itself;
the tests compare both paths row by row.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from typing import Any

from coetracker.domain.model import Stage
from coetracker.domain.procedures import Procedure
from coetracker.domain.text import clean
from coetracker.domain.text_rules import CAPS, NOTES_CAP, text_problem
from coetracker.io.csv_read import ImportRecord
from coetracker.services.import_bulk import PreparedRow, card_values

__all__ = ["quick_prepare"]

_NAME_CAP = CAPS["family_name"]
_KANJI_CAP = CAPS["name_kanji"]
_KANA_CAP = CAPS["name_kana"]
_GIVEN_CAP = CAPS["given_name"]
_PASSPORT_CAP = CAPS["passport_number"]
_REFERENCE_CAP = CAPS["reference"]
_NUMBER_CAP = CAPS["application_number"]
_AGENT_NAME_CAP, _AGENT_RELATIONSHIP_CAP, _AGENT_PREFECTURE_CAP = 100, 40, 10
"""The caps ``cases.case_values`` puts on the 代理人's name, relationship and prefecture."""

_STAGE_VALUES = {stage: stage.value for stage in Stage}
_PROCEDURE_VALUES = {procedure: procedure.value for procedure in Procedure}
_COE = Procedure.COE.value


def _blank_none(text: str) -> str | None:
    """``clean`` of a cell the import passes on only when it is not blank."""
    return clean(text) if text.strip() else None


def _stage(record: ImportRecord) -> str:
    """The stored stage: the row's, else the one its dates give (``inferred_stage``)."""
    if record.stage is not None:
        return _STAGE_VALUES[record.stage]
    if record.entry_date:
        return Stage.ENTERED.value
    if record.coe_issued_date:
        return Stage.ISSUED.value
    if record.documents_submitted_date:
        return Stage.DOCUMENTS_SUBMITTED.value
    if record.document_deadline:
        return Stage.DOCUMENTS_REQUESTED.value
    if record.filing_date or record.application_number.strip():
        return Stage.FILED.value
    return Stage.PREPARING.value


def quick_prepare(
    record: ImportRecord, status_id: int | None, bureau_id: int | None
) -> PreparedRow | None:
    """The new case of ``record`` prepared as ``prepare_row`` would, or ``None`` when the row
    needs the services' own checks (see the module documentation)."""
    family = clean(record.family_name)
    if not family:
        return None
    given = _blank_none(record.given_name)
    kanji = _blank_none(record.name_kanji)
    kana = _blank_none(record.name_kana)
    nationality = clean(record.nationality_code)
    if nationality:
        nationality = nationality.upper()
    passport = _blank_none(record.passport_number)
    if passport:
        passport = unicodedata.normalize("NFKC", passport).upper().replace(" ", "")
    reference = _blank_none(record.reference)
    number = record.application_number.strip() or None
    phone = _blank_none(record.department_phone)
    agent_name = _blank_none(record.agent_name)
    relationship = _blank_none(record.agent_relationship)
    prefecture = _blank_none(record.agent_prefecture)
    address = _blank_none(record.agent_address)
    notes = record.notes if record.notes.strip() else None
    named = (family, given, kanji, kana, passport, reference, number, agent_name, relationship,
             prefecture)  # fmt: skip
    if (
        len(family) > _NAME_CAP
        or (given is not None and len(given) > _GIVEN_CAP)
        or (kanji is not None and len(kanji) > _KANJI_CAP)
        or (kana is not None and len(kana) > _KANA_CAP)
        or (passport is not None and len(passport) > _PASSPORT_CAP)
        or (reference is not None and len(reference) > _REFERENCE_CAP)
        or (number is not None and len(number) > _NUMBER_CAP)
        or (agent_name is not None and len(agent_name) > _AGENT_NAME_CAP)
        or (relationship is not None and len(relationship) > _AGENT_RELATIONSHIP_CAP)
        or (prefecture is not None and len(prefecture) > _AGENT_PREFECTURE_CAP)
        or (address is not None and len(address) > NOTES_CAP)
        or (notes is not None and len(notes) > NOTES_CAP)
        # One check of the row's names and identifiers, and one of its free texts, by the
        # services' own rule ("\n" is allowed in both): any hit and the services check the row.
        or text_problem("\n".join([text for text in named if text]), limit=sys.maxsize)
        or text_problem(f"{address or ''}\n{notes or ''}", limit=sys.maxsize, notes=True)
    ):
        return None
    filed, issued, entered = record.filing_date, record.coe_issued_date, record.entry_date
    registered = record.coe_receipt_registered_on
    delivery = clean(record.coe_delivery)
    if (
        (filed and issued and issued < filed)
        or (registered is not None and (delivery != "email" or (issued and registered < issued)))
        or (issued and entered and entered < issued)
    ):
        return None
    deadline, original = record.document_deadline, record.original_deadline
    submitted = record.documents_submitted_date
    request: tuple[dt.date | None, dt.date | None, dt.date | None] | None = None
    if deadline is not None or submitted is not None:
        if original is not None and deadline is not None:
            if deadline < original:
                return None
            request = (original, deadline, submitted)
        else:
            request = (deadline, None, submitted)
    channel = record.channel.value if record.channel else None
    procedure = _PROCEDURE_VALUES[record.procedure] if record.procedure else _COE
    applicant: tuple[Any, ...] = (
        family, given, kanji, kana, nationality, record.birth_date, None, passport, None
    )  # fmt: skip
    case: tuple[Any, ...] = (
        reference, 0, status_id, bureau_id, None, phone, channel, filed, number,
        record.planned_entry_date, _stage(record), None, issued, delivery, registered, None,
        None, entered, None, notes, procedure, agent_name, relationship, prefecture, address, 0,
    )  # fmt: skip
    return PreparedRow(
        applicant=applicant,
        case=case,
        client=record.client,
        inquiry_day=record.last_inquiry_date,
        request=request,
        archived=bool(record.archived),
        card=card_values(record.card_period, record.card_expiry_date, record.entry_date),
    )

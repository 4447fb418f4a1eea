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
from coetracker.io.csv_read import ImportRecord, fast_maker
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
_prepared_row = fast_maker(PreparedRow)
"""``PreparedRow(*values)``, every field given in order."""


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
    # A blank cell is passed on as None (``_text``), any other cleaned (``clean``):
    given = clean(text) if (text := record.given_name).strip() else None
    kanji = clean(text) if (text := record.name_kanji).strip() else None
    kana = clean(text) if (text := record.name_kana).strip() else None
    nationality = clean(record.nationality_code)
    if nationality:
        nationality = nationality.upper()
    passport = clean(text) if (text := record.passport_number).strip() else None
    if passport:
        passport = unicodedata.normalize("NFKC", passport).upper().replace(" ", "")
    reference = clean(text) if (text := record.reference).strip() else None
    number = record.application_number.strip() or None
    phone = clean(text) if (text := record.department_phone).strip() else None
    agent_name = clean(text) if (text := record.agent_name).strip() else None
    relationship = clean(text) if (text := record.agent_relationship).strip() else None
    prefecture = clean(text) if (text := record.agent_prefecture).strip() else None
    address = clean(text) if (text := record.agent_address).strip() else None
    notes = text if (text := record.notes).strip() else None
    texts = (family, given, kanji, kana, passport, reference, number, agent_name, relationship,
             prefecture, address, notes)  # fmt: skip
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
        # One check of all the row's texts by the services' own rule for names ("\n" is
        # allowed): any hit, even a direction mark that notes may hold, and the services check
        # the row.
        or text_problem("\n".join(filter(None, texts)), limit=sys.maxsize)
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
    return _prepared_row(
        applicant,
        case,
        record.client,
        record.last_inquiry_date,
        request,
        bool(record.archived),
        None
        if record.card_period is None and record.card_expiry_date is None
        else card_values(record.card_period, record.card_expiry_date, entered),
    )

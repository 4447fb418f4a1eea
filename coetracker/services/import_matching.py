"""Matching an imported sheet's names and identifiers to the database's.

Names are resolved as written in the sheets offices keep: a status of residence by its Japanese
or English name or code (技術・人文知識・国際業務, Engineer/Specialist in Humanities/International
Services, 技人国); a bureau by its full or short name, English name or code (東京出入国在留管理局,
東京, Tokyo, 横浜支局, 横浜); width, case, spaces and middle dots are ignored (:func:`fold_name`).
A name two rows share names neither: it is ambiguous, and the row says so.

A row's 受託番号 and 申請番号 are matched to existing cases folded for width and case
(２６－９００１ and 26-9001 are one), by :func:`existing_cases`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coetracker.domain.text import clean
from coetracker.io.csv_codec import ImportRecord
from coetracker.storage.models import Bureau, Case, ResidenceStatus

__all__ = [
    "Identifiers",
    "ReferenceNames",
    "existing_cases",
    "fold_name",
    "identifiers_of",
    "reference_names",
]


@functools.lru_cache(maxsize=4096)
def fold_name(text: str) -> str:
    """A name folded for matching: NFKC, case-folded, no spaces, ``_ - ・ /`` or dots."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-・･·/.,()]+", "", folded)


_STATUS_ALIASES = {"技人国": "engineer_humanities"}
_BUREAU_SUFFIXES = (
    "regionalimmigrationservicesbureau",
    "districtimmigrationservicesoffice",
    "支局",
)


def _index(entries: Iterable[tuple[int, Iterable[str]]]) -> dict[str, int]:
    """Folded name → id; a name that two rows share names neither (it is ambiguous)."""
    index: dict[str, int] = {}
    ambiguous: set[str] = set()
    for row_id, names in entries:
        for name in names:
            key = fold_name(name)
            if not key or key in ambiguous:
                continue
            if index.setdefault(key, row_id) != row_id:
                del index[key]
                ambiguous.add(key)
    return index


@dataclass(frozen=True, slots=True)
class ReferenceNames:
    """Status-of-residence and bureau ids by folded name (:func:`fold_name`)."""

    statuses: Mapping[str, int]
    bureaus: Mapping[str, int]


def reference_names(session: Session) -> ReferenceNames:
    status_rows = session.execute(
        select(
            ResidenceStatus.id,
            ResidenceStatus.code,
            ResidenceStatus.name_ja,
            ResidenceStatus.name_en,
        )
    ).all()
    by_code = {code: row_id for row_id, code, _ja, _en in status_rows}
    statuses = _index(
        [(row_id, (code, ja, en)) for row_id, code, ja, en in status_rows]
        + [(by_code[code], (alias,)) for alias, code in _STATUS_ALIASES.items() if code in by_code]
    )
    bureau_entries: list[tuple[int, Iterable[str]]] = []
    for row_id, code, name_ja, short, name_en in session.execute(
        select(Bureau.id, Bureau.code, Bureau.name_ja, Bureau.short_name_ja, Bureau.name_en)
    ):
        names = [code, name_ja, short, name_en, f"{short}入管"]
        for name in (short, name_en):
            folded = fold_name(name)
            for suffix in _BUREAU_SUFFIXES:
                if folded.endswith(suffix) and len(folded) > len(suffix):
                    base = folded.removesuffix(suffix)
                    names += [base, f"{base}入管"]
        bureau_entries.append((row_id, names))
    return ReferenceNames(statuses, _index(bureau_entries))


def _reference_of(record: ImportRecord) -> str | None:
    return clean(record.reference)


def _number_of(record: ImportRecord) -> str | None:
    return record.application_number.strip() or None


def _id_key(value: str) -> str:
    """An identifier folded for duplicate detection: ２６－９００１ and 26-9001 are one."""
    if value.isascii():  # NFKC leaves ASCII as it is
        return "".join(value.lower().split())
    return "".join(unicodedata.normalize("NFKC", value).casefold().split())


Identifiers = tuple[str | None, str | None, str | None, str | None]
"""A row's 受託番号 and its folded key, and its 申請番号 and its folded key (None: blank)."""


def identifiers_of(record: ImportRecord) -> Identifiers:
    ref, number = _reference_of(record), _number_of(record)
    return (
        ref,
        None if ref is None else _id_key(ref),
        number,
        None if number is None else _id_key(number),
    )


def existing_cases(
    session: Session, identifiers: Sequence[Identifiers]
) -> tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]]]:
    """Existing cases by folded 受託番号 and 申請番号 (→ id, label), for the file's values only.

    Every case is read (one narrow query): width and case variants must match too.
    """
    references = {key for _ref, key, _number, _key in identifiers if key is not None}
    numbers = {key for _ref, _key, _number, key in identifiers if key is not None}
    if not references and not numbers:
        return {}, {}
    query = select(Case.id, Case.reference, Case.application_number)
    by_reference: dict[str, tuple[int, str]] = {}
    by_number: dict[str, tuple[int, str]] = {}
    for case_id, reference, number in session.execute(query).all():
        label = reference or number or f"#{case_id}"
        if reference and _id_key(reference) in references:
            by_reference[_id_key(reference)] = (case_id, label)
        if number and _id_key(number) in numbers:
            by_number.setdefault(_id_key(number), (case_id, label))
    return by_reference, by_number

"""Which case-list rows pass the filters, decided for every row at once (no Qt here).

The filtered fields of the rows are kept as parallel lists (:class:`RowColumns`), each made the
first time a filter needs it (the level of every row is always needed, for the chips' counts)
and dropped when the rows change. :func:`decide` narrows a list of candidate row numbers filter
by filter with loops that run in C (``compress``/``map`` over the lists), then keeps the rows
whose level is allowed and counts the levels.

A search that narrows the previous one (every word typed before is part of a word typed now,
e.g. one more letter) looks only at the rows the previous search matched.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat
from operator import attrgetter, contains, eq
from typing import Any

from coetracker.domain.model import Level
from coetracker.domain.procedures import Procedure
from coetracker.services.case_row import CaseRow
from coetracker.services.residence import card_details_missing


def _assignee(row: CaseRow) -> str | None:
    return row.assignee or None


_FIELDS: dict[str, Callable[[CaseRow], Any]] = {
    "ids": attrgetter("id"),
    "texts": attrgetter("search_text"),
    "levels": attrgetter("assessment.level"),
    "bureaus": attrgetter("bureau_id"),
    "statuses": attrgetter("residence_status_id"),
    "clients": attrgetter("organization_id"),
    "assignees": _assignee,
    "procedures": attrgetter("procedure"),
    "card_missing": card_details_missing,
}


@dataclass(frozen=True)
class Filters:
    """Every filter the case list offers; the defaults show every open case."""

    levels: frozenset[Level] = frozenset()
    bureau_id: int | None = None
    status_id: int | None = None
    client_id: int | None = None
    assignee: str | None = None  # "" (UNASSIGNED): nobody's cases
    procedure: Procedure | None = None
    card_missing: bool = False
    show_closed: bool = False
    only_ids: frozenset[int] | None = None
    terms: tuple[str, ...] = ()  # folded search words; each must match

    def allowed_levels(self) -> frozenset[Level]:
        """The levels listed: the chips' choice (none: all), closed only when asked for."""
        return frozenset(
            level
            for level in Level
            if (not self.levels or level in self.levels)
            and (self.show_closed or self.card_missing or level != Level.CLOSED)
        )

    def equalities(self) -> Iterable[tuple[str, Any]]:
        """(field, wanted value) of every equality filter that is on."""
        if self.bureau_id is not None:
            yield "bureaus", self.bureau_id
        if self.status_id is not None:
            yield "statuses", self.status_id
        if self.client_id is not None:
            yield "clients", self.client_id
        if self.assignee is not None:
            yield "assignees", self.assignee or None
        if self.procedure is not None:
            yield "procedures", self.procedure
        if self.card_missing:
            yield "card_missing", True

    def accepts(self, row: CaseRow) -> bool:
        """Whether one row passes (the same decision :func:`decide` makes for every row)."""
        if any(_FIELDS[name](row) != wanted for name, wanted in self.equalities()):
            return False
        if self.only_ids is not None and row.id not in self.only_ids:
            return False
        if not all(term in row.search_text for term in self.terms):
            return False
        return row.assessment.level in self.allowed_levels()


@dataclass
class Decision:
    """The rows passing (indices into the rows decided on, ascending) and the chips' counts."""

    visible: array[int]
    counts: dict[Level, int]
    matching: int  # rows passing every filter, before the level chips and "show closed"


@dataclass
class RowColumns:
    """The filtered fields of ``rows`` as lists, each made on first use."""

    rows: Sequence[CaseRow]
    generation: int | None = None  # the source model's, when the lists were made
    _lists: dict[str, list[Any]] = field(default_factory=dict)
    _all_levels: Counter[Level] | None = None
    hits: tuple[tuple[str, ...], array[int]] | None = None  # the last search and its rows

    @property
    def count(self) -> int:
        return len(self.rows)

    def get(self, name: str) -> list[Any]:
        values = self._lists.get(name)
        if values is None:
            values = self._lists[name] = list(map(_FIELDS[name], self.rows))
        return values

    def level_counts(self) -> Counter[Level]:
        if self._all_levels is None:
            self._all_levels = Counter(self.get("levels"))
        return self._all_levels


def _narrows(before: tuple[str, ...], now: tuple[str, ...]) -> bool:
    """Whether every row matching ``now`` matched ``before`` (each old word is in a new one)."""
    return all(any(old in new for new in now) for old in before)


def _search(columns: RowColumns, terms: tuple[str, ...]) -> array[int]:
    texts = columns.get("texts")
    previous = columns.hits
    candidates: Sequence[int] | None = None  # None: every row
    if previous is not None and _narrows(previous[0], terms):
        if previous[0] == terms:
            return previous[1]
        candidates = previous[1]
    for term in terms:
        if candidates is None:
            found = map(contains, texts, repeat(term))
            candidates = array("i", compress(range(columns.count), found))
        else:
            found = map(contains, map(texts.__getitem__, candidates), repeat(term))
            candidates = array("i", compress(candidates, found))
    hits = candidates if isinstance(candidates, array) else array("i", candidates or ())
    columns.hits = (terms, hits)
    return hits


def decide(columns: RowColumns, filters: Filters) -> Decision:
    """Every row's fate under ``filters`` at once."""
    candidates: Sequence[int] | None = None  # None: every row
    if filters.terms:
        candidates = _search(columns, filters.terms)
    for name, wanted in filters.equalities():
        values, same = columns.get(name), partial(eq, wanted)
        if candidates is None:
            candidates = array("i", compress(range(columns.count), map(same, values)))
        else:
            picked = map(same, map(values.__getitem__, candidates))
            candidates = array("i", compress(candidates, picked))
    if filters.only_ids is not None:
        ids, only = columns.get("ids"), filters.only_ids
        chosen = candidates if candidates is not None else range(columns.count)
        listed = map(only.__contains__, map(ids.__getitem__, chosen))
        candidates = array("i", compress(chosen, listed))

    levels = columns.get("levels")
    allowed = filters.allowed_levels()
    if candidates is None:
        counted = columns.level_counts()
        if len(allowed) == len(Level):
            visible = array("i", range(columns.count))
        else:
            visible = array("i", compress(range(columns.count), map(allowed.__contains__, levels)))
    else:
        chosen_levels = list(map(levels.__getitem__, candidates))
        counted = Counter(chosen_levels)
        visible = array("i", compress(candidates, map(allowed.__contains__, chosen_levels)))
    counts = {level: counted.get(level, 0) for level in Level}
    return Decision(visible, counts, sum(counts[level] for level in allowed))

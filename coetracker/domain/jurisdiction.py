"""Where a COE application is filed: whose address decides, and which offices serve it.

Work statuses are filed at the office with jurisdiction over the host organisation's address;
family statuses (the relative in Japan is the 代理人) at the office covering the relative's
residence. Branch offices (出張所) accept applications for the area they serve, which is
stored as the text the bureau publishes ("埼玉県", "滋賀県、京都府", "東京都（多摩地域）").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "FAMILY_STATUS_CODES",
    "Basis",
    "JurisdictionBasis",
    "area_places",
    "basis_for",
    "client_is_optional",
    "is_family_status",
    "serves",
]

FAMILY_STATUS_CODES = frozenset(
    {
        "spouse_of_japanese",  # 日本人の配偶者等
        "spouse_of_permanent_resident",  # 永住者の配偶者等
        "long_term_resident",  # 定住者
        "dependent",  # 家族滞在
    }
)
"""Statuses whose application is made by (and filed where) the relative in Japan lives."""

_SUFFIXES = "都府県"
_SEPARATORS = re.compile(r"[、,，・\s/／]+")
_NOTE = re.compile(r"[（(][^）)]*[）)]")


class Basis(StrEnum):
    """Whose address the proposal was made from."""

    CLIENT = "client"
    AGENT = "agent"


@dataclass(frozen=True, slots=True)
class JurisdictionBasis:
    """The prefecture (and address) a proposal starts from, and whose it is."""

    basis: Basis
    prefecture: str
    address: str | None = None


def is_family_status(status_code: str | None) -> bool:
    """True for statuses filed by the relative in Japan (日本人の配偶者等, 家族滞在 …)."""
    return status_code in FAMILY_STATUS_CODES


def client_is_optional(status_code: str | None, agent_name: str | None) -> bool:
    """True when a case may have no client company: a family status whose 代理人 is named."""
    return is_family_status(status_code) and bool(agent_name and agent_name.strip())


def basis_for(
    status_code: str | None,
    *,
    client_prefecture: str | None,
    client_address: str | None = None,
    agent_prefecture: str | None = None,
    agent_address: str | None = None,
) -> JurisdictionBasis | None:
    """The address that decides the office: the 代理人's for family statuses, else the client's.

    A family case without the relative's prefecture falls back to the client's; a work case
    never looks at the 代理人.
    """
    if is_family_status(status_code) and agent_prefecture:
        return JurisdictionBasis(Basis.AGENT, agent_prefecture.strip(), agent_address)
    if client_prefecture:
        return JurisdictionBasis(Basis.CLIENT, client_prefecture.strip(), client_address)
    return None


def _bare(name: str) -> str:
    """東京都 → 東京, 京都府 → 京都 (one suffix only), 北海道 stays whole."""
    if name != "北海道" and len(name) > 2 and name[-1] in _SUFFIXES:
        return name[:-1]
    return name


def area_places(area_served: str | None) -> tuple[str, ...]:
    """The prefectures and cities named in an area text, notes in brackets dropped."""
    if not area_served:
        return ()
    text = _NOTE.sub(" ", area_served)
    return tuple(part for part in _SEPARATORS.split(text) if part)


def serves(area_served: str | None, prefecture: str | None, address: str | None = None) -> bool:
    """Whether an office serving ``area_served`` covers this prefecture or address.

    A prefecture matches with or without its suffix (埼玉 / 埼玉県); a city or ward named in the
    area matches when the address contains it.
    """
    places = area_places(area_served)
    if not places:
        return False
    wanted = _bare(prefecture.strip()) if prefecture else None
    for place in places:
        if wanted and _bare(place) == wanted:
            return True
        if address and place[-1:] in "市区町村郡" and place in address:
            return True
    return False

"""Words for the stored codes (stages, channels, outcomes …) as the interface shows them.

The words come from the one catalogue in :mod:`coetracker.domain.labels` (shared with printouts
and the command line); they are translated when shown, so a language change needs no restart.
"""

from __future__ import annotations

from collections.abc import Mapping

from coetracker.domain.labels import (
    COE_DELIVERY,
    FILING_CHANNELS,
    INQUIRY_CHANNELS,
    INQUIRY_POLICIES,
    INQUIRY_REASONS,
    OUTCOMES,
    PROCEDURES,
    SEXES,
    STAGES,
    SUBMISSION_METHODS,
    code_label,
)
from coetracker.domain.levels import assessment_short_label, level_meaning, level_short_label
from coetracker.domain.model import Assessment, Level
from coetracker.ui.common.text import render

__all__ = [
    "COE_DELIVERY",
    "FILING_CHANNELS",
    "INQUIRY_CHANNELS",
    "INQUIRY_POLICIES",
    "INQUIRY_REASONS",
    "OUTCOMES",
    "PROCEDURES",
    "SEXES",
    "STAGES",
    "SUBMISSION_METHODS",
    "label",
    "level_label",
    "level_tooltip",
]


def label(table: Mapping[str, str], value: str | None) -> str:
    """The translated word for a stored code; unknown codes are shown as stored."""
    return render(code_label(table, value))


def level_label(level: Level) -> str:
    """The short translated name of a readiness level ("Docs due")."""
    return render(level_short_label(level))


def assessment_label(assessment: Assessment) -> str:
    """The short translated level of an assessment; "COE expired" when the certificate's
    validity has already ended."""
    return render(assessment_short_label(assessment))


def level_tooltip(level: Level) -> str:
    """What a readiness level means, in one sentence."""
    return render(level_meaning(level))

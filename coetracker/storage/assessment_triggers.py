"""The triggers that keep the assessment store honest: any write to what the rules read deletes
the stored assessments it can change, whichever code path writes (the services, the bulk import,
the ledger, a future one).

A stored assessment depends on its case's row, its inquiries and document requests, its
applicant's names, its bureau's name and inquiry policy, its status's name, and the residence card
and other cases of the same person (which case holds the card). Settings and benchmarks change
every assessment: their triggers empty the store, and the rules stamp (policy, benchmarks and a
version of the rules) catches what no trigger sees. The statements are created by the migration
``0010_assessment_store`` and their names are part of the expected schema.
"""

from __future__ import annotations

__all__ = ["TRIGGER_NAMES", "postgresql_statements", "sqlite_statements"]

# (name, table, events, SQL deleting what the row ``{row}`` (NEW or OLD) can change)
_OF_CASE = (
    "DELETE FROM assessment_store WHERE case_id IN "
    '(SELECT id FROM "case" WHERE applicant_id = {row}.applicant_id) OR case_id = {row}.id'
)
_OF_CHILD = "DELETE FROM assessment_store WHERE case_id = {row}.case_id"
_OF_PERSON = (
    'DELETE FROM assessment_store WHERE case_id IN (SELECT id FROM "case" '
    "WHERE applicant_id = {row}.applicant_id)"
)
_OF_APPLICANT = (
    "DELETE FROM assessment_store WHERE case_id IN "
    '(SELECT id FROM "case" WHERE applicant_id = {row}.id)'
)
_OF_BUREAU = (
    "DELETE FROM assessment_store WHERE case_id IN "
    '(SELECT id FROM "case" WHERE bureau_id = {row}.id)'
)
_OF_STATUS = (
    "DELETE FROM assessment_store WHERE case_id IN "
    '(SELECT id FROM "case" WHERE residence_status_id = {row}.id)'
)
_ALL = "DELETE FROM assessment_store"

_RULES: tuple[tuple[str, str, str], ...] = (
    ("case", "INSERT UPDATE DELETE", _OF_CASE),
    ("inquiry", "INSERT UPDATE DELETE", _OF_CHILD),
    ("document_request", "INSERT UPDATE DELETE", _OF_CHILD),
    ("residence_card", "INSERT UPDATE DELETE", _OF_PERSON),
    ("applicant", "UPDATE", _OF_APPLICANT),
    ("bureau", "UPDATE", _OF_BUREAU),
    ("residence_status", "UPDATE", _OF_STATUS),
    ("setting", "INSERT UPDATE DELETE", _ALL),
    ("processing_benchmark", "INSERT UPDATE DELETE", _ALL),
)


def _name(table: str, event: str) -> str:
    return f"trg_assessment_store_{table}_{event.lower()}"


TRIGGER_NAMES: frozenset[str] = frozenset(
    _name(table, event) for table, events, _ in _RULES for event in events.split()
)
"""The names of the SQLite triggers the migration creates (the expected schema holds them)."""


def _quoted(table: str) -> str:
    return f'"{table}"' if table == "case" else table


def sqlite_statements() -> list[str]:
    """``CREATE TRIGGER`` statements for SQLite (one per table and event)."""
    statements = []
    for table, events, body in _RULES:
        for event in events.split():
            rows = ["OLD", "NEW"] if event == "UPDATE" else ["NEW" if event == "INSERT" else "OLD"]
            actions = " ".join(f"{body.format(row=row)};" for row in rows)
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event} ON {_quoted(table)} "
                f"FOR EACH ROW BEGIN {actions} END"
            )
    return statements


def postgresql_statements() -> list[str]:
    """Trigger functions (PL/pgSQL) and ``CREATE TRIGGER`` statements for PostgreSQL."""
    statements = []
    for table, events, body in _RULES:
        function = f"assessment_store_{table}_changed"
        parts = []
        if "INSERT" in events or "UPDATE" in events:
            parts.append(f"IF TG_OP <> 'DELETE' THEN {body.format(row='NEW')}; END IF;")
        if "DELETE" in events or "UPDATE" in events:
            parts.append(f"IF TG_OP <> 'INSERT' THEN {body.format(row='OLD')}; END IF;")
        statements.append(
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{' '.join(parts)} RETURN NULL; END $$"
        )
        statements.append(
            f"CREATE TRIGGER {_name(table, 'changed')} AFTER {' OR '.join(events.split())} "
            f"ON {_quoted(table)} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    return statements


def postgresql_drop_statements() -> list[str]:
    """What undoes :func:`postgresql_statements`."""
    statements = []
    for table, _events, _body in _RULES:
        statements.append(f"DROP TRIGGER IF EXISTS {_name(table, 'changed')} ON {_quoted(table)}")
        statements.append(f"DROP FUNCTION IF EXISTS assessment_store_{table}_changed()")
    return statements

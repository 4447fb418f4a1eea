"""The newest schema revision and the schema it makes, as constants (generated).

Written by ``scripts/update_head_schema.py`` from the migrations; a test checks that they
still agree. The start-up fast path reads these instead of importing Alembic.
"""

from __future__ import annotations

HEAD_REVISION = "0011_optional_client"

HEAD_TABLES: dict[str, frozenset[str]] = {
    "alembic_version": frozenset(
        {
            "version_num",
        }
    ),
    "applicant": frozenset(
        {
            "birth_date",
            "created_at",
            "family_name",
            "given_name",
            "id",
            "name_kana",
            "name_kanji",
            "nationality_code",
            "notes",
            "passport_number",
            "sex",
            "updated_at",
            "version_id",
        }
    ),
    "assessment_store": frozenset(
        {
            "assessed_on",
            "body",
            "case_id",
            "digest",
            "stamp",
            "valid_until",
        }
    ),
    "audit_event": frozenset(
        {
            "action",
            "actor",
            "at",
            "case_id",
            "created_at",
            "entity",
            "entity_id",
            "field",
            "id",
            "new_value",
            "old_value",
            "updated_at",
        }
    ),
    "bureau": frozenset(
        {
            "accepts_coe",
            "area_served",
            "code",
            "created_at",
            "id",
            "inquiry_policy",
            "kind",
            "name_en",
            "name_ja",
            "parent_id",
            "phone",
            "short_name_ja",
            "updated_at",
            "version_id",
        }
    ),
    "case": frozenset(
        {
            "agent_address",
            "agent_name",
            "agent_prefecture",
            "agent_relationship",
            "applicant_id",
            "application_number",
            "archived",
            "assignee",
            "bureau_id",
            "channel",
            "coe_delivery",
            "coe_issued_date",
            "coe_receipt_registered_on",
            "created_at",
            "decision_date",
            "department_phone",
            "entry_date",
            "filing_date",
            "id",
            "notes",
            "organization_id",
            "planned_entry_date",
            "procedure",
            "reference",
            "residence_status_id",
            "review_department",
            "sent_to_applicant_date",
            "stage",
            "updated_at",
            "version_id",
            "visa_applied_date",
        }
    ),
    "document_request": frozenset(
        {
            "case_id",
            "created_at",
            "deadline",
            "examiner",
            "extended_deadline",
            "extension_agreed_by",
            "extension_asked_on",
            "id",
            "imported",
            "notes",
            "notice_date",
            "received_date",
            "requested_items",
            "submission_method",
            "submitted_on",
            "tracking_number",
            "updated_at",
            "version_id",
        }
    ),
    "fee_line": frozenset(
        {
            "amount",
            "case_id",
            "created_at",
            "description",
            "id",
            "kind",
            "tax_rate",
            "updated_at",
        }
    ),
    "inquiry": frozenset(
        {
            "answer",
            "case_id",
            "channel",
            "created_at",
            "department",
            "follow_up_date",
            "id",
            "imported",
            "made_at",
            "made_by",
            "outcome",
            "question",
            "reason",
            "staff",
            "updated_at",
            "version_id",
        }
    ),
    "issued_document": frozenset(
        {
            "amount",
            "case_id",
            "created_at",
            "id",
            "issued_on",
            "keep_until",
            "kind",
            "number",
            "updated_at",
            "void_reason",
            "voided_by",
            "voided_on",
        }
    ),
    "ledger_closing": frozenset(
        {
            "closed_by",
            "closed_on",
            "created_at",
            "id",
            "keep_until",
            "ledger_year",
            "updated_at",
        }
    ),
    "ledger_correction": frozenset(
        {
            "actor",
            "case_id",
            "created_at",
            "field",
            "id",
            "ledger_year",
            "made_at",
            "new_value",
            "old_value",
            "reason",
            "updated_at",
        }
    ),
    "ledger_counter": frozenset(
        {
            "created_at",
            "id",
            "last_value",
            "scope",
            "updated_at",
        }
    ),
    "ledger_entry": frozenset(
        {
            "accepted_on",
            "case_id",
            "completed_on",
            "created_at",
            "id",
            "ledger_year",
            "matter_name",
            "remarks",
            "seq",
            "updated_at",
            "version_id",
        }
    ),
    "organization": frozenset(
        {
            "address",
            "category",
            "contact_person",
            "corporate_number",
            "created_at",
            "email",
            "id",
            "name",
            "name_kana",
            "notes",
            "phone",
            "postal_code",
            "prefecture",
            "updated_at",
            "version_id",
        }
    ),
    "payment": frozenset(
        {
            "amount",
            "case_id",
            "created_at",
            "id",
            "method",
            "paid_on",
            "updated_at",
        }
    ),
    "prefecture": frozenset(
        {
            "bureau_id",
            "created_at",
            "id",
            "name",
            "updated_at",
        }
    ),
    "processing_benchmark": frozenset(
        {
            "average_days",
            "created_at",
            "id",
            "period",
            "period_start",
            "procedure",
            "residence_status_id",
            "source",
            "updated_at",
        }
    ),
    "residence_card": frozenset(
        {
            "applicant_id",
            "card_number",
            "created_at",
            "expiry_date",
            "id",
            "landing_date",
            "period_months",
            "residence_status_id",
            "updated_at",
            "version_id",
        }
    ),
    "residence_status": frozenset(
        {
            "category_ja",
            "code",
            "coe_eligible",
            "created_at",
            "id",
            "name_en",
            "name_ja",
            "sub_type",
            "updated_at",
            "valid_from",
            "valid_to",
            "version_id",
        }
    ),
    "setting": frozenset(
        {
            "created_at",
            "id",
            "key",
            "updated_at",
            "value",
        }
    ),
}

HEAD_INDEXES: frozenset[str] = frozenset(
    {
        "ix_applicant_family_name",
        "ix_audit_event_case_id",
        "ix_case_applicant_id",
        "ix_case_application_number",
        "ix_case_organization_id",
        "ix_document_request_case_id",
        "ix_fee_line_case_id",
        "ix_inquiry_case_id_made_at",
        "ix_issued_document_case_id",
        "ix_ledger_correction_year",
        "ix_ledger_entry_year_seq",
        "ix_organization_name",
        "ix_payment_case_id",
        "ix_processing_benchmark_status_period",
        "ix_residence_card_expiry_date",
    }
)

HEAD_TRIGGERS: frozenset[str] = frozenset(
    {
        "trg_assessment_store_applicant_update",
        "trg_assessment_store_bureau_update",
        "trg_assessment_store_case_delete",
        "trg_assessment_store_case_insert",
        "trg_assessment_store_case_update",
        "trg_assessment_store_document_request_delete",
        "trg_assessment_store_document_request_insert",
        "trg_assessment_store_document_request_update",
        "trg_assessment_store_inquiry_delete",
        "trg_assessment_store_inquiry_insert",
        "trg_assessment_store_inquiry_update",
        "trg_assessment_store_processing_benchmark_delete",
        "trg_assessment_store_processing_benchmark_insert",
        "trg_assessment_store_processing_benchmark_update",
        "trg_assessment_store_residence_card_delete",
        "trg_assessment_store_residence_card_insert",
        "trg_assessment_store_residence_card_update",
        "trg_assessment_store_residence_status_update",
        "trg_assessment_store_setting_delete",
        "trg_assessment_store_setting_insert",
        "trg_assessment_store_setting_update",
    }
)

HEAD_VIEWS: frozenset[str] = frozenset()

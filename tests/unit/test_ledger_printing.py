"""The receipt's revenue-stamp box: a 行政書士法人's receipt from ¥50,000 without the tax."""

from __future__ import annotations

import datetime as dt

import pytest

from coetracker.domain.ledger import FeeLine, LineKind, OfficeForm, invoice_totals
from coetracker.printing.ledger_html import IssuerDetails, receipt
from coetracker.services.ledger_book import Client
from coetracker.services.settings import OfficeDetails

CLIENT = Client("株式会社<b>さくら</b>", "東京都")
AT = dt.datetime(2026, 5, 1, 10, 0)


def _receipt(form: OfficeForm, fee: int) -> str:
    lines = [FeeLine(LineKind.FEE, "報酬", fee)]
    totals = invoice_totals(lines)
    issuer = IssuerDetails(OfficeDetails(office_name="事務所"), form, "T7000012050002")
    document = receipt(
        "RCP-2026-0001", dt.date(2026, 5, 1), CLIENT, "認定申請", totals.total, totals, issuer,
        printed_at=AT,
    )  # fmt: skip
    return document.html


@pytest.mark.parametrize(
    ("form", "fee", "stamp"),
    [
        (OfficeForm.CORPORATION, 50_000, True),  # ¥55,000 received, ¥50,000 without tax
        (OfficeForm.CORPORATION, 49_999, False),  # ¥54,998 received, but ¥49,999 without tax
        (OfficeForm.SOLE, 500_000, False),  # a sole practitioner's fee receipt is not taxed
    ],
)
def test_revenue_stamp_box(form: OfficeForm, fee: int, stamp: bool) -> None:
    assert ("Revenue stamp" in _receipt(form, fee)) is stamp


def test_client_name_is_escaped() -> None:
    html = _receipt(OfficeForm.SOLE, 1_000)
    assert "&lt;b&gt;さくら&lt;/b&gt;" in html and "<b>さくら" not in html

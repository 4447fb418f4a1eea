"""The residence card (在留カード) of the person of a case: number, status, period, landing date
and expiry. Typing the landing date and the period proposes the expiry by 初日不算入 (shown
under the field, and filled in when the field is empty); the date typed from the card wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from coetracker.domain.residence import period_label, proposed_expiry
from coetracker.services.cards import CardInput, CardRecord
from coetracker.services.reference import StatusRecord
from coetracker.ui.common.text import bilingual, date_text, plain_label, render
from coetracker.ui.dialogs.record_dialog import RecordDialog, Saver

PERIODS_MONTHS = (3, 4, 6, 12, 36, 60)
"""The periods of stay granted in practice (3 months … 5 years)."""


class CardDialog(RecordDialog[CardInput]):
    """Edit one person's residence card (see the module documentation)."""

    def __init__(
        self,
        save: Saver,
        statuses: Sequence[StatusRecord],
        card: CardRecord | None,
        person: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setObjectName("cardDialog")
        self.setWindowTitle(self.tr("Residence card"))
        self.outer.insertWidget(0, plain_label(person, self))
        self.number = QLineEdit()
        self.number.setObjectName("cardNumber")
        self.number.setPlaceholderText("AB12345678CD")
        self.add_field("card_number", self.tr("Card number"), self.number)
        self.status = QComboBox()
        self.status.setObjectName("cardStatus")
        self.status.addItem("", None)
        for status in statuses:
            self.status.addItem(bilingual(status.name_ja, status.name_en), status.id)
        self.add_field("residence_status_id", self.tr("Status of residence"), self.status)
        self.period = QComboBox()
        self.period.setObjectName("cardPeriod")
        self.period.addItem("", None)
        for months in PERIODS_MONTHS:
            self.period.addItem(render(period_label(months)), months)
        self.add_field("period_months", self.tr("Period of stay"), self.period)
        self.landing = self.add_date("landing_date", self.tr("Landed / granted on"))
        self.expiry = self.add_date("expiry_date", self.tr("Expiry (在留期限)"))
        self.proposal = plain_label("", self, wrap=True)
        self.proposal.setObjectName("expiryProposal")
        self.use_proposal = QPushButton(self.tr("Use the proposed date"))
        self.use_proposal.setObjectName("useProposal")
        self.use_proposal.clicked.connect(self._use_proposal)
        self.form.addRow("", self.proposal)
        self.form.addRow("", self.use_proposal)
        self.form.addRow(
            "",
            plain_label(
                self.tr(
                    "The date printed on the card always wins; the proposal counts from the day "
                    "after landing (初日不算入). After a renewal, enter the new card."
                ),
                self,
                wrap=True,
            ),
        )
        self.period.currentIndexChanged.connect(self._propose)
        self.landing.date_edit.dateChanged.connect(self._propose)
        if card is not None:
            self.number.setText(card.card_number or "")
            self.status.setCurrentIndex(max(0, self.status.findData(card.residence_status_id)))
            self.period.setCurrentIndex(max(0, self.period.findData(card.period_months)))
            self.landing.set_date(card.landing_date)
            self.expiry.set_date(card.expiry_date)
        self._propose()
        self.finish_layout()

    def proposed(self) -> dt.date | None:
        """The expiry proposed from the landing date and the period, or None."""
        landing, months = self.landing.date(), self.period.currentData()
        if landing is None or not isinstance(months, int):
            return None
        return proposed_expiry(landing, months)

    def _propose(self, *_args: object) -> None:
        proposed = self.proposed()
        if proposed is None:
            self.proposal.setText("")
            self.use_proposal.setVisible(False)
            return
        self.proposal.setText(self.tr("Proposed expiry: %1").replace("%1", date_text(proposed)))
        self.use_proposal.setVisible(proposed != self.expiry.date())

    def _use_proposal(self) -> None:
        proposed = self.proposed()
        if proposed is not None:
            self.expiry.set_date(proposed)
            self._propose()

    def value(self) -> CardInput:
        return CardInput(
            card_number=self.number.text().strip() or None,
            residence_status_id=self.status.currentData(),
            period_months=self.period.currentData(),
            landing_date=self.landing.date(),
            expiry_date=self.expiry.date(),
        )

"""Settings › Bureaus: add a branch office (出張所) under a bureau, with the area it serves.

Signals:
    added(int): the office with this id was added.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from coetracker.domain.model import InquiryPolicy
from coetracker.services import reference
from coetracker.services.errors import ValidationError
from coetracker.ui.common import labels
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.forms import Field
from coetracker.ui.common.text import render


class AddOfficeBox(QGroupBox):
    """Name, parent bureau, area served and inquiry policy of a new branch office."""

    added = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add an office"), parent)
        self.setObjectName("addOfficeBox")
        self.context = context
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("officeName")
        self.name.setPlaceholderText(self.tr("e.g. 東京出入国在留管理局さいたま出張所"))
        self.name_field = Field(self.name)
        form.addRow(self.tr("Name"), self.name_field)
        self.parent_bureau = QComboBox()
        self.parent_bureau.setObjectName("officeParent")
        form.addRow(self.tr("Under"), self.parent_bureau)
        self.area = QLineEdit()
        self.area.setObjectName("officeArea")
        self.area.setPlaceholderText(self.tr("As published, e.g. 埼玉県 or 大津市、草津市"))
        self.area_field = Field(self.area)
        form.addRow(self.tr("Area served"), self.area_field)
        self.policy = QComboBox()
        self.policy.setObjectName("officePolicy")
        for policy in InquiryPolicy:
            self.policy.addItem(labels.label(labels.INQUIRY_POLICIES, policy), policy.value)
        form.addRow(self.tr("Progress inquiries"), self.policy)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add office"))
        self.add_button.setObjectName("addOffice")
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.add_button)
        row.addStretch(1)
        form.addRow("", row)

    def set_bureaus(self, bureaus: Sequence[reference.BureauRecord]) -> None:
        """Offer the regional bureaus and district offices as parents."""
        current = self.parent_bureau.currentData()
        self.parent_bureau.clear()
        for bureau in bureaus:
            if bureau.kind in ("regional", "district"):
                self.parent_bureau.addItem(bureau.name_ja, bureau.id)
        index = self.parent_bureau.findData(current)
        self.parent_bureau.setCurrentIndex(max(index, 0))

    def add(self) -> int | None:
        """Store the office; its id, or None when a field was refused (the form keeps it)."""
        self.name_field.set_error(None)
        self.area_field.set_error(None)
        parent_id = self.parent_bureau.currentData()
        if parent_id is None:
            return None
        try:
            office_id = reference.add_office(
                self.context.db,
                name_ja=self.name.text(),
                parent_id=int(parent_id),
                area_served=self.area.text(),
                inquiry_policy=InquiryPolicy(self.policy.currentData()),
                actor=self.context.actor(),
            )
        except ValidationError as problem:
            for name, text in problem.problems.items():
                field = self.area_field if name == "area_served" else self.name_field
                field.set_error(render(text))
            return None
        except Exception as problem:
            dialogs.report(self, problem)
            return None
        self.name.clear()
        self.area.clear()
        self.added.emit(office_id)
        return office_id

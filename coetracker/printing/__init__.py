"""Printing to PDF and paper through Qt print support (QtGui only; shared by GUI and CLI).

* :mod:`~coetracker.printing.html` builds the case summary, call sheet and case list as HTML from
  plain values, every value escaped (:class:`~coetracker.printing.html.PrintDocument`).
* :mod:`~coetracker.printing.documents` builds them from what
  :mod:`coetracker.services.print_documents` read (the case, the office details).
* :mod:`~coetracker.printing.pdf` paints a document page by page on A4 (PDF file, printer or print
  preview) with a CJK font, a running header and a footer with the print time and page numbers.

Nothing here imports QtWidgets: ``coetracker print`` works without a display. The GUI's preview
and "Save as PDF" live in :mod:`coetracker.ui.dialogs.print_preview`.
"""

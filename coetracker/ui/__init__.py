"""Qt widgets: the only layer that imports QtWidgets.

``window/`` the main window (chrome, commands, live refresh); ``models/`` the item models and
proxies; ``panes/`` the panes inside the window; ``dialogs/`` the dialogs; ``features/`` what
installs itself into the window through its hooks (CSV, printing, backups, ledger); ``common/``
text, labels, message boxes, forms, icons, palette and the background worker.
"""

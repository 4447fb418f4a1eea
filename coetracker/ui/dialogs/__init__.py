"""Dialogs: the case editor and record dialogs, settings, ledger, about, crash."""

"""Printing to PDF and paper through Qt print support (QtGui only; shared by GUI and CLI)."""

"""Helpers shared by the test modules: databases (``db``), the command line (``cli``) and
backups (``backup``). Test modules import from here, never from each other."""

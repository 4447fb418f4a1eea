"""Qt item models and proxies: the case list, a case's details, imports, settings."""

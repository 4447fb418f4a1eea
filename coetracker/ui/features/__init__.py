"""Features installed into the window: CSV import/export, printing, backups, the ledger."""

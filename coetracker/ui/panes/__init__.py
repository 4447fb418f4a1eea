"""The panes of the main window: filters, Today, the selected case's tabs, welcome."""

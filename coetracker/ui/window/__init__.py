"""The main window: its chrome, its commands, live refresh and the open database."""

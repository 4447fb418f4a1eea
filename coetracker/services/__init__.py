"""Use cases shared by the GUI and the CLI: save a case, log an inquiry, list, export, import."""

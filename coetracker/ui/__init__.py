"""Qt widgets: main window, models, panes, dialogs. The only layer that imports QtWidgets."""

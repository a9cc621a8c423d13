"""PySide6 user interface: models, widgets, dialogs and the main window."""

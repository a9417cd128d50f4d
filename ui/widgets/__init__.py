"""Widgets shared by the views and dialogs."""

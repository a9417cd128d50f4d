"""The views of the main window, in the order of its navigation.

A feature adds its view here, once it is built (never an empty placeholder).
"""

from .agenda_view import AgendaView

VIEW_CLASSES = [AgendaView]

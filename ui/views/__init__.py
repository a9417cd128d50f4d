"""The views of the main window, in the order of its navigation.

A feature adds its view here, once it is built (never an empty placeholder).
"""

from .agenda_view import AgendaView
from .documents_view import DocumentsView
from .groups_view import GroupsView
from .highlights_view import HighlightsView
from .live_view import LiveView
from .notes_view import NotesView
from .outcomes_view import OutcomesView
from .participants_view import ParticipantsView
from .survey_view import SurveyView

VIEW_CLASSES = [
    AgendaView,
    LiveView,
    ParticipantsView,
    GroupsView,
    SurveyView,
    NotesView,
    OutcomesView,
    HighlightsView,
    DocumentsView,
]

"""The views of the main window, in the order of its navigation.

A feature adds its view here, once it is built (never an empty placeholder). A view's module
is imported only when the view is first needed, so that the window paints without waiting
for every view (and for reportlab, which the documents view brings in).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from gcm_dialogue.i18n import N_


@dataclass(frozen=True)
class ViewEntry:
    view_id: str
    title: object  # a lazy translation, shown in the navigation and the View menu
    module: str  # in ui.views
    class_name: str

    def load(self) -> type:
        return getattr(import_module(f"{__name__}.{self.module}"), self.class_name)


VIEWS = [
    ViewEntry("agenda", N_("Agenda"), "agenda_view", "AgendaView"),
    ViewEntry("live", N_("Live session"), "live_view", "LiveView"),
    ViewEntry("participants", N_("Participants"), "participants_view", "ParticipantsView"),
    ViewEntry("groups", N_("Breakout groups"), "groups_view", "GroupsView"),
    ViewEntry("survey", N_("Survey"), "survey_view", "SurveyView"),
    ViewEntry("notes", N_("Notes"), "notes_view", "NotesView"),
    ViewEntry("outcomes", N_("Outcomes"), "outcomes_view", "OutcomesView"),
    ViewEntry("highlights", N_("Highlights"), "highlights_view", "HighlightsView"),
    ViewEntry("documents", N_("Documents"), "documents_view", "DocumentsView"),
    # reference data, rarely changed during a meeting: last
    ViewEntry("mechanisms", N_("Mechanisms"), "mechanisms_view", "MechanismsView"),
]

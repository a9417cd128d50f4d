"""The breakout groups board: one card per group, people dragged between them.

Each card shows the group's room, interpretation pair, facilitators, rapporteur, guiding
questions and its counts by category, region, language and gender, above its members. An
"In no group" card lists the meeting's people in no group (a thin drop strip when there is
none). Everything a drag does can be done by keyboard: Ctrl+G moves the selected people to
a group, Delete takes them out of theirs. Every change (a move, a role, an automatic
assignment, a group added, edited or deleted) is one undoable edit whose scope is the
meeting's groups, so the memberships are restored with them.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import assignment, groups, i18n, participants, taxonomy
from gcm_dialogue.errors import KnownError
from gcm_dialogue.groups import BreakoutGroup
from gcm_dialogue.i18n import N_, _, ngettext
from gcm_dialogue.multilingual import Text
from gcm_dialogue.participants import join_name

from ..context import AppContext
from ..dialogs.assignment_dialog import AssignmentDialog, counts_text
from ..dialogs.group_dialog import GroupDialog
from .base import View

ID_ROLE = Qt.UserRole + 1
MIME_TYPE = "application/x-gcm-dialogue-participants"
COLUMNS = 2
CARDS_AT_ONCE = 4  # two rows: what a screen shows first
GENDERS = {"female": N_("Female"), "male": N_("Male"), "other": N_("Other")}


class MemberList(QListWidget):
    """A card's members; people dropped here from another card join this group."""

    def __init__(self, board: GroupsView, group_id: str | None) -> None:
        super().__init__()
        self.board, self.group_id = board, group_id
        self.setObjectName(f"members_{group_id or 'none'}")
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDrop)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def selected_ids(self) -> list[str]:
        return [item.data(ID_ROLE) for item in self.selectedItems()]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # noqa: N802 - Qt's name
        """The dragged people's ids travel with the drag, so a drop needs nothing else."""
        data = super().mimeData(items)
        ids = [item.data(ID_ROLE) for item in items]
        data.setData(MIME_TYPE, json.dumps({"from": self.group_id, "ids": ids}).encode())
        return data

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [*super().mimeTypes(), MIME_TYPE]

    @staticmethod
    def _dragged(event: QDropEvent) -> dict | None:
        data = event.mimeData()
        if data is None or not data.hasFormat(MIME_TYPE):
            return None
        return json.loads(bytes(data.data(MIME_TYPE)).decode())

    def dragEnterEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        dragged = self._dragged(event)
        if dragged is not None and dragged["from"] != self.group_id:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        dragged = self._dragged(event)
        if dragged is None or dragged["from"] == self.group_id:
            event.ignore()
            return
        event.setDropAction(Qt.CopyAction)  # the board is rebuilt; Qt must not remove items
        event.accept()
        if dragged["ids"]:
            self.board.move_people(list(dragged["ids"]), self.group_id)

    def _menu(self, position: object) -> None:
        item = self.itemAt(position)
        if item is None or self.group_id is None:
            return
        self.board.member_menu(self.group_id, item.data(ID_ROLE)).exec(
            self.viewport().mapToGlobal(position)
        )


class GroupsView(View):
    view_id = "groups"
    tables = ("breakout_groups", "group_members", "participants", "meeting_participants")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._generation = 0
        self._pending: list = []
        self.language_names: dict[str, str] = {}
        self.cards: dict[str | None, QFrame] = {}
        self.lists: dict[str | None, MemberList] = {}
        self.names: dict[str, str] = {}
        self.add_action(
            "assign", _("&Form groups automatically…"), self.form_groups, "Ctrl+Shift+A"
        )
        self.add_action("add_group", _("&Add group…"), self.add_group, "Ctrl+Shift+G")
        self.add_action("move", _("Move to &group…"), self.ask_group, "Ctrl+G")
        self.add_action("take_out", _("Take out of the group"), self.take_out, "Delete")
        self.add_action(
            "delete_group", _("Delete &group…"), self.delete_current_group, "Ctrl+Shift+Delete"
        )
        self.summary = QLabel()
        self.summary.setObjectName("groupsSummary")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for name in ("add_group", "assign"):
            button = QToolButton()
            button.setDefaultAction(self.actions_by_name[name])
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            top.addWidget(button)
        self.board = QWidget()
        self.board.setObjectName("groupsBoard")
        self.grid = QGridLayout(self.board)
        self.grid.setAlignment(Qt.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.board)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    # ---- labels --------------------------------------------------------------------------------

    def label(self, dimension: str, value: str) -> str:
        """A count's value as people read it: a region's, category's, language's name."""
        lang = i18n.current_language()
        if not value:
            return _("unknown")
        if dimension == "region":
            return self.region_names.get(value, value)
        if dimension == "category":
            return str(participants.CATEGORIES.get(value, value))
        if dimension == "language":
            return (self.language_names or i18n.babel_locale(lang).languages).get(value, value)
        return str(GENDERS.get(value, value))

    def text(self, text: Text) -> str:
        source = self.meeting.source_lang if self.meeting else "en"
        return text.get_text(i18n.current_language(), source)

    # ---- building the board --------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1  # cards still being built for an earlier refresh are dropped
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.cards, self.lists = {}, {}
        meeting = self.meeting
        if meeting is None:
            self.summary.setText("")
            return
        lang = i18n.current_language()
        self.language_names = i18n.babel_locale(lang).languages
        self.region_names = {r.code: r.name.get_text(lang, "en") for r in taxonomy.regions(self.ws)}
        people = groups.candidates(self.ws, meeting.id)
        self.names = {p.id: join_name(p.given_name, p.family_name) for p in people}
        self.organisations = {p.id: p.organisation for p in people}
        board = groups.list_groups(self.ws, meeting.id)
        balance = {b.group_id: b for b in assignment.current_balance(self.ws, meeting.id)}
        placed = {m.participant_id for g in board for m in g.members}
        # Those in no group first, across the board; then the groups, a few cards at a time
        # so that the view shows at once even with a hundred groups.
        card = self._unassigned_card([p.id for p in people if p.id not in placed])
        self.grid.addWidget(card, 0, 0, 1, COLUMNS)
        self._pending = [(n, g, balance.get(g.id)) for n, g in enumerate(board)]
        self._build_cards(self._generation)
        self.summary.setText(
            ngettext(
                "{groups} group; {placed} of {people} people placed.",
                "{groups} groups; {placed} of {people} people placed.",
                len(board),
            ).format(
                groups=i18n.format_number(len(board)),
                placed=i18n.format_number(len(placed)),
                people=i18n.format_number(len(people)),
            )
        )

    def _build_cards(self, generation: int) -> None:
        if generation != self._generation:
            return
        batch, self._pending = self._pending[:CARDS_AT_ONCE], self._pending[CARDS_AT_ONCE:]
        for n, group, balance in batch:
            self.grid.addWidget(self._card(group, balance), 1 + n // COLUMNS, n % COLUMNS)
        if self._pending:
            QTimer.singleShot(0, lambda: self._build_cards(generation))

    def _member_item(self, participant_id: str, marks: str = "") -> QListWidgetItem:
        name = self.names.get(participant_id, "?")
        org = self.organisations.get(participant_id) or ""
        text = f"{name} ({org})" if org else name
        item = QListWidgetItem(f"{text} {marks}".strip())
        item.setData(ID_ROLE, participant_id)
        return item

    def _card(self, group: BreakoutGroup, balance: assignment.GroupBalance | None) -> QFrame:
        card = QFrame()
        card.setObjectName(f"card_{group.id}")
        card.setFrameShape(QFrame.StyledPanel)
        layout = QVBoxLayout(card)
        title_row = QHBoxLayout()
        title = QLabel(f"<b>{_escape(self.text(group.name))}</b>")
        title.setWordWrap(True)
        title_row.addWidget(title, 1)
        edit = QPushButton(_("Edit…"))
        edit.setObjectName(f"edit_{group.id}")
        edit.clicked.connect(lambda _checked=False, gid=group.id: self.edit_group(gid))
        title_row.addWidget(edit)
        delete = QPushButton(_("Delete"))
        delete.setObjectName(f"delete_{group.id}")
        delete.setToolTip(self.actions_by_name["delete_group"].toolTip())
        delete.clicked.connect(lambda _checked=False, gid=group.id: self.delete_group(gid))
        title_row.addWidget(delete)
        layout.addLayout(title_row)
        pair = " – ".join(self.language_names.get(code, code) for code in group.interpretation)
        size = len(group.members)
        people = (
            _("{count} of {capacity} seats").format(
                count=i18n.format_number(size), capacity=i18n.format_number(group.capacity)
            )
            if group.capacity
            else ngettext("{count} person", "{count} people", size).format(
                count=i18n.format_number(size)
            )
        )
        details = [
            # the room as typed, isolated so that Latin text keeps its order in Arabic
            _("Room: {room}").format(room=f"\u2068{group.room}\u2069" if group.room else "—"),
            _("Interpretation: {pair}").format(pair=pair or "—"),
            people,
        ]
        info = QLabel(" · ".join(details))
        info.setObjectName(f"info_{group.id}")
        info.setTextFormat(Qt.PlainText)  # the room as typed: "<i>" is not italics
        info.setWordWrap(True)
        layout.addWidget(info)
        facilitators = ", ".join(self.names.get(i, "?") for i in group.facilitator_ids) or "—"
        rapporteur = self.names.get(group.rapporteur_id or "", "") or "—"
        roles = QLabel(
            _("Facilitators: {names}").format(names=_escape(facilitators))
            + "<br>"
            + _("Rapporteur: {name}").format(name=_escape(rapporteur))
        )
        roles.setWordWrap(True)
        layout.addWidget(roles)
        if group.guiding_questions:
            questions = QLabel(
                "<ol style='margin:0'>"
                + "".join(f"<li>{_escape(self.text(q))}</li>" for q in group.guiding_questions)
                + "</ol>"
            )
            questions.setObjectName(f"questions_{group.id}")
            questions.setWordWrap(True)
            questions.setStyleSheet("color: #444")
            layout.addWidget(questions)
        if balance is not None and balance.size:
            lines = [
                f"<i>{_escape(str(assignment.DIMENSION_LABELS[d]))}:</i> "
                + _escape(counts_text(balance.counts[d], lambda v, d=d: self.label(d, v)))
                for d in ("category", "region", "language", "gender")
            ]
            counts = QLabel("<br>".join(lines))
            counts.setObjectName(f"counts_{group.id}")
            counts.setWordWrap(True)
            layout.addWidget(counts)
        members = MemberList(self, group.id)
        for member in group.members:
            marks = " ".join(
                mark
                for flag, mark in (
                    (member.is_rapporteur, _("[rapporteur]")),
                    (member.is_facilitator, _("[facilitator]")),
                    (member.pinned, _("[pinned]")),
                )
                if flag
            )
            members.addItem(self._member_item(member.participant_id, marks))
        members.setMinimumHeight(160)
        layout.addWidget(members, 1)
        self.cards[group.id], self.lists[group.id] = card, members
        return card

    def _unassigned_card(self, ids: list[str]) -> QFrame:
        card = QFrame()
        card.setObjectName("card_unassigned")
        card.setFrameShape(QFrame.StyledPanel)
        layout = QVBoxLayout(card)
        layout.addWidget(
            QLabel(
                "<b>"
                + _escape(
                    ngettext("In no group ({count})", "In no group ({count})", len(ids)).format(
                        count=i18n.format_number(len(ids))
                    )
                )
                + "</b>"
            )
        )
        members = MemberList(self, None)
        members.setObjectName("members_unassigned")
        for pid in sorted(ids, key=lambda i: self.names.get(i, "")):
            members.addItem(self._member_item(pid))
        if ids:
            members.setMinimumHeight(120)
        else:  # collapsed to a strip people can still be dropped on
            members.setFixedHeight(members.fontMetrics().height() + 8)
            members.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            layout.setContentsMargins(6, 4, 6, 4)
            layout.setSpacing(2)
        layout.addWidget(members)
        self.cards[None], self.lists[None] = card, members
        return card

    # ---- edits -------------------------------------------------------------------------------

    def _group_ids(self) -> list[str]:
        assert self.meeting is not None
        return [g.id for g in groups.list_groups(self.ws, self.meeting.id)]

    def _edit(self, text: str, action: object, extra_scope: tuple[str, ...] = ()) -> object:
        try:
            return self.context.edit(
                text, "breakout_groups", [*self._group_ids(), *extra_scope], action
            )  # type: ignore[arg-type]
        except KnownError as exc:
            QMessageBox.warning(self, _("Breakout groups"), str(exc))
            return None

    def _who(self, ids: list[str]) -> str:
        if len(ids) == 1:
            return "'" + self.names.get(ids[0], "?") + "'"
        return ngettext("{count} person", "{count} people", len(ids)).format(
            count=i18n.format_number(len(ids))
        )

    def move_people(self, ids: list[str], group_id: str | None) -> None:
        """What a drop does: the people join the group (or leave theirs)."""
        if self.meeting is None or not ids:
            return
        meeting_id = self.meeting.id
        if group_id is None:
            text = _("Take {who} out of their group").format(who=self._who(ids))
        else:
            name = self.text(groups.get_group(self.ws, group_id).name)
            text = _("Move {who} to {group}").format(who=self._who(ids), group=name)
        # Roles belong to a group: a rapporteur who moves is no longer its rapporteur. Say so.
        lost = groups.roles_lost(self.ws, meeting_id, ids, group_id)
        if lost:
            text = _("{move} (roles in the old group removed)").format(move=text)
        source = self._current_list()
        row = source.currentRow() if source is not None else -1
        done = self._edit(text, lambda: groups.move_members(self.ws, meeting_id, ids, group_id))
        if done is not None and lost:
            self.context.show_status(text)
        if source is not None:
            self._refocus(source.group_id, row)

    # ---- keyboard ------------------------------------------------------------------------------

    def _current_list(self) -> MemberList | None:
        """The member list the keyboard is in, else the one with people selected."""
        widget = QApplication.focusWidget()
        if isinstance(widget, MemberList) and widget in self.lists.values():
            return widget
        return next((m for m in self.lists.values() if m.selectedItems()), None)

    def _refocus(self, group_id: str | None, row: int) -> None:
        """After the board is rebuilt, the keyboard goes back to the list it was in."""
        members = self.lists.get(group_id)
        if members is None:
            return
        members.setFocus()
        if members.count():
            members.setCurrentRow(max(0, min(row, members.count() - 1)))

    def ask_group(self) -> None:
        """Ctrl+G: move the selected people to a group chosen from a list."""
        source = self._current_list()
        if self.meeting is None or source is None or not source.selected_ids():
            return
        ids = source.selected_ids()
        board = groups.list_groups(self.ws, self.meeting.id)
        labels = [_("(no group)")] + [self.text(g.name) for g in board]
        ids_by_row: list[str | None] = [None, *(g.id for g in board)]
        here = ids_by_row.index(source.group_id)
        dialog = QInputDialog(self)
        dialog.setObjectName("moveToGroupDialog")
        dialog.setWindowTitle(_("Move to group"))
        dialog.setLabelText(_("Group:"))
        dialog.setComboBoxItems(labels)
        dialog.setComboBoxEditable(False)
        dialog.setTextValue(labels[(here + 1) % len(labels)])
        if self.exec_dialog(dialog) != QDialog.Accepted:
            return
        combo = dialog.findChild(QComboBox)
        index = combo.currentIndex() if combo is not None else labels.index(dialog.textValue())
        if index != here:
            self.move_people(ids, ids_by_row[index])

    def take_out(self) -> None:
        """Delete: the selected members leave their group (they are then in no group)."""
        source = self._current_list()
        if source is not None and source.group_id is not None and source.selected_ids():
            self.move_people(source.selected_ids(), None)

    def delete_current_group(self) -> None:
        source = self._current_list()
        if source is not None and source.group_id is not None:
            self.delete_group(source.group_id)

    def delete_group(self, group_id: str) -> None:
        """Delete a group once confirmed; its members go back to "In no group"."""
        group = groups.get_group(self.ws, group_id)
        name = self.text(group.name)
        box = QMessageBox(
            QMessageBox.Question,
            _("Breakout groups"),
            ngettext(
                "Delete the group '{name}'? Its {count} member goes back to “In no group”.",
                "Delete the group '{name}'? Its {count} members go back to “In no group”.",
                len(group.members),
            ).format(name=name, count=i18n.format_number(len(group.members))),
            QMessageBox.Yes | QMessageBox.Cancel,
            self,
        )
        box.setObjectName("deleteGroupBox")
        box.setTextFormat(Qt.PlainText)
        box.setDefaultButton(QMessageBox.Cancel)
        self.exec_dialog(box)
        if box.clickedButton() is not box.button(QMessageBox.Yes):
            return
        self._edit(
            _("Delete '{title}'").format(title=name),
            lambda: groups.delete_group(self.ws, group_id),
        )

    def member_menu(self, group_id: str, participant_id: str) -> QMenu:
        group = groups.get_group(self.ws, group_id)
        member = next(m for m in group.members if m.participant_id == participant_id)
        name = self.names.get(participant_id, "?")
        menu = QMenu(self)
        for label, flag, key in (
            (_("Rapporteur"), member.is_rapporteur, "rapporteur"),
            (_("Facilitator"), member.is_facilitator, "facilitator"),
            (_("Pinned to this group"), member.pinned, "pinned"),
        ):
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(flag)
            action.triggered.connect(
                lambda checked, k=key: self.set_flag(group_id, participant_id, k, checked)
            )
        menu.addSeparator()
        menu.addAction(self.actions_by_name["move"])
        leave = menu.addAction(_("Take out of the group"))
        leave.triggered.connect(lambda _c=False: self.move_people([participant_id], None))
        menu.setObjectName(f"menu_{name}")
        return menu

    def set_flag(self, group_id: str, participant_id: str, flag: str, value: bool) -> None:
        name = self.names.get(participant_id, "?")
        texts = {
            ("rapporteur", True): _("Make '{name}' rapporteur"),
            ("rapporteur", False): _("'{name}' no longer rapporteur"),
            ("facilitator", True): _("Make '{name}' facilitator"),
            ("facilitator", False): _("'{name}' no longer facilitator"),
            ("pinned", True): _("Pin '{name}' to the group"),
            ("pinned", False): _("Unpin '{name}'"),
        }
        self._edit(
            texts[(flag, value)].format(name=name),
            lambda: groups.set_member_flags(self.ws, group_id, participant_id, **{flag: value}),
        )

    def exec_dialog(self, dialog: QDialog) -> int:
        """Run a modal dialog (tests replace this to drive the dialog instead)."""
        return dialog.exec()

    def form_groups(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        dialog = AssignmentDialog(self.ws, meeting_id, self.label, self)
        if self.exec_dialog(dialog) != QDialog.Accepted or dialog.plan is None:
            return
        mode = dialog.mode
        text = _("Form groups by region") if mode == "region" else _("Form mixed groups")
        result = self._edit(
            text, lambda: assignment.assign_automatically(self.ws, meeting_id, mode)
        )
        if isinstance(result, assignment.Assignment):
            self.last_assignment = result
            placed = sum(1 for p in result.placements if p.group_id)
            self.context.show_status(
                _("{what}: {placed} placed, {left} not placed.").format(
                    what=text,
                    placed=i18n.format_number(placed),
                    left=i18n.format_number(len(result.unplaced)),
                )
            )

    def _regions(self) -> list[tuple[str, str]]:
        lang = i18n.current_language()
        return [(r.code, r.name.get_text(lang, "en")) for r in taxonomy.regions(self.ws)]

    def add_group(self) -> None:
        if self.meeting is None:
            return
        meeting = self.meeting
        dialog = GroupDialog(self._regions(), meeting.source_lang, None, self)
        if self.exec_dialog(dialog) != QDialog.Accepted:
            return
        values = dialog.values()
        self._edit(
            _("Add group '{name}'").format(name=dialog.name.text().strip()),
            lambda: groups.create_group(self.ws, meeting.id, **values),
        )

    def edit_group(self, group_id: str) -> None:
        if self.meeting is None:
            return
        group = groups.get_group(self.ws, group_id)
        dialog = GroupDialog(self._regions(), self.meeting.source_lang, group, self)
        if self.exec_dialog(dialog) != QDialog.Accepted:
            return
        values = dialog.values()
        self._edit(
            _("Edit group '{name}'").format(name=self.text(group.name)),
            lambda: groups.update_group(self.ws, group_id, **values),
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["GroupsView", "MemberList"]

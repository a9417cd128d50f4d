"""The outcomes board: proposals from all groups' notes, merged into numbered outcomes in sets.

Left, recommendations and key messages that look alike across groups (shared thematic tags,
similar words), proposed for grouping; right, the sets of outcomes ("five cross-regional
priorities"), numbered, each saying where it came from ("made in 4 of 4 groups: Africa,
Europe, ..."), with its lead sentence and paragraph per language and its register.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import consolidation, groups, i18n, notes, outcomes
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _
from gcm_dialogue.texts import shorten

from ..context import AppContext
from ..dialogs.outcome_set_dialog import OutcomeSetDialog
from ..tasks import run_task
from ..widgets.note_capture import format_list, plain_language_name
from ..widgets.view_focus import focus_when_shown
from .save_on_leave import SavesOnLeave

NOTE_ROLE = Qt.UserRole + 1
OUTCOME_ROLE = Qt.UserRole + 2
SET_ROLE = Qt.UserRole + 3
NO_SET = "\x00none"
SHOWN_PER_PROPOSAL = 30  # notes listed under a proposed grouping (a merge takes them all)
SHORT = 90  # characters of a note or outcome shown in a list


def provenance_text(provenance: consolidation.Provenance, lang: str, source: str) -> str:
    """'made in 4 of 4 groups: Africa, Europe' (or the sessions, when no group)."""
    if provenance.total_groups and provenance.groups:
        regions = provenance.region_names(lang, source)
        made = provenance.made_in()
        return _("{made}: {regions}").format(made=made, regions=regions) if regions else made
    if provenance.note_count:
        return i18n.ngettext(
            "from {count} plenary note", "from {count} plenary notes", provenance.note_count
        ).format(count=provenance.note_count)
    return _("no source note")


class OutcomesView(SavesOnLeave):
    view_id = "outcomes"
    tables = ("outcomes", "outcome_sets", "outcome_sources", "outcome_tags", "notes")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.proposals: list[consolidation.Proposal] = []
        self.task = None
        self._filling = False
        # what the editor was filled with: (outcome id, language, its values), to save what
        # the user typed when they leave it; and whether a refresh waits for such a save
        self._loaded: tuple[str, str, tuple] | None = None

        # ---- proposals ----
        self.unused_only = QCheckBox(_("Only notes not yet in an outcome"))
        self.unused_only.setObjectName("unusedOnly")
        self.unused_only.toggled.connect(lambda _on: self.load_proposals())
        self.proposal_tree = QTreeWidget()
        self.proposal_tree.setObjectName("proposalTree")
        self.proposal_tree.setHeaderLabels([_("Proposed groupings"), _("Group")])
        self.proposal_tree.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.proposal_tree.setWordWrap(True)
        self.proposal_tree.header().setStretchLastSection(False)
        self.proposal_tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.proposal_tree.header().setSectionResizeMode(1, QHeaderView.Interactive)
        self.proposal_tree.header().resizeSection(1, self.fontMetrics().averageCharWidth() * 22)
        self.proposal_status = QLabel()
        self.merge_button = QPushButton(_("Mer&ge into one outcome (Ctrl+M)"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.clicked.connect(self.merge_selected)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.unused_only)
        left_layout.addWidget(self.proposal_tree, 1)
        left_layout.addWidget(self.proposal_status)
        left_layout.addWidget(self.merge_button)

        # ---- the board ----
        self.board = QTreeWidget()
        self.board.setObjectName("outcomeBoard")
        self.board.setHeaderLabels([_("Outcome"), _("Made in")])
        self.board.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.board.header().setStretchLastSection(False)
        self.board.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.board.header().setSectionResizeMode(1, QHeaderView.Interactive)
        self.board.header().resizeSection(1, self.fontMetrics().averageCharWidth() * 26)
        self.board.currentItemChanged.connect(lambda *_a: self._leave_and_show())
        self.new_set_button = QPushButton(_("New set…"))
        self.new_set_button.clicked.connect(self.new_set)
        self.rename_set_button = QPushButton(_("Rename set… (F2)"))
        self.rename_set_button.setObjectName("renameSet")
        self.rename_set_button.clicked.connect(self.rename_set)
        self.up_button = QPushButton(_("Up (Ctrl+Up)"))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(_("Down (Ctrl+Down)"))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        board_buttons = QHBoxLayout()
        for button in (
            self.new_set_button,
            self.rename_set_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            board_buttons.addWidget(button)
        board_buttons.addStretch(1)

        # ---- the editor ----
        self.lang = QComboBox()
        self.lang.setObjectName("outcomeLang")
        self.lang.currentIndexChanged.connect(lambda _i: self._leave_and_show())
        self.lead = QPlainTextEdit()
        self.lead.setObjectName("outcomeLead")
        self.lead.setTabChangesFocus(True)
        self.body = QPlainTextEdit()
        self.body.setObjectName("outcomeBody")
        self.body.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        self.lead.setMaximumHeight(line * 3 + 12)
        self.body.setMaximumHeight(line * 8 + 12)
        self.register = QComboBox()
        self.register.setObjectName("outcomeRegister")
        for code, label in outcomes.REGISTERS.items():
            self.register.addItem(str(label), code)
        self.kind = QComboBox()
        self.kind.setObjectName("outcomeKind")
        for code, label in outcomes.KINDS.items():
            self.kind.addItem(str(label), code)
        self.set_combo = QComboBox()
        self.set_combo.setObjectName("outcomeSet")
        self.provenance = QLabel()
        self.provenance.setObjectName("outcomeProvenance")
        self.provenance.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setObjectName("outcomeMissing")
        self.missing.setWordWrap(True)
        self.sources = QListWidget()
        self.sources.setObjectName("outcomeSources")
        self.sources.setWordWrap(True)
        self.save_button = QPushButton(_("&Save (Ctrl+S)"))
        self.save_button.setObjectName("saveOutcome")
        self.save_button.clicked.connect(self.save)
        self.sources.setMaximumHeight(line * 8 + 12)
        kind_label = QLabel(_("K&ind:"))
        kind_label.setBuddy(self.kind)
        register_row = QHBoxLayout()
        register_row.addWidget(self.register, 1)
        register_row.addWidget(kind_label)
        register_row.addWidget(self.kind, 1)
        form = QFormLayout()
        form.addRow(_("&Language:"), self.lang)
        form.addRow(_("Lea&d sentence:"), self.lead)
        form.addRow(_("&Paragraph:"), self.body)
        register_label = QLabel(_("&Register:"))
        register_label.setBuddy(self.register)
        form.addRow(register_label, register_row)
        form.addRow(_("Se&t:"), self.set_combo)
        form.addRow(_("Made in:"), self.provenance)
        form.addRow(_("Translations:"), self.missing)
        form.addRow(_("Sources:"), self.sources)
        form.addRow("", self.save_button)
        self.editor = QGroupBox(_("Outcome"))
        self.editor.setLayout(form)
        board_box = QWidget()
        board_layout = QVBoxLayout(board_box)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addWidget(self.board, 1)
        board_layout.addLayout(board_buttons)
        # the proposals above the board they feed, the editor of the chosen outcome beside
        # them at full height (the board keeps room for two sets of five in any script)
        lists = QSplitter(Qt.Vertical)
        lists.setObjectName("outcomeLists")
        lists.addWidget(left)
        lists.addWidget(board_box)
        lists.setStretchFactor(0, 1)
        lists.setStretchFactor(1, 1)
        self.board.setMinimumHeight(line * 8)
        self.proposal_tree.setMinimumHeight(line * 6)

        splitter = QSplitter()
        splitter.addWidget(lists)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        for keys, slot in (
            ("Ctrl+M", self.merge_selected),
            ("Ctrl+S", self.save),
            ("Ctrl+Up", lambda: self.move_selected(-1)),
            ("Ctrl+Down", lambda: self.move_selected(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        delete = QShortcut(QKeySequence.Delete, self.board)
        delete.activated.connect(self.delete_selected)
        rename = QShortcut(QKeySequence(Qt.Key_F2), self.board)
        rename.activated.connect(self.rename_set)

    # ---- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.load_board()
        # proposals take a moment on a large meeting: looked for only while the board is seen
        self._proposals_stale = True
        if self.isVisible():
            self.load_proposals()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        if getattr(self, "_proposals_stale", False):
            self.load_proposals()
        focus_when_shown(self, event, lambda: self.proposal_tree)



    def load_proposals(self) -> None:
        meeting = self.meeting
        self._proposals_stale = False
        self.proposal_tree.clear()
        if meeting is None:
            return
        self.proposal_status.setText(_("Looking for similar notes…"))
        ws, meeting_id, unused = self.ws, meeting.id, self.unused_only.isChecked()

        def work(progress: object) -> object:
            found = consolidation.propose_groupings(ws, meeting_id, unused_only=unused)
            ids = [n for p in found for n in p.note_ids[:SHOWN_PER_PROPOSAL]]
            return found, notes.get_notes(ws, ids)

        self.task = run_task(self, _("Looking for similar notes"), work, self._show_proposals)

    def _show_proposals(self, result: object) -> None:
        if self.meeting is None:
            return
        found, by_id = result
        self.proposals = found
        lang, source = i18n.current_language(), self.meeting.source_lang
        names = {
            g.id: g.name.get_text(lang, source)
            for g in groups.list_groups(self.ws, self.meeting.id)
        }
        self.proposal_tree.clear()
        bold = QFont(self.proposal_tree.font())
        bold.setBold(True)
        for proposal in found:
            provenance = consolidation.notes_provenance(self.ws, self.meeting.id, proposal.note_ids)
            tags = " ".join(notes.short_tag(t) for t in proposal.shared_tags)
            top = QTreeWidgetItem(
                [
                    _("{count} notes · {tags} · {made}").format(
                        count=len(proposal.note_ids), tags=tags, made=provenance.made_in()
                    ),
                    "",
                ]
            )
            top.setToolTip(0, provenance_text(provenance, lang, source))
            top.setFont(0, bold)
            top.setData(0, NOTE_ROLE, list(proposal.note_ids))
            self.proposal_tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for note_id in proposal.note_ids[:SHOWN_PER_PROPOSAL]:
                note = by_id.get(note_id)
                if note is None:
                    continue
                child = QTreeWidgetItem(
                    [shorten(note.text, SHORT), names.get(note.group_id or "", _("Plenary"))]
                )
                child.setToolTip(0, note.text)
                child.setData(0, NOTE_ROLE, [note.id])
                top.addChild(child)
            hidden = len(proposal.note_ids) - SHOWN_PER_PROPOSAL
            if hidden > 0:
                # the grouping as a whole still merges every note; only the list is cut short
                more = QTreeWidgetItem(
                    [
                        i18n.ngettext(
                            "… and {count} more note", "… and {count} more notes", hidden
                        ).format(count=i18n.format_number(hidden)),
                        "",
                    ]
                )
                more.setFlags(Qt.ItemIsEnabled)
                top.addChild(more)
            top.setExpanded(True)
        if found and self.proposal_tree.currentItem() is None:
            # the keyboard starts on the widest grouping (made current, not selected)
            self.proposal_tree.setCurrentItem(
                self.proposal_tree.topLevelItem(0), 0, QItemSelectionModel.NoUpdate
            )
        self.proposal_status.setText(
            i18n.ngettext(
                "{count} grouping proposed", "{count} groupings proposed", len(found)
            ).format(count=len(found))
            if found
            else _("No similar notes in several groups.")
        )

    def load_board(self) -> None:
        meeting = self.meeting
        current = self.current_outcome_id()
        pending = self._pending()
        self._loaded = None  # the rebuild below must not save it: it is put back after
        self._filling = True
        self.board.clear()
        self.set_combo.clear()
        self.lang.blockSignals(True)
        chosen_lang = self.lang.currentData()
        self.lang.clear()
        self.lang.blockSignals(False)
        if meeting is None:
            self._filling = False
            return
        lang, source = i18n.current_language(), meeting.source_lang
        self.lang.blockSignals(True)
        for code in meeting.working_langs:
            self.lang.addItem(plain_language_name(code), code)
        self.lang.setCurrentIndex(max(0, self.lang.findData(chosen_lang or source)))
        self.lang.blockSignals(False)
        bold = QFont(self.board.font())
        bold.setBold(True)
        tops: dict[str | None, QTreeWidgetItem] = {}
        self.set_combo.addItem(_("Not in a set"), NO_SET)
        for outcome_set in outcomes.list_sets(self.ws, meeting.id):
            top = QTreeWidgetItem([outcome_set.title.get_text(lang, source), ""])
            top.setFont(0, bold)
            top.setData(0, SET_ROLE, outcome_set.id)
            self.board.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            tops[outcome_set.id] = top
            self.set_combo.addItem(
                shorten(outcome_set.title.get_text(lang, source), 50), outcome_set.id
            )
        selected = None
        for number, outcome in outcomes.numbered(self.ws, meeting.id):
            parent = tops.get(outcome.set_id)
            if parent is None:
                parent = tops.get(None)
                if parent is None:
                    parent = QTreeWidgetItem([_("Not in a set"), ""])
                    parent.setFont(0, bold)
                    parent.setData(0, SET_ROLE, NO_SET)
                    self.board.addTopLevelItem(parent)
                    tops[None] = parent
            provenance = consolidation.outcome_provenance(self.ws, outcome.id)
            resolved = outcome.lead.resolve(lang, source)
            item = QTreeWidgetItem(
                [
                    f"{number}. {shorten(resolved.text, SHORT)}",
                    provenance_text(provenance, lang, source),
                ]
            )
            item.setToolTip(0, resolved.text)
            item.setToolTip(1, provenance_text(provenance, lang, source))
            if resolved.is_fallback:
                item.setForeground(0, QBrush(QColor("#8a5a00")))
            item.setData(0, OUTCOME_ROLE, outcome.id)
            parent.addChild(item)
            if outcome.id == current:
                selected = item
        self.board.expandAll()
        self._filling = False
        if selected is not None:
            self.board.setCurrentItem(selected)
        self.show_outcome()
        if pending is not None and self._loaded is not None and self._loaded[:2] == pending[:2]:
            self._set_editor_values(pending[2])  # a refresh never throws away what is typed

    # ---- the editor ------------------------------------------------------------------------

    def current_outcome_id(self) -> str | None:
        item = self.board.currentItem()
        return None if item is None else item.data(0, OUTCOME_ROLE)

    def _editor_values(self) -> tuple:
        return (
            self.lead.toPlainText(),
            self.body.toPlainText(),
            self.register.currentData(),
            self.kind.currentData(),
            self.set_combo.currentData(),
        )

    def _set_editor_values(self, values: tuple) -> None:
        lead, body, register, kind, set_key = values
        self.lead.setPlainText(lead)
        self.body.setPlainText(body)
        self.register.setCurrentIndex(self.register.findData(register))
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.set_combo.setCurrentIndex(max(0, self.set_combo.findData(set_key)))

    def _pending(self) -> tuple[str, str, tuple] | None:
        """(outcome id, language, values) of an edit not saved yet, else None."""
        if self._loaded is None or self.meeting is None:
            return None
        values = self._editor_values()
        return None if values == self._loaded[2] else (*self._loaded[:2], values)

    def _save_pending(self, pending: tuple[str, str, tuple]) -> bool:
        outcome_id, lang, values = pending
        saved = self._save(outcome_id, lang, values) is not None
        if saved:
            self._loaded = pending  # what the store holds now
        return saved

    def _leave_and_show(self) -> None:
        if self._filling:
            return
        self.flush()
        self.show_outcome()

    def show_outcome(self) -> None:
        if self._filling:
            return
        outcome_id = self.current_outcome_id()
        self._loaded = None
        self.editor.setEnabled(outcome_id is not None and self.meeting is not None)
        self.sources.clear()
        if outcome_id is None or self.meeting is None:
            self.lead.clear()
            self.body.clear()
            self.provenance.clear()
            self.missing.clear()
            return
        outcome = outcomes.get_outcome(self.ws, outcome_id)
        lang = self.lang.currentData() or self.meeting.source_lang
        self.lead.setPlainText(outcome.lead.get(lang, ""))
        self.lead.setPlaceholderText(outcome.lead.get_text(lang, self.meeting.source_lang))
        self.body.setPlainText(outcome.body.get(lang, ""))
        self.body.setPlaceholderText(outcome.body.get_text(lang, self.meeting.source_lang))
        self.register.setCurrentIndex(self.register.findData(outcome.register))
        self.kind.setCurrentIndex(self.kind.findData(outcome.kind))
        self.set_combo.setCurrentIndex(max(0, self.set_combo.findData(outcome.set_id or NO_SET)))
        ui_lang, source = i18n.current_language(), self.meeting.source_lang
        provenance = consolidation.outcome_provenance(self.ws, outcome_id)
        self.provenance.setText(provenance_text(provenance, ui_lang, source))
        missing = outcomes.missing_languages(self.ws, self.meeting.id, outcome.lead)
        self.missing.setText(
            _("Missing in: {languages}").format(
                languages=format_list([plain_language_name(c) for c in missing])
            )
            if missing
            else _("Written in every working language.")
        )
        names = {
            g.id: g.name.get_text(ui_lang, source)
            for g in groups.list_groups(self.ws, self.meeting.id)
        }
        for note in notes.get_notes(self.ws, outcome.source_note_ids).values():
            where = names.get(note.group_id or "", _("Plenary"))
            self.sources.addItem(f"{where}: {shorten(note.text, 120)}")
        self._loaded = (outcome_id, lang, self._editor_values())

    def save(self) -> None:
        """Ctrl+S: save the editor now (it is also saved on leaving it)."""
        pending = self._pending()
        if pending is not None:
            self._save(*pending)

    def _save(self, outcome_id: str, lang: str, values: tuple) -> object:
        lead, body, register, kind, set_id = values
        set_id = None if set_id == NO_SET else set_id
        try:
            current = outcomes.get_outcome(self.ws, outcome_id)
        except KnownError:
            return None  # gone meanwhile (undone, deleted): nothing left to save it to
        scope = [o.id for o in outcomes.list_outcomes(self.ws, current.meeting_id)]
        return self._edit(
            _("Edit outcome '{lead}'").format(
                lead=shorten(lead or current.lead.get_text(lang), 40)
            ),
            scope,
            lambda: outcomes.edit_outcome(
                self.ws,
                outcome_id,
                lang,
                lead=lead,
                body=body,
                register=register,
                kind=kind,
                set_id=set_id,
            ),
        )

    # ---- actions ---------------------------------------------------------------------------

    @staticmethod
    def _chosen(tree: QTreeWidget) -> list[QTreeWidgetItem]:
        """The items selected, else the one with the keyboard focus (reached by Tab, which
        makes an item current without selecting it)."""
        items = tree.selectedItems()
        if not items and tree.hasFocus() and tree.currentItem() is not None:
            items = [tree.currentItem()]
        return items

    def selected_note_ids(self) -> list[str]:
        ids: list[str] = []
        for item in self._chosen(self.proposal_tree):
            ids += item.data(0, NOTE_ROLE) or []
        return list(dict.fromkeys(ids))

    def selected_outcome_ids(self) -> list[str]:
        return [
            item.data(0, OUTCOME_ROLE)
            for item in self._chosen(self.board)
            if item.data(0, OUTCOME_ROLE)
        ]

    def merge_selected(self) -> None:
        if self.meeting is None:
            return
        self.flush()
        note_ids, outcome_ids = self.selected_note_ids(), self.selected_outcome_ids()
        if not note_ids and not outcome_ids:
            QMessageBox.information(
                self,
                _("Outcomes"),
                _("Select a proposed grouping, notes or outcomes to merge first."),
            )
            return
        set_item = self.board.currentItem()
        set_id = None
        if set_item is not None and not outcome_ids:
            set_id = set_item.data(0, SET_ROLE) or (
                set_item.parent().data(0, SET_ROLE) if set_item.parent() else None
            )
            set_id = None if set_id == NO_SET else set_id
        meeting_id = self.meeting.id
        count = len(note_ids) + len(outcome_ids)
        result = self._edit(
            i18n.ngettext(
                "Merge {count} item into one outcome", "Merge {count} items into one outcome", count
            ).format(count=count),
            outcome_ids,
            lambda: consolidation.merge(
                self.ws,
                meeting_id,
                note_ids=note_ids,
                outcome_ids=outcome_ids,
                set_id=set_id,
            ),
        )
        if result is not None:
            self.select_outcome(result.id)
            self.lead.setFocus()

    def select_outcome(self, outcome_id: str) -> None:
        for top in range(self.board.topLevelItemCount()):
            parent = self.board.topLevelItem(top)
            for index in range(parent.childCount()):
                if parent.child(index).data(0, OUTCOME_ROLE) == outcome_id:
                    self.board.setCurrentItem(parent.child(index))
                    return

    def move_selected(self, step: int) -> None:
        self.flush()
        outcome_id = self.current_outcome_id()
        if outcome_id is None or self.meeting is None:
            return
        outcome = outcomes.get_outcome(self.ws, outcome_id)
        siblings = [
            o.id
            for o in outcomes.list_outcomes(self.ws, self.meeting.id)
            if o.set_id == outcome.set_id
        ]
        position = siblings.index(outcome_id) + step
        if not 0 <= position < len(siblings):
            return
        self._edit(
            _("Move outcome {number} to {new}").format(
                number=siblings.index(outcome_id) + 1, new=position + 1
            ),
            siblings,
            lambda: outcomes.move_outcome(
                self.ws, outcome_id, set_id=outcome.set_id, position=position
            ),
        )
        self.select_outcome(outcome_id)

    def delete_selected(self) -> None:
        self.flush()
        ids = self.selected_outcome_ids()
        if not ids:
            item = self.board.currentItem()
            set_id = None if item is None else item.data(0, SET_ROLE)
            if set_id and set_id != NO_SET and (item.isSelected() or self.board.hasFocus()):
                self.delete_set(set_id)
            return
        self._edit(
            i18n.ngettext("Delete {count} outcome", "Delete {count} outcomes", len(ids)).format(
                count=len(ids)
            ),
            ids,
            lambda: outcomes.delete_outcomes(self.ws, ids),
        )

    def new_set(self) -> None:
        if self.meeting is None:
            return
        self.flush()
        meeting = self.meeting
        keys = {s.key for s in outcomes.list_sets(self.ws, meeting.id)}
        key = next(f"set-{n}" for n in range(1, len(keys) + 2) if f"set-{n}" not in keys)

        def create(titles: dict[str, str]) -> object:
            title = titles.get(meeting.source_lang, "")
            return self.context.edit(
                _("Add the set '{title}'").format(title=shorten(title, 40)),
                "outcome_sets",
                [],
                lambda: outcomes.create_set(self.ws, meeting.id, key, titles),
            )

        self.set_dialog = OutcomeSetDialog(
            meeting.working_langs, meeting.source_lang, {}, create, self
        )
        self.set_dialog.exec()

    def current_set_id(self) -> str | None:
        """The set of the board's current item: the set itself, or the one the outcome is in."""
        item = self.board.currentItem()
        if item is not None and item.parent() is not None:
            item = item.parent()
        set_id = None if item is None else item.data(0, SET_ROLE)
        return None if set_id in (None, NO_SET) else set_id

    def rename_set(self) -> None:
        """F2: the set's title in each working language (rename, translate)."""
        set_id, meeting = self.current_set_id(), self.meeting
        if set_id is None or meeting is None:
            return
        self.flush()
        found = next(s for s in outcomes.list_sets(self.ws, meeting.id) if s.id == set_id)
        old = found.title.get_text(i18n.current_language(), meeting.source_lang)

        def rename(titles: dict[str, str]) -> object:
            return self.context.edit(
                _("Rename the set '{title}'").format(title=shorten(old, 40)),
                "outcome_sets",
                [set_id],
                lambda: outcomes.set_titles(self.ws, set_id, titles),
            )

        self.set_dialog = OutcomeSetDialog(
            meeting.working_langs, meeting.source_lang, dict(found.title), rename, self
        )
        self.set_dialog.exec()

    def delete_set(self, set_id: str) -> None:
        """Delete a set, asking first when it holds outcomes (they stay, in no set)."""
        if self.meeting is None:
            return
        found = next(s for s in outcomes.list_sets(self.ws, self.meeting.id) if s.id == set_id)
        title = found.title.get_text(i18n.current_language(), self.meeting.source_lang)
        held = len(outcomes.list_outcomes(self.ws, self.meeting.id, set_id=set_id))
        if held:
            answer = QMessageBox.question(
                self,
                _("Outcomes"),
                i18n.ngettext(
                    "Delete the set '{title}'? Its {count} outcome stays, in no set.",
                    "Delete the set '{title}'? Its {count} outcomes stay, in no set.",
                    held,
                ).format(title=title, count=held),
            )
            if answer != QMessageBox.Yes:
                return
        try:
            self.context.edit(
                _("Delete the set '{title}'").format(title=shorten(title, 40)),
                "outcome_sets",
                [set_id],
                lambda: outcomes.delete_set(self.ws, set_id),
            )
        except KnownError as exc:
            QMessageBox.warning(self, _("Outcomes"), str(exc))

    def _edit(self, text: str, scope: list[str], action: object) -> object:
        try:
            return self.context.edit(text, "outcomes", scope, action)
        except KnownError as exc:
            QMessageBox.warning(self, _("Outcomes"), str(exc))
            return None

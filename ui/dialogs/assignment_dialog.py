"""Forming breakout groups automatically: choose how, see why and the balance, then apply."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import assignment, i18n
from gcm_dialogue.assignment import Assignment, GroupBalance
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _, ngettext
from gcm_dialogue.store import Workspace


def balance_headers() -> list[str]:
    return [_("Group"), _("People")] + [
        str(assignment.DIMENSION_LABELS[d]) for d in assignment.DIMENSIONS
    ]


def fill_balance_table(
    table: QTableWidget, balance: tuple[GroupBalance, ...], label: Callable[[str, str], str]
) -> None:
    """One row per group: its size (of its capacity) and its counts per dimension."""
    table.setColumnCount(2 + len(assignment.DIMENSIONS))
    table.setHorizontalHeaderLabels(balance_headers())
    table.setRowCount(len(balance))
    for row, entry in enumerate(balance):
        size = i18n.format_number(entry.size)
        if entry.capacity:
            size = _("{count} of {capacity}").format(
                count=size, capacity=i18n.format_number(entry.capacity)
            )
        cells = [entry.name, size] + [
            counts_text(entry.counts[d], lambda value, d=d: label(d, value))
            for d in assignment.DIMENSIONS
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, column, item)
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        header.setSectionResizeMode(
            column, QHeaderView.ResizeToContents if column < 2 else QHeaderView.Stretch
        )
    table.setWordWrap(True)
    table.resizeRowsToContents()


def counts_text(counts: dict[str, int], label: Callable[[str], str]) -> str:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], label(item[0])))
    return ", ".join(f"{label(value)} {i18n.format_number(n)}" for value, n in ordered)


class AssignmentDialog(QDialog):
    """Shows the plan for the chosen mode; accepted means "apply it"."""

    def __init__(
        self,
        ws: Workspace,
        meeting_id: str,
        label: Callable[[str, str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignmentDialog")
        self.setWindowTitle(_("Form groups automatically"))
        self.ws, self.meeting_id, self.label = ws, meeting_id, label
        self.plan: Assignment | None = None
        self.modes = QButtonGroup(self)
        mode_box = QGroupBox(_("How"))
        mode_layout = QVBoxLayout(mode_box)
        explanations = {
            "region": _(
                "One group per region, as GRCP 7 did: each person joins the group of their "
                "mechanism's region; a member of an inter-regional forum joins a region it "
                "covers; others go by their country."
            ),
            "mixed": _(
                "Mixed groups, balanced over region, category, language and gender: each "
                "person joins the group where people like them are fewest."
            ),
        }
        for n, (code, title) in enumerate(assignment.MODES.items()):
            button = QRadioButton(str(title))
            button.setObjectName(f"mode_{code}")
            self.modes.addButton(button, n)
            mode_layout.addWidget(button)
            note = QLabel(explanations[code])
            note.setWordWrap(True)
            note.setIndent(24)
            mode_layout.addWidget(note)
        kept = QLabel(
            _(
                "Pinned people, facilitators and rapporteurs stay where they are; no room "
                "takes more people than its capacity."
            )
        )
        kept.setWordWrap(True)
        mode_layout.addWidget(kept)
        self.modes.button(0).setChecked(True)
        self.modes.idClicked.connect(lambda _id: self.update_plan())

        self.explanation = QLabel()
        self.explanation.setObjectName("assignmentExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.PlainText)  # people's names, as typed
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("balanceTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        result_box = QGroupBox(_("What it will do"))
        result_layout = QVBoxLayout(result_box)
        result_layout.addWidget(self.explanation)
        result_layout.addWidget(self.table, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.apply_button = self.buttons.addButton(_("&Form groups"), QDialogButtonBox.AcceptRole)
        self.apply_button.setObjectName("formGroupsButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(mode_box)
        layout.addWidget(result_box, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 620)
        self.update_plan()

    @property
    def mode(self) -> str:
        return list(assignment.MODES)[self.modes.checkedId()]

    def set_mode(self, mode: str) -> None:
        self.modes.button(list(assignment.MODES).index(mode)).setChecked(True)
        self.update_plan()

    def update_plan(self) -> None:
        try:
            self.plan = assignment.plan(self.ws, self.meeting_id, self.mode)
        except KnownError as exc:
            self.plan = None
            self.explanation.setText(str(exc))
            self.table.setRowCount(0)
            self.apply_button.setEnabled(False)
            return
        self.apply_button.setEnabled(True)
        self.explanation.setText(explain(self.plan))
        fill_balance_table(self.table, self.plan.balance, self.label)


def explain(plan: Assignment) -> str:
    """The plan in sentences: how many people went where for which reason."""
    lines = []
    for reason, count in plan.reasons().most_common():
        placed = reason in (
            "kept",
            "mechanism_region",
            "irf_country_region",
            "irf_smaller_group",
            "country_region",
            "balance",
            "current_group",
        )
        template = (
            ngettext("{count} person placed: {reason}.", "{count} people placed: {reason}.", count)
            if placed
            else ngettext(
                "{count} person not placed: {reason}.",
                "{count} people not placed: {reason}.",
                count,
            )
        )
        lines.append(
            template.format(count=i18n.format_number(count), reason=str(assignment.REASONS[reason]))
        )
    if plan.unplaced:
        group_names = {b.group_id: b.name for b in plan.balance}
        names = []
        for placement in plan.unplaced:
            name = plan.names.get(placement.participant_id, "?")
            leaving = plan.leaving(placement.participant_id)
            if leaving is not None:
                name = _("{name} (leaves {group})").format(
                    name=name, group=group_names.get(leaving, "?")
                )
            names.append(name)
        lines.append(_("Not placed: {names}.").format(names="; ".join(names)))
    return "\n".join(lines) or _("The meeting has no participants yet.")

"""The Documents view: choose documents and languages, see the check, export, preview.

Left: the documents and languages to export, draft or final, and the folder. Middle: the
check before export for one language (findings, blocking ones first, and the figures the
documents will print). Right: the files written, and the selected one previewed with QtPdf.
Checking and exporting run off the UI thread (``ui.tasks.run_task``).
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import checks, reports
from gcm_dialogue.i18n import (
    LANGUAGES,
    _,
    current_language,
    format_number,
    ngettext,
)
from gcm_dialogue.reports.documents import DOCUMENTS

from ..tasks import run_task
from .base import View


def native_name(code: str) -> str:
    """A language's name in itself ("English", "العربية", "中文")."""
    locale = Locale.parse(code)
    return locale.get_display_name(locale) or code


class DocumentsView(View):
    view_id = "documents"
    tables = (
        "agenda_items",
        "participants",
        "meeting_participants",
        "breakout_groups",
        "group_members",
        "survey_respondents",
        "survey_answers",
        "notes",
        "outcomes",
        "outcome_sets",
        "highlights",
    )

    def __init__(self, context, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(context, parent)
        self.report: checks.CheckReport | None = None
        self.written: list[reports.Written] = []
        self.task = None
        self._check_stale = True

        self.documents = QListWidget()
        self.documents.setObjectName("documents")
        for kind in reports.KINDS:
            item = QListWidgetItem(str(DOCUMENTS[kind]))
            item.setData(Qt.UserRole, kind)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.documents.addItem(item)
        self.languages = QListWidget()
        self.languages.setObjectName("languages")
        for code in LANGUAGES:
            item = QListWidgetItem(f"{native_name(code)} ({code})")
            item.setData(Qt.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.languages.addItem(item)
        for widget in (self.documents, self.languages):
            widget.itemActivated.connect(self._toggle)
            height = widget.sizeHintForRow(0) * widget.count() + 2 * widget.frameWidth() + 2
            widget.setFixedHeight(height)
        self.languages.itemChanged.connect(self._languages_changed)
        self.final_box = QCheckBox(_("&Final version"))
        self.final_box.setToolTip(
            _("Without the DRAFT mark; refused while a blocking finding remains")
        )
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("folder")
        choose = QPushButton(_("C&hoose…"))
        choose.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        self.export_button = QPushButton(_("&Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.open_button = QPushButton(_("&Open folder"))
        self.open_button.clicked.connect(self.open_folder)

        choose_box = QGroupBox(_("Export"))
        form = QFormLayout(choose_box)
        form.addRow(_("D&ocuments:"), self.documents)
        form.addRow(_("&Languages:"), self.languages)
        form.addRow(self.final_box)
        folder_label = QLabel(_("Fol&der:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        form.addRow(buttons)

        self.check_lang = QComboBox()
        self.check_lang.setObjectName("check_lang")
        for code in LANGUAGES:
            self.check_lang.addItem(native_name(code), code)
        self.check_lang.currentIndexChanged.connect(self.run_check)
        self.check_button = QPushButton(_("&Check again"))
        self.check_button.clicked.connect(self.run_check)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.findings = QTreeWidget()
        self.findings.setObjectName("findings")
        self.findings.setHeaderLabels([_("Finding"), _("Severity")])
        self.findings.setRootIsDecorated(True)
        self.findings.setWordWrap(True)
        header = self.findings.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextSelectableByMouse)
        check_box = QGroupBox(_("Check before export"))
        check_layout = QVBoxLayout(check_box)
        lang_row = QHBoxLayout()
        label = QLabel(_("Lan&guage:"))
        label.setBuddy(self.check_lang)
        lang_row.addWidget(label)
        lang_row.addWidget(self.check_lang, 1)
        lang_row.addWidget(self.check_button)
        check_layout.addLayout(lang_row)
        check_layout.addWidget(self.verdict)
        check_layout.addWidget(self.findings, 2)
        check_layout.addWidget(QLabel(_("Figures the documents will print:")))
        check_layout.addWidget(self.figures, 1)

        self.files = QListWidget()
        self.files.setObjectName("files")
        self.files.currentItemChanged.connect(self._preview_current)
        self.pdf = QPdfDocument(self)
        self.preview = QPdfView()
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        preview_box = QGroupBox(_("Preview"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.files, 1)
        preview_layout.addWidget(self.preview, 4)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(choose_box)
        left_layout.addWidget(check_box, 1)
        # scrolls on a short laptop screen rather than making the window taller than it
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(left)
        scroll.setMinimumWidth(
            left.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        )
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        for name, text, slot, keys in (
            ("export", _("Export"), self.export, "Ctrl+E"),
            ("check", _("Check again"), self.run_check, "F5"),
            ("open", _("Open folder"), self.open_folder, "Ctrl+Shift+O"),
            ("final", _("Final version"), self.final_box.toggle, "Ctrl+Shift+F"),
        ):
            action = QAction(text, self)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # state
    def chosen_kinds(self) -> list[str]:
        return [
            self.documents.item(i).data(Qt.UserRole)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() == Qt.Checked
        ]

    def chosen_languages(self) -> list[str]:
        return [
            self.languages.item(i).data(Qt.UserRole)
            for i in range(self.languages.count())
            if self.languages.item(i).checkState() == Qt.Checked
        ]

    def _toggle(self, item: QListWidgetItem) -> None:
        item.setCheckState(Qt.Unchecked if item.checkState() == Qt.Checked else Qt.Checked)

    def _languages_changed(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.Checked:
            index = self.check_lang.findData(item.data(Qt.UserRole))
            if index >= 0 and index != self.check_lang.currentIndex():
                self.check_lang.setCurrentIndex(index)

    def default_folder(self) -> Path:
        base = Path(self.ws.path).parent if self.ws.path else Path.home()
        name = self.meeting.short_name if self.meeting else "meeting"
        return base / _("{meeting} documents").format(meeting=name)

    def refresh(self) -> None:
        enabled = self.meeting is not None
        for widget in (self.export_button, self.check_button):
            widget.setEnabled(enabled)
        if not enabled:
            return
        if not self.folder_edit.text():
            self.folder_edit.setText(str(self.default_folder()))
        if not self.chosen_languages():
            code = current_language()
            for i in range(self.languages.count()):
                if self.languages.item(i).data(Qt.UserRole) == code:
                    self.languages.item(i).setCheckState(Qt.Checked)
        self._check_stale = True
        if self.isVisible():
            self.run_check()

    def showEvent(self, event) -> None:  # noqa: ANN001
        super().showEvent(event)
        if self._check_stale and self.meeting is not None:
            self.run_check()

    # the check
    def run_check(self) -> None:
        if self.meeting is None:
            return
        self._check_stale = False
        lang = self.check_lang.currentData()
        meeting_id = self.meeting.id
        ws = self.ws
        self.verdict.setText(_("Checking…"))
        self.task = run_task(
            self,
            _("Checking the documents…"),
            lambda progress: checks.check(ws, meeting_id, lang, messages_in=current_language()),
            self._show_check,
        )

    def _show_check(self, report: checks.CheckReport) -> None:
        self.report = report
        self.findings.clear()
        for finding in sorted(report.findings, key=lambda f: not f.blocking):
            item = QTreeWidgetItem(
                [finding.message, _("Blocking") if finding.blocking else _("Notice")]
            )
            if finding.blocking:
                item.setForeground(1, self.palette().color(self.palette().ColorRole.Link))
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            for example in finding.examples:
                QTreeWidgetItem(item, [example, ""])
            self.findings.addTopLevelItem(item)
        self.verdict.setText(report.verdict())
        self.figures.setText("\n".join(report.figure_lines()))

    # export
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Export to folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def export(self) -> None:
        if self.meeting is None:
            return
        kinds, langs = self.chosen_kinds(), self.chosen_languages()
        if not kinds or not langs:
            self.verdict.setText(_("Choose at least one document and one language."))
            return
        folder = Path(self.folder_edit.text().strip() or self.default_folder())
        final = self.final_box.isChecked()
        ws, meeting_id = self.ws, self.meeting.id
        self.export_button.setEnabled(False)

        def work(progress):  # noqa: ANN001, ANN202
            return reports.export_all(
                ws,
                meeting_id,
                langs,
                folder,
                final=final,
                kinds=kinds,
                combined=len(kinds) * len(langs) > 1,
                progress=progress,
            )

        self.task = run_task(self, _("Exporting the documents…"), work, self._exported)
        self.task.error.connect(lambda _exc: self.export_button.setEnabled(True))

    def _exported(self, written: list[reports.Written]) -> None:
        self.export_button.setEnabled(True)
        self.written = written
        self.files.clear()
        for item in written:
            label = ngettext("{name} ({pages} page)", "{name} ({pages} pages)", item.pages).format(
                name=item.path.name, pages=format_number(item.pages)
            )
            entry = QListWidgetItem(label)
            entry.setData(Qt.UserRole, str(item.path))
            self.files.addItem(entry)
        if written:
            self.files.setCurrentRow(0)
        self.context.show_status(
            ngettext("Exported {count} file", "Exported {count} files", len(written)).format(
                count=format_number(len(written))
            )
        )

    def _preview_current(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is None:
            return
        self.pdf.load(current.data(Qt.UserRole))
        self.preview.pageNavigator().jump(0, self.preview.pageNavigator().currentLocation())

    def open_folder(self) -> None:
        folder = Path(self.folder_edit.text().strip() or self.default_folder())
        if folder.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        else:
            self.verdict.setText(_("The folder does not exist yet: export first."))

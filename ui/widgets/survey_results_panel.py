"""The results of a survey: filters, tables of every figure, and charts exportable as PNG.

Everything shown comes from ``survey_results`` (the same figures the documents print).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import survey_respondents, taxonomy
from gcm_dialogue.i18n import (
    _,
    current_language,
    format_number,
    format_percent,
    list_separator,
    text_direction,
)
from gcm_dialogue.multilingual import Text
from gcm_dialogue.survey_fields import QUESTION_TYPES
from gcm_dialogue.survey_results import KIND_ORDER, SurveyResults, kind_label, survey_results
from gcm_dialogue.texts import shorten

from ..dialogs.common import error_label, show_error
from ..tasks import run_task
from .survey_builder import unless_dialog
from .survey_chart import SurveyChart

RATES = "__rates__"
LARGE = 500  # respondents above which results are computed off the UI thread


def _t(value: dict, source: str) -> str:
    return Text(value).get_text(current_language(), source) if value else ""


def _e(text: object) -> str:
    return html.escape(str(text))


def _pct(value: float) -> str:
    return format_percent(value / 100.0, decimals=0 if float(value).is_integer() else 1)


def _names(names: list[str], limit: int = 40) -> str:
    """Names joined; a long list (a survey of participants) cut with how many more."""
    if len(names) <= limit:
        return ", ".join(names)
    more = _("… and {n} more").format(n=len(names) - limit)
    return ", ".join(names[:limit]) + " " + more


def results_html(results: SurveyResults, source: str = "en") -> str:
    """Every table of the results as HTML, in the current language."""
    labels = {r.id: r.label for r in results.respondents}
    out = [f'<div dir="{text_direction()}">']
    o = results.overall
    out.append(f"<h2>{_e(_t(results.title, source))}</h2>")
    out.append(
        "<p><b>"
        + _e(
            _("Answered: {answered} of {total} ({percent})").format(
                answered=o.answered, total=o.total, percent=_pct(o.percent)
            )
        )
        + "</b></p>"
    )
    out.append("<h3>" + _e(_("Response rate by region")) + "</h3>")
    out.append('<table border="1" cellspacing="0" cellpadding="4" width="100%">')
    out.append(
        "<tr>"
        + "".join(
            f"<th>{_e(h)}</th>"
            for h in (_("Region"), _("Answered"), _("Rate"), _("Who answered"), _("Not answered"))
        )
        + "</tr>"
    )
    for row in results.by_region:
        name = _t(row.name, source) or _("No region")
        who = list_separator().join(
            f"{_e(kind_label(k))}: {_e(_names(v))}"
            for k, v in sorted(row.answered_by_kind.items(), key=lambda kv: KIND_ORDER.index(kv[0]))
        )
        missing = _e(_names([labels[i] for i in row.missing_ids])) or "—"
        # outside the f-string, where Babel finds the message to translate
        share_text = _("{answered} of {total}").format(answered=row.answered, total=row.total)
        out.append(
            f"<tr><td>{_e(name)}</td><td>{_e(share_text)}</td>"
            f"<td>{_e(_pct(row.percent))}</td><td>{who}</td><td>{missing}</td></tr>"
        )
    out.append("</table>")
    out.append(
        "<p><i>"
        + _e(_("An entity covering several regions is counted in each of them."))
        + "</i></p>"
    )
    out.append("<h3>" + _e(_("Response rate by type of respondent")) + "</h3>")
    out.append('<table border="1" cellspacing="0" cellpadding="4">')
    out.append(
        "<tr>"
        + "".join(f"<th>{_e(h)}</th>" for h in (_("Type"), _("Answered"), _("Rate")))
        + "</tr>"
    )
    for row in results.by_kind:
        share_text = _("{answered} of {total}").format(answered=row.answered, total=row.total)
        out.append(
            f"<tr><td>{_e(kind_label(row.code))}</td><td>{_e(share_text)}</td>"
            f"<td>{_e(_pct(row.percent))}</td></tr>"
        )
    out.append("</table>")

    share = format_percent(results.recurrence)
    for lst in results.lists:
        out.append(f"<h3>{_e(_t(lst.title, source))}</h3>")
        t = lst.overall
        out.append(
            "<p>"
            + _e(
                _("{items} items from {contributors} of {respondents} respondents.").format(
                    items=t.items, contributors=t.contributors, respondents=t.respondents
                )
            )
            + "</p>"
        )
        if t.all_clusters:
            out.append(
                "<p>"
                + _e(
                    _("Items on all six clusters: {names}").format(names=", ".join(t.all_clusters))
                )
                + "</p>"
            )
        regions = list(lst.by_region)
        region_names = [_t(results.region_names[c], source) for c in regions]
        out.append(_table_head(_("Cluster"), region_names))
        for n, cluster in enumerate(t.clusters):
            cells = [cluster] + [lst.by_region[c].clusters[n] for c in regions]
            short = _t(results.clusters[int(cluster.code)]["short"], source)
            out.append(
                f"<tr><td>{_e(cluster.code)}. {_e(short)}</td>"
                + "".join(
                    _count_cell(c.recurrent, f"{c.respondents} ({_e(_pct(c.percent))})")
                    for c in cells
                )
                + "</tr>"
            )
        out.append("</table>")
        out.append(_table_head(_("Element"), region_names))
        for n, element in enumerate(t.elements):
            cells = [element] + [lst.by_region[c].elements[n] for c in regions]
            if not any(c.respondents for c in cells):
                continue
            out.append(
                f"<tr><td>({_e(element.code)})</td>"
                + "".join(_count_cell(c.recurrent, str(c.respondents)) for c in cells)
                + "</tr>"
            )
        out.append("</table>")
        out.append(
            "<p>"
            + _e(
                _("In bold: recurrent, made by more than {share} of the respondents.").format(
                    share=share
                )
            )
            + "</p>"
        )
        p = lst.priorities
        m = len(p.regions)
        out.append(
            "<p><b>"
            + _e(_("Priorities of all regions:"))
            + "</b> "
            + _e(_elements_text(p.elements_in_all, p.clusters_in_all, results, source))
            + "</p>"
        )
        for count in range(m - 1, 0, -1):
            out.append(
                "<p><b>"
                + _e(_("Priorities of {n} of {m} regions:").format(n=count, m=m))
                + "</b> "
                + _e(
                    _elements_text(
                        p.elements_by_count.get(count, []),
                        p.clusters_by_count.get(count, []),
                        results,
                        source,
                    )
                )
                + "</p>"
            )
        if t.practice_types:
            out.append(
                "<p>"
                + _e(_("Types of practice:"))
                + " "
                + _e(", ".join(f"{k}: {v}" for k, v in t.practice_types.items()))
                + "</p>"
            )

    out.append("<h3>" + _e(_("Answers question by question")) + "</h3>")
    for q in results.questions:
        out.append(
            f"<p><b>{_e(q.key)}. {_e(_t(q.title, source))}</b><br/>"
            + _e(_("{answered} of {asked} answered").format(answered=q.answered, asked=q.asked))
            + "</p>"
        )
        out.append(_summary_html(q, source))
    out.append("</div>")
    return "".join(out)


def _elements_text(
    elements: list[str], clusters: list[int], results: SurveyResults, source: str
) -> str:
    if not elements and not clusters:
        return "—"
    parts = [f"{n}. {_t(results.clusters[n]['short'], source)}" for n in clusters]
    parts += [f"({e})" for e in elements]
    return list_separator().join(parts)


def _summary_html(q, source: str) -> str:  # noqa: ANN001
    s = q.summary
    if q.type == "yes_no":
        return (
            "<p>"
            + _e(
                _("Yes: {yes} ({yp}); no: {no} ({np})").format(
                    yes=s["yes"], yp=_pct(s["yes_percent"]), no=s["no"], np=_pct(s["no_percent"])
                )
            )
            + "</p>"
        )
    if q.type in ("single_choice", "multiple_choice"):
        return (
            "<ul>"
            + "".join(
                f"<li>{_e(_t(o['label'], source) or o['key'])}: {o['count']} ({_e(_pct(o['percent']))})</li>"
                for o in s["options"]
            )
            + "</ul>"
        )
    if q.type == "rating":
        mean = "—" if s["mean"] is None else format_number(s["mean"])
        return (
            "<p>"
            + _e(_("Mean: {mean}").format(mean=mean))
            + "; "
            + ", ".join(f"{d['value']}: {d['count']}" for d in s["distribution"])
            + "</p>"
        )
    if q.type == "ranking":
        score_text = _("score {score}")
        return (
            "<ol>"
            + "".join(
                f"<li>{_e(_t(o['label'], source) or o['key'])}: {_e(score_text.format(score=o['score']))}</li>"
                for o in s["options"]
            )
            + "</ol>"
        )
    if q.type == "number":
        if not s["answered"]:
            return ""
        return (
            "<p>"
            + _e(
                _("Mean {mean}, median {median}, from {low} to {high}").format(
                    mean=format_number(s["mean"]),
                    median=format_number(s["median"]),
                    low=format_number(s["min"]),
                    high=format_number(s["max"]),
                )
            )
            + "</p>"
        )
    if q.type in ("short_text", "long_text", "list"):
        items = q.texts[:200]
        more = len(q.texts) - len(items)
        body = "".join(
            f"<li>{_e(t['text'])} <i>— {_e(t['respondent'])}"
            + (f" ({_e(', '.join(t['elements']))})" if t.get("elements") else "")
            + "</i></li>"
            for t in items
        )
        tail = "<li>" + _e(_("… and {n} more").format(n=more)) + "</li>" if more > 0 else ""
        return f"<ul>{body}{tail}</ul>"
    return ""


def _table_head(first: str, region_names: list[str]) -> str:
    """A results table's opening and header row: the first column, all, then each region."""
    cells = [first, _("All"), *region_names]
    return (
        '<table border="1" cellspacing="0" cellpadding="4"><tr>'
        + "".join(f"<th>{_e(c)}</th>" for c in cells)
        + "</tr>"
    )


def _count_cell(recurrent: bool, text: str) -> str:
    """A count, in bold where the theme is recurrent."""
    return f"<td><b>{text}</b></td>" if recurrent else f"<td>{text}</td>"


class SurveyResultsPanel(QWidget):
    def __init__(self, context, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.context = context
        self.survey_id: str | None = None
        self.source_lang = "en"
        self.results: SurveyResults | None = None
        self.task = None
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.region = QComboBox()
        self.kind = QComboBox()
        self.recurrence = QSpinBox()
        self.recurrence.setRange(0, 99)
        self.recurrence.setValue(50)
        self.recurrence.setSuffix(" %")
        self.chart_choice = QComboBox()
        self.export_button = QPushButton(_("E&xport chart…"))
        # long names (a question as chart title) must not widen the whole window
        for combo, letters in ((self.region, 10), (self.chart_choice, 18)):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
        # the kinds are few and short: show them whole ("Inter-regional forum")
        self.kind.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for label, widget in (
            (_("&Region:"), self.region),
            (_("T&ype:"), self.kind),
            (_("Recurrent above:"), self.recurrence),
            (_("&Chart:"), self.chart_choice),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addStretch()
        filters.addWidget(self.export_button)
        layout.addLayout(filters)
        self.export_error = error_label("exportError")
        layout.addWidget(self.export_error)
        splitter = QSplitter(Qt.Vertical)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.chart = SurveyChart()
        splitter.addWidget(self.chart)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter)
        self.region.currentIndexChanged.connect(lambda *_: self.recompute())
        self.kind.currentIndexChanged.connect(lambda *_: self.recompute())
        self.recurrence.valueChanged.connect(lambda *_: self.recompute())
        self.chart_choice.currentIndexChanged.connect(lambda *_: self.draw_chart())
        self.export_button.clicked.connect(lambda: self.export_chart())
        QShortcut(
            QKeySequence("Ctrl+E"),
            self,
            activated=unless_dialog(lambda: self.export_chart()),
            context=Qt.WidgetWithChildrenShortcut,
        )

    @property
    def ws(self):  # noqa: ANN201
        return self.context.ws

    def show_survey(self, survey_id: str | None, source_lang: str) -> None:
        self.survey_id, self.source_lang = survey_id, source_lang
        lang = current_language()
        for combo in (self.region, self.kind):
            combo.blockSignals(True)
        region, kind = self.region.currentData(), self.kind.currentData()
        self.region.clear()
        self.region.addItem(_("All regions"), None)
        for r in taxonomy.regions(self.ws):
            self.region.addItem(r.name.get_text(lang), r.code)
        self.kind.clear()
        self.kind.addItem(_("All types"), None)
        for code in KIND_ORDER:
            self.kind.addItem(kind_label(code), code)
        self.region.setCurrentIndex(max(0, self.region.findData(region)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        for combo in (self.region, self.kind):
            combo.blockSignals(False)
        self.recompute()

    def recompute(self) -> None:
        if self.survey_id is None:
            self.results = None
            self.browser.setHtml("<p>" + _e(_("No survey yet.")) + "</p>")
            self.chart.show_bars("", [], {})
            return
        survey_id = self.survey_id
        region, kind = self.region.currentData(), self.kind.currentData()
        recurrence = self.recurrence.value() / 100.0
        ws = self.ws

        def work(progress=None) -> SurveyResults:  # noqa: ANN001
            return survey_results(
                ws,
                survey_id,
                regions=None if region is None else [region],
                kinds=None if kind is None else [kind],
                recurrence=recurrence,
            )

        if survey_respondents.count_respondents(ws, survey_id) > LARGE:
            self.task = run_task(self, _("Computing the results…"), work, self.show_results)
        else:
            self.show_results(work())

    def show_results(self, results: SurveyResults) -> None:
        self.results = results
        bar = self.browser.verticalScrollBar().value()
        self.browser.setHtml(results_html(results, self.source_lang))
        self.browser.verticalScrollBar().setValue(bar)
        chosen = self.chart_choice.currentData()
        self.chart_choice.blockSignals(True)
        self.chart_choice.clear()
        self.chart_choice.addItem(_("Response rate by region"), RATES)
        for q in results.questions:
            if q.type not in ("short_text", "long_text", "number"):
                title = _t(q.title, self.source_lang)
                self.chart_choice.addItem(f"{q.key}. {title}"[:60], q.key)
        self.chart_choice.setCurrentIndex(max(0, self.chart_choice.findData(chosen)))
        self.chart_choice.blockSignals(False)
        self.draw_chart()

    def draw_chart(self) -> None:
        r = self.results
        if r is None:
            return
        choice = self.chart_choice.currentData() or RATES
        src = self.source_lang
        if choice == RATES:
            rows = [x for x in r.by_region if x.code]
            self.chart.show_bars(
                _("Response rate by region"),
                [_t(x.name, src) for x in rows],
                {_("Answered"): [x.answered for x in rows], _("Invited"): [x.total for x in rows]},
            )
            return
        q = next(q for q in r.questions if q.key == choice)
        s = q.summary
        title = shorten(f"{q.key}. {_t(q.title, src)}", 80)
        if q.type == "yes_no":
            self.chart.show_bars(
                title, [_("Yes"), _("No")], {_("Respondents"): [s["yes"], s["no"]]}
            )
        elif q.type in ("single_choice", "multiple_choice"):
            self.chart.show_bars(
                title,
                [_t(o["label"], src) or o["key"] for o in s["options"]],
                {_("Respondents"): [o["count"] for o in s["options"]]},
            )
        elif q.type == "rating":
            self.chart.show_bars(
                title,
                [str(d["value"]) for d in s["distribution"]],
                {_("Respondents"): [d["count"] for d in s["distribution"]]},
            )
        elif q.type == "ranking":
            self.chart.show_bars(
                title,
                [_t(o["label"], src) or o["key"] for o in s["options"]],
                {_("Score"): [o["score"] for o in s["options"]]},
            )
        elif q.type == "list":
            lst = next((x for x in r.lists if x.key == q.key), None)
            if lst is None:
                return
            clusters = [str(c.code) for c in lst.overall.clusters]
            series = {
                _t(r.region_names[code], src): [c.respondents for c in tally.clusters]
                for code, tally in lst.by_region.items()
            }
            self.chart.show_bars(title + " — " + _("respondents by cluster"), clusters, series)

    def export_chart(self, path: str | None = None) -> str | None:
        """Save the chart as PNG, or JPEG when the name ends in .jpg or .jpeg; the path
        written, or None (and the reason shown) when nothing was."""
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export chart"),
                "survey-chart.png",
                _("PNG images (*.png)") + ";;" + _("JPEG images (*.jpg *.jpeg)"),
            )
        if not path:
            return None
        suffix = Path(path).suffix.lower()
        if suffix not in (".png", ".jpg", ".jpeg"):
            path, suffix = path + ".png", ".png"
        folder = Path(path).parent
        self.export_error.hide()
        if not folder.is_dir():
            show_error(
                self.export_error,
                _("The chart was not saved: the folder {folder} does not exist.").format(
                    folder=folder
                ),
            )
            return None
        image_format = "PNG" if suffix == ".png" else "JPEG"
        if not self.chart.grab().save(path, image_format):
            show_error(
                self.export_error,
                _("The chart was not saved: {path} cannot be written.").format(path=path),
            )
            return None
        return path

    def type_name(self, name: str) -> str:
        return str(QUESTION_TYPES[name].label)

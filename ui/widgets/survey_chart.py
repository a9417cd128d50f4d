"""Bar charts of survey results (QtCharts), exportable as PNG images."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from gcm_dialogue.i18n import format_number

PALETTE = ("#1f5aa6", "#c8553d", "#2a9d8f", "#e9c46a", "#6d597a", "#8ab17d")


class SurveyChart(QChartView):
    """One bar chart: categories along one axis, one or more series of values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QChart(), parent)
        self.setRenderHint(QPainter.Antialiasing)
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.chart().legend().setAlignment(Qt.AlignBottom)
        self.categories: list[str] = []
        self.series_values: dict[str, list[float]] = {}

    def show_bars(
        self,
        title: str,
        categories: Sequence[str],
        series: dict[str, Sequence[float]],
        *,
        maximum: float | None = None,
        horizontal: bool = False,
    ) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.NoAnimation)
        self.categories = list(categories)
        self.series_values = {k: list(v) for k, v in series.items()}
        bars = QHorizontalBarSeries() if horizontal else QBarSeries()
        for n, (name, values) in enumerate(series.items()):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(PALETTE[n % len(PALETTE)]))
            bar_set.append([float(v) for v in values])
            bars.append(bar_set)
        bars.setLabelsVisible(True)
        bars.setLabelsFormat("@value")
        chart.addSeries(bars)
        axis_categories = QBarCategoryAxis()
        axis_categories.append(self.categories or [""])
        axis_values = QValueAxis()
        top = max([v for values in series.values() for v in values] + [1.0])
        if maximum is not None:
            axis_values.setRange(0, maximum)
        elif top <= 10:  # small counts: one tick per whole number, never "1, 1"
            axis_values.setRange(0, math.ceil(top) + 1)
            axis_values.setTickCount(math.ceil(top) + 2)
        else:
            axis_values.setRange(0, top * 1.15)
            axis_values.applyNiceNumbers()
        axis_values.setLabelFormat("%.0f")
        if horizontal:
            chart.addAxis(axis_values, Qt.AlignBottom)
            chart.addAxis(axis_categories, Qt.AlignLeft)
        else:
            chart.addAxis(axis_categories, Qt.AlignBottom)
            chart.addAxis(axis_values, Qt.AlignLeft)
        bars.attachAxis(axis_categories)
        bars.attachAxis(axis_values)
        chart.legend().setVisible(len(series) > 1)
        chart.legend().setAlignment(Qt.AlignBottom)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()

    def export_png(self, path: str) -> bool:
        return self.grab().save(path, "PNG")


def value_text(value: float) -> str:
    return format_number(value)

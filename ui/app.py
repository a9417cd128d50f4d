"""Starting the desktop application."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from gcm_dialogue import __version__, i18n
from gcm_dialogue.errors import KnownError
from gcm_dialogue.paths import default_workspace, demo_workspace
from gcm_dialogue.store import Workspace, open_workspace

from .fonts import application_font, register_fonts
from .main_window import MainWindow

ORGANIZATION, APPLICATION = "GCM Dialogue", "GCM Dialogue"


def choose_language(requested: str | None) -> str:
    """The language asked for, else the system's when it is one of the six, else English."""
    if requested:
        return requested
    system = QLocale.system().name().split("_")[0]
    return system if system in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def make_application(argv: list[str], lang: str) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    i18n.set_language(lang)
    install_qt_translations(app, lang)
    families = register_fonts()
    app.setFont(application_font(families, app.font().pointSizeF()))
    direction = i18n.text_direction(lang)
    app.setLayoutDirection(Qt.RightToLeft if direction == "rtl" else Qt.LeftToRight)
    return app


def install_qt_translations(app: QApplication, lang: str) -> None:
    """Qt's own words (OK, Cancel, Close, the file dialogs) in the language of the app."""
    if lang == "en":
        return
    translator = QTranslator(app)
    name = "qtbase_zh_CN" if lang == "zh" else f"qtbase_{lang}"
    if translator.load(name, QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(translator)


def open_start_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named on the command line, the demo, the last one used, or the default."""
    if args.demo:
        from gcm_dialogue.demo import open_or_create_demo  # the demo data is read only here

        return open_or_create_demo(demo_workspace())
    if args.db is not None:
        return open_workspace(args.db)
    last = QSettings().value("workspace/last", "", type=str)
    if last and Path(last).exists():
        return open_workspace(last)
    path = default_workspace()
    path.parent.mkdir(parents=True, exist_ok=True)
    return open_workspace(path)


def run_app(args: argparse.Namespace) -> int:
    app = make_application(sys.argv[:1], choose_language(args.lang))
    try:
        ws = open_start_workspace(args)
    except KnownError as exc:
        print(f"error: {exc}", file=sys.stderr)
        QMessageBox.critical(None, i18n._("GCM Dialogue"), str(exc))
        return 1
    window = MainWindow(ws)
    window.show()
    status = app.exec()
    ws.close()
    return int(status)

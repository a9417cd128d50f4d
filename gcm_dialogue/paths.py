"""Where the project's data folders live, whether run from a checkout or installed editable."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = PROJECT_ROOT / "resources"
LOCALES = PROJECT_ROOT / "locales"
DEMO_DATA = RESOURCES / "demo"
TAXONOMY_FILE = RESOURCES / "taxonomy.json"


def user_data_dir() -> Path:
    """The per-user folder for the default workspace, following each platform's custom."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "GCM Dialogue"


def default_workspace() -> Path:
    return user_data_dir() / "workspace.gcmd"


def demo_workspace() -> Path:
    return user_data_dir() / "demo.gcmd"

"""The one rule: ui -> gcm_dialogue, never back; nothing in the core imports Qt."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_core_source_imports_neither_qt_nor_ui():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "gcm_dialogue").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "gcm_dialogue").rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(','.join(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ")


def _strings(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_the_qt_layer_holds_no_sql():
    """ui/ shows and edits; reading and writing tables is the core's business."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()[:60]}"
        for path in sorted((ROOT / "ui").rglob("*.py"))
        for line, text in _strings(path)
        if any(word in text for word in SQL_WORDS)
    ]
    assert offenders == []

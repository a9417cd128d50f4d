"""Storage: opening, checking and migrating the workspace file."""

from .file_checks import APPLICATION_ID
from .migrations import LATEST_VERSION
from .workspace import Workspace, open_memory_workspace, open_workspace

__all__ = [
    "APPLICATION_ID",
    "LATEST_VERSION",
    "Workspace",
    "open_memory_workspace",
    "open_workspace",
]

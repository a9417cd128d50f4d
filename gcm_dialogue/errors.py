"""Two kinds of failure, as qutebrowser splits them.

A ``KnownError`` is the user's or the environment's: a bad file, a missing meeting, a value
out of range. It carries a one-line message fit to show as it is. Anything else that escapes
is a bug in this program and is reported with its traceback.
"""

from __future__ import annotations


class KnownError(Exception):
    """An error with a message the user can act on."""


class WorkspaceError(KnownError):
    """The workspace file cannot be opened or used; the message names the file."""


class ValidationError(KnownError):
    """Input that a service refuses; nothing was written."""


class NotFoundError(KnownError):
    """A referenced row does not exist (any more)."""

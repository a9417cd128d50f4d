"""GCM Dialogue core: storage, domain services, documents, i18n and the command line.

Nothing in this package imports Qt; the ``ui`` package sits on top of it.
"""

__version__ = "0.1.0"

"""The PySide6 layer: it shows and edits; every decision is made by ``gcm_dialogue``."""

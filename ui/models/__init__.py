"""Qt item models over the core: they hold ids and fetch rows lazily."""

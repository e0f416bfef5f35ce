"""The portals tables, made by Djangos makemigrations."""

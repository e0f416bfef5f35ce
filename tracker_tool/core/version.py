"""The package version, kept once here: pyproject.toml reads it, and the batch cache keys on it
so results from another version are never replayed."""

__version__ = "0.1.0"

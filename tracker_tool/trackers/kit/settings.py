"""The base of a kind's own settings: the thresholds its source states that a service may
change in its policy file, as a ``[kinds.<kind>]`` table.

Each setting is a field with its default (the source's own number) and a description, which
``policy init`` writes as the comment above it; so the file a manager edits and the rule that
reads it back cannot disagree about what a number means.
"""

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Unknown names are refused (a misspelt setting would silently keep the default)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def setting(default: int, description: str, *, least: int = 0, most: int = 3650) -> int:
    """A whole-number setting from ``least`` to ``most``, with what it decides."""
    return Field(default, ge=least, le=most, description=" ".join(description.split()))


def listing(default: list | dict, description: str):
    """A list or table setting (words, or names mapped to names), with what it decides."""
    return Field(default, description=" ".join(description.split()))

"""Closed lists several kinds ask with the same words, so each dropdown is defined once.

A kind names them in its own vocabulary (``Priority = Level``) and its columns offer exactly
the values another kind's do, which keeps roll-ups across kinds comparable.
"""

from enum import Enum


class YesNo(str, Enum):
    YES = "Yes"
    NO = "No"


class Level(str, Enum):
    """A priority or a risk, rated the way care services rate both."""

    HIGH = "High"
    MEDIUM = "Medium"
    LOW = "Low"


class RAG(str, Enum):
    """A forecast in colours: Red off track, Amber at risk, Green on track."""

    RED = "Red"
    AMBER = "Amber"
    GREEN = "Green"

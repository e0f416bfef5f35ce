"""The registry of tracker kinds. A new tracker is a new package here, not new plumbing.

Each module named in ``MODULES`` exposes ``TRACKER``; add a kind by adding its module's name.
This is the one place that turns a kind's name into its tracker, so it is the one place that
raises UnknownKind.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from tracker_tool.check.tracker import Tracker
from tracker_tool.errors import UnknownKind

#: Modules under tracker_tool.trackers, in the order `tracker-tool kinds` lists them.
MODULES = (
    "action_plan",
    "performance_plan",
    "ombudsman_plan",
    "safeguarding_plan",
    "supervision.actions",
    "supervision.escalated",
    "supervision.probation",
)


@cache
def _registry() -> dict[str, Tracker]:
    found = (import_module(f"tracker_tool.trackers.{name}").TRACKER for name in MODULES)
    return {tracker.kind: tracker for tracker in found}


def all_trackers() -> dict[str, Tracker]:
    """Every tracker kind by its command-line name, imported only when first asked for."""
    return dict(_registry())


def get_tracker(kind: str) -> Tracker:
    """The tracker called ``kind``; UnknownKind (a UsageError) names the kinds there are."""
    trackers = _registry()
    try:
        return trackers[kind]
    except KeyError:
        raise UnknownKind(kind, trackers) from None

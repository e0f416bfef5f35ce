"""The registry of tracker kinds. A new tracker is a new module here, not new plumbing.

Each module named in ``MODULES`` exposes ``TRACKER``; add a kind by adding its module's name.
"""

from __future__ import annotations

from importlib import import_module

from tracker_tool.check.tracker import Tracker

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


def all_trackers() -> dict[str, Tracker]:
    """Every tracker kind by its command-line name, imported only when asked for."""
    found = (import_module(f"tracker_tool.trackers.{name}").TRACKER for name in MODULES)
    return {tracker.kind: tracker for tracker in found}


def get_tracker(kind: str) -> Tracker:
    trackers = all_trackers()
    try:
        return trackers[kind]
    except KeyError:
        known = ", ".join(sorted(trackers))
        raise KeyError(f"unknown tracker kind '{kind}' (known: {known})") from None

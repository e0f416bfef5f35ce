"""The registry of tracker kinds. A new tracker is a new module here, not new plumbing."""

from __future__ import annotations

from tracker_tool.tracker import Tracker


def all_trackers() -> dict[str, Tracker]:
    """Every tracker kind by its command-line name, imported only when asked for."""
    from tracker_tool.trackers.action_plan import TRACKER as action_plan

    return {action_plan.kind: action_plan}


def get_tracker(kind: str) -> Tracker:
    trackers = all_trackers()
    try:
        return trackers[kind]
    except KeyError:
        known = ", ".join(sorted(trackers))
        raise KeyError(f"unknown tracker kind '{kind}' (known: {known})") from None

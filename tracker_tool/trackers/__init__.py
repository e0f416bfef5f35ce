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

#: Each kind's module under tracker_tool.trackers and the kind's command-line name, in the
#: order `tracker-tool kinds` lists them. The name is here as well as on the module's TRACKER
#: so a workbook stamped with its kind imports that kind alone: importing all seven (their
#: pydantic models, rules and figures) was a fifth of a small validate's start-up.
MODULES = {
    "action_plan": "action-plan",
    "performance_plan": "performance-plan",
    "ombudsman_plan": "ombudsman-plan",
    "safeguarding_plan": "safeguarding-plan",
    "supervision.actions": "supervision-actions",
    "supervision.escalated": "supervision-escalations",
    "supervision.probation": "probation-actions",
}
_MODULE_OF = {kind: module for module, kind in MODULES.items()}
#: The kind names, without importing any kind.
KINDS = tuple(_MODULE_OF)


@cache
def _load(kind: str) -> Tracker:
    tracker = import_module(f"tracker_tool.trackers.{_MODULE_OF[kind]}").TRACKER
    if tracker.kind != kind:  # the two spellings of one fact must agree
        raise RuntimeError(f"trackers.MODULES names {_MODULE_OF[kind]}'s kind '{kind}', but "
                           f"its TRACKER says '{tracker.kind}'")
    return tracker


@cache
def _registry() -> dict[str, Tracker]:
    return {kind: _load(kind) for kind in KINDS}


def all_trackers() -> dict[str, Tracker]:
    """Every tracker kind by its command-line name, imported only when first asked for."""
    return dict(_registry())


def get_tracker(kind: str) -> Tracker:
    """The tracker called ``kind`` (one of ours imports that kind alone); UnknownKind (a
    UsageError) names the kinds there are."""
    if kind in _MODULE_OF:
        return _load(kind)
    trackers = _registry()
    try:
        return trackers[kind]
    except KeyError:
        raise UnknownKind(kind, trackers) from None

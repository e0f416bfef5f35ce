"""Closed vocabularies of the performance improvement plan; each enum is a dropdown.

The source is an NHS improvement action plan form for one employee. Its three parts are
cited as clauses throughout this tracker:

- "PIP header": the facts the plan has once (date agreed, whether it revises an earlier
  plan, the stage of the process, the employee and the manager, and their signatures).
- "PIP table": the action table, one line per area for improvement.
- "PIP review": the review table, which rates each action at a review.
"""

from enum import Enum

from tracker_tool.trackers.kit import YesNo as YesNo

HEADER, TABLE, REVIEW = "PIP header", "PIP table", "PIP review"


class Stage(str, Enum):
    """Where the plan sits in the performance management process (PIP header)."""

    INFORMAL = "Stage 1 (informal)"
    FORMAL = "Stage 2 (formal)"


class Rating(str, Enum):
    """The review's answer to 'has the required level of performance been reached?'."""

    MET = "Met"
    PARTLY = "Partially met"
    NOT_MET = "Not met"


#: Ratings that leave the required level unreached, so the review must say what happens next.
SHORT_OF_TARGET = frozenset({Rating.PARTLY, Rating.NOT_MET})

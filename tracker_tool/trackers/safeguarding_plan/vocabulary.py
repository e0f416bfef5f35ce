"""Closed vocabularies of the safeguarding action plan; each enum is a dropdown in the template.

Section names used as "clauses" throughout this tracker are short names for the parts of the
source article (Closing the Loop: safeguarding action plans, governance oversight and
sustained improvement):

- "Effective plans": the four marks of an effective plan (specific, owned, tested, reviewed)
  and proportionality (high risk needs deeper controls and longer oversight).
- "Risk not compliance": designing actions around risk; the four kinds of action; tick-box
  actions.
- "Governance": making plans live (governance meetings, RAG with narrative, no closure
  without evidence, senior assurance where risk is high).
- "Closure test": closing the loop, the four tests a plan must pass before closure.
- "CQC" and "Commissioners": what the regulator and commissioners expect.
"""

from enum import Enum

from tracker_tool.trackers.kit import RAG as RAG
from tracker_tool.trackers.kit import Level

RiskLevel = Level

EFFECTIVE, DESIGN, GOVERNANCE, CLOSURE = (
    "Effective plans", "Risk not compliance", "Governance", "Closure test")


class ActionType(str, Enum):
    """The four kinds of action a strong plan combines (Risk not compliance)."""

    RISK_CONTROL = "Risk-control measure"
    PRACTICE_CHANGE = "Practice change"
    OVERSIGHT = "Oversight mechanism"
    EVIDENCE = "Evidence measure"


class ConcernType(str, Enum):
    """What kind of harm the concern was about: it shapes what must change and how to prove it."""

    NEGLECT = "Neglect or acts of omission"
    ORGANISATIONAL = "Organisational abuse"
    RESTRICTIVE = "Restrictive practice"
    FINANCIAL = "Financial or material abuse"
    EXPLOITATION = "Exploitation or modern slavery"
    PHYSICAL = "Physical abuse"
    PSYCHOLOGICAL = "Psychological or emotional abuse"
    SEXUAL = "Sexual abuse"
    DOMESTIC = "Domestic abuse"
    DISCRIMINATORY = "Discriminatory abuse"
    SELF_NEGLECT = "Self-neglect"
    OTHER = "Other"


class Status(str, Enum):
    """Implemented means the work is done and is now being tested in practice; Closed means
    the closure test has been passed and governance agreed to close it."""

    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    IMPLEMENTED = "Implemented"
    CLOSED = "Closed"


#: Statuses in which the work itself is finished (so it can no longer be late).
WORK_DONE = frozenset({Status.IMPLEMENTED, Status.CLOSED})

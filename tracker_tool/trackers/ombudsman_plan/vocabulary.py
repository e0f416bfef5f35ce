"""Closed vocabularies of the Ombudsman action plan, and the names its clauses use.

The source is the Parliamentary and Health Service Ombudsman's guidance *Writing action plans*.
It has no numbered paragraphs, so its parts are cited by short names:

- "Intro": the opening paragraphs (an action plan answers the failings the Ombudsman found, so
  that they do not happen again, within a time frame agreed with the Ombudsman; the
  organisation should consider involving the complainant and keep them informed until the
  changes are made).
- "Content 1" to "Content 7": the seven things the Ombudsman expects a plan to explain, in the
  guidance's order: 1 the actions for each failing, complaint handling included; 2 the person
  or team responsible; 3 when each action starts and when it will be complete; 4 how the
  actions are kept in line with professional or other standards; 5 how and when they are
  reviewed; 6 how they are monitored and audited; 7 how their impact is measured.
- "Checklist 1" to "Checklist 10": the questions of the Ombudsman's action plan checklist, in
  order (1 all failings covered, 2 actions sufficient, 3 who, start and end, 4 complainant
  involved, 5 evidence of actions taken, 6 standards named, 7 review date, 8 sent to everyone
  listed in the report, 9 report included with the regulator's copy, 10 progress updates).
- "Sending": sending the plan to the Ombudsman (the agreed timescale, evidence of completed
  actions, confirming it will go to everyone the report lists).
- "Regulator": sending the plan to a regulator (with the report; data protection, anonymising
  and removing personal details; the organisation's name and address set out separately).
"""

from enum import Enum

from tracker_tool.trackers.kit import YesNo as YesNo

INTRO, SENDING, REGULATOR = "Intro", "Sending", "Regulator"


def content(n: int) -> str:
    return f"Content {n}"


def checklist(n: int) -> str:
    return f"Checklist {n}"


class Status(str, Enum):
    """Complete means the action has been carried out and its evidence is recorded."""

    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETE = "Complete"


class Involvement(str, Enum):
    """How far the person who complained takes part in the plan (Intro, Checklist 4)."""

    SHAPING = "Helping to shape the plan"
    CONSULTED = "Consulted on the draft"
    INFORMED = "Kept informed of progress"
    DECLINED = "Offered involvement but declined"
    NOT_INVOLVED = "Not involved"

"""Three supervision trackers from one source: standard actions, escalated cases, probation.

The source is the consultancy article "Building an Inspection-Ready Supervision Action Tracker
in Adult Social Care". Its three operational examples become three tracker kinds, each a
package of its own (registered in ``tracker_tool.trackers.MODULES``):

* ``supervision.actions`` (``supervision-actions``): the actions agreed in routine
  supervision, from logging to the evidence that closed them (Operational Example 1).
* ``supervision.escalated`` (``supervision-escalations``): formal cases opened when a
  practice concern keeps coming back (Operational Example 2).
* ``supervision.probation`` (``probation-actions``): support actions agreed with new starters
  at their probation reviews (Operational Example 3).

Clauses cite the article by section, since it has no numbered paragraphs: "Ex1 step 3" is
step 3 of Operational Example 1, "Ex2 escalation" is that example's escalation paragraph,
"Ex3 warning signs" its early warning signs, and "Inspector expectation" the closing section
on what regulators look for. ``shared`` holds what the three share and no other kind does:
the article's word lists, the same-working-day rule, the repeated-theme and manager-cluster
counts behind the monthly figures.
"""

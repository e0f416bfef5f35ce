"""A return compared with the previous return of the same tracker, action by action.

match.py pairs the actions, rules.py holds the change rules every kind shares (a kind adds its
own through ChangeFields.rules), figures.py sets the review figures side by side, and
comparison.py runs them in order.
"""

from tracker_tool.check.compare.comparison import (
    change_catalogue,
    compare_checked,
    made_on,
    rule_info,
)
from tracker_tool.check.compare.context import ChangeContext, shown
from tracker_tool.check.compare.declare import ChangeRule, change_rule
from tracker_tool.check.compare.fields import ChangeFields
from tracker_tool.check.compare.match import Pair

__all__ = ["ChangeContext", "ChangeFields", "ChangeRule", "Pair", "change_catalogue", "change_rule", "rule_info",
           "compare_checked", "made_on", "shown"]

"""Everything a tracker kind's author needs, from one import.

A kind is models, rules and figures written against this module (and trackers.common for the
checks kinds share), so the pipeline's own modules can change without any kind noticing.

    from tracker_tool.trackers.kit import W, Code, RuleContext, rule

    @rule(Code("owner.several", "More than one owner", W, "s6, s8",
               "{label} names several owners ('{value}').", "Keep one owner."))
    def owners(ctx: RuleContext):
        ...
"""

from tracker_tool.check.compare import ChangeContext, ChangeFields, change_rule
from tracker_tool.check.common_rules import required_catalogue, required_fields
from tracker_tool.check.reviews_sheet import Cadence, ReviewSchedule, Unit, make_review_model
from tracker_tool.check.rule_context import CheckedRow, RuleContext
from tracker_tool.check.tracker import LiveHighlights, Tracker
from tracker_tool.core.catalogue import RuleInfo as Code
from tracker_tool.core.cell_values import display
from tracker_tool.core.columns import Column
from tracker_tool.core.field_types import CellCount, CellDate, CellText, choice
from tracker_tool.core.findings import Finding, Severity
from tracker_tool.core.report import Escalation, Figure
from tracker_tool.core.review import (
    AGEING_BANDS, AuditAnswer, ReviewCadence, ReviewItem, ReviewPack, ThemeCount, ageing_band,
)
from tracker_tool.core.wording import days_text, either, fmt, plural, shorten
from tracker_tool.policy.service_policy import person_key
from tracker_tool.trackers.kit.define import define_tracker, unique_ids
from tracker_tool.trackers.kit.row_model import Row
from tracker_tool.trackers.kit.rules import DeclarationError, IdRule, Rule, rule
from tracker_tool.trackers.kit.settings import Settings, listing, setting
from tracker_tool.trackers.kit.vocabulary import RAG, Level, YesNo

#: Severities as the code declarations write them.
E, W, X = Severity.ERROR, Severity.WARNING, Severity.ESCALATION

__all__ = [
    "AGEING_BANDS", "RAG", "Level", "YesNo", "AuditAnswer", "CellCount", "CellDate", "CellText", "CheckedRow", "Code",
    "Column", "DeclarationError", "E", "Escalation", "Figure", "Finding", "IdRule",
    "LiveHighlights", "ReviewItem", "ReviewPack", "Row", "Rule", "RuleContext", "Severity",
    "ThemeCount", "Tracker", "W", "X", "ageing_band", "choice", "days_text", "define_tracker",
    "display", "either", "fmt", "person_key", "plural", "rule", "shorten", "unique_ids",
    "ChangeContext", "ChangeFields", "change_rule", "Settings", "listing", "setting",
    "Cadence", "ReviewCadence", "ReviewSchedule", "Unit", "make_review_model",
    "required_catalogue", "required_fields",
]

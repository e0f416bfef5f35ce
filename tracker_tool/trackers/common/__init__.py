"""What tracker kinds check alike: who owns an entry, whether its evidence points to anything,
and whether it is open, done or late. A kind imports these from here, never from another kind.
"""

from tracker_tool.trackers.common.evidence import (
    HEARSAY, RECORD_WORDS, has_measure, is_vague_evidence, names_a_record, no_evidence,
    points_to_nothing, standing_alone, tick_box_phrase, too_short,
    words_of,
)
from tracker_tool.trackers.common.numbers import figures_in, without_dates
from tracker_tool.trackers.common.owners import (
    NOBODY, TEAM, OwnerCodes, names_several, owner_check, owner_codes, same_person,
)
from tracker_tool.trackers.common.personal_data import (
    personal_data_check, personal_data_code, text_columns,
)
from tracker_tool.trackers.common.reviews import review_sheet
from tracker_tool.trackers.common.status import (
    date_order_check, dated_after, days_past, escalation, future_dates_check, green_overdue_code,
    overdue_check, overdue_code, review_overdue_code, says_none, stale_since, to_escalate,
    unfilled,
    working_days_late,
)

__all__ = [
    "HEARSAY", "NOBODY", "RECORD_WORDS", "TEAM", "names_a_record", "no_evidence", "OwnerCodes", "date_order_check", "dated_after", "days_past", "escalation",
    "figures_in", "future_dates_check", "green_overdue_code", "has_measure", "is_vague_evidence",
    "names_several", "overdue_check", "overdue_code", "owner_check", "owner_codes",
    "personal_data_check", "personal_data_code", "review_overdue_code", "says_none",
    "text_columns",
    "points_to_nothing", "same_person", "stale_since", "standing_alone", "tick_box_phrase",
    "to_escalate", "without_dates", "too_short", "unfilled", "words_of", "working_days_late",
    "review_sheet",
]

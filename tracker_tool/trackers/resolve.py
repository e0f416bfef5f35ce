"""Which kind of tracker a returned workbook is: the one place that decides, before any check.

The api and the batch worker both call ``check_workbook`` here, so a workbook is judged the same
way wherever it arrives, and the check pipeline is simply handed its tracker.

* A stamped workbook is the kind its stamp names (a kind this version does not know, or one
  other than the ``kind`` asked for, is refused with ``workbook.other-tracker``).
* An unstamped workbook is the kind whose required columns its header matches best; when no
  kind finds at least half of its required columns, it is ``workbook.not-a-tracker`` rather
  than an audit full of "column missing" findings against the wrong kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker_tool.check.header_map import SEARCH_ROWS, normalise_title
from tracker_tool.check.tracker import Tracker
from tracker_tool.check.validation import CheckedWorkbook, KindChoice, check_loaded
from tracker_tool.core.catalogue import core
from tracker_tool.core.sheet_names import NEVER_ENTRIES
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.read.workbook import DEFAULT_MAX_ROWS, LoadedWorkbook, load_workbook, read_grid
from tracker_tool.trackers import KINDS, all_trackers, get_tracker

#: An unstamped sheet is taken for a kind only when its header holds at least this share of
#: the kind's required columns; fewer is a foreign sheet that happens to share some titles.
MIN_REQUIRED_SHARE = 0.5


@dataclass(frozen=True)
class Match:
    """How well one sheet's header fits one kind: required columns found out of all of them."""

    tracker: Tracker
    sheet: str
    found: int
    required: int
    columns: int

    @property
    def share(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def rank(self) -> tuple:
        return (self.share, self.columns)


def _titles(tracker: Tracker) -> list[set[str]]:
    """For each required column, the header texts that name it (title or field key)."""
    return [{normalise_title(spec.title), normalise_title(spec.key)}
            for spec in tracker.columns if spec.required is not None]


def best_match(loaded: LoadedWorkbook, max_rows: int = DEFAULT_MAX_ROWS) -> Match | None:
    """The kind and sheet whose header fits best, searched over every visible sheet.

    The first SEARCH_ROWS rows of each sheet are searched first, where a template keeps its
    header even with title rows inserted above it. Only when no sheet has a header there
    (a sort took it down among the actions, or this is no tracker) is the rest of each sheet
    searched, so an ordinary return costs nothing more.
    """
    trackers = list(all_trackers().values())
    wanted = {t.kind: _titles(t) for t in trackers}
    every = {t.kind: {normalise_title(s.title) for s in t.columns} | set(t.by_key)
             for t in trackers}
    # Actions repeat their statuses, owners and routes down the sheet: normalise each once.
    normalised: dict[str, str] = {}

    def texts_of(row: list) -> set[str]:
        stripped = {v.strip() for v in row if isinstance(v, str) and v.strip()}
        if len(stripped) < 2:
            return set()
        for text in stripped - normalised.keys():
            normalised[text] = normalise_title(text)
        return stripped | {normalised[text] for text in stripped}

    best: Match | None = None

    def search(name: str, rows) -> None:
        nonlocal best
        for row in rows:
            texts = texts_of(row)
            if not texts:
                continue
            for tracker in trackers:
                required = wanted[tracker.kind]
                found = sum(1 for names in required if names & texts)
                match = Match(tracker, name, found, len(required),
                              len(every[tracker.kind] & texts))
                if best is None or match.rank > best.rank:
                    best = match

    sheets = [name for name in loaded.visible_sheets if name not in NEVER_ENTRIES]
    for name in sheets:
        search(name, read_grid(loaded, name, SEARCH_ROWS).rows[:SEARCH_ROWS])
    if best is None or best.share < MIN_REQUIRED_SHARE:
        for name in sheets:
            search(name, read_grid(loaded, name, max_rows + SEARCH_ROWS + 1).rows[SEARCH_ROWS:])
    return best


def choose(loaded: LoadedWorkbook, kind: str | None = None,
           max_rows: int = DEFAULT_MAX_ROWS) -> KindChoice:
    """The tracker to check ``loaded`` as; UnknownKind (from the registry) for a bad ``kind``.
    ``max_rows`` bounds how far down an unstamped sheet its header is looked for."""
    stamped = loaded.stamp.kind
    if kind is None and stamped in KINDS:  # the usual case: that kind alone is imported
        return KindChoice(get_tracker(stamped))
    known = all_trackers()
    if kind is not None:
        tracker = get_tracker(kind)
        if stamped and stamped != kind:
            return KindChoice(tracker, core("workbook.other-tracker").finding(
                found=stamped, detail=f"not '{kind}'"))
        return KindChoice(tracker)
    if stamped in known:
        return KindChoice(known[stamped])
    match = best_match(loaded, max_rows)
    fallback = match.tracker if match else next(iter(known.values()))
    if stamped:
        names = ", ".join(f"'{k}'" for k in known)
        return KindChoice(fallback, core("workbook.other-tracker").finding(
            found=stamped, detail=f"which this version of tracker-tool does not know "
                                  f"(it knows {names})"))
    if match is None or match.share < MIN_REQUIRED_SHARE:
        looked = ", ".join(repr(n) for n in loaded.visible_sheets) or "no visible sheet"
        closest = (f"the closest is '{match.tracker.kind}', with {match.found} of its "
                   f"{match.required} required columns on sheet {match.sheet!r}"
                   if match and match.found else "none has a header row of any tracker kind")
        return KindChoice(fallback, core("workbook.not-a-tracker").finding(
            tracker="any tracker kind", detail=f"looked in {looked}; {closest}, and a tracker "
                                               "needs at least half of its required columns"))
    return KindChoice(match.tracker, sheet=match.sheet)


def check_workbook(source: str | Path | LoadedWorkbook, as_of: date, kind: str | None = None,
                   max_rows: int = DEFAULT_MAX_ROWS,
                   policy: ServicePolicy | None = None) -> CheckedWorkbook:
    """Read ``source`` (a path or an opened workbook), choose its kind and check it.

    Raises WorkbookError only when the file cannot be read at all, and UnknownKind for a
    ``kind`` that does not exist.
    """
    if kind is not None:
        get_tracker(kind)  # a misspelt kind is the caller's mistake: say so before reading
    loaded = source if isinstance(source, LoadedWorkbook) else load_workbook(source)
    return check_loaded(loaded, choose(loaded, kind, max_rows), as_of, max_rows, policy)

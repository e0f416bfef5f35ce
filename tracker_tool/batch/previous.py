"""Last quarter's returns for `batch --previous`: find them, match each to this quarter's, and
compare each pair in the worker.

A commissioner compares a quarter with the one before to see trends and the services that
stopped returning, so every return is paired with its own previous return. The service stamp
is what pairs them, as it is what matches a return to the services list: file names change
from quarter to quarter. A return without a stamp (or whose previous had none) is paired by its
file name instead, and two stamps that name different services are never paired. Last quarter
may be given as its returns or as last quarter's batch output folder, whose report.json
records which files were checked and whose they were.

Matching happens in the driver, before any worker starts, because the pair decides the cache
key: a changed previous return must re-check its pair, and only its pair. The driver reads
only each file's custom properties for its stamp (no sheet parsing: a file that can crash a
parser must do so in a worker, where it costs one row).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tracker_tool.batch.catalogue import batch_rule
from tracker_tool.batch.discovery import ROLLUP_NAME, Found, discover
from tracker_tool.core.atomic import shown
from tracker_tool.core.columns import Kind
from tracker_tool.core.findings import Finding
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.core.wording import printable
from tracker_tool.errors import UsageError, WorkbookError

REPORT_JSON = "report.json"
#: Shown in the roll-up instead of a free-text value (a progress note, evidence, an outcome):
#: the roll-up goes beyond the service, and such text can name the people in its care.
WITHHELD = "(text: see the audit)"


@dataclass(frozen=True, slots=True)
class PreviousReturn:
    """One of last quarter's returns. ``problem`` says why it cannot be compared (gone since,
    or not a workbook); it can still be paired, so the return it belongs to says so."""

    label: str
    relative: str
    path: Path | None
    service: ServiceIdentity | None = None
    problem: str | None = None
    sha256: str = ""

    @property
    def name(self) -> str:
        return self.service.name if self.service else Path(self.label).name

    def to_dict(self) -> dict:
        service = self.service
        return {"workbook": self.label, "service": service.name if service else None,
                "provider": service.provider if service else None,
                "location_id": service.location_id if service else None,
                "problem": self.problem}


@dataclass
class PreviousMatch:
    """This quarter's returns against last quarter's: the pairs, the returns that could not be
    paired with certainty, and last quarter's returns with no return this time."""

    #: Where last quarter came from, as the user gave it (returns, or a batch folder).
    source: str
    #: index of a current return -> its previous return.
    pairs: dict[int, PreviousReturn] = field(default_factory=dict)
    #: index of a current return -> why it was not compared although last quarter has a return
    #: for its service (several carry its stamp).
    unsure: dict[int, str] = field(default_factory=dict)
    #: Returned last time but not now.
    gone: list[PreviousReturn] = field(default_factory=list)
    compared_from_folder: bool = False

    def to_dict(self) -> dict:
        return {"source": self.source, "matched": len(self.pairs),
                "returned_last_time_not_now": [p.to_dict() for p in self.gone]}


# -- finding last quarter's returns ---------------------------------------------------------

def read_previous(paths, out_dir: Path) -> tuple[list[PreviousReturn], bool]:
    """Last quarter's returns from ``paths`` (files, folders, globs, or one batch output
    folder); the flag says whether they came from a batch folder's report.json."""
    paths = [str(p) for p in paths]
    if len(paths) == 1 and _is_batch_folder(Path(paths[0])):
        folder = Path(paths[0])
        if folder.resolve() == out_dir.resolve():
            raise UsageError(f"--previous {shown(folder)} is this batch's --out-dir: its "
                             "outputs would be replaced while being read; give a new --out-dir")
        return _recorded(folder), True
    return [_from_found(item) for item in discover(paths, out_dir)], False


def _is_batch_folder(folder: Path) -> bool:
    from tracker_tool.batch.outputs import output_recogniser

    if not folder.is_dir():
        return False
    report, rollup = folder / REPORT_JSON, folder / ROLLUP_NAME
    if output_recogniser(REPORT_JSON)(report):
        return True
    if rollup.is_file() and output_recogniser(ROLLUP_NAME)(rollup):
        raise UsageError(f"{shown(folder)} holds a batch roll-up but not its report.json, which "
                         "records the returns it checked; give last quarter's returns instead")
    return False


def _recorded(folder: Path) -> list[PreviousReturn]:
    """The returns a batch folder's report.json records. Their paths are as that batch showed
    them: relative to the folder it was run from."""
    report = folder / REPORT_JSON
    try:
        entries = json.loads(report.read_text(encoding="utf-8"))["workbooks"]
        recorded = [(str(e["workbook"]), e.get("service")) for e in entries]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{shown(report)} could not be read as a batch report "
                         f"({printable(str(exc))[:120]}); give last quarter's returns "
                         "instead") from None
    if not recorded:
        raise UsageError(f"{shown(report)} records no returns")
    relatives = _relatives([label for label, _ in recorded])
    found = []
    for (label, service), relative in zip(recorded, relatives):
        path = Path(label)
        identity = ServiceIdentity(**service) if isinstance(service, dict) else None
        if path.is_file():
            found.append(PreviousReturn(label, relative, path, identity, sha256=_sha(path)))
        else:
            found.append(PreviousReturn(label, relative, None, identity, problem=(
                f"last time's return {label}, recorded in {report}, is no longer there")))
    if all(p.path is None for p in found):
        raise UsageError(
            f"{shown(report)} records {len(found)} returns, but none is still where it was "
            f"(such as {shown(found[0].label)}, relative to the folder that batch was run "
            "from); run from that folder, or give last quarter's returns themselves")
    return found


def _relatives(labels: list[str]) -> list[str]:
    """Each path below the folder all of them share, as discovery names a batch's files."""
    parents = [os.path.dirname(os.path.abspath(label)) for label in labels]
    top = os.path.commonpath(parents)
    return [Path(os.path.relpath(os.path.abspath(label), top)).as_posix() for label in labels]


def _from_found(item: Found) -> PreviousReturn:
    problem = item.problem
    if problem is None:
        try:
            return PreviousReturn(item.label, item.relative, item.path,
                                  stamped_service(item.path), sha256=_sha(item.path))
        except WorkbookError as exc:
            problem = exc.reason
    return PreviousReturn(item.label, item.relative, item.path,
                          problem=f"last time's return {item.label} could not be read: {problem}")


def _sha(path: Path) -> str:
    from tracker_tool.batch.cache import file_sha256

    try:
        return file_sha256(path)
    except WorkbookError:
        return ""


def stamped_service(path: Path) -> ServiceIdentity | None:
    """The service a workbook's custom properties name, read without parsing any sheet;
    WorkbookError when it is not a workbook at all."""
    from tracker_tool.core.stamp import stamp_from
    from tracker_tool.read.safe_open import open_workbook
    from tracker_tool.read.xlsx_parts import read_parts

    return stamp_from(read_parts(open_workbook(path)).custom_properties, None).service


def current_services(found: list[Found]) -> list[ServiceIdentity | None]:
    """This quarter's stamps, for pairing; a file that cannot be read has none (its worker
    says why)."""
    services = []
    for item in found:
        try:
            services.append(None if item.problem else stamped_service(item.path))
        except (WorkbookError, OSError):
            services.append(None)
    return services


# -- pairing --------------------------------------------------------------------------------

def service_key(service: ServiceIdentity | None) -> str | None:
    """One service whatever its name is spelt like this quarter: its location ID, else its name."""
    if service is None:
        return None
    return ("id:" + service.location_id.strip().casefold() if service.location_id.strip()
            else "name:" + service.name.strip().casefold())


def match_previous(found: list[Found], services: list[ServiceIdentity | None],
                   previous: list[PreviousReturn], source: str) -> PreviousMatch:
    """Pair each current return with its previous one: by stamp, then by file name."""
    match = PreviousMatch(source)
    free = set(range(len(previous)))
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(previous):
        if (key := service_key(p.service)) is not None:
            by_key[key].append(j)
    current_by_key: dict[str, list[int]] = defaultdict(list)
    for i, service in enumerate(services):
        if (key := service_key(service)) is not None:
            current_by_key[key].append(i)
    for key, mine in current_by_key.items():
        theirs = by_key.get(key, [])
        if len(mine) == 1 and len(theirs) == 1:
            match.pairs[mine[0]] = previous[theirs[0]]
            free.discard(theirs[0])
        elif theirs:  # several on one side: the file name decides, else it is not guessed
            for i, j in _by_name(mine, theirs, found, previous):
                match.pairs[i] = previous[j]
                free.discard(j)
            rest = [i for i in mine if i not in match.pairs]
            names = ", ".join(previous[j].label for j in theirs)
            for i in rest:
                match.unsure[i] = (f"{len(theirs)} of last time's returns carry this service's "
                                   f"stamp ({names}) and none has this file's name")
            if rest:  # the service did return this time: none of them stopped returning
                free -= set(theirs)
    for i, j in _by_name([i for i in range(len(found)) if i not in match.pairs
                          and i not in match.unsure],
                         sorted(free), found, previous, services):
        match.pairs[i] = previous[j]
        free.discard(j)
    match.gone = [previous[j] for j in sorted(free)]
    return match


def _by_name(mine, theirs, found, previous, services=None) -> list[tuple[int, int]]:
    """Pairs with the same path below their batches' folders, then the same file name where
    that name is unique on both sides; never two returns stamped for different services."""
    pairs, used = [], set()

    def compatible(i, j) -> bool:
        if services is None:
            return True
        mine_key, their_key = service_key(services[i]), service_key(previous[j].service)
        return mine_key is None or their_key is None or mine_key == their_key

    for name in (lambda rel: rel.casefold(), lambda rel: rel.rsplit("/", 1)[-1].casefold()):
        left = defaultdict(list)
        for i in mine:
            if i not in {a for a, _ in pairs}:
                left[name(found[i].relative)].append(i)
        right = defaultdict(list)
        for j in theirs:
            if j not in used:
                right[name(previous[j].relative)].append(j)
        for key, ii in left.items():
            jj = right.get(key, [])
            if len(ii) == 1 and len(jj) == 1 and compatible(ii[0], jj[0]):
                pairs.append((ii[0], jj[0]))
                used.add(jj[0])
    return pairs


# -- in the worker --------------------------------------------------------------------------

def compare_in_worker(checked, job) -> list[Finding]:
    """Join the changes since ``job``'s previous return to ``checked``; a pair that cannot be
    compared is a finding on the return, never a failed batch."""
    from tracker_tool.trackers.previous import with_previous

    if job.previous_problem is not None:
        return [_not_compared(job.previous_problem)]
    try:
        with_previous(checked, job.previous, job.settings.kind, job.settings.max_rows,
                      job.settings.policy)
    except UsageError as exc:  # unreadable, or another kind: named as the batch names files
        return [_not_compared(str(exc).replace(job.previous, job.previous_label))]
    except MemoryError:
        return [_not_compared("it is too large to compare in the memory available")]
    except Exception:
        if os.environ.get("TRACKER_TOOL_DEBUG"):
            raise
        return [_not_compared("a fault in tracker-tool stopped it (please report it; run "
                              "with TRACKER_TOOL_DEBUG=1 to see the details)")]
    return []


def _not_compared(reason: str) -> Finding:
    return batch_rule("return.previous-not-compared").finding(reason=printable(reason))


def previous_figures(report, label: str) -> dict | None:
    """What the roll-up shows for last time: the previous return's counts as checked now."""
    comparison = report.comparison
    if comparison is None:  # paired, but not compared: the roll-up still names it
        return {"workbook": label} if label else None
    figures = {fig.key: fig.previous for fig in comparison.figures}
    return {"workbook": label, "errors": comparison.previous.errors,
            "escalations": comparison.previous.escalations_due,
            "overdue": figures.get("overdue"),
            "on_time_closure_rate": figures.get("on_time_closure_rate"),
            "changes": len(comparison.changes)}


def change_rows(report, tracker) -> tuple[dict, ...]:
    """Each change finding as the roll-up's Changes sheet shows it, free text withheld."""
    comparison = report.comparison
    if comparison is None:
        return ()
    specs = list(tracker.columns) + (list(tracker.plan.columns) if tracker.plan else [])
    text = {s.key for s in specs if s.kind in (Kind.TEXT, Kind.LONG_TEXT)} - {tracker.id_key}
    rows = []
    for change in comparison.changes:
        f = change.finding
        withheld = f.field in text
        rows.append({"code": f.code, "severity": f.severity.value, "sheet": f.sheet,
                     "cell": f.cell, "column": f.column, "action_id": change.action_id,
                     "previous_value": _shown(change.previous_value, withheld),
                     "value": _shown(f.value, withheld), "located_in": change.located_in})
    return tuple(rows)


def _shown(value, withheld: bool):
    if value in (None, ""):
        return None
    return WITHHELD if withheld else value


# -- in the driver --------------------------------------------------------------------------

def pair_previous(paths, read: tuple[list[PreviousReturn], bool],
                  found: list[Found]) -> PreviousMatch:
    """Pair last quarter's returns (``read`` by read_previous from ``paths``, before anything
    is written, so a mistake in --previous stops the batch with one line) with ``found``."""
    previous, from_folder = read
    source = ", ".join(str(p) for p in paths)
    match = match_previous(found, current_services(found), previous, source)
    match.compared_from_folder = from_folder
    return match


def with_pairs(jobs: list, match: PreviousMatch) -> list:
    """The jobs (one per found file, in order) with their previous returns attached."""
    from dataclasses import replace

    paired = []
    for i, job in enumerate(jobs):
        before = match.pairs.get(i)
        if job.problem is not None or (before is None and i not in match.unsure):
            paired.append(job)
        elif before is None:
            paired.append(replace(job, previous_problem=match.unsure[i]))
        else:
            paired.append(replace(job, previous=str(before.path) if before.path else None,
                                  previous_label=before.label, previous_sha=before.sha256,
                                  previous_problem=before.problem))
    return paired


def previous_inputs(match: PreviousMatch | None) -> set[Path]:
    """Last quarter's files: inputs too, which no output may replace."""
    if match is None:
        return set()
    every = [*match.pairs.values(), *match.gone]
    return {p.path.resolve() for p in every if p.path is not None}

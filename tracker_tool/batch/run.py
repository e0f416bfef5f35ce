"""A whole batch, start to finish: find the returns, check them, match them, write the outputs.

The library's validate_many and the CLI's batch command are both this one function, so the
roll-up workbook, findings.csv, report.json and what the caller gets back always agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from tracker_tool.batch.cache import ResultCache
from tracker_tool.batch.catalogue import batch_rule
from tracker_tool.batch.discovery import ROLLUP_NAME, discover
from tracker_tool.batch.jobs import Checked, Progress, Settings, plan_jobs, run_jobs
from tracker_tool.batch.lock import folder_lock
from tracker_tool.batch.outputs import output_recogniser, run_identifier
from tracker_tool.batch.previous import (
    PreviousMatch,
    pair_previous,
    previous_inputs,
    read_previous,
    with_pairs,
)
from tracker_tool.batch.rollup import league_table, themes, totals
from tracker_tool.batch.rollup_pack import ROLLUP_PACK
from tracker_tool.batch.services import ServiceMatch, match_returns, read_services
from tracker_tool.batch.summary import WorkbookSummary, finding_dict, finding_from_dict
from tracker_tool.core.atomic import (
    guard_output,
    os_reason,
    refuse_overwriting_inputs,
    remove_stale_temporaries,
    shown,
    staged,
)
from tracker_tool.core.findings import Finding
from tracker_tool.errors import UsageError
from tracker_tool.read.workbook import DEFAULT_MAX_ROWS

FINDINGS_CSV, REPORT_JSON = "findings.csv", "report.json"


@dataclass
class BatchResult:
    """What a batch found. Findings stay on disk in the output folder's cache; iterate them."""

    out_dir: Path
    as_of: date
    checked: list[Checked]
    services: ServiceMatch | None
    rollup: Path
    findings_csv: Path
    report_json: Path
    #: Names this run's outputs (from what was checked and how), so a mixture shows.
    run: str = ""
    cache: ResultCache | None = None
    #: With --previous: which returns were compared with last time's, and which of last
    #: time's returns have no return now (batch/previous.py).
    previous: PreviousMatch | None = None
    #: With --pdf: the roll-up's governance pack (each return's is beside its audit).
    pack: Path | None = None
    #: With --include-staff-records: staff records are ranked in the league table too.
    include_staff: bool = False

    @property
    def summaries(self) -> list[WorkbookSummary]:
        return [c.summary for c in self.checked]

    @property
    def rechecked(self) -> int:
        """Workbooks checked this time; the rest were unchanged and came from the cache."""
        return sum(not c.cached for c in self.checked)

    @property
    def has_errors(self) -> bool:
        return any(c.summary.has_errors for c in self.checked)

    def findings(self) -> Iterator[tuple[WorkbookSummary, Finding]]:
        """Every finding with the workbook it came from, one workbook in memory at a time."""
        for summary, found in self.findings_by_workbook():
            for data in found:
                yield summary, finding_from_dict(data)

    def findings_by_workbook(self) -> Iterator[tuple[WorkbookSummary, list[dict]]]:
        """Each workbook with its findings as plain dicts, read back from the cache."""
        cache = self.cache or ResultCache(self.out_dir)
        for c in self.checked:
            yield c.summary, workbook_findings(c.summary, cache.findings(c.key))

    def changes_by_workbook(self) -> Iterator[tuple[WorkbookSummary, list[dict]]]:
        """Each compared workbook with its changes since the previous return (--previous)."""
        cache = self.cache or ResultCache(self.out_dir)
        for c in self.checked:
            if c.summary.readable:
                yield c.summary, cache.changes(c.key)

    def league_table(self):
        return league_table(self.summaries, self.include_staff)

    def themes(self):
        return themes(self.summaries)

    def totals(self):
        return totals(self.summaries)


def workbook_findings(summary: WorkbookSummary, stored: list[dict]) -> list[dict]:
    """A workbook's findings as the batch reports them: its own, then the return checks."""
    if not summary.readable:
        return [finding_dict(batch_rule("workbook.unreadable").finding(reason=summary.reason))]
    return stored + [finding_dict(f) for f in summary.checks]


def run_batch(paths, out_dir: str | Path, *, as_of: date, kind: str | None = None,
              max_rows: int = DEFAULT_MAX_ROWS, policy=None, services=None, executor=None,
              workers: int | None = None, redo_all: bool = False, force: bool = False,
              progress: Progress | None = None, previous=None,
              pdf: bool = False, include_staff_records: bool = False) -> BatchResult:
    out_dir = Path(out_dir)
    if pdf:  # before any file is read: the extra may be missing
        from tracker_tool.write.pdf_pack import require_reportlab

        require_reportlab()
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{shown(out_dir)} is a file; --out-dir must be a folder")
    if workers is not None and workers < 1:
        raise UsageError("the number of workers must be 1 or more")
    if kind is not None:
        from tracker_tool.trackers import get_tracker

        get_tracker(kind)  # an unknown kind stops the batch before any file is read
    listed = read_services(services) if isinstance(services, (str, Path)) else services
    ignore = (services,) if isinstance(services, (str, Path)) else ()
    # Last quarter's returns are read first: when they sit inside a folder of this quarter's
    # returns they are inputs of another kind, not returns to check again.
    read = read_previous(_paths(previous), out_dir) if previous else None
    if read is not None:
        ignore += tuple(item.path for item in read[0] if item.path is not None)
    found = discover(paths, out_dir, ignore=ignore)
    settings = Settings(as_of, kind, max_rows, policy, pdf)
    paired = pair_previous(_paths(previous), read, found) if previous else None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {shown(out_dir)}: {os_reason(exc)}") from None
    with folder_lock(out_dir):
        remove_stale_temporaries(out_dir)
        jobs = plan_jobs(found, out_dir, settings, force)
        if paired is not None:
            jobs = with_pairs(jobs, paired)
        inputs = {item.path for item in found} | previous_inputs(paired)
        outputs = [out_dir / name for name in (ROLLUP_NAME, FINDINGS_CSV, REPORT_JSON)]
        pack = out_dir / ROLLUP_PACK if pdf else None
        for path in outputs + ([pack] if pack else []):
            refuse_overwriting_inputs(path, inputs & {path.resolve()})
            guard_output(path, force, output_recogniser(path.name))
        cache = ResultCache(out_dir)
        checked = run_jobs(jobs, out_dir, settings, executor=_as_executor(executor),
                           workers=workers, redo_all=redo_all, progress=progress, cache=cache)
        match = None
        if listed:
            summaries, match = match_returns(list(listed), [c.summary for c in checked])
            checked = [replace(c, summary=s) for c, s in zip(checked, summaries)]
        result = BatchResult(out_dir, as_of, checked, match, *outputs,
                             run=run_identifier(settings.fingerprint(), checked), cache=cache,
                             previous=paired, pack=pack,
                             include_staff=include_staff_records)
        _write_outputs(result)
    return result


def _write_outputs(result: BatchResult) -> None:
    """The roll-up, findings.csv and report.json, renamed into place together at the end."""
    from tracker_tool.batch.outputs import write_findings_and_report
    from tracker_tool.batch.rollup_workbook import BatchFacts, write_rollup

    targets = [result.rollup, result.findings_csv, result.report_json]
    if result.pack is not None:
        targets.append(result.pack)
    with staged(targets) as (rollup, findings_csv, report_json, *pack):
        facts = BatchFacts(result.as_of, result.summaries, result.services, result.previous,
                           result.changes_by_workbook, result.include_staff)
        write_rollup(facts, rollup, run=result.run)
        write_findings_and_report(result, findings_csv, report_json)
        if pack:
            from tracker_tool.batch.rollup_pack import write_rollup_pack

            write_rollup_pack(facts, pack[0])


def _paths(given) -> list:
    """--previous as one path or several, like RETURNS."""
    return [given] if isinstance(given, (str, Path)) else list(given)


def _as_executor(executor):
    """A Dask Client is accepted as it is; its executor is what speaks concurrent.futures."""
    if executor is not None and hasattr(executor, "get_executor"):
        return executor.get_executor()
    return executor



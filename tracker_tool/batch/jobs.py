"""Check many workbooks in parallel, each in a worker that writes its own audit workbook.

The worker returns only a small summary and the findings (never the rows), so the process
that drives the batch stays the same size however many returns there are. Any
``concurrent.futures.Executor`` can run the workers: a process pool on this machine by default,
or a Dask cluster's executor when one machine is not enough (the workers then need to see the
same paths, for example on a shared drive). Results come back in the order the files were
found, so logs and outputs are the same from run to run.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from tracker_tool.batch.cache import ResultCache, entry_key, file_sha256
from tracker_tool.batch.catalogue import batch_rule
from tracker_tool.batch.discovery import AUDIT_SUFFIX, Found
from tracker_tool.batch.summary import WorkbookSummary, summarise, unreadable
from tracker_tool.batch.worker_life import bind_to_driver
from tracker_tool.core.atomic import fit_name, guard_output, refuse_overwriting_inputs
from tracker_tool.core.findings import Finding
from tracker_tool.core.outputs import AUDIT
from tracker_tool.core.wording import printable
from tracker_tool.errors import UsageError, WorkbookError
from tracker_tool.read.ownership import marked_output
from tracker_tool.read.workbook import DEFAULT_MAX_ROWS
from tracker_tool.write.pdf_pack import is_our_pack

AUDIT_FOLDER = "audits"
#: A return's governance pack (batch --pdf), beside its audit.
PACK_ENDING = "-pack.pdf"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything besides the file that decides a result; sent to every worker."""

    as_of: date
    kind: str | None = None
    max_rows: int = DEFAULT_MAX_ROWS
    #: A policy.ServicePolicy; None audits by the default policy, as a single audit would.
    policy: object | None = None
    #: batch --pdf: a governance pack (PDF) beside each audit.
    pdf: bool = False

    def fingerprint(self) -> dict:
        """What the cache key needs from the settings, the tool and the tracker definitions."""
        from tracker_tool.core.version import __version__
        from tracker_tool.policy.service_policy import DEFAULT_POLICY
        from tracker_tool.trackers import all_trackers

        found = {
            "tool": __version__, "as_of": self.as_of.isoformat(), "kind": self.kind,
            "max_rows": self.max_rows, "policy": (self.policy or DEFAULT_POLICY).fingerprint,
            "trackers": sorted((t.kind, t.version, t.fingerprint)
                               for t in all_trackers().values()),
        }
        if self.pdf:  # a run with packs checks again a return last checked without one
            found["pdf"] = True
        return found


@dataclass(frozen=True, slots=True)
class Job:
    path: str
    label: str
    audit: str
    audit_relative: str
    settings: Settings
    #: Why the file is not read, known before any worker sees it (discovery's problem).
    problem: str | None = None
    #: batch --previous: last time's return to compare with (its path, its name as shown, the
    #: hash of its bytes for the cache key), or why the pair cannot be compared.
    previous: str | None = None
    previous_label: str | None = None
    previous_sha: str = ""
    previous_problem: str | None = None

    @property
    def compared(self) -> bool:
        return self.previous is not None or self.previous_problem is not None


@dataclass(frozen=True, slots=True)
class Outcome:
    summary: WorkbookSummary
    findings: tuple[Finding, ...] = ()
    #: The changes since the previous return, as the roll-up's Changes sheet lists them.
    changes: tuple[dict, ...] = ()
    #: Caused by the surroundings (a file moved, memory, a crash, an unwritable audit), not
    #: by the file's bytes: shown this time, never replayed from the cache.
    transient: bool = False


TOO_LARGE = ("could not be checked: too large to check in the memory available; check it on "
             "its own with `tracker-tool audit`, or on a machine with more memory")
INTERNAL = ("could not be checked because of a fault in tracker-tool (please report it; run "
            "with TRACKER_TOOL_DEBUG=1 to see the details); it will be checked again next run")


@dataclass(frozen=True, slots=True)
class Checked:
    """One workbook's place in the batch: its summary and the cache entry holding its findings."""

    key: str
    summary: WorkbookSummary
    cached: bool


def check_one(job: Job) -> Outcome:
    """The worker: read, validate and audit one file; every failure becomes a row, not a raise."""
    from tracker_tool.read.safe_open import read_regular
    from tracker_tool.read.workbook import load_workbook
    from tracker_tool.trackers.resolve import check_workbook
    from tracker_tool.write.audit import write_audit_file

    sha = ""
    try:
        # The key is the hash of the bytes this worker read, not of what the driver hashed
        # earlier: the file may have changed in between.
        data = read_regular(job.path)
        sha = hashlib.sha256(data).hexdigest()
        loaded = load_workbook(job.path, data)
        checked = check_workbook(loaded, job.settings.as_of, job.settings.kind,
                                 job.settings.max_rows, policy=job.settings.policy)
    except WorkbookError as exc:
        return Outcome(unreadable(job.label, exc.reason, sha), transient=exc.transient)
    except MemoryError:
        return Outcome(unreadable(job.label, TOO_LARGE, sha), transient=True)
    except Exception:  # a bug must not stop the other files
        if os.environ.get("TRACKER_TOOL_DEBUG"):
            raise
        return Outcome(unreadable(job.label, INTERNAL, sha), transient=True)
    notes, changes = [], ()
    if job.compared:  # batch --previous: the changes join the findings and the audit
        from tracker_tool.batch.previous import (
            change_rows,
            compare_in_worker,
            previous_figures,
        )

        notes = compare_in_worker(checked, job)
        changes = change_rows(checked.report, checked.tracker)
    report = checked.report
    summary = summarise(job.label, job.audit_relative, report, checked.tracker, loaded.stamp,
                        sha)
    if job.compared:
        summary = replace(summary, previous=previous_figures(report, job.previous_label))
        summary = summary.with_checks(notes)
    findings = tuple(report.findings)
    try:
        write_audit_file(checked, job.audit)
        if job.settings.pdf:
            from tracker_tool.write.pdf_pack import write_pdf_pack

            write_pdf_pack(checked, pack_path(job.audit))
    except UsageError as exc:  # checked, but the audit could not be written: keep the findings
        return _audit_not_written(summary, findings, str(exc), changes)
    except MemoryError:
        return _audit_not_written(summary, findings, "too large to write in the memory available",
                                  changes)
    return Outcome(summary, findings, changes)


def pack_path(audit: str | Path) -> Path:
    """The governance pack beside its audit: returns/a-audit.xlsx -> returns/a-pack.pdf."""
    audit = Path(audit)
    stem = audit.name[:-len(AUDIT_SUFFIX)] if audit.name.endswith(AUDIT_SUFFIX) else audit.stem
    return audit.with_name(fit_name(stem, PACK_ENDING))


def _audit_not_written(summary: WorkbookSummary, findings, reason: str,
                       changes=()) -> Outcome:
    note = batch_rule("workbook.audit-not-written").finding(reason=printable(reason))
    return Outcome(replace(summary, audit=None).with_checks([note]), findings, changes,
                   transient=True)


def audit_relative_path(found: Found, taken: set[str] = frozenset()) -> str:
    """audits/<path below the batch's folder>-audit.xlsx, mirroring the returns' folders.

    The extension is kept only when dropping it would clash (a.xlsx beside a.XLSX). A name
    too long for the file system once '-audit.xlsx' is added is cut, with a hash to keep it
    apart from its neighbours.
    """
    folder, _, name = found.relative.rpartition("/")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    prefix = f"{AUDIT_FOLDER}/{folder}/" if folder else f"{AUDIT_FOLDER}/"
    path = prefix + fit_name(stem, AUDIT_SUFFIX)
    return path if path.lower() not in taken else prefix + fit_name(name, AUDIT_SUFFIX)


def plan_jobs(found: list[Found], out_dir: Path, settings: Settings,
              force: bool = False) -> list[Job]:
    """A job per file; refuses outright if any audit would land on an input, or on a file
    that is not an audit we wrote (unless ``force``)."""
    inputs = {item.path for item in found if item.problem is None}
    jobs, taken = [], set()
    for item in found:
        if item.problem is not None:
            jobs.append(Job(str(item.path), item.label, "", "", settings, item.problem))
            continue
        relative = audit_relative_path(item, taken)
        taken.add(relative.lower())
        audit = out_dir / relative
        refuse_overwriting_inputs(audit, inputs & {audit.resolve()})
        guard_output(audit, force, lambda existing: marked_output(existing, AUDIT))
        if settings.pdf:
            guard_output(pack_path(audit), force, is_our_pack)
        jobs.append(Job(str(item.path), item.label, str(audit), relative, settings))
    return jobs


#: Called as each workbook is done: (summary, taken from the cache, how many done, how many).
Progress = Callable[[WorkbookSummary, bool, int, int], None]


def run_jobs(jobs: list[Job], out_dir: Path, settings: Settings, *,
             executor: Executor | None = None, workers: int | None = None,
             redo_all: bool = False, progress: Progress | None = None,
             cache: ResultCache | None = None) -> list[Checked]:
    """Check every job, reusing cached results of unchanged files unless ``redo_all``.

    Returns one Checked per job, in the jobs' order. The findings stay in the cache; the
    caller reads them back one workbook at a time.
    """
    cache = cache or ResultCache(out_dir)
    stamp = settings.fingerprint()
    results: list[Checked | None] = [None] * len(jobs)
    todo = []
    done = 0

    def report(checked: Checked) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(checked.summary, checked.cached, done, len(jobs))
    for i, job in enumerate(jobs):
        if job.problem is not None:
            outcome = Outcome(unreadable(job.label, job.problem), transient=True)
            results[i] = _store(cache, job, outcome, stamp)
            report(results[i])
            continue
        try:
            sha = file_sha256(job.path)
        except WorkbookError as exc:
            outcome = Outcome(unreadable(job.label, exc.reason), transient=True)
            results[i] = _store(cache, job, outcome, stamp)
            report(results[i])
            continue
        key = _key(sha, job, stamp)
        hit = None if redo_all else cache.get(key)
        if hit is not None and (hit.audit is None or (out_dir / hit.audit).is_file()):
            results[i] = Checked(key, hit, True)
            report(results[i])
        else:
            todo.append((i, job))
    for (i, job), outcome in zip(todo, _execute([job for _, job in todo], executor, workers)):
        results[i] = _store(cache, job, outcome, stamp)
        report(results[i])
    cache.prune()
    return results


def _key(sha: str, job: Job, stamp: dict, transient: bool = False) -> str:
    """The entry for these bytes and settings; a transient outcome gets an entry of its own,
    per file, which no lookup by bytes ever finds."""
    extra = {"transient": job.path} if transient else {}
    if job.compared:  # a changed previous return re-checks its pair, and only its pair
        extra["previous"] = [job.previous_label, job.previous_sha, job.previous_problem]
    return entry_key(sha, {**stamp, "audit": job.audit_relative, **extra})


def _store(cache: ResultCache, job: Job, outcome: Outcome, stamp: dict) -> Checked:
    """Keep the outcome under the hash of the bytes the worker read. A transient one is kept
    for this run's outputs only, and is never replayed."""
    key = _key(outcome.summary.sha256, job, stamp, outcome.transient)
    cache.put(key, outcome.summary, outcome.findings, outcome.transient, outcome.changes)
    return Checked(key, outcome.summary, False)


def default_workers() -> int:
    return os.cpu_count() or 1


def _execute(jobs: list[Job], executor: Executor | None,
             workers: int | None) -> Iterator[Outcome]:
    """Outcomes in the jobs' order, with a bounded number of jobs in flight.

    Taking results in order costs little (a slow file holds back the log, not the workers,
    while the window is several times the number of workers) and makes every run's log and
    outputs identical. A pool of our own is rebuilt if one of its processes dies.
    """
    if not jobs:
        return
    own = executor is None
    width = workers or default_workers()
    if own:
        executor = _process_pool(width)
    window = max(8, 4 * width)
    pending: deque = deque()
    upcoming = iter(range(len(jobs)))
    try:
        while True:
            while len(pending) < window:
                i = next(upcoming, None)
                if i is None:
                    break
                pending.append((i, _submit(executor, jobs[i])))
            if not pending:
                return
            i, future = pending.popleft()
            try:
                outcome = future.result()
            except BrokenProcessPool:
                if not own:
                    raise
                # Every job in flight failed with the pool; run this one alone in a fresh
                # pool, so that only the file that really kills a worker is reported.
                rest = [j for j, _ in pending]
                pending.clear()
                executor = _restart(executor, width)
                try:
                    outcome = executor.submit(check_one, jobs[i]).result()
                except BrokenProcessPool:
                    executor = _restart(executor, width)
                    outcome = Outcome(unreadable(jobs[i].label, _CRASHED), transient=True)
                pending.extend((j, _submit(executor, jobs[j])) for j in rest)
            except Exception as exc:  # noqa: BLE001 - a cluster worker lost, a job not sent
                outcome = Outcome(unreadable(jobs[i].label, _lost(exc)), transient=True)
            yield outcome
    except BaseException:
        if own:  # Ctrl-C, SIGTERM or a failure: stop the workers now, not after their files
            # The pool's own thread fails every waiting future once its workers die, and on
            # Python 3.11 it raises (InvalidStateError, printed as a traceback) on a future we
            # had cancelled meanwhile; so our own pool's futures are left to it.
            pending.clear()
            _stop_workers(executor)
        raise
    finally:
        for _, future in pending:
            future.cancel()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)


def _submit(executor: Executor, job: Job) -> Future:
    """Submit ``job``; a pool that broke since the last result gives a failed future instead
    of raising here, so the crash is handled in one place, where results are taken."""
    try:
        return executor.submit(check_one, job)
    except BrokenProcessPool as exc:
        failed: Future = Future()
        failed.set_exception(exc)
        return failed


def _restart(executor: Executor, workers: int) -> Executor:
    executor.shutdown(wait=True, cancel_futures=True)
    return _process_pool(workers)


_CRASHED = ("could not be checked: the worker process stopped while reading it (out of memory "
            "or a crash); check it on its own with `tracker-tool audit`")


def _lost(exc: Exception) -> str:
    """A job a cluster could not run, in words: its message, never its class name."""
    detail = printable(str(exc))[:200] or "the worker was lost"
    return f"could not be checked ({detail}); it will be checked again on the next run"


def _process_pool(workers: int) -> Executor:
    from concurrent.futures import ProcessPoolExecutor

    import tracker_tool.check.validation  # noqa: F401

    # Imported here first so that forked workers start with them loaded.

    return ProcessPoolExecutor(max_workers=workers, initializer=bind_to_driver,
                               initargs=(os.getpid(),))


def _stop_workers(executor: Executor) -> None:
    """End our pool's processes at once; a file half-written by one is a temporary file,
    removed by the next run. The pool keeps its processes privately, hence getattr."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, AttributeError):
            pass

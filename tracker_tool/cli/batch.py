"""The `tracker-tool batch` command: many returns in, one roll-up out.

The one command with a progress display and an executor to choose; it uses the shared options
and exit codes so every command behaves alike.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker_tool.cli.group import (
    EXIT_FINDINGS,
    EXIT_OK,
    _date,
    _fail,
    _policy,
    as_of_option,
    cli,
    kind_option,
    max_rows_option,
    policy_option,
)


@cli.command(short_help="Check many returned workbooks and write a roll-up of them all.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the roll-up, findings.csv, report.json and the audits.")
@as_of_option
@click.option("--services", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="services.csv (service, provider, CQC location ID): match returns to it "
                   "by their stamp and list the services that sent nothing.")
@click.option("--previous", multiple=True, metavar="PREVIOUS",
              help="Last quarter's returns (files, folders or globs; repeat for several) or "
                   "last quarter's batch output folder: compare each return with its own, "
                   "matched by service stamp or else file name.")
@click.option("--workers", type=click.IntRange(1), default=None, metavar="N",
              help="Processes to check with. Default: one per core.")
@click.option("--force", is_flag=True,
              help="Replace files in OUT_DIR that have an output's name but were not written "
                   "by tracker-tool.")
@click.option("--redo-all", is_flag=True,
              help="Check every workbook again, even those unchanged since the last run.")
@click.option("--dask-scheduler", default=None, metavar="ADDRESS",
              help="Run on an existing Dask cluster (needs tracker-tool[dask]); its workers "
                   "must see the same paths.")
@click.option("--pdf", is_flag=True,
              help="Also write a governance pack (PDF) beside each audit and rollup.pdf for the "
                   "roll-up. Needs pip install 'tracker-tool[pdf]'.")
@click.option("--include-staff-records", is_flag=True,
              help="Rank performance plans, probation actions and escalated supervision cases "
                   "in the league table; by default they are listed apart.")
@policy_option
@kind_option
@max_rows_option
def batch(paths, out_dir, as_of, services, previous, workers, force, redo_all, dask_scheduler,
          pdf, include_staff_records, policy_file, kind, max_rows) -> None:
    """Check every returned workbook in PATHS and write a roll-up of them all.

    PATHS are files, folders (searched for spreadsheets, including sub-folders) or globs;
    trackers of different kinds may be mixed. OUT_DIR gets an audit workbook per return
    (audits/), rollup.xlsx (one row per workbook, a league table ordered by risk, the
    themes that recur across services, charts), findings.csv and report.json. A file that
    cannot be read becomes a row saying why. A re-run checks again only the files that
    changed. With --previous each return is also compared with its own previous return:
    the changes join its findings, and the roll-up gains trends, a Changes sheet and the
    returns of last time with no return now.

    Exit status: 0 no errors; 1 a workbook has errors, could not be read or failed a
    return check; 2 the command was misused or the tool failed; 130 interrupted (Ctrl-C or
    SIGTERM: the returns checked so far are kept for the next run).

    \b
    Examples:
      tracker-tool batch returns/ --out-dir q3-audit/ --as-of 2026-12-31
      tracker-tool batch returns/ --out-dir q3-audit/ --services services.csv
      tracker-tool batch returns/q3 --previous q2-audit/ --out-dir q3-audit/ --pdf
    """
    from contextlib import nullcontext

    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError

    policy = _policy(policy_file)
    show = _Progress()
    try:
        if dask_scheduler:
            from tracker_tool.batch.dask_executor import dask_executor

            cluster = dask_executor(dask_scheduler)
        else:
            cluster = nullcontext((None, workers))
        with cluster as (executor, width):
            result = api.validate_many(paths, out_dir, _date(as_of), kind=kind,
                                       max_rows=max_rows, policy=policy, services=services,
                                       executor=executor, workers=width, redo_all=redo_all,
                                       force=force, progress=show,
                                       previous=list(previous) or None, pdf=pdf,
                                       include_staff_records=include_staff_records)
    except TrackerToolError as exc:
        show.close()
        _fail(str(exc))
    finally:
        show.close()  # an interrupted run's bar is ended too, and its unread files named
    click.echo(_summary(result))
    sys.exit(EXIT_FINDINGS if result.has_errors else EXIT_OK)


class _Progress:
    """A bar on a terminal; one plain line per workbook otherwise, for logs and CI."""

    def __init__(self):
        self.tty = sys.stderr.isatty()
        self.bar = None
        self.not_read: list[str] = []

    def __call__(self, summary, cached: bool, done: int, total: int) -> None:
        if self.tty:
            if self.bar is None:
                self.bar = click.progressbar(length=total, label="Checking workbooks",
                                             file=sys.stderr, show_pos=True)
                self.bar.__enter__()
            self.bar.update(1)
            if not summary.readable:
                self.not_read.append(f"{summary.workbook}: {_outcome(summary, cached)}")
            return
        width = len(str(total))
        click.echo(f"[{done:>{width}}/{total}] {summary.workbook}: {_outcome(summary, cached)}",
                   err=True)

    def close(self) -> None:
        """End the bar, then name the files that could not be read: the bar hid them."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        for line in self.not_read:
            click.echo(line, err=True)
        self.not_read = []


def _outcome(summary, cached: bool) -> str:
    from tracker_tool.core.wording import plural

    if not summary.readable:
        return f"NOT READ - {summary.reason}"
    counts = (f"{plural(summary.actions, 'action')}, {plural(summary.errors, 'error')}, "
              f"{plural(summary.escalations, 'escalation')}, "
              f"{plural(summary.warnings, 'warning')}")
    unwritten = [f.message for f in summary.checks if f.code == "workbook.audit-not-written"]
    if unwritten:
        counts += f"; AUDIT NOT WRITTEN - {unwritten[0]}"
    return counts + (" (unchanged, from the last run)" if cached else "")


def _summary(result) -> str:
    from tracker_tool.batch.rollup import STAFF_KINDS_NAMED, staff_records
    from tracker_tool.core.wording import plural

    t = result.totals()
    lines = [
        (f"Checked {plural(t.workbooks, 'workbook')} as of {result.as_of.strftime('%d/%m/%Y')}"
         f" ({result.rechecked} checked now, {t.workbooks - result.rechecked} unchanged): "
         f"{t.with_errors} with errors or not read, {t.not_read} not read."),
        (f"{plural(t.actions, 'action')}: {plural(t.errors, 'error')}, "
         f"{plural(t.escalations, 'escalation')} not made, {t.overdue} overdue, "
         f"{plural(t.warnings, 'warning')}."),
    ]
    ranked = [e for e in result.league_table()[:3] if e.score or not e.summary.readable]
    if ranked:
        lines.append("Highest risk: " + "; ".join(
            f"{e.label}: {'not read' if e.score is None else f'score {e.score}'}"
            for e in ranked) + ".")
    kept_out = [] if result.include_staff else staff_records(result.summaries)
    if kept_out:
        lines.append(f"Staff records kept out of the league table: {len(kept_out)} "
                     f"({STAFF_KINDS_NAMED}); --include-staff-records ranks them.")
    match = result.services
    if match is not None:
        flagged = sum(1 for s in result.summaries if s.checks)
        lines.append(f"Services: {len(match.services)} listed, {len(match.returned)} returned, "
                     f"{len(match.not_returned)} with no return, "
                     f"{plural(flagged, 'return')} flagged by the return checks.")
        for service in match.not_returned:
            filed = match.filed_under.get(service.location_id)
            lines.append(f"  No return: {service.name} ({service.location_id})" + (
                f"; filed under its name but not stamped as it: {', '.join(filed)}"
                if filed else ""))
    before = result.previous
    if before is not None:
        changes = sum((s.previous or {}).get("changes", 0) for s in result.summaries)
        lines.append(f"Compared with last time ({before.source}): "
                     f"{len(before.pairs)} of {plural(len(result.summaries), 'return')} paired, "
                     f"{plural(changes, 'change')} breaking a rule, "
                     f"{len(before.gone)} returned last time but not now.")
        for item in before.gone:
            where = f" ({item.service.location_id})" if item.service and \
                item.service.location_id else ""
            lines.append(f"  Not returned now: {item.name}{where}; last time {item.label}"
                         + (f" ({item.problem})" if item.problem else ""))
    audits = sum(1 for s in result.summaries if s.audit)
    out = result.out_dir
    lines.append(f"Wrote {result.rollup}, {result.findings_csv}, {result.report_json} and "
                 f"{plural(audits, 'audit workbook')} in {out / 'audits'}")
    if result.pack is not None:
        lines.append(f"Wrote {result.pack} and a governance pack (PDF) beside each audit")
    return "\n".join(lines)

"""The single-workbook commands: template, validate, audit, rules, schema, kinds.

Heavy imports (pydantic, XlsxWriter, calamine) happen inside the commands so that --help and
start-up stay quick.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tracker_tool.cli.group import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNUSABLE,
    _date,
    _fail,
    _policy,
    as_of_option,
    cli,
    kind_option,
    max_rows_option,
    policy_option,
)
from tracker_tool.core.atomic import shown


@cli.command()
@click.argument("kind")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the template. Default: KIND-template-vVERSION.xlsx here.")
@click.option("--force", is_flag=True, help="Replace OUT if it already exists.")
@policy_option
@click.option("--services", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="services.csv (service, provider, CQC location ID): write one template per "
                   "service into --out-dir, each stamped with its service.")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the templates of --services.")
def template(kind: str, out: Path | None, force: bool, policy_file: Path | None,
             services: Path | None, out_dir: Path | None) -> None:
    """Write the locked, validated Excel template for a tracker KIND.

    The template has a dropdown for every closed list, date checks, a note on every
    heading, an Instructions sheet, a protected header row and a stamp recording the
    tracker kind and version. The same version always gives identical bytes. With
    --policy, the dropdowns follow the service's policy (categories, themes, roles,
    staff roster) and the stamp records the policy's fingerprint.

    \b
    Example:
      tracker-tool template action-plan --out action-plan.xlsx
    """
    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError

    try:
        tracker = api.get_tracker(kind)
    except TrackerToolError as exc:
        _fail(str(exc))
    if services or out_dir:
        return service_templates(tracker, services, out_dir, out, force, _policy(policy_file))
    out = out or Path(f"{tracker.kind}-template-v{tracker.version}.xlsx")
    if out.exists() and not force:
        _fail(f"{shown(out)} already exists; it may be a filled-in tracker. Use --force to "
              "replace it.")
    policy = _policy(policy_file)
    try:
        api.build_template(kind, out, policy=policy, force=force)
    except TrackerToolError as exc:
        _fail(str(exc))
    click.echo(f"Wrote {out} ({tracker.title}, template version {tracker.version}, "
               f"{len(tracker.columns)} columns)")


def _check_many(files, as_of, kind, max_rows, policy=None, previous=None):
    """Validate each file; an unreadable file is noted and the rest still checked."""
    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError

    reports, failures = [], []
    for path in files:
        try:
            reports.append(api.validate_workbook(path, as_of, kind, max_rows, policy,
                                                 previous=previous))
        except TrackerToolError as exc:
            failures.append((str(path), getattr(exc, "reason", str(exc))))
        except MemoryError:
            failures.append((str(path), "too large to check in the memory available"))
        except Exception:  # a bug must not stop the other files
            if os.environ.get("TRACKER_TOOL_DEBUG"):
                raise
            failures.append((str(path), _FAULT))
    return reports, failures


_FAULT = ("could not be checked because of a fault in tracker-tool (please report it; "
          "TRACKER_TOOL_DEBUG=1 shows the details)")


def _exit_status(reports, failures) -> int:
    if failures:
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if any(not r.ok for r in reports) else EXIT_OK


previous_option = click.option(
    "--previous", type=click.Path(path_type=Path), default=None, metavar="PREVIOUS",
    help="The return before this one: the changes since (see `tracker-tool compare`) join the "
         "findings.")


@cli.command(short_help="Check returned workbooks against the template and policy.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="How to print the findings.")
@kind_option
@max_rows_option
@policy_option
@previous_option
def validate(files, as_of, fmt, kind, max_rows, policy_file, previous) -> None:
    """Check returned tracker workbooks against the template and the policy.

    Every finding names its sheet, cell, row, column, the value found, a plain-English
    message and the policy clause. Files are only read, never changed.

    Exit status: 0 no errors; 1 error findings; 2 a file could not be read.

    \b
    Examples:
      tracker-tool validate returned.xlsx --as-of 2026-12-31
      tracker-tool validate returned.xlsx --policy service-policy.toml
      tracker-tool validate services/*.xlsx --format csv > findings.csv
      tracker-tool validate returned.xlsx --previous last-quarter.xlsx
    """
    from tracker_tool.write import render

    if kind is not None:
        _known_kind(kind)
    if previous is not None and len(files) != 1:
        _fail("--previous compares one return with the one before it; give one FILE")
    policy = _policy(policy_file)
    reports, failures = _check_many(files, _date(as_of), kind, max_rows, policy, previous)
    if fmt == "json":
        render.write_json(reports, failures, lambda text: click.echo(text, nl=False))
    elif fmt == "csv":
        click.echo(render.to_csv(reports), nl=False)
    else:
        click.echo(render.to_text(reports), nl=False)
    for path, reason in failures:
        click.echo(f"Error: {shown(path)}: {reason}", err=True)
    sys.exit(_exit_status(reports, failures))


def _known_kind(kind: str) -> None:
    from tracker_tool.errors import UnknownKind
    from tracker_tool.trackers import get_tracker

    try:
        get_tracker(kind)
    except UnknownKind as exc:
        _fail(str(exc))


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the audit workbook. Default: FILE-audit.xlsx beside FILE.")
@click.option("--force", is_flag=True,
              help="Replace OUT even if it is not an audit tracker-tool wrote.")
@as_of_option
@kind_option
@max_rows_option
@policy_option
@previous_option
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="PACK.pdf",
              help="Also write the governance pack, a PDF for the board (title page, figures "
                   "and trend, audit questions, charts, escalations, action review). Needs "
                   "pip install 'tracker-tool[pdf]'.")
def audit(file, out, force, as_of, kind, max_rows, policy_file, previous, pdf) -> None:
    """Write an annotated audit workbook for a returned tracker.

    The audit is a new workbook: a Summary of the policy's review figures, the review
    pack (monthly review list, quarterly audit questions answered met or not met, charts),
    the returned sheet with every problem cell highlighted and noted, a Findings sheet
    and an Escalations sheet. FILE itself is never modified.

    Exit status: 0 no errors; 1 error findings; 2 the file could not be read.

    \b
    Example:
      tracker-tool audit returned.xlsx --out returned-audit.xlsx --as-of 2026-12-31
      tracker-tool audit returned.xlsx --policy service-policy.toml --as-of 2026-12-31
      tracker-tool audit returned.xlsx --previous last-quarter.xlsx --out audit.xlsx
      tracker-tool audit returned.xlsx --previous last-quarter.xlsx --pdf board-pack.pdf
    """
    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError

    if kind is not None:
        _known_kind(kind)
    policy = _policy(policy_file)
    try:
        report, written = api.write_audit(file, out, _date(as_of), kind, max_rows, policy,
                                           force, previous=previous, pdf=pdf)
    except TrackerToolError as exc:
        _fail(str(exc))
    from tracker_tool.core.wording import plural, severity_counts

    click.echo(f"Wrote {written}: {plural(report.rows, 'action')}, "
               f"{severity_counts(report.findings) or 'no findings'}; "
               f"{len(report.escalations)} overdue to escalate "
               f"(as of {report.as_of.strftime('%d/%m/%Y')}, policy {report.policy})")
    _escalation_note(report)
    if pdf is not None:
        click.echo(f"Wrote {pdf}: the governance pack")
    sys.exit(_exit_status([report], []))


def _escalation_note(report) -> None:
    """Why the escalation findings and the actions to escalate differ, when they do: the line
    above counts findings, and an overdue effectiveness check is one too."""
    from tracker_tool.check.compare import rule_info
    from tracker_tool.trackers import get_tracker
    from tracker_tool.write.headline import escalation_count

    tracker = get_tracker(report.tracker)
    note = escalation_count(report, lambda code: rule_info(tracker, code).title).note
    if note:
        click.echo(note)


@cli.command(short_help="List every finding code with its clause and fix.")
@click.option("--kind", default="action-plan", show_default=True, help="Tracker kind.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True, help="markdown prints the table used in the README.")
def rules(kind, fmt) -> None:
    """List every finding code: severity, policy clause, what it means and how to fix it."""
    from tracker_tool import api
    from tracker_tool.write.rules_doc import rules_markdown, rules_text

    _known_kind(kind)
    catalogue, changes = api.list_rules(kind), api.list_change_rules(kind)
    click.echo(rules_markdown(catalogue, changes) if fmt == "markdown"
               else rules_text(catalogue, changes), nl=False)


@cli.command(short_help="Print the JSON Schema of a tracker's rows.")
@click.argument("kind")
def schema(kind: str) -> None:
    """Print the JSON Schema of one row of tracker KIND, for other systems to consume.

    The same schemas are committed in the repository's schemas/ folder.
    """
    from tracker_tool.trackers import get_tracker
    from tracker_tool.write.schema import schema_text

    _known_kind(kind)
    click.echo(schema_text(get_tracker(kind)), nl=False)


@cli.command()
def kinds() -> None:
    """List the tracker kinds this version can build and check."""
    from tracker_tool import api

    trackers = api.list_trackers()
    width = max(len(t.kind) for t in trackers)
    for tracker in trackers:
        click.echo(f"{tracker.kind:<{width}}  v{tracker.version}  {tracker.summary}")


def service_templates(tracker, services, out_dir, out, force: bool, policy) -> None:
    """`template KIND --services services.csv --out-dir DIR`: a stamped copy per service."""
    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError

    if out is not None:
        _fail("--out names one template; with --services use --out-dir for the folder")
    if services is None or out_dir is None:
        _fail("--services and --out-dir go together: the list of services, and the folder "
              "for their templates")
    try:
        written = api.build_service_templates(tracker.kind, services, out_dir, force, policy)
    except TrackerToolError as exc:
        _fail(str(exc))
    for path in written:
        click.echo(f"Wrote {path}")
    click.echo(f"{len(written)} templates ({tracker.title}, template version "
               f"{tracker.version}), each stamped with its service")

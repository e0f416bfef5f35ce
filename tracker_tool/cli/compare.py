"""`tracker-tool compare PREVIOUS CURRENT`: what changed since the last return."""

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
    policy_option,
)


@cli.command(short_help="Compare a return with the previous return of the same tracker.")
@click.argument("previous", type=click.Path(path_type=Path))
@click.argument("current", type=click.Path(path_type=Path))
@as_of_option
@policy_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="How to print the changes.")
def compare(previous, current, as_of, policy_file, fmt) -> None:
    """Compare CURRENT with PREVIOUS, the return before it, action by action.

    Actions are matched by their ID. Changes that break the policy are findings: an open
    action deleted, a due date moved with no extension, dates rewritten, a closed action
    reopened or rewritten, a progress note copied forward, a rating left unchanged while
    overdue, a theme raised again. New actions, closures and new owners are listed. The
    review figures are shown last time and now.

    Exit status: 0 no error changes; 1 error changes; 2 a file could not be read, or the
    two are different tracker kinds.

    \b
    Example:
      tracker-tool compare q2-return.xlsx q3-return.xlsx --as-of 2026-11-21
    """
    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError
    from tracker_tool.write import changes_text

    policy = _policy(policy_file)
    try:
        comparison = api.compare_returns(previous, current, _date(as_of), policy=policy)
    except TrackerToolError as exc:
        _fail(str(exc))
    render = {"json": changes_text.to_json, "csv": changes_text.to_csv}.get(fmt,
                                                                          changes_text.to_text)
    click.echo(render(comparison), nl=fmt == "json")
    sys.exit(EXIT_OK if comparison.ok else EXIT_FINDINGS)

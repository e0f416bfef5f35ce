"""`tracker-tool redact FILE --out COPY.xlsx`: a return with its personal details masked."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tracker_tool.cli.group import _fail, _policy, cli, policy_option


@cli.command(short_help="Copy a return with personal details masked, to send outside.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the masked copy, an .xlsx file (never FILE itself).")
@click.option("--kind", default=None, help="Check FILE as this tracker kind (default: its stamp).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to list the masked cells.")
@click.option("--force", is_flag=True, help="Replace OUT if it already exists.")
@policy_option
def redact(file: Path, out: Path, kind: str | None, fmt: str, force: bool,
           policy_file: Path | None) -> None:
    """Write a copy of FILE with the personal details in the text that goes to a regulator
    masked: names with a title, NHS numbers, email addresses, telephone numbers and dates of
    birth, in the Ombudsman plan and in the action plan's description and progress.

    The copy keeps the stamp, sheets, dropdowns and protection, so it still validates as the
    same kind. The masked cells are listed by cell, in their masked form only. FILE is only
    read.

    Exit status: 0 copy written; 2 nothing written.

    \b
    Example:
      tracker-tool redact ombudsman-plan.xlsx --out ombudsman-plan-for-phso.xlsx
    """
    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError
    from tracker_tool.write.redact import redaction_text

    policy = _policy(policy_file)
    try:
        done = api.redact_workbook(file, out, kind=kind, policy=policy, force=force)
    except TrackerToolError as exc:
        _fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps(done.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(redaction_text(done), nl=False)

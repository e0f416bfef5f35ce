"""`tracker-tool upgrade OLD.xlsx --out NEW.xlsx`: a return moved onto the current template."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker_tool.cli.group import EXIT_FINDINGS, EXIT_OK, _fail, _policy, cli, policy_option


@cli.command(short_help="Copy a return's actions onto the current template of its kind.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the upgraded workbook (never FILE itself).")
@click.option("--force", is_flag=True, help="Replace OUT if it already exists.")
@policy_option
def upgrade(file: Path, out: Path, force: bool, policy_file: Path | None) -> None:
    """Copy the actions of FILE, a return on an older template, onto the current template of
    its kind, stamped for the same service.

    Every entry keeps its ID and values, and the plan sheet its items. Any value with no
    place in the current template (an extra column, a title above the header, a formula
    error) is listed by its cell. FILE is only read.

    Exit status: 0 everything copied; 1 some values listed as not placed; 2 nothing written.

    \b
    Example:
      tracker-tool upgrade q3-return.xlsx --out q3-return-v1.1.xlsx
    """
    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError
    from tracker_tool.write.upgrade import upgrade_text

    policy = _policy(policy_file)
    try:
        done = api.upgrade_workbook(file, out, policy=policy, force=force)
    except TrackerToolError as exc:
        _fail(str(exc))
    click.echo(upgrade_text(done, file))
    sys.exit(EXIT_FINDINGS if done.unplaced else EXIT_OK)

"""`tracker-tool serve` and `tracker-tool portal ...`: the returns portal.

Django is imported inside each command, never at start-up, so the other commands stay quick
and work without the portal extra installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker_tool.cli.group import _fail, cli

data_option = click.option(
    "--data", type=click.Path(file_okay=False, path_type=Path), default=Path("tracker-data"),
    show_default=True, help="Folder that keeps the returns, their audits and (by default) the "
                            "SQLite database.")
db_option = click.option(
    "--db", default=None, metavar="URL", envvar="TRACKER_TOOL_DB",
    help="postgresql://user:password@host/name for a shared deployment. Default: SQLite in "
         "the data folder.")


def _start(data: Path, db: str | None, host: str = "127.0.0.1") -> None:
    from tracker_tool.errors import TrackerToolError

    from importlib.util import find_spec

    if not all(find_spec(name) for name in ("django", "ninja", "waitress", "argon2")):
        _fail("the portal needs its extra: pip install 'tracker-tool[portal]'")
    from tracker_tool.portal.boot import configure

    try:
        configure(data, db, host)
    except TrackerToolError as exc:
        _fail(str(exc))


@cli.command(short_help="Run the returns portal (a web server).")
@data_option
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Any other than this machine's own needs "
                   "TRACKER_TOOL_SECRET_KEY set.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(data, db, host, port) -> None:
    """Start the returns portal: services upload their trackers, commissioners see them all.

    \b
    Example:
      tracker-tool portal add-service "Ashcombe House" --contact manager@example.org
      tracker-tool portal add-user manager@example.org --role manager --service "Ashcombe House"
      tracker-tool serve            # then open http://127.0.0.1:8000
    """
    _start(data, db, host)
    from tracker_tool.portal.server import serve as run

    click.echo(f"Returns portal on http://{host}:{port}/ (data in {data.resolve()}); "
               "Ctrl-C stops it", err=True)
    run(host, port)


@cli.group(short_help="Add services, people and API tokens to the returns portal.")
def portal() -> None:
    """Set up the returns portal's services and people (the same --data/--db as serve)."""


@portal.command("add-service")
@click.argument("name")
@click.option("--provider", default="", help="The provider that runs it.")
@click.option("--location-id", default="", help="Its CQC location ID.")
@click.option("--contact", default="", help="Who to chase when its return is missing.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="A tracker kind it returns (repeat for several). Default: action-plan.")
@data_option
@db_option
def add_service(name, provider, location_id, contact, kinds, data, db) -> None:
    """Add the service NAME; its templates are stamped with this name."""
    _start(data, db)
    from tracker_tool.errors import TrackerToolError
    from tracker_tool.portal.accounts import add_service as add

    try:
        add(name, provider, location_id, contact, kinds)
    except TrackerToolError as exc:
        _fail(str(exc))
    click.echo(f"Added {name}")


@portal.command("add-user")
@click.argument("email")
@click.option("--role", type=click.Choice(["admin", "commissioner", "manager"]), required=True)
@click.option("--service", "services", multiple=True, metavar="NAME",
              help="A service a manager returns for (repeat for several).")
@data_option
@db_option
def add_user(email, role, services, data, db) -> None:
    """Add a person. The password is read from standard input, or asked for."""
    _start(data, db)
    from tracker_tool.errors import TrackerToolError
    from tracker_tool.portal.accounts import add_user as add

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        add(email, role, password, services)
    except TrackerToolError as exc:
        _fail(str(exc))
    click.echo(f"Added {email} ({role})")


@portal.command()
@click.argument("email")
@data_option
@db_option
def token(email, data, db) -> None:
    """Print a new API token for EMAIL. Only its hash is kept: copy it now."""
    _start(data, db)
    from tracker_tool.errors import TrackerToolError
    from tracker_tool.portal.accounts import new_token

    try:
        click.echo(new_token(email))
    except TrackerToolError as exc:
        _fail(str(exc))

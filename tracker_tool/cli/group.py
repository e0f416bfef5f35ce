"""What every command shares: the click group, the common options, the exit statuses.

Exit status: 0 no error findings, 1 error findings, 2 a file could not be read, the command
was misused or the tool failed (one line, never a traceback), 130 interrupted (Ctrl-C or
SIGTERM, handled alike). Heavy imports (pydantic, XlsxWriter, calamine) happen inside the commands so
that --help and start-up stay quick.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import click

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130
INTERRUPTED = ("Interrupted: no output was left half-written; run the command again to finish "
               "(a batch keeps the returns it had checked)")
INTERNAL = ("Error: tracker-tool failed unexpectedly (please report it; run again with "
            "TRACKER_TOOL_DEBUG=1 to see the details)")

as_of_option = click.option(
    "--as-of", type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]), default=None,
    metavar="DATE",
    help="Audit as if today were this date: 2026-11-21 or 21/11/2026 (day first, as in the "
         "UK). Default: today in the UK. Pin it for results you can reproduce.")
kind_option = click.option(
    "--kind", default=None, metavar="KIND",
    help="Tracker kind to check against. Default: the kind stamped in the workbook.")
policy_option = click.option(
    "--policy", "policy_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
    metavar="FILE", help="The service's policy file (TOML, see `tracker-tool policy init`). "
                         "Default: the policy's own defaults.")
max_rows_option = click.option(
    "--max-rows", type=click.IntRange(1), default=100_000, show_default=True,
    help="Most entry rows read from a sheet; more are reported, not read.")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_UNUSABLE)


def _date(value):
    return value.date() if value else None


def _policy(path: Path | None):
    """The service policy from --policy, or None; a bad file ends the command with exit 2."""
    if path is None:
        return None
    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError

    try:
        return api.load_policy(path)
    except TrackerToolError as exc:
        _fail(str(exc))


class _Group(click.Group):
    """Every command ends in one of the documented exit statuses, whatever happens.

    SIGTERM (a service manager stopping the run, a CI timeout) is handled like Ctrl-C: the
    command unwinds, its temporary files are removed and its lock released, and it exits
    130. A failure of the tool itself is one line and exit 2, not a traceback and exit 1,
    which would read as "errors found".
    """

    def invoke(self, ctx):
        previous = _on_sigterm(_interrupt)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo(INTERRUPTED, err=True)
            sys.exit(EXIT_INTERRUPTED)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except MemoryError:
            click.echo("Error: too large to check in the memory available", err=True)
            sys.exit(EXIT_UNUSABLE)
        except OSError as exc:
            if os.environ.get("TRACKER_TOOL_DEBUG"):
                raise
            from tracker_tool.core.atomic import os_reason, shown

            where = f"{shown(exc.filename)}: " if exc.filename else ""
            click.echo(f"Error: {where}{os_reason(exc)}", err=True)
            sys.exit(EXIT_UNUSABLE)
        except Exception:
            if os.environ.get("TRACKER_TOOL_DEBUG"):
                raise
            click.echo(INTERNAL, err=True)
            sys.exit(EXIT_UNUSABLE)
        finally:
            _on_sigterm(previous)


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


def _on_sigterm(handler):
    """Install ``handler`` for SIGTERM and return the one it replaces; only the main thread
    may set handlers (a caller running the CLI in a thread keeps its own)."""
    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


@click.group(cls=_Group,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="tracker-tool", prog_name="tracker-tool")
def cli() -> None:
    """Locked Excel action-plan trackers for health and social care, checked against the policy.

    \b
    Typical use:
      tracker-tool template action-plan --out tracker.xlsx   # give this to a manager
      tracker-tool validate returned.xlsx --as-of 2026-12-31 # check what came back
      tracker-tool audit returned.xlsx --out audit.xlsx      # annotated workbook for auditors
    """

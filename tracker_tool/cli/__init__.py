"""The tracker-tool command line: click commands that parse options, call the api, render and
set the exit status. Each command module registers itself on the group when imported here."""

from tracker_tool.cli import batch, commands, compare, policy, portal  # noqa: F401 - registers
# the commands (portal.py imports Django only inside its commands)
from tracker_tool.cli import upgrade  # noqa: F401 - registers its command
from tracker_tool.cli import redact  # noqa: F401 - registers its command
from tracker_tool.cli.group import cli


def main() -> None:
    cli(prog_name="tracker-tool")


__all__ = ["cli", "main"]

"""The tracker-tool command line: click commands that parse options, call the api, render and
set the exit status. Each command module registers itself on the group when imported here."""

import gc

from tracker_tool.cli import batch, commands, compare, policy, portal  # noqa: F401 - registers
# the commands (portal.py imports Django only inside its commands)
from tracker_tool.cli import upgrade  # noqa: F401 - registers its command
from tracker_tool.cli import redact  # noqa: F401 - registers its command
from tracker_tool.cli.group import cli


#: The cyclic collector's first threshold for a command's run. A check allocates millions of
#: small objects that live until it ends and form almost no cycles, so the default (700)
#: walks them again and again for nothing: 12% of a 100,000-row validate's CPU, with the
#: same peak memory when raised (issue 16; measured in the README's Performance section).
GC_FIRST_THRESHOLD = 100_000


def main() -> None:
    # Everything imported so far lives as long as the process: keep the collector off it.
    gc.freeze()
    gc.set_threshold(GC_FIRST_THRESHOLD, 50, 100)
    cli(prog_name="tracker-tool")


__all__ = ["cli", "main"]

"""How the tool marks the files it writes, so a later run can tell its own output from a
file that merely has the same name.

Replacing an earlier audit is routine; replacing another service's returned tracker that
happens to sit at the output path destroys evidence. Templates are never marked: a template
becomes a service's tracker the moment someone types into it.
"""

from __future__ import annotations

#: Custom document property naming what an output workbook is ("audit", "rollup").
OUTPUT_PROPERTY = "tracker_tool_output"
#: The batch run an output came from, and its audit date: a mixture of runs shows itself.
RUN_PROPERTY = "tracker_tool_run"
AS_OF_PROPERTY = "tracker_tool_as_of"
AUDIT, ROLLUP = "audit", "rollup"


def output_marks(role: str, as_of, run: str | None = None) -> dict[str, str]:
    marks = {OUTPUT_PROPERTY: role, AS_OF_PROPERTY: as_of.isoformat()}
    if run:
        marks[RUN_PROPERTY] = run
    return marks

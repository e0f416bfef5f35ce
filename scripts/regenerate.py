"""Rewrite every committed file that is generated from the code, after a deliberate change.

Tests compare these files with what the code produces now (templates, samples, their expected
outputs, the README's rules table), so a change that alters them fails until this is run.
Read the diff before committing: it is what users will see change.

    python scripts/regenerate.py
"""

from __future__ import annotations

import runpy
import shlex
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def templates() -> None:
    from tracker_tool import api

    for tracker in api.list_trackers():
        out = ROOT / "workbook_templates" / f"{tracker.kind}-v{tracker.version}.xlsx"
        api.build_template(tracker.kind, out)
        print("wrote", out.relative_to(ROOT))


def samples() -> None:
    from test_samples import parse_commands
    from tracker_tool.cli import cli

    for script in sorted(ROOT.glob("samples/*/make_sample.py")):
        runpy.run_path(str(script), run_name="__main__")
        print("ran", script.relative_to(ROOT))
    for commands in sorted(ROOT.glob("samples/*/commands.txt")):
        for argv, expected, _status in parse_commands(commands):
            result = CliRunner().invoke(cli, argv, catch_exceptions=False)
            target = commands.parent / expected
            target.write_text(result.output)
            print("wrote", target.relative_to(ROOT), "from", shlex.join(argv))


def readme_rules() -> None:
    from tracker_tool.cli import cli

    readme = ROOT / "README.md"
    text = readme.read_text()
    begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
    table = CliRunner().invoke(cli, ["rules", "--format", "markdown"]).output
    head, rest = text.split(begin, 1)
    readme.write_text(head + begin + table + end + rest.split(end, 1)[1])
    print("wrote README.md rules section")


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    templates()
    samples()
    readme_rules()
    subprocess.run(["git", "status", "--short"], check=False)

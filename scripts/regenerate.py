"""Rewrite every committed file that is generated from the code, after a deliberate change.

Tests compare these files with what the code produces now (templates, samples, their expected
outputs, the README's rules table), so a change that alters them fails until this is run.
Read the diff before committing: it is what users will see change.

    python scripts/regenerate.py
"""

from __future__ import annotations

import os
import runpy
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def templates() -> None:
    from tracker_tool import api

    for tracker in api.list_trackers():
        out = ROOT / "workbook_templates" / f"{tracker.kind}-v{tracker.version}.xlsx"
        api.build_template(tracker.kind, out, force=True)
        print("wrote", out.relative_to(ROOT))


def schemas() -> None:
    from tracker_tool import api
    from tracker_tool.write.schema import schema_filename, schema_text

    folder = ROOT / "schemas"
    folder.mkdir(exist_ok=True)
    for tracker in api.list_trackers():
        out = folder / schema_filename(tracker)
        out.write_text(schema_text(tracker))
        print("wrote", out.relative_to(ROOT))


def samples() -> None:
    from test_samples import parse_commands

    from tracker_tool.cli import cli

    for script in sorted(ROOT.glob("samples/*/make_sample.py")):
        runpy.run_path(str(script), run_name="__main__")
        print("ran", script.relative_to(ROOT))
    for commands in sorted(ROOT.glob("samples/*/commands.txt")):
        # In a fresh copy, as tests/test_samples.py runs them: outputs (and a batch's record
        # of what it checked last time) left in the working tree must not leak into expected/.
        with tempfile.TemporaryDirectory() as scratch:
            shutil.copytree(ROOT / "samples", Path(scratch) / "samples")
            os.chdir(scratch)
            try:
                for argv, expected, _status in parse_commands(commands):
                    result = CliRunner().invoke(cli, argv, catch_exceptions=False)
                    target = commands.parent / expected
                    target.write_text(result.output)
                    print("wrote", target.relative_to(ROOT), "from", shlex.join(argv))
            finally:
                os.chdir(ROOT)


def _readme_section(marker: str, body: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    begin, end = f"<!-- {marker}:begin -->\n", f"<!-- {marker}:end -->"
    head, rest = text.split(begin, 1)
    readme.write_text(head + begin + body + end + rest.split(end, 1)[1])
    print(f"wrote README.md {marker} section")


def readme_rules() -> None:
    from tracker_tool.cli import cli
    from tracker_tool.policy.toml_file import policy_markdown

    _readme_section("rules", CliRunner().invoke(cli, ["rules", "--format", "markdown"]).output)
    _readme_section("policy", policy_markdown())


if __name__ == "__main__":
    os.chdir(ROOT)
    templates()
    schemas()
    samples()
    readme_rules()
    subprocess.run(["git", "status", "--short"], check=False)

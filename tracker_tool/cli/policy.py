"""`tracker-tool policy`: write a service's policy file, or check one."""

from __future__ import annotations

from pathlib import Path

import click

from tracker_tool.cli.group import _fail, _policy, cli


@cli.group()
def policy() -> None:
    """Write or check a service policy file (thresholds, nation, categories, roster)."""


@policy.command("init")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("service-policy.toml"), show_default=True,
              help="Where to write the policy file.")
@click.option("--force", is_flag=True, help="Replace OUT if it already exists.")
def policy_init(out: Path, force: bool) -> None:
    """Write the default policy, with a comment on every setting, for a service to adapt."""
    from tracker_tool import api
    from tracker_tool.errors import TrackerToolError

    try:
        written = api.write_policy(out, force)
    except TrackerToolError as exc:
        _fail(str(exc))
    click.echo(f"Wrote {written}: edit it, then pass it to template, validate and audit "
               "with --policy.")


@policy.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def policy_check(file: Path) -> None:
    """Check a policy file and print the settings that differ from the defaults."""
    from tracker_tool.policy.service_policy import DEFAULT_POLICY

    loaded = _policy(file)
    changed = _differences(DEFAULT_POLICY.model_dump(mode="json"), loaded.model_dump(mode="json"))
    click.echo(f"{file}: valid (fingerprint {loaded.fingerprint}, nation {loaded.nation})")
    for name, value in changed:
        if name == "roster":
            value = ", ".join(f"{p['name']} ({p['role'] or 'no role'})" for p in value) or "none"
        click.echo(f"  {name} = {value}")
    if not changed:
        click.echo("  every setting is the default")


def _differences(default: dict, mine: dict, prefix: str = "") -> list[tuple[str, object]]:
    """(dotted name, value) of each setting that differs. A kind's table holds only what
    differs from that kind's defaults (api.load_policy), so each of its settings is listed."""
    found = []
    for key, value in mine.items():
        base = default.get(key)
        if isinstance(value, dict) and (base is None or isinstance(base, dict)):
            found += _differences(base or {}, value, f"{prefix}{key}.")
        elif value != base:
            found.append((prefix + key, value))
    return found

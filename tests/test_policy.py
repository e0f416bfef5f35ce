"""The service policy file: `policy init` and `policy check`, one-line errors for bad files,
the fingerprint, and --policy on template, validate and audit (dropdowns, stamp, mismatch).

Everything goes through the command line (click's CliRunner) except where the library's
own answer is the point (load_policy, the fingerprint).
"""

from __future__ import annotations

import json
import re
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AS_OF, clean_action
from pydantic import BaseModel

from tracker_tool import api
from tracker_tool.cli import cli
from tracker_tool.core.stamp import PROP_FINGERPRINT, PROP_POLICY, STAMP_SHEET
from tracker_tool.policy.service_policy import (
    DEFAULT_POLICY,
    ServicePolicy,
    load_policy,
)
from tracker_tool.trackers import get_tracker

#: A service's own policy: its categories, themes and staff, one of whom has left.
ROSE_HOUSE = """\
service_name = "Rose House"

[high_priority]
categories = ["Falls", "Safeguarding"]
escalate_when_overdue = ["Safeguarding"]

[themes]
themes = ["Falls", "Medication", "Other"]

[[roster]]
name = "Priya Shah"
role = "Registered Manager"

[[roster]]
name = "Tom Okafor"
role = "Deputy Manager"

[[roster]]
name = "Sam Jones"
role = "Team Leader"
left = 2026-10-31
"""


def run(*argv: str):
    return CliRunner().invoke(cli, [str(a) for a in argv])


def one_line_error(result) -> str:
    """The single 'Error: ...' line a bad input must give, with exit 2 and no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def settings(model: BaseModel = DEFAULT_POLICY, prefix: str = ""):
    """(dotted name, value) of every setting of a policy, sections flattened."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from settings(value, f"{prefix}{name}.")
        else:
            yield prefix + name, value


def nested(dotted: str, value) -> dict:
    """'overdue.count', 'working' -> {'overdue': {'count': 'working'}}."""
    *sections, name = dotted.split(".")
    data = {name: value}
    for section in reversed(sections):
        data = {section: data}
    return data


@pytest.fixture(scope="module")
def rose_house(tmp_path_factory):
    path = tmp_path_factory.mktemp("policy") / "rose-house.toml"
    path.write_text(ROSE_HOUSE, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# policy init
# --------------------------------------------------------------------------------------------

def test_init_writes_the_default_policy(tmp_path):
    out = tmp_path / "service-policy.toml"
    result = run("policy", "init", "--out", out)
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    loaded = api.load_policy(out)
    assert loaded == DEFAULT_POLICY
    assert loaded.fingerprint == DEFAULT_POLICY.fingerprint


def test_init_default_file_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("policy", "init")
    assert result.exit_code == 0, result.output
    assert api.load_policy(tmp_path / "service-policy.toml") == DEFAULT_POLICY


def test_init_explains_every_setting_just_above_it(tmp_path):
    out = tmp_path / "policy.toml"
    assert run("policy", "init", "--out", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    descriptions = {}
    for model, prefix in [(ServicePolicy, "")] + [
            (type(getattr(DEFAULT_POLICY, name)), f"{name}.")
            for name, _ in ServicePolicy.model_fields.items()
            if isinstance(getattr(DEFAULT_POLICY, name), BaseModel)]:
        for name, field in model.model_fields.items():
            descriptions[prefix + name] = " ".join((field.description or "").split())
    kinds = api.kind_settings_models()
    for kind, model in kinds.items():
        for name, field in model.model_fields.items():
            descriptions[f"kinds.{kind}.{name}"] = field.description
    section, found = "", {}
    for n, line in enumerate(lines):
        if match := re.fullmatch(r"\[([\w.-]+)\]", line):
            section = match.group(1) + "."
        elif match := re.match(r"(\w+) = ", line):
            comments = []
            for above in reversed(lines[:n]):
                if not above.startswith("# "):
                    break
                comments.insert(0, above[2:])
            assert comments, f"no comment above {section}{match.group(1)}"
            found[section + match.group(1)] = " ".join(comments)
    expected = {name for name, _ in settings() if name not in ("roster", "kinds")} | {
        f"kinds.{kind}.{name}" for kind, model in kinds.items() for name in model.model_fields}
    assert set(found) == expected
    for name, comment in found.items():
        assert comment == descriptions[name] and comment, name
    # The roster has no default entries; it is explained and shown as a commented example.
    assert "# ROSTER. " + descriptions["roster"][:40] in " ".join(lines)
    assert "# [[roster]]" in lines


def test_init_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "service-policy.toml"
    out.write_text("nation = \"SCT\"  # our own edits\n", encoding="utf-8")
    before = out.read_bytes()
    message = one_line_error(run("policy", "init", "--out", out))
    assert "already exists" in message and "--force" in message
    assert out.read_bytes() == before
    forced = run("policy", "init", "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert api.load_policy(out) == DEFAULT_POLICY


# --------------------------------------------------------------------------------------------
# policy check
# --------------------------------------------------------------------------------------------

def test_check_prints_the_settings_that_differ(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('nation = "SCT"\n[overdue]\nescalate_after = 3\ncount = "working"\n'
                    '[[roster]]\nname = "Priya Shah"\nrole = "Registered Manager"\n',
                    encoding="utf-8")
    result = run("policy", "check", path)
    assert result.exit_code == 0, result.output
    policy = load_policy(path)
    first, *changed = result.output.splitlines()
    assert first == f"{path}: valid (fingerprint {policy.fingerprint}, nation SCT)"
    assert changed[:3] == ["  nation = SCT", "  overdue.escalate_after = 3",
                           "  overdue.count = working"]
    assert len(changed) == 4 and changed[3].startswith("  roster = ")
    assert "Priya Shah" in changed[3]


def test_check_of_the_default_file(tmp_path):
    out = tmp_path / "policy.toml"
    run("policy", "init", "--out", out)
    result = run("policy", "check", out)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{out}: valid (fingerprint {DEFAULT_POLICY.fingerprint}, nation ENG)",
        "  every setting is the default"]


BAD = [
    pytest.param("nation = \n", ["not valid TOML", "line 1"], id="bad-toml"),
    pytest.param("[overdue]\nescalate_aftr = 3\n",
                 ["overdue.escalate_aftr", "unknown setting", "policy init"], id="misspelt"),
    pytest.param('nation = "UK"\n', ["nation", "'UK'", "'ENG', 'WLS', 'SCT' or 'NIR'"],
                 id="nation"),
    pytest.param('[overdue]\ncount = "weekly"\n',
                 ["overdue.count", "'weekly'", "'calendar' or 'working'"], id="count"),
    pytest.param("[overdue]\nescalate_after = -1\n",
                 ["overdue.escalate_after", "greater than or equal to 0"], id="negative-days"),
    pytest.param("[review]\nopen_every_days = -31\n",
                 ["review.open_every_days", "greater than or equal to 0"], id="negative-review"),
    pytest.param('[high_priority]\nescalate_when_overdue = ["Falls"]\n',
                 ["escalate_when_overdue", "'Falls'", "not one of the categories"],
                 id="escalating-not-a-category"),
    pytest.param('[[roster]]\nname = "Sam Jones"\nrole = "Chef"\n',
                 ["roster", "'Chef'", "closure.roles"], id="roster-role"),
    pytest.param('[[roster]]\nname = "Sam Jones"\n\n[[roster]]\nname = "sam jones"\n',
                 ["roster", "sam jones", "listed twice"], id="roster-duplicate"),
]


@pytest.mark.parametrize("text, expected", BAD)
def test_bad_policy_file_is_one_line_naming_the_setting(tmp_path, text, expected):
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    message = one_line_error(run("policy", "check", path))
    assert message.startswith(f"Error: policy file {path}")
    for words in expected:
        assert words in message


def test_missing_policy_file(tmp_path):
    missing = tmp_path / "nowhere.toml"
    message = one_line_error(run("policy", "check", missing))
    assert message == f"Error: policy file {missing} does not exist"


@pytest.mark.parametrize("command", ["template", "validate", "audit"])
def test_bad_policy_file_stops_every_command(tmp_path, workbook_under_rose_house, command):
    bad = tmp_path / "bad.toml"
    bad.write_text("[overdue]\nescalate_aftr = 3\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    argv = {"template": ["template", "action-plan", "--out", out],
            "validate": ["validate", workbook_under_rose_house],
            "audit": ["audit", workbook_under_rose_house, "--out", out]}[command]
    message = one_line_error(run(*argv, "--policy", bad))
    assert "overdue.escalate_aftr: unknown setting" in message
    assert not out.exists()


# --------------------------------------------------------------------------------------------
# The fingerprint
# --------------------------------------------------------------------------------------------

#: Changes for the settings a generic rule cannot make (see changed()).
SPECIAL = {"service_name": "Rose House", "nation": "SCT", "overdue.count": "working",
           "local_days_off": [date(2026, 12, 24)],
           "roster": [{"name": "Priya Shah", "role": "Registered Manager"}],
           "kinds": {"supervision-actions": {"escalate_after_days": 5}}}


def changed(name: str, value):
    """A different, still valid value for the setting ``name``."""
    if name in SPECIAL:
        return SPECIAL[name]
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value - 1 if value > 2 else value + 1
    if isinstance(value, list) and value:
        return value[:-1]
    raise AssertionError(f"add a change for the new setting {name} = {value!r}")


def test_fingerprint_changes_when_any_setting_changes():
    default = DEFAULT_POLICY.model_dump(mode="json")
    seen = {DEFAULT_POLICY.fingerprint: "default"}
    for name, value in settings():
        policy = ServicePolicy.model_validate(nested(name, changed(name, value)))
        dumped = policy.model_dump(mode="json")
        assert dumped != default, name
        assert policy.fingerprint not in seen, (name, seen.get(policy.fingerprint))
        seen[policy.fingerprint] = name
    assert len(seen) == 1 + len(list(settings())) > 20


def test_fingerprint_is_stable_for_the_same_settings(tmp_path):
    assert re.fullmatch(r"[0-9a-f]{12}", DEFAULT_POLICY.fingerprint)
    assert ServicePolicy().fingerprint == ServicePolicy.model_validate({}).fingerprint \
        == DEFAULT_POLICY.fingerprint
    # The same settings, spelt differently, in another order and with defaults written out.
    one = tmp_path / "one.toml"
    one.write_text('nation = "SCT"\n[overdue]\nescalate_after = 3\n'
                   'escalate_sources = ["cqc inspection"]\n', encoding="utf-8")
    two = tmp_path / "two.toml"
    two.write_text('saturday_is_working_day = false\n[review]\nopen_every_days = 31\n'
                   '[overdue]\nescalate_sources = ["CQC inspection"]\nescalate_after = 3\n'
                   'count = "calendar"\n\n# a comment\n', encoding="utf-8")
    two.write_text('nation = "SCT"\n' + two.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_policy(one) == load_policy(two)
    assert load_policy(one).fingerprint == load_policy(two).fingerprint
    assert load_policy(one).fingerprint != DEFAULT_POLICY.fingerprint


def test_fingerprint_of_a_copy_with_changes():
    assert DEFAULT_POLICY.fingerprint  # computed, as it is as soon as anything stamps it
    copy = DEFAULT_POLICY.model_copy(update={"nation": "SCT"})
    assert copy.fingerprint == ServicePolicy.model_validate({"nation": "SCT"}).fingerprint


# --------------------------------------------------------------------------------------------
# template --policy: dropdowns and stamp
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rose_template(tmp_path_factory):
    """The template made with ``--policy`` for Rose House, opened with openpyxl."""
    folder = tmp_path_factory.mktemp("template")
    policy_file = folder / "rose-house.toml"
    policy_file.write_text(ROSE_HOUSE, encoding="utf-8")
    out = folder / "rose-house.xlsx"
    result = run("template", "action-plan", "--out", out, "--policy", policy_file)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    yield book, load_policy(policy_file)
    book.close()


def dropdown(book, name: str) -> list[str]:
    """The values behind a defined name on the hidden Lists sheet."""
    sheet, ref = book.defined_names[name].attr_text.split("!")
    assert sheet == "Lists"
    return [row[0].value for row in book[sheet][ref.replace("$", "")]]


def test_template_dropdowns_follow_the_policy(rose_template):
    book, policy = rose_template
    assert book["Lists"].sheet_state == "hidden"
    assert dropdown(book, "list_high_priority_reason") == ["Falls", "Safeguarding"]
    assert dropdown(book, "list_theme") == ["Falls", "Medication", "Other"]
    assert dropdown(book, "list_closure_reviewer_role") == list(policy.closure.roles)
    # Sam Jones has left, so only the staff in post are offered.
    assert dropdown(book, "list_owner") == ["Priya Shah", "Tom Okafor"]
    assert dropdown(book, "list_closure_reviewed_by") == ["Priya Shah", "Tom Okafor"]


def test_template_owner_dropdown_only_warns(rose_template):
    book, _ = rose_template
    validations = {str(dv.sqref).split(":")[0]: dv
                   for dv in book["Actions"].data_validations.dataValidation}
    owner = validations["I4"]  # Owner is column I; entries start on row 4
    assert (owner.type, owner.errorStyle, owner.formula1) == ("list", "warning", "list_owner")
    reason = validations["L4"]  # the category list is enforced
    assert (reason.type, reason.formula1) == ("list", "list_high_priority_reason")
    assert reason.errorStyle in (None, "stop")


def test_template_stamp_records_the_policy(rose_template):
    book, policy = rose_template
    properties = {p.name: p.value for p in book.custom_doc_props.props}
    assert properties[PROP_POLICY] == policy.fingerprint
    # The column fingerprint does not depend on the policy, so any policy's template matches.
    assert properties[PROP_FINGERPRINT] == get_tracker("action-plan").fingerprint
    stamp = book[STAMP_SHEET]
    assert stamp.sheet_state == "veryHidden"
    rows = {row[0]: row[1] for row in stamp.iter_rows(values_only=True)}
    assert rows[PROP_POLICY] == policy.fingerprint


def test_template_without_policy_has_no_policy_stamp(tmp_path):
    path = api.build_template("action-plan", tmp_path / "plain.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        assert PROP_POLICY not in {p.name for p in book.custom_doc_props.props}
        assert PROP_POLICY not in {row[0] for row in book[STAMP_SHEET].iter_rows(values_only=True)}
    finally:
        book.close()


# --------------------------------------------------------------------------------------------
# validate --policy and audit --policy
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def workbook_under_rose_house(tmp_path_factory, rose_house):
    """A kept tracker made from Rose House's policy template, one Falls action in it."""
    action = clean_action(owner="Tom Okafor", theme="Falls", priority="High",
                          high_priority_reason="Falls", date_created=date(2026, 11, 16),
                          due_date=date(2026, 11, 30))
    return api.build_template("action-plan", tmp_path_factory.mktemp("returned") / "returned.xlsx",
                              entries=[action],
                              policy=load_policy(rose_house))


def validate_json(*argv):
    result = run("validate", *argv, "--as-of", AS_OF.isoformat(), "--format", "json")
    (book,) = json.loads(result.stdout)["workbooks"]
    return result, book


def test_validate_under_the_same_policy(workbook_under_rose_house, rose_house):
    result, book = validate_json(workbook_under_rose_house, "--policy", rose_house)
    assert result.exit_code == 0, result.output
    assert book["policy"] == load_policy(rose_house).fingerprint
    assert book["findings"] == []


def test_validate_under_another_policy(workbook_under_rose_house, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(ROSE_HOUSE.replace('categories = ["Falls", "Safeguarding"]',
                                        'categories = ["Falls", "Safeguarding", "Staffing risk"]'),
                     encoding="utf-8")
    result, book = validate_json(workbook_under_rose_house, "--policy", other)
    assert result.exit_code == 0, result.output  # a warning: the codes still apply
    assert book["policy"] == load_policy(other).fingerprint
    assert [(f["code"], f["cell"], f["severity"]) for f in book["findings"]] == [
        ("stamp.policy-mismatch", None, "warning")]
    assert load_policy(other).fingerprint in book["findings"][0]["message"]


def test_validate_without_the_policy(workbook_under_rose_house, rose_house):
    result, book = validate_json(workbook_under_rose_house)
    assert book["policy"] == DEFAULT_POLICY.fingerprint
    found = {(f["code"], f["cell"]) for f in book["findings"]}
    # Made under Rose House's policy, read under the default: "Falls" is no category there.
    assert found == {("stamp.policy-mismatch", None), ("choice.not-allowed", "L4")}
    assert result.exit_code == 1


def test_audit_under_the_policy(workbook_under_rose_house, rose_house, tmp_path):
    out = tmp_path / "audit.xlsx"
    result = run("audit", workbook_under_rose_house, "--out", out, "--policy", rose_house,
                 "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert f"policy {load_policy(rose_house).fingerprint})" in result.output
    assert "no findings" in result.output

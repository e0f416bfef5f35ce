"""Choosing the kind a workbook is checked as (trackers/resolve.py), and each kind's own table
of the policy file. Workbooks without a stamp are made the way people make them: the tracker
sheet's values copied into a workbook of their own."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import AS_OF, clean_action
from pydantic import BaseModel, ConfigDict, Field

from tracker_tool import api, trackers
from tracker_tool.errors import UnknownKind, UsageError
from tracker_tool.trackers import all_trackers, get_tracker
from tracker_tool.trackers.resolve import MIN_REQUIRED_SHARE

KINDS = sorted(all_trackers())


def copied_without_stamp(template: Path, out: Path, sheet: str, keep_key_row: bool) -> Path:
    """The tracker sheet's values in a fresh workbook: no stamp, no hidden sheets."""
    source = openpyxl.load_workbook(template)[sheet]
    book = openpyxl.Workbook()
    target = book.active
    target.title = "My actions"
    rows = list(source.iter_rows(values_only=True))
    if not keep_key_row:
        del rows[1]  # the hidden row of field keys
    for row in rows:
        target.append(list(row))
    book.save(out)
    return out


@pytest.mark.parametrize("keep_key_row", [True, False], ids=["keys", "titles-only"])
@pytest.mark.parametrize("kind", KINDS)
def test_an_unstamped_copy_is_checked_as_the_kind_its_columns_match(tmp_path, kind,
                                                                    keep_key_row):
    tracker = get_tracker(kind)
    template = api.build_template(kind, tmp_path / "t.xlsx")
    path = copied_without_stamp(template, tmp_path / "copy.xlsx", tracker.sheet_name,
                                keep_key_row)
    report = api.validate_workbook(path, as_of=AS_OF)
    assert report.tracker == kind
    codes = {f.code for f in report.findings}
    assert "stamp.missing" in codes
    assert not {c for c in codes if c.startswith(("workbook.", "column."))}, codes
    assert report.sheet == "My actions"


def foreign(path: Path, header: list[str]) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Budget"
    book.active.append(["Quarterly budget"])
    book.active.append(header)
    book.active.append(["Boiler", "A-1", "Sam Jones", "2026-12-01", 400])
    book.save(path)
    return path


def test_a_foreign_sheet_sharing_three_titles_is_not_a_tracker(tmp_path):
    path = foreign(tmp_path / "budget.xlsx", ["Item", "Action ID", "Owner", "Due date", "Cost"])
    report = api.validate_workbook(path, as_of=AS_OF)
    assert [(f.code, f.cell, f.row) for f in report.findings] == [
        ("workbook.not-a-tracker", None, None)]
    message = report.findings[0].message
    assert "'Budget'" in message and "required columns" in message
    assert report.rows == 0


def test_half_of_the_required_columns_is_enough(tmp_path):
    tracker = get_tracker("action-plan")
    required = [s.title for s in tracker.columns if s.required is not None]
    half = required[: -(-len(required) // 2)]  # rounded up: at least half
    assert len(half) / len(required) >= MIN_REQUIRED_SHARE
    path = foreign(tmp_path / "half.xlsx", half)
    report = api.validate_workbook(path, as_of=AS_OF)
    codes = [f.code for f in report.findings]
    assert report.tracker == "action-plan" and "workbook.not-a-tracker" not in codes
    assert "column.missing" in codes  # the other half is reported, column by column


def test_one_short_of_half_is_not_a_tracker(tmp_path):
    tracker = get_tracker("action-plan")
    required = [s.title for s in tracker.columns if s.required is not None]
    short = required[: len(required) // 2 - 1]
    path = foreign(tmp_path / "short.xlsx", short)
    report = api.validate_workbook(path, as_of=AS_OF)
    assert [f.code for f in report.findings] == ["workbook.not-a-tracker"]


def test_a_stamped_workbook_is_its_stamps_kind_even_under_another_kinds_columns(tmp_path):
    path = api.build_template("action-plan", tmp_path / "a.xlsx", entries=[clean_action()])
    report = api.validate_workbook(path, as_of=AS_OF)
    assert report.tracker == "action-plan" and report.findings == []
    asked = api.validate_workbook(path, as_of=AS_OF, kind="safeguarding-plan")
    assert [(f.code, f.cell) for f in asked.findings] == [("workbook.other-tracker", None)]
    assert "'action-plan'" in asked.findings[0].message


def test_an_unknown_kind_is_refused_by_the_registry_with_the_known_ones():
    with pytest.raises(UnknownKind) as caught:
        api.validate_workbook("no-such-file.xlsx", as_of=AS_OF, kind="incident-log")
    assert isinstance(caught.value, UsageError)
    assert "unknown tracker kind 'incident-log'" in str(caught.value)
    assert "action-plan" in str(caught.value)
    with pytest.raises(UnknownKind):
        api.build_template("incident-log", "never-written.xlsx")
    assert not Path("never-written.xlsx").exists()


# -- a kind's own table of the policy file ---------------------------------------------------

class ToySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    escalate_after_days: int = Field(7, ge=0, le=60)


@pytest.fixture
def kind_with_settings(monkeypatch):
    import dataclasses

    toy = dataclasses.replace(get_tracker("supervision-actions"), kind="toy-kind",
                              settings_model=ToySettings)
    registry = {**all_trackers(), toy.kind: toy}
    monkeypatch.setattr(trackers, "_registry", lambda: registry)
    return toy


def policy_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_kind_reads_its_own_table(tmp_path, kind_with_settings):
    policy = api.load_policy(policy_file(tmp_path, "[kinds.toy-kind]\nescalate_after_days = 3\n"))
    assert kind_with_settings.settings(policy) == ToySettings(escalate_after_days=3)
    default = api.load_policy(policy_file(tmp_path, "service_name = 'Rose House'\n"))
    assert kind_with_settings.settings(default) == ToySettings()
    assert get_tracker("ombudsman-plan").settings(policy) is None


@pytest.mark.parametrize("body, expected", [
    ("[kinds.toy-kind]\nescalate_after_days = 99\n",
     "kinds.toy-kind.escalate_after_days: Input should be less than or equal to 60"),
    ("[kinds.toy-kind]\nescalate_aftr = 3\n", "kinds.toy-kind.escalate_aftr: unknown setting"),
    ("[kinds.incident-log]\nx = 1\n", "[kinds.incident-log]: unknown tracker kind"),
    ("[kinds.ombudsman-plan]\nx = 1\n", "the ombudsman-plan tracker has no settings of its own"),
    ("[kinds.action-plan]\nx = 1\n", "kinds.action-plan.x: unknown setting"),
])
def test_a_bad_kind_table_names_the_setting(tmp_path, kind_with_settings, body, expected):
    path = policy_file(tmp_path, body)
    with pytest.raises(UsageError) as caught:
        api.load_policy(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


def test_an_empty_kinds_table_keeps_the_fingerprint_templates_were_stamped_with():
    from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy

    assert ServicePolicy(kinds={}).fingerprint == DEFAULT_POLICY.fingerprint
    assert ServicePolicy(kinds={"toy-kind": {"escalate_after_days": 3}}).fingerprint \
        != DEFAULT_POLICY.fingerprint

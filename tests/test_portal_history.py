"""A service's figures over time: each count and figure across its returns, oldest first, as
a line the server draws."""

from __future__ import annotations

from types import SimpleNamespace

from _portal import empty_tables  # noqa: F401

from tracker_tool.portal.pages.history import HEIGHT, PAD, WIDTH, points, trends


def stored(kind, errors, figures):
    return SimpleNamespace(kind=kind, errors=errors, escalations_due=0, warnings=1,
                           report={"figures": figures})


def test_a_line_runs_oldest_to_latest_low_at_the_bottom():
    drawn = [tuple(map(float, p.split(","))) for p in points([4, 1, 7]).split()]
    assert [x for x, _ in drawn] == [PAD, WIDTH / 2, WIDTH - PAD]
    assert drawn[2][1] == PAD and drawn[1][1] == HEIGHT - PAD  # 7 at the top, 1 at the bottom


def test_a_level_figure_runs_through_the_middle_and_a_missing_one_leaves_a_gap():
    assert {p.split(",")[1] for p in points([3, 3]).split()} == {f"{HEIGHT / 2:.1f}"}
    assert len(points([2, None, 5]).split()) == 2
    assert points([None, 5]) == "" and points([5]) == ""


def test_each_kind_has_its_own_trends_from_its_numbers_only():
    newest_first = [stored("action-plan", 2, {"overdue": 1, "rate": 40.5, "note": "text"}),
                    stored("safeguarding-plan", 9, {"open": 3}),
                    stored("action-plan", 5, {"overdue": 4, "rate": None, "flag": True})]
    made = {kind: (count, {t.label: t for t in rows}) for kind, count, rows in trends(newest_first)}
    count, plan = made["action-plan"]
    assert count == 2 and set(plan) == {"Errors", "Escalations due", "Warnings", "overdue", "rate"}
    assert plan["Errors"].values == (5, 2) and (plan["Errors"].first, plan["Errors"].latest) == (5, 2)
    assert plan["rate"].values == (None, 40.5) and plan["rate"].described == "–, 40.5"
    assert made["safeguarding-plan"][0] == 1

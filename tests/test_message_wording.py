"""No message prints an empty placeholder (issue 13, item 11): a finding whose cell is blank
must not quote that cell ("reviewed on  but..."), and no detail may be left empty where the
sentence needs it. Every finding every sample raises is checked, for every kind, and each
kind's catalogue is rendered with every placeholder filled, to show the templates themselves
are clean."""

from __future__ import annotations

import re
import string

import pytest
from conftest import AS_OF, ROOT

from tracker_tool import api
from tracker_tool.trackers import all_trackers

#: Two spaces, a space before punctuation, empty quotes or brackets: the marks of a blank.
EMPTY = re.compile(r"  | [.,;:)]|''|\(\s*\)|\s$")

SAMPLES = sorted(p for p in (ROOT / "samples").glob("*/*.xlsx"))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("kind", sorted(all_trackers()))
def test_every_catalogue_message_reads_cleanly_when_filled(kind):
    for info in all_trackers()[kind].catalogue:
        filled = info.message.format(**{name: "X" for name in placeholders(info.message)})
        assert not EMPTY.search(filled), (info.code, filled)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.parent.name + "/" + p.name)
def test_no_sample_finding_prints_an_empty_placeholder(path):
    report = api.validate_workbook(path, as_of=AS_OF)
    assert report.findings
    bad = [(f.code, f.cell, f.message) for f in report.findings if EMPTY.search(f.message)]
    assert bad == []


def test_a_review_without_a_rating_names_the_day_it_was_held(tmp_path):
    """The performance plan's review.no-rating sits on the blank rating cell; its message
    names the review date, not the blank cell."""
    from test_performance_plan import clean_action, clean_plan
    path = tmp_path / "pip.xlsx"
    api.build_template("performance-plan", path, entries=[clean_action(rating=None)],
                       plan=clean_plan())
    report = api.validate_workbook(path, as_of=AS_OF)
    finding = next(f for f in report.findings if f.code == "review.no-rating")
    assert (finding.cell, "reviewed on 02/11/2026 but") == (
        "P4", finding.message[finding.message.index("reviewed on"):][:26])
    assert not EMPTY.search(finding.message)

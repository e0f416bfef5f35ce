"""Shared fixtures: workbooks are made by code from the real template writer, so tests read
files with exactly the structure users receive."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker_tool import api

AS_OF = date(2026, 11, 21)
ROOT = Path(__file__).resolve().parent.parent


def clean_action(**changes) -> dict:
    """A complete, well-kept open action that raises no finding on AS_OF; tests change one thing."""
    row = dict(
        action_id="A-001", title="Re-audit MAR charts", source="Audit", source_ref="AUD-1",
        date_created=date(2026, 11, 2),
        description="Audit the last 20 MAR charts for missed signatures and brief staff.",
        intended_outcome="No missed signatures in the repeat audit", owner="Priya Shah",
        due_date=date(2026, 12, 1), priority="Medium", evidence_required="Audit report",
        review_date=date(2026, 11, 25), escalation_route="Registered Manager",
        status="In progress", progress_update="12 of 20 charts audited",
    )
    row.update(changes)
    return row


def done_action(**changes) -> dict:
    """A completed action with everything the policy asks at completion (s14)."""
    row = clean_action(
        status="Complete", date_completed=date(2026, 11, 20), what_was_done="Audit done",
        completion_evidence="Audit report AUD-2", outcome_achieved="Yes", further_action="No",
        effectiveness_needed="No",
    )
    row.update(changes)
    return row


@pytest.fixture
def make_workbook(tmp_path):
    """Write a filled tracker with ``rows`` and return its path."""
    counter = iter(range(1, 10_000))

    def make(rows, name: str | None = None) -> Path:
        path = tmp_path / (name or f"tracker-{next(counter)}.xlsx")
        api.build_template("action-plan", path, entries=rows)
        return path

    return make


@pytest.fixture
def validate(make_workbook):
    """Validate rows written into a real workbook; returns the Report."""

    def run(rows):
        return without_reviews(api.validate_workbook(make_workbook(rows), as_of=AS_OF))

    return run


def without_reviews(report):
    """``report`` without its Reviews sheet's findings, for tests of the row rules: their
    workbooks span weeks with an empty Reviews sheet, whose cadence findings would join every
    assertion. The Reviews sheet has its own tests (tests/test_reviews_sheet.py)."""
    report.findings = [f for f in report.findings if f.sheet != "Reviews"]
    return report


def located(report) -> set[tuple[str, str | None]]:
    """Findings as (code, cell) pairs: what a test should assert on."""
    return {(f.code, f.cell) for f in report.findings}


def codes(report) -> set[str]:
    return {f.code for f in report.findings}

"""The audit pauses Python's garbage collector while it writes, and leaves it as it found it."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest

from tracker_tool import api
from tracker_tool.errors import UsageError
from tracker_tool.write import audit

SAMPLE = Path(__file__).resolve().parents[1] / "samples/oakfield-house/oakfield-house-actions.xlsx"
AS_OF = date(2026, 11, 21)


@pytest.fixture
def collector_state():
    was_on = gc.isenabled()
    yield
    gc.enable() if was_on else gc.disable()


@pytest.mark.parametrize("on", [True, False])
def test_collector_off_while_writing_and_as_it_was_after(tmp_path, monkeypatch, collector_state,
                                                         on):
    gc.enable() if on else gc.disable()
    seen = []
    write = audit._AuditBuilder.findings_sheet
    monkeypatch.setattr(audit._AuditBuilder, "findings_sheet",
                        lambda self: (seen.append(gc.isenabled()), write(self)))
    api.write_audit(SAMPLE, tmp_path / "audit.xlsx", as_of=AS_OF)
    assert seen == [False]
    assert gc.isenabled() is on
    assert (tmp_path / "audit.xlsx").stat().st_size > 0


def test_collector_back_on_when_the_write_fails(tmp_path, collector_state):
    gc.enable()
    with pytest.raises(UsageError, match="ending in .xlsx"):
        api.write_audit(SAMPLE, tmp_path / "audit.ods", as_of=AS_OF)
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="stopped"), audit.collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("stopped")
    assert gc.isenabled()

"""json_text writes the very bytes json.dumps(indent=2, ensure_ascii=False) writes, findings
included, however it is cut into pieces: `validate --format json` is a contract."""

from __future__ import annotations

import json
import random
from datetime import date

from tracker_tool.core.findings import Finding, Severity
from tracker_tool.core.report import Report
from tracker_tool.write import json_text
from tracker_tool.write.render import to_json, write_json

AWKWARD = ["", "plain", 'quote " and \\ slash', "line\nbreak\r\x00\x1f", "tab\there",
           "caf\u00e9 \u2028 \U0001f600", "},\n{", '",\n"x": ']


def _value(rng: random.Random, depth: int):
    kind = rng.randrange(14 if depth < 4 else 11)
    if kind < 3:
        return rng.choice(AWKWARD)
    if kind < 11:
        return [None, True, False, rng.randint(-10**12, 10**12),
                rng.choice([0.5, -1e300, float("nan"), float("inf"), 3.0]),
                {}, [], Severity.WARNING][kind - 3]
    if kind == 11:
        return {rng.choice(AWKWARD) + str(i): _value(rng, depth + 1)
                for i in range(rng.randrange(5))}
    if kind == 12:
        return rng.choice([list, tuple])(_value(rng, depth + 1) for _ in range(rng.randrange(5)))
    return {1: _value(rng, depth + 1), None: 2}  # keys json turns into text


def test_any_value_is_written_as_json_writes_it():
    rng = random.Random(16)
    for _ in range(3000):
        value = _value(rng, 0)
        expected = json.dumps(value, indent=2, ensure_ascii=False)
        assert json_text.text(value) == expected
        assert "".join(json_text.pieces(value, batch=2)) == expected


def _finding(rng: random.Random, i: int) -> Finding:
    return Finding(f"code.{i % 7}", rng.choice(list(Severity)), rng.choice(AWKWARD), "s9",
                   sheet=rng.choice([None, "Actions"]), cell=rng.choice([None, f"C{i}"]),
                   row=rng.choice([None, i]), column=rng.choice([None, "Owner"]),
                   value=rng.choice([None, *AWKWARD]), tracker="action-plan",
                   action_id=rng.choice([None, f"A-{i:03}"]), action_title=rng.choice(AWKWARD),
                   owner=None)


def _report(findings: list[Finding]) -> Report:
    return Report(path="returns/a.xlsx", tracker="action-plan", template_version="1.0",
                  as_of=date(2026, 11, 21), rows=40, findings=findings)


def test_findings_in_batches_are_the_dicts_json_would_write():
    rng = random.Random(7)
    findings = [_finding(rng, i) for i in range(2500)]
    # A value json's C encoder is not trusted with (a float) sends its batch the slow way.
    findings[1200] = Finding("odd.value", Severity.ERROR, "m", "s1", row=3, value=2.5)
    reports = [_report(findings), _report([])]
    failures = [("b.xlsx", "the file is damaged")]
    expected = json.dumps({"workbooks": [r.to_dict() for r in reports],
                           "unreadable": [{"path": "b.xlsx", "reason": "the file is damaged"}]},
                          indent=2, ensure_ascii=False)
    assert to_json(reports, failures) == expected
    written: list[str] = []
    write_json(reports, failures, written.append)
    assert "".join(written) == expected + "\n"
    assert len(written) > 1  # streamed, not one text

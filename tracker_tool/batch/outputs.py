"""findings.csv and report.json for a batch, written together in one pass over the cache.

Both are written a workbook at a time, reading each workbook's findings back from the cache,
so a batch of hundreds of returns never holds all their findings at once.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

from tracker_tool.batch.services import ServiceMatch
from tracker_tool.batch.summary import WorkbookSummary
from tracker_tool.core.atomic import atomic_path
from tracker_tool.core.findings import FINDING_KEYS
from tracker_tool.write.render import _inert

#: Which return a finding came from, ahead of the finding's own keys in findings.csv.
WORKBOOK_COLUMNS = ("workbook", "service", "provider", "location_id", "tracker")
#: A finding's own keys, less the kind checked, which its workbook's ``tracker`` already gives.
_OWN_KEYS = tuple(key for key in FINDING_KEYS if key not in WORKBOOK_COLUMNS)
CSV_COLUMNS = (*WORKBOOK_COLUMNS, *_OWN_KEYS)
#: findings.csv ends with the run it came from, so rows of two runs cannot pass as one.
RUN_COLUMNS = ("as_of", "run")
#: The first bytes of our findings.csv (a byte-order mark, then the heading) and report.json.
_CSV_HEAD = ("\ufeff" + ",".join(CSV_COLUMNS)).encode("utf-8")
_JSON_HEAD = b'{\n  "tool": "tracker-tool",'


def output_recogniser(name: str):
    """How a batch knows its own earlier roll-up, findings.csv, report.json or roll-up pack."""
    from tracker_tool.core.outputs import ROLLUP
    from tracker_tool.read.ownership import marked_output, starts_with

    if name.endswith(".csv"):
        return lambda path: starts_with(path, _CSV_HEAD)
    if name.endswith(".json"):
        return lambda path: starts_with(path, _JSON_HEAD)
    if name.endswith(".pdf"):
        from tracker_tool.write.pdf_pack import is_our_pack

        return is_our_pack
    return lambda path: marked_output(path, ROLLUP)


def run_identifier(fingerprint: dict, checked) -> str:
    """A short name for a run: the hash of its settings and of every file's result key, so a
    re-run over the same files gives the same name (and the same bytes) and any other run
    a different one."""
    import hashlib

    text = json.dumps([fingerprint, [(c.summary.workbook, c.key) for c in checked]],
                      sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def finding_row(summary: WorkbookSummary, finding: dict) -> dict:
    """A finding with the workbook and service it came from: a findings.csv row, unguarded."""
    service = summary.service
    row = {"workbook": summary.workbook, "service": service.name if service else None,
           "provider": service.provider if service else None,
           "location_id": service.location_id if service else None, "tracker": summary.kind}
    row.update((key, finding.get(key)) for key in _OWN_KEYS)
    return row


def _workbook_entry(summary: WorkbookSummary, findings: list[dict]) -> dict:
    data = summary.to_dict()
    for key in ("codes", "checks", "sha256"):
        data.pop(key)
    if data.get("previous") is None:  # only batches given --previous say anything of it
        data.pop("previous", None)
    data["figures"] = {key: value for key, _label, value in summary.figures}
    data["findings"] = [{key: f.get(key) for key in FINDING_KEYS} for f in findings]
    return data


def write_findings_and_report(result, findings_csv: Path | None = None,
                              report_json: Path | None = None) -> tuple[Path, Path]:
    """Write findings.csv and report.json (to the given paths, else the result's own).

    findings.csv is guarded as `validate --format csv` is: formula-like text gets an
    apostrophe, and rows end in CRLF so that the csv module quotes any value holding a
    carriage return (with a bare LF it would not, and a spreadsheet would start a new row, and
    a new cell that could run as a formula, at it). UTF-8 with a byte-order mark is how Excel
    recognises UTF-8 in a CSV.
    """
    findings_csv = findings_csv or result.findings_csv
    report_json = report_json or result.report_json
    run = getattr(result, "run", "")
    head = {"tool": "tracker-tool", "run": run, "as_of": result.as_of.isoformat(),
            "totals": asdict(result.totals())}
    stamp = [result.as_of.isoformat(), run]
    with (atomic_path(findings_csv) as csv_tmp,
          atomic_path(report_json) as json_tmp,
          open(csv_tmp, "w", newline="", encoding="utf-8-sig") as table,
          open(json_tmp, "w", encoding="utf-8") as out):
        writer = csv.writer(table, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS + RUN_COLUMNS)
        out.write("{\n")
        out.writelines(f"  {_json(key)}: {_json(value)},\n" for key, value in head.items())
        out.write('  "workbooks": [')
        for i, (summary, found) in enumerate(result.findings_by_workbook()):
            for finding in found:
                row = finding_row(summary, finding)
                writer.writerow([_inert(row[c]) for c in CSV_COLUMNS] + stamp)
            out.write(("\n    " if i == 0 else ",\n    ") + _json(_workbook_entry(summary, found)))
        out.write("\n  ],\n")
        out.write(",\n".join(f"  {_json(k)}: {_json(v)}" for k, v in _tail(result).items()))
        out.write("\n}\n")
    return findings_csv, report_json


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _tail(result) -> dict:
    return {
        "league_table": [{"rank": e.rank, "workbook": e.summary.workbook, "name": e.label,
                          "risk_score": e.score} for e in result.league_table()],
        "staff_records": _staff_entry(result),
        "themes": [{"code": t.code, "title": t.title, "severity": t.severity,
                    "workbooks": t.workbooks, "occurrences": t.occurrences}
                   for t in result.themes()],
        "services": _services_entry(result.services),
        **({"previous": result.previous.to_dict()} if getattr(result, "previous", None)
           else {}),
    }


def _staff_entry(result) -> dict:
    """Whether staff records are ranked, and which returns are staff records."""
    from tracker_tool.batch.rollup import staff_records

    return {"in_league_table": bool(getattr(result, "include_staff", False)),
            "workbooks": [s.workbook for s in staff_records(result.summaries)]}


def _services_entry(match: ServiceMatch | None):
    if match is None:
        return None
    return {
        "listed": len(match.services),
        "returned": dict(sorted(match.returned.items())),
        "not_returned": [asdict(s) for s in match.not_returned],
        "filed_under": dict(sorted(match.filed_under.items())),
    }

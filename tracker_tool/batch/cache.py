"""Remember each workbook's result by the hash of its bytes, so a re-run re-checks only what changed.

A quarterly batch is re-run after a few services resubmit; checking the other few hundred
again would waste minutes and change nothing. An entry is keyed by the file's SHA-256 and
everything else that could change the result (audit date, kind, row limit, policy, tool and
tracker versions, where the audit goes), so a hit is always the answer a fresh check would
give. Entries hold the summary and the findings; the findings are read back one workbook at a
time when findings.csv and report.json are written, so the batch never holds them all.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tracker_tool.batch.summary import WorkbookSummary, finding_dict
from tracker_tool.core.atomic import atomic_path, os_reason
from tracker_tool.errors import TrackerToolError, WorkbookError

CACHE_FOLDER = ".tracker-tool-cache"


def file_sha256(path: str | Path) -> str:
    """The file's hash, read the safe way (never a pipe or device); WorkbookError if it
    cannot be read, marked transient."""
    from tracker_tool.read.safe_open import open_regular

    with open_regular(path) as handle:
        try:
            return hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as exc:
            raise WorkbookError(path, f"cannot be read ({os_reason(exc)})",
                                transient=True) from None


def entry_key(sha256: str, settings: dict) -> str:
    """One key for the file's bytes plus every setting that shapes its result."""
    text = json.dumps({"sha256": sha256, **settings}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class ResultCache:
    """Entries are files in ``<out-dir>/.tracker-tool-cache``; unused ones are pruned at the end.

    An entry marked transient (an outcome caused by the surroundings: a file moved, memory,
    a crash, an unwritable audit) is kept only so this run's outputs can stream its findings;
    a lookup never returns it. An entry that cannot be written (a full disk) is held in
    memory for the rest of the run instead, so no return loses its findings.
    """

    def __init__(self, out_dir: Path):
        self.folder = Path(out_dir) / CACHE_FOLDER
        self.used: set[str] = set()
        self.unsaved: dict[str, dict] = {}

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> WorkbookSummary | None:
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            if data.get("key") != key or data.get("transient"):
                return None
            summary = WorkbookSummary.from_dict(data["summary"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: just check the workbook again
        self.used.add(key)
        return summary

    def put(self, key: str, summary: WorkbookSummary, findings,
            transient: bool = False, changes=()) -> None:
        data = {"key": key, "summary": summary.to_dict(),
                "findings": [finding_dict(f) for f in findings]}
        if transient:
            data["transient"] = True
        if changes:  # the changes since the previous return, for the roll-up's Changes sheet
            data["changes"] = list(changes)
        try:
            with atomic_path(self._file(key)) as tmp:
                tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        except (TrackerToolError, OSError):
            self.unsaved[key] = data
        self.used.add(key)

    def findings(self, key: str) -> list[dict]:
        """The entry's findings as dicts (Finding fields, severity as text)."""
        if key in self.unsaved:
            return self.unsaved[key]["findings"]
        return json.loads(self._file(key).read_text(encoding="utf-8"))["findings"]

    def changes(self, key: str) -> list[dict]:
        """The entry's changes since the previous return (batch --previous), else none."""
        if key in self.unsaved:
            return self.unsaved[key].get("changes", [])
        return json.loads(self._file(key).read_text(encoding="utf-8")).get("changes", [])

    def prune(self) -> None:
        """Forget results of files that are no longer in the batch or have changed."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)

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
from tracker_tool.core.atomic import atomic_path

CACHE_FOLDER = ".tracker-tool-cache"


def file_sha256(path: str | Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def entry_key(sha256: str, settings: dict) -> str:
    """One key for the file's bytes plus every setting that shapes its result."""
    text = json.dumps({"sha256": sha256, **settings}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class ResultCache:
    """Entries are files in ``<out-dir>/.tracker-tool-cache``; unused ones are pruned at the end."""

    def __init__(self, out_dir: Path):
        self.folder = Path(out_dir) / CACHE_FOLDER
        self.used: set[str] = set()

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> WorkbookSummary | None:
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            if data.get("key") != key:
                return None
            summary = WorkbookSummary.from_dict(data["summary"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: just check the workbook again
        self.used.add(key)
        return summary

    def put(self, key: str, summary: WorkbookSummary, findings) -> None:
        data = {"key": key, "summary": summary.to_dict(),
                "findings": [finding_dict(f) for f in findings]}
        with atomic_path(self._file(key)) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        self.used.add(key)

    def findings(self, key: str) -> list[dict]:
        """The entry's findings as dicts (Finding fields, severity as text)."""
        return json.loads(self._file(key).read_text(encoding="utf-8"))["findings"]

    def prune(self) -> None:
        """Forget results of files that are no longer in the batch or have changed."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)

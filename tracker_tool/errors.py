"""Exceptions for the cases where the tool cannot go on at all.

A bad row or a missing column is a finding in the report, never an exception. These are kept
for files that cannot be opened as a workbook, and for misuse such as writing over an input.
"""


class TrackerToolError(Exception):
    """Base class: the message is written for the person at the keyboard, on one line."""


class WorkbookError(TrackerToolError):
    """The file cannot be read as an Excel workbook (wrong format, damaged, encrypted, unsafe)."""

    def __init__(self, path, reason: str):
        from tracker_tool.core.wording import printable

        self.path = str(path)
        # Reasons can quote the workbook (a sheet name, a reader's message): keep them one line.
        self.reason = printable(reason)
        super().__init__(f"{self.path}: {reason}")


class UsageError(TrackerToolError):
    """The request itself is wrong, for example an output path that is also an input."""


class UnknownKind(UsageError):
    """A tracker kind this version does not have; raised by the registry alone, so every
    command and the api word it the same way."""

    def __init__(self, kind: str, known):
        self.kind = kind
        self.known = tuple(known)
        super().__init__(f"unknown tracker kind '{kind}' (known: {', '.join(self.known)})")

"""Exceptions for the cases where the tool cannot go on at all.

A bad row or a missing column is a finding in the report, never an exception. These are kept
for files that cannot be opened as a workbook, and for misuse such as writing over an input.
"""


class TrackerToolError(Exception):
    """Base class: the message is written for the person at the keyboard, on one line."""


class WorkbookError(TrackerToolError):
    """The file cannot be read as an Excel workbook (wrong format, damaged, encrypted, unsafe)."""

    def __init__(self, path, reason: str, transient: bool = False):
        from tracker_tool.core.wording import printable

        self.path = str(path)
        # Reasons can quote the workbook (a sheet name, a reader's message): keep them one line.
        self.reason = printable(reason)
        #: Caused by the file's surroundings (gone, unreadable, not a regular file), not its
        #: bytes: the same bytes may read fine next time, so a batch must not remember it.
        self.transient = transient
        super().__init__(f"{printable(self.path)}: {self.reason}")


class UsageError(TrackerToolError):
    """The request itself is wrong, for example an output path that is also an input."""


class UnknownKind(UsageError):
    """A tracker kind this version does not have; raised by the registry alone, so every
    command and the api word it the same way."""

    def __init__(self, kind: str, known):
        self.kind = kind
        self.known = tuple(known)
        super().__init__(f"unknown tracker kind '{kind}' (known: {', '.join(self.known)})")

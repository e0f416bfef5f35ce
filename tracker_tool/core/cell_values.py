"""Turn what a spreadsheet stored in a cell into the Python value a field expects.

Readers disagree on empty cells, ints and floats, dates and datetimes, and people type dates
as text. Each conversion either returns a value or raises CellProblem naming the finding
code, so row validation can report at the cell what was typed and what was expected.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

#: Day zero of Excel's two date systems (the 1900 system's fake 29/02/1900 is why it is 30 Dec).
EPOCH_1900 = date(1899, 12, 30)
EPOCH_1904 = date(1904, 1, 1)

#: Serial numbers outside this range are not dates anyone means in an action plan.
_MIN_SERIAL, _MAX_SERIAL = 1, 2958465

#: First characters that make a spreadsheet treat typed text as a formula (OWASP CSV
#: injection); such text is written with a quote prefix or a leading apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")

#: What people type to mean "nothing here yet"; counted as blank by the required-field checks.
PLACEHOLDERS = frozenset({"", "-", "--", "?", "n/a", "na", "tbc", "tba", "tbd", "none", "nil", "."})

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_name) if name})
_MONTHS["sept"] = 9

_NUMERIC = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_WORDY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([A-Za-z]+)\.?,?[\s\-/]+(\d{2}|\d{4})$")


@dataclass(frozen=True, slots=True)
class ExcelError:
    """A formula error value such as #REF! or #N/A, kept distinct from an empty cell."""

    code: str

    def __str__(self) -> str:
        return self.code


class CellProblem(ValueError):
    """A value that cannot become the field's type; ``code`` is the catalogue code."""

    def __init__(self, code: str, **details):
        self.code = code
        self.details = details
        super().__init__(code)


def is_blank(value) -> bool:
    """True for an empty cell or whitespace only (what calamine gives for an untouched cell)."""
    if value is None or value == "":
        return True
    return value.__class__ is str and not value.strip()


def display(value) -> str:
    """The value as the user would recognise it in a message or a CSV cell."""
    if value.__class__ is str:  # most cells, and every finding's label asks: answer first
        return value
    if value is None:
        return ""
    if isinstance(value, date):
        return _day_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@lru_cache(maxsize=4096, typed=True)
def _day_text(value: date) -> str:
    """A date (or date and time) as display shows it. A sheet repeats a few hundred dates
    down thousands of rows and strftime is slow, so each is worked out once (by type too:
    a date and a datetime are never taken for each other)."""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != time() else value.strftime("%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        hint = ""
        if month > 12 and day <= 12:
            hint = " (it looks like month first; UK dates put the day first)"
        raise CellProblem("date.impossible", hint=hint) from None


def parse_uk_date(text: str) -> date:
    """Read a date typed as text, day first as in the UK: 21/11/2026, 21-11-26, 21 Nov 2026."""
    typed = text.strip()
    if m := _NUMERIC.match(typed):
        return _make_date(_year(m[3]), int(m[2]), int(m[1]))
    if m := _ISO.match(typed):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _WORDY.match(typed):
        month = _MONTHS.get(m[2].lower())
        if month is None:
            raise CellProblem("date.not-a-date")
        return _make_date(_year(m[3]), month, int(m[1]))
    raise CellProblem("date.not-a-date")


def parse_month_first(text: str) -> date | None:
    """The date numeric text means when read month first (05/13/2026 is 13 May), or None.

    Only for text the UK reading refused: such text was written month first, as a computer
    or a person set to US English writes dates, and is reported as that, not as no date.
    """
    m = _NUMERIC.match(text.strip())
    if m is None:
        return None
    try:
        return date(_year(m[3]), int(m[1]), int(m[2]))
    except ValueError:
        return None


def from_serial(serial: float, epoch: date) -> date:
    """Excel serial number to a date, in the workbook's own date system."""
    if not _MIN_SERIAL <= serial <= _MAX_SERIAL:
        raise CellProblem("date.not-a-date")
    return epoch + timedelta(days=int(serial))


def to_date(value, epoch: date = EPOCH_1900) -> date:
    """Any cell value to a date, or CellProblem."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellProblem("date.not-a-date")
    if isinstance(value, (int, float)):
        return from_serial(float(value), epoch)
    if isinstance(value, str):
        return parse_uk_date(value)
    raise CellProblem("date.not-a-date")


def to_whole_number(value) -> int:
    """Counts such as 'number of extensions': 2, 2.0 and '2' are fine; 1.5, -1 and 'two' are not."""
    if isinstance(value, bool):
        raise CellProblem("number.invalid")
    if isinstance(value, str):
        text = value.strip()
        try:
            value = float(text)
        except ValueError:
            raise CellProblem("number.invalid") from None
    if isinstance(value, (int, float)) and float(value).is_integer() and value >= 0:
        return int(value)
    raise CellProblem("number.invalid")


def to_text(value) -> str:
    """Numbers and dates typed into a text column become the text the user sees."""
    if isinstance(value, str):
        return value.strip()
    return display(value)


def choice_key(text: str) -> str:
    """How two spellings of a choice are compared: case and spacing do not matter."""
    return " ".join(text.split()).casefold()


def match_choice(value, choices: tuple[str, ...], lookup: dict[str, str] | None = None) -> str:
    """The allowed value the cell means, forgiving case and spacing (pasted values vary).

    ``lookup`` maps choice_key(choice) -> choice; pass it to avoid rebuilding it per cell.
    """
    if value.__class__ is str and value in choices:
        return value
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    if lookup is None:
        lookup = {choice_key(c): c for c in choices}
    found = lookup.get(choice_key(to_text(value)))
    if found is None:
        raise CellProblem("choice.not-allowed", allowed=", ".join(choices))
    return found


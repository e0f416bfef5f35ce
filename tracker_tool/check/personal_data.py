"""Personal details in free text, found and masked: the one detector every output uses.

Plans and their progress notes go to the Ombudsman, CQC and commissioners, who ask for names
and other personal details to be taken out first. The detector finds what can be told from
the text itself: a name after a title (Mr, Mrs, Ms, Miss, Dr, Mx), an NHS number that passes
its check digit, an email address, a UK telephone number and a date given as a date of birth.
Each find has a masked form that keeps enough to locate it ("NHS number 943 *** ****") and
nothing that identifies the person, so a finding can say what it found without repeating it.

A lone initial after a title ("Mrs A") is how the guidance suggests referring to someone, so
it is not a name; nor are "Dr" in "Drive", a role ("the RM"), an ID (A-014), a policy clause
(s12) or a date with no word for birth before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A capitalised name: "Smith", "O'Neill", "Ann-Marie", "McKay".
_NAME = r"[A-Z][a-z]*(?:['\u2019-]?[A-Z]?[a-z]+)*"
_TITLED_NAME = re.compile(
    r"(?<![\w.])(Mr|Mrs|Ms|Miss|Dr|Mx)\.?[ \t]+"
    r"((?:[A-Z]\.?[ \t]+)*" + _NAME + r"(?:[ \t]+" + _NAME + r")?)")
#: Capitalised words after "Ms" that are software, not people: "Ms Teams call".
_NOT_NAMES = frozenset({"Teams", "Word", "Excel", "Office", "Outlook", "Forms", "Access"})
#: "Oak Dr", "Mill Dr.": a street, when a capitalised word inside a sentence comes before.
_STREET = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][a-z]+[ \t]+$")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
#: Digits not part of a longer number, a date or a decimal (a sentence's full stop may follow).
_NHS_NUMBER = re.compile(r"(?<![\d/.-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d/-]|\.\d)")
_PHONE = re.compile(r"(?:\+44\s?\(?0?\)?\s?|(?<![\d/.+-])0)(?:[1-37]\d{2,3})[\s-]?\d{3}[\s-]?"
                    r"\d{3,4}(?![\d/-]|\.\d)")
_MONTHS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*")
_BIRTH = re.compile(r"\b(dob|d\.o\.b\.?|date of birth|born)(?!\w)[:\s]*(?:on\s+)?"
                    r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS
                    + r"\s+\d{4})", re.IGNORECASE)
#: What every find holds: three digits in a row (NHS and telephone numbers, a year), '@', a
#: title, or a digit either side of a date's separator (a date of birth has a year or one).
#: Text with none of these is passed over in one search. The words for birth are left to
#: _BIRTH: searched for here, without case, they made this search take twice as long.
_MAYBE = re.compile(r"\d(?:\d\d|[/.-]\d)|@|\b(?:Mrs?|Ms|Miss|Mx|Dr)\b")
_THREE_DIGITS = re.compile(r"\d\d\d")


@dataclass(frozen=True, slots=True)
class Span:
    """One personal detail: where it is in the text, what it is, and its masked form."""

    start: int
    end: int
    what: str
    masked: str

    @property
    def shown(self) -> str:
        """How a message names it: 'NHS number 943 *** ****'."""
        return f"{self.what} {self.masked}"


def _digits_masked(text: str, keep: int) -> str:
    """Every digit after the first ``keep`` replaced by '*', separators kept."""
    out, seen = [], 0
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep else "*")
        else:
            out.append(ch)
    return "".join(out)


def _name_masked(title: str, name: str) -> str:
    words = re.split(r"([ \t]+)", name)
    return title + " " + "".join(w if not w.strip() or len(_core(w)) == 1
                                 else w[0] + "****" for w in words)


def _core(word: str) -> str:
    """A name word without its possessive or full stop: "A's" is the initial A."""
    return re.sub(r"['\u2019]s$", "", word).rstrip(".")


def _valid_nhs_number(digits: str) -> bool:
    """The NHS number's modulus 11 check digit, so other ten-digit numbers are not flagged."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _candidates(text: str):
    """Every match of every pattern, the stronger kinds first (an NHS number before a phone).

    A pattern is only run over text holding what every match of it must: three digits in a
    row (NHS and telephone numbers), '@', a 'b' (every word for birth has one) or the capital
    a title starts with. Most notes have a date and nothing else, and each search costs."""
    digits = _THREE_DIGITS.search(text) is not None
    if digits:
        for m in _NHS_NUMBER.finditer(text):
            if _valid_nhs_number("".join(m.groups())):
                yield Span(m.start(), m.end(), "NHS number", _digits_masked(m.group(), 3))
    if "@" in text:
        for m in _EMAIL.finditer(text):
            yield Span(m.start(), m.end(), "email", m.group()[0] + "***@***")
    if "b" in text or "B" in text:
        for m in _BIRTH.finditer(text):
            yield Span(m.start(), m.end(), "date of birth",
                       m.group(1) + " " + re.sub(r"[A-Za-z\d]", "*", m.group(2)))
    if digits:
        for m in _PHONE.finditer(text):
            lead = "+44" if m.group().startswith("+44") else ""
            yield Span(m.start(), m.end(), "telephone number",
                       lead + _digits_masked(m.group()[len(lead):], 2))
    if "M" not in text and "D" not in text:
        return
    for m in _TITLED_NAME.finditer(text):
        if m.group(1) == "Dr" and _STREET.search(text, 0, m.start()):
            continue
        words = m.group(2).split()
        if words[0] in _NOT_NAMES:
            continue
        if any(len(_core(w)) > 1 for w in words):
            yield Span(m.start(), m.end(), "name with title", _name_masked(m.group(1),
                                                                             m.group(2)))


def find_personal(text: object) -> list[Span]:
    """The personal details in ``text``, in order, none overlapping; [] for anything else."""
    if text.__class__ is not str or not _MAYBE.search(text):
        return []
    taken: list[Span] = []
    for span in _candidates(text):
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def masked(text: str, spans: list[Span] | None = None) -> str:
    """``text`` with each personal detail replaced by its masked form."""
    spans = find_personal(text) if spans is None else spans
    if not spans:
        return text
    out, at = [], 0
    for span in spans:
        out.append(text[at:span.start])
        out.append(span.masked)
        at = span.end
    out.append(text[at:])
    return "".join(out)


def mask_text(text: str | None) -> str | None:
    """Any text an output shows with its personal details masked (None stays None)."""
    return masked(text) if text else text


def described(spans: list[Span]) -> str:
    """'NHS number 943 *** **** and email j***@***', for a finding's message."""
    words = [span.shown for span in spans]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

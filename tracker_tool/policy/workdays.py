"""Working days for the nation a service is in, so "N working days late" means the same
thing as it does to the service.

Why this exists rather than a plain weekday count:

* The four UK nations have different bank holidays (Scotland has 2 January, St Andrew's Day
  and a first-Monday-of-August summer holiday but no Easter Monday; Northern Ireland has
  St Patrick's Day and the Battle of the Boyne). An audit that used the English calendar for
  a Scottish care home would call actions late that the home, by its own rota, is not.
* The ``holidays`` package is used because it is offline and algorithmic (CI has no network),
  but it is only right when given a subdivision: without one it silently leaves out Easter
  Monday and the August bank holiday. So the nation is required, never defaulted.
* The package lists a holiday's real date even when it falls at a weekend *and* a separate
  "(observed)" substitute date. Every listed date is treated as a day off, so the substitute
  Monday is never counted as a working day.
* One-off proclamations (jubilees, a coronation, a state funeral, Scotland's 2026 World Cup
  holiday) depend on the package version, so audits record ``calendar_version()``.
* Counting is done arithmetically (whole weeks plus a remainder, minus days off found by
  bisection) because it runs for every overdue row of every workbook in a batch; a loop
  over each day of a long span would dominate the run time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from types import MappingProxyType

import holidays

NATIONS: dict[str, str] = {
    "ENG": "England",
    "WLS": "Wales",
    "SCT": "Scotland",
    "NIR": "Northern Ireland",
}

LOCAL_DAY_OFF = "Local day off"


def calendar_version() -> str:
    """Which holiday data an audit used; one-off proclamations change between releases."""
    return f"holidays {holidays.__version__}"


@cache
def _bank_holidays(nation: str, year: int) -> Mapping[date, str]:
    """One nation's bank holidays for one year, shared by every calendar in the process.

    Cached per year because a batch builds a calendar per service but they all ask for the
    same few years; generating them again for each workbook would be wasted work.
    """
    found = holidays.country_holidays("GB", subdiv=nation, years=year)
    return MappingProxyType(dict(found))


class WorkingCalendar:
    """The working days of one service: its nation's bank holidays, its own days off, and
    the weekdays its policy counts as working.

    Providers differ (7-day rotas count Saturday; councils add local holidays that are not
    bank holidays), so both are settings rather than assumptions. Bank holiday years are
    loaded only when a date in them is first asked about, and the sorted table of days off is
    rebuilt only when that range grows, so repeated counts cost two bisections.
    """

    __slots__ = ("_extra", "_hi", "_hi_year", "_lo", "_lo_year", "_names", "_off", "_partial",
                 "_per_week", "nation", "working_weekdays")

    def __init__(self, nation: str, extra_days_off: Iterable[date] = (),
                 working_weekdays: Iterable[int] = (0, 1, 2, 3, 4)) -> None:
        if not isinstance(nation, str) or nation not in NATIONS:
            allowed = ", ".join(f"{code} ({name})" for code, name in NATIONS.items())
            raise ValueError(f"unknown nation {nation!r}: use one of {allowed}")
        weekdays = frozenset(working_weekdays)
        if not weekdays:
            raise ValueError("working_weekdays is empty: at least one weekday must be working")
        bad = sorted(repr(w) for w in weekdays
                     if isinstance(w, bool) or not isinstance(w, int) or not 0 <= w <= 6)
        if bad:
            raise ValueError("working_weekdays must be 0 (Monday) to 6 (Sunday), "
                             f"got {', '.join(bad)}")
        self.nation = nation
        self.working_weekdays: frozenset[int] = weekdays
        self._extra: frozenset[int] = frozenset(d.toordinal() for d in extra_days_off)
        self._names: dict[int, str] = {}
        self._off: tuple[int, ...] = ()
        # Loaded bank holiday years, as years and as inclusive ordinals; empty to begin with.
        self._lo_year = 0
        self._hi_year = -1
        self._lo = 1
        self._hi = 0
        self._per_week = len(weekdays)
        # _partial[w][r]: working weekdays among the r days after a day of weekday w.
        self._partial = tuple(
            tuple(sum(1 for k in range(1, r + 1) if (w + k) % 7 in weekdays) for r in range(7))
            for w in range(7)
        )
        if self._extra:
            self._rebuild()

    def __repr__(self) -> str:
        return (f"WorkingCalendar({self.nation!r}, extra_days_off={len(self._extra)} days, "
                f"working_weekdays={sorted(self.working_weekdays)})")

    # -- loading -------------------------------------------------------------------------

    def _cover(self, first: int, last: int) -> None:
        """Make sure bank holidays are loaded for every year from ordinal first to last."""
        lo_year = date.fromordinal(first).year
        hi_year = date.fromordinal(last).year
        if self._hi_year >= self._lo_year:  # keep the loaded range contiguous
            lo_year = min(lo_year, self._lo_year)
            hi_year = max(hi_year, self._hi_year)
        for year in range(lo_year, hi_year + 1):
            if not self._lo_year <= year <= self._hi_year:
                for day, name in _bank_holidays(self.nation, year).items():
                    self._names[day.toordinal()] = name
        self._lo_year, self._hi_year = lo_year, hi_year
        self._lo = date(lo_year, 1, 1).toordinal()
        self._hi = date(hi_year, 12, 31).toordinal()
        self._rebuild()

    def _rebuild(self) -> None:
        weekdays = self.working_weekdays
        # Ordinal 1 (0001-01-01) is a Monday, so an ordinal's weekday is (ordinal - 1) % 7.
        self._off = tuple(sorted(o for o in self._extra | self._names.keys()
                                 if (o - 1) % 7 in weekdays))

    # -- queries -------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        o = day.toordinal()
        if (o - 1) % 7 not in self.working_weekdays or o in self._extra:
            return False
        if not self._lo <= o <= self._hi:
            self._cover(o, o)
        return o not in self._names

    def holiday_name(self, day: date) -> str | None:
        """The bank holiday's name (even at a weekend), else "Local day off", else None."""
        o = day.toordinal()
        if not self._lo <= o <= self._hi:
            self._cover(o, o)
        name = self._names.get(o)
        if name is None and o in self._extra:
            return LOCAL_DAY_OFF
        return name

    def working_days_after(self, start: date, end: date) -> int:
        """Working days d with start < d <= end: the start day is day 0, as in the policy."""
        s = start.toordinal()
        e = end.toordinal()
        if e <= s:
            return 0
        if s < self._lo or e > self._hi:
            self._cover(s, e)
        weeks, rest = divmod(e - s, 7)
        count = weeks * self._per_week + self._partial[(s - 1) % 7][rest]
        off = self._off
        return count - (bisect_right(off, e) - bisect_right(off, s))

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after start (start itself when n is 0)."""
        if n < 0:
            raise ValueError(f"n must be 0 or more, got {n}")
        s = start.toordinal()
        end = s
        remaining = n
        # Jump by weekdays alone, then make up for the days off that the jump crossed. Each
        # pass lands on a working weekday; it is the answer once no day off was crossed.
        while remaining > 0:
            end = self._add_weekdays(end, remaining)
            remaining = n - self.working_days_after(start, date.fromordinal(end))
        return date.fromordinal(end)

    def _add_weekdays(self, o: int, r: int) -> int:
        """Ordinal of the r-th (r >= 1) working weekday after ordinal o, ignoring days off."""
        weeks = (r - 1) // self._per_week
        o += 7 * weeks
        r -= weeks * self._per_week
        weekdays = self.working_weekdays
        while r:
            o += 1
            if (o - 1) % 7 in weekdays:
                r -= 1
        return o

    def days_after(self, start: date, end: date, working: bool) -> int:
        """How late end is after start, in the unit the service's policy uses; never negative."""
        if working:
            return self.working_days_after(start, end)
        return max(0, end.toordinal() - start.toordinal())


__all__ = ["LOCAL_DAY_OFF", "NATIONS", "WorkingCalendar", "calendar_version"]

"""Working days per UK nation: pinned dates only, and the fast count checked against a naive one."""

from __future__ import annotations

import functools
import random
from datetime import date, timedelta

import holidays
import pytest

from tracker_tool.policy.workdays import NATIONS, WorkingCalendar, calendar_version

ALL = tuple(NATIONS)


def naive_working_days_after(cal: WorkingCalendar, start: date, end: date) -> int:
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        count += cal.is_working_day(day)
        day += timedelta(days=1)
    return count


@functools.cache
def package_holidays(nation: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=nation, years=year))


def naive_is_working_day(nation: str, day: date) -> bool:
    return day.weekday() < 5 and day not in package_holidays(nation, day.year)


# -- nation calendars (2026) -------------------------------------------------------------

@pytest.mark.parametrize("nation, day, working", [
    # Easter Monday: England, Wales and Northern Ireland, not Scotland.
    ("ENG", date(2026, 4, 6), False),
    ("WLS", date(2026, 4, 6), False),
    ("NIR", date(2026, 4, 6), False),
    ("SCT", date(2026, 4, 6), True),
    # Summer bank holiday: first Monday of August in Scotland, last Monday elsewhere.
    ("SCT", date(2026, 8, 3), False),
    ("SCT", date(2026, 8, 31), True),
    ("ENG", date(2026, 8, 31), False),
    ("ENG", date(2026, 8, 3), True),
    ("WLS", date(2026, 8, 31), False),
    ("WLS", date(2026, 8, 3), True),
    ("NIR", date(2026, 8, 31), False),
    # Northern Ireland: St Patrick's Day (Tue) and the Boyne (Sun 12th, observed Mon 13th).
    ("NIR", date(2026, 3, 17), False),
    ("NIR", date(2026, 7, 13), False),
    ("ENG", date(2026, 3, 17), True),
    ("ENG", date(2026, 7, 13), True),
    ("SCT", date(2026, 7, 13), True),
    # Scotland: 2 January and St Andrew's Day (Mon 30 Nov 2026).
    ("SCT", date(2026, 1, 2), False),
    ("SCT", date(2026, 11, 30), False),
    ("ENG", date(2026, 1, 2), True),
    ("WLS", date(2026, 11, 30), True),
    ("NIR", date(2026, 1, 2), True),
    # An ordinary weekday and an ordinary weekend.
    ("ENG", date(2026, 4, 7), True),
    ("SCT", date(2026, 4, 7), True),
    ("NIR", date(2026, 4, 4), False),
])
def test_nation_specific_bank_holidays_2026(nation, day, working):
    assert WorkingCalendar(nation).is_working_day(day) is working


@pytest.mark.parametrize("nation", ALL)
def test_christmas_2026_and_boxing_day_substitute_in_every_nation(nation):
    cal = WorkingCalendar(nation)
    assert not cal.is_working_day(date(2026, 12, 25))  # Friday
    assert date(2026, 12, 26).weekday() == 5
    assert cal.holiday_name(date(2026, 12, 26)) == "Boxing Day"  # listed though a Saturday
    assert not cal.is_working_day(date(2026, 12, 28))  # Monday substitute
    assert "observed" in cal.holiday_name(date(2026, 12, 28))
    assert cal.is_working_day(date(2026, 12, 29))
    assert cal.working_days_after(date(2026, 12, 24), date(2026, 12, 29)) == 1


@pytest.mark.parametrize("nation", ALL)
def test_good_friday_2026_everywhere(nation):
    assert not WorkingCalendar(nation).is_working_day(date(2026, 4, 3))


def test_england_includes_easter_monday_and_august_bank_holiday_2025():
    cal = WorkingCalendar("ENG")
    assert cal.holiday_name(date(2025, 4, 21)) == "Easter Monday"
    assert cal.holiday_name(date(2025, 8, 25)) == "Late Summer Bank Holiday"
    assert not cal.is_working_day(date(2025, 4, 21))
    assert not cal.is_working_day(date(2025, 8, 25))


def test_holiday_names():
    sct = WorkingCalendar("SCT")
    assert sct.holiday_name(date(2026, 11, 30)) == "Saint Andrew's Day"
    assert sct.holiday_name(date(2026, 8, 3)) == "Summer Bank Holiday"
    assert sct.holiday_name(date(2026, 4, 6)) is None
    assert WorkingCalendar("NIR").holiday_name(date(2026, 7, 12)) == "Battle of the Boyne"
    assert WorkingCalendar("ENG").holiday_name(date(2026, 4, 7)) is None
    assert WorkingCalendar("ENG").holiday_name(date(2026, 4, 4)) is None  # plain Saturday


def test_scotland_2024_st_andrews_day_on_saturday_is_observed_monday():
    sct = WorkingCalendar("SCT")
    assert not sct.is_working_day(date(2024, 12, 2))
    assert WorkingCalendar("ENG").is_working_day(date(2024, 12, 2))


def test_calendar_version_names_the_package():
    assert calendar_version() == f"holidays {holidays.__version__}"


# -- counting ----------------------------------------------------------------------------

def test_working_days_across_easter_2026():
    start, end = date(2026, 4, 2), date(2026, 4, 7)  # Thu to Tue
    # England: Fri Good Friday, Sat, Sun, Mon Easter Monday off; Tue counts.
    assert WorkingCalendar("ENG").working_days_after(start, end) == 1
    assert WorkingCalendar("WLS").working_days_after(start, end) == 1
    assert WorkingCalendar("NIR").working_days_after(start, end) == 1
    # Scotland works Easter Monday.
    assert WorkingCalendar("SCT").working_days_after(start, end) == 2


def test_start_day_is_day_zero_and_reversed_spans_are_zero():
    cal = WorkingCalendar("ENG")
    mon, tue = date(2026, 11, 16), date(2026, 11, 17)
    assert cal.working_days_after(mon, mon) == 0
    assert cal.working_days_after(mon, tue) == 1
    assert cal.working_days_after(tue, mon) == 0
    assert cal.working_days_after(date(2026, 11, 13), date(2026, 11, 16)) == 1  # Fri to Mon
    assert cal.working_days_after(date(2026, 11, 14), date(2026, 11, 15)) == 0  # Sat to Sun


def test_whole_year_2026_counts():
    # 261 weekdays in 2026; England & Wales 8 bank holidays all on weekdays except
    # Boxing Day (Sat) which is replaced by Mon 28 Dec: 261 - 8 = 253.
    span = (date(2025, 12, 31), date(2026, 12, 31))
    assert WorkingCalendar("ENG").working_days_after(*span) == 253
    # Scotland 2026: New Year, 2 Jan, Good Friday, May Day, Spring, 15 June (proclamation),
    # Summer (3 Aug), St Andrew's (Mon), Christmas, Boxing Day observed = 10 weekdays off.
    assert WorkingCalendar("SCT").working_days_after(*span) == 251
    # Northern Ireland: England's 8 plus St Patrick's and the Boyne observed = 10.
    assert WorkingCalendar("NIR").working_days_after(*span) == 251


def test_scotland_2026_world_cup_proclamation_day_is_a_holiday():
    # A one-off in holidays 0.109 (cites a Privy Council proclamation); audits record the
    # package version because data like this changes between releases.
    assert not WorkingCalendar("SCT").is_working_day(date(2026, 6, 15))
    assert WorkingCalendar("ENG").is_working_day(date(2026, 6, 15))


@pytest.mark.parametrize("nation", ALL)
def test_fast_count_matches_naive_loop(nation):
    rng = random.Random(f"workdays-{nation}")
    cal = WorkingCalendar(nation)
    base = date(2018, 1, 1)
    for _ in range(400):
        start = base + timedelta(days=rng.randrange(0, 365 * 12))
        length = rng.choice((rng.randrange(0, 15), rng.randrange(0, 120), rng.randrange(0, 1200)))
        end = start + timedelta(days=length)
        assert cal.working_days_after(start, end) == naive_working_days_after(cal, start, end), (
            start, end)


@pytest.mark.parametrize("nation", ALL)
def test_fast_count_matches_naive_loop_across_year_ends(nation):
    cal = WorkingCalendar(nation)
    for year in range(2019, 2029):
        for start_offset in range(-6, 3):
            start = date(year, 12, 31) + timedelta(days=start_offset)
            for length in (1, 2, 3, 5, 8, 13, 40, 400, 800):
                end = start + timedelta(days=length)
                assert cal.working_days_after(start, end) == naive_working_days_after(
                    cal, start, end), (start, end)


@pytest.mark.parametrize("nation", ALL)
def test_is_working_day_agrees_with_the_holidays_package(nation):
    cal = WorkingCalendar(nation)
    day = date(2019, 1, 1)
    while day <= date(2028, 12, 31):
        assert cal.is_working_day(day) == naive_is_working_day(nation, day), day
        day += timedelta(days=1)


def test_calendar_loaded_late_for_earlier_years_still_counts_them():
    cal = WorkingCalendar("ENG")
    assert cal.working_days_after(date(2026, 4, 2), date(2026, 4, 7)) == 1
    # Now ask about earlier and later years than any loaded so far.
    assert not cal.is_working_day(date(2022, 9, 19))  # State funeral
    assert not cal.is_working_day(date(2031, 12, 25))
    assert cal.working_days_after(date(2023, 5, 5), date(2023, 5, 9)) == 1  # Coronation Mon


def test_fast_count_with_options_matches_naive_loop():
    rng = random.Random("workdays-options")
    extra = [date(2026, 1, 5), date(2026, 9, 28), date(2027, 7, 17), date(2026, 12, 26)]
    for weekdays in ((0, 1, 2, 3, 4, 5), (0, 1, 2, 3, 4, 5, 6), (1, 3), (6,)):
        cal = WorkingCalendar("SCT", extra_days_off=extra, working_weekdays=weekdays)
        for _ in range(150):
            start = date(2025, 6, 1) + timedelta(days=rng.randrange(0, 900))
            end = start + timedelta(days=rng.randrange(0, 500))
            assert cal.working_days_after(start, end) == naive_working_days_after(
                cal, start, end), (weekdays, start, end)


# -- provider options --------------------------------------------------------------------

def test_extra_day_off_is_not_a_working_day():
    local = date(2026, 9, 28)  # a Monday, e.g. a council holiday
    plain = WorkingCalendar("SCT")
    cal = WorkingCalendar("SCT", extra_days_off=[local])
    assert plain.is_working_day(local)
    assert not cal.is_working_day(local)
    assert cal.holiday_name(local) == "Local day off"
    assert plain.holiday_name(local) is None
    span = (date(2026, 9, 25), date(2026, 9, 29))  # Fri to Tue
    assert plain.working_days_after(*span) == 2
    assert cal.working_days_after(*span) == 1


def test_extra_day_off_on_a_bank_holiday_keeps_the_bank_holiday_name():
    cal = WorkingCalendar("ENG", extra_days_off=[date(2026, 12, 25)])
    assert cal.holiday_name(date(2026, 12, 25)) == "Christmas Day"
    assert cal.working_days_after(date(2026, 12, 24), date(2026, 12, 29)) == 1


def test_extra_day_off_at_a_weekend_changes_nothing():
    cal = WorkingCalendar("ENG", extra_days_off=[date(2026, 11, 14)])  # Saturday
    assert cal.working_days_after(date(2026, 11, 13), date(2026, 11, 16)) == 1


def test_saturday_working():
    cal = WorkingCalendar("ENG", working_weekdays=(0, 1, 2, 3, 4, 5))
    assert cal.is_working_day(date(2026, 11, 14))  # Saturday
    assert not cal.is_working_day(date(2026, 11, 15))  # Sunday
    assert cal.working_days_after(date(2026, 11, 13), date(2026, 11, 16)) == 2  # Sat, Mon
    # Good Friday and Easter Monday still off; Easter Saturday counts.
    assert cal.working_days_after(date(2026, 4, 2), date(2026, 4, 7)) == 2
    # A bank holiday's real date on a Saturday is listed, so it is not worked either.
    assert not cal.is_working_day(date(2026, 12, 26))
    assert not cal.is_working_day(date(2026, 12, 28))


def test_bad_working_weekdays_rejected():
    with pytest.raises(ValueError, match="at least one"):
        WorkingCalendar("ENG", working_weekdays=())
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        WorkingCalendar("ENG", working_weekdays=(0, 7))


@pytest.mark.parametrize("bad", ["GB", "UK", "eng", "England", "", None])
def test_bad_nation_names_the_allowed_codes(bad):
    with pytest.raises(ValueError) as raised:
        WorkingCalendar(bad)
    message = str(raised.value)
    for code in ("ENG", "WLS", "SCT", "NIR"):
        assert code in message
    assert repr(bad) in message


# -- add_working_days --------------------------------------------------------------------

def test_add_working_days_pinned():
    eng = WorkingCalendar("ENG")
    thu = date(2026, 4, 2)
    assert eng.add_working_days(thu, 0) == thu
    assert eng.add_working_days(thu, 1) == date(2026, 4, 7)
    assert WorkingCalendar("SCT").add_working_days(thu, 1) == date(2026, 4, 6)
    # From a Saturday the first working day is the Monday.
    assert eng.add_working_days(date(2026, 11, 14), 1) == date(2026, 11, 16)
    # Christmas Eve 2026 + 1 skips Christmas, the weekend and Boxing Day (observed).
    assert eng.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert eng.add_working_days(date(2025, 12, 31), 253) == date(2026, 12, 31)


def test_add_working_days_rejects_negative():
    with pytest.raises(ValueError):
        WorkingCalendar("ENG").add_working_days(date(2026, 1, 1), -1)


@pytest.mark.parametrize("nation", ALL)
def test_add_working_days_inverts_working_days_after(nation):
    rng = random.Random(f"add-{nation}")
    extra = [date(2026, 9, 28), date(2027, 4, 9)]
    for weekdays in ((0, 1, 2, 3, 4), (0, 1, 2, 3, 4, 5)):
        cal = WorkingCalendar(nation, extra_days_off=extra, working_weekdays=weekdays)
        for _ in range(200):
            start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 365 * 9))
            n = rng.choice((rng.randrange(0, 10), rng.randrange(0, 600)))
            result = cal.add_working_days(start, n)
            assert cal.working_days_after(start, result) == n
            if n:
                assert cal.is_working_day(result)
                # The n-th, not a later one: the day before has one fewer.
                before = result - timedelta(days=1)
                assert cal.working_days_after(start, before) == n - 1


# -- days_after --------------------------------------------------------------------------

def test_days_after_calendar_and_working():
    cal = WorkingCalendar("ENG")
    start, end = date(2026, 4, 2), date(2026, 4, 7)
    assert cal.days_after(start, end, working=False) == 5
    assert cal.days_after(start, end, working=True) == 1
    assert cal.days_after(end, start, working=False) == 0
    assert cal.days_after(end, start, working=True) == 0

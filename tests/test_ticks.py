"""The time axis picks calendar-aligned ticks whose labels never collide, at any zoom."""

import datetime as dt
import itertools
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from viewer.model.dates import SECONDS_PER_DAY, YearStyle, civil_from_seconds, seconds_of, year_text
from viewer.view.scale import Scale
from viewer.view.ticks import (
    LADDER,
    MIN_TICK_SPACING,
    Tick,
    Ticks,
    compute_ticks,
    visible_labels,
    year_label,
)
from viewer.view.timewindow import TimeWindow

YEAR = 365.2425 * SECONDS_PER_DAY


def mono(text: str) -> float:
    """A monospaced font, 7 pixels a character."""
    return 7.0 * len(text)


def proportional(text: str) -> float:
    """A font where capitals and digits are wider than other letters."""
    return sum(9.0 if c.isupper() else 7.5 if c.isdigit() else 4.0 if c in " ,." else 6.0
               for c in text)


def ticks_for(start: float, end: float, px: float = 1000.0,
              measure: Callable[[str], float] = mono) -> Ticks:
    return compute_ticks(Scale(TimeWindow(start, end), 0.0, px), measure)


def assert_labels_apart(row: tuple[Tick, ...], measure: Callable[[str], float],
                        gap: float = 8.0) -> None:
    """Consecutive labels, centred on their ticks, are at least ``gap`` pixels apart."""
    labelled = [tick for tick in row if tick.label]
    for a, b in itertools.pairwise(labelled):
        right_of_a = a.x + measure(a.label) / 2
        left_of_b = b.x - measure(b.label) / 2
        assert right_of_a < left_of_b, (a, b)
        assert left_of_b - right_of_a >= gap, (a, b)


starts = st.floats(-1e10 * YEAR, 1e4 * YEAR)
widths = st.floats(math.log(60.0), math.log(1e10 * YEAR)).map(math.exp)
pixel_widths = st.floats(200.0, 4000.0)


@given(starts, widths, pixel_widths, st.sampled_from([mono, proportional]))
def test_labels_never_overlap_at_any_zoom(start: float, width: float, px: float,
                                          measure: Callable[[str], float]) -> None:
    # given any window from a minute to 1e10 years wide, anywhere in deep time or history
    window = TimeWindow(start, start + width)
    scale = Scale(window, 0.0, px)
    # when ticks are chosen
    ticks = compute_ticks(scale, measure)
    # then neither row has colliding labels, nor too many ticks
    assert_labels_apart(ticks.minor, measure)
    assert_labels_apart(ticks.major, measure)
    assert len(ticks.minor) <= px / MIN_TICK_SPACING + 1
    assert len(ticks.major) <= px / MIN_TICK_SPACING + 1
    # and they are sorted, inside the window, and placed by the scale
    for row in (ticks.minor, ticks.major):
        assert [tick.t for tick in row] == sorted(tick.t for tick in row)
        for tick in row:
            assert window.start <= tick.t <= window.end
            assert tick.x == scale.x(tick.t)
            assert -1e-6 <= tick.x <= px + 1e-6


@given(starts, widths, st.floats(600.0, 4000.0))
def test_a_window_of_several_steps_gets_labelled_ticks(start: float, width: float,
                                                       px: float) -> None:
    # given a window of two minutes or more, on a axis of reasonable width, and not absurdly
    # tight for its time (floats are far apart in deep time)
    assume(width >= 120.0 and width > 1000 * math.ulp(abs(start)))
    # when ticks are chosen, then the minor row has at least one labelled tick
    ticks = compute_ticks(Scale(TimeWindow(start, start + width), 0.0, px), mono)
    assert ticks.unit
    assert any(tick.label for tick in ticks.minor)


def test_a_day_gets_hour_ticks_under_a_dated_major_row() -> None:
    # given the 24 hours of Wednesday 14 January 2026 on 1000 pixels
    ticks = ticks_for(seconds_of(2026, 1, 14), seconds_of(2026, 1, 15))
    # then the minor ticks are whole hours, labelled with the time of day
    assert ticks.unit in {"hour", "3 hours", "6 hours"}
    for tick in ticks.minor:
        _, _, _, hour, minute, second = civil_from_seconds(tick.t)
        assert (minute, second) == (0, 0)
        assert tick.label == f"{hour:02d}:00"
    # and the major ticks are the midnights, labelled with the day
    assert [tick.label for tick in ticks.major] == ["Wed 14 Jan 2026", "Thu 15 Jan 2026"]
    assert ticks.context == "Wed 14 Jan 2026"


def test_an_hour_gets_minute_ticks_and_its_day_as_context() -> None:
    ticks = ticks_for(seconds_of(2026, 1, 14, 9), seconds_of(2026, 1, 14, 10), px=1200)
    assert ticks.unit in {"5 minutes", "15 minutes"}
    assert ticks.minor[0].label == "09:00"
    assert ticks.major == ()
    assert ticks.context == "Wed 14 Jan 2026"


def test_month_ticks_land_on_the_first_of_months() -> None:
    # given two years on 1000 pixels
    ticks = ticks_for(seconds_of(2024, 1, 1), seconds_of(2026, 1, 1))
    # then there is a tick on the 1st of every month (leap February included) at midnight
    assert ticks.unit == "month"
    assert len(ticks.minor) == 25
    for tick in ticks.minor:
        year, month, day, hour, minute, _ = civil_from_seconds(tick.t)
        assert (day, hour, minute) == (1, 0, 0)
        assert tick.label == dt.date(year, month, day).strftime("%b")
    # and the years are the major row
    assert [tick.label for tick in ticks.major] == ["2024", "2025", "2026"]


def test_quarters_start_in_january_april_july_and_october() -> None:
    ticks = ticks_for(seconds_of(2020, 2, 10), seconds_of(2026, 1, 1))
    assert ticks.unit == "quarter"
    assert {tick.label for tick in ticks.minor} == {"Jan", "Apr", "Jul", "Oct"}
    assert all(civil_from_seconds(tick.t)[1:3] in {(1, 1), (4, 1), (7, 1), (10, 1)}
               for tick in ticks.minor)


def test_week_ticks_are_mondays_under_month_labels() -> None:
    # given three months on 1000 pixels
    ticks = ticks_for(seconds_of(2026, 1, 1), seconds_of(2026, 4, 1))
    assert ticks.unit == "week"
    for tick in ticks.minor:
        year, month, day, hour, _, _ = civil_from_seconds(tick.t)
        assert dt.date(year, month, day).weekday() == 0 and hour == 0
        assert tick.label == str(day)
    assert ticks.major[0].label == "January 2026"


def test_a_fifty_year_window_gets_year_ticks_on_calendar_multiples() -> None:
    for px, units in ((2000, {"year"}), (1000, {"2 years"}), (400, {"5 years", "decade"})):
        # given 1970 to 2020 on px pixels
        ticks = ticks_for(seconds_of(1970), seconds_of(2020), px=px)
        # then the ticks are on 1 January of years divisible by the step
        assert ticks.unit in units
        step = {"year": 1, "2 years": 2, "5 years": 5, "decade": 10}[ticks.unit]
        for tick in ticks.minor:
            year, month, day, hour, _, _ = civil_from_seconds(tick.t)
            assert (month, day, hour) == (1, 1, 0) and year % step == 0
            assert tick.label == str(year)


def test_decade_ticks_are_on_years_divisible_by_ten() -> None:
    ticks = ticks_for(seconds_of(1803), seconds_of(1997))
    assert ticks.unit == "decade"
    years = [civil_from_seconds(tick.t)[0] for tick in ticks.minor]
    assert years == list(range(1810, 1991, 10))
    # and the unlabelled major ticks mark the centuries
    assert [civil_from_seconds(tick.t)[0] for tick in ticks.major] == [1900]
    assert all(tick.label == "" for tick in ticks.major)


def test_bc_years_align_on_their_bc_number() -> None:
    # given 600 BC to 400 BC (astronomical -599 to -399)
    ticks = ticks_for(seconds_of(-599), seconds_of(-399))
    # then the labels read in round BC years, placed at the start of those years
    assert ticks.unit == "20 years"
    assert [tick.label for tick in ticks.minor][:3] == ["600 BC", "580 BC", "560 BC"]
    for tick in ticks.minor:
        bc = int(tick.label.removesuffix(" BC"))
        assert bc % 20 == 0
        assert tick.t == seconds_of(1 - bc)


def test_the_era_boundary_has_no_year_zero() -> None:
    ticks = ticks_for(seconds_of(-5), seconds_of(6), px=600)
    assert ticks.unit == "year"
    assert [tick.label for tick in ticks.minor] == [
        "6 BC", "5 BC", "4 BC", "3 BC", "2 BC", "1 BC",
        "AD 1", "AD 2", "AD 3", "AD 4", "AD 5", "AD 6"]  # both eras shown: AD says so


def test_a_step_of_years_turns_the_era_at_ad_1() -> None:
    # given 100 BC to AD 100, where 20-year ticks would fall on the year 0 that is not
    ticks = ticks_for(seconds_of(-99), seconds_of(101), px=1000)
    labels = [tick.label for tick in ticks.minor]
    # then the turn of the era has its tick, at the start of AD 1, and no gap is left
    assert ticks.unit == "20 years"
    assert labels[3:7] == ["40 BC", "20 BC", "AD 1", "AD 20"]
    assert ticks.minor[5].t == seconds_of(1)
    # and an axis wholly AD keeps its years bare
    assert [t.label for t in ticks_for(seconds_of(1990), seconds_of(2030), px=800).minor][:2] \
        == ["1990", "1992"]


def test_deep_time_reads_in_years_ago() -> None:
    # given the age of the universe up to now
    ticks = ticks_for(seconds_of(-13_800_000_000), seconds_of(2026), px=1600)
    # then the labels say how many billion years ago
    labels = [tick.label for tick in ticks.minor]
    assert ticks.unit == "2 billion years"
    assert labels == [*(f"{n} billion years ago" for n in (12, 10, 8, 6, 4, 2)), "now"]


def test_deep_time_labels_keep_the_digits_the_step_needs() -> None:
    # given 66.1 to 65.4 million years ago on 1200 pixels
    ticks = ticks_for(seconds_of(-66_100_000), seconds_of(-65_400_000), px=1200)
    # then each 100,000-year tick has its own label
    labels = [tick.label for tick in ticks.minor]
    assert ticks.unit == "100,000 years"
    assert labels[:3] == ["66.1 million years ago", "66 million years ago",
                          "65.9 million years ago"]
    assert len(set(labels)) == len(labels)


def test_steps_under_100000_years_stay_exact_in_deep_time() -> None:
    ticks = ticks_for(seconds_of(-66_100_000), seconds_of(-65_400_000), px=1600)
    assert ticks.unit == "50,000 years"
    assert [tick.label for tick in ticks.minor][:2] == ["66,100,000 BC", "66,050,000 BC"]


def test_deep_time_windows_around_the_present_have_a_now_tick() -> None:
    ticks = ticks_for(-5e5 * YEAR, 5e5 * YEAR)
    assert [tick.label for tick in ticks.minor] == [
        "400,000 years ago", "200,000 years ago", "now", "AD 200,000", "AD 400,000"]


@pytest.mark.parametrize(
    ("year", "step", "text"),
    [
        (2018, 1, "2018"),
        (-427, 1, "428 BC"),
        (0, 1, "1 BC"),
        (-2_000_000, 1, "2,000,001 BC"),
        (250_000, 1, "250,000"),
        (-900_000, 100_000, "900,000 years ago"),
        (-1_500_000, 100_000, "1.5 million years ago"),
        (-13_800_000_000, 100_000_000, "13.8 billion years ago"),
        (-4_567_000_000, 1_000_000, "4.567 billion years ago"),
        (-1_000_000_000_000, 10**12, "1,000 billion years ago"),
        (0, 100_000, "now"),
        (1_000_000, 1_000_000, "AD 1,000,000"),
    ],
)
def test_year_labels(year: int, step: int, text: str) -> None:
    assert year_label(year, step, YearStyle.CALENDAR) == text


def test_an_axis_across_ad_1_marks_ad_years_as_passed_not_as_hidden_state() -> None:
    # given the same year on an axis within AD and on one across AD 1
    # then the era style passed in decides, and nothing is left set afterwards
    assert year_label(100, 1, YearStyle.BOTH_ERAS) == "AD 100"
    assert year_label(100, 1, YearStyle.CALENDAR) == "100"
    across = [t.label for t in ticks_for(seconds_of(-50), seconds_of(50)).minor if t.label]
    within = [t.label for t in ticks_for(seconds_of(10), seconds_of(50)).minor if t.label]
    assert "AD 20" in across and "20" in within


def test_deep_time_tick_labels_and_dates_read_the_same() -> None:
    # given a year a million years ago, as a tick of a deep-time axis and as an event's date
    tick = year_label(-999_999, 100_000, YearStyle.CALENDAR)
    # then both read the same text: one formatter
    assert tick == year_text(-999_999) == "999,999 years ago"
    assert year_label(-1_500_000, 100_000, YearStyle.CALENDAR) == year_text(-1_500_000)


def test_long_major_labels_fall_back_to_shorter_forms() -> None:
    # given twelve-hour ticks in a year whose name is long: "Mon 12 Jan 5,000,000,001 BC"
    # and "12 Jan 5,000,000,001 BC" are both wider than a day
    year = -5_000_000_000
    ticks = ticks_for(seconds_of(year, 1, 12), seconds_of(year, 1, 22), px=900)
    assert ticks.unit == "12 hours"
    # then the days are labelled in the shortest form, and the context gives the year
    assert [tick.label for tick in ticks.major][:2] == ["12 Jan", "13 Jan"]
    assert ticks.context == "Wed 12 Jan 5,000,000,001 BC"
    assert_labels_apart(ticks.major, mono)


def test_major_labels_too_long_for_any_form_label_every_other_tick() -> None:
    # given half-year ticks, where years like "5,000,000,006 BC" are wider than a year
    ticks = ticks_for(seconds_of(-5_000_000_005), seconds_of(-4_999_999_995))
    assert ticks.unit == "half-year"
    # then every year keeps its tick, but only the even ones are labelled
    assert len(ticks.major) == 11
    assert [tick.label for tick in ticks.major][:3] == ["5,000,000,006 BC", "", "5,000,000,004 BC"]
    assert_labels_apart(ticks.major, mono)


def test_the_ladder_runs_from_minutes_to_beyond_ten_billion_years() -> None:
    units = [step.unit for step in LADDER]
    assert units[:5] == ["minute", "5 minutes", "15 minutes", "30 minutes", "hour"]
    assert {"day", "week", "month", "quarter", "decade", "century", "millennium",
            "billion years", "10 billion years"} <= set(units)
    assert [step.shortest for step in LADDER] == sorted(step.shortest for step in LADDER)


@pytest.mark.parametrize(
    "window",
    [
        TimeWindow(0.0, 0.0),
        TimeWindow(10.0, 0.0),
        TimeWindow(math.nan, 0.0),
        TimeWindow(0.0, math.inf),
        TimeWindow(-1e300, 1e300),
        TimeWindow(1e300, 1e300 * 1.0000001),
    ],
)
def test_absurd_windows_give_no_ticks_and_no_errors(window: TimeWindow) -> None:
    ticks = compute_ticks(Scale(window, 0.0, 1000.0), mono)
    assert ticks.minor == () and ticks.major == ()


@pytest.mark.parametrize("px", [0.0, -10.0, math.nan, math.inf])
def test_absurd_pixel_widths_give_no_ticks(px: float) -> None:
    ticks = compute_ticks(Scale(TimeWindow(0.0, YEAR), 0.0, px), mono)
    assert ticks == Ticks((), (), "")


@pytest.mark.parametrize(
    "measure", [lambda s: math.nan, lambda s: -5.0, lambda s: 0.0, lambda s: math.inf])
def test_absurd_measures_never_flood_nor_collide(measure: Callable[[str], float]) -> None:
    ticks = compute_ticks(Scale(TimeWindow(0.0, 10 * YEAR), 0.0, 1000.0), measure)
    assert len(ticks.minor) <= 1000 / MIN_TICK_SPACING + 1
    if measure("x") == math.inf:
        assert sum(1 for tick in ticks.minor if tick.label) <= 1


def test_a_huge_window_still_gets_a_label() -> None:
    # given labels wider than any step at this zoom
    ticks = ticks_for(-5e10 * YEAR, 5e10 * YEAR, px=200)
    # then a step is used whose labels fit, marking at least the present
    assert [tick.label for tick in ticks.minor] == ["now"]


def test_visible_labels_drops_labels_cut_by_the_ends() -> None:
    # given labels 35 pixels wide centred at 10, 100 and 990 on a 1000-pixel axis
    row = (Tick(0.0, 10.0, "09:00"), Tick(1.0, 100.0, "10:00"), Tick(1.5, 150.0, ""),
           Tick(2.0, 990.0, "11:00"))
    # then only the label wholly inside is kept; unlabelled ticks are not labels
    assert visible_labels(row, 0.0, 1000.0, mono) == (row[1],)
    assert visible_labels(row, 0.0, 1100.0, mono) == (row[1], row[3])


def test_the_axis_modules_do_not_import_qt() -> None:
    code = ("import sys, viewer.view.ticks, viewer.view.scale, viewer.view.timewindow; "
            "sys.exit(any(name.startswith('PySide6') for name in sys.modules))")
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0

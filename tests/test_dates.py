"""Dates keep the precision the user wrote, across every era."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.dates import (
    Date,
    DateError,
    Precision,
    YearStyle,
    civil_from_days,
    civil_from_seconds,
    days_from_civil,
    format_duration,
    parse_date,
    seconds_of,
    year_text,
)

P = Precision


@pytest.mark.parametrize(
    ("text", "year", "month", "day", "precision"),
    [
        ("2018", 2018, 1, 1, P.YEAR),
        ("2018-12", 2018, 12, 1, P.MONTH),
        ("2018-12-01", 2018, 12, 1, P.DAY),
        ("-0427", -427, 1, 1, P.YEAR),
        ("-0427-03-15", -427, 3, 15, P.DAY),
        ("427 BC", -426, 1, 1, P.YEAR),
        ("500 BCE", -499, 1, 1, P.YEAR),
        ("1 BC", 0, 1, 1, P.YEAR),
        ("AD 33", 33, 1, 1, P.YEAR),
        ("33 CE", 33, 1, 1, P.YEAR),
        ("-13800000000", -13800000000, 1, 1, P.YEAR),
        ("Dec 1, 2018", 2018, 12, 1, P.DAY),
        ("1 December 2018", 2018, 12, 1, P.DAY),
        ("Jan. 14, 2026", 2026, 1, 14, P.DAY),
        ("December 2018", 2018, 12, 1, P.MONTH),
    ],
)
def test_each_written_form_keeps_its_precision(text, year, month, day, precision):
    d = parse_date(text)
    assert (d.year, d.month, d.day, d.precision) == (year, month, day, precision)
    assert not d.approximate


@pytest.mark.parametrize("text", ["~2018", "circa 2018", "c. 2018", "ca. 2018", "Circa 2018"])
def test_approximate_forms(text):
    d = parse_date(text)
    assert d.approximate and d.year == 2018 and d.precision == P.YEAR
    assert d.display() == "c. 2018"


def test_instants_keep_their_offset_and_are_placed_in_utc():
    d = parse_date("2026-01-14T21:30+08:00")
    assert d.precision == P.MINUTE and d.offset == 480
    assert d.start == seconds_of(2026, 1, 14, 13, 30)
    assert parse_date("2026-01-14T13:30:00Z").start == d.start
    assert parse_date("2026-01-14 13:30:05").precision == P.SECOND


def test_a_date_covers_the_span_of_its_precision():
    assert parse_date("2018").end - parse_date("2018").start == 365 * 86400
    assert parse_date("2020-02").end - parse_date("2020-02").start == 29 * 86400
    assert parse_date("2018-12-01").end == parse_date("2018-12-02").start


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Monday", "has no year"),
        ("Dec 1", "has no year"),
        ("Dec 1, 18", "has no year"),
        ("2018-13", "month 13 does not exist"),
        ("2018-02-29", "day 29 does not exist in February 2018"),
        ("31 November 2018", "day 31 does not exist in November 2018"),  # written forms too
        ("November 31, 2018", "day 31 does not exist in November 2018"),
        ("Feb 29, 2019", "day 29 does not exist in February 2019"),
        ("31st Nov. 427 BC", "is not a date"),  # dateutil reads no BC: no day to blame
        ("Nov 31, 18", "is not a date"),  # a short year is no month to blame either
        ("2018-12-01T25:00", "does not exist"),
        ("0 BC", "no year 0"),
        ("yesterday-ish", "is not a date"),
        ("", "empty date"),
    ],
)
def test_bad_dates_are_errors_never_guesses(text, message):
    with pytest.raises(DateError) as err:
        parse_date(text)
    assert message in err.value.message


def test_leap_day_exists_in_leap_years_only():
    assert parse_date("2020-02-29").day == 29
    assert parse_date("2000-02-29").day == 29
    with pytest.raises(DateError):
        parse_date("1900-02-29")


def test_display_reads_naturally():
    assert parse_date("2026-01-14").display() == "14 January 2026"
    assert parse_date("-0427").display() == "428 BC"
    assert parse_date("-13800000000").display() == "13.8 billion years ago"
    assert parse_date("-66000000").display() == "66 million years ago"


def test_axis_origin_is_2000():
    assert parse_date("2000-01-01").start == 0.0
    assert parse_date("1999-12-31").start == -86400.0


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_day_numbers_round_trip(days):
    assert days_from_civil(*civil_from_days(days)) == days


@given(st.integers(min_value=-10**6, max_value=10**6), st.integers(1, 12), st.integers(1, 28))
def test_seconds_round_trip_through_the_calendar(year, month, day):
    t = seconds_of(year, month, day, 13, 45)
    assert civil_from_seconds(t)[:5] == (year, month, day, 13, 45)


dates = st.builds(
    lambda y, mo, d, h, mi, s, p, a, off: Date(
        y, mo if p >= P.MONTH else 1, d if p >= P.DAY else 1,
        h if p >= P.MINUTE else 0, mi if p >= P.MINUTE else 0,
        float(s) if p == P.SECOND else 0.0, precision=p, approximate=a,
        offset=off if p >= P.MINUTE else None),
    st.integers(-10**10, 9999), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23),
    st.integers(0, 59), st.integers(0, 59), st.sampled_from(list(P)), st.booleans(),
    st.one_of(st.none(), st.integers(-18 * 60, 18 * 60)),
)


@given(dates)
def test_iso_form_round_trips(d):
    assert parse_date(d.iso()) == d


def test_durations_are_rough_and_human():
    assert format_duration(4 * 86400) == "4 days"
    assert format_duration(3 * 365.25 * 86400) == "3 years"
    assert format_duration(90 * 60) == "2 hours"


def test_deep_years_read_in_years_ago_from_year_0_as_the_axis_counts() -> None:
    # given years from 1,000,000 BC back, as an event's date reads them
    # then they count years before year 0, exactly up to six digits, else to three
    assert year_text(-999_999) == "999,999 years ago"
    assert year_text(-999_998) == "999,999 BC"
    assert year_text(-1_500_000) == "1.5 million years ago"
    assert year_text(-13_799_999_999) == "13.8 billion years ago"
    assert year_text(-999_999, style=YearStyle.AGO) == year_text(-999_999)
    assert year_text(100, style=YearStyle.BOTH_ERAS) == "AD 100"

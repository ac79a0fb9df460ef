"""Dates keep the precision the user wrote, across every era."""


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.dates import (
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


# -- sizes a parser cannot take, and guesses it must not make --------------------------------

@pytest.mark.parametrize(("text", "digits"), [
    ("9" * 5000, "5,000"),  # past Python's int() limit of 4,300 digits
    ("9" * 302, "302"),  # past a float: the axis coordinate overflowed
    ("-" + "9" * 16, "16"),
    ("9" * 5000 + " BC", "5,000"),
    ("AD " + "9" * 400, "400"),
    ("~" + "9" * 20 + "-01-01", "20"),
])
def test_a_year_past_fifteen_digits_is_out_of_range(text, digits):
    with pytest.raises(DateError) as err:
        parse_date(text)
    assert err.value.message == f"year out of range ({digits} digits; at most 15)"


def test_the_widest_years_still_read():
    assert parse_date("-999999999999999").year == -999999999999999
    assert parse_date("999999999999999 BC").year == -999999999999998
    assert parse_date("-00000000000000000000000427").year == -427  # leading zeros are no size


def test_a_long_date_is_an_error_at_once():
    text = "1 December 2018 " + "x" * 1_000_000
    with pytest.raises(DateError) as err:  # dateutil took ~10 s on this before the cap
        parse_date(text)
    assert err.value.message == f"date is too long ({len(text):,} characters; at most 64)"


def test_sixty_four_characters_are_enough_for_any_promised_form():
    assert parse_date("~-999999999999999-12-31T23:59:59.999999+08:00").precision == P.SECOND
    assert parse_date("circa  1 December 2018" + " " * 100).day == 1  # spaces around are free
    with pytest.raises(DateError, match="too long"):
        parse_date("1 December 2018" + " " * 50 + "10:30" + " " * 10)


@pytest.mark.parametrize("text", [
    "-0427-03-15-",  # was AD 427
    "-427 March 15",
    "March 15, -427",
    "1 December -2018",
    "-Dec 1 2018",
    "\u22120427-03-15",  # a typographic minus
    "2018-01-02 -05:00",  # was 05:00 in the morning
])
def test_a_minus_sign_the_written_forms_would_drop_is_an_error(text):
    with pytest.raises(DateError) as err:
        parse_date(text)
    assert err.value.message.endswith("its '-' sign would be lost")
    assert "-0427-03-15" in err.value.hint


def test_a_minus_after_a_time_is_its_zone():
    d = parse_date("Jan 2 2018 10:30 -0500")
    assert (d.year, d.month, d.day, d.hour, d.offset) == (2018, 1, 2, 10, -300)


def test_a_bc_date_with_a_month_points_to_astronomical_years():
    with pytest.raises(DateError) as err:
        parse_date("15 March 44 BC")
    assert "-0043-03-15 is 15 March 44 BC" in err.value.hint


def test_day_and_month_that_could_be_either_are_ambiguous():
    with pytest.raises(DateError) as err:
        parse_date("1 2 2018")
    assert err.value.message == "ambiguous: 1 2 2018 could be 1 February or January 2"
    assert err.value.hint == "write 2018-02-01 for 1 February or 2018-01-02 for January 2"


@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from([" ", "/", ".", "-"]),
       st.sampled_from(["", " 10:30"]))
def test_every_numeric_day_month_order_guess_is_refused(a, b, sep, time):
    text = f"{a}{sep}{b}{sep}2018{time}"
    if a == b:  # the same either way: nothing is guessed
        d = parse_date(text)
        assert (d.year, d.month, d.day) == (2018, a, a)
        return
    with pytest.raises(DateError) as err:
        parse_date(text)
    assert err.value.message.startswith(f"ambiguous: {text} could be ")


@pytest.mark.parametrize(("text", "month", "day"), [
    ("13/12/2018", 12, 13),  # 13 is no month: one reading
    ("12/13/2018", 12, 13),
    ("2018/1/2", 1, 2),  # year first is year, month, day, as in ISO
    ("2018 1 2", 1, 2),
    ("2018.12.1", 12, 1),
    ("2018-1-2", 1, 2),
])
def test_numeric_forms_with_one_reading_still_read(text, month, day):
    d = parse_date(text)
    assert (d.year, d.month, d.day, d.precision) == (2018, month, day, P.DAY)


def test_a_year_the_written_form_does_not_hold_is_no_date():
    with pytest.raises(DateError, match="is not a date I can read"):
        parse_date("1 2 3 2018")  # dateutil made it 2 January 2003, 20:18


def test_a_line_break_in_a_date_stays_out_of_the_one_line_message():
    with pytest.raises(DateError) as err:
        parse_date("Dec\n1")
    assert "\n" not in err.value.message and "Dec\\n1" in err.value.message


_DATE_CHARS = st.text(st.sampled_from("0123456789-/.:, ~TZ+ADBCEadbce"), max_size=16)
_WORDS = st.sampled_from(["", "March ", "Dec ", "15 ", "1 December ", "circa "])


@settings(max_examples=300)
@given(_WORDS, _DATE_CHARS)
def test_any_accepted_date_written_with_a_leading_minus_is_before_ad_1(words, rest):
    text = "-" + words + rest
    try:
        d = parse_date(text)
    except DateError:
        return
    assert d.year <= 0, f"{text!r} read as {d.iso()}"


@pytest.mark.parametrize(("text", "message"), [
    ("Jan 2 2018 10:30 PST", "time zone 'PST' is not one I know"),  # was placed as UTC
    ("Jan 2 2018 10:30 UTC+3", "time zone 'UTC+3' can be read both ways"),  # was -03:00
    ("Jan 2 2018 10:30 GMT-03:00", "time zone 'GMT-03:00' can be read both ways"),
    ("Jan 2 2018 10:30 EST+5", "time zone 'EST' can be read both ways"),
])
def test_a_time_zone_the_written_forms_would_drop_or_flip_is_an_error(text, message):
    with pytest.raises(DateError) as err:
        parse_date(text)
    assert err.value.message == message


@pytest.mark.parametrize(("text", "hour", "offset"), [
    ("Jan 2 2018 10:30 UTC", 10, 0),
    ("Jan 2 2018 10:30 GMT", 10, 0),
    ("Jan 2 2018 10:30 +0800", 10, 480),
    ("Jan 2 2018 10:30 PM -05:00", 22, -300),
])
def test_written_times_with_a_plain_offset_or_utc_still_read(text, hour, offset):
    d = parse_date(text)
    assert (d.hour, d.offset) == (hour, offset)


def test_deep_years_read_in_years_ago_from_year_0_as_the_axis_counts() -> None:
    # given years from 1,000,000 BC back, as an event's date reads them
    # then they count years before year 0, exactly up to six digits, else to three
    assert year_text(-999_999) == "999,999 years ago"
    assert year_text(-999_998) == "999,999 BC"
    assert year_text(-1_500_000) == "1.5 million years ago"
    assert year_text(-13_799_999_999) == "13.8 billion years ago"
    assert year_text(-999_999, style=YearStyle.AGO) == year_text(-999_999)
    assert year_text(100, style=YearStyle.BOTH_ERAS) == "AD 100"

"""The view window is an immutable value: zoom and pan make new windows, one clamp bounds them."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from viewer.model.dates import SECONDS_PER_DAY, seconds_of
from viewer.view.scale import Scale
from viewer.view.timewindow import Limits, TimeWindow

YEAR = 365.2425 * SECONDS_PER_DAY

# Windows anywhere from 10 billion years ago to 10,000 years ahead, a minute to 1e10 years wide.
starts = st.floats(-1e10 * YEAR, 1e4 * YEAR)
widths = st.floats(math.log(60.0), math.log(1e10 * YEAR)).map(math.exp)
factors = st.floats(1 / 100, 100)
fractions = st.floats(0.0, 1.0)
any_float = st.floats(allow_nan=True, allow_infinity=True)


@st.composite
def windows(draw: st.DrawFn) -> TimeWindow:
    start = draw(starts)
    window = TimeWindow(start, start + draw(widths))
    assume(window.width > 0)
    return window


def slack(*times: float) -> float:
    """A few float steps at the magnitude of ``times``: how exact arithmetic on them can be."""
    return 8 * math.ulp(max(abs(t) for t in times))


@given(windows(), factors, fractions)
def test_zoom_in_then_out_returns_the_same_window(window: TimeWindow, factor: float,
                                                  fraction: float) -> None:
    # given a window and an anchor inside it
    anchor = window.start + fraction * window.width
    # when zooming in and back out about the anchor
    back = window.zoom(factor, anchor).zoom(1 / factor, anchor)
    # then the window is what it was
    tolerance = 1e-9 * window.width + max(factor, 1 / factor) * slack(window.start, window.end)
    assert back.start == pytest.approx(window.start, abs=tolerance)
    assert back.end == pytest.approx(window.end, abs=tolerance)


@given(windows(), factors, fractions)
def test_zoom_keeps_the_anchor_time_at_the_same_pixel(window: TimeWindow, factor: float,
                                                      fraction: float) -> None:
    # given the time under the cursor, and a zoom to a width floats can still resolve
    assume(window.width / factor > 1000 * math.ulp(abs(window.start)))
    anchor = window.start + fraction * window.width
    before = Scale(window, 0.0, 1000.0)
    # when zooming about it
    zoomed = window.zoom(factor, anchor)
    after = Scale(zoomed, 0.0, 1000.0)
    # then it is still under the cursor, and the width changed by the factor
    px_slack = slack(window.start, window.end) * max(before.px_per_second, after.px_per_second)
    assert after.x(anchor) == pytest.approx(before.x(anchor), abs=1e-6 + px_slack)
    assert zoomed.width == pytest.approx(window.width / factor, rel=1e-9,
                                         abs=slack(window.start, window.end))


def test_a_factor_above_one_zooms_in() -> None:
    # given a 100-second window
    window = TimeWindow(0.0, 100.0)
    # when zooming by 2 about its start, and by 0.5 about its end
    # then the first halves and keeps its start, the second doubles and keeps its end
    assert window.zoom(2.0, 0.0) == TimeWindow(0.0, 50.0)
    assert window.zoom(0.5, 100.0) == TimeWindow(-100.0, 100.0)


@pytest.mark.parametrize("factor", [0.0, -2.0, math.nan, math.inf])
def test_an_unusable_zoom_factor_leaves_the_window_alone(factor: float) -> None:
    window = TimeWindow(10.0, 20.0)
    assert window.zoom(factor, 15.0) == window


def test_pan_shifts_both_ends_and_does_not_clamp() -> None:
    window = TimeWindow(0.0, 100.0)
    assert window.pan(25.0) == TimeWindow(25.0, 125.0)
    assert window.pan(-1e20) == TimeWindow(-1e20, -1e20 + 100.0)


def test_width_and_centre() -> None:
    window = TimeWindow(-10.0, 30.0)
    assert window.width == 40.0
    assert window.centre == 10.0


limits_values = st.builds(
    Limits,
    min_width=st.floats(1.0, 1e6),
    max_width=st.floats(1e6, 1e18),
    lo=st.one_of(st.just(-math.inf), st.floats(-1e18, 1e17)),
    hi=st.one_of(st.just(math.inf), st.floats(-1e17, 1e18)),
)
raw_ends = st.one_of(st.floats(-1e19, 1e19), any_float)


@given(raw_ends, raw_ends, limits_values)
def test_clamp_gives_a_usable_window_within_the_limits(start: float, end: float,
                                                       limits: Limits) -> None:
    # given any window at all, even reversed, empty or NaN, and any sensible limits
    lo, hi = min(limits.lo, limits.hi), max(limits.lo, limits.hi)
    # when clamping it
    window = TimeWindow(start, end).clamped(limits)
    # then it has a finite positive width between min_width and max_width (to rounding)
    assert math.isfinite(window.start) and math.isfinite(window.end)
    assert window.width > 0
    rounding = 2 * slack(window.start, window.end)
    assert limits.min_width - rounding <= window.width <= limits.max_width + rounding
    # and it lies inside [lo, hi], or is centred on it when it cannot fit
    if window.width < hi - lo:
        assert lo <= window.start and window.end <= hi
    else:
        assert window.centre == pytest.approx(0.5 * lo + 0.5 * hi, abs=rounding)


@given(windows(), limits_values)
def test_clamp_leaves_a_window_that_already_obeys_alone(window: TimeWindow,
                                                        limits: Limits) -> None:
    # given a window that already obeys the limits
    assume(limits.min_width <= window.width <= limits.max_width)
    assume(min(limits.lo, limits.hi) <= window.start and window.end <= max(limits.lo, limits.hi))
    # when clamping it, then it stays where it is
    clamped = window.clamped(limits)
    rounding = 2 * slack(window.start, window.end)
    assert clamped.start == pytest.approx(window.start, abs=rounding)
    assert clamped.end == pytest.approx(window.end, abs=rounding)


def test_clamp_keeps_the_centre_when_resizing() -> None:
    limits = Limits(min_width=60.0, max_width=1000.0)
    assert TimeWindow(100.0, 110.0).clamped(limits) == TimeWindow(75.0, 135.0)
    assert TimeWindow(-5000.0, 5000.0).clamped(limits) == TimeWindow(-500.0, 500.0)


def test_clamp_shifts_a_window_back_inside_the_bounds() -> None:
    limits = Limits(lo=0.0, hi=1000.0)
    assert TimeWindow(-50.0, 50.0).clamped(limits) == TimeWindow(0.0, 100.0)
    assert TimeWindow(950.0, 1150.0).clamped(limits) == TimeWindow(800.0, 1000.0)
    # one wider than the bounds is centred on them
    assert TimeWindow(0.0, 3000.0).clamped(limits) == TimeWindow(-1000.0, 2000.0)


@pytest.mark.parametrize(
    ("start", "end"),
    [(5.0, 5.0), (math.nan, math.nan), (math.nan, 100.0), (-math.inf, math.inf), (10.0, -10.0)],
)
def test_clamp_repairs_degenerate_windows(start: float, end: float) -> None:
    window = TimeWindow(start, end).clamped(Limits(min_width=60.0, max_width=1e6))
    assert math.isfinite(window.start) and math.isfinite(window.end)
    assert 60.0 <= window.width <= 1e6


def test_clamp_reads_muddled_limits_leniently() -> None:
    # a NaN minimum means one minute; bounds given the wrong way round are swapped
    limits = Limits(min_width=math.nan, max_width=math.nan, lo=1000.0, hi=0.0)
    assert TimeWindow(0.0, 1.0).clamped(limits) == TimeWindow(0.0, 60.0)


def test_clamp_never_gives_zero_width_where_floats_are_coarse() -> None:
    # given a 1-second minimum at 10 billion years ago, where floats are 64 seconds apart
    t = seconds_of(-10_000_000_000)
    window = TimeWindow(t, t).clamped(Limits(min_width=1.0))
    # then the window still has a width
    assert window.width > 0


@given(starts, widths, st.floats(0.0, 0.45))
def test_fit_shows_the_range_with_the_margin_on_each_side(t0: float, span: float,
                                                          margin: float) -> None:
    # given a range of times
    t1 = t0 + span
    assume(t1 > t0)
    # when fitting a window to it (ends in either order)
    window = TimeWindow.fit(t1, t0, margin)
    # then it covers the range, with `margin` of its width free on each side
    rounding = slack(window.start, window.end)
    assert window.start <= t0 and t1 <= window.end
    assert t0 - window.start == pytest.approx(margin * window.width, rel=1e-9, abs=rounding)
    assert window.end - t1 == pytest.approx(margin * window.width, rel=1e-9, abs=rounding)


def test_fit_of_a_single_instant_shows_the_day_around_it() -> None:
    t = seconds_of(2026, 1, 14, 12)
    assert TimeWindow.fit(t, t) == TimeWindow(seconds_of(2026, 1, 14), seconds_of(2026, 1, 15))
    assert TimeWindow.fit(math.nan, t) == TimeWindow.fit(t, t)
    assert TimeWindow.fit(math.nan, math.inf).width == SECONDS_PER_DAY


def test_fit_default_margin_is_five_percent() -> None:
    window = TimeWindow.fit(0.0, 900.0)
    assert window.start == pytest.approx(-50.0)
    assert window.end == pytest.approx(950.0)


@pytest.mark.parametrize(
    ("t0", "t1", "expected"),
    [
        (0.0, 5.0, False),  # ends before the window
        (0.0, 10.0, True),  # touches its start
        (15.0, 15.0, True),  # an instant inside
        (25.0, 5.0, True),  # reversed, spanning it
        (20.0, 30.0, True),  # touches its end
        (21.0, 30.0, False),  # starts after it
    ],
)
def test_overlaps(t0: float, t1: float, expected: bool) -> None:
    assert TimeWindow(10.0, 20.0).overlaps(t0, t1) is expected

"""One object converts time to pixels and back."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from viewer.model.dates import SECONDS_PER_DAY, seconds_of
from viewer.view.scale import Scale
from viewer.view.timewindow import TimeWindow

YEAR = 365.2425 * SECONDS_PER_DAY

starts = st.floats(-1e10 * YEAR, 1e4 * YEAR)
widths = st.floats(math.log(60.0), math.log(1e10 * YEAR)).map(math.exp)
lefts = st.floats(-500.0, 500.0)
pixel_widths = st.floats(200.0, 4000.0)


@st.composite
def scales(draw: st.DrawFn) -> Scale:
    start = draw(starts)
    window = TimeWindow(start, start + draw(widths))
    assume(window.width > 0)
    return Scale(window, draw(lefts), draw(pixel_widths))


def px_slack(scale: Scale) -> float:
    """How far float rounding of the window's times can move a pixel."""
    ulp = math.ulp(max(abs(scale.window.start), abs(scale.window.end)))
    return 1e-6 + 4 * ulp * scale.px_per_second


def test_the_window_ends_map_to_the_pixel_ends() -> None:
    # given a day shown on 960 pixels starting at x = 40
    scale = Scale(TimeWindow(seconds_of(2026, 1, 14), seconds_of(2026, 1, 15)), 40.0, 960.0)
    # then midnight, noon and the next midnight land at the left, middle and right
    assert scale.x(seconds_of(2026, 1, 14)) == 40.0
    assert scale.x(seconds_of(2026, 1, 14, 12)) == pytest.approx(520.0)
    assert scale.x(seconds_of(2026, 1, 15)) == pytest.approx(1000.0)
    assert scale.right == 1000.0
    assert scale.px_per_second == pytest.approx(960.0 / SECONDS_PER_DAY)


@given(scales(), st.floats(-0.5, 1.5))
def test_x_then_t_round_trips(scale: Scale, fraction: float) -> None:
    # given a time in or near the window
    t = scale.window.start + fraction * scale.window.width
    # when it goes to a pixel and back, then it is the same time (to a fraction of a pixel)
    assert scale.x(scale.t(scale.x(t))) == pytest.approx(scale.x(t), abs=px_slack(scale))
    assert scale.t(scale.x(t)) == pytest.approx(
        t, rel=1e-12, abs=px_slack(scale) / scale.px_per_second)


@given(scales(), st.floats(-0.5, 1.5))
def test_t_then_x_round_trips(scale: Scale, fraction: float) -> None:
    x = scale.left + fraction * scale.width
    assert scale.x(scale.t(x)) == pytest.approx(x, abs=px_slack(scale))


@given(scales(), st.floats(-2000.0, 2000.0))
def test_dragging_by_dx_moves_the_content_by_dx(scale: Scale, dx: float) -> None:
    # given a time under the pointer
    x = scale.left + 0.5 * scale.width
    t = scale.t(x)
    # when the window pans by the drag of dx pixels
    dragged = Scale(scale.window.pan(-scale.dx_to_dt(dx)), scale.left, scale.width)
    # then that time is now dx pixels further right
    assert dragged.x(t) == pytest.approx(x + dx, abs=px_slack(scale) + 1e-9 * abs(dx))


def test_times_are_monotonic_in_pixels() -> None:
    scale = Scale(TimeWindow(-100.0, 100.0), 0.0, 200.0)
    xs = [scale.x(t) for t in (-1e6, -100.0, 0.0, 50.0, 1e6)]
    assert xs == sorted(xs)
    assert scale.dx_to_dt(1.0) == 1.0


@pytest.mark.parametrize(
    "scale",
    [
        Scale(TimeWindow(5.0, 5.0), 0.0, 100.0),
        Scale(TimeWindow(math.nan, 5.0), 0.0, 100.0),
        Scale(TimeWindow(0.0, 10.0), 0.0, 0.0),
        Scale(TimeWindow(0.0, 10.0), 0.0, -50.0),
        Scale(TimeWindow(10.0, 0.0), 0.0, 100.0),
    ],
)
def test_a_degenerate_scale_never_raises(scale: Scale) -> None:
    # given an empty, reversed or NaN window, or no pixels, then nothing divides by zero
    assert scale.px_per_second == 0.0
    assert scale.x(123.0) == scale.left
    t = scale.t(50.0)
    assert t == scale.window.start or (math.isnan(t) and math.isnan(scale.window.start))
    assert scale.dx_to_dt(10.0) == 0.0

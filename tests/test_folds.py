"""The folding time axis: which gaps fold, and the one mapping time ↔ x through them."""

import math
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from viewer.view.folds import MAX_FOLDS, Fold, choose_folds, folded_time, skipped_text
from viewer.view.framing import framed
from viewer.view.scale import Scale
from viewer.view.timewindow import TimeWindow

YEAR = 365.2425 * 86400
BUNDLED_LIKE = [(0.0, YEAR)] + [(47 * YEAR + i * YEAR, 48 * YEAR + i * YEAR) for i in range(9)]

times = st.floats(-1e4 * YEAR, 1e4 * YEAR, allow_nan=False)
intervals = st.lists(st.tuples(times, st.floats(0, 50 * YEAR)).map(lambda p: (p[0], p[0] + p[1])),
                     min_size=1, max_size=40)


def close(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), scale, 1.0)


@given(intervals, st.lists(times, min_size=2, max_size=20))
def test_fold_is_monotone_and_unfold_is_its_inverse(ivs, ts):
    folds = folded_time(ivs)
    ts = sorted(ts)
    us = [folds.fold(t) for t in ts]
    assert all(a <= b for a, b in pairwise(us))
    for t in ts:
        assert close(folds.unfold(folds.fold(t)), t, 1e4 * YEAR)


@given(intervals)
def test_no_event_falls_in_a_fold_and_there_are_few(ivs):
    folds = folded_time(ivs).folds
    assert len(folds) <= MAX_FOLDS
    for f in folds:
        assert 0 < f.width < f.skipped
        assert not any(t0 < f.t1 and t1 > f.t0 for t0, t1 in ivs)


@given(st.lists(st.floats(0, 100 * YEAR), min_size=8, max_size=60))
def test_a_timeline_without_large_gaps_has_no_folds(starts):
    starts = sorted([0.0, 100 * YEAR, *starts])
    if max(b - a for a, b in pairwise(starts)) < 0.15 * 100 * YEAR:
        assert not folded_time([(t, t + 86400) for t in starts])


def test_the_bundled_gap_folds_and_says_what_it_skips():
    (fold,) = folded_time(BUNDLED_LIKE).folds
    assert fold.t0 > YEAR and fold.t1 < 47 * YEAR
    assert skipped_text(fold) == "⋯ 45 years ⋯"
    assert skipped_text(Fold(0, 100 * 86400, 1)) == "⋯ 3 months ⋯"
    assert skipped_text(Fold(0, 12 * 86400, 1)) == "⋯ 12 days ⋯"
    assert choose_folds([(0, 1), (10, 11)], (0, 11), max_folds=0) == []


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_x_is_monotone_in_time_and_round_trips_through_the_scale(a, b):
    folds = folded_time(BUNDLED_LIKE)
    window = framed((0.0, 56 * YEAR), 1000, folding=folds)
    scale = Scale(window, 168, 1000, folds)
    assert scale.folds == folds  # fit-all keeps the gap folded
    t0, t1 = sorted((window.start + a * window.width, window.start + b * window.width))
    assert scale.x(t0) <= scale.x(t1)
    assert close(scale.t(scale.x(t0)), t0, 60 * YEAR)


def test_fit_all_folded_shows_both_clusters_readably():
    folds = folded_time(BUNDLED_LIKE)
    scale = Scale(framed((0.0, 56 * YEAR), 1000, folding=folds), 0, 1000, folds)
    assert scale.x(47 * YEAR) - scale.x(YEAR) < 250  # 1971 and 2017 are close
    assert scale.x(56 * YEAR) - scale.x(47 * YEAR) > 600  # the recent cluster is wide
    assert scale.world(1.0)[1] > 56 * YEAR - folds.folds[0].skipped  # layout: folded seconds


@given(st.floats(1.01, 20.0), st.floats(0.0, 1000.0))
def test_zooming_keeps_the_time_under_the_cursor(factor, x):
    folds = folded_time(BUNDLED_LIKE)
    scale = Scale(framed((0.0, 56 * YEAR), 1000, folding=folds), 0, 1000, folds)
    before = scale.t(x)
    after = Scale(scale.zoomed(factor, x), 0, 1000, folds)
    assert abs(after.x(before) - x) < 1e-6


def test_zooming_into_a_fold_unfolds_it():
    folds = folded_time(BUNDLED_LIKE)
    scale = Scale(framed((0.0, 56 * YEAR), 1000, folding=folds), 0, 1000, folds)
    fold = folds.folds[0]
    x = 0.5 * (scale.x(fold.t0) + scale.x(fold.t1))
    for _ in range(40):
        scale = Scale(scale.zoomed(1.25, x), 0, 1000, folds)
        if not scale.folds:
            break
    assert not scale.folds  # the years inside are real time again
    assert fold.t0 < scale.window.start < fold.t1
    assert abs(scale.x(scale.t(x)) - x) < 1e-6


def test_zooming_in_beside_a_fold_keeps_the_scale_there():
    folds = folded_time(BUNDLED_LIKE)
    scale = Scale(framed((0.0, 56 * YEAR), 1000, folding=folds), 0, 1000, folds)
    x = scale.x(52 * YEAR)
    zoomed = Scale(scale.zoomed(2.0, x), 0, 1000, folds)
    assert not zoomed.folds  # 1970 went out of view: the gap is unfolded...
    assert math.isclose(zoomed.px_per_second, 2 * scale.px_per_second)  # ...no jump
    assert math.isclose(zoomed.x(52 * YEAR), x)
    out = Scale(zoomed.zoomed(0.01, x), 0, 1000, folds)
    assert out.folds == folds  # zooming far out folds it again, still without a jump
    assert math.isclose(out.x(52 * YEAR), x)
    assert out.window.start < 0.0


def test_no_folds_is_the_plain_linear_scale():
    window = TimeWindow(0.0, 100.0)
    plain = Scale(window, 10, 200)
    assert plain.x(50.0) == 110.0 and plain.t(110.0) == 50.0
    assert plain.zoomed(2.0, 110.0) == TimeWindow(25.0, 75.0)
    assert plain.panned(20.0) == TimeWindow(-10.0, 90.0)


@given(st.lists(st.tuples(st.floats(-8e9, 1e10), st.floats(0, 1e9)), min_size=1, max_size=60),
       st.lists(st.tuples(st.integers(1700, 2300), st.integers(1, 40)), max_size=3))
def test_the_merged_reading_of_sorted_events_folds_as_the_plain_one(events, periods):
    from viewer.model.dates import Date
    from viewer.model.model import Period, Timeline
    from viewer.view.folds import folding_of

    events.sort()
    t0 = [a for a, _ in events]
    t1 = [a + d for a, d in events]
    timeline = Timeline(periods=tuple(Period("p", Date(y, 1, 1), Date(y + n, 1, 1))
                                      for y, n in periods))
    plain = folded_time([*zip(t0, t1, strict=True), *((p.t0, p.t1) for p in timeline.periods)])
    assert folding_of(timeline, t0, t1) == plain
